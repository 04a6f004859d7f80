"""WHO z-scores against WHO's golden vectors and invariants (docs/zscore.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.zscore import (
    LAKI,
    LYING,
    PEREMPUAN,
    POSITION_CODES,
    SEX_CODES,
    STANDING,
    compute_zscores,
    normalise_codes,
    score_records,
)
from store.growth import GrowthTableError, check_tables, growth_tables

# sex age_days position height weight | HAZ WAZ WHZ (docs/zscore.md, unrounded)
VECTORS = """
M 0 L 49.9 3.3 | 0.0083 -0.0954 -0.0255
F 0 L 49.1 3.2 | -0.0256 -0.0705 0.0868
M 730 L 80.0 10.0 | -2.5541 -1.7055 -0.5310
M 731 H 80.0 10.0 | -2.3328 -1.7100 -0.6840
M 730 H 80.0 10.0 | -2.3249 -1.7055 -0.6840
M 200 H 62.0 6.0 | -3.0217 -2.7516 -1.0285
F 1100 L 88.0 11.0 | -2.0575 -1.8653 -0.9675
M 365 L 76.0 16.5 | 0.1098 5.3257 6.6165
F 500 L 74.0 6.0 | -1.7972 -4.1372 -4.5455
M 1000 H 92.63 13.2 | -0.3771 -0.3761 -0.2817
F 1826 H 100.0 14.0 | -1.9807 -1.8618 -0.9377
M 1827 H 100.0 14.0 | nan nan nan
"""


def golden() -> pd.DataFrame:
    rows = [line.replace("|", " ").split() for line in VECTORS.strip().splitlines()]
    frame = pd.DataFrame(rows, columns=["sex", "days", "pos", "h", "w", "haz", "waz", "whz"])
    return frame.astype({c: float for c in ["days", "h", "w", "haz", "waz", "whz"]})


def z_of(sex, days, height, weight, position, oedema=None) -> pd.DataFrame:
    arr = np.atleast_1d
    return compute_zscores(
        growth_tables(),
        arr(sex),
        arr(np.asarray(days, dtype=float)),
        arr(np.asarray(height, dtype=float)),
        arr(np.asarray(weight, dtype=float)),
        arr(position),
        None if oedema is None else arr(oedema),
    )


def test_golden_vectors_exactly():
    """Every golden vector of WHO's algorithm is reproduced to 1e-4, and day 1827 is not scored."""
    g = golden()
    sex = normalise_codes(g["sex"], SEX_CODES)
    pos = normalise_codes(g["pos"], POSITION_CODES)
    z = z_of(sex, g["days"], g["h"], g["w"], pos)
    for col in ["haz", "waz", "whz"]:
        np.testing.assert_allclose(z[col], g[col], atol=1e-4, rtol=0, equal_nan=True)
    assert z["flag_waz"].tolist()[7] and z["flag_whz"].tolist()[7]
    assert not z["flag_haz"].any()
    assert not z["dinilai"].iloc[-1]


@pytest.mark.parametrize("sex", [LAKI, PEREMPUAN])
def test_wfl_plus_07_at_day_730_equals_wfh_at_day_731(sex):
    """WFL(x + 0.7) at day 730 equals WFH(x) at day 731 over the whole WFH range."""
    heights = np.round(np.arange(65.0, 109.3, 0.37), 2)
    n = len(heights)
    lying = z_of(np.full(n, sex), np.full(n, 730), heights + 0.7, np.full(n, 9.5), np.full(n, 1))
    standing = z_of(np.full(n, sex), np.full(n, 731), heights, np.full(n, 9.5), np.full(n, 2))
    np.testing.assert_allclose(lying["whz"], standing["whz"], atol=1e-4, rtol=0)


def test_sex_and_position_codes_are_normalised_never_defaulted():
    """Indonesian and English spellings map to codes; unknown or empty ones stay 0 (unknown)."""
    sexes = pd.Series(["L", " laki-laki", "M", "1", "P", "Perempuan", "f", "2", "X", None, ""])
    assert normalise_codes(sexes, SEX_CODES).tolist() == [1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0]
    positions = pd.Series(["L", "Terlentang", "telentang", "H", "BERDIRI", "duduk", None])
    assert normalise_codes(positions, POSITION_CODES).tolist() == [1, 1, 1, 2, 2, 0, 0]
    z = z_of([0], [400], [75.0], [9.0], [1])
    assert np.isnan(z["haz"][0]) and not z["dinilai"][0]


