"""Follow-ups of the lokus and target editors (issue #26 walk-through, helper "fc"): the lokus
recommendation compared with lokus already set for the recommended year (Situasi and deck
slide 9), local targets labelled "Target daerah", Indonesian headers and decimal commas in the
reference, audit and Indikator tables, and the lokus year picker without gaps."""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis import schema as s
from analysis.attainment import BELUM, STATUS, TERCAPAI
from charts.indicator import build_bar_figure
from report.deck import build_deck
from services.bootstrap import initialise
from services.sources import load_sources
from store.database import Store
from tests.apps import ROOT
from tests.users import signed_in
from text.tables import coverage_table_shown, users_table
from text.target_tables import is_local_target, other_target_table, target_label, target_label_of
from ui.reference_edit import lokus_years
from ui.sidebar import Filters


def test_lokus_years_have_no_gap_up_to_next_year():
    """Lokus set for 2022 and 2026, data in 2024–2025, today 2026: 2022 … 2027, 2023 and 2024
    included; a year in view before everything starts the list."""
    assert lokus_years([2022, 2026, 2026], [2024, 2025], 2026, 2025) == [
        2022, 2023, 2024, 2025, 2026, 2027
    ]  # fmt: skip
    assert lokus_years([], [], 2026, 2024) == [2024, 2025, 2026, 2027]
    assert lokus_years([2030], [], 2026, 2026) == [2026, 2027, 2028, 2029, 2030]


def test_a_local_target_is_labelled_target_daerah(ref):
    assert is_local_target("target daerah (Perbup 12/2024)")
    assert not is_local_target("Perpres 72/2021")
    assert not is_local_target(None)
    assert target_label("Target daerah (Perbup 12/2024)") == "Target daerah"
    assert target_label("RPJMN 2025-2029") == "Target"
    local = ref.indikator.assign(
        **{s.SUMBER_TARGET: ref.indikator[s.SUMBER_TARGET].where(
            ref.indikator[s.KODE] != s.IND_STUNTING, "target daerah (Perbup 12/2024)")}
    )  # fmt: skip
    assert target_label_of(local, s.IND_STUNTING) == "Target daerah"
    assert target_label_of(ref.indikator, s.IND_STUNTING) == "Target"
    assert target_label_of(ref.indikator, "TIDAK_ADA") == "Target"


def test_the_bar_chart_names_a_local_target():
    grid = pd.DataFrame(
        {
            "wilayah": ["A", "B"],
            s.CAKUPAN: [70.0, 90.0],
            s.TARGET: [85.0, 85.0],
            s.ARAH: [s.ARAH_TINGGI_BAIK, s.ARAH_TINGGI_BAIK],
            STATUS: [BELUM, TERCAPAI],
            s.SELISIH_TARGET: [-15.0, 5.0],
            s.PEMBILANG: [70, 90],
            s.PENYEBUT: [100, 100],
            "penyebut_kecil": [False, False],
            "hanya_persen": [0, 0],
            "n_kelurahan": [1, 1],
        }
    )
    texts = [
        a.text
        for a in build_bar_figure(grid, "X", set(), target_word="Target daerah").layout.annotations
    ]
    assert texts == ["Target daerah ≥ 85%"]
    texts = [a.text for a in build_bar_figure(grid, "X", set()).layout.annotations]
    assert texts == ["Target ≥ 85%"]


def test_reference_and_user_tables_have_indonesian_headers():
    other = pd.DataFrame(
        {
            s.KODE_INDIKATOR: ["OUT01", "SPE03"],
            s.TARGET: [14.2, 80.0],
            s.TAHUN_TARGET: [2029, 2024],
            s.SUMBER_TARGET: ["RPJMN 2025-2029", "BKKBN"],
            "keterangan": ["akhir RPJMN", None],
        }
    )
    shown = other_target_table(other)
    assert list(shown.columns) == ["Kode", "Target", "Tahun target", "Sumber", "Keterangan"]
    assert shown["Target"].tolist() == ["14,2", "80"]
    assert shown["Tahun target"].tolist() == ["2029", "2024"]
    at = pd.Timestamp("2026-12-01 23:40", tz="UTC")  # 06.40 WIB on 2 December
    users = pd.DataFrame(
        {"nama_pengguna": ["rina"], "nama_tampil": ["Rina"], "peran": ["editor"],
         "sumber": ["lokal"], "aktif": [True], "dibuat_pada": [at], "diubah_pada": [at]}
    )  # fmt: skip
    table = users_table(users)
    assert list(table.columns) == [
        "Nama pengguna", "Nama tampilan", "Peran", "Cara masuk", "Aktif", "Dibuat", "Diubah"
    ]  # fmt: skip
    assert table.iloc[0].tolist()[4:] == ["ya", *["2 Desember 2026 06.40 WIB"] * 2]


