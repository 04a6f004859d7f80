"""Unit tests of analysis.overview: headline figures, ranking and trend of the Ringkasan page.

The shared toy city has 2 kecamatan and 4 kelurahan (hand-computed figures in the comments):

kode           kelurahan     kecamatan      OUT01 2022-Q3     OUT01 2024-Q3 (e-PPGBM)
31.72.01.1001  Penjaringan   Penjaringan    30 / 100 = 30 %   40 / 200 = 20 %
31.72.01.1002  Kamal Muara   Penjaringan    10 / 100 = 10 %   10 / 100 = 10 %
31.72.02.1005  Kebon Bawang  Tanjung Priok  20 / 200 = 10 %   15 / 100 = 15 %
31.72.02.1007  Warakas       Tanjung Priok  40 / 100 = 40 %   (no data)

Lokus 2022: Penjaringan, Warakas; lokus 2024: Penjaringan, Kebon Bawang.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import schema as s
from analysis.aksi import Stage
from analysis.overview import (
    ALL_LABEL,
    GROUP,
    LOKUS_LABEL,
    NON_LOKUS_LABEL,
    CoverageSummary,
    Ratio,
    area_ratio,
    build_overview,
    change_since_baseline,
    coverage_summary,
    latest_period,
    lokus_for_year,
    primary_source_values,
    rank_kelurahan,
    trend_by_lokus,
)
from tests.regions import NJ

NAN = np.nan
P1, P2 = "31.72.01.1001", "31.72.01.1002"  # Penjaringan, Kamal Muara
T1, T2 = "31.72.02.1005", "31.72.02.1007"  # Kebon Bawang, Warakas
EP, SSGI, LAP, PK = s.SUMBER_REGISTER, s.SUMBER_SURVEI, "LAPRUT", "PK_BKKBN"
OUT = s.IND_STUNTING
HIGH, LOW = s.ARAH_TINGGI_BAIK, s.ARAH_RENDAH_BAIK
RANK_COLUMNS = [
    s.PERINGKAT,
    s.KODE_KELURAHAN,
    s.KELURAHAN,
    s.KECAMATAN,
    s.LOKUS,
    s.PEMBILANG,
    s.PENYEBUT,
    s.CAKUPAN,
    "cakupan_baseline",
    "perubahan",
]


def vals(rows: list[tuple]) -> pd.DataFrame:
    """A values frame from (kode_wilayah, kode_indikator, periode, pembilang, penyebut, sumber)."""
    frame = pd.DataFrame(
        rows,
        columns=[
            s.KODE_WILAYAH,
            s.KODE_INDIKATOR,
            s.PERIODE,
            s.PEMBILANG,
            s.PENYEBUT,
            s.SUMBER_DATA,
        ],
    )
    return frame.assign(**{s.NILAI: frame[s.PEMBILANG] / frame[s.PENYEBUT] * 100})


def kelurahan() -> pd.DataFrame:
    """The four kelurahan of the toy city."""
    return pd.DataFrame(
        {
            s.KODE_KELURAHAN: [P1, P2, T1, T2],
            s.KELURAHAN: ["Penjaringan", "Kamal Muara", "Kebon Bawang", "Warakas"],
            s.KECAMATAN: ["Penjaringan", "Penjaringan", "Tanjung Priok", "Tanjung Priok"],
        }
    )


def lokus() -> pd.DataFrame:
    """Lokus set in 2022 and again in 2024."""
    return pd.DataFrame({s.TAHUN: [2022, 2022, 2024, 2024], s.KODE_KELURAHAN: [P1, T2, P1, T1]})


def catalogue() -> pd.DataFrame:
    """Outcome, two spesifik, two sensitif (one lower-is-better) and two scorecard indicators."""
    return pd.DataFrame(
        {
            s.KODE: [OUT, "SPE01", "SPE02", "SEN01", "SEN02", "SC01", "SC02"],
            s.NAMA: ["Stunting", "PMT KEK", "TTD", "KTD", "Air minum", "K4", "Imunisasi"],
            s.KELOMPOK: ["outcome", "spesifik", "spesifik", "sensitif", "sensitif"]
            + ["scorecard", "scorecard"],
            s.ARAH: [LOW, HIGH, HIGH, LOW, HIGH, HIGH, HIGH],
            s.TARGET: [14.0, 90.0, 80.0, 15.5, 100.0, NAN, NAN],
            s.SUMBER_DATA: [EP, LAP, LAP, PK, LAP, "KPM", "KPM"],
            s.KELOMPOK_SCORECARD: [NAN, NAN, NAN, NAN, NAN, "ibu_hamil", "anak_0_23"],
        }
    )


def stunting_values() -> pd.DataFrame:
    """The e-PPGBM prevalence of the table in the module docstring plus a city-level row."""
    return vals(
        [
            (P1, OUT, "2022-Q3", 30.0, 100.0, EP),
            (P2, OUT, "2022-Q3", 10.0, 100.0, EP),
            (T1, OUT, "2022-Q3", 20.0, 200.0, EP),
            (T2, OUT, "2022-Q3", 40.0, 100.0, EP),
            (P1, OUT, "2024-Q3", 40.0, 200.0, EP),
            (P2, OUT, "2024-Q3", 10.0, 100.0, EP),
            (T1, OUT, "2024-Q3", 15.0, 100.0, EP),
            # A city-level register row must never be added to the kelurahan sums.
            (NJ.kode, OUT, "2024-Q3", 999.0, 1000.0, EP),
        ]
    )


def test_area_ratio_sums_counts_and_skips_incomplete_rows():
    """Σpembilang ÷ Σpenyebut over the rows of one indicator and period."""
    values = vals(
        [
            (P1, OUT, "2024-Q3", 10.0, 100.0, EP),
            (P2, OUT, "2024-Q3", 90.0, 300.0, EP),
            (T1, OUT, "2024-Q3", 5.0, NAN, EP),
            (T1, OUT, "2024-Q2", 50.0, 50.0, EP),
            (T1, "SPE01", "2024-Q3", 50.0, 50.0, LAP),
        ]
    )
    ratio = area_ratio(values, OUT, "2024-Q3")
    assert ratio == Ratio("2024-Q3", 100.0, 400.0)
    assert ratio.persen == 25.0


def test_area_ratio_none_without_rows_and_nan_for_zero_denominator():
    """No usable rows gives None; a zero denominator gives a NaN percentage."""
    values = vals([(P1, OUT, "2024-Q3", NAN, 10.0, EP), (P1, OUT, "2024-Q4", 0.0, 0.0, EP)])
    assert area_ratio(values, OUT, "2024-Q3") is None
    assert area_ratio(values, OUT, "2025-Q1") is None
    assert math.isnan(area_ratio(values, OUT, "2024-Q4").persen)


def test_latest_period_with_and_without_upto():
    """The latest period of the indicator, optionally not after ``upto``."""
    values = vals(
        [
            (P1, OUT, "2024-Q1", 1.0, 10.0, EP),
            (P1, OUT, "2023-Q4", 1.0, 10.0, EP),
            (P1, OUT, "2024-Q3", 1.0, 10.0, EP),
            (P1, "SPE01", "2025-Q1", 1.0, 10.0, LAP),
        ]
    )
    assert latest_period(values, OUT) == "2024-Q3"
    assert latest_period(values, OUT, upto="2024-Q3") == "2024-Q3"
    assert latest_period(values, OUT, upto="2024-Q2") == "2024-Q1"
    assert latest_period(values, OUT, upto="2023") == "2023-Q4"
    assert latest_period(values, OUT, upto="2024-08") == "2024-Q1"
    assert latest_period(values, OUT, upto="2023-Q3") is None
    assert latest_period(values, "SPE02") is None


def test_latest_period_keeps_longer_period_ending_with_upto():
    """A semester ending in June does not end after the second quarter."""
    values = vals([(P1, OUT, "2023-S2", 1.0, 10.0, EP), (P1, OUT, "2024-S1", 1.0, 10.0, EP)])
    assert latest_period(values, OUT, upto="2024-Q2") == "2024-S1"


def test_change_since_baseline_uses_same_quarter_of_2022():
    """Change against the same quarter of 2022, pooled over kelurahan reporting in both."""
    register = stunting_values().loc[lambda d: d[s.KODE_WILAYAH] != NJ.kode]
    change = change_since_baseline(register, OUT, "2024-Q3")
    # Warakas (T2) reports only in 2022, so it is left out of both sides:
    # 2022-Q3: (30 + 10 + 20) / (100 + 100 + 200) = 60 / 400 = 15 %;
    # 2024-Q3: (40 + 10 + 15) / (200 + 100 + 100) = 65 / 400 = 16.25 % → +1.25 points.
    assert change.baseline == Ratio("2022-Q3", 60.0, 400.0)
    assert change.current == Ratio("2024-Q3", 65.0, 400.0)
    assert change.n_wilayah == 3
    assert change.poin == pytest.approx(1.25)


def test_change_since_baseline_other_year_and_missing_data():
    """The baseline year is a parameter; a missing side gives NaN change."""
    values = vals(
        [
            (P1, OUT, "2023-08", 30.0, 100.0, EP),
            (P1, OUT, "2025-08", 24.0, 100.0, EP),
            (P1, OUT, "2025-02", 20.0, 100.0, EP),
        ]
    )
    change = change_since_baseline(values, OUT, "2025-08", baseline_year=2023)
    assert (change.baseline, change.poin) == (Ratio("2023-08", 30.0, 100.0), pytest.approx(-6.0))
    change = change_since_baseline(values, OUT, "2025-02", baseline_year=2023)
    assert change.baseline is None and change.n_wilayah == 0 and math.isnan(change.poin)
    change = change_since_baseline(values, OUT, "2026-08", baseline_year=2023)
    assert change.current is None and math.isnan(change.poin)


def test_rank_kelurahan_orders_highest_first_with_lokus_and_change():
    """Highest prevalence is rank 1; a kelurahan without data comes last with no rank."""
    result = rank_kelurahan(stunting_values(), kelurahan(), {P1, T1}, OUT, "2024-Q3")
    expected = pd.DataFrame(
        {
            s.PERINGKAT: pd.array([1, 2, 3, pd.NA], dtype="Int64"),
            s.KODE_KELURAHAN: [P1, T1, P2, T2],
            s.KELURAHAN: ["Penjaringan", "Kebon Bawang", "Kamal Muara", "Warakas"],
            s.KECAMATAN: ["Penjaringan", "Tanjung Priok", "Penjaringan", "Tanjung Priok"],
            s.LOKUS: [True, True, False, False],
            s.PEMBILANG: [40.0, 15.0, 10.0, NAN],
            s.PENYEBUT: [200.0, 100.0, 100.0, NAN],
            s.CAKUPAN: [20.0, 15.0, 10.0, NAN],
            "cakupan_baseline": [30.0, 10.0, 10.0, 40.0],
            # 20 − 30, 15 − 10, 10 − 10, no current value.
            "perubahan": [-10.0, 5.0, 0.0, NAN],
        }
    )
    pd.testing.assert_frame_equal(result, expected)


def test_rank_kelurahan_ties_share_the_min_rank_and_sort_by_name():
    """Equal prevalence (1/5 and 4/20) shares rank 1; the next kelurahan is rank 3."""
    values = vals(
        [
            (T2, OUT, "2024-Q3", 1.0, 5.0, EP),
            (P2, OUT, "2024-Q3", 4.0, 20.0, EP),
            (P1, OUT, "2024-Q3", 1.0, 10.0, EP),
            (T1, OUT, "2024-Q3", 3.0, 10.0, LAP),  # another source: still counted as given
            (T1, "SPE01", "2024-Q3", 9.0, 10.0, LAP),  # another indicator: ignored
            ("31.72.03.1001", OUT, "2024-Q3", 9.0, 10.0, EP),  # not in the list: ignored
        ]
    )
    result = rank_kelurahan(values, kelurahan(), set(), OUT, "2024-Q3")
    assert result[s.KELURAHAN].tolist() == ["Kebon Bawang", "Kamal Muara", "Warakas", "Penjaringan"]
    assert result[s.PERINGKAT].tolist() == [1, 2, 2, 4]
    assert not result[s.LOKUS].any()
    assert result["cakupan_baseline"].isna().all()


def test_rank_kelurahan_tie_at_the_top():
    """Two kelurahan tied at the top are both 1, then 3, and the one without data has NA."""
    values = vals(
        [
            (T2, OUT, "2024-Q3", 1.0, 5.0, EP),
            (P2, OUT, "2024-Q3", 4.0, 20.0, EP),
            (P1, OUT, "2024-Q3", 1.0, 10.0, EP),
        ]
    )
    result = rank_kelurahan(values, kelurahan(), {T2}, OUT, "2024-Q3")
    assert result[s.KELURAHAN].tolist() == ["Kamal Muara", "Warakas", "Penjaringan", "Kebon Bawang"]
    assert result[s.PERINGKAT].tolist() == [1, 1, 3, pd.NA]
    assert result[s.LOKUS].tolist() == [False, True, False, False]


def test_trend_by_lokus_pools_counts_per_group_and_period():
    """Σnum ÷ Σden per period for lokus, non-lokus and all kelurahan, in chronological order."""
    values = pd.concat(
        [stunting_values(), vals([(P1, OUT, "2023-Q3", 1.0, 4.0, EP)])], ignore_index=True
    )
    result = trend_by_lokus(values, kelurahan(), {P1, T1}, OUT)
    expected = pd.DataFrame(
        {
            s.PERIODE: ["2022-Q3"] * 3 + ["2023-Q3"] * 2 + ["2024-Q3"] * 3,
            GROUP: [NON_LOKUS_LABEL, LOKUS_LABEL, ALL_LABEL, LOKUS_LABEL, ALL_LABEL]
            + [NON_LOKUS_LABEL, LOKUS_LABEL, ALL_LABEL],
            # 2022-Q3: non-lokus P2 + T2 = 50/200; lokus P1 + T1 = 50/300; all 100/500.
            # 2023-Q3: only P1 (lokus) = 1/4.
            # 2024-Q3: non-lokus P2 = 10/100; lokus P1 + T1 = 55/300; all 65/400.
            s.PEMBILANG: [50.0, 50.0, 100.0, 1.0, 1.0, 10.0, 55.0, 65.0],
            s.PENYEBUT: [200.0, 300.0, 500.0, 4.0, 4.0, 100.0, 300.0, 400.0],
            s.CAKUPAN: [25.0, 50 / 3, 20.0, 25.0, 25.0, 10.0, 55 / 3, 16.25],
        }
    )
    pd.testing.assert_frame_equal(result, expected)


def test_trend_by_lokus_only_uses_given_kelurahan():
    """For one kecamatan the 'Semua kelurahan' line covers only its kelurahan."""
    tanjung_priok = kelurahan().iloc[[2, 3]]
    result = trend_by_lokus(stunting_values(), tanjung_priok, {P1, T1}, OUT)
    all_line = result.loc[result[GROUP] == ALL_LABEL]
    # 2022-Q3: (20 + 40) / (200 + 100) = 20 %; 2024-Q3: T1 only 15 / 100 = 15 %.
    assert all_line[s.PERIODE].tolist() == ["2022-Q3", "2024-Q3"]
    assert all_line[s.CAKUPAN].tolist() == pytest.approx([20.0, 15.0])


def coverage_values() -> pd.DataFrame:
    """Coverage rows of 2024-Q3 (and one of another period) for the catalogue's indicators."""
    return vals(
        [
            (P1, "SPE01", "2024-Q3", 45.0, 50.0, LAP),
            (P2, "SPE01", "2024-Q3", 45.0, 50.0, LAP),
            (P1, "SPE02", "2024-Q3", 30.0, 50.0, LAP),
            (T1, "SPE02", "2024-Q3", 30.0, 50.0, LAP),
            (P1, "SEN01", "2024-Q3", 10.0, 100.0, PK),
            (T2, "SEN02", "2024-Q3", 45.0, 50.0, LAP),
            (T2, "SEN02", "2022-Q3", 5.0, 50.0, LAP),
        ]
    )


