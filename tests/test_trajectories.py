"""The per-area trajectory table toward the stunting targets (analysis.trajectories), its
figures computed by hand in the docstrings and comments."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.trajectories import (
    AKTUAL,
    BELUM,
    DIBUTUHKAN,
    KURANG,
    SESUAI,
    SUDAH,
    TAK_TERHITUNG,
    TERLEWAT,
    TREN,
    active_target,
    source_panel,
    targets_of,
    trajectory_path,
    trajectory_table,
    yearly_values,
)
from analysis.trajectory_view import area_trajectories, build_profile_trajectory, city_trajectories
from charts.trajectory import build_trajectory_figure
from tests.penjaringan import three_kelurahan
from tests.regions import NJ
from text.trajectory_tables import trajectory_display, trajectory_sentence

A, B, C = "31.72.01.1001", "31.72.01.1002", "31.72.01.1003"
CITY = {A, B}


def row(kode, periode, num, den, sumber="EPPGBM", nilai=None):
    """One stored OUT01 value."""
    nilai = num / den * 100 if nilai is None else nilai
    return {"kode_wilayah": kode, "kode_indikator": "OUT01", "periode": periode,
            "sumber_data": sumber, "pembilang": num, "penyebut": den, "nilai": nilai}  # fmt: skip


@pytest.fixture(scope="module")
def values():
    """A: 30 % (2022-Q4) → 24 % (2025-Q4; the 40 % of 2025-Q2 is not the year's latest);
    B: 10 % → 12 %; the city (A+B): 40/200 = 20 % → 36/200 = 18 %; SSGI (city rows): 18,5 %
    (2022) → 15 % (2024); C one year only; e-PPGBM recomputed for A in 2025-08 only."""
    return pd.DataFrame(
        [
            row(A, "2022-Q4", 30, 100),
            row(A, "2025-Q2", 40, 100),
            row(A, "2025-Q4", 24, 100),
            row(B, "2022-Q4", 10, 100),
            row(B, "2025-Q4", 12, 100),
            row(C, "2025-Q4", 20, 100),
            row(NJ.kode, "2022", 185, 1000, "SSGI"),
            row(NJ.kode, "2024", 150, 1000, "SSGI"),
            row(A, "2025-08", 22, 100, "EPPGBM_HITUNG"),
            row("31.72.01.1004", "2025-Q4", 5, 10, "LAPRUT"),  # another source: never used
        ]
    )


TARGETS = pd.DataFrame(
    {"target": [14.0, 14.2], "tahun_target": [2024, 2029], "sumber_target": ["RPJMN 2020-2024", "RPJMN 2025-2029"]}
)  # fmt: skip


def test_the_yearly_value_is_the_latest_period_of_the_year_pooled_over_the_area(values):
    """The city: 2022-Q4 (30+10)/(100+100) = 20 %, 2025-Q4 (24+12)/200 = 18 %."""
    got = yearly_values(values, CITY, "EPPGBM")
    expected = pd.DataFrame(
        {"tahun": [2022, 2025], "periode": ["2022-Q4", "2025-Q4"], "pembilang": [40, 36],
         "penyebut": [200, 200], "persen": [20.0, 18.0]}
    )  # fmt: skip
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert yearly_values(values, CITY, "SSGI").empty  # SSGI is only at city level


def test_a_single_value_without_counts_keeps_its_nilai_several_are_not_pooled():
    """One kelurahan's 21,5 % without counts stays 21,5 %; two such cannot be pooled."""
    bare = pd.DataFrame(
        [row(A, "2024", float("nan"), float("nan"), nilai=21.5),
         row(B, "2024", float("nan"), float("nan"), nilai=11.0)]
    )  # fmt: skip
    assert yearly_values(bare, {A}, "EPPGBM")["persen"].tolist() == [21.5]
    assert yearly_values(bare, {A, B}, "EPPGBM").empty


def test_targets_come_from_the_catalogue_and_target_lain(ref):
    """14 % by 2024 (indikator.csv) then 14,2 % by 2029 (target_lain.csv); with data up to
    2025 or 2024 the target ahead is the second (2024's is decided), up to 2023 the first."""
    targets = targets_of(ref.indikator, ref.target_lain)
    assert list(zip(targets["target"], targets["tahun_target"], strict=True)) == [(14.0, 2024), (14.2, 2029)]  # fmt: skip
    assert [active_target(targets, y) for y in (2025, 2024, 2023)] == [1, 1, 0]
    assert active_target(targets, 2030) == 1 and active_target(targets.iloc[:0], 2025) is None


@pytest.fixture(scope="module")
def table(values):
    areas = [
        ("Kota", NJ.kode, CITY, "EPPGBM"),
        ("Kota", NJ.kode, {NJ.kode}, "SSGI"),
        ("A", A, {A}, "EPPGBM"),
        ("A", A, {A}, "EPPGBM_HITUNG"),
        ("B", B, {B}, "EPPGBM"),
        ("C", C, {C}, "EPPGBM"),
        ("D", "31.72.01.1004", {"31.72.01.1004"}, "EPPGBM"),  # no e-PPGBM value: no row
    ]
    return trajectory_table(values, areas, TARGETS).set_index(["wilayah", "sumber_data", "tahun_target"])  # fmt: skip


def test_kelurahan_off_course_toward_2029(table):
    """A, 30 % (2022) → 24 % (2025): AARR 1 − 0,8^(1/3) = 7,1682 %; to 14,2 % by 2029 needs
    1 − (14,2/24)^(1/4) = 1 − 0,59167^0,25 = 12,2960 %: off course; at 7,1682 % a year the
    target comes after ln(0,59167)/ln(0,92832) = 7,056 years, in 2033."""
    a = table.loc[("A", "EPPGBM", 2029)]
    assert a["aarr"] == pytest.approx(7.1682, abs=1e-4)
    assert a["aarr_dibutuhkan"] == pytest.approx(12.2960, abs=1e-4)
    assert (a["status"], a["sesuai_jalur"], a["tahun_tercapai"]) == (BELUM, False, 2033)
    assert (a["periode_awal"], a["periode_akhir"], a["penyebut_akhir"]) == ("2022-Q4", "2025-Q4", 100)  # fmt: skip


def test_a_passed_target_year_and_a_met_target(table):
    """A's 24 % in 2025 missed 14 % by 2024 (no required rate any more); B's 12 % is below both
    targets though it rose: AARR 1 − 1,2^(1/3) = −6,2659 %."""
    late = table.loc[("A", "EPPGBM", 2024)]
    assert late["status"] == TERLEWAT and math.isnan(late["aarr_dibutuhkan"])
    b = table.loc[("B", "EPPGBM", 2029)]
    assert b["aarr"] == pytest.approx(-6.2659, abs=1e-4)
    assert (b["status"], b["aarr_dibutuhkan"], b["tahun_tercapai"]) == (SUDAH, 0.0, 2025)


def test_the_city_per_source_never_mixed(table):
    """e-PPGBM 20 → 18 % (2022 → 2025): AARR 1 − 0,9^(1/3) = 3,4511 %, needs
    1 − (14,2/18)^(1/4) = 1 − e^(ln 0,78889 / 4) = 1 − e^(−0,059283) = 5,7559 %: off course, reached after ln(0,78889)/ln(0,96549) = 6,75
    years, 2032. SSGI 18,5 → 15 % (2022 → 2024): 1 − (15/18,5)^(1/2) = 9,9550 %, needs
    1 − (14,2/15)^(1/5) = 1,0902 %: on course, reached after 0,52 years, 2025."""
    eppgbm = table.loc[("Kota", "EPPGBM", 2029)]
    assert eppgbm["aarr"] == pytest.approx(3.4511, abs=1e-4)
    assert eppgbm["aarr_dibutuhkan"] == pytest.approx(5.7559, abs=1e-4)
    assert (eppgbm["status"], eppgbm["tahun_tercapai"]) == (BELUM, 2032)
    ssgi = table.loc[("Kota", "SSGI", 2029)]
    assert ssgi["aarr"] == pytest.approx(9.9550, abs=1e-4)
    assert ssgi["aarr_dibutuhkan"] == pytest.approx(1.0902, abs=1e-4)
    assert (ssgi["status"], ssgi["tahun_tercapai"], ssgi["tahun_akhir"]) == (SESUAI, 2025, 2024)


def test_one_year_of_data_gives_no_rate(table):
    """C and A's recomputed e-PPGBM have one year each; D has no e-PPGBM value and no row."""
    assert table.loc[("C", "EPPGBM", 2029), "status"] == KURANG
    assert math.isnan(table.loc[("A", "EPPGBM_HITUNG", 2029), "aarr"])
    assert "D" not in table.index.get_level_values(0)


def test_a_first_value_of_zero_has_no_rate():
    """0 % then 20 %: AARR is undefined (division by 0), said so rather than a number."""
    zero = pd.DataFrame([row(A, "2022", 0, 50), row(A, "2024", 12, 60)])
    got = trajectory_table(zero, [("A", A, {A}, "EPPGBM")], TARGETS.iloc[[1]])
    assert got["status"].tolist() == [TAK_TERHITUNG]


def test_the_chart_paths_end_at_the_target_and_the_trend(values, table):
    """The city from 18 % (2025): the required path ends on 14,2 % in 2029; the trend at
    3,4511 % a year gives 18 × 0,9^(4/3) = 18 × 0,86894 = 15,641 % in 2029."""
    yearly = yearly_values(values, CITY, "EPPGBM")
    path = trajectory_path(
        yearly, table.loc[("Kota", "EPPGBM", 2029)].to_dict() | {"tahun_target": 2029}
    )
    at = path.set_index(["jalur", "tahun"])["persen"]
    assert at[(AKTUAL, 2022)] == 20.0 and at[(DIBUTUHKAN, 2025)] == pytest.approx(18.0)
    assert at[(DIBUTUHKAN, 2029)] == pytest.approx(14.2)
    assert at[(TREN, 2029)] == pytest.approx(15.641, abs=1e-3)
    passed = trajectory_path(
        yearly, table.loc[("Kota", "EPPGBM", 2024)].to_dict() | {"tahun_target": 2024}
    )
    assert set(passed["jalur"]) == {AKTUAL}


def test_the_source_panel_keeps_each_series_apart(values):
    """Kelurahan A: e-PPGBM (2022, 2025) and recomputed (2025); the city: e-PPGBM pooled over
    A and B, SSGI from its own rows; one row per series and year."""
    panel = source_panel(values, A, CITY, ["EPPGBM", "EPPGBM_HITUNG"], ["EPPGBM", "SSGI"], NJ.kode)
    got = panel.set_index(["tingkat", "sumber_data", "tahun"])["persen"]
    assert got.to_dict() == {
        ("kelurahan", "EPPGBM", 2022): 30.0, ("kelurahan", "EPPGBM", 2025): 24.0,
        ("kelurahan", "EPPGBM_HITUNG", 2025): 22.0,
        ("kota", "EPPGBM", 2022): 20.0, ("kota", "EPPGBM", 2025): 18.0,
        ("kota", "SSGI", 2022): 18.5, ("kota", "SSGI", 2024): 15.0,
    }  # fmt: skip


def test_the_sentences_a_slide_and_a_caption_say(table):
    """The city's row toward 14,2 % by 2029 (AARR 3,4511 %, needs 5,7559 %, 2032) and B's met
    target, in words; the display table's target and status."""
    city = table.reset_index().set_index(["wilayah", "sumber_data", "tahun_target"], drop=False)
    assert trajectory_sentence(city.loc[("Kota", "EPPGBM", 2029)], "Kota", "e-PPGBM") == (
        "Kota: AARR 3,5% per tahun (e-PPGBM 2022–2025), dibutuhkan 5,8% per tahun untuk 14,2% "
        "pada 2029 — belum sesuai jalur; dengan tren ini target tercapai 2032"
    )
    assert trajectory_sentence(city.loc[("B", "EPPGBM", 2024)], "B", "e-PPGBM") == (
        "B: AARR -6,3% per tahun (e-PPGBM 2022–2025); target 14% pada 2024: sudah di bawah target"
    )
    assert trajectory_sentence(city.loc[("C", "EPPGBM", 2029)], "C", "e-PPGBM") == (
        "C: lintasan menuju 14,2% pada 2029 belum dapat dihitung (data kurang dari 2 tahun, e-PPGBM)"
    )
    shown = trajectory_display(city.loc[[("Kota", "EPPGBM", 2029)]].reset_index(drop=True), {"EPPGBM": "e-PPGBM"})  # fmt: skip
    assert shown.iloc[0].to_dict() == {
        "Wilayah": "Kota", "Sumber": "e-PPGBM", "Awal": "20,0% (TW IV 2022)",
        "Terakhir": "18,0% (TW IV 2025)", "AARR sejauh ini": "3,5%/thn",
        "Target": "14,2% pada 2029", "AARR dibutuhkan": "5,8%/thn",
        "Status": "⚠ belum sesuai jalur", "Tren mencapai target": "2032",
    }  # fmt: skip


def test_the_profile_and_area_views(values, ref):
    """Penjaringan (A) and its city of three kelurahan: rows per source and target, the target
    ahead of 2025 is 14,2 % by 2029, a path per series with a value; the area table puts the
    city (e-PPGBM, SSGI) first, then the kelurahan furthest from their path (A off course,
    then C with one year, then B met); the presentation's city rows, one per source."""
    kel = three_kelurahan(ref)
    view = build_profile_trajectory(values, A, kel, ref.indikator, ref.target_lain, NJ)
    assert view.active == 1 and view.source == "EPPGBM"
    assert list(view.paths) == [
        ("Penjaringan", "EPPGBM"), ("Penjaringan", "EPPGBM_HITUNG"),
        ("Jakarta Utara", "EPPGBM"), ("Jakarta Utara", "EPPGBM_HITUNG"), ("Jakarta Utara", "SSGI"),
    ]  # fmt: skip
    city = view.active_row("Jakarta Utara", "EPPGBM")
    # the city of three: (30+10)/200 = 20 % in 2022, (24+12+20)/300 = 18,667 % in 2025
    assert city["persen_akhir"] == pytest.approx(56 / 3)
    assert set(view.paths[("Penjaringan", "EPPGBM")]["jalur"]) == {AKTUAL, TREN, DIBUTUHKAN}
    goal = targets_of(ref.indikator, ref.target_lain).iloc[1]
    area = area_trajectories(values, kel, ref.indikator, goal, NJ)
    assert area["wilayah"].tolist() == ["Jakarta Utara", "Jakarta Utara", "Penjaringan", "Kapuk Muara", "Kamal Muara"]  # fmt: skip
    assert area["sumber_data"].tolist()[:2] == ["EPPGBM", "SSGI"]
    rows = city_trajectories(values, kel, ref.indikator, ref.target_lain, NJ)
    assert list(zip(rows["sumber_data"], rows["tahun_target"], strict=True)) == [("EPPGBM", 2029), ("SSGI", 2029)]  # fmt: skip


def test_the_chart_draws_each_path_once_and_the_target_at_its_year(values, table):
    """The city's e-PPGBM toward 14,2 % by 2029: actual (2 points), the two paths (2025–2029,
    5 points each) and the target star at (2029, 14,2)."""
    row = table.loc[("Kota", "EPPGBM", 2029)].to_dict() | {"tahun_target": 2029}
    path = trajectory_path(yearly_values(values, CITY, "EPPGBM"), row)
    fig = build_trajectory_figure(path, 14.2, 2029, "RPJMN 2025-2029", "e-PPGBM")
    assert [(t.name, len(t.x)) for t in fig.data] == [
        ("Aktual (e-PPGBM)", 2), ("Jika tren berlanjut", 5), ("Jalur yang dibutuhkan", 5),
        ("Target 14,2% pada 2029", 1),
    ]  # fmt: skip
    assert (fig.data[3].x[0], fig.data[3].y[0]) == (2029, 14.2)
    assert fig.data[2].y[-1] == pytest.approx(14.2)
