"""Prevalence with Wilson intervals and the data-quality measures, against hand computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.attainment import KECAMATAN, KELURAHAN, KOTA
from analysis.measure_quality import (
    digit_preference_score,
    register_agreement,
    terminal_digits,
    whole_year_heaping,
)
from analysis.prevalence import case_flags, indicator_values, prevalence, wilson
from tests.regions import NJ

AREA = pd.DataFrame(
    {
        "kode_kelurahan": ["31.72.01.1001", "31.72.01.1002", "31.72.02.1001"],
        "kelurahan": ["A", "B", "C"],
        "kode_kecamatan": ["31.72.01", "31.72.01", "31.72.02"],
        "kecamatan": ["K1", "K1", "K2"],
    }
)


def z_frame(haz, waz=None, whz=None, flag_haz=None) -> pd.DataFrame:
    n = len(haz)
    waz = np.zeros(n) if waz is None else waz
    whz = np.zeros(n) if whz is None else whz
    return pd.DataFrame(
        {
            "haz": haz,
            "waz": waz,
            "whz": whz,
            "flag_haz": np.zeros(n, bool) if flag_haz is None else flag_haz,
            "flag_waz": np.zeros(n, bool),
            "flag_whz": np.zeros(n, bool),
            "dinilai": np.ones(n, bool),
        }
    )


def test_classification_uses_z_rounded_to_two_decimals():
    """−2.004 rounds to −2.00 (not stunted); −2.006 to −2.01 (stunted); −3.01 is severe."""
    flags = case_flags(z_frame([-2.004, -2.006, -3.01, np.nan]))
    assert flags["kasus_OUT01"].tolist() == [False, True, True, False]
    assert flags["kasus_OUT04"].tolist() == [False, False, True, False]
    assert flags["valid_OUT01"].tolist() == [True, True, True, False]


def test_flagged_records_leave_the_denominator_and_oedema_counts_as_wasted():
    """A flagged HAZ is not valid; oedema (WAZ/WHZ missing) is a valid case of wasting and
    underweight."""
    z = z_frame([-7.0, 0.0], waz=[0.0, np.nan], whz=[0.0, np.nan], flag_haz=[True, False])
    flags = case_flags(z, np.array([False, True]))
    assert flags["valid_OUT01"].tolist() == [False, True]
    assert flags["kasus_OUT02"].tolist() == [False, True]
    assert flags["valid_OUT02"].tolist() == [True, True]
    assert flags["kasus_OUT03"].tolist() == [False, True]


def test_wilson_interval_by_hand():
    """10 of 50: p = 0.2, Wilson 95% = (0.1124, 0.3304); 0 of 10 starts at 0; n = 0 is NaN."""
    low, high = wilson([10, 0, 0], [50, 10, 0])
    assert low[0] == pytest.approx(0.112435, abs=1e-5)
    assert high[0] == pytest.approx(0.330373, abs=1e-5)
    assert low[1] == pytest.approx(0.0, abs=1e-12)
    assert high[1] == pytest.approx(0.277533, abs=1e-5)
    assert np.isnan(low[2])


def records_and_flags():
    # A: 4 records, 1 stunted; B: 2 records, 2 stunted; C: 1 record, none; period 2024-08.
    records = pd.DataFrame(
        {
            "kode_wilayah": ["31.72.01.1001"] * 4 + ["31.72.01.1002"] * 2 + ["31.72.02.1001"],
            "periode": "2024-08",
        }
    )
    haz = [-2.5, 0.1, -1.0, 0.5, -2.2, -3.5, 1.0]
    return records, case_flags(z_frame(haz))


def test_prevalence_per_kelurahan_kecamatan_and_city_is_sum_over_sum():
    """Kelurahan A 1/4 = 25%; kecamatan K1 (A+B) 3/6 = 50%, not the mean of 25% and 100%;
    the city 3/7; severe stunting 1/6 in K1."""
    records, flags = records_and_flags()
    kel = prevalence(records, flags, AREA, KELURAHAN, min_valid=3)
    stunting = kel.loc[kel["kode_indikator"] == "OUT01"].set_index("wilayah")
    assert stunting["persen"].to_dict() == {"A": 25.0, "B": 100.0, "C": 0.0}
    assert stunting["penyebut_kecil"].to_dict() == {"A": False, "B": True, "C": True}
    kec = prevalence(records, flags, AREA, KECAMATAN).set_index(["wilayah", "kode_indikator"])
    assert kec.loc[("K1", "OUT01"), ["kasus", "valid"]].tolist() == [3, 6]
    assert kec.loc[("K1", "OUT04"), "persen"] == pytest.approx(100 / 6)
    city = prevalence(records, flags, AREA, KOTA, region=NJ).set_index("kode_indikator")
    assert city.loc["OUT01", "persen"] == pytest.approx(300 / 7)
    low, high = wilson([3], [7])
    assert city.loc["OUT01", ["ci_bawah", "ci_atas"]].tolist() == pytest.approx(
        [100 * low[0], 100 * high[0]]
    )


def test_indicator_values_carry_counts_and_the_source():
    """Stored values keep numerator (cases) and denominator (valid records) under their source."""
    records, flags = records_and_flags()
    values = indicator_values(prevalence(records, flags, AREA), "EPPGBM_HITUNG")
    row = values.loc[
        (values["kode_wilayah"] == "31.72.01.1001") & (values["kode_indikator"] == "OUT01")
    ].iloc[0]
    assert (row["pembilang"], row["penyebut"], row["nilai"], row["sumber_data"]) == (
        1.0,
        4.0,
        25.0,
        "EPPGBM_HITUNG",
    )


def test_terminal_digits_and_digit_preference_score():
    """Equal digits give DPS 0; all on .0 gives 100 (χ² = 900 for N = 100)."""
    even = np.arange(80.0, 81.0, 0.1)
    assert terminal_digits(even).tolist() == [1] * 10
    assert digit_preference_score(terminal_digits(even)) == pytest.approx(0.0)
    heaped = np.full(100, 85.0)
    assert terminal_digits(np.append(heaped, np.nan)).tolist() == [100] + [0] * 9
    assert digit_preference_score(terminal_digits(heaped)) == pytest.approx(100.0)
    assert np.isnan(digit_preference_score(np.zeros(10)))


def test_whole_year_heaping_ratio():
    """Ages all at 12 completed months: share 1 against 5/60 expected → ratio 12; one of two
    → 6; ages of 60 months or more are ignored."""
    assert whole_year_heaping([366, 366]) == pytest.approx(12.0)
    assert whole_year_heaping([366, 400, 1900]) == pytest.approx(6.0)


def test_register_agreement_counts_status_flips():
    """Of three compared records one changes stunting status; mean |Δz| = (0.02+0.5+0)/3."""
    agree = register_agreement([-2.01, -1.0, -3.0, np.nan], [-1.99, -1.5, -3.0, -2.5])
    assert agree["n"] == 3
    assert agree["beda_status"] == pytest.approx(1 / 3)
    assert agree["selisih_rerata"] == pytest.approx(0.52 / 3)


def test_quality_report_by_hand():
    """Four records: one without position (25%), one flagged HAZ of four scored (25%), heights
    all on ,0 (DPS 100), register status differing for one of two compared (50%)."""
    from analysis.measure_quality import quality_report

    records = pd.DataFrame(
        {
            "jenis_kelamin": ["L", "P", "L", "P"],
            "umur_hari": [100, 400, 800, 1200],
            "tinggi_cm": [60.0, 75.0, 85.0, 90.0],
            "berat_kg": [6.1, 9.2, 11.3, 13.4],
            "cara_ukur": ["L", "L", None, "H"],
            "zs_tbu_berkas": [np.nan, np.nan, -2.1, -1.0],
        }
    )
    z = z_frame([0.5, -7.0, -1.9, -1.0], flag_haz=[False, True, False, False])
    z["flag_9bulan"] = False
    report = quality_report(records, z).set_index("ukuran")
    assert report.loc["% tanpa cara ukur", "nilai"] == 25.0
    assert report.loc["% TB/U (HAZ) ditandai", "nilai"] == 25.0
    assert report.loc["Skor DPS tinggi/panjang", "nilai"] == pytest.approx(100.0)
    assert report.loc["Skor DPS tinggi/panjang", "penilaian"] == "bermasalah"
    assert report.loc["% status stunting berbeda", "nilai"] == pytest.approx(50.0)
    assert report.loc["Rekaman dibandingkan", "nilai"] == 2


def test_measure_label_and_cutoff_split_the_name():
    """Cards show 'Stunting berat' and put 'TB/U < −3 SD' in the caption."""
    from analysis.prevalence import MEASURES  # noqa: PLC0415

    assert [(m.label, m.cutoff) for m in MEASURES] == [
        ("Stunting", "TB/U < −2 SD"), ("Stunting berat", "TB/U < −3 SD"),
        ("Wasting", "BB/TB < −2 SD"), ("Underweight", "BB/U < −2 SD"),
    ]  # fmt: skip