def test_coverage_summary_means_only_higher_is_better_with_target():
    """Means skip lower-is-better and untargeted indicators; n_tercapai counts both directions."""
    cat = pd.concat(
        [
            catalogue(),
            pd.DataFrame(
                {
                    s.KODE: ["SEN03", "SEN04"],
                    s.KELOMPOK: ["sensitif", "sensitif"],
                    s.ARAH: [LOW, HIGH],
                    s.TARGET: [5.0, NAN],
                    s.SUMBER_DATA: [LAP, LAP],
                }
            ),
        ],
        ignore_index=True,
    )
    values = pd.concat(
        [
            coverage_values(),
            vals(
                [
                    (P1, "SEN03", "2024-Q3", 8.0, 100.0, LAP),  # 8 % > 5 %: not reached
                    (P1, "SEN04", "2024-Q3", 7.0, 10.0, LAP),  # no target
                ]
            ),
        ],
        ignore_index=True,
    )
    summary, detail = coverage_summary(values, cat, "sensitif", "2024-Q3")
    # SEN01 10 % ≤ 15.5 reached; SEN02 90 % < 100 missed; SEN03 8 % > 5 missed; SEN04 untargeted.
    # Means over higher-is-better with a target: SEN02 only → 90 and 100.
    assert summary == CoverageSummary(
        kelompok="sensitif",
        periode="2024-Q3",
        n_indikator=4,
        n_bertarget=3,
        n_tercapai=1,
        rata_cakupan=90.0,
        rata_target=100.0,
    )
    assert detail[s.KODE_INDIKATOR].tolist() == ["SEN01", "SEN02", "SEN03", "SEN04"]
    assert detail[s.CAKUPAN].tolist() == pytest.approx([10.0, 90.0, 8.0, 70.0])
    assert detail[s.SELISIH_TARGET].tolist()[:3] == pytest.approx([5.5, -10.0, -3.0])
    assert detail[s.TERCAPAI].tolist() == [True, False, False, pd.NA]


