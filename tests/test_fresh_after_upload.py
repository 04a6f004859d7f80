"""Issue 27: the pages cache what they compute (per process, shared by sessions), so an upload
must show at once on every page: after a write every page draws exactly what a server started
on the new data draws, though its caches were filled before the upload."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis import schema as s
from ingest.options import ImportOptions
from services import uploads
from tests.apps import ROOT
from tests.ingest_files import long_csv
from ui import data
from ui.navigation import PAGES

# The pages that draw indicator values (the rest must simply draw the same as a fresh server).
SHOW_VALUES = {"beranda", "indikator", "profil", "situasi", "peta", "presentasi"}


# Workbooks, slides and PDFs carry the time they were made: their download address changes
# with every build, cached or not; a file built on click gets a new random id on every run.
STAMPED = re.compile(
    r'(url: "/mock/media/)[0-9a-f]+\.(xlsx|pptx|pdf|bin)"|(deferred_file_id: )"\w+"'
)


def drawn(at: AppTest) -> list[str]:
    """Everything the run drew, as text: every element's message, in order (main and sidebar)."""
    out: list[str] = []

    def walk(node) -> None:
        children = getattr(node, "children", None)
        if children is None:
            out.append(STAMPED.sub(r"\1\3", str(node.proto)))
            return
        for child in children.values():
            walk(child)

    walk(at.main)
    walk(at.sidebar)
    assert not at.exception, at.exception
    return out


def run(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.switch_page(page)
    if page.endswith("presentasi.py"):
        at.query_params["slide"] = "2"  # the first slide with figures
    return at.run()


def halved_stunting(store) -> bytes:
    """The latest period's stunting counts of every kelurahan, halved (rounded down)."""
    values = store.indicator_values()
    rows = values.loc[values[s.KODE_INDIKATOR] == s.IND_STUNTING]
    rows = rows.loc[rows[s.PERIODE] == rows[s.PERIODE].max()]
    assert len(rows) > 10
    return long_csv(
        *(
            f"{r[s.KODE_WILAYAH]};;{s.IND_STUNTING};{r[s.PERIODE]};"
            f"{int(r[s.PEMBILANG]) // 2};{int(r[s.PENYEBUT])};"
            for _, r in rows.iterrows()
        )
    )


@pytest.fixture()
def pages_app(demo_copy, monkeypatch):
    monkeypatch.setenv("DASBOR_DB_URL", demo_copy)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def test_an_upload_shows_at_once_on_every_page(pages_app):
    scripts = {path: script for script, _, _, path in PAGES if path != "masuk"}
    before = {path: drawn(run(script)) for path, script in scripts.items()}  # caches filled

    store, ref = data.context()
    content = halved_stunting(store)
    plan, comparison = uploads.dry_run(store, ref, content, "baru.csv", ImportOptions())
    assert comparison.updated > 10
    uploads.commit(store, plan, comparison, content, "uji")
    data.clear_caches()  # what the Data page does after a write
    after = {path: drawn(run(script)) for path, script in scripts.items()}

    st.cache_resource.clear()  # a server started on the new data
    st.cache_data.clear()
    fresh = {path: drawn(run(script)) for path, script in scripts.items()}

    for path in scripts:
        assert after[path] == fresh[path], f"{path} shows cached data after the upload"
    changed = {path for path in scripts if after[path] != before[path]}
    assert changed >= SHOW_VALUES, SHOW_VALUES - changed
