"""Small shared widgets: the synthetic-data badge and headline cards."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.strings import t


def synthetic_badge(shown: bool) -> None:
    """The visible "Data contoh (sintetis)" badge, whenever synthetic data is on screen."""
    if shown:
        st.badge(t("badge.synthetic"), icon=":material/science:", color="orange")
        st.caption(t("badge.synthetic_help"))


def card(
    label: str,
    value: str,
    caption: str = "",
    delta: str | None = None,
    delta_color: str = "normal",
    key: str | None = None,
) -> None:
    """A bordered headline figure with a caption under it."""
    with st.container(border=True, key=key):
        st.metric(label, value, delta=delta, delta_color=delta_color)
        if caption:
            st.caption(caption)


def full_table(frame: pd.DataFrame, key: str | None = None, **kwargs) -> None:
    """A dataframe tall enough to show every row without inner scrolling (for the projector)."""
    st.dataframe(
        frame, hide_index=True, width="stretch", height=38 + 35 * len(frame), key=key, **kwargs
    )
