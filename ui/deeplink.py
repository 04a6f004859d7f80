"""Widgets bound to the URL that read what a shared link says, not only the displayed label.

Streamlit seeds a bound widget (``bind="query-params"``) only from the *displayed* option and
silently drops any other value. ``bound`` also accepts an option's code (``?ukur_periode=2025-08``,
``?periode=2024-Q3``, ``?indikator=SPE03``), any ``aliases`` (a kecamatan code) and every spelling
case-insensitively (``?kelurahan=sukamaju``); a value that matches nothing is named in a short
notice under the widget with what is shown instead, never dropped in silence.

A matched value is written back into the URL as the displayed label *before* the widget is
drawn, so Streamlit's own binding seeds the widget and keeps the parameter: the address bar,
F5 and Back show what the link named (``?kelurahan=sukamaju`` becomes ``?kelurahan=Sukamaju``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from text.fmt import md_text
from text.strings import t

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


def same_name(raw: str, options: Sequence[Any], format_func: Callable = str) -> list[Any]:
    """The options whose label is ``raw`` plus a disambiguating suffix in brackets ("Alue" →
    "Alue (Tanah Luas)", "Alue (Tanah Pasir)"), in their order; case and spacing ignored."""
    wanted = _norm(raw) + " ("
    return [o for o in options if _norm(format_func(o)).startswith(wanted)]


def url_values(key: str) -> list[str]:
    """The URL's values for ``key`` when a bound widget will read them (its first draw in this
    session or on this page); empty otherwise, since the widget's own state wins then."""
    if key in st.session_state:
        return []
    return [v for v in st.query_params.get_all(key) if v.strip()]


def relabel_url(key: str, labels: list[str]) -> None:
    """Make the URL (and the copy a bound widget is seeded from) say ``labels`` for ``key``.

    Streamlit seeds a bound widget from the URL of the run's start only when it holds the
    displayed label, and removes the parameter otherwise; there is no public way to change that
    start copy, so this writes Streamlit's own (private) query-parameter state. Call it before
    the widget is drawn.
    """
    ctx = get_script_run_ctx()
    if ctx is None or not labels:
        return
    value: str | list[str] = labels if len(labels) > 1 else labels[0]
    with ctx.session_state.query_params() as qp:
        qp._initial_query_params[key] = list(labels)
        qp._set_item_internal(key, value)
        qp._send_query_param_msg()


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
    # A name shared by several options ("Alue" for two desa in two kecamatan): the first is shown
    # and the notice names them all, so the picker can choose another.
    shared = {}
    for i, (raw, m) in enumerate(zip(raws, matches, strict=True)):
        if m is NOT_FOUND and len(same := same_name(raw, options, format_func)) > 1:
            shared[raw], matches[i] = same, same[0]
    unknown = [raw for raw, m in zip(raws, matches, strict=True) if m is NOT_FOUND]
    found = [m for m in matches if m is not NOT_FOUND]
    if raws and any(raw not in formatted for raw in raws) and found:
        # Streamlit drops what is not a displayed label: the URL says the matches' labels instead.
        found = list(dict.fromkeys(found)) if widget.__name__ == "multiselect" else found[:1]
        relabel_url(key, [str(format_func(o)) for o in found])
    value = widget(label, options, key=key, format_func=format_func, bind="query-params", **kwargs)
    for raw, same in shared.items():
        getattr(widget, "__self__", st).info(
            t(
                "link.ambiguous",
                what=what.lower(),
                value=md_text(raw),
                n=len(same),
                names=md_text(", ".join(str(format_func(o)) for o in same)),
                shown=md_text(str(format_func(same[0]))),
            ),
            icon=":material/link:",
        )
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
