"""AppTest of the Indikator, Profil Kelurahan and Analisis Situasi pages on the demo data,
their figures checked against sums taken straight from the database file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.stored import values_db
from tests.users import signed_in
from text.fmt import fmt_number, fmt_percent

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
KELURAHAN = "kode_wilayah GLOB '31.72.[0-9][0-9].[0-9][0-9][0-9][0-9]'"


def open_page(at: AppTest, page: str) -> AppTest:
    at.run()
    at.switch_page(str(ROOT / page))
    at.run()
    assert not at.exception
    return at


def table_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def highest_prevalence(demo_db: str, periode: str) -> tuple[str, float, float]:
    """The kelurahan with the highest e-PPGBM prevalence in ``periode``, with its counts."""
    con = values_db(demo_db)
    row = con.execute(
        "select kode_wilayah, pembilang, penyebut from indicator_value where kode_indikator='OUT01' "
        f"and sumber_data='EPPGBM' and periode='{periode}' and {KELURAHAN} "
        "order by pembilang * 1.0 / penyebut desc limit 1"
    ).fetchone()
    con.close()
    return row


def name_of(ref_code: str) -> str:
    from services.reference import load_reference
    from settings import REFERENCE_DIR

    kel = load_reference(REFERENCE_DIR).kelurahan
    return kel.set_index("kode_kelurahan").loc[ref_code, "kelurahan"]


def test_situasi_with_all_weight_on_prevalence_ranks_the_highest_first(app, demo_db):
    """Weights 100/0/0: rank 1 is the kelurahan with the highest prevalence, scored 100."""
    open_page(app, "pages/situasi.py")
    table = table_with(app, "Skor")
    assert len(table) == 31
    app.slider(key="bobot_prevalensi").set_value(100).run()
    app.slider(key="bobot_jumlah").set_value(0).run()
    app.slider(key="bobot_kesenjangan").set_value(0).run()
    code, num, den = highest_prevalence(demo_db, "2025-Q4")
    top = table_with(app, "Skor").iloc[0]
    assert top["Kelurahan"].removeprefix("★ ") == name_of(code)
    assert top["Skor"] == "100,0"
    assert top["Prevalensi (stunting/diukur)"] == (
        f"{fmt_percent(num / den * 100)} ({fmt_number(num)}/{fmt_number(den)})"
    )
    assert top["Profil"].startswith("profil?kelurahan=")


def test_situasi_recommends_n_lokus_and_refuses_zero_weights(app):
    open_page(app, "pages/situasi.py")
    app.number_input(key="jumlah_lokus").set_value(5).run()
    rec = table_with(app, "Rekomendasi")
    recommended = rec.loc[rec["Rekomendasi"].isin(["Tetap lokus", "Masuk (lokus baru)"])]
    assert len(recommended) == 5
    leaving = rec.loc[rec["Rekomendasi"] == "Keluar"]
    assert len(leaving) == 7 - (recommended["Lokus sekarang"] == "Ya").sum()
    for key in ("bobot_prevalensi", "bobot_jumlah", "bobot_kesenjangan"):
        app.slider(key=key).set_value(0).run()
    assert any("Semua bobot 0" in w.value for w in app.warning)


def test_situasi_follows_the_kecamatan_filter(app):
    open_page(app, "pages/situasi.py")
    app.selectbox(key="kecamatan").select("Koja").run()
    table = table_with(app, "Skor")
    assert set(table["Kecamatan"]) == {"Koja"} and len(table) == 6


def test_indikator_table_is_sum_over_kelurahan_and_charts_are_drawn(app, demo_db):
    """TTD ibu hamil for one kelurahan in 2025-Q4 equals its stored counts; three charts."""
    open_page(app, "pages/indikator.py")
    assert app.multiselect(key="indikator").value[0] == "SPE02"
    assert len(app.get("plotly_chart")) == 3
    data = table_with(app, "Cakupan (%)")
    row = data.loc[(data["Kode indikator"] == "SPE02") & (data["Periode"] == "Triwulan IV 2025")]
    assert len(row) == 31
    con = values_db(demo_db)
    code, num, den = con.execute(
        "select kode_wilayah, pembilang, penyebut from indicator_value where kode_indikator='SPE02' "
        "and periode='2025-Q4' and sumber_data='LAPRUT' order by kode_wilayah limit 1"
    ).fetchone()
    con.close()
    mine = row.loc[row["Wilayah"] == name_of(code)].iloc[0]
    assert (mine["Pembilang"], mine["Penyebut"]) == (num, den)
    assert mine["Cakupan (%)"] == fmt_number(num / den * 100, 2)  # decimal comma


def test_indikator_change_and_range(app):
    """Choosing a range compares its two ends; a reversed range is put in order with a notice."""
    open_page(app, "pages/indikator.py")
    app.multiselect(key="indikator").set_value(["OUT01"]).run()
    app.selectbox(key="dari").select("Triwulan IV 2025").run()
    app.selectbox(key="sampai").select("Triwulan IV 2022").run()
    assert any("harus sebelum" in w.value for w in app.warning)
    change = table_with(app, "Penilaian")
    assert len(change) == 31
    assert set(change["Penilaian"]) <= {"membaik", "memburuk", "tidak berubah bermakna"}
    assert all("/" in v for v in change["Awal"])  # each end with its counts: "5,0% (12/240)"
    assert any("metode Newcombe" in c.value and "2 poin" in c.value for c in app.caption)
    app.multiselect(key="indikator").set_value([]).run()
    assert any("Pilih setidaknya satu indikator" in i.value for i in app.info)


def test_profil_shows_the_kelurahan_against_stored_counts(app, demo_db):
    open_page(app, "pages/profil.py")
    app.selectbox(key="kelurahan").select("Warakas").run()
    con = values_db(demo_db)
    num, den = con.execute(
        "select pembilang, penyebut from indicator_value where kode_indikator='OUT01' "
        "and sumber_data='EPPGBM' and periode='2025-Q4' and kode_wilayah='31.72.02.1007'"
    ).fetchone()
    con.close()
    card = next(m for m in app.metric if m.label == "Prevalensi stunting (e-PPGBM)")
    assert card.value == fmt_percent(num / den * 100)
    indicators = table_with(app, "Selisih dari kota")
    assert len(indicators) == 27  # 4 outcome + 9 spesifik + 11 sensitif + 3 posyandu (SKDN)
    assert "★ lokus 2022" in " ".join(c.value for c in app.caption)
    assert len(app.get("plotly_chart")) == 2  # the trend and the trajectory (ui.trajectory)


def test_indikator_at_kecamatan_level_sums_its_kelurahan(app, demo_db):
    """Kecamatan Koja's TTD coverage = Σ pembilang ÷ Σ penyebut of its six kelurahan."""
    open_page(app, "pages/indikator.py")
    app.get("segmented_control")[0].set_value("Kecamatan (Σ kelurahannya)").run()
    assert not app.exception
    data = table_with(app, "Cakupan (%)")
    row = data.loc[
        (data["Wilayah"] == "Koja")
        & (data["Kode indikator"] == "SPE02")
        & (data["Periode"] == "Triwulan IV 2025")
    ].iloc[0]
    con = values_db(demo_db)
    num, den = con.execute(
        "select sum(pembilang), sum(penyebut) from indicator_value where kode_indikator='SPE02' "
        "and periode='2025-Q4' and sumber_data='LAPRUT' and kode_wilayah like '31.72.03.%'"
    ).fetchone()
    con.close()
    assert (row["Pembilang"], row["Penyebut"]) == (num, den)
    assert row["Cakupan (%)"] == fmt_number(num / den * 100, 2)
    assert set(data["Wilayah"]) == {
        "Cilincing", "Kelapa Gading", "Koja", "Pademangan", "Penjaringan", "Tanjung Priok"
    }  # fmt: skip


