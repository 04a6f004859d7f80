"""Widgets bound to the URL that read what a shared link says, not only the displayed label.

Streamlit seeds a bound widget (``bind="query-params"``) only from the *displayed* option and
silently drops any other value. ``bound`` also accepts an option's code (``?ukur_periode=2025-08``,
``?periode=2024-Q3``, ``?indikator=SPE03``), any ``aliases`` (a kecamatan code) and every spelling
case-insensitively (``?kelurahan=warakas``); a value that matches nothing is named in a short
notice under the widget with what is shown instead, never dropped in silence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import streamlit as st

from ui.fmt import md_text
from ui.strings import t

Aliases = Callable[[Any], Iterable[str]]
NOT_FOUND = object()


def _norm(text: object) -> str:
    return " ".join(str(text).replace("+", " ").split()).casefold()


def match_option(
    raw: str, options: Sequence[Any], format_func: Callable = str, aliases: Aliases | None = None
) -> Any:
    """The option whose label, value or alias is ``raw`` (case and spacing ignored), or
    ``NOT_FOUND``."""
    wanted = _norm(raw)
    for option in options:
        names = [format_func(option), option, *(aliases(option) if aliases else ())]
        if any(_norm(name) == wanted for name in names):
            return option
    return NOT_FOUND


def url_values(key: str) -> list[str]:
    """The URL's values for ``key`` when a bound widget will read them (its first draw in this
    session or on this page); empty otherwise, since the widget's own state wins then."""
    if key in st.session_state:
        return []
    return [v for v in st.query_params.get_all(key) if v.strip()]


def bound(
    widget: Callable,
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    what: str,
    format_func: Callable = str,
    aliases: Aliases | None = None,
    **kwargs: Any,
) -> Any:
    """Draw ``widget`` (``st.selectbox``, ``column.radio``, ``st.multiselect``…) bound to the URL
    parameter ``key``, starting at the option a link names by label, value or alias.

    ``what`` names the thing for the notice ("Kelurahan"). Returns the widget's value.
    """
    options = list(options)
    raws = url_values(key)
    formatted = {str(format_func(o)) for o in options}
    matches = [match_option(raw, options, format_func, aliases) for raw in raws]
    unknown = [raw for raw, m in zip(raws, matches, strict=True) if m is NOT_FOUND]
    found = [m for m in matches if m is not NOT_FOUND]
    if raws and any(raw not in formatted for raw in raws):
        # Streamlit drops what is not a displayed label: start the widget at the match instead.
        if widget.__name__ == "multiselect":
            kwargs["default"] = list(dict.fromkeys(found)) or kwargs.get("default")
        elif found:
            kwargs["index"] = options.index(found[0])
    value = widget(label, options, key=key, format_func=format_func, bind="query-params", **kwargs)
    if unknown:
        shown = value if isinstance(value, list) else [value]
        container = getattr(widget, "__self__", st)
        container.warning(
            t(
                "link.unknown",
                what=what,
                value=md_text(", ".join(unknown)),
                shown=md_text(", ".join(str(format_func(v)) for v in shown) or "–"),
            ),
            icon=":material/link_off:",
        )
    return value
