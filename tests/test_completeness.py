"""Reporting completeness (analysis/completeness.py): a small matrix counted by hand, with a
late and a missing report, the deadline in Jakarta time, and the per-area summaries."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import schema as s
from analysis.completeness import (
    BELUM,
    TEPAT_WAKTU,
    TERLAMBAT,
    completeness_by,
    gaps,
    incomplete,
    kelurahan_reporting,
    reporting_matrix,
    status_grid,
    upload_times,
)
from tests.regions import NJ

KEL = pd.DataFrame(
    {
        s.KODE_KELURAHAN: ["K1", "K2", "K3"],
        s.KELURAHAN: ["Ancol", "Bahari", "Cilincing"],
        s.KECAMATAN: ["Pademangan", "Pademangan", "Cilincing"],
    }
)
# Dataset 1 uploaded 5 April (on time for 2024-Q1: deadline 31 March + 10 days = 10 April),
# dataset 2 on 20 April (late for Q1, on time for Q2), dataset 3 the synthetic demo data.
DATASETS = pd.DataFrame(
    {
        "id": [1, 2, 3],
        "jenis": ["unggahan", "unggahan", "contoh"],
        "dibuat_pada": pd.to_datetime(
            ["2024-04-05 02:00", "2024-04-20 02:00", "2026-01-01 02:00"], utc=True
        ),
    }
)


def _value(kel: str, ind: str, periode: str, dataset: int, source: str = "LAPRUT") -> dict:
    return {
        s.DATASET_ID: dataset,
        s.KODE_WILAYAH: kel,
        s.KODE_INDIKATOR: ind,
        s.PERIODE: periode,
        s.SUMBER_DATA: source,
        s.PEMBILANG: 5.0,
        s.PENYEBUT: 10.0,
        s.NILAI: 50.0,
    }


VALUES = pd.DataFrame(
    [
        _value("K1", "SPE01", "2024-Q1", 1),
        _value("K2", "SPE01", "2024-Q1", 2),  # late
        _value("K3", "SPE01", "2024-Q1", 1),
        _value("K1", "SPE02", "2024-Q1", 1),
        # K2 has no SPE02 for Q1: missing
        _value("K3", "SPE02", "2024-Q1", 3),  # demo data: no upload time, never late
        _value("K1", "OUT01", "2024-Q1", 1, s.SUMBER_HITUNG_ULANG),  # not a report
        _value(NJ.kode, "OUT01", "2024", 1, s.SUMBER_SURVEI),  # city survey: not a report
        _value("K1", "SPE01", "2024-Q2", 2),  # on time for Q2 (deadline 10 July)
    ]
)


@pytest.fixture
def matrix() -> pd.DataFrame:
    return reporting_matrix(VALUES, upload_times(DATASETS), KEL, deadline_days=10)


def test_matrix_has_a_late_and_a_missing_report(matrix):
    """Q1 expects SPE01 and SPE02 of all 3 kelurahan (6 cells): K2's SPE01 is late, K2's SPE02
    missing, the rest on time; OUT01 (recomputed only) and the SSGI city value expect nothing."""
    q1 = matrix.loc[matrix[s.PERIODE] == "2024-Q1"]
    got = q1.set_index([s.KODE_KELURAHAN, s.KODE_INDIKATOR])["status"].to_dict()
    assert got == {
        ("K1", "SPE01"): TEPAT_WAKTU,
        ("K1", "SPE02"): TEPAT_WAKTU,
        ("K2", "SPE01"): TERLAMBAT,
        ("K2", "SPE02"): BELUM,
        ("K3", "SPE01"): TEPAT_WAKTU,
        ("K3", "SPE02"): TEPAT_WAKTU,
    }
    assert (q1["batas_lapor"] == pd.Timestamp("2024-04-10")).all()
    # Q2 expects only SPE01 (the one indicator anybody reported): K1 on time, K2 and K3 missing.
    q2 = matrix.loc[matrix[s.PERIODE] == "2024-Q2"]
    assert list(q2[s.KODE_KELURAHAN]) == ["K3", "K1", "K2"]  # Cilincing before Pademangan
    assert list(q2["status"]) == [BELUM, TEPAT_WAKTU, BELUM]


def test_deadline_day_counts_in_jakarta_time():
    """Uploaded 10 April 16:00 UTC = 23:00 WIB, the deadline day: on time; 17:30 UTC = 00:30 WIB
    on 11 April: late."""
    values = pd.DataFrame(
        [_value("K1", "SPE01", "2024-Q1", 1), _value("K2", "SPE01", "2024-Q1", 2)]
    )
    datasets = DATASETS.iloc[:2].assign(
        dibuat_pada=pd.to_datetime(["2024-04-10 16:00", "2024-04-10 17:30"], utc=True)
    )
    m = reporting_matrix(values, upload_times(datasets), KEL, deadline_days=10)
    got = m.set_index(s.KODE_KELURAHAN)["status"].to_dict()
    assert got == {"K1": TEPAT_WAKTU, "K2": TERLAMBAT, "K3": BELUM}


def test_completeness_per_kecamatan_and_indicator(matrix):
    """Q1 per kecamatan: Pademangan 4 expected, 3 reported (1 late), 1 missing → 3/4 = 75%,
    on time 2/4 = 50%; Cilincing 2 of 2 → 100%, 100%. Per indicator: SPE01 3/3 = 100%, on time
    2/3 = 66.67%; SPE02 2/3 = 66.67% and on time 2/3."""
    q1 = matrix.loc[matrix[s.PERIODE] == "2024-Q1"]
    kec = completeness_by(q1, s.KECAMATAN).set_index(s.KECAMATAN)
    assert kec.loc["Pademangan", ["diharapkan", "melapor", "terlambat", "belum melapor"]].tolist() == [4, 3, 1, 1]  # fmt: skip
    assert kec.loc["Pademangan", "persen_lengkap"] == pytest.approx(75.0)
    assert kec.loc["Pademangan", "persen_tepat_waktu"] == pytest.approx(50.0)
    assert kec.loc["Cilincing", ["persen_lengkap", "persen_tepat_waktu"]].tolist() == [100.0, 100.0]
    ind = completeness_by(q1, s.KODE_INDIKATOR).set_index(s.KODE_INDIKATOR)
    assert ind.loc["SPE01", "persen_lengkap"] == pytest.approx(100.0)
    assert ind.loc["SPE01", "persen_tepat_waktu"] == pytest.approx(200 / 3)
    assert ind.loc["SPE02", "persen_lengkap"] == pytest.approx(200 / 3)
    assert ind.loc["SPE02", "persen_tepat_waktu"] == pytest.approx(200 / 3)


def test_incomplete_lists_the_indicators_with_a_gap_least_on_time_first(matrix):
    """Over both quarters: SPE01 is expected 3 + 3 = 6 times, on time 3 (K1 and K3 in Q1, K1
    in Q2) → 50%; SPE02 3 times, on time 2 → 66.7%: SPE01 first. K3's two Q1 reports have
    no gap."""
    rows = incomplete(completeness_by(matrix, s.KODE_INDIKATOR))
    assert list(rows[s.KODE_INDIKATOR]) == ["SPE01", "SPE02"]
    assert rows["diharapkan"].tolist() == [6, 3]
    assert rows["persen_tepat_waktu"].tolist() == pytest.approx([50.0, 200 / 3])
    q1_cilincing = completeness_by(
        matrix.loc[matrix[s.KODE_KELURAHAN] == "K3"].iloc[:2], s.KECAMATAN
    )
    assert incomplete(q1_cilincing).empty


def test_kelurahan_reporting_counts_complete_kelurahan(matrix):
    """Q1: K1 and K3 reported both indicators (K2's late SPE01 counts, its SPE02 is missing)
    → 2 of 3; Q2: only K1 → 1 of 3; a period with nothing expected → 0 of 3."""
    assert kelurahan_reporting(matrix, "2024-Q1", 3) == (2, 3)
    assert kelurahan_reporting(matrix, "2024-Q2", 3) == (1, 3)
    assert kelurahan_reporting(matrix, "2023-Q4", 3) == (0, 3)


def test_gap_list_and_grid(matrix):
    """The gap list holds the late and the missing cells of Q1 and the two missing of Q2; the
    grid of Q1 is kelurahan × indicator."""
    g = gaps(matrix)
    assert list(
        zip(g[s.PERIODE], g[s.KODE_KELURAHAN], g[s.KODE_INDIKATOR], g["status"], strict=True)
    ) == [  # fmt: skip
        ("2024-Q1", "K2", "SPE01", TERLAMBAT),
        ("2024-Q1", "K2", "SPE02", BELUM),
        ("2024-Q2", "K3", "SPE01", BELUM),
        ("2024-Q2", "K2", "SPE01", BELUM),
    ]
    grid = status_grid(matrix, "2024-Q1")
    assert list(grid.columns) == [s.KELURAHAN, s.KECAMATAN, "SPE01", "SPE02"]  # one gap each
    assert grid.set_index(s.KELURAHAN).loc["Bahari", "SPE02"] == BELUM
    # the indicator with more gaps comes first: drop K1's SPE02 too → SPE02 has 2 gaps
    fewer = matrix.loc[
        ~((matrix[s.KODE_KELURAHAN] == "K1") & (matrix[s.KODE_INDIKATOR] == "SPE02"))
    ]
    fewer = pd.concat(
        [
            fewer,
            matrix.loc[
                (matrix[s.KODE_KELURAHAN] == "K1") & (matrix[s.KODE_INDIKATOR] == "SPE02")
            ].assign(status=BELUM),
        ]
    )
    assert list(status_grid(fewer, "2024-Q1").columns[2:]) == ["SPE02", "SPE01"]


def test_demo_datasets_have_no_upload_time():
    """Only uploaded datasets carry an upload date (Jakarta): the demo data's is unknown."""
    times = upload_times(DATASETS)
    assert times["diunggah"].tolist()[:2] == [
        pd.Timestamp("2024-04-05"),
        pd.Timestamp("2024-04-20"),
    ]
    assert pd.isna(times["diunggah"].iloc[2])


def test_workbook_summary_holds_numeric_percentages(matrix):
    """The XLSX summary: "Kelengkapan (%)" and "Tepat waktu (%)" are numbers a spreadsheet can
    sum (SPE01 100 and 2/3 = 66,7; SPE02 2/3 = 66,7 twice), the page's table says "66,7%"."""
    import io  # noqa: PLC0415

    from text.completeness_tables import summary_table  # noqa: PLC0415
    from text.files import to_xlsx_bytes  # noqa: PLC0415

    q1 = matrix.loc[matrix[s.PERIODE] == "2024-Q1"]
    by = completeness_by(q1, s.KODE_INDIKATOR)
    shown = summary_table(by, s.KODE_INDIKATOR, {})
    assert shown["Tepat waktu"].tolist() == ["66,7%", "66,7%"]
    book = to_xlsx_bytes({"per_indikator": summary_table(by, s.KODE_INDIKATOR, {}, numeric=True)})
    sheet = pd.read_excel(io.BytesIO(book))
    assert sheet["Kelengkapan (%)"].tolist() == [100.0, 66.7]
    assert sheet["Tepat waktu (%)"].tolist() == [66.7, 66.7]
    assert sheet["Kelengkapan (%)"].sum() == pytest.approx(166.7)
