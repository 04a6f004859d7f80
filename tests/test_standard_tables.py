"""WHO standard tables (analysis.standard_tables) against a hand count of seven children, the
logit interval and t quantile of anthro, and the plausibility report side by side per wilayah
(analysis.plausibility_areas)."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest

from analysis import schema as s
from analysis.plausibility import plausibility
from analysis.plausibility_areas import COLUMNS as AREA_COLUMNS
from analysis.plausibility_areas import TIDAK_BERMAKNA, area_plausibility
from analysis.standard_tables import COLUMNS, group_labels, logit_interval, standard_tables, t975
from services.reference import load_reference
from settings import REFERENCE_DIR
from tests.regions import NJ
from text.standard import area_table, check_name, check_value, standard_workbook
from text.tables import plausibility_table

NAN = np.nan
# Seven scored children and one aged 2000 days (not scored): sex, age in days, HAZ, WAZ, WHZ,
# oedema. Child 3 has oedema (WAZ/WHZ missing), child 5's HAZ 7,0 is flagged, child 4's HAZ
# −2,004 rounds to −2,00 (not stunted).
CHILDREN = [
    (1, 100, -2.50, -1.00, 0.50, False),  # 3,3 bulan: 0–5
    (2, 200, -3.20, -3.50, -2.10, False),  # 6,6 bulan: 6–11
    (1, 400, -1.00, NAN, NAN, True),  # 13,1 bulan: 12–23
    (2, 800, -2.004, 2.50, 2.50, False),  # 26,3 bulan: 24–35
    (1, 1200, 7.00, 0.00, 1.50, False),  # 39,4 bulan: 36–47
    (2, 1700, 0.00, -2.20, 3.20, False),  # 55,9 bulan: 48–59
    (1, 1000, -2.10, -0.50, -1.00, False),  # 32,9 bulan: 24–35
    (1, 2000, -2.50, -2.50, -2.50, False),  # 65,7 bulan: not scored
]


def frames():
    sex, age, haz, waz, whz, oedema = (np.array(c) for c in zip(*CHILDREN, strict=True))
    z = pd.DataFrame({"haz": haz, "waz": waz, "whz": whz})
    for name in ("haz", "waz", "whz"):
        z[f"flag_{name}"] = np.abs(z[name].round(2)) > 5
    z["dinilai"] = age <= 1826
    return z, sex, age, oedema.astype(bool)


@pytest.fixture(scope="module")
def table():
    z, sex, age, oedema = frames()
    return standard_tables(z, sex, age, oedema).set_index(["indikator", "kelompok"])


def row(table, start: str, kelompok: str) -> pd.Series:
    names = [i for i in table.index.get_level_values(0).unique() if i.startswith(start)]
    assert len(names) == 1, names
    return table.loc[(names[0], kelompok)]


def test_columns_and_groups(table):
    """The issue's columns; 9 cut-offs × 21 groups (total, 6 ages, 2 sexes, 12 age × sex)."""
    assert list(table.reset_index().columns) == COLUMNS
    assert len(table) == 9 * 21
    assert group_labels()[:8] == ["Semua", "0–5 bulan", "6–11 bulan", "12–23 bulan",
                                  "24–35 bulan", "36–47 bulan", "48–59 bulan", "Laki-laki"]  # fmt: skip


