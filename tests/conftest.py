"""Shared fixtures: reference data, temporary stores on SQLite and PostgreSQL, and the
browser-test server.

Fixtures parametrised over ``BACKENDS`` (``store_url``, ``empty_store``, ``demo_url``,
``demo_copy_url``) run each test once on a SQLite file and once on a database of a throwaway
PostgreSQL server (``tests/pg_support.py``); ``-k sqlite`` or ``-k postgresql`` picks one. Without
PostgreSQL installed the ``postgresql`` runs are skipped, unless ``DASBOR_REQUIRE_PG=1`` (set by
``make test``), which makes them fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.geometry import approximate_areas
from ingest.matching import AreaMatcher
from services.bootstrap import initialise
from services.reference import load_reference, region_words
from settings import REFERENCE_DIR
from tests import pg_support
from text.strings import use_region

APP = Path(__file__).resolve().parent.parent / "app.py"
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def ref():
    """The project's validated reference data."""
    return load_reference(REFERENCE_DIR)


@pytest.fixture(scope="session")
def reference_words(ref) -> dict[str, str]:
    """The project's region's words (North Jakarta: "kelurahan", "Kota Jakarta Utara")."""
    return region_words(ref)


@pytest.fixture(autouse=True)
def _region_words(reference_words):
    """Every test starts and ends with the project's region's words in ``text.strings``: a test
    that loads another region's pack (one process, one set of words) leaves no trace."""
    use_region(reference_words)
    yield
    use_region(reference_words)


@pytest.fixture(scope="session")
def areas(ref):
    """Approximate kelurahan polygons around the reference label points (no real boundaries)."""
    return approximate_areas(ref.kelurahan)


@pytest.fixture(scope="session")
def matcher(ref):
    """The kelurahan matcher of the reference data."""
    return AreaMatcher(ref.kelurahan, ref.kelurahan_alias, ref.wilayah)


@pytest.fixture(scope="session")
def pg_server():
    """A temporary PostgreSQL server for the session (started only when a test needs it)."""
    server = pg_support.start_server()
    if isinstance(server, str):
        if pg_support.required():
            pytest.fail(f"{pg_support.REQUIRE_ENV}=1 but {server}", pytrace=False)
        pytest.skip(server)
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture()
def store_url(backend, tmp_path, request):
    """URL of a new, empty database (not migrated) on the backend."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'kosong.sqlite'}"
        return
    server = request.getfixturevalue("pg_server")
    name = server.create_database()
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture()
def empty_store(store_url):
    """A migrated store on each backend, without demo data."""
    store, _, _ = initialise(store_url, with_demo=False)
    yield store
    store.dispose()


@pytest.fixture(scope="session")
def pg_demo_template(pg_server):
    """Name of a PostgreSQL database initialised with the demo data and never opened again, so
    that it can be copied (``CREATE DATABASE ... TEMPLATE``)."""
    name = pg_server.create_database()
    store, _, _ = initialise(pg_server.url(name), with_demo=True)
    store.dispose()
    return name


@pytest.fixture(scope="session")
def pg_demo(pg_server, pg_demo_template):
    """URL of a PostgreSQL database holding the demo data (shared, read-only)."""
    return pg_server.url(pg_server.create_database(template=pg_demo_template))


@pytest.fixture()
def demo_url(backend, request):
    """URL of a database on the backend initialised with the demo data (shared, read-only)."""
    return request.getfixturevalue("demo_db" if backend == "sqlite" else "pg_demo")


@pytest.fixture()
def demo_copy_url(backend, request):
    """URL of a private copy of the demo database on the backend, for a test that writes."""
    if backend == "sqlite":
        yield request.getfixturevalue("demo_copy")
        return
    server = request.getfixturevalue("pg_server")
    name = server.create_database(template=request.getfixturevalue("pg_demo_template"))
    yield server.url(name)
    server.drop_database(name)


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
def db(baseline, tmp_path):
    """A private copy of the ``baseline`` database file of the test's module."""
    import shutil

    path = tmp_path / "db.sqlite"
    shutil.copy(baseline, path)
    return path


@pytest.fixture()
def copy_in_app(demo_copy, monkeypatch):
    """URL of a private demo copy the app (``DASBOR_DB_URL``) runs on, caches emptied around."""
    import streamlit as st

    monkeypatch.setenv("DASBOR_DB_URL", demo_copy)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield demo_copy
    st.cache_resource.clear()
    st.cache_data.clear()


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
