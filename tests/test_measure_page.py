"""AppTest of the Pengukuran page on the demo data: cards against sums read from the database
file, the controls, the data-quality panel and the single-child calculator."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ingest import templates
from tests.test_analysis_pages import open_page, table_with
from tests.test_app import KELURAHAN_CODE, sql_ratio
from tests.test_uploads import ROOT, read_sql
from tests.users import signed_in
from text import files
from text.fmt import fmt_percent
from ui.sidebar import Filters


def stored_ratio(db_url: str, kode: str, periode: str) -> tuple[float, float]:
    """Σcases and Σvalid of the recomputed prevalence stored for the kelurahan."""
    where = f"sumber_data = 'EPPGBM_HITUNG' and kode_indikator = '{kode}' and periode = '{periode}'"
    return sql_ratio(db_url, f"{where} and {KELURAHAN_CODE}")


def test_city_cards_equal_the_stored_recomputed_prevalence(app, demo_db):
    """Each card is Σcases/Σvalid of the values stored at import, for the latest month."""
    open_page(app, "pages/pengukuran.py")
    assert not app.exception
    assert app.selectbox(key="ukur_periode").value == "2025-08"
    for kode, label in [("OUT01", "Stunting"), ("OUT02", "Wasting")]:
        num, den = stored_ratio(demo_db, kode, "2025-08")
        card = next(m for m in app.metric if m.label == label)
        assert card.value == fmt_percent(num / den * 100)
    # Five cards in a row at 1366 px: short titles, the cut-off opening the caption.
    labels = {"Stunting", "Stunting berat", "Wasting", "Underweight", "Cakupan pengukuran"}
    assert labels <= {m.label for m in app.metric}
    assert any(c.value.startswith("TB/U < −3 SD · ") for c in app.caption)
    table = table_with(app, "IK 95% (Wilson)")
    assert len(table) == 31
    assert (table["Lokus"] == "★ Lokus").sum() == 7


def test_kecamatan_level_and_another_indicator(app, demo_db):
    """At kecamatan level the table has the 6 kecamatan; their cases sum to the city's."""
    open_page(app, "pages/pengukuran.py")
    app.radio(key="ukur_tingkat").set_value("kecamatan").run()
    app.radio(key="ukur_indikator").set_value("OUT04").run()
    assert not app.exception
    table = table_with(app, "IK 95% (Wilson)")
    assert len(table) == 6
    num, _ = stored_ratio(demo_db, "OUT04", "2025-08")
    assert sum(int(v.replace(".", "")) for v in table["Kasus"]) == num


def test_quality_panel_lists_the_who_checks(app):
    """The data-quality table reports flags, digit preference, SD of HAZ and agreement."""
    open_page(app, "pages/pengukuran.py")
    quality = table_with(app, "Penilaian")
    measures = set(quality["Ukuran"])
    for expected in (
        "% TB/U (HAZ) ditandai",
        "Skor DPS tinggi/panjang",
        "SD TB/U (HAZ)",
        "% status stunting berbeda",
        "Penumpukan umur tahun penuh (rasio)",
    ):
        assert expected in measures


def test_quality_tab_scores_plausibility(app):
    """The SMART-style report of the month in view: ten checks, and a total that is the sum of
    their points, with its verdict."""
    import re  # noqa: PLC0415

    open_page(app, "pages/pengukuran.py")
    checks = table_with(app, "Poin")
    assert len(checks) == 10 and "SD WHZ (selisih dari 1)" in set(checks["Uji"])
    said = next(m.value for m in app.markdown if m.value.startswith("Skor total"))
    found = re.match(r"Skor total \*\*(\d+)\*\* \([\d.]+ anak dinilai\): \*\*(.+?)\*\*", said)
    assert found and int(found[1]) == checks["Poin"].astype(int).sum()
    assert "Rasio umur 6–29 : 30–59 bulan = 0,85 (p uji χ²)" in set(checks["Uji"])
    assert found[2] in ("sangat baik", "baik", "cukup", "bermasalah")


def test_calculator_gives_the_golden_vector(app):
    """A girl of 1,100 days measured lying at 88.0 cm, 11.0 kg: HAZ −2,06 (pendek) after the
    −0.7 cm correction, WAZ −1,87, WHZ −0,97 (docs/zscore.md)."""
    open_page(app, "pages/pengukuran.py")
    measured = date(2025, 8, 12)
    app.radio(key="ukur.calc_sex").set_value(2)
    app.date_input(key="ukur.calc_measured").set_value(measured)
    app.date_input(key="ukur.calc_born").set_value(measured - timedelta(days=1100))
    app.number_input(key="ukur.calc_h").set_value(88.0)
    app.number_input(key="ukur.calc_w").set_value(11.0)
    app.selectbox(key="ukur.calc_pos").set_value(1).run()
    assert not app.exception
    table = next(t for t in app.table if "Kategori" in t.value.columns).value
    assert table["z-skor"].tolist() == ["-2,06", "-1,87", "-0,97"]
    assert table["Kategori"].tolist()[0] == "pendek"
    assert any("87,3 cm" in c.value for c in app.caption)


@pytest.fixture()
def ukur_app(demo_copy_url, monkeypatch):
    """The Pengukuran page on its own (through ``app.py`` AppTest loses button clicks, see
    ``data_app`` in test_uploads) on a private copy of the demo database, with an editor signed
    in; yields the page and the database URL."""
    monkeypatch.setenv("DASBOR_DB_URL", demo_copy_url)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = signed_in(AppTest.from_file(str(ROOT / "pages/pengukuran.py"), default_timeout=60))
    at.session_state["filters"] = Filters(2025, "2025-Q4", None)
    at.run()
    yield at, demo_copy_url
    st.cache_resource.clear()
    st.cache_data.clear()