def test_stunting_total_by_hand(table):
    """HAZ kept: children 1, 2, 3, 4, 6, 7 (5 flagged, 8 too old): n = 6; < −2: 1 (−2,50),
    2 (−3,20), 7 (−2,10) = 3 (4's −2,00 is not below), 50%; < −3: child 2 only.
    Mean (−2,5 − 3,2 − 1,0 − 2,0 + 0 − 2,1)/6 = −10,8/6 = −1,80; deviations −0,7, −1,4,
    0,8, −0,2, 1,8, −0,3, squares 0,49 + 1,96 + 0,64 + 0,04 + 3,24 + 0,09 = 6,46; SD √(6,46/5)
    = 1,13666. Interval (7 children scored, so 6 df, t = 2,446912): logit 0 ± 2,446912 ·
    √(7/6 / (6 · 0,5 · 0,5)) = ± 2,446912 · 0,881917 = ± 2,157975 → 1/(1 + e^2,157975) = 10,360%
    and 89,640%."""
    r = row(table, "TB/U < −2", "Semua")
    assert (r["n"], r["kasus"], r["persen"]) == (6, 3, 50.0)
    assert r["rata_z"] == pytest.approx(-1.80)
    assert r["sd_z"] == pytest.approx(math.sqrt(6.46 / 5))
    assert r["ci_bawah"] == pytest.approx(100 / (1 + math.exp(2.157975)), abs=1e-4)
    assert r["ci_atas"] == pytest.approx(100 - 100 / (1 + math.exp(2.157975)), abs=1e-4)
    assert tuple(row(table, "TB/U < −3", "Semua")[["n", "kasus"]]) == (6, 1)


def test_oedema_counts_below_minus_three_not_in_mean(table):
    """WAZ: child 3 (oedema) counts as −3,1: n = 7; < −3: 2 and 3; < −2: 2, 3, 6 (−2,2).
    Mean without child 3: (−1 − 3,5 + 2,5 + 0 − 2,2 − 0,5)/6 = −4,7/6. WHZ: n = 7; < −3: 3;
    < −2: 2, 3; > +1: 4 (2,5), 5 (1,5), 6 (3,2); > +2: 4, 6; > +3: 6."""
    assert tuple(row(table, "BB/U < −3", "Semua")[["n", "kasus"]]) == (7, 2)
    assert tuple(row(table, "BB/U < −2", "Semua")[["n", "kasus"]]) == (7, 3)
    assert row(table, "BB/U < −2", "Semua")["rata_z"] == pytest.approx(-4.7 / 6)
    expected = {"BB/TB < −3": 1, "BB/TB < −2": 2, "BB/TB > +1": 3, "BB/TB > +2": 2, "BB/TB > +3": 1}
    for start, cases in expected.items():
        assert tuple(row(table, start, "Semua")[["n", "kasus"]]) == (7, cases), start


def test_groups_by_hand(table):
    """Boys (1, 3, 7 with HAZ): stunted 1 and 7 = 2 of 3; girls (2, 4, 6): child 2 = 1 of 3;
    24–35 months: children 4 and 7, one stunted; boy 24–35 months: child 7, 1 of 1 = 100%
    (interval 100–100 as anthro); girl 0–5 months: nobody (n 0, percent missing)."""
    assert tuple(row(table, "TB/U < −2", "Laki-laki")[["n", "kasus"]]) == (3, 2)
    assert tuple(row(table, "TB/U < −2", "Perempuan")[["n", "kasus"]]) == (3, 1)
    assert tuple(row(table, "TB/U < −2", "24–35 bulan")[["n", "kasus"]]) == (2, 1)
    boy = row(table, "TB/U < −2", "24–35 bulan, laki-laki")
    assert tuple(boy[["n", "kasus", "persen", "ci_bawah", "ci_atas"]]) == (
        1,
        1,
        100.0,
        100.0,
        100.0,
    )
    assert np.isnan(boy["sd_z"])  # one value: no SD
    empty = row(table, "TB/U < −2", "0–5 bulan, perempuan")
    assert empty["n"] == 0 and np.isnan(empty["persen"])


def test_t_quantile():
    """t(0,975) with 1 df is tan(0,475π) = 12,7062; with 2 df √(2/(1 − 0,95²)·0,95²) = 4,3027
    (closed forms); large df tends to 1,96 (R: qt(0.975, 100) = 1,983972)."""
    assert t975(1) == pytest.approx(math.tan(0.475 * math.pi))
    assert t975(2) == pytest.approx(math.sqrt(2 * 0.95**2 / (1 - 0.95**2)))
    assert t975(100) == pytest.approx(1.983972, abs=1e-6)
    assert t975(10**6) == pytest.approx(1.959966, abs=1e-6)


