"""Shared fixtures: reference data, a migrated temporary store, and the browser-test server."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.bootstrap import initialise
from store.reference import load_reference
from store.settings import REFERENCE_DIR

APP = Path(__file__).resolve().parent.parent / "app.py"


@pytest.fixture(scope="session")
def ref():
    """The project's validated reference data."""
    return load_reference(REFERENCE_DIR)


@pytest.fixture()
def empty_store(tmp_path):
    """A migrated SQLite store in a temporary folder, without demo data."""
    store, _, _ = initialise(f"sqlite:///{tmp_path / 'kosong.sqlite'}", with_demo=False)
    yield store
    store.dispose()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """URL of a temporary SQLite database initialised with the demo data (shared, read-only)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}"
    store, _, _ = initialise(url, with_demo=True)
    store.dispose()
    return url


@pytest.fixture()
def demo_copy(demo_db, tmp_path):
    """URL of a private copy of the demo database, for a test that writes."""
    import shutil

    path = tmp_path / "kopi_demo.sqlite"
    shutil.copy(demo_db.removeprefix("sqlite:///"), path)
    return f"sqlite:///{path}"


@pytest.fixture()
def app(demo_db, monkeypatch):
    """The app (``app.py`` in AppTest) on the demo database, Streamlit's caches emptied around it."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DASBOR_DB_URL", demo_db)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield AppTest.from_file(str(APP), default_timeout=60)
    st.cache_resource.clear()
    st.cache_data.clear()
