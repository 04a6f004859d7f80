"""AppTest of the Pemetaan Program page on the demo data: cards and budget against sums read
from the database file, the matrix shape, filters, and the register's form and editor."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis import schema as s
from tests.test_analysis_pages import open_page, table_with
from tests.test_app import metric
from tests.users import signed_in
from text.fmt import fmt_rupiah, fmt_rupiah_short
from ui.sidebar import Filters

ROOT = Path(__file__).resolve().parent.parent
N_INTERVENTIONS = 20  # SPE01–SPE09 and SEN01–SEN11 in the catalogue


def sql(db_url: str, query: str):
    con = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    try:
        return con.execute(query).fetchone()
    finally:
        con.close()


def active(where: str = "") -> str:
    return f"from kegiatan where tahun = 2025 and status != 'batal' and not dihapus {where}"


def test_cards_matrix_and_budget_match_the_database(app, demo_db):
    """2025 by default: activity count and pagu from SQL; 31 × 20 matrix rows, lokus first;
    the per-unit budget table sums to the stored pagu."""
    open_page(app, "pages/program.py")
    assert app.selectbox(key="tahun_kegiatan").value == 2025
    (n, pagu) = sql(demo_db, f"select count(*), sum(pagu) {active()}")
    assert metric(app, "Kegiatan").value == str(n)
    assert metric(app, "Pagu").value == fmt_rupiah_short(pagu)
    matrix = table_with(app, "Sel")
    assert len(matrix) == 31 * N_INTERVENTIONS
    assert matrix["Kelurahan"].head(7 * N_INTERVENTIONS).str.startswith("★").all()
    assert not matrix["Kelurahan"].iloc[7 * N_INTERVENTIONS :].str.startswith("★").any()
    per_opd = table_with(app, "% realisasi")
    total = sum(int(v.removeprefix("Rp").replace(".", "")) for v in per_opd["Pagu"])
    assert total == round(pagu)
    assert app.caption and any("Cakupan: Triwulan IV 2025" in c.value for c in app.caption)


def test_unit_filter_and_kecamatan_narrow_every_figure(app, demo_db):
    """Filtering one unit counts only its activities; a kecamatan shows only its kelurahan."""
    open_page(app, "pages/program.py")
    app.multiselect(key="prog_opd").set_value(["SUDINKES"]).run()
    where = active("and opd = 'SUDINKES'")
    (n,) = sql(demo_db, f"select count(*) {where}")
    assert metric(app, "Kegiatan").value == str(n)
    app.selectbox(key="kecamatan").set_value("Koja").run()
    assert not app.exception
    assert len(table_with(app, "Sel")) == 6 * N_INTERVENTIONS  # Koja has 6 kelurahan


def test_a_plan_year_is_set_against_the_latest_data(app):
    """2026 has no coverage data: the page says so and does not judge improvement yet."""
    open_page(app, "pages/program.py")
    app.selectbox(key="tahun_kegiatan").set_value(2026).run()
    assert not app.exception
    assert any("Tahun 2026 belum punya data cakupan" in i.value for i in app.info)
    assert any("Belum dapat dinilai" in i.value for i in app.info)


@pytest.fixture()
def program_page(demo_copy, monkeypatch):
    """The page itself on a writable copy (through app.py AppTest loses button clicks), with
    the sidebar's filters set as app.py would."""
    monkeypatch.setenv("DASBOR_DB_URL", demo_copy)
    st.cache_resource.clear()
    st.cache_data.clear()
    app = signed_in(AppTest.from_file(str(ROOT / "pages" / "program.py"), default_timeout=60))
    app.session_state["filters"] = Filters(2025, "2025-Q4", None)
    app.run()
    assert not app.exception
    yield app
    st.cache_resource.clear()
    st.cache_data.clear()


def fill_form(app: AppTest, **values) -> None:
    app.text_input(key="prog.nama").input(values.get("nama", "Kelas gizi <b>ibu</b>"))
    app.multiselect(key="prog.f_indikator").set_value(values.get("indikator", ["SPE04"]))
    app.multiselect(key="prog.f_kelurahan").set_value(values.get("kelurahan", ["31.72.02.1007"]))
    app.number_input(key="prog.f_pagu").set_value(values.get("pagu", 75_000_000))


