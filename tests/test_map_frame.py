"""Peta sends streamlit-folium's component a map rendered once and cached (``ui.maps``): what
it sends must be exactly what ``st_folium`` itself sends for the same map, so a new release of
streamlit-folium that changes its arguments is caught here, not by a blank map."""

from __future__ import annotations

import itertools

import branca.element
import streamlit_folium

from charts.maps import build_map
from tests.test_maps import ASSETS, map_data, values
from ui import maps

RETURNED = ["last_active_drawing"]


def sent(monkeypatch, draw) -> dict:
    calls = []
    monkeypatch.setattr(
        streamlit_folium, "_component_func", lambda **kwargs: calls.append(kwargs) or {}
    )
    draw()
    (kwargs,) = calls
    kwargs.pop("on_change")  # a closure either way
    return kwargs


def built(monkeypatch, areas):
    """The same map, element ids included (folium's ids are random; rendering a map twice
    is not the same as rendering it once, so each side gets its own)."""
    counter = itertools.count()
    monkeypatch.setattr(branca.element, "urandom", lambda n: next(counter).to_bytes(n, "big"))
    return build_map(map_data(areas, values([("31.72.02.1007", 12.0, 12, 100)])), ASSETS)


def test_the_cached_frame_is_what_st_folium_sends(monkeypatch, areas):
    fig = built(monkeypatch, areas)
    ours = sent(
        monkeypatch, lambda: maps.show_map(maps.folium_frame(fig, "peta"), "peta", RETURNED)
    )
    fig = built(monkeypatch, areas)
    theirs = sent(
        monkeypatch,
        lambda: streamlit_folium.st_folium(
            fig, key="peta", height=640, use_container_width=True, returned_objects=RETURNED
        ),
    )
    assert ours == theirs
    assert "31.72.02.1007" in ours["script"]
