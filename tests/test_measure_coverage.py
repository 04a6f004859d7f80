"""Coverage of measurement (``analysis.measure_coverage``): the sasaran of a weighing month,
the bands and the coverage per kelurahan, kecamatan and city, against hand-computed figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import schema as s
from analysis.attainment import KECAMATAN, KELURAHAN, KOTA
from analysis.measure_coverage import (
    COVERAGE_COLUMNS,
    band,
    contains_month,
    measured_per_kelurahan,
    measurement_coverage,
    month_in_view,
    sasaran_for_month,
)
from ingest.indicator_names import IndicatorMatcher
from tests.regions import NJ

AREA = pd.DataFrame(
    {
        s.KODE_KELURAHAN: ["K1", "K2", "K3", "K4"],
        s.KELURAHAN: ["Satu", "Dua", "Tiga", "Empat"],
        s.KODE_KECAMATAN: ["A", "A", "B", "B"],
        s.KECAMATAN: ["Kec A", "Kec A", "Kec B", "Kec B"],
    }
)
MEASURED = pd.Series({"K1": 150, "K2": 120, "K3": 45}, name="diukur")
SASARAN = pd.DataFrame(
    {
        s.KODE_WILAYAH: ["K1", "K2", "K4"],
        "sasaran": [180.0, 120.0, 50.0],
        "kode_sasaran": ["SAS06", "SKD01", "SAS06"],  # K2's from D/S
    }
)


def _value(kode, ind, periode, num, den=None, nilai=None, sumber="EPPGBM"):
    return {
        s.KODE_WILAYAH: kode,
        s.KODE_INDIKATOR: ind,
        s.PERIODE: periode,
        s.SUMBER_DATA: sumber,
        s.PEMBILANG: num,
        s.PENYEBUT: den,
        s.NILAI: nilai,
    }


@pytest.mark.parametrize(
    ("periode", "expected"),
    [("2025", True), ("2025-S2", True), ("2025-Q3", True), ("2025-08", True),
     ("2025-Q1", False), ("2025-07", False), ("2024", False), ("bukan", False)],
)  # fmt: skip
def test_contains_month(periode, expected):
    """A year, semester, quarter or the month itself contains August 2025; others do not."""
    assert contains_month(periode, "2025-08") is expected


def test_sasaran_prefers_sas06_then_the_shortest_period():
    """SAS06 wins over SKD01's S, the quarter over the year; periods not holding the month and
    wilayah without a positive sasaran are left out."""
    values = pd.DataFrame(
        [
            _value("K1", "SAS06", "2025", 200.0, nilai=200.0),
            _value("K1", "SAS06", "2025-Q3", 180.0, nilai=180.0),  # shorter: 180
            _value("K2", "SKD01", "2025-08", 150.0, 160.0, 93.75),  # only D/S: S = 160
            _value("K3", "SAS06", "2025", 90.0),  # no nilai: the pembilang, 90
            _value("K3", "SKD01", "2025-08", 95.0, 100.0, 95.0),  # SAS06 wins
            _value("K4", "SAS06", "2024", 300.0, nilai=300.0),  # another year
            _value("K5", "SAS06", "2025-Q1", 70.0, nilai=70.0),  # another quarter
            _value("K6", "SAS06", "2025", 0.0, nilai=0.0),  # zero is no sasaran
            _value("K7", "OUT01", "2025-08", 10.0, 100.0, 10.0),  # not a sasaran
        ]
    )
    got = sasaran_for_month(values, "2025-08")
    expected = pd.DataFrame(
        {
            s.KODE_WILAYAH: ["K1", "K2", "K3"],
            "sasaran": [180.0, 160.0, 90.0],
            "kode_sasaran": ["SAS06", "SKD01", "SAS06"],
            "periode_sasaran": ["2025-Q3", "2025-08", "2025"],
            s.SUMBER_DATA: ["EPPGBM"] * 3,
        }
    )
    pd.testing.assert_frame_equal(got, expected)


def test_sasaran_of_a_month_without_any_is_empty():
    """No sasaran row for the month: an empty frame, never a made-up number."""
    values = pd.DataFrame([_value("K1", "SAS06", "2024", 200.0, nilai=200.0)])
    assert sasaran_for_month(values, "2025-08").empty


@pytest.mark.parametrize(
    ("persen", "expected"),
    [(79.9, "rendah"), (80.0, "sedang"), (94.99, "sedang"), (95.0, "terpercaya"),
     (100.0, "terpercaya"), (100.1, "melebihi"), (float("nan"), "tanpa_sasaran")],
)  # fmt: skip
def test_band_edges(persen, expected):
    """Below 80 rendah, 80 up to 95 sedang, 95–100 terpercaya, above 100 melebihi."""
    assert band(persen, 80.0, 95.0) == expected


def test_measured_counts_only_scored_records():
    """Three records of K1, one not scored (over 59 months): K1 has 2 measured, K2 one."""
    records = pd.DataFrame({s.KODE_WILAYAH: ["K1", "K1", "K1", "K2"]})
    got = measured_per_kelurahan(records, pd.Series([True, False, True, True]))
    pd.testing.assert_series_equal(
        got, pd.Series({"K1": 2, "K2": 1}, name="diukur").rename_axis(s.KODE_WILAYAH)
    )


def _expected(rows):
    frame = pd.DataFrame(rows, columns=COVERAGE_COLUMNS)
    return frame.astype({"diukur": "int64", "sasaran": float, "cakupan_ukur": float,
                         "tanpa_sasaran": "int64", "sasaran_ds": "int64"})  # fmt: skip


def test_coverage_per_kelurahan():
    """K1 150/180 = 83.33% sedang; K2 120/120 = 100% terpercaya (its S from D/S, counted in
    ``sasaran_ds``); K3 measured without sasaran; K4 a sasaran of 50 and nobody measured:
    0/50 = 0% rendah."""
    got = measurement_coverage(MEASURED, SASARAN, AREA, KELURAHAN, 80, 95)
    expected = _expected(
        [
            ["K1", "Satu", 150, 180.0, 150 / 180 * 100, "sedang", 0, 0],
            ["K2", "Dua", 120, 120.0, 100.0, "terpercaya", 0, 1],
            ["K3", "Tiga", 45, np.nan, np.nan, "tanpa_sasaran", 1, 0],
            ["K4", "Empat", 0, 50.0, 0.0, "rendah", 0, 0],
        ]
    )
    pd.testing.assert_frame_equal(got, expected)
    assert got.loc[0, "cakupan_ukur"] == pytest.approx(83.3333, abs=1e-4)


def test_coverage_per_kecamatan_needs_every_measured_kelurahan_sasaran():
    """Kec A: (150 + 120) / (180 + 120) = 270/300 = 90% sedang; Kec B has K3 measured without
    a sasaran: no coverage (not 0/50)."""
    got = measurement_coverage(MEASURED, SASARAN, AREA, KECAMATAN, 80, 95)
    expected = _expected(
        [["A", "Kec A", 270, 300.0, 90.0, "sedang", 0, 1],
         ["B", "Kec B", 45, np.nan, np.nan, "tanpa_sasaran", 1, 0]]
    )  # fmt: skip
    pd.testing.assert_frame_equal(got, expected)


def test_coverage_of_the_city():
    """Without K3's records the city is (150 + 120 + 0) / (180 + 120 + 50) = 270/350 =
    77.14% rendah (K4's unmeasured sasaran counts); with them it has no coverage."""
    only = MEASURED.drop("K3")
    got = measurement_coverage(only, SASARAN, AREA, KOTA, 80, 95, NJ)
    expected = _expected([[NJ.kode, NJ.bare_name, 270, 350.0, 270 / 350 * 100, "rendah", 0, 1]])
    pd.testing.assert_frame_equal(got, expected)
    assert got.loc[0, "cakupan_ukur"] == pytest.approx(77.142857, abs=1e-6)
    whole = measurement_coverage(MEASURED, SASARAN, AREA, KOTA, 80, 95, NJ)
    assert np.isnan(whole.loc[0, "cakupan_ukur"]) and whole.loc[0, "tanpa_sasaran"] == 1


def test_coverage_without_any_sasaran_or_record_is_empty():
    """Nothing measured and no sasaran: no row at all."""
    got = measurement_coverage(pd.Series(dtype="int64"), SASARAN.iloc[0:0], AREA, KELURAHAN, 80, 95)
    assert got.empty and list(got.columns) == COVERAGE_COLUMNS


@pytest.mark.parametrize(
    ("periode", "expected"),
    [("2025-Q4", "2025-08"), ("2025-Q3", "2025-08"), ("2025-Q2", "2025-02"), ("2025-02", "2025-02"),
     ("2025-01", None), ("2024", None), ("2026", "2025-08")],
)  # fmt: skip
def test_month_in_view(periode, expected):
    """The latest weighing month ended by the end of the period in view."""
    assert month_in_view(["2025-02", "2025-08"], periode) == expected


@pytest.mark.parametrize(
    "text",
    ["Jumlah balita (S)", "Sasaran balita", "Jumlah balita sasaran", "Sasaran balita (S)",
     "Proyeksi jumlah balita", "Jumlah balita sasaran (S)"],
)  # fmt: skip
def test_office_wordings_of_the_sasaran_are_sas06(ref, text):
    """The SKDN and Pusdatin wordings of the sasaran balita are read as SAS06."""
    found = IndicatorMatcher(ref.indikator, ref.indikator_alias).resolve(text)
    assert found.kode == "SAS06"
