"""Program mapping on small hand-built frames: reach, the convergence matrix, lokus gaps,
stalled interventions, budget by unit, group and kelurahan, and the register's row checks.

The setting: kelurahan K1 (not lokus), K2 and K3 (lokus); SPE01 (spesifik, higher is better,
target 90) and SEN02 (sensitif, lower is better, target 15.5). Activities:
a1 "semua" SPE01 by A (pagu 300, realisasi 150); a2 K2 SPE01+SEN02 by B (100, none yet);
a3 K1 SEN02 by A (200, 200); a4 K3 SPE01 cancelled (999).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import schema as s
from analysis.activities import check_activities, intervention_codes
from analysis.attainment import KELURAHAN, StatusRules, coverage_by_area
from analysis.programs import (
    CELL_COVERED,
    CELL_GAP,
    CELL_MET,
    CELL_UNKNOWN,
    KELOMPOK_CAMPURAN,
    activity_groups,
    activity_reach,
    budget_allocation,
    budget_by_group,
    budget_by_kelurahan,
    budget_by_opd,
    budget_lokus_split,
    convergence_matrix,
    coverage_periods,
    filter_activities,
    is_all_kelurahan,
    join_codes,
    reaching,
    split_codes,
    stalled_interventions,
    untargeted_gaps,
)
from charts.programs import nice_ticks

CITY = ["K1", "K2", "K3"]
LOKUS = {"K2", "K3"}
KEL = pd.DataFrame(
    {
        s.KODE_KELURAHAN: CITY,
        s.KELURAHAN: ["Satu", "Dua", "Tiga"],
        s.KODE_KECAMATAN: ["C1", "C1", "C2"],
        s.KECAMATAN: ["Kec Satu", "Kec Satu", "Kec Dua"],
    }
)
CAT = pd.DataFrame(
    {
        s.KODE: ["SPE01", "SEN02", "OUT01"],
        s.NAMA: ["PMT bumil KEK", "Kehamilan tidak diinginkan", "Stunting"],
        s.KELOMPOK: ["spesifik", "sensitif", "outcome"],
        s.ARAH: [s.ARAH_TINGGI_BAIK, s.ARAH_RENDAH_BAIK, s.ARAH_RENDAH_BAIK],
        s.TARGET: [90.0, 15.5, 14.0],
    }
)


def activity(i, kel, ind, opd, pagu, real, status=s.KEGIATAN_SELESAI, **extra) -> dict:
    row = {
        "id": i, s.TAHUN: 2025, s.NAMA_KEGIATAN: f"Kegiatan {i}", s.OPD: opd, s.INDIKATOR: ind,
        s.KELURAHAN_SASARAN: kel, s.VOLUME: 10.0, s.SATUAN_VOLUME: "paket", s.PAGU: pagu,
        s.REALISASI: real, s.SUMBER_DANA: "APBD", s.STATUS: status, s.CATATAN: None,
    }  # fmt: skip
    return row | extra


ACTS = pd.DataFrame(
    [
        activity(1, "semua", "SPE01", "A", 300.0, 150.0),
        activity(2, "K2", "SPE01;SEN02", "B", 100.0, None, s.KEGIATAN_RENCANA, sumber_dana="CSR"),
        activity(3, "K1", "SEN02", "A", 200.0, 200.0),
        activity(4, "K3", "SPE01", "A", 999.0, None, s.KEGIATAN_BATAL),
        activity(5, "K1", "SPE01", "A", 50.0, 50.0, tahun=2024),
    ]
)


def values(period: str, counts: dict[tuple[str, str], tuple[float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                s.KODE_WILAYAH: k,
                s.KODE_INDIKATOR: i,
                s.PERIODE: period,
                s.PEMBILANG: n,
                s.PENYEBUT: d,
            }
            for (k, i), (n, d) in counts.items()
        ]  # fmt: skip
    )


NOW = values(
    "2025",
    {
        ("K1", "SPE01"): (50, 100),
        ("K2", "SPE01"): (70, 100),
        ("K2", "SEN02"): (10, 100),
        ("K3", "SPE01"): (95, 100),
        ("K3", "SEN02"): (20, 100),
    },
)
BEFORE = values(
    "2024",
    {("K2", "SPE01"): (70, 100), ("K2", "SEN02"): (8, 100), ("K3", "SPE01"): (95, 100)},
)


def coverage(frame: pd.DataFrame) -> pd.DataFrame:
    return coverage_by_area(frame, KEL, CAT, KELURAHAN, StatusRules())


def matrix_for(acts: pd.DataFrame = ACTS) -> pd.DataFrame:
    rows = filter_activities(acts, 2025)
    return convergence_matrix(
        activity_reach(rows, CITY), coverage(NOW), KEL, LOKUS, ["SPE01", "SEN02"]
    )


def test_codes_are_split_sorted_and_joined():
    """Cells with spaces, repeats and a trailing separator give sorted unique codes."""
    assert split_codes(" SEN02; SPE01;SPE01; ") == ["SEN02", "SPE01"]
    assert split_codes(None) == [] and split_codes(float("nan")) == []
    assert split_codes(["b", " a"]) == ["a", "b"]
    assert join_codes(["SPE02", "SPE01", "SPE02"]) == "SPE01;SPE02"
    assert is_all_kelurahan(" semua ") and not is_all_kelurahan("semua;K1")


def test_reach_expands_semua_and_two_indicators_and_drops_cancelled():
    """a1 reaches every kelurahan, a2 both its indicators, the cancelled a4 no one."""
    reach = activity_reach(filter_activities(ACTS, 2025, cancelled=True), CITY)
    got = sorted(zip(reach["id"], reach[s.KODE_KELURAHAN], reach[s.KODE_INDIKATOR], strict=True))
    assert got == [
        (1, "K1", "SPE01"), (1, "K2", "SPE01"), (1, "K3", "SPE01"),
        (2, "K2", "SEN02"), (2, "K2", "SPE01"), (3, "K1", "SEN02"),
    ]  # fmt: skip


def test_filters_by_year_unit_and_funding():
    """Year, OPD and funding source filters; cancelled activities only on request."""
    assert list(filter_activities(ACTS, 2025)["id"]) == [1, 2, 3]
    assert list(filter_activities(ACTS, 2025, cancelled=True)["id"]) == [1, 2, 3, 4]
    assert list(filter_activities(ACTS, 2025, opd=["B"])["id"]) == [2]
    assert list(filter_activities(ACTS, 2025, sumber_dana=["APBD"])["id"]) == [1, 3]
    assert list(reaching(ACTS, CITY, ["K3"])["id"]) == [1, 4]


def test_matrix_cells_counts_and_lokus_first():
    """Each cell's activities, units and category by hand; lokus rows (K2, K3) come first."""
    m = matrix_for()
    assert list(m[s.KODE_KELURAHAN]) == ["K2", "K2", "K3", "K3", "K1", "K1"]
    assert list(m[s.LOKUS]) == [True, True, True, True, False, False]
    cells = {
        (r[s.KODE_KELURAHAN], r[s.KODE_INDIKATOR]): (r["n_kegiatan"], r["n_opd"], r["daftar_opd"], r["sel"])
        for _, r in m.iterrows()
    }  # fmt: skip
    assert cells == {
        ("K2", "SPE01"): (2, 2, "A, B", CELL_COVERED),  # 70% < 90
        ("K2", "SEN02"): (1, 1, "B", CELL_MET),  # 10% ≤ 15.5
        ("K3", "SPE01"): (1, 1, "A", CELL_MET),  # the cancelled a4 does not count
        ("K3", "SEN02"): (0, 0, "", CELL_GAP),  # 20% > 15.5, no activity
        ("K1", "SPE01"): (1, 1, "A", CELL_COVERED),
        ("K1", "SEN02"): (1, 1, "A", CELL_UNKNOWN),  # no data
    }
    k3 = m.loc[(m[s.KODE_KELURAHAN] == "K3") & (m[s.KODE_INDIKATOR] == "SEN02")].iloc[0]
    assert k3[s.CAKUPAN] == pytest.approx(20.0) and k3[s.SELISIH_TARGET] == pytest.approx(-4.5)


