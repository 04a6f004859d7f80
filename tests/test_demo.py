"""The seeded demo generator: complete, reproducible, and shaped as the issue asks."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import schema as s
from analysis.aksi import current_stage
from analysis.coverage import aggregate_ratio
from demo.generate import PERIODS, SKDN_MISSING_LAST, generate_demo
from tests.regions import NJ


@pytest.fixture(scope="module")
def demo(ref):
    lokus = set(ref.lokus.loc[ref.lokus[s.TAHUN] == 2022, s.KODE_KELURAHAN])
    return generate_demo(ref.kelurahan, lokus, ref.indikator, ref.kerangka, ref.tahapan)


@pytest.fixture(scope="module")
def lokus_codes(ref):
    return set(ref.lokus.loc[ref.lokus[s.TAHUN] == 2022, s.KODE_KELURAHAN])


def test_same_seed_same_data(ref, demo, lokus_codes):
    """Generating twice with the default seed gives identical tables; another seed differs."""
    again = generate_demo(ref.kelurahan, lokus_codes, ref.indikator, ref.kerangka, ref.tahapan)
    pd.testing.assert_frame_equal(demo.values, again.values)
    pd.testing.assert_frame_equal(demo.scorecard, again.scorecard)
    other = generate_demo(
        ref.kelurahan, lokus_codes, ref.indikator, ref.kerangka, ref.tahapan, seed=1
    )
    assert not other.values[s.PEMBILANG].equals(demo.values[s.PEMBILANG])


def test_every_indicator_every_kelurahan_every_quarter(ref, demo):
    """Each non-scorecard indicator has 31 × 16 kelurahan rows, except the SKDN recap that 3
    kelurahan miss in the last quarter (a gap for the completeness section); scorecard items
    have Y/T/TS rows."""
    kel_rows = demo.values.loc[demo.values[s.KODE_WILAYAH] != NJ.kode]
    counts = kel_rows.groupby(s.KODE_INDIKATOR).size()
    plain = ref.indikator.loc[ref.indikator[s.KELOMPOK] != "scorecard", s.KODE]
    assert set(counts.index) == set(plain)
    skdn = counts.index.str.startswith("SKD")
    assert (counts[~skdn] == 31 * 16).all()
    assert (counts[skdn] == 31 * 16 - SKDN_MISSING_LAST).all() and skdn.sum() == 3
    last = kel_rows.loc[kel_rows[s.PERIODE] == PERIODS[-1]]
    assert last.loc[last[s.KODE_INDIKATOR] == "SKD01", s.KODE_WILAYAH].nunique() == 31 - 3
    assert sorted(kel_rows[s.PERIODE].unique()) == sorted(PERIODS)
    assert PERIODS[0] == "2022-Q1" and PERIODS[-1] == "2025-Q4"
    sc = demo.scorecard.groupby(s.KODE_INDIKATOR).size()
    assert len(sc) == 18 and (sc == 31 * 16).all()


def test_percent_values_have_numerator_and_denominator(ref, demo):
    """Every percentage row carries both counts, numerator ≤ denominator, and value = ratio."""
    percent = ref.indikator.loc[ref.indikator[s.SATUAN] == "persen", s.KODE]
    rows = demo.values.loc[demo.values[s.KODE_INDIKATOR].isin(percent)]
    assert rows[[s.PEMBILANG, s.PENYEBUT]].notna().all().all()
    assert (rows[s.PEMBILANG] <= rows[s.PENYEBUT]).all()
    ratio = (rows[s.PEMBILANG] / rows[s.PENYEBUT] * 100).round(4)
    assert (ratio - rows[s.NILAI]).abs().max() < 1e-9


def test_register_and_survey_prevalence_are_separate_sources(demo):
    """Stunting per kelurahan comes from e-PPGBM quarterly; SSGI is city-level and yearly."""
    out = demo.values.loc[demo.values[s.KODE_INDIKATOR] == s.IND_STUNTING]
    ssgi = out.loc[out[s.SUMBER_DATA] == s.SUMBER_SURVEI]
    assert set(ssgi[s.KODE_WILAYAH]) == {NJ.kode}
    assert sorted(ssgi[s.PERIODE]) == ["2022", "2023", "2024", "2025"]
    register = out.loc[out[s.SUMBER_DATA] == s.SUMBER_REGISTER]
    assert NJ.kode not in set(register[s.KODE_WILAYAH])


def test_stunting_counts_add_up(demo):
    """Sangat pendek + pendek = stunted children, and balita diukur = the prevalence denominator."""
    v = demo.values.set_index([s.KODE_WILAYAH, s.PERIODE, s.KODE_INDIKATOR])
    one = ("31.72.02.1007", "2023-Q2")
    assert (
        v.loc[(*one, "SAS04"), s.PEMBILANG] + v.loc[(*one, "SAS05"), s.PEMBILANG]
        == v.loc[(*one, "OUT01"), s.PEMBILANG]
    )
    assert v.loc[(*one, "SAS03"), s.PEMBILANG] == v.loc[(*one, "OUT01"), s.PENYEBUT]


def test_lokus_worse_at_baseline_and_improve_faster(demo, lokus_codes):
    """Lokus prevalence is higher in 2022-Q1 and falls more by 2025-Q4 (Σnum/Σden per group)."""
    rows = demo.values.loc[
        (demo.values[s.KODE_INDIKATOR] == s.IND_STUNTING)
        & (demo.values[s.SUMBER_DATA] == s.SUMBER_REGISTER)
    ]
    rows = rows.assign(lokus=rows[s.KODE_WILAYAH].isin(lokus_codes))
    prev = aggregate_ratio(rows, [s.PERIODE, "lokus"]).set_index([s.PERIODE, "lokus"])[s.CAKUPAN]
    assert prev[("2022-Q1", True)] > prev[("2022-Q1", False)] + 2
    fall_lokus = prev[("2022-Q1", True)] - prev[("2025-Q4", True)]
    fall_other = prev[("2022-Q1", False)] - prev[("2025-Q4", False)]
    assert fall_lokus > fall_other + 2


def test_scorecard_counts_are_consistent(demo):
    """Y, T and TS are non-negative and the same group size across one group's indicators."""
    sc = demo.scorecard
    assert (sc[[s.Y, s.T, s.TS]] >= 0).all().all()
    one = sc.loc[(sc[s.KODE_WILAYAH] == "31.72.04.1001") & (sc[s.PERIODE] == "2024-Q1")]
    ibu = one.loc[one[s.KODE_INDIKATOR].str.startswith("SKI")]
    assert (ibu[s.Y] + ibu[s.T] + ibu[s.TS]).nunique() == 1