def test_the_indikator_data_table_shows_decimal_commas():
    table = pd.DataFrame(
        {"Pembilang": [1234.0, None], "Penyebut": [1589.0, None], "Cakupan (%)": [77.66, 5.0],
         "Target (%)": [85.0, None], "Selisih target (poin)": [-7.34, None]}
    )  # fmt: skip
    shown = coverage_table_shown(table)
    assert shown["Cakupan (%)"].tolist() == ["77,66", "5,00"]
    assert shown["Target (%)"].tolist()[0] == "85,0"
    assert shown["Selisih target (poin)"].tolist()[0] == "-7,34"
    assert shown["Pembilang"].tolist()[0] == 1234.0  # counts stay numbers


@pytest.fixture(scope="module")
def sources(demo_db):
    store, ref, _ = initialise(demo_db, with_demo=False)
    yield load_sources(store, ref)
    store.dispose()


def test_slide_9_compares_with_the_lokus_already_set_for_next_year(sources):
    """Lokus 2026 set (the two highest-priority kelurahan of the 2025 ranking): slide 9 of
    2025 compares with them — column "Lokus 2026", both "tetap", the method says so."""
    before = build_deck(sources, 2025, "2025-Q4", date(2026, 11, 28)).slide("rekomendasi")
    full = before.tables["rekomendasi_lokus"]
    assert "Dibanding lokus 2026" not in before.method
    top_two = full.head(2)
    codes = sources.ref.kelurahan.set_index(s.KELURAHAN).loc[top_two.iloc[:, 1], s.KODE_KELURAHAN]
    lokus = pd.concat(
        [sources.lokus, pd.DataFrame({s.TAHUN: 2026, s.KODE_KELURAHAN: list(codes)})],
        ignore_index=True,
    )
    after = build_deck(dataclasses.replace(sources, lokus=lokus), 2025, "2025-Q4",
                       date(2026, 11, 28)).slide("rekomendasi")  # fmt: skip
    table = after.tables["rekomendasi_lokus"]
    assert "Lokus 2026" in table.columns
    assert table.loc[table["Lokus 2026"] == "ya", "Perubahan"].tolist() == ["tetap", "tetap"]
    assert "Dibanding lokus 2026 yang sudah ditetapkan." in after.method


def test_situasi_compares_with_the_lokus_already_set(copy_in_app, ref):
    """With lokus 2026 set to two kelurahan, Situasi of 2025 says it compares with the lokus
    2026 already set, and the table's column is "Lokus 2026"."""
    store = Store(copy_in_app)
    codes = ref.kelurahan[s.KODE_KELURAHAN].iloc[:2].tolist()
    store.set_lokus(2026, codes, "SK 2026", "rina")
    store.dispose()
    at = AppTest.from_file(str(ROOT / "pages" / "situasi.py"), default_timeout=60)
    at = signed_in(at)
    at.session_state["filters"] = Filters(2025, "2025-Q4", None)
    at.run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any("dibanding lokus 2026 yang sudah ditetapkan" in c for c in captions)
    assert any("Lokus 2026" in d.value.columns for d in at.dataframe)


def test_the_lokus_picker_speaks_bahasa_and_offers_every_year(copy_in_app):
    at = AppTest.from_file(str(ROOT / "pages" / "referensi.py"), default_timeout=60)
    at = signed_in(at)
    at.session_state["filters"] = Filters(2025, "2025-Q4", None)
    at.run()
    assert not at.exception
    years = at.selectbox(key="regionadmin.lokus_tahun").options
    assert {"2023", "2024"} <= set(years)
    years = [int(y) for y in years]
    assert years == list(range(years[0], years[-1] + 1))
    picker = at.multiselect(key="regionadmin.lokus_pilih.2025")
    assert picker.placeholder.startswith("Pilih atau ketik nama")
    target = at.number_input(
        key=f"regionadmin.target_nilai.{at.selectbox(key='regionadmin.target_kode').value}"
    )
    assert target.proto.format == "%g"  # "85", not "85.00" (no decimal comma possible)
    other = [d.value for d in at.dataframe if "Tahun target" in d.value.columns]
    assert other and "kode_indikator" not in other[0].columns
