"""Coverage vs target, convergence index, priority score, trends and alerts on hand-made frames.

Three kelurahan: A and B in kecamatan X, C in kecamatan Y; one period unless said otherwise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import schema as s
from analysis.alerts import alerts
from analysis.attainment import (
    KECAMATAN,
    KOTA,
    StatusRules,
    convergence_index,
    coverage_by_area,
    coverage_grid,
)
from analysis.situation import Weights, priority_scores, recommend_lokus, shortfalls
from analysis.trends import change_between, lokus_comparison, stunting_composition
from tests.regions import NJ

P = "2024-Q4"
KEL = pd.DataFrame(
    {
        s.KODE_KELURAHAN: ["A", "B", "C"],
        s.KELURAHAN: ["Alfa", "Beta", "Gama"],
        s.KODE_KECAMATAN: ["X", "X", "Y"],
        s.KECAMATAN: ["Kec X", "Kec X", "Kec Y"],
    }
)
CAT = pd.DataFrame(
    {
        s.KODE: ["OUT01", "SPE02", "SPE04", "SEN06"],
        s.NAMA: ["Prevalensi", "TTD", "ASI", "PBI"],
        s.KELOMPOK: ["outcome", "spesifik", "spesifik", "sensitif"],
        s.ARAH: ["rendah_baik", "tinggi_baik", "tinggi_baik", "tinggi_baik"],
        s.TARGET: [14.0, 80.0, 80.0, np.nan],
    }
)


def values(rows, periode=P):
    frame = pd.DataFrame(rows, columns=[s.KODE_WILAYAH, s.KODE_INDIKATOR, s.PEMBILANG, s.PENYEBUT])
    return frame.assign(**{s.PERIODE: periode})


VALUES = values(
    [
        ("A", "SPE02", 40, 50),
        ("B", "SPE02", 10, 100),
        ("C", "SPE02", 72, 100),
        ("A", "OUT01", 10, 100),
        ("B", "OUT01", 30, 150),
        ("A", "SPE04", 90, 100),
        ("B", "SPE04", 0, 0),
        ("C", "SPE04", 20, 25),
        ("A", "SEN06", 5, 10),
        ("31.72", "OUT01", 1, 1),  # a city-level row: never counted as a kelurahan
    ]
)


def by_key(frame):
    return frame.set_index([s.KODE_WILAYAH, s.KODE_INDIKATOR])


def test_kelurahan_coverage_status_and_gap():
    """80% on an 80% target is reached; 72% is within 10 points; 10% is not; 10% prevalence
    under a 14% target is reached (lower is better); 0/0 and no target are named, not zero."""
    cov = by_key(coverage_by_area(VALUES, KEL, CAT))
    assert cov.loc[("A", "SPE02"), [s.CAKUPAN, s.SELISIH_TARGET, "status_target"]].tolist() == [
        80.0,
        0.0,
        "tercapai",
    ]
    assert cov.loc[("C", "SPE02"), "status_target"] == "mendekati"
    assert cov.loc[("C", "SPE02"), s.SELISIH_TARGET] == pytest.approx(-8.0)
    assert cov.loc[("B", "SPE02"), "status_target"] == "belum"
    assert cov.loc[("A", "OUT01"), s.SELISIH_TARGET] == pytest.approx(4.0)
    assert cov.loc[("A", "OUT01"), "status_target"] == "tercapai"
    assert cov.loc[("B", "OUT01"), "status_target"] == "mendekati"  # 20% vs 14%: 6 points over
    assert cov.loc[("B", "SPE04"), "status_target"] == "tidak ada data"
    assert np.isnan(cov.loc[("B", "SPE04"), s.CAKUPAN])
    assert cov.loc[("A", "SEN06"), "status_target"] == "tanpa target"
    assert bool(cov.loc[("C", "SPE04"), "penyebut_kecil"])  # 25 sasaran < 30
    assert not bool(cov.loc[("A", "SPE04"), "penyebut_kecil"])
    assert "31.72" not in cov.index.get_level_values(0)


def test_thresholds_are_settings():
    """With a 5-point band, 72% on an 80% target is no longer 'mendekati'."""
    cov = by_key(coverage_by_area(VALUES, KEL, CAT, rules=StatusRules(mendekati_poin=5)))
    assert cov.loc[("C", "SPE02"), "status_target"] == "belum"


def test_kecamatan_and_kota_are_sums_not_means():
    """Kec X TTD = (40 + 10) ÷ (50 + 100) = 33.3%, not the mean of 80% and 10% (45%)."""
    kec = by_key(coverage_by_area(VALUES, KEL, CAT, level=KECAMATAN))
    row = kec.loc[("X", "SPE02")]
    assert row[s.CAKUPAN] == pytest.approx(50 / 150 * 100)
    assert (row[s.PEMBILANG], row[s.PENYEBUT], row["n_kelurahan"]) == (50, 150, 2)
    assert row["wilayah"] == "Kec X"
    kota = by_key(coverage_by_area(VALUES, KEL, CAT, level=KOTA, region=NJ))
    stunting = kota.loc[("31.72", "OUT01")]
    assert stunting[s.CAKUPAN] == pytest.approx(16.0)  # (10 + 30) ÷ (100 + 150)
    assert stunting["status_target"] == "mendekati"


def test_unknown_level_is_refused():
    with pytest.raises(ValueError, match="Tingkat wilayah tidak dikenal"):
        coverage_by_area(VALUES, KEL, CAT, level="provinsi")


def test_grid_keeps_missing_as_missing():
    """Gama has no prevalence and no PBI value: shown as 'tidak ada data', never 0."""
    cov = coverage_by_area(VALUES, KEL, CAT)
    areas = KEL.rename(columns={s.KODE_KELURAHAN: s.KODE_WILAYAH, s.KELURAHAN: "wilayah"})
    grid = by_key(coverage_grid(cov, areas, ["OUT01", "SEN06"], P))
    assert len(grid) == 6
    assert grid.loc[("C", "OUT01"), "status_target"] == "tidak ada data"
    assert np.isnan(grid.loc[("C", "OUT01"), s.CAKUPAN])
    assert grid.loc[("C", "SEN06"), "status_target"] == "tidak ada data"


def test_convergence_index_counts_assessable_interventions_only():
    """Alfa 2 of 2, Beta 0 of 1 (ASI 0/0 is not assessable), Gama 1 of 2; PBI has no target."""
    index = convergence_index(coverage_by_area(VALUES, KEL, CAT), CAT).set_index(s.KODE_WILAYAH)
    assert index[["n_dinilai", "n_tercapai", "indeks_konvergensi"]].to_dict("index") == {
        "A": {"n_dinilai": 2, "n_tercapai": 2, "indeks_konvergensi": 100.0},
        "B": {"n_dinilai": 1, "n_tercapai": 0, "indeks_konvergensi": 0.0},
        "C": {"n_dinilai": 2, "n_tercapai": 1, "indeks_konvergensi": 50.0},
    }


def test_priority_score_by_hand():
    """Prevalence 10 / 20 / –, stunted 10 / 30 / –, mean shortfall 0 / 70 / 4 points →
    rescaled 0 / 100, 0 / 100, 0 / 100 / 5.71; Gama scored on its shortfall only."""
    scores = priority_scores(coverage_by_area(VALUES, KEL, CAT), KEL, CAT).set_index(
        s.KODE_KELURAHAN
    )
    assert scores.loc["B", "skor_prioritas"] == pytest.approx(100.0)
    assert scores.loc["A", "skor_prioritas"] == pytest.approx(0.0)
    assert scores.loc["C", "kesenjangan"] == pytest.approx(4.0)
    assert scores.loc["C", "skor_prioritas"] == pytest.approx(4 / 70 * 100)
    assert scores["lengkap"].to_dict() == {"B": True, "C": False, "A": True}
    assert scores["peringkat"].tolist() == [1, 2, 3]
    assert scores[["n_dinilai", "n_belum"]].loc["C"].tolist() == [2, 1]


def test_weights_change_the_order():
    """All weight on the number of stunted children: Gama (no count) gets no score nor rank."""
    scores = priority_scores(
        coverage_by_area(VALUES, KEL, CAT), KEL, CAT, Weights(0, 1, 0)
    ).set_index(s.KODE_KELURAHAN)
    assert np.isnan(scores.loc["C", "skor_prioritas"])
    assert pd.isna(scores.loc["C", "peringkat"])
    with pytest.raises(ValueError, match="Bobot"):
        priority_scores(coverage_by_area(VALUES, KEL, CAT), KEL, CAT, Weights(0, 0, 0))


def test_recommended_lokus_stays_enters_leaves():
    scores = priority_scores(coverage_by_area(VALUES, KEL, CAT), KEL, CAT)
    rec = recommend_lokus(scores, {"A", "B"}, 2).set_index(s.KODE_KELURAHAN)
    assert rec["perubahan"].to_dict() == {"B": "tetap", "C": "masuk", "A": "keluar"}
    assert recommend_lokus(scores, set(), 0)["rekomendasi"].sum() == 0


def test_shortfalls_list_the_largest_gap_first():
    gaps = shortfalls(coverage_by_area(VALUES, KEL, CAT), CAT)
    assert gaps[[s.KODE_WILAYAH, s.KODE_INDIKATOR, "kekurangan", "urutan"]].values.tolist() == [
        ["B", "SPE02", 70.0, 1],
        ["C", "SPE02", 8.0, 1],
    ]


def test_change_between_respects_direction():
    """Prevalence 10/100 → 8/100 falls 2 points but is not a meaningful change: Wilson (0.0552,
    0.1744) and (0.0411, 0.1500), Newcombe's upper bound −0.02 + √((0.1744 − 0.1)² +
    (0.08 − 0.0411)²) = −0.02 + 0.0840 = 0.063 > 0. TTD 40/50 → 30/50 (80 % → 60 %) worsens:
    Wilson (0.6696, 0.8876) and (0.4618, 0.7239), upper bound −0.2 + √((0.7239 − 0.6)² +
    (0.8 − 0.6696)²) = −0.2 + 0.1799 = −0.020 < 0 and 20 ≥ 2 points."""
    later = values([("A", "OUT01", 8, 100), ("A", "SPE02", 30, 50)], "2025-Q4")
    cov = coverage_by_area(pd.concat([VALUES, later]), KEL, CAT)
    change = change_between(cov, CAT, P, "2025-Q4").set_index(s.KODE_INDIKATOR)
    assert change.loc["OUT01", ["perubahan", "arah_perubahan"]].tolist() == [
        -2.0,
        "tidak berubah bermakna",
    ]
    assert change.loc["SPE02", ["perubahan", "arah_perubahan"]].tolist() == [-20.0, "memburuk"]
    assert len(change) == 2  # Beta and Gama have no 2025 value


def test_lokus_comparison_pools_paired_kelurahan():
    """Lokus {A}: 10/100 → 8/100 = −2 points; others: only Beta reported both times."""
    later = values([("A", "OUT01", 8, 100), ("B", "OUT01", 27, 150)], "2025-Q4")
    table = lokus_comparison(pd.concat([VALUES, later]), KEL, {"A"}, "OUT01", P, "2025-Q4")
    lokus, others = table.iloc[0], table.iloc[1]
    assert (lokus["n_kelurahan"], lokus["perubahan"]) == (1, pytest.approx(-2.0))
    assert (others["pembilang_awal"], others["penyebut_akhir"]) == (30.0, 150.0)
    assert others["perubahan"] == pytest.approx(27 / 150 * 100 - 20.0)


def test_stunting_composition():
    """200 measured, 30 pendek, 10 sangat pendek: 15% and 5% of measured, 25% of stunted."""
    rows = values([("A", "SAS03", 120, None), ("B", "SAS03", 80, None)])
    rows = pd.concat([rows, values([("A", "SAS05", 30, None), ("A", "SAS04", 10, None)])])
    comp = stunting_composition(rows, {"A", "B"}, P)
    assert comp["persen_pendek"] == pytest.approx(15.0)
    assert comp["persen_sangat_pendek"] == pytest.approx(5.0)
    assert comp["porsi_sangat_pendek"] == pytest.approx(25.0)
    assert np.isnan(stunting_composition(rows, {"C"}, P)["diukur"])


def test_alerts_follow_the_rules_and_ignore_missing():
    rules = pd.DataFrame(
        {
            s.KODE_INDIKATOR: ["SPE02", "OUT01", "SPE04"],
            "operator": ["<", ">=", "<"],
            "ambang": [50.0, 20.0, 50.0],
            "pesan": ["TTD < 50%", "Stunting ≥ 20%", "ASI < 50%"],
        }
    )
    hits = alerts(coverage_by_area(VALUES, KEL, CAT), rules)
    assert sorted(zip(hits[s.KODE_WILAYAH], hits["pesan"], strict=True)) == [
        ("B", "Stunting ≥ 20%"),
        ("B", "TTD < 50%"),
    ]


def test_area_trend_pools_each_group():
    """Alfa alone 10/100 then 8/100; the city (Alfa + Beta) (10+30)/(100+150) = 16% then 8/100."""
    from analysis.trends import area_trend

    later = values([("A", "OUT01", 8, 100)], "2025-Q4")
    trend = area_trend(pd.concat([VALUES, later]), {"Alfa": {"A"}, "Kota": {"A", "B"}}, "OUT01")
    got = trend[[s.PERIODE, "kelompok_wilayah", s.CAKUPAN]].values.tolist()
    assert got == [
        [P, "Alfa", 10.0],
        [P, "Kota", 16.0],
        ["2025-Q4", "Alfa", 8.0],
        ["2025-Q4", "Kota", 8.0],
    ]


def test_convergence_by_group_for_ibu_hamil_anak_and_total():
    """Ibu hamil ΣY 5 of 8 scored, 1 TS → 5 ÷ 7; anak 4 ÷ 4; total 9 ÷ (12 − 1)."""
    from analysis.overview import convergence_by_group, kelurahan_convergence

    scores = pd.DataFrame(
        {
            s.KODE_WILAYAH: ["A", "A", "A", "B"],
            s.KODE_INDIKATOR: ["SKI01", "SKI02", "SKA01", "SKI01"],
            s.PERIODE: [P, P, P, "2025-Q1"],
            s.Y: [3, 2, 4, 1],
            s.T: [1, 1, 0, 0],
            s.TS: [0, 1, 0, 0],
        }
    )
    catalogue = pd.DataFrame(
        {
            s.KODE: ["SKI01", "SKI02", "SKA01"],
            s.KELOMPOK_SCORECARD: ["ibu_hamil", "ibu_hamil", "anak_0_23"],
        }
    )
    rates = convergence_by_group(scores, catalogue, P).set_index(s.KELOMPOK_SCORECARD)
    assert rates[s.TINGKAT_KONVERGENSI].to_dict() == pytest.approx(
        {"anak_0_23": 100.0, "ibu_hamil": 5 / 7 * 100, "total": 9 / 11 * 100}
    )
    assert set(rates[s.KODE_KELURAHAN]) == {"A"}
    total = kelurahan_convergence(scores, catalogue, P)
    assert total[s.TINGKAT_KONVERGENSI].tolist() == pytest.approx([9 / 11 * 100])


CAT_UNITS = CAT.assign(**{s.SATUAN: "persen"})
CAT_UNITS = pd.concat(
    [CAT_UNITS, pd.DataFrame([{s.KODE: "SAS03", s.NAMA: "Diukur", s.SATUAN: "jumlah"}])],
    ignore_index=True,
)
PERCENT_ONLY = values(
    [
        ("A", "SPE02", np.nan, np.nan),
        ("B", "SPE02", 10, 100),
        ("C", "SPE02", 72, 100),
        ("A", "SPE04", np.nan, np.nan),
        ("B", "SPE04", np.nan, np.nan),
        ("C", "SPE04", 20, 25),
        ("A", "SAS03", 4100, np.nan),
    ]
).assign(**{s.NILAI: [85.0, 10.0, 72.0, 50.0, 60.0, 80.0, 4100.0]})


def test_percent_only_values_show_per_kelurahan():
    """A percentage without counts is Alfa's value as written (85% ≥ 80%: tercapai), marked
    percent-only, its counts missing, never 'penyebut kecil'; a count indicator is not one."""
    cov = by_key(coverage_by_area(PERCENT_ONLY, KEL, CAT_UNITS))
    row = cov.loc[("A", "SPE02")]
    assert row[s.CAKUPAN] == 85.0
    assert np.isnan(row[s.PEMBILANG]) and np.isnan(row[s.PENYEBUT])
    assert (row["n_hanya_persen"], row["n_kelurahan"]) == (1, 0)
    assert (row["status_target"], bool(row["penyebut_kecil"])) == ("tercapai", False)
    assert cov.loc[("B", "SPE02"), [s.CAKUPAN, "n_hanya_persen"]].tolist() == [10.0, 0]
    assert ("A", "SAS03") not in cov.index


def test_percent_only_values_are_not_summed_above_kelurahan():
    """Kec X TTD is Beta's 10 ÷ 100 = 10% alone (Alfa's 85% is not averaged in), saying one
    kelurahan was left out; Kec X ASI has only percentages, so no value; kota ASI = 20 ÷ 25."""
    kec = by_key(coverage_by_area(PERCENT_ONLY, KEL, CAT_UNITS, level=KECAMATAN))
    ttd = kec.loc[("X", "SPE02")]
    assert (ttd[s.CAKUPAN], ttd[s.PEMBILANG], ttd[s.PENYEBUT]) == (10.0, 10.0, 100.0)
    assert (ttd["n_kelurahan"], ttd["n_hanya_persen"]) == (1, 1)
    asi = kec.loc[("X", "SPE04")]
    assert np.isnan(asi[s.CAKUPAN]) and np.isnan(asi[s.PENYEBUT])
    assert (asi["n_kelurahan"], asi["n_hanya_persen"], asi["status_target"]) == (
        0,
        2,
        "tidak ada data",
    )
    assert not bool(asi["penyebut_kecil"])
    kota = by_key(coverage_by_area(PERCENT_ONLY, KEL, CAT_UNITS, level=KOTA, region=NJ)).loc[
        ("31.72", "SPE04")
    ]
    assert (kota[s.CAKUPAN], kota["n_kelurahan"], kota["n_hanya_persen"]) == (80.0, 1, 2)
