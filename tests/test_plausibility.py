"""The SMART-style plausibility report (analysis.plausibility) with its thresholds from
data/reference/plausibilitas.csv: each statistic on small frames computed by hand, the bands,
points and verdict, and the refusal to score fewer than 100 children."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.plausibility import (
    MIN_CHILDREN,
    band,
    binomial_half_p,
    chi2_one_df_p,
    plausibility,
    skewness_kurtosis,
    smart_flags,
    statistics,
)
from ingest.reference_problems import ReferenceDataError
from services.reference import load_reference
from settings import REFERENCE_DIR


@pytest.fixture(scope="module")
def criteria():
    return load_reference(REFERENCE_DIR).plausibilitas


def test_skewness_and_kurtosis_of_five_values():
    """0, 0, 0, 0, 3: mean 0,6; m2 = 1,44, m3 = 2,592, m4 = 6,7392; skewness 2,592/1,728 = 1,5;
    kurtosis 6,7392/2,0736 − 3 = 0,25."""
    skew, kurt = skewness_kurtosis([0, 0, 0, 0, 3, np.nan])
    assert skew == pytest.approx(1.5)
    assert kurt == pytest.approx(0.25)


def test_sex_ratio_binomial_p():
    """12 boys, 8 girls: P(X ≤ 8) = (1+20+190+1140+4845+15504+38760+77520+125970)/2^20
    = 263.950/1.048.576 = 0,25172; two-sided 0,50345. All of one sex in 10: 2/1.024."""
    assert binomial_half_p(12, 20) == pytest.approx(2 * 263950 / 1048576)
    assert binomial_half_p(0, 10) == pytest.approx(2 / 1024)
    assert binomial_half_p(500, 1000) == 1.0


def test_age_ratio_chi_square_p():
    """40 children 6–29 months, 60 of 30–59 against 0,85 : 1 (share 0,4595): expected 45,95 and
    54,05; χ² = 35,354/45,946 + 35,354/54,054 = 1,4235; p = erfc(√(χ²/2)) = 0,2328."""
    assert chi2_one_df_p((40, 60), 0.85 / 1.85) == pytest.approx(0.2328, abs=1e-4)


def test_smart_flags_are_three_from_the_survey_mean():
    """Mean of nine zeros and one 5 is 0,5: only the 5 (4,5 away) is flagged."""
    flags = smart_flags([0] * 9 + [5] + [np.nan])
    assert flags.tolist() == [False] * 9 + [True, False]


def test_bands_follow_the_comparison():
    """≤ 2,5 is sangat baik and 2,6 baik; a p of 0,05 is cukup (> 0,05 needed for baik); a
    missing value has no band."""
    assert band(2.5, "<=", (2.5, 5, 7.5)) == 0
    assert band(2.6, "<=", (2.5, 5, 7.5)) == 1
    assert band(0.05, ">", (0.1, 0.05, 0.001)) == 2
    assert band(0.6, "<", (0.2, 0.4, 0.6)) == 3
    assert band(float("nan"), "<", (0.2, 0.4, 0.6)) is None


def test_score_and_verdict(criteria):
    """Flags 3 % (baik, 5), SD 1,12 (selisih 0,12: baik, 5), sex p 0,5 (0), age p 0,03 (cukup,
    4), DPS 10 and 25 (baik 2, bermasalah 10), skewness 0,3 (baik, 1), kurtosis 0,1 (0), SD HAZ
    off by 0,3 (bermasalah, no points): 27 points, bermasalah (> 24)."""
    values = {"flag_whz": 3.0, "sd_whz": 0.12, "rasio_jenis_kelamin": 0.5, "rasio_umur": 0.03,
              "dps_berat": 10.0, "dps_tinggi": 25.0, "kemencengan_whz": 0.3,
              "keruncingan_whz": 0.1, "sd_haz": 0.3, "sd_waz": 0.05}  # fmt: skip
    report = plausibility(250, values, criteria)
    points = dict(zip(report.table["uji"], report.table["poin"], strict=True))
    assert points == {"flag_whz": 5, "sd_whz": 5, "rasio_jenis_kelamin": 0, "rasio_umur": 4,
                      "dps_berat": 2, "dps_tinggi": 10, "kemencengan_whz": 1,
                      "keruncingan_whz": 0, "sd_haz": 0, "sd_waz": 0}  # fmt: skip
    bands = dict(zip(report.table["uji"], report.table["penilaian"], strict=True))
    assert bands["sd_haz"] == "bermasalah" and bands["keruncingan_whz"] == "sangat baik"
    assert (report.total, report.verdict) == (27, "bermasalah")
    good = plausibility(250, values | {"dps_tinggi": 5.0, "rasio_umur": 0.2}, criteria)
    assert (good.total, good.verdict) == (13, "baik")


def test_fewer_than_a_hundred_children_get_no_score(criteria):
    """99 children: every check keeps its value, but has no band and no points (an SD off by
    0,22 would be 'bermasalah', 20 points, with 100 children), and there is no total and no
    verdict."""
    values = {"flag_whz": 0.0, "sd_whz": 0.22, "dps_berat": 80.0}
    report = plausibility(MIN_CHILDREN - 1, values, criteria)
    assert not report.meaningful and report.total is None and report.verdict is None
    assert len(report.table) == 10
    checks = report.table.set_index("uji")
    assert checks.loc["sd_whz", "nilai"] == 0.22 and checks.loc["dps_berat", "nilai"] == 80.0
    assert (report.table["penilaian"] == "").all() and report.table["poin"].isna().all()
    scored = plausibility(MIN_CHILDREN, values, criteria).table.set_index("uji")
    assert (scored.loc["sd_whz", "penilaian"], scored.loc["sd_whz", "poin"]) == ("bermasalah", 20)
    assert scored.loc["dps_berat", "poin"] == 10


def test_statistics_of_a_round():
    """Six boys and four girls, WHZ 0 ×9 and a WHO-flagged −7: no SMART flag among the nine
    plausible values, SD of nine zeros is 0 (off by 1); ages 10 ×4 (6–29) and 40 ×6 (30–59)."""
    z = pd.DataFrame({"whz": [0.0] * 9 + [-7.0], "flag_whz": [False] * 9 + [True],
                      "haz": [-1.0, 1.0] * 5, "flag_haz": False,
                      "waz": [0.0] * 10, "flag_waz": False})  # fmt: skip
    sex = ["L"] * 6 + ["P"] * 4
    children, values = statistics(z, sex, [10] * 4 + [40] * 6, [10.1] * 10, [80.5] * 10)
    assert children == 10
    assert values["flag_whz"] == 0
    assert values["sd_whz"] == pytest.approx(1.0)
    assert values["rasio_jenis_kelamin"] == pytest.approx(binomial_half_p(6, 10))
    assert values["rasio_umur"] == pytest.approx(chi2_one_df_p((4, 6), 0.85 / 1.85))
    assert values["dps_berat"] == 100.0  # all end in .1: χ² = 9·1 + 9² = 90; 100·√(90/90)
    assert values["sd_haz"] == pytest.approx(abs(math.sqrt(10 / 9) - 1))
    assert math.isnan(values["kemencengan_whz"])  # nine zeros have no spread


def test_a_bad_threshold_file_is_refused(tmp_path):
    """An unknown check and a limit that is no number: both named with row and column."""
    import shutil  # noqa: PLC0415

    folder = tmp_path / "ref"
    shutil.copytree(REFERENCE_DIR, folder)
    path = folder / "plausibilitas.csv"
    text = path.read_text(encoding="utf-8").replace("flag_whz,", "flag_xyz,", 1)
    path.write_text(text.replace(",2.5,5,7.5,", ",dua,5,7.5,", 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as err:
        load_reference(folder)
    found = {(p.berkas, p.baris, p.kolom) for p in err.value.problems}
    assert ("plausibilitas.csv", 2, "uji") in found
    assert ("plausibilitas.csv", 2, "batas_sangat_baik") in found