def test_aksi_2022_at_fourth_stage_and_2025_uses_new_scheme(ref, demo):
    """2022 stands at aksi 4 of 8 as in the seed article; 2025 runs the 2025 scheme."""
    stage = current_stage(demo.aksi_progress, ref.kerangka, 2022)
    assert (stage.nomor, stage.total, stage.aksi) == (
        4,
        8,
        "Peraturan Wali Kota tentang Peran Kelurahan",
    )
    assert current_stage(demo.aksi_progress, ref.kerangka, 2023).semua_selesai
    stage_2025 = current_stage(demo.aksi_progress, ref.kerangka, 2025)
    assert (stage_2025.kerangka, stage_2025.nomor, stage_2025.total) == ("SKEMA2025", 3, 4)
    # Early 2022, before the analisis situasi of 20 July, the city was at the first aksi.
    from datetime import date

    assert current_stage(demo.aksi_progress, ref.kerangka, 2022, as_of=date(2022, 3, 31)).nomor == 1
    kel_rows = demo.aksi_progress.dropna(subset=[s.KODE_KELURAHAN])
    assert set(kel_rows[s.NOMOR_AKSI]) == {5}
    assert demo.aksi_progress["sintetis"].all()


def test_sasaran_balita_fits_the_synthetic_measurements(demo):
    """SAS06 of the weighing quarters is the 150 synthetic children a kelurahan ÷ a coverage
    of 65–100%: 150/SAS06 lies in [0.65, 1.0] (rounding aside), and the demo shows a low
    (< 80%), a middling and a trusted (≥ 95%) kelurahan."""
    rows = demo.values.loc[
        (demo.values[s.KODE_INDIKATOR] == "SAS06") & (demo.values[s.PERIODE] == "2025-Q3")
    ]
    assert len(rows) == 31 and rows[s.PENYEBUT].isna().all()
    coverage = 150 / rows[s.PEMBILANG]
    assert coverage.between(0.645, 1.005).all()
    assert (coverage < 0.80).any() and (coverage >= 0.95).any()
    assert ((coverage >= 0.80) & (coverage < 0.95)).any()


def test_skdn_ratios_nest_within_the_weighing(demo):
    """D/S carries SPE07's counts; N ≤ D′ ≤ D, so N/D ≤ N/D′ in every kelurahan and quarter."""
    v = demo.values.set_index([s.KODE_WILAYAH, s.PERIODE, s.KODE_INDIKATOR])
    ds, nd, ndp, spe07 = (v.xs(k, level=2) for k in ("SKD01", "SKD02", "SKD03", "SPE07"))
    spe07 = spe07.loc[ds.index]
    assert (ds[s.PEMBILANG] == spe07[s.PEMBILANG]).all()
    assert (ds[s.PENYEBUT] == spe07[s.PENYEBUT]).all()
    assert (nd[s.PENYEBUT] == ds[s.PEMBILANG]).all()
    assert (ndp[s.PEMBILANG] == nd[s.PEMBILANG]).all()
    assert (ndp[s.PENYEBUT] <= nd[s.PENYEBUT]).all()
    assert (nd[s.NILAI] <= ndp[s.NILAI]).all()