def test_coverage_summary_spesifik_pools_counts_over_kelurahan():
    """Spesifik coverage pools kelurahan counts: SPE01 90/100 reached, SPE02 60/100 missed."""
    summary, _ = coverage_summary(coverage_values(), catalogue(), "spesifik", "2024-Q3")
    # Means: cakupan (90 + 60) / 2 = 75; target (90 + 80) / 2 = 85.
    assert summary == CoverageSummary("spesifik", "2024-Q3", 2, 2, 1, 75.0, 85.0)


def test_coverage_summary_without_rows_is_empty_with_nan_means():
    """A period without data gives zero counts and NaN means."""
    summary, detail = coverage_summary(coverage_values(), catalogue(), "spesifik", "2021-Q1")
    assert (summary.n_indikator, summary.n_bertarget, summary.n_tercapai) == (0, 0, 0)
    assert math.isnan(summary.rata_cakupan) and math.isnan(summary.rata_target)
    assert detail.empty


def test_coverage_summary_means_cover_the_same_indicators():
    """Average coverage and average target are taken over the same indicators."""
    values = vals(
        [(P1, "SPE01", "2024-Q3", 45.0, 50.0, LAP), (P1, "SPE02", "2024-Q3", 0.0, 0.0, LAP)]
    )
    summary, _ = coverage_summary(values, catalogue(), "spesifik", "2024-Q3")
    assert (summary.rata_cakupan, summary.rata_target) == (90.0, 90.0)