def test_logit_interval_of_zero_and_a_share():
    """0 of 10: 0–0 (anthro); 20 of 100 in a table of 1000: logit(0,2) = −1,386294, half-width
    t(999) = 1,962341 · √(1000/999 / (100 · 0,2 · 0,8)) = 1,962341 · 0,250125 = 0,490831,
    so 1/(1 + e^(1,386294 + 0,490831)) = 13,268% and 1/(1 + e^(1,386294 − 0,490831)) = 29,003%."""
    low, high = logit_interval([0, 20], [10, 100], 1000)
    assert (low[0], high[0]) == (0.0, 0.0)
    assert low[1] == pytest.approx(100 / (1 + math.exp(1.386294 + 0.490831)), abs=1e-3)
    assert high[1] == pytest.approx(100 / (1 + math.exp(1.386294 - 0.490831)), abs=1e-3)


def test_area_plausibility_small_areas_are_not_scored():
    """Two kelurahan of one kecamatan, 60 and 50 children: each under 100, so 'tidak
    bermakna' with no score; the kecamatan and the city (110) get a score; the SD shown is the
    SD itself (HAZ alternating −1 and +1: SD √(n/(n−1)) ≈ 1,0046 for 110), not |SD − 1|."""
    rng = np.random.default_rng(4)
    n = 110
    z = pd.DataFrame({
        "haz": np.where(np.arange(n) % 2, 1.0, -1.0), "waz": rng.normal(0, 1, n),
        "whz": rng.normal(0, 1, n), "flag_haz": False, "flag_waz": False, "flag_whz": False,
        "dinilai": True,
    })  # fmt: skip
    records = pd.DataFrame({
        s.KODE_WILAYAH: ["A"] * 60 + ["B"] * 50, s.JENIS_KELAMIN: ["L", "P"] * 55,
        s.UMUR_HARI: np.linspace(200, 1700, n), s.BERAT_KG: rng.normal(12, 2, n).round(1),
        s.TINGGI_CM: rng.normal(88, 8, n).round(1),
    })  # fmt: skip
    area = pd.DataFrame({s.KODE_KELURAHAN: ["A", "B"], s.KELURAHAN: ["Ancol", "Bahari"],
                         s.KODE_KECAMATAN: ["K1", "K1"], s.KECAMATAN: ["Pademangan"] * 2})  # fmt: skip
    criteria = load_reference(REFERENCE_DIR).plausibilitas
    out = area_plausibility(records, z, criteria, area, NJ)
    summary = out.drop_duplicates("wilayah").set_index("wilayah")
    assert list(summary.index) == ["Jakarta Utara", "Pademangan", "Ancol", "Bahari"]
    assert list(summary["anak"]) == [110, 110, 60, 50]
    assert summary.loc["Ancol", "vonis"] == TIDAK_BERMAKNA and pd.isna(summary.loc["Ancol", "skor"])
    assert summary.loc["Jakarta Utara", "vonis"] != TIDAK_BERMAKNA
    assert not pd.isna(summary.loc["Jakarta Utara", "skor"])
    sd_haz = out.loc[(out["wilayah"] == "Jakarta Utara") & (out["uji"] == "sd_haz"), "nilai"]
    assert sd_haz.iloc[0] == pytest.approx(math.sqrt(110 / 109))


def _report(children: int) -> pd.DataFrame:
    """A one-kelurahan report (``analysis.plausibility_areas.COLUMNS``) of ``children`` with
    the values of the review's Warakas (5 children): SD WHZ 0,22 off, DPS berat 80."""
    criteria = load_reference(REFERENCE_DIR).plausibilitas
    values = {"flag_whz": 0.0, "sd_whz": 0.22, "rasio_jenis_kelamin": 0.4746494066882416,
              "rasio_umur": 0.000123456, "dps_berat": 80.0, "dps_tinggi": 45.0,
              "kemencengan_whz": 0.123456, "keruncingan_whz": 0.5, "sd_haz": 0.1, "sd_waz": 0.0}  # fmt: skip
    report = plausibility(children, values, criteria)
    return report.table.assign(
        tingkat="kelurahan", kode_wilayah="31.72.01.1001", wilayah="Warakas", anak=children,
        skor=pd.array([report.total], dtype="Int64")[0],
        vonis=report.verdict if report.meaningful else TIDAK_BERMAKNA,
    )[AREA_COLUMNS]  # fmt: skip


def test_area_table_of_a_small_kelurahan_shows_values_only():
    """5 children: each check's value without points (not 'SD WHZ 0,22 (20)'), no score, and
    'tidak bermakna (< 100 anak)'; with 100 the same values carry their points: SD 0,22 off is
    bermasalah (20), DPS 80 bermasalah (10), the unscored SD HAZ never shows points."""
    small = area_table(_report(5)).iloc[0]
    assert (small["Tingkat"], small["Wilayah"], small["Skor"]) == ("Kel.", "Warakas", "–")
    assert small["Penilaian"] == "tidak bermakna (< 100 anak)"
    assert (small["SD WHZ"], small["DPS berat"], small["Rasio umur (p)"]) == ("0,22", "80", "0,000")
    scored = area_table(_report(100)).iloc[0]
    assert (scored["SD WHZ"], scored["DPS berat"], scored["SD HAZ"]) == (
        "0,22 (20)",
        "80 (10)",
        "0,10",
    )
    # 0 + 20 + 0 (p 0,47) + 10 (p < 0,001) + 10 + 10 + 0 (0,12) + 3 (0,5) = 53: bermasalah
    assert (scored["Skor"], scored["Penilaian"]) == ("53", "bermasalah")


def test_single_area_table_of_a_small_sample_has_dashes():
    """The single-area report below 100 children: values, '–' as band and points; the age
    ratio's name says 0,85, not 0.85."""
    criteria = load_reference(REFERENCE_DIR).plausibilitas
    table = plausibility_table(plausibility(5, {"sd_whz": 0.22}, criteria).table)
    row = table.set_index("Uji").loc["SD WHZ (selisih dari 1)"]
    assert (row["Nilai"], row["Penilaian"], row["Poin"]) == ("0,22", "–", "–")
    assert "Rasio umur 6–29 : 30–59 bulan = 0,85 (p uji χ²)" in set(table["Uji"])


def test_check_values_are_rounded_for_the_workbook():
    """p-values to 3 significant digits (0,4746494… → 0,475; 0,000123456 → 0,000123), DPS
    whole, the rest to 2 decimals (0,123456 → 0,12)."""
    assert check_value("rasio_jenis_kelamin", 0.4746494066882416) == 0.475
    assert check_value("rasio_umur", 0.000123456) == 0.000123
    assert check_value("dps_berat", 79.6) == 80
    assert check_value("kemencengan_whz", 0.123456) == 0.12
    assert math.isnan(check_value("sd_whz", float("nan")))
    assert check_name("Rasio umur 6–29 : 30–59 bulan = {rasio} (p uji χ²)").endswith(
        "= 0,85 (p uji χ²)"
    )


def test_workbook_plausibility_sheet_is_rounded_and_unscored_below_a_hundred(table):
    """The plausibilitas sheet: nilai rounded, and for 5 children penilaian '–' and empty
    poin, the total 'tidak bermakna (< 100 anak)'; with 100 the points are numbers."""
    sheets = pd.read_excel(
        io.BytesIO(standard_workbook(table.reset_index(), pd.concat([_report(5), _report(100)]))),
        sheet_name=None,
    )
    plaus = sheets["plausibilitas"]
    small, scored = plaus.loc[plaus["anak_dinilai"] == 5], plaus.loc[plaus["anak_dinilai"] == 100]
    assert set(small["penilaian"]) == {"–"} and small["poin"].isna().all()
    assert set(small["penilaian_total"]) == {"tidak bermakna (< 100 anak)"}
    values = dict(zip(small["kode_uji"], small["nilai"], strict=True))
    assert values["rasio_jenis_kelamin"] == 0.475 and values["kemencengan_whz"] == 0.12
    assert scored.set_index("kode_uji").loc["sd_whz", "poin"] == 20
