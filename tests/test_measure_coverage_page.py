"""The coverage of measurement on the Pengukuran page (demo data): the city card and the
table column against counts read from the database, and "sasaran tidak tersedia" when the
sasaran is gone; and the text helpers of ``text.coverage_text``."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.measure_coverage import SASARAN_COLUMNS
from tests.stored import values_db
from tests.test_analysis_pages import open_page, table_with
from tests.test_uploads import read_sql
from text.coverage_text import coverage_card, coverage_label, with_coverage
from text.fmt import fmt_number, fmt_percent

KELURAHAN = "kode_wilayah like '31.72.__.____'"


def measured_and_sasaran(db_url: str) -> pd.DataFrame:
    """Per kelurahan: records of August 2025 aged 0–1826 days, and SAS06 of 2025-Q3."""
    measured = read_sql(
        db_url,
        "select kode_wilayah, count(*) as diukur from pengukuran "
        "where periode = '2025-08' and umur_hari <= 1826 group by kode_wilayah",
    )
    con = values_db(db_url)
    sasaran = pd.read_sql(
        "select kode_wilayah, nilai as sasaran from indicator_value where "
        f"kode_indikator = 'SAS06' and periode = '2025-Q3' and {KELURAHAN}",
        con,
    )
    con.close()
    return measured.merge(sasaran, on="kode_wilayah", how="outer")


def test_city_card_is_measured_over_sasaran(app, demo_db):
    """The card is Σ records ÷ Σ SAS06 of the 31 kelurahan, with both counts in its caption."""
    counts = measured_and_sasaran(demo_db)
    assert len(counts) == 31 and counts.notna().all().all()
    diukur, sasaran = int(counts["diukur"].sum()), counts["sasaran"].sum()
    open_page(app, "pages/pengukuran.py")
    card = next(m for m in app.metric if m.label == "Cakupan pengukuran")
    assert card.value == fmt_percent(diukur / sasaran * 100)
    caption = f"{fmt_number(diukur)} dari {fmt_number(sasaran)} balita sasaran"
    assert any(c.value.startswith(caption) for c in app.caption)
    assert any(c.value.startswith("Cakupan pengukuran = balita diukur") for c in app.caption)


def test_table_has_each_kelurahans_coverage_and_band(app, demo_db):
    """Each kelurahan's "Cakupan pengukuran" is its records ÷ its SAS06, marked ⚠ below 80%
    and ✓ from 95% (the demo holds both)."""
    counts = measured_and_sasaran(demo_db).set_index("kode_wilayah")
    open_page(app, "pages/pengukuran.py")
    table = table_with(app, "Cakupan pengukuran")
    assert len(table) == 31
    column = list(table["Cakupan pengukuran"])
    assert any(v.endswith("⚠ rendah") for v in column)
    assert any(v.endswith("✓ terpercaya") for v in column)
    expected = sorted(
        coverage_label(d / n * 100, _band(d / n * 100))
        for d, n in zip(counts["diukur"], counts["sasaran"], strict=True)
    )
    assert sorted(column) == expected


def _band(persen: float) -> str:
    if persen > 100:
        return "melebihi"
    if persen >= 95:
        return "terpercaya"
    return "rendah" if persen < 80 else "sedang"


def test_without_sasaran_no_coverage_is_made_up(app, monkeypatch):
    """With no sasaran for the month (neither SAS06 nor D/S), the card says so and every
    kelurahan row reads "sasaran tidak tersedia"."""
    monkeypatch.setattr(
        "ui.views.sasaran_for_month", lambda values, bulan: pd.DataFrame(columns=SASARAN_COLUMNS)
    )
    open_page(app, "pages/pengukuran.py")
    card = next(m for m in app.metric if m.label == "Cakupan pengukuran")
    assert card.value == "–"
    assert any(c.value.endswith("sasaran tidak tersedia (31 kelurahan)") for c in app.caption)
    table = table_with(app, "Cakupan pengukuran")
    assert set(table["Cakupan pengukuran"]) == {"sasaran tidak tersedia"}


@pytest.mark.parametrize(
    ("persen", "pita", "n", "expected"),
    [(72.04, "rendah", 0, "72,0% ⚠ rendah"), (85.0, "sedang", 0, "85,0%"),
     (97.5, "terpercaya", 0, "97,5% ✓ terpercaya"), (104.0, "melebihi", 0, "104,0% ⚠ melebihi sasaran"),
     (math.nan, "tanpa_sasaran", 1, "sasaran tidak tersedia"),
     (math.nan, "tanpa_sasaran", 3, "sasaran tidak tersedia (3 kelurahan)")],
)  # fmt: skip
def test_coverage_label(persen, pita, n, expected):
    """The percent with its band's mark, or why there is none."""
    assert coverage_label(persen, pita, n) == expected


def test_coverage_label_names_a_sasaran_from_ds():
    """A sasaran taken from D/S's S is said beside the figure."""
    assert coverage_label(97.5, "terpercaya", 0, 1) == "97,5% ✓ terpercaya (S dari D/S)"


