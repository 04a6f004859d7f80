"""Cached loaders: the only way pages reach the store and the reference data.

``st.cache_resource`` holds the store (one per process); ``st.cache_data`` holds frames and is
cleared by ``clear_caches()`` after anything is written.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from store.bootstrap import initialise
from store.database import Store
from store.reference import Reference, ReferenceDataError
from ui.strings import t


@st.cache_resource(show_spinner="Menyiapkan basis data…")
def _context() -> tuple[Store, Reference]:
    store, ref, _ = initialise()
    return store, ref


def context() -> tuple[Store, Reference]:
    """The store and the reference data; shows a clear error and stops the page on failure."""
    try:
        return _context()
    except ReferenceDataError as err:
        st.error(t("error.reference"))
        st.dataframe(
            pd.DataFrame([vars(p) for p in err.problems]), hide_index=True, width="stretch"
        )
        st.stop()
    except Exception as err:  # noqa: BLE001 - any database failure gets a readable message
        st.error(t("error.database", detail=type(err).__name__))
        st.stop()
    raise AssertionError("unreachable")


def reference() -> Reference:
    return context()[1]


@st.cache_data(show_spinner=False)
def indicator_values() -> pd.DataFrame:
    return context()[0].indicator_values()


@st.cache_data(show_spinner=False)
def scorecard_values() -> pd.DataFrame:
    return context()[0].scorecard_values()


@st.cache_data(show_spinner=False)
def lokus() -> pd.DataFrame:
    return context()[0].lokus()


@st.cache_data(show_spinner=False)
def aksi_progress() -> pd.DataFrame:
    return context()[0].aksi_progress()


@st.cache_data(show_spinner=False)
def datasets() -> pd.DataFrame:
    return context()[0].datasets()


def clear_caches() -> None:
    """Forget cached frames after a write, so every page shows the stored data."""
    st.cache_data.clear()