def test_primary_source_values_drops_other_sources_and_unknown_indicators():
    """Only rows whose source is the catalogue's source of their indicator are kept."""
    values = vals(
        [
            (P1, "SPE01", "2024-Q3", 45.0, 50.0, LAP),
            (P1, "SPE01", "2024-Q3", 0.0, 50.0, PK),
            (P1, "SEN01", "2024-Q3", 10.0, 100.0, PK),
            (P1, "XXX99", "2024-Q3", 1.0, 2.0, LAP),
            (NJ.kode, OUT, "2022", 185.0, 1000.0, SSGI),
        ]
    )
    result = primary_source_values(values, catalogue())
    expected = values.iloc[[0, 2]].reset_index(drop=True)
    pd.testing.assert_frame_equal(result.reset_index(drop=True), expected)


@pytest.mark.parametrize(
    ("tahun", "expected"),
    [
        (2021, (None, set())),
        (2022, (2022, {P1, T2})),
        (2023, (2022, {P1, T2})),
        (2024, (2024, {P1, T1})),
        (2030, (2024, {P1, T1})),
    ],
)
def test_lokus_for_year_uses_latest_year_not_after(tahun, expected):
    """The lokus set for the latest year ≤ tahun apply; none before the first year."""
    assert lokus_for_year(lokus(), tahun) == expected


