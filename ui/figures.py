"""Plotly figures kept by ``st.cache_data`` as their dicts (``go.Figure.to_dict()``), drawn
again without building them a second time.

Given a dict, ``st.plotly_chart`` builds and checks a whole ``go.Figure`` from it (with the
theme's template: 10–30 ms a chart) and sends that figure's dict; given a figure, it sends
``figure.to_dict()`` as it is. ``Built`` is a figure that *is* its cached dict, so a cached
chart is sent exactly as the figure built on the first run was (same JSON, same element id).
"""

from __future__ import annotations

from plotly.basedatatypes import BaseFigure


class Built(BaseFigure):
    """A figure already built and checked, held as its dict: only ``to_dict`` is meant to be
    used (``st.plotly_chart``); nothing else of ``BaseFigure`` is set up."""

    def __init__(self, spec: dict) -> None:  # no BaseFigure.__init__: nothing to build
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec
