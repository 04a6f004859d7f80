"""Aksi progress exported to a spreadsheet and imported back with a dry run."""

from __future__ import annotations

import io

import pytest

from analysis.aksi import year_template
from ingest.aksi_file import export_frame, read_aksi_file
from text.files import to_csv_bytes, to_xlsx_bytes


@pytest.fixture()
def stored(ref):
    rows = year_template(ref.kerangka, ref.tahapan, "SKEMA2025", 2026, {"31.72.02.1007"})
    return rows.assign(id=range(1, len(rows) + 1), bukti=None, catatan=None, opd=None,
                       realisasi_mulai=None, realisasi_selesai=None)  # fmt: skip


def test_round_trip_applies_only_what_was_edited(stored):
    """Aksi 1 set running at 40% by Sudin Kesehatan: three fields change, nothing else."""
    sheet = export_frame(stored)
    first = sheet.index[(sheet["Aksi"] == 1) & sheet["Tahapan"].isna()][0]
    sheet.loc[first, ["Status", "Progres (%)", "OPD"]] = ["berjalan", 40, "Sudin Kesehatan"]
    sheet.loc[first, "Realisasi mulai"] = "03/02/2026"
    plan = read_aksi_file(to_xlsx_bytes({"aksi": sheet}), "aksi.xlsx", stored)
    assert plan.problems.empty and plan.can_commit
    assert plan.diff[["kolom", "nilai_lama", "nilai_baru"]].values.tolist() == [
        ["realisasi_mulai", "", "2026-02-03"],
        ["status", "belum mulai", "berjalan"],
        ["progres_persen", "0", "40"],
        ["opd", "", "Sudin Kesehatan"],
    ]


def test_every_problem_is_reported_with_its_row(stored):
    sheet = export_frame(stored).astype(object)
    sheet.loc[0, "Progres (%)"] = "banyak"
    sheet.loc[1, "Realisasi selesai"] = "kemarin"
    sheet.loc[2, "Aksi"] = 99
    sheet.loc[3, ["Status", "Progres (%)"]] = ["selesai", 30]
    plan = read_aksi_file(to_csv_bytes(sheet), "aksi.csv", stored)
    got = plan.problems[["baris", "kolom", "pesan"]].astype({"baris": object}).values.tolist()
    assert [2, "Progres (%)", "Progres (%) tidak terbaca."] in got
    assert [3, "Realisasi selesai", "Realisasi selesai tidak terbaca."] in got
    assert [4, "Aksi, Tahapan, Kelurahan", "Baris ini tidak ada pada progres tahun ini."] in got
    assert any("status selesai harus berprogres 100%" in p for p in plan.problems["pesan"])
    assert not plan.can_commit


def test_missing_key_columns_are_named(stored):
    frame = export_frame(stored).drop(columns=["Tahapan"])
    buffer = io.BytesIO()
    frame.to_csv(buffer, index=False)
    plan = read_aksi_file(buffer.getvalue(), "aksi.csv", stored)
    assert plan.problems[["baris", "kolom"]].values.tolist() == [[1, "Tahapan"]]
    assert not plan.can_commit