def test_a_lokus_without_any_activity_shows_every_gap():
    """With only unit B's activity, lokus K3 has none: its below-target SEN02 is a gap, its
    SPE01 (on target) is not; non-lokus K1 is red but not in the lokus gap list."""
    m = matrix_for(filter_activities(ACTS, 2025, opd=["B"]))
    k3 = m.loc[m[s.KODE_KELURAHAN] == "K3"]
    assert list(k3["n_kegiatan"]) == [0, 0]
    assert list(k3["sel"]) == [CELL_MET, CELL_GAP]
    assert m.loc[m[s.KODE_KELURAHAN] == "K1", "sel"].iloc[0] == CELL_GAP
    gaps = untargeted_gaps(m)
    assert list(zip(gaps[s.KODE_KELURAHAN], gaps[s.KODE_INDIKATOR], strict=True)) == [
        ("K3", "SEN02")
    ]


def test_gaps_are_sorted_worst_first_within_each_lokus():
    """Two gaps of one lokus: the larger shortfall first; the lokus order is the matrix's."""
    now = values("2025", {("K2", "SPE01"): (85, 100), ("K2", "SEN02"): (30, 100),
                          ("K3", "SEN02"): (16, 100)})  # fmt: skip
    m = convergence_matrix(activity_reach(ACTS.iloc[0:0], CITY), coverage(now), KEL, LOKUS,
                           ["SPE01", "SEN02"])  # fmt: skip
    gaps = untargeted_gaps(m)
    assert list(zip(gaps[s.KODE_KELURAHAN], gaps[s.SELISIH_TARGET].round(1), strict=True)) == [
        ("K2", -14.5), ("K2", -5.0), ("K3", -0.5)
    ]  # fmt: skip