def tiny_dataset() -> dict:
    """Every input of build_overview for the toy city."""
    values = pd.concat(
        [
            stunting_values(),
            coverage_values(),
            vals(
                [
                    (NJ.kode, OUT, "2021", 204.0, 1000.0, SSGI),
                    (NJ.kode, OUT, "2022", 185.0, 1000.0, SSGI),
                    (NJ.kode, OUT, "2025", 150.0, 1000.0, SSGI),  # after tahun: unused
                    (P1, OUT, "2024", 1.0, 2.0, SSGI),  # kelurahan survey row: unused
                    (P1, "SPE01", "2024-Q3", 0.0, 50.0, PK),  # not SPE01's source: unused
                ]
            ),
        ],
        ignore_index=True,
    )
    scorecard = pd.DataFrame(
        [
            # P1: ΣY = 3 + 3 = 6 of (4 + 8) scores − 4 TS = 8 → 75 %.
            (P1, "SC01", "2024-Q3", 3, 1, 0),
            (P1, "SC02", "2024-Q3", 3, 1, 4),
            # T1: 1 of 2 → 50 %.
            (T1, "SC01", "2024-Q3", 1, 1, 0),
            # Another period: ignored.
            (P2, "SC01", "2022-Q3", 5, 0, 0),
        ],
        columns=[s.KODE_WILAYAH, s.KODE_INDIKATOR, s.PERIODE, s.Y, s.T, s.TS],
    )
    progress = pd.DataFrame(
        {
            s.KERANGKA: ["8AKSI"],
            s.TAHUN: [2024],
            s.NOMOR_AKSI: [1],
            s.NOMOR_TAHAPAN: pd.array([pd.NA], dtype="Int64"),
            s.KODE_KELURAHAN: [None],
            s.STATUS: [s.STATUS_SELESAI],
        }
    )
    frameworks = pd.DataFrame(
        {
            s.KERANGKA: ["8AKSI", "8AKSI"],
            "nama_kerangka": ["8 Aksi", "8 Aksi"],
            s.NOMOR_AKSI: [1, 2],
            s.AKSI: ["Analisis Situasi", "Rencana Kegiatan"],
        }
    )
    return {
        "values": values,
        "scorecard": scorecard,
        "kelurahan": kelurahan(),
        "lokus": lokus(),
        "catalogue": catalogue(),
        "progress": progress,
        "frameworks": frameworks,
    }


