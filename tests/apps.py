"""An app script under AppTest on a given database, with Streamlit's caches cleared before and
after (the cached store and frames belong to the database of the test that made them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def app_on(url: str, monkeypatch, script: str = "app.py") -> Iterator[AppTest]:
    """Yield ``script`` (relative to the project) as an AppTest reading the database at
    ``url``; use as ``yield from app_on(...)`` in a fixture."""
    monkeypatch.setenv("DASBOR_DB_URL", url)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield AppTest.from_file(str(ROOT / script), default_timeout=60)
    st.cache_resource.clear()
    st.cache_data.clear()
