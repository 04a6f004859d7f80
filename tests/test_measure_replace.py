"""What a measurement file replaces: the counts the dry run shows, and the store replacing
per kelurahan × month or whole months (issue #23, point 5)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis.measure_replace import CAKUPAN_BULAN, CAKUPAN_KELURAHAN, replaced_records
from demo.measurements import eppgbm_export, synthetic_measurements
from services import measure_uploads
from store.growth import growth_tables

TODAY = date(2025, 12, 1)
WARAKAS = "31.72.02.1007"
COLUMNS = ["kode_wilayah", "periode", "tersimpan", "di_berkas", "berkurang", "berkurang_banyak"]


def records(counts: dict[tuple[str, str], int]) -> pd.DataFrame:
    """One row per record: ``counts`` maps (kelurahan code, month) to a number of records."""
    rows = [key for key, n in counts.items() for _ in range(n)]
    return pd.DataFrame(rows, columns=["kode_wilayah", "periode"])


STORED = records(
    {("A", "2025-08"): 10, ("B", "2025-08"): 5, ("C", "2025-08"): 4, ("E", "2025-08"): 10}
    | {("A", "2025-09"): 3}
)
INCOMING = records(
    {("A", "2025-08"): 7, ("B", "2025-08"): 5, ("D", "2025-08"): 2, ("E", "2025-08"): 8}
)


A_B_E = [
    ("A", "2025-08", 10, 7, 3, True),
    ("B", "2025-08", 5, 5, 0, False),
    ("E", "2025-08", 10, 8, 2, False),
]


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (CAKUPAN_KELURAHAN, A_B_E),
        (CAKUPAN_BULAN, [*A_B_E[:2], ("C", "2025-08", 4, 0, 4, True), A_B_E[2]]),
    ],
)
def test_replaced_records_by_scope(scope, expected):
    """Kelurahan of the file: A 10 stored, 7 in the file, 3 lost (3 > 10/5: warned); B 5 → 5;
    E 10 → 8, 2 lost is exactly a fifth (no warning); D had nothing stored. Whole month: also C
    (4 stored, none in the file) loses all 4 of August. September (A, 3) is never counted."""
    got = replaced_records(STORED, INCOMING, scope)
    pd.testing.assert_frame_equal(got, pd.DataFrame(expected, columns=COLUMNS))


def test_nothing_stored_replaces_nothing_and_an_unknown_scope_is_refused():
    """An empty store gives no row; a scope other than kelurahan/bulan is an error."""
    assert replaced_records(STORED.head(0), INCOMING, CAKUPAN_BULAN).empty
    with pytest.raises(ValueError, match="cakupan tidak dikenal"):
        replaced_records(STORED, INCOMING, "kota")


@pytest.fixture(scope="module")
def files(ref):
    """(August: 31 kelurahan × 20 children = 620 records; September: Warakas and Ancol × 10 =
    20; a smaller August: the first 5 Warakas rows of the first file), as CSV bytes."""
    kel = ref.kelurahan
    august = eppgbm_export(
        synthetic_measurements(growth_tables(), kel, set(), 20, [(2025, 8)]), kel
    )
    two = kel.loc[kel["kelurahan"].isin(["Warakas", "Ancol"])]
    september = eppgbm_export(
        synthetic_measurements(growth_tables(), two, set(), 10, [(2025, 9)]), kel
    )
    smaller = august.loc[august["Desa/Kel"] == "WARAKAS"].head(5)
    return tuple(f.to_csv(index=False).encode() for f in (august, september, smaller))


def save(store, ref, content: bytes, name: str, cakupan: str = CAKUPAN_KELURAHAN) -> int:
    plan = measure_uploads.dry_run(ref, content, name, TODAY)
    return measure_uploads.commit(store, ref, plan, "rina", cakupan)


def recomputed(store, kode: str = "OUT01") -> pd.DataFrame:
    values = store.indicator_values()
    return values.loc[
        (values["sumber_data"] == "EPPGBM_HITUNG") & (values["kode_indikator"] == kode)
    ]


def test_smaller_file_replacing_kelurahan_keeps_the_other_kelurahan(ref, files, empty_store):
    """620 + 20 stored; 5 Warakas rows of August replace Warakas' 20 only: 640 - 20 + 5 = 625
    records, and August still has a recomputed value for all 31 kelurahan."""
    august, september, smaller = files
    save(empty_store, ref, august, "agustus.csv")
    save(empty_store, ref, september, "september.csv")
    save(empty_store, ref, smaller, "agustus_kecil.csv")
    assert len(empty_store.measurements()) == 625
    values = recomputed(empty_store)
    assert (values["periode"] == "2025-08").sum() == 31
    assert (values["periode"] == "2025-09").sum() == 2


def test_smaller_file_replacing_the_whole_month_ends_august_of_every_kelurahan(
    ref, files, empty_store
):
    """The same 5 rows saved for the whole month: August keeps only them (5), September's 20
    stay: 25 records; August's recomputed values remain for Warakas only. Rolling the file
    back brings the 620 August records and their 31 values back."""
    august, september, smaller = files
    save(empty_store, ref, august, "agustus.csv")
    save(empty_store, ref, september, "september.csv")
    newer = save(empty_store, ref, smaller, "agustus_kecil.csv", CAKUPAN_BULAN)
    stored = empty_store.measurements()
    assert len(stored) == 25
    in_august = stored.loc[stored["periode"] == "2025-08"]
    assert set(in_august["kode_wilayah"]) == {WARAKAS} and set(in_august["dataset_id"]) == {newer}
    values = recomputed(empty_store)
    assert values.loc[values["periode"] == "2025-08", "kode_wilayah"].tolist() == [WARAKAS]
    assert (values["periode"] == "2025-09").sum() == 2
    empty_store.set_dataset_active(newer, False, "rina")
    assert len(empty_store.measurements()) == 640
    assert (recomputed(empty_store)["periode"] == "2025-08").sum() == 31


def test_a_newer_kelurahan_file_after_a_whole_month_adds_to_it(ref, files, empty_store):
    """After the whole-month file (August: Warakas 5), the full August file saved again per
    kelurahan (a new upload, so a newer dataset) brings every kelurahan back: 620 + 20."""
    august, september, smaller = files
    save(empty_store, ref, september, "september.csv")
    save(empty_store, ref, smaller, "agustus_kecil.csv", CAKUPAN_BULAN)
    save(empty_store, ref, august, "agustus.csv")
    assert len(empty_store.measurements()) == 640