def test_build_overview_whole_city():
    """Prevalence, change, survey, lokus, stage, coverage and ranking for the whole city."""
    ov = build_overview(**tiny_dataset(), tahun=2024, periode="2024-Q4", kode_kota=NJ.kode)
    # No 2024-Q4 register data, so the latest period up to 2024-Q4 is used.
    assert ov.periode == "2024-Q3"
    # (40 + 10 + 15) / (200 + 100 + 100) = 65 / 400 = 16.25 %; the 31.72 city row is ignored.
    assert ov.prevalence == Ratio("2024-Q3", 65.0, 400.0)
    assert ov.prevalence.persen == 16.25
    assert ov.n_melapor == 3
    # Like with like: Warakas did not report in 2024-Q3, so 2022-Q3 pools P1, P2, T1 only:
    # 60 / 400 = 15 % → +1.25 points.
    assert ov.change.baseline == Ratio("2022-Q3", 60.0, 400.0)
    assert ov.change.poin == pytest.approx(16.25 - 15.0)
    # SSGI city-level, latest year ≤ 2024: 2022 → 185 / 1000 = 18.5 %.
    assert ov.survey == Ratio("2022", 185.0, 1000.0)
    assert ov.survey.persen == pytest.approx(18.5)
    assert (ov.lokus_tahun, ov.n_lokus, ov.n_kelurahan) == (2024, 2, 4)
    assert ov.stage == Stage(2024, "8AKSI", "8 Aksi", 2, 2, "Rencana Kegiatan", 1, False)
    assert ov.spesifik == CoverageSummary("spesifik", "2024-Q3", 2, 2, 1, 75.0, 85.0)
    assert ov.sensitif == CoverageSummary("sensitif", "2024-Q3", 2, 2, 1, 90.0, 100.0)
    assert ov.ranking[s.KELURAHAN].tolist() == [
        "Penjaringan",
        "Kebon Bawang",
        "Kamal Muara",
        "Warakas",
    ]
    assert ov.ranking[s.PERINGKAT].tolist() == [1, 2, 3, pd.NA]
    assert ov.ranking[s.LOKUS].tolist() == [True, True, False, False]
    assert ov.ranking["perubahan"].tolist() == pytest.approx([-10.0, 5.0, 0.0, NAN], nan_ok=True)
    assert ov.ranking[s.TINGKAT_KONVERGENSI].tolist() == pytest.approx(
        [75.0, 50.0, NAN, NAN], nan_ok=True
    )
    assert ov.ranking.columns.tolist() == [*RANK_COLUMNS, s.TINGKAT_KONVERGENSI]
    assert ov.trend.loc[ov.trend[GROUP] == ALL_LABEL, s.CAKUPAN].tolist() == pytest.approx(
        [20.0, 16.25]
    )