def test_stalled_follows_direction_and_skips_what_is_on_target():
    """K2 SPE01 unchanged below target and K2 SEN02 up 2 points (worse: lower is better) are
    stalled; K3 SPE01 unchanged on target is not; K3 SEN02 has no activity."""
    stalled = stalled_interventions(matrix_for(), coverage(BEFORE))
    got = [
        (r[s.KODE_KELURAHAN], r[s.KODE_INDIKATOR], r["cakupan_lalu"], r["perubahan"])
        for _, r in stalled.iterrows()
    ]
    assert got == [("K2", "SEN02", 8.0, 2.0), ("K2", "SPE01", 70.0, 0.0)]


def test_improvement_is_not_stalled():
    """Coverage that rose (SPE01) or fell (SEN02, lower is better) is an improvement."""
    before = values("2024", {("K2", "SPE01"): (60, 100), ("K2", "SEN02"): (12, 100)})
    assert stalled_interventions(matrix_for(), coverage(before)).empty


def test_coverage_period_is_the_chosen_one_or_the_latest_up_to_the_year():
    """The page's period when in the activity year; else the latest data up to that year."""
    v = pd.concat([values("2024-Q4", {("K1", "SPE01"): (1, 2)}),
                   values("2025-Q2", {("K1", "SPE01"): (1, 2)})])  # fmt: skip
    assert coverage_periods(v, ["SPE01"], 2025, "2025-Q2") == ("2025-Q2", "2024-Q2")
    assert coverage_periods(v, ["SPE01"], 2026, "2025-Q2") == ("2025-Q2", "2024-Q2")
    assert coverage_periods(v, ["SPE01"], 2024, "2025-Q2") == ("2024-Q4", "2023-Q4")
    assert coverage_periods(v, ["SPE01"], 2023, "2025-Q2") == (None, None)


def test_budget_by_unit():
    """A: a1 + a3 = 500 pagu, 350 spent (70%); B: a2 100, nothing yet (0%); a4 cancelled."""
    got = budget_by_opd(filter_activities(ACTS, 2025, cancelled=True))
    assert got.to_dict("list") == {
        s.OPD: ["A", "B"], "n_kegiatan": [2, 1], s.PAGU: [500.0, 100.0],
        s.REALISASI: [350.0, 0.0], "persen_realisasi": [70.0, 0.0],
    }  # fmt: skip


def test_budget_by_intervention_group_counts_each_activity_once():
    """a1 spesifik (300/150), a3 sensitif (200/200), a2 serves both (100/0)."""
    rows = filter_activities(ACTS, 2025)
    assert list(activity_groups(rows, CAT)) == ["spesifik", KELOMPOK_CAMPURAN, "sensitif"]
    got = budget_by_group(rows, CAT)
    assert got[[s.KELOMPOK, s.PAGU, s.REALISASI, "persen_realisasi"]].to_dict("list") == {
        s.KELOMPOK: ["spesifik", "sensitif", KELOMPOK_CAMPURAN],
        s.PAGU: [300.0, 200.0, 100.0],
        s.REALISASI: [150.0, 200.0, 0.0],
        "persen_realisasi": [50.0, 100.0, 0.0],
    }


def test_budget_shared_equally_among_targeted_kelurahan():
    """a1 (semua) gives each of 3 kelurahan 100 pagu / 50 spent; a2 all to K2; a3 all to K1."""
    allocation = budget_allocation(filter_activities(ACTS, 2025), CITY)
    per = budget_by_kelurahan(allocation, KEL, LOKUS)
    assert per[[s.KODE_KELURAHAN, s.LOKUS, "n_kegiatan", s.PAGU, s.REALISASI]].to_dict("list") == {
        s.KODE_KELURAHAN: ["K2", "K3", "K1"],  # lokus first, then the largest pagu
        s.LOKUS: [True, True, False],
        "n_kegiatan": [2, 1, 2],
        s.PAGU: [200.0, 100.0, 300.0],
        s.REALISASI: [50.0, 50.0, 250.0],
    }
    split = budget_lokus_split(allocation, KEL, LOKUS).set_index("kelompok_wilayah")
    assert split.loc["Lokus", [s.PAGU, s.REALISASI, "n_kegiatan", "n_kelurahan"]].tolist() == [
        300.0, 100.0, 2, 2
    ]  # fmt: skip
    assert split.loc["Lokus", "persen_realisasi"] == pytest.approx(100 / 3)
    assert split.loc["Bukan lokus", "persen_realisasi"] == pytest.approx(250 / 3)
    assert split.loc["Semua kelurahan", [s.PAGU, s.REALISASI, "n_kegiatan"]].tolist() == [
        600.0, 350.0, 3
    ]  # fmt: skip


