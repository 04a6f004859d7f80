"""Changes between consecutive rounds that need checking (analysis.jumps), the intervals of the
differences worked by hand in the docstrings (z = 1.96, z² = 3.8416; Wilson's interval of
x/n is (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) ÷ (1 + z²/n); Newcombe's lower bound of
p2 − p1 is d − √((p2 − l2)² + (u1 − p1)²), the upper d + √((u2 − p2)² + (p1 − l1)²))."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.jumps import judge_changes, previous_rounds, round_changes, to_check

CAT = pd.DataFrame(
    {
        "kode": ["OUT01", "SPE02", "SAS03"],
        "satuan": ["persen", "persen", "jumlah"],
        "arah": ["rendah_baik", "tinggi_baik", "tinggi_baik"],
    }
)


def pair(x1, n1, x2, n2) -> pd.DataFrame:
    return pd.DataFrame(
        {"pembilang_awal": [x1], "penyebut_awal": [n1], "pembilang": [x2], "penyebut": [n2]}
    )


def judged(x1, n1, x2, n2, lower=True, min_points=2.0) -> dict:
    return judge_changes(pair(x1, n1, x2, n2), [lower], min_points).iloc[0].to_dict()


def test_a_large_change_on_few_children_is_not_called_a_change():
    """1/5 → 3/6 is +30 points, but: 1/5 has Wilson (0.0362, 0.6245), 3/6 (0.1876, 0.8124);
    lower = 0.3 − √((0.5 − 0.1876)² + (0.6245 − 0.2)²) = 0.3 − √(0.0976 + 0.1802) = −0.227 < 0."""
    row = judged(1, 5, 3, 6)
    assert row["perubahan"] == pytest.approx(30.0)
    assert row["arah_perubahan"] == "tidak berubah bermakna" and not row["perlu_dicek"]


def test_a_significant_rise_in_stunting_is_memburuk_and_flagged():
    """20/200 → 40/200 (10 % → 20 %): 20/200 has Wilson (0.0657, 0.1494), 40/200 (0.1505,
    0.2609); lower = 0.1 − √((0.2 − 0.1505)² + (0.1494 − 0.1)²) = 0.1 − 0.0700 = 0.030 > 0 and
    10 points ≥ 2: memburuk (stunting: lower is better)."""
    row = judged(20, 200, 40, 200)
    assert row["arah_perubahan"] == "memburuk" and row["perlu_dicek"]
    assert judged(20, 200, 40, 200, lower=False)["arah_perubahan"] == "membaik"


def test_a_significant_change_below_the_practical_size_is_not_called_a_change():
    """1000/10000 → 1150/10000: +1.5 points; 1000/10000 has Wilson (0.0943, 0.1060), 1150/10000
    (0.1089, 0.1214); lower = 0.015 − √(0.0061² + 0.0060²) = 0.015 − 0.0086 = 0.0064 > 0, but
    1.5 < 2 points; with a practical size of 1 point it is memburuk."""
    assert judged(1000, 10000, 1150, 10000)["arah_perubahan"] == "tidak berubah bermakna"
    assert judged(1000, 10000, 1150, 10000, min_points=1.0)["arah_perubahan"] == "memburuk"


def test_a_halved_denominator_is_flagged_without_a_change():
    """12/240 → 6/120: 5 % both times (no change), but 120 ≤ 0.5 × 240: flagged; 6/121 is not
    halved (121 > 120) and not flagged."""
    row = judged(12, 240, 6, 120)
    assert row["arah_perubahan"] == "tidak berubah bermakna"
    assert row["penyebut_separuh"] and row["perlu_dicek"]
    row = judged(12, 240, 6, 121)
    assert not row["penyebut_separuh"] and not row["perlu_dicek"]


def test_a_pair_that_cannot_be_tested_gets_no_verdict():
    """A numerator above its denominator (bad data) or a zero denominator: no verdict."""
    assert judged(30, 20, 5, 20)["arah_perubahan"] == ""
    assert judged(0, 0, 5, 20)["arah_perubahan"] == ""


def test_previous_rounds_pair_periods_of_the_same_kind_only():
    """A yearly value follows the previous year, a quarter the previous quarter with data."""
    assert previous_rounds(["2025", "2024-Q1", "2024", "2024-Q3", "2024-08"]) == {
        "2024-Q3": "2024-Q1",
        "2025": "2024",
    }


def value(kode, indikator, periode, num, den) -> dict:
    return {"kode_wilayah": kode, "kode_indikator": indikator, "periode": periode,
            "pembilang": num, "penyebut": den}  # fmt: skip


VALUES = pd.DataFrame(
    [
        value("A", "OUT01", "2024-Q1", 12, 240),
        value("A", "OUT01", "2024-Q2", 30, 250),  # 5 % → 12 %: memburuk (Newcombe lower 0.021)
        value("B", "OUT01", "2024-Q1", 1, 5),
        value("B", "OUT01", "2024-Q2", 3, 6),  # +30 points on 6 children: not a change
        value("C", "OUT01", "2024-Q1", 12, 240),
        value("C", "OUT01", "2024-Q2", 6, 120),  # denominator halved
        value("D", "OUT01", "2024-Q2", 10, 100),  # no previous round: no row
        value("A", "SPE02", "2024", 40, 100),
        value("A", "SPE02", "2024-Q2", 90, 100),  # a year and a quarter: never compared
        value("A", "SAS03", "2024-Q1", 100, 100),
        value("A", "SAS03", "2024-Q2", 10, 10),  # a count indicator: not judged
    ]
)


def test_round_changes_per_kelurahan_and_the_list_to_check():
    """A (memburuk) and C (halved) are flagged in 2024-Q2; B is not; D has no previous round."""
    changes = round_changes(VALUES, CAT).set_index("kode_wilayah")
    assert sorted(changes.index) == ["A", "B", "C"]
    assert changes["arah_perubahan"].to_dict() == {
        "A": "memburuk",
        "B": "tidak berubah bermakna",
        "C": "tidak berubah bermakna",
    }
    assert changes.loc["A", ["pembilang_awal", "penyebut_awal", "pembilang", "penyebut"]].tolist(
    ) == [12, 240, 30, 250]  # fmt: skip
    assert changes.loc["A", "perubahan"] == pytest.approx(7.0)  # 30/250 − 12/240 = 12 % − 5 %
    flagged = to_check(round_changes(VALUES, CAT), "2024-Q2")
    assert flagged["kode_wilayah"].tolist() == ["A", "C"]  # the larger change first
    assert to_check(round_changes(VALUES, CAT), "2024-Q2", codes={"C"})["kode_wilayah"].tolist(
    ) == ["C"]  # fmt: skip
    assert to_check(round_changes(VALUES, CAT), "2024-Q1").empty  # no earlier round


def test_a_change_between_bare_percentages_is_stated_not_judged():
    """Kelurahan A: 80 % (counts) → 91,5 % (bare) is listed with its two values; B has counts at
    both ends (judged by round_changes instead); C has no previous round."""
    from analysis.jumps import percent_only_changes  # noqa: PLC0415
    from text.change_tables import bare_note  # noqa: PLC0415

    coverage = pd.DataFrame(
        {
            "kode_wilayah": ["A", "A", "B", "B", "C"],
            "kode_indikator": ["SPE02"] * 5,
            "periode": ["2025-Q3", "2025-Q4", "2025-Q3", "2025-Q4", "2025-Q4"],
            "cakupan": [80.0, 91.5, 50.0, 60.0, 70.0],
            "n_hanya_persen": [0, 1, 0, 0, 1],
        }
    )
    found = percent_only_changes(coverage, "SPE02", "2025-Q4")
    assert found.values.tolist() == [["A", "2025-Q3", 80.0, 91.5]]
    assert percent_only_changes(coverage, "SPE02", "2025-Q3").empty  # no earlier round
    assert bare_note("2025-Q3", 80.0, 91.5) == (
        "Dari Triwulan III 2025: 80,0% → 91,5%\n+11,5 poin · tanpa uji (hanya persen)"
    )


CAT_SOURCES = CAT.assign(
    kelompok=["outcome", "spesifik", "sasaran"], sumber_data=["EPPGBM", "LAPRUT", "LAPRUT"]
)


def sourced(kode, periode, num, den, source, indikator="OUT01") -> dict:
    return value(kode, indikator, periode, num, den) | {"sumber_data": source}


SOURCED = pd.DataFrame(
    [
        # Reported e-PPGBM of A, by month too: 24/150 → 25/150 (+0,7 point, not flagged).
        sourced("A", "2025-02", 24, 150, "EPPGBM"),
        sourced("A", "2025-08", 25, 150, "EPPGBM"),
        # Recomputed from A's records (the Warakas case): 25/149 → 2/5 after an upload that
        # replaced A's August records with 5 rows.
        sourced("A", "2025-02", 25, 149, "EPPGBM_HITUNG"),
        sourced("A", "2025-08", 2, 5, "EPPGBM_HITUNG"),
        # Recomputed B: 20/200 → 40/200, a significant rise.
        sourced("B", "2025-02", 20, 200, "EPPGBM_HITUNG"),
        sourced("B", "2025-08", 40, 200, "EPPGBM_HITUNG"),
        # Not OUT01's source and not the recomputation: never compared.
        sourced("B", "2025-02", 1, 100, "SSGI"),
        sourced("B", "2025-08", 50, 100, "SSGI"),
        # Outside the kelurahan asked for.
        sourced("Z", "2025-02", 1, 100, "EPPGBM_HITUNG"),
        sourced("Z", "2025-08", 50, 100, "EPPGBM_HITUNG"),
    ]
)


def test_the_recomputed_prevalence_is_its_own_series_and_flagged():
    """Per source, never summed across: A's recomputed 25/149 → 2/5 keeps its own counts
    (merged with the reported 24/150 → 25/150 it would read 49/299 → 27/155). 2/5 − 25/149 =
    0.4 − 0.1678 = +23,2 points, but on 5 children: 2/5 has Wilson (0.1176, 0.7693), 25/149
    (0.1163, 0.2360); lower = 0.2322 − √((0.4 − 0.1176)² + (0.2360 − 0.1678)²) = 0.2322 −
    0.2905 = −0.058 < 0: not a change — flagged because 5 ≤ 0.5 × 149. B's recomputed 20/200 →
    40/200 is memburuk (lower 0.030, see above). The reported A pair (+0,7 point) is not
    flagged; SSGI values and kelurahan Z are not compared at all."""
    from analysis.jumps import change_series, source_changes  # noqa: PLC0415

    series = change_series(SOURCED, CAT_SOURCES, {"A", "B"})
    assert sorted(series) == ["EPPGBM", "EPPGBM_HITUNG"]
    changes = source_changes(series, CAT_SOURCES)
    got = changes.set_index(["sumber_data", "kode_wilayah"])
    assert sorted(got.index) == [("EPPGBM", "A"), ("EPPGBM_HITUNG", "A"), ("EPPGBM_HITUNG", "B")]
    a = got.loc[("EPPGBM_HITUNG", "A")]
    assert a[["periode_awal", "periode", "pembilang_awal", "penyebut_awal", "pembilang",
              "penyebut"]].tolist() == ["2025-02", "2025-08", 25, 149, 2, 5]  # fmt: skip
    assert a["perubahan"] == pytest.approx(100 * (2 / 5 - 25 / 149))  # +23,2 points
    assert a["arah_perubahan"] == "tidak berubah bermakna"
    assert a["penyebut_separuh"] and a["perlu_dicek"]
    b = got.loc[("EPPGBM_HITUNG", "B")]
    assert b["arah_perubahan"] == "memburuk" and not b["penyebut_separuh"] and b["perlu_dicek"]
    assert not got.loc[("EPPGBM", "A"), "perlu_dicek"]
    # The round of the view ends 2025-12-31: the latest weighing month before it is August.
    flagged = to_check(changes, "2025-Q4")
    assert flagged[["sumber_data", "kode_wilayah"]].values.tolist() == [
        ["EPPGBM_HITUNG", "A"],  # +23,2 points first, then B's +10
        ["EPPGBM_HITUNG", "B"],
    ]
    assert to_check(changes, "2025-Q1").empty  # February is the first round


def test_a_meeting_checks_prevalence_and_halved_denominators_only():
    """Of four flagged changes, the meeting list keeps the stunting one and SPE02's halved
    denominator (a data problem); SPE02's significant change in B is only counted (the
    Indikator page's change table shows it)."""
    from analysis.jumps import for_meeting  # noqa: PLC0415

    rows = pd.DataFrame(
        {
            "kode_wilayah": ["A", "A", "B", "C"],
            "kode_indikator": ["OUT01", "SPE02", "SPE02", "SPE02"],
            "penyebut_separuh": [False, True, False, False],
            "perlu_dicek": [True, True, True, True],
        }
    )
    listed, others = for_meeting(rows, CAT_SOURCES)
    assert listed[["kode_wilayah", "kode_indikator"]].values.tolist() == [
        ["A", "OUT01"],
        ["A", "SPE02"],
    ]
    assert others == 2