def test_build_overview_one_kecamatan():
    """For Tanjung Priok only its kelurahan are pooled: 15 % now against 20 % in 2022."""
    data = tiny_dataset()
    data["kelurahan"] = kelurahan().iloc[[2, 3]]
    ov = build_overview(**data, tahun=2023, periode="2024-Q3", kode_kota=NJ.kode)
    # 2024-Q3: T1 only 15 / 100; 2022-Q3: (20 + 40) / (200 + 100) = 60 / 300 = 20 %.
    assert ov.prevalence == Ratio("2024-Q3", 15.0, 100.0)
    # Paired with 2022-Q3 over T1 only: 20 / 200 = 10 % → +5 points.
    assert ov.change.baseline == Ratio("2022-Q3", 20.0, 200.0)
    assert ov.change.poin == pytest.approx(5.0)
    # Lokus of 2023 are those set in 2022 (P1, T2); only Warakas lies in Tanjung Priok.
    assert (ov.lokus_tahun, ov.n_lokus, ov.n_kelurahan) == (2022, 1, 2)
    assert ov.stage is None  # no aksi rows for 2023
    assert ov.ranking[s.KELURAHAN].tolist() == ["Kebon Bawang", "Warakas"]
    assert ov.ranking[s.LOKUS].tolist() == [False, True]
    # Spesifik in Tanjung Priok: SPE02 only (30 / 50 = 60 %, target 80).
    assert ov.spesifik == CoverageSummary("spesifik", "2024-Q3", 1, 1, 0, 60.0, 80.0)


