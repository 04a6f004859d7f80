"""Results cached once per data load (``ui.data``), and the Ringkasan figures of every area
computed ahead (``ui.views``)."""

from __future__ import annotations

import threading

import pytest
import streamlit as st

from analysis import schema as s
from ui import data, views


def ahead_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "ringkasan-ahead"]


@pytest.fixture()
def on_demo(demo_db, monkeypatch):
    """The UI loaders on the demo database, caches empty before and after, and no computation
    ahead left running by an earlier test (a Ringkasan run starts one a second later)."""
    for thread in ahead_threads():
        thread.join(timeout=120)
    monkeypatch.setenv("DASBOR_DB_URL", demo_db)
    st.cache_resource.clear()
    data.clear_caches()
    yield
    st.cache_resource.clear()
    data.clear_caches()


def test_every_area_of_the_period_is_computed_once_per_data_load(on_demo, monkeypatch):
    monkeypatch.setattr(data, "AHEAD_DELAY", 0)
    computed = []
    build = views.build_overview
    monkeypatch.setattr(views, "build_overview", lambda *a: computed.append(a[2]) or build(*a))
    kecamatan = sorted(data.reference().kelurahan[s.KECAMATAN].unique())
    assert len(kecamatan) == 6

    views.overviews_ahead(2025, "2025-Q4")
    for thread in ahead_threads():
        thread.join(timeout=120)
    areas = [None if len(k) == 31 else k[s.KECAMATAN].iloc[0] for k in computed]
    assert areas == [None, *kecamatan]
    # The page's own calls now find them: nothing is computed again.
    for name in [None, *kecamatan]:
        assert views.overview(2025, "2025-Q4", name).periode == "2025-Q4"
    assert len(computed) == 7

    views.overviews_ahead(2025, "2025-Q4")  # the same period again: no new thread
    assert not ahead_threads() and len(computed) == 7
    data.clear_caches()  # new data: computed ahead again
    views.overviews_ahead(2025, "2025-Q4")
    for thread in ahead_threads():
        thread.join(timeout=120)
    assert len(computed) == 14


def test_a_frame_read_while_new_data_is_stored_is_not_kept(on_demo, monkeypatch):
    """A page reading the old values while another session stores new ones and clears the
    caches: its late result is not kept (``st.cache_data.clear`` detaches the caches), so the
    next page reads the new values instead of showing the old ones until the next write."""
    store, _ = data.context()
    reads = []
    read = type(store).indicator_values

    def racing(self):
        frame = read(self)
        reads.append(len(frame))
        if len(reads) == 1:
            data.clear_caches()  # another session stored new data meanwhile
        return frame

    monkeypatch.setattr(type(store), "indicator_values", racing)
    data.indicator_values()
    data.indicator_values()
    assert len(reads) == 2
    data.indicator_values()
    assert len(reads) == 2  # read once per data load


def test_first_since_load():
    data.clear_caches()
    assert data.first_since_load(("x", 1))
    assert not data.first_since_load(("x", 1))
    assert data.first_since_load(("x", 2))
    data.clear_caches()
    assert data.first_since_load(("x", 1))


def test_figures_computed_ahead_while_new_data_is_stored_are_not_shown(on_demo, monkeypatch):
    """A reload during the computation ahead (an upload in another session): the figure being
    computed from the old data is not kept, and the page computes that of the new data."""
    monkeypatch.setattr(data, "AHEAD_DELAY", 0)
    computed = []
    build = views.build_overview

    def slow(*args):
        computed.append(args[2])
        if len(computed) == 1:
            data.clear_caches()  # new data stored while the first area is computed
        return build(*args)

    monkeypatch.setattr(views, "build_overview", slow)
    views.overviews_ahead(2025, "2025-Q4")
    for thread in ahead_threads():
        thread.join(timeout=120)
    assert len(computed) == 7
    views.overview(2025, "2025-Q4", None)  # the page, after the reload
    assert len(computed) == 8


def test_warm_up_computes_the_first_view_of_every_area_before_the_server_starts(
    on_demo, monkeypatch
):
    """``manage.py serve`` calls ``views.warm_up``: the latest period (the sidebar's default)
    of the city and each kecamatan, in this thread, and the page starts no thread for them."""
    computed = []
    build = views.build_overview
    monkeypatch.setattr(
        views, "build_overview", lambda *a: computed.append(a[-2]) or build(*a)
    )  # the period (the region's code is last)
    views.warm_up()
    assert computed == ["2025-Q4"] * 7 and not ahead_threads()
    views.overviews_ahead(2025, "2025-Q4")
    assert not ahead_threads()
    views.overview(2025, "2025-Q4", "Koja")
    assert len(computed) == 7