def test_form_refuses_a_bad_activity_and_saves_a_good_one(program_page, demo_copy):
    """Without an indicator nothing is stored; a complete one is stored and logged."""
    app = program_page
    (before,) = sql(demo_copy, "select count(*) from kegiatan")
    fill_form(app, indikator=[])
    app.button(key="prog.simpan_baru").click().run()
    assert any("Indikator kosong" in e.value for e in app.error)
    assert sql(demo_copy, "select count(*) from kegiatan") == (before,)
    fill_form(app)
    app.button(key="prog.simpan_baru").click().run()
    assert not app.exception and not app.error
    assert any("disimpan dan dicatat" in x.value for x in app.success)
    saved = sql(demo_copy, "select nama_kegiatan, indikator, kelurahan_sasaran, pagu, sintetis "
                           "from kegiatan order by id desc limit 1")  # fmt: skip
    assert saved == ("Kelas gizi <b>ibu</b>", "SPE04", "31.72.02.1007", 75_000_000.0, 0)
    assert sql(demo_copy, "select oleh, kolom from kegiatan_audit") == ("rina", "kegiatan baru")


def test_editor_changes_and_removals_are_checked_and_logged(program_page, demo_copy):
    """An overspent realisasi is refused with its reason; a valid edit and a removal are saved
    with the log naming each."""
    from store.database import Store

    app = program_page
    store = Store(demo_copy)
    rows = store.activities()
    rows = rows.loc[rows[s.TAHUN] == 2025].reset_index(drop=True)
    editor = "prog.editor_2025"
    too_much = float(rows.loc[0, s.PAGU]) + 1
    app.session_state[editor] = {"edited_rows": {0: {s.REALISASI: too_much}},
                                 "added_rows": [], "deleted_rows": []}  # fmt: skip
    app.run()
    app.button(key="prog.simpan_ubah").click().run()
    assert any("Realisasi melebihi pagu" in e.value for e in app.error)
    assert store.activity_audit().empty
    app.session_state[editor] = {
        "edited_rows": {0: {s.SATUAN_VOLUME: "paket gizi"}, 1: {"hapus": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    app.button(key="prog.simpan_ubah").click().run()
    assert not app.exception and not app.error
    log = store.activity_audit()
    assert sorted(log["kolom"]) == ["dihapus", s.SATUAN_VOLUME] and set(log["oleh"]) == {"rina"}
    after = store.activities().set_index("id")
    assert after.loc[rows.loc[0, "id"], s.SATUAN_VOLUME] == "paket gizi"
    assert rows.loc[1, "id"] not in after.index
    audit = table_with(app, "Menjadi")
    assert "paket gizi" in set(audit["Menjadi"])
    store.dispose()


def test_budget_table_formats_rupiah_in_full(app, demo_db):
    """The lokus split's 'Semua kelurahan' row is the year's pagu written in full."""
    open_page(app, "pages/program.py")
    split = table_with(app, "Wilayah")
    (pagu,) = sql(demo_db, f"select sum(pagu) {active()}")
    everything = split.loc[split["Wilayah"] == "Semua kelurahan", "Pagu"].iloc[0]
    assert everything == fmt_rupiah(pagu)
    assert list(split["Wilayah"]) == ["Lokus", "Bukan lokus", "Semua kelurahan"]
    assert isinstance(split, pd.DataFrame)


def test_gap_workbook_holds_both_lists(app):
    """The lokus gap download offers a workbook of both lists, rows as in the tables shown."""
    from text.program_tables import gap_sheets
    from ui.views import program_view

    open_page(app, "pages/program.py")
    labels = {b.proto.label for b in app.get("download_button")}
    assert "Unduh kedua daftar (XLSX)" in labels
    sheets = gap_sheets(program_view(2025, "2025-Q4", (), (), None))
    assert list(sheets) == ["tanpa_kegiatan", "tidak_membaik"]
    assert len(sheets["tanpa_kegiatan"]) == len(table_with(app, "Selisih ke target"))
    assert len(sheets["tidak_membaik"]) == len(table_with(app, "Perubahan"))