def test_build_overview_without_register_data():
    """Without e-PPGBM data there is no period, prevalence, coverage or rank."""
    data = tiny_dataset()
    data["values"] = data["values"].loc[lambda d: d[s.SUMBER_DATA] != EP]
    data["progress"] = data["progress"].iloc[0:0]
    ov = build_overview(**data, tahun=2024, periode="2024-Q3", kode_kota=NJ.kode)
    assert ov.periode is None
    assert ov.prevalence is None and ov.change.baseline is None
    assert math.isnan(ov.change.poin)
    assert ov.survey == Ratio("2022", 185.0, 1000.0)
    assert ov.stage is None
    # Coverage has its own period: it does not depend on register data being present.
    assert ov.spesifik == CoverageSummary("spesifik", "2024-Q3", 2, 2, 1, 75.0, 85.0)
    assert ov.ranking[s.PERINGKAT].isna().all()
    # Without prevalence the list falls back to name order; scorecard rates still show.
    assert ov.ranking[s.KELURAHAN].tolist() == [
        "Kamal Muara",
        "Kebon Bawang",
        "Penjaringan",
        "Warakas",
    ]
    assert ov.ranking[s.TINGKAT_KONVERGENSI].tolist() == pytest.approx(
        [NAN, 50.0, 75.0, NAN], nan_ok=True
    )
    assert ov.trend.empty


def test_resolve_period_prefers_the_exact_period():
    """A quarter asked for is used when it has data, even if the same year has a yearly value."""
    from analysis.overview import resolve_period

    values = vals(
        [
            (P1, OUT, "2024", 3.0, 10.0, EP),
            (P1, OUT, "2024-Q4", 1.0, 10.0, EP),
            (P1, OUT, "2024-Q2", 1.0, 10.0, EP),
        ]
    )
    assert resolve_period(values, [OUT], "2024-Q4") == "2024-Q4"
    assert resolve_period(values, [OUT], "2024") == "2024"
    # 2024-Q3 has no data: the latest period ending by September is 2024-Q2.
    assert resolve_period(values, [OUT], "2024-Q3") == "2024-Q2"
    assert resolve_period(values, [OUT], "2023-Q4") is None
    assert resolve_period(values, ["SPE01"], "2024-Q4") is None


def test_rank_in_the_baseline_period_has_no_change():
    """Ranking 2022-Q3 itself shows no change rather than zeros."""
    result = rank_kelurahan(stunting_values(), kelurahan(), set(), OUT, "2022-Q3")
    assert result["perubahan"].isna().all()
    assert result[s.CAKUPAN].notna().all()


def test_coverage_summary_counts_percent_only_indicators_left_out():
    """SPE02 written only as a bare 50% cannot be pooled: the summary is SPE01's alone and says
    one indicator was left out."""
    values = vals(
        [(P1, "SPE01", "2024-Q3", 45.0, 50.0, LAP), (P1, "SPE02", "2024-Q3", NAN, NAN, LAP)]
    )
    values.loc[1, s.NILAI] = 50.0
    summary, _ = coverage_summary(values, catalogue(), "spesifik", "2024-Q3")
    # SPE01 45/50 = 90% on its target 90 (reached); SPE02 not counted anywhere.
    assert summary == CoverageSummary("spesifik", "2024-Q3", 1, 1, 1, 90.0, 90.0, 1)