def test_standing_before_9_months_is_flagged_and_not_corrected():
    """Standing at 8.9 months counts as unknown position (no +0.7, flagged); at 9 months it is
    corrected by +0.7 cm like any standing measure before 731 days."""
    z = z_of([1, 1], [270, 274], [70.0, 70.0], [8.0, 8.0], [STANDING, STANDING])
    assert z["flag_9bulan"].tolist() == [True, False]
    assert z["tinggi_koreksi"].tolist() == [70.0, 70.7]
    assert z["posisi"].tolist() == [LYING, STANDING]


def test_position_missing_follows_age_and_lying_after_731_days_is_corrected():
    """Without a position no correction is made; lying from 731 days subtracts 0.7 cm."""
    z = z_of([2, 2, 2], [500, 900, 900], [74.0, 88.0, 88.0], [9.0, 12.0, 12.0], [0, 0, LYING])
    assert z["tinggi_koreksi"].round(2).tolist() == [74.0, 88.0, 87.3]
    assert z["posisi"].tolist() == [LYING, STANDING, LYING]


def test_whz_outside_the_table_range_is_missing():
    """WFL is valid for 45–110 cm and WFH for 65–120 cm; beyond that WHZ is missing."""
    z = z_of([1, 1, 1, 1], [10, 10, 1000, 1000], [44.9, 45.0, 64.9, 120.0], [3, 3, 8, 20], [1] * 4)
    # 64.9 standing-age lying → 64.2 cm corrected: below WFH range
    assert z["whz"].isna().tolist() == [True, False, True, False]


def test_oedema_makes_weight_scores_missing():
    """With oedema WAZ and WHZ are not computed; HAZ still is."""
    z = z_of([1], [400], [75.0], [9.0], [1], [True])
    assert np.isnan(z["waz"][0]) and np.isnan(z["whz"][0]) and not np.isnan(z["haz"][0])


def test_score_records_reads_stored_columns():
    """Stored records (L/P, L/H, days) give the same z as the arrays."""
    records = pd.DataFrame(
        {
            "jenis_kelamin": ["P", "L"],
            "umur_hari": [1100, 1000],
            "tinggi_cm": [88.0, 92.63],
            "berat_kg": [11.0, 13.2],
            "cara_ukur": ["L", "H"],
            "edema": [False, None],
        },
        index=[5, 9],
    )
    z = score_records(growth_tables(), records)
    assert z.index.tolist() == [5, 9]
    np.testing.assert_allclose(z["haz"], [-2.0575, -0.3771], atol=1e-4)


def test_a_changed_table_fails_loudly():
    """Tables that do not reproduce the golden vectors are refused on load."""
    tables = growth_tables()
    lhfa = tables.lhfa.copy()
    lhfa[0, 730, 1] += 0.1
    changed = type(tables)(lhfa, tables.wfa, tables.wfl, tables.wfh)
    with pytest.raises(GrowthTableError, match="vektor acuan"):
        check_tables(changed)


@pytest.mark.parametrize(
    ("index", "z", "label"),
    [
        ("haz", -3.01, "sangat pendek"),
        ("haz", -3.0, "pendek"),
        ("haz", -2.004, "normal"),
        ("haz", 3.0, "normal"),
        ("haz", 3.01, "tinggi"),
        ("waz", 1.0, "berat badan normal"),
        ("waz", 1.01, "risiko berat badan lebih"),
        ("whz", -2.01, "gizi kurang"),
        ("whz", 2.0, "berisiko gizi lebih"),
        ("whz", 3.5, "obesitas"),
        ("whz", float("nan"), None),
    ],
)
def test_status_labels_follow_permenkes_2_2020(index, z, label):
    """Categories on z rounded to 2 decimals: −3 is 'pendek', +3 still 'normal', +1 BB/U normal."""
    from analysis.zscore import status_label

    assert status_label(index, z) == label