def test_with_coverage_puts_the_column_beside_the_prevalence():
    """Rows keep the prevalence table's order (highest first); a wilayah without a coverage
    row reads "sasaran tidak tersedia"."""
    prev = pd.DataFrame({"kode_wilayah": ["A", "B"], "persen": [10.0, 30.0]})
    table = pd.DataFrame({"Wilayah": ["Bee", "Aa"], "Prevalensi": ["30,0%", "10,0%"], "X": [1, 2]})
    coverage = pd.DataFrame(
        {
            "kode_wilayah": ["A"],
            "cakupan_ukur": [96.0],
            "pita": ["terpercaya"],
            "tanpa_sasaran": [0],
            "sasaran_ds": [0],
        }
    )
    got = with_coverage(table, prev, coverage)
    assert list(got.columns) == ["Wilayah", "Prevalensi", "Cakupan pengukuran", "X"]
    assert list(got["Cakupan pengukuran"]) == ["sasaran tidak tersedia", "96,0% ✓ terpercaya"]


def test_coverage_card_texts():
    """150 of 180: "83,3%" and "150 dari 180 balita sasaran"; no row: a dash and the reason."""
    row = pd.Series({"diukur": 150, "sasaran": 180.0, "cakupan_ukur": 150 / 180 * 100,
                     "pita": "sedang", "tanpa_sasaran": 0, "sasaran_ds": 0})  # fmt: skip
    assert coverage_card(row) == ("83,3%", "150 dari 180 balita sasaran")
    mixed = row.copy()
    mixed["sasaran_ds"] = 2
    assert coverage_card(mixed)[1] == (
        "150 dari 180 balita sasaran · sasaran dari S pada D/S (SKD01) untuk 2 kelurahan tanpa SAS06"
    )
    assert coverage_card(None) == ("–", "sasaran tidak tersedia")


def test_profil_names_the_coverage_beside_the_recomputed_prevalence(app, demo_db):
    """Warakas, period Q4 2025: August 2025's recomputed stunting (stored EPPGBM_HITUNG counts)
    and its coverage, records ÷ SAS06 — below 80% in the demo, so marked ⚠ rendah."""
    kode = "31.72.02.1007"
    counts = measured_and_sasaran(demo_db).set_index("kode_wilayah").loc[kode]
    con = values_db(demo_db)
    kasus, valid = con.execute(
        "select pembilang, penyebut from indicator_value where kode_indikator='OUT01' "
        f"and sumber_data='EPPGBM_HITUNG' and periode='2025-08' and kode_wilayah='{kode}'"
    ).fetchone()
    con.close()
    persen = counts["diukur"] / counts["sasaran"] * 100
    assert persen < 80
    open_page(app, "pages/profil.py")
    app.selectbox(key="kelurahan").select("Warakas").run()
    assert not app.exception
    expected = (
        f"Rekaman pengukuran Agustus 2025 (e-PPGBM dihitung ulang): stunting "
        f"{fmt_percent(kasus / valid * 100)} ({fmt_number(kasus)} dari {fmt_number(valid)} anak) "
        f"· cakupan pengukuran {fmt_percent(persen)} ⚠ rendah ({fmt_number(counts['diukur'])} "
        f"dari {fmt_number(counts['sasaran'])} balita sasaran)"
    )
    assert expected in [c.value for c in app.caption]


def test_thresholds_are_settings(app, monkeypatch):
    """DASBOR_CAKUPAN_UKUR_PERCAYA=60 marks every demo kelurahan (65–100%) trusted, and the
    Panduan's formula row names the thresholds in force."""
    monkeypatch.setenv("DASBOR_CAKUPAN_UKUR_WASPADA", "50")
    monkeypatch.setenv("DASBOR_CAKUPAN_UKUR_PERCAYA", "60")
    open_page(app, "pages/pengukuran.py")
    column = table_with(app, "Cakupan pengukuran")["Cakupan pengukuran"]
    assert column.str.endswith("✓ terpercaya").all()
    app.switch_page("pages/panduan.py").run()
    assert not app.exception
    body = " ".join(m.value for m in app.markdown)
    assert "< 50% ⚠ rendah, ≥ 60% ✓ terpercaya" in body


def test_settings_defaults_and_bad_values(monkeypatch):
    """80 and 95 by default; a text or a negative number falls back to the default."""
    import settings  # noqa: PLC0415

    monkeypatch.delenv("DASBOR_CAKUPAN_UKUR_WASPADA", raising=False)
    monkeypatch.delenv("DASBOR_CAKUPAN_UKUR_PERCAYA", raising=False)
    assert (settings.cakupan_ukur_waspada(), settings.cakupan_ukur_percaya()) == (80.0, 95.0)
    monkeypatch.setenv("DASBOR_CAKUPAN_UKUR_WASPADA", "banyak")
    monkeypatch.setenv("DASBOR_CAKUPAN_UKUR_PERCAYA", "-5")
    assert (settings.cakupan_ukur_waspada(), settings.cakupan_ukur_percaya()) == (80.0, 95.0)
    monkeypatch.setenv("DASBOR_CAKUPAN_UKUR_WASPADA", "75")
    assert settings.cakupan_ukur_waspada() == 75.0


def test_kecamatan_coverage_is_the_sum_of_its_kelurahan(app, demo_db):
    """At kecamatan level each row is Σ records ÷ Σ SAS06 of its kelurahan (code prefix)."""
    counts = measured_and_sasaran(demo_db)
    sums = counts.groupby(counts["kode_wilayah"].str[:8])[["diukur", "sasaran"]].sum()
    expected = sorted(
        coverage_label(d / n * 100, _band(d / n * 100))
        for d, n in zip(sums["diukur"], sums["sasaran"], strict=True)
    )
    open_page(app, "pages/pengukuran.py")
    app.radio(key="ukur_tingkat").set_value("kecamatan").run()
    assert not app.exception
    table = table_with(app, "Cakupan pengukuran")
    assert len(table) == 6
    assert sorted(table["Cakupan pengukuran"]) == expected
