"""The small view helpers the pages take instead of reshaping frames themselves: the
Pengukuran month view, the Aksi kelurahan table and the rows of a period (the leaving lokus
are ``SituationView.leaving``: tests/test_situation_view.py)."""

from __future__ import annotations

import pandas as pd

from analysis import schema as s
from analysis.attainment import KELURAHAN, of_period
from analysis.measure_view import build_month_view, months
from tests.regions import NJ
from text.tables import aksi_kelurahan_table

AREA = pd.DataFrame(
    {
        s.KODE_KELURAHAN: ["31.72.01.1001", "31.72.01.1002"],
        s.KELURAHAN: ["Warakas", "Papanggo"],
        s.KECAMATAN: ["Tanjung Priok", "Tanjung Priok"],
    }
)


def test_rows_of_a_period():
    """of_period keeps only the rows of the period asked."""
    frame = pd.DataFrame({s.PERIODE: ["2024-Q1", "2024-Q2", "2024-Q1"], "x": [1, 2, 3]})
    assert of_period(frame, "2024-Q1")["x"].tolist() == [1, 3]


def test_aksi_kelurahan_table_names_kelurahan_and_rounds_progress():
    """Codes become names; 66.6 % progress is shown as a whole percent."""
    rows = pd.DataFrame(
        {
            s.NOMOR_AKSI: [5, 5],
            s.KODE_KELURAHAN: ["31.72.01.1002", "31.72.01.1001"],
            "progres_tampil": [66.6, 100.0],
            "status_tampil": ["berjalan", "selesai"],
        }
    )
    table = aksi_kelurahan_table(rows, AREA)
    assert table["Kelurahan"].tolist() == ["Papanggo", "Warakas"]
    assert table["Progres"].tolist() == ["67%", "100%"]


def records_and_scores() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Four children: three in Warakas in 2025-08 (one of them stunted, one flagged
    implausible), one in Papanggo in 2025-07."""
    records = pd.DataFrame(
        {
            s.KODE_WILAYAH: ["31.72.01.1001"] * 3 + ["31.72.01.1002"],
            s.PERIODE: ["2025-08", "2025-08", "2025-08", "2025-07"],
            s.SINTETIS: [False, False, False, True],
            s.TINGGI_CM: [80.5, 82.0, 85.0, 90.0],
            s.BERAT_KG: [10.0, 11.5, 12.0, 13.0],
        }
    )
    z = pd.DataFrame(
        {
            "haz": [-2.5, -1.0, -7.0, 0.0],
            "flag_haz": [False, False, True, False],
            "dinilai": [True, True, True, True],
        }
    )
    flags = pd.DataFrame(index=records.index)
    return records, z, flags


def test_month_view_has_the_coverage_of_measurement(monkeypatch):
    """Warakas: 3 children measured in 2025-08 of a sasaran of 4 = 75% (below 80: rendah), for
    the kelurahan and the area; Papanggo, with neither records that month nor a sasaran, is
    not listed."""
    import analysis.measure_view as mv  # noqa: PLC0415

    monkeypatch.setattr(mv, "prevalence", lambda rec, fl, area, level, minimum, region: rec.assign(
        kode_indikator="STU"))  # fmt: skip
    records, z, flags = records_and_scores()
    sasaran = pd.DataFrame({s.KODE_WILAYAH: ["31.72.01.1001"], "sasaran": [4.0]})
    view = build_month_view(
        records, z, flags, AREA, [], "2025-08", KELURAHAN, 10, sasaran, (80.0, 95.0), NJ
    )
    assert view.cakupan[
        ["kode_wilayah", "diukur", "sasaran", "cakupan_ukur", "pita"]
    ].values.tolist() == [["31.72.01.1001", 3, 4.0, 75.0, "rendah"]]
    whole = view.coverage_whole()
    assert (whole["diukur"], whole["cakupan_ukur"], whole["pita"]) == (3, 75.0, "rendah")


def test_month_view_keeps_the_records_of_the_month_and_area(monkeypatch):
    """2025-08 over both kelurahan: the three Warakas records, not synthetic, the flagged HAZ
    missing, Warakas starred as lokus; the months listed oldest first."""
    import analysis.measure_view as mv  # noqa: PLC0415

    monkeypatch.setattr(mv, "prevalence", lambda rec, fl, area, level, minimum, region: rec.assign(
        kode_indikator="STU", n=len(rec)))  # fmt: skip
    records, z, flags = records_and_scores()
    view = build_month_view(
        records, z, flags, AREA, ["31.72.01.1001"], "2025-08", KELURAHAN, 10, region=NJ
    )
    assert len(view.records) == 3
    assert not view.synthetic
    assert view.plausible_haz.tolist()[:2] == [-2.5, -1.0]
    assert pd.isna(view.plausible_haz.tolist()[2])
    assert view.lokus_names == {"Warakas"}
    assert len(view.of("STU")) == 3
    assert view.whole("XXX") is None
    assert months(records) == ["2025-07", "2025-08"]
    july = build_month_view(records, z, flags, AREA, [], "2025-07", KELURAHAN, 10, region=NJ)
    assert july.synthetic