def count_datasets(url: str) -> int:
    return int(read_sql(url, "select count(*) as n from dataset")["n"].iloc[0])


def test_measurement_file_already_stored_gets_no_second_save(ukur_app, ref):
    """After "Simpan rekaman" the page offers no second save of the file, and the same bytes
    chosen again are named at once as active dataset #3 (when, by whom), with no save button."""
    at, url = ukur_app
    content = files.to_csv_bytes(templates.measurement_template(ref.kelurahan))
    at.file_uploader(key="ukur.file").set_value(("ukur.csv", content, "text/csv")).run()
    assert not at.exception
    assert not [i for i in at.info if i.value.startswith("Berkas ini sudah")]
    # 1 record each for Warakas and Sunter Agung (150 stored): warned, a choice is due.
    at.radio(key="ukur.cakupan").set_value("kelurahan").run()
    at.button(key="ukur.save").click().run()
    assert not at.exception
    assert any(s.value.startswith("Tersimpan sebagai dataset #3: 2 rekaman.") for s in at.success)
    assert not [b for b in at.button if b.key == "ukur.save"]
    at.run()  # another run (a tab or page switch) offers no second save
    assert not [b for b in at.button if b.key == "ukur.save"]
    at.file_uploader(key="ukur.file").set_value(("ukur_lagi.csv", content, "text/csv")).run()
    assert not at.exception
    [info] = [i.value for i in at.info if i.value.startswith("Berkas ini sudah")]
    assert info.startswith("Berkas ini sudah disimpan sebagai dataset #3 pada ")
    assert info.endswith(
        " WIB oleh rina; tidak perlu disimpan lagi. Bila perlu menyimpannya ulang, batalkan "
        "dataset #3 dulu (halaman Data, tab Riwayat unggahan)."
    )
    assert not [b for b in at.button if b.key == "ukur.save"]
    assert not at.error
    assert count_datasets(url) == 3


def test_measurement_uploader_promises_the_measurement_limit(ukur_app):
    """The measurement uploader says "100MB per file" (DASBOR_MAX_PENGUKURAN_MB)."""
    at, _ = ukur_app
    assert at.file_uploader(key="ukur.file").proto.max_upload_size_mb == 100


def test_dry_run_counts_rows_skipped_apart_from_problems(ukur_app):
    """3 rows read: row 1 fine, rows 2 and 3 each with two errors (unknown sex, a weight that is
    no number). By hand: 1 record kept, 3 - 1 = 2 rows skipped, 2 × 2 = 4 errors; the
    old "Galat (baris dilewati)" showed the 4 problems as if they were rows."""
    at, _ = ukur_app
    lines = [
        "kelurahan;posyandu;jenis_kelamin;tanggal_lahir;tanggal_ukur;tinggi_cm;berat_kg;cara_ukur",
        "Warakas;Melati;L;2023-02-10;2025-08-12;86,5;11,9;H",
        "Warakas;Mawar;X;2022-05-10;2025-08-12;92,0;abc;H",
        "Sunter Agung;Anggrek;Y;2022-06-10;2025-08-12;90,0;berat;H",
    ]
    content = ("\n".join(lines) + "\n").encode()
    at.file_uploader(key="ukur.file").set_value(("ukur.csv", content, "text/csv")).run()
    assert not at.exception
    expected = {
        "Baris dibaca": "3",
        "Rekaman akan disimpan": "1",
        "Baris dilewati": "2",
        "Galat": "4",
        "Peringatan": "0",
    }
    assert {m.label: m.value for m in at.metric if m.label in expected} == expected


def test_quality_tab_plausibility_side_by_side(app):
    """Kota, its 6 kecamatan and 31 kelurahan side by side; a kelurahan under 100 children
    has no score ('tidak bermakna'); the SD columns show the SD itself (near 1, not |SD − 1|)."""
    open_page(app, "pages/pengukuran.py")
    table = table_with(app, "Anak dinilai")
    assert list(table["Tingkat"].value_counts().sort_index().items()) == [
        ("Kec.", 6), ("Kel.", 31), ("Kota", 1)
    ]  # fmt: skip
    assert table["Wilayah"].iloc[0] == "Jakarta Utara"
    children = table["Anak dinilai"].str.replace(".", "").astype(int)
    small = table.loc[children < 100]
    assert (small["Penilaian"] == "tidak bermakna (< 100 anak)").all()
    assert (small["Skor"] == "–").all()
    assert (table.loc[children >= 100, "Skor"] != "–").all()
    sd = table["SD HAZ"].str.split(" ").str[0].str.replace(",", ".").astype(float)
    assert sd.between(0.5, 2).all()


def test_standard_tables_tab_matches_the_cards(app):
    """Tabel standar WHO: 21 groups for TB/U; the total's N and stunting % are the stunting
    card's valid children and percent (the same rules: flagged out, z rounded to 2 decimals);
    the XLSX download is offered."""
    open_page(app, "pages/pengukuran.py")
    assert not app.exception
    table = table_with(app, "Kelompok")
    assert len(table) == 21 and table["Kelompok"].iloc[0] == "Semua"
    card = next(m for m in app.metric if m.label == "Stunting")
    total = table.iloc[0]
    assert total["TB/U < −2 SD % (IK 95%)"].startswith(card.value + " (")
    # the card's caption: "{kasus} dari {valid} anak · …"
    assert any(f" dari {total['N']} anak" in c.value for c in app.caption)
    app.radio(key="ukur_std_indeks").set_value("whz").run()
    assert not app.exception
    assert "BB/TB > +3 SD % (IK 95%)" in table_with(app, "Kelompok").columns
