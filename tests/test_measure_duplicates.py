"""A child measured twice in one month of one upload: counted once, the later measurement kept,
listed by row numbers; NIK and birth date never shown or stored."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ingest.cells import cell_text
from ingest.measure_duplicates import (
    DUPLICATE_COLUMNS,
    NIK_SAMA,
    TANPA_NIK,
    find_duplicates,
    nik_keys,
)
from ingest.problems import PERINGATAN
from services import measure_uploads

TODAY = date(2025, 12, 1)
NIK_A, NIK_B = "3172010101200001", "3172010101200002"


def upload(rows: list[dict]) -> pd.DataFrame:
    """Template rows (kelurahan, sex, birth date, measure date, height, weight) with a NIK
    column; a row dict overrides the defaults."""
    base = {
        "NIK": "",
        "kelurahan": "Warakas",
        "jenis_kelamin": "L",
        "tanggal_lahir": "2023-02-10",
        "tanggal_ukur": "2025-08-12",
        "tinggi_cm": "86,5",
        "berat_kg": "11,9",
        "cara_ukur": "H",
    }
    return pd.DataFrame([{**base, **r} for r in rows])


def dry_run(ref, frame: pd.DataFrame):
    data = frame.to_csv(index=False).encode("utf-8")
    return measure_uploads.dry_run(ref, data, "ganda.csv", TODAY)


def test_same_nik_twice_in_a_month_keeps_the_later_measurement(ref):
    """Rows 2 and 4 (Excel rows) carry NIK A in August, row 4 measured later: row 2 is not
    counted; row 3 (NIK B) and row 5 (NIK A in September) are other measurements."""
    frame = upload(
        [
            {"NIK": NIK_A, "tanggal_ukur": "2025-08-20", "tinggi_cm": "86,0"},
            {"NIK": NIK_B},
            {"NIK": NIK_A, "tanggal_ukur": "2025-08-25", "tinggi_cm": "87,0"},
            {"NIK": NIK_A, "tanggal_ukur": "2025-09-10"},
        ]
    )
    plan = dry_run(ref, frame)
    expected = pd.DataFrame({"baris": [2], "baris_dipakai": [4], "alasan": [NIK_SAMA]})
    pd.testing.assert_frame_equal(plan.duplicates, expected)
    assert plan.records["baris"].tolist() == [3, 4, 5]
    assert plan.records.loc[plan.records["baris"] == 4, "tinggi_cm"].item() == 87.0
    warned = plan.problems.loc[plan.problems["baris"] == 2].iloc[0]
    assert warned["tingkat"] == PERINGATAN
    assert "baris 4 (NIK sama)" in warned["pesan"] and "tidak dihitung" in warned["pesan"]
    shown = plan.problems.astype(str).to_string() + plan.duplicates.astype(str).to_string()
    assert NIK_A not in shown and "2023-02-10" not in shown
    assert not set(plan.records.columns) & {"NIK", "_nik", "_lahir", "tanggal_lahir"}


def test_later_by_measurement_date_not_row_order(ref):
    """The later measurement is kept by date even when it comes first in the file; on the
    same date the later row is kept."""
    frame = upload(
        [
            {"NIK": NIK_A, "tanggal_ukur": "2025-08-25"},
            {"NIK": NIK_A, "tanggal_ukur": "2025-08-05"},
            {"NIK": NIK_B, "tanggal_ukur": "2025-08-05", "berat_kg": "12,0"},
            {"NIK": NIK_B, "tanggal_ukur": "2025-08-05", "berat_kg": "12,1"},
        ]
    )
    plan = dry_run(ref, frame)
    assert plan.duplicates.to_dict("list") == {
        "baris": [3, 4],
        "baris_dipakai": [2, 5],
        "alasan": [NIK_SAMA, NIK_SAMA],
    }
    assert plan.records["baris"].tolist() == [2, 5]


def test_without_nik_same_sex_birth_date_kelurahan_and_near_measures(ref):
    """No NIK: rows 2 and 3 share sex, birth date and kelurahan, heights 86.5 and 86.0 cm
    (Δ 0.5 ≤ 0.5) and weights 11.9 and 12.0 kg (Δ 0.1 ≤ 0.1): row 2 is not counted."""
    frame = upload([{}, {"tinggi_cm": "86,0", "berat_kg": "12,0", "tanggal_ukur": "2025-08-14"}])
    plan = dry_run(ref, frame)
    expected = pd.DataFrame({"baris": [2], "baris_dipakai": [3], "alasan": [TANPA_NIK]})
    pd.testing.assert_frame_equal(plan.duplicates, expected)
    assert plan.records["baris"].tolist() == [3]


def test_near_misses_are_not_duplicates(ref):
    """Each row differs from row 2 in one thing: height by 0.6 cm, weight by 0.2 kg, sex, birth
    date, kelurahan, month, or both rows carry different NIKs (twins): all five are counted."""
    near_miss = [
        {},
        {"tinggi_cm": "87,1"},  # Δ height 0.6 > 0.5
        {"berat_kg": "12,1"},  # Δ weight 0.2 > 0.1
        {"jenis_kelamin": "P"},
        {"tanggal_lahir": "2023-02-11"},
        {"kelurahan": "Sunter Agung"},
        {"tanggal_ukur": "2025-09-12"},
    ]
    plan = dry_run(ref, upload(near_miss))
    assert plan.duplicates.empty and len(plan.records) == 7
    twins = upload([{"NIK": NIK_A}, {"NIK": NIK_B}])
    plan = dry_run(ref, twins)
    assert plan.duplicates.empty and len(plan.records) == 2


def test_one_row_with_nik_one_without_is_judged_without_nik(ref):
    """Row 2 has a NIK, row 3 none but the same child's details and near-identical measures:
    row 2 (earlier, same date, earlier row) is not counted."""
    plan = dry_run(ref, upload([{"NIK": NIK_A}, {}]))
    assert plan.duplicates.to_dict("list") == {
        "baris": [2],
        "baris_dipakai": [3],
        "alasan": [TANPA_NIK],
    }


def test_a_full_repeat_is_still_a_double_export_not_a_duplicate(ref):
    """A line repeating an earlier one in full stays the double-export warning (stored once)."""
    frame = upload([{"NIK": NIK_A}, {"NIK": NIK_A}])
    plan = dry_run(ref, frame)
    assert plan.duplicates.empty and plan.records["baris"].tolist() == [2]
    assert plan.problems["pesan"].str.contains("sama persis").sum() == 1


def test_chain_keeps_the_latest_and_each_points_to_its_latest_match():
    """Rows 10, 11, 12 (no NIK, same child details): 10≈11 (Δ 0.4 cm), 11≈12 (Δ 0.4 cm),
    10≉12 (Δ 0.8 cm). 10 → 11 (its only later match), 11 → 12: only row 12 is counted."""
    records = pd.DataFrame(
        {
            "baris": [10, 11, 12],
            "periode": "2025-08",
            "tanggal_ukur": [date(2025, 8, d) for d in (1, 2, 3)],
            "jenis_kelamin": "L",
            "kode_wilayah": "31.72.02.1007",
            "tinggi_cm": [80.0, 80.4, 80.8],
            "berat_kg": 10.0,
            "_nik": pd.array([0, 0, 0], dtype="int64"),
            "_lahir": 19000.0,
        }
    )
    found = find_duplicates(records)
    expected = pd.DataFrame(
        {"baris": [10, 11], "baris_dipakai": [11, 12], "alasan": [TANPA_NIK, TANPA_NIK]}
    )
    pd.testing.assert_frame_equal(found, expected)
    assert list(find_duplicates(records.head(0)).columns) == DUPLICATE_COLUMNS


def test_duplicates_found_across_blocks(ref, monkeypatch):
    """Checked two rows at a time, a pair in different blocks is still found."""
    frame = upload([{"NIK": NIK_A}, {"NIK": NIK_B}, {"NIK": NIK_B, "berat_kg": "12,5"}])
    frame.loc[3] = {**frame.loc[0], "tanggal_ukur": "2025-08-30"}
    monkeypatch.setattr("ingest.measurements.CHECK_ROWS", 2)
    plan = dry_run(ref, frame)
    assert plan.duplicates["baris"].tolist() == [2, 3]
    assert plan.duplicates["baris_dipakai"].tolist() == [5, 4]


def test_nik_keys_read_separators_and_refuse_lossy_or_short_numbers():
    """Spaces, dots, a leading apostrophe and Excel's ".0" are the same NIK; Excel's
    3.17201E+15 (digits lost), 15 digits, a leading 0 and an empty cell are no key (0)."""
    cells = pd.Series(
        [NIK_A, "'3172 0101 0120 0001", "3172.0101.0120.0001", f"{NIK_A}.0", "3.17201E+15",
         NIK_A[:-1], "0" + NIK_A[1:], "", None]
    )  # fmt: skip
    keys = nik_keys(cell_text(cells), cells.index)
    assert keys.tolist() == [int(NIK_A)] * 4 + [0] * 5