def test_budget_without_activities_is_zero_not_missing():
    """A kelurahan no activity reaches shows 0 pagu and an undefined realisation rate."""
    per = budget_by_kelurahan(budget_allocation(ACTS.iloc[0:0], CITY), KEL, LOKUS)
    assert per[s.PAGU].tolist() == [0.0, 0.0, 0.0]
    assert per["persen_realisasi"].isna().all()
    split = budget_lokus_split(budget_allocation(ACTS.iloc[0:0], CITY), KEL, LOKUS)
    assert math.isnan(split["persen_realisasi"].iloc[0])


GOOD = activity(None, "K1;K2", "SPE01", "A", 1_000_000.0, 500_000.0)
CHECKS = [
    ({s.NAMA_KEGIATAN: "  "}, "Nama kegiatan", "kosong"),
    ({s.NAMA_KEGIATAN: "x" * 301}, "Nama kegiatan", "terlalu panjang"),
    ({s.TAHUN: 1999}, "Tahun", "tidak valid"),
    ({s.TAHUN: "20x5"}, "Tahun", "tidak valid"),
    ({s.OPD: "Z"}, "OPD", "tidak dikenal"),
    ({s.INDIKATOR: ""}, "Indikator", "kosong"),
    ({s.INDIKATOR: "SPE01;OUT01"}, "Indikator", "Bukan indikator intervensi"),
    ({s.KELURAHAN_SASARAN: ""}, "Kelurahan sasaran", "kosong"),
    ({s.KELURAHAN_SASARAN: "K1;Atlantis"}, "Kelurahan sasaran", "tidak dikenal"),
    ({s.KELURAHAN_SASARAN: "semua;K1"}, "Kelurahan sasaran", "tidak dikenal"),
    ({s.SATUAN_VOLUME: None}, "Satuan", "tanpa satuan"),
    ({s.PAGU: None, s.REALISASI: None}, "Pagu (Rp)", "kosong"),
    ({s.PAGU: -5.0, s.REALISASI: None}, "Pagu (Rp)", "negatif"),
    ({s.PAGU: "banyak"}, "Pagu (Rp)", "bukan angka"),
    ({s.REALISASI: 2_000_000.0}, "Realisasi (Rp)", "melebihi pagu"),
    ({s.SUMBER_DANA: "ANGPAU"}, "Sumber dana", "tidak dikenal"),
    ({s.STATUS: "tunda"}, "Status", "tidak dikenal"),
    ({s.STATUS: s.KEGIATAN_RENCANA}, "Status", "sudah punya realisasi"),
]


def check(row: dict) -> pd.DataFrame:
    return check_activities(pd.DataFrame([row]), ["SPE01", "SEN02"], CITY, ["A", "B"], ["APBD"])


def test_a_valid_row_has_no_problem():
    """The model row (two kelurahan, realisasi below pagu) passes; so does 'semua'."""
    assert check(GOOD).empty
    assert check(GOOD | {s.KELURAHAN_SASARAN: "semua", s.REALISASI: None, s.VOLUME: None}).empty


@pytest.mark.parametrize(
    ("change", "kolom", "pesan"), CHECKS, ids=[c[2] + "-" + c[1] for c in CHECKS]
)
def test_each_bad_field_is_named_with_a_fix(change, kolom, pesan):
    """Each broken field gives exactly one problem naming its header, what is wrong and a fix."""
    found = check(GOOD | change)
    assert len(found) == 1, found.to_dict("records")
    assert found.iloc[0]["kolom"] == kolom
    assert pesan in found.iloc[0]["pesan"]
    assert found.iloc[0]["saran"]


def test_only_spesifik_and_sensitif_indicators_are_interventions():
    assert intervention_codes(CAT) == ["SPE01", "SEN02"]


def test_nice_ticks_are_round_steps():
    """Ticks for the rupiah axis: 0 up past the largest bar in steps of 1, 2, 2.5 or 5 × 10^k."""
    assert nice_ticks(10.768e9) == [0.0, 5e9, 10e9, 15e9]
    assert nice_ticks(95e6) == [0.0, 25e6, 50e6, 75e6, 100e6]
    assert nice_ticks(0) == [0.0]