def test_kecamatan_bars_are_not_starred_as_lokus(app):
    """Kecamatan Cilincing shares its name with the lokus kelurahan Cilincing: no star."""
    open_page(app, "pages/indikator.py")
    app.get("segmented_control")[0].set_value("Kecamatan (Σ kelurahannya)").run()
    bars = json.loads(app.get("plotly_chart")[0].proto.spec)["data"][0]["x"]
    assert "Cilincing" in bars and not any("★" in name for name in bars)


@pytest.mark.parametrize(
    "metric",
    [
        "Prevalensi stunting (e-PPGBM)",
        "Cakupan indikator",
        "Selisih dari target",
        "Indeks konvergensi",
        "Skor prioritas",
    ],
)
def test_peta_draws_every_metric(app, metric, monkeypatch):
    """Each metric renders with quantiles and with target classes (or explains it has none);
    the PNG download, drawn only when pressed, is an image in every state."""
    from ui import maps  # noqa: PLC0415 - after the fixture chose the database

    makers, real = [], maps.map_png
    monkeypatch.setattr(maps, "map_png", lambda view: makers.append(real(view)) or makers[-1])
    open_page(app, "pages/peta.py")
    app.selectbox(key="ukuran").select(metric).run()
    assert not app.exception
    app.get("segmented_control")[0].set_value("target").run()
    assert not app.exception
    infos = " ".join(i.value for i in app.info)
    assert "Batas kelurahan pada peta ini **perkiraan**" in infos
    if metric in ("Indeks konvergensi", "Skor prioritas"):
        assert "tidak punya target" in infos
    app.toggle(key="gelembung").set_value(True).run()
    assert not app.exception
    assert len(makers) >= 4
    for make in makers[1::2] + makers[-1:]:
        assert make().startswith(b"\x89PNG")


@pytest.fixture()
def aksi_page(demo_copy, monkeypatch):
    """The Aksi page on a writable copy of the demo data. The page itself: through app.py
    AppTest loses button clicks (see tests/test_uploads.py)."""
    monkeypatch.setenv("DASBOR_DB_URL", demo_copy)
    st.cache_resource.clear()
    st.cache_data.clear()
    app = signed_in(AppTest.from_file(str(ROOT / "pages" / "aksi.py"), default_timeout=60))
    app.run()
    yield app
    st.cache_resource.clear()
    st.cache_data.clear()


def test_aksi_page_header_charts_and_new_year(aksi_page):
    """2022 stands at the 4th of 8 aksi; three charts; a new year is created and logged."""
    app = aksi_page
    app.selectbox(key="tahun_aksi").select(2022).run()
    assert any("Tahun 2022: tahap ke-4 dari 8" in h.value for h in app.subheader)
    assert len(app.get("plotly_chart")) == 3
    app.button(key="aksi.buat").click().run()
    assert not app.exception and not app.error
    assert "2026" in app.selectbox(key="tahun_aksi").options
    assert any("Tahun 2026 dibuat" in x.value for x in app.success)


def test_aksi_edits_are_checked_saved_and_logged(aksi_page, demo_copy):
    """Through the editor: an inconsistent edit is refused with its reason; a valid one is saved
    with one audit row per field."""
    from store.database import Store
    from ui.aksi import _rows

    store = Store(demo_copy)
    rows = _rows(store.aksi_progress(), 2025)
    aksi3 = int(rows.index[(rows["nomor_aksi"] == 3) & rows["nomor_tahapan"].isna()][0])
    app = aksi_page
    editor = "aksi_editor_2025"
    app.session_state[editor] = {
        "edited_rows": {aksi3: {"status": "selesai", "progres_persen": 80}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.button(key="aksi.simpan").click().run()
    assert any("Aksi 3: status selesai harus berprogres 100%." in e.value for e in app.error)
    assert store.aksi_audit().empty
    app.session_state[editor] = {
        "edited_rows": {aksi3: {"progres_persen": 85, "catatan": "rapat 3 Juni"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    app.button(key="aksi.simpan").click().run()
    assert not app.exception
    log = store.aksi_audit()
    assert sorted(log["kolom"]) == ["catatan", "progres_persen"]
    assert set(log["oleh"]) == {"rina"}
    saved = store.aksi_progress().set_index("id").loc[int(rows.loc[aksi3, "id"])]
    assert (saved["progres_persen"], saved["catatan"]) == (85.0, "rapat 3 Juni")
    store.dispose()


def test_aksi_framework_switch_is_refused_once_progress_exists(aksi_page):
    """2025 has recorded progress: switching its framework is refused with the reason."""
    app = aksi_page
    app.button(key="aksi.ganti").click().run()
    assert any("tidak dapat diganti: progresnya sudah diisi" in e.value for e in app.error)
