"""Unit tests of analysis.aksi: the stage of the aksi konvergensi a year has reached."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analysis import schema as s
from analysis.aksi import Stage, aksi_level, current_stage

LAMA = "8 Aksi Konvergensi"
BARU = "Skema 2025"
NA = pd.NA


def frameworks() -> pd.DataFrame:
    """A shortened 4-aksi framework listed out of order, and a 3-aksi 2025 scheme."""
    return pd.DataFrame(
        {
            s.KERANGKA: ["8AKSI", "8AKSI", "8AKSI", "8AKSI", "2025", "2025", "2025"],
            "nama_kerangka": [LAMA] * 4 + [BARU] * 3,
            s.NOMOR_AKSI: [3, 1, 4, 2, 1, 2, 3],
            s.AKSI: [
                "Rembuk Stunting",
                "Analisis Situasi",
                "Peraturan Wali Kota",
                "Rencana Kegiatan",
                "Analisis Situasi",
                "Penguatan Perencanaan",
                "Penguatan Pelaksanaan",
            ],
        }
    )


def progress(rows: list[tuple]) -> pd.DataFrame:
    """A progress frame from (kerangka, tahun, nomor_aksi, nomor_tahapan, kode_kelurahan, status)."""
    frame = pd.DataFrame(
        rows,
        columns=[s.KERANGKA, s.TAHUN, s.NOMOR_AKSI, s.NOMOR_TAHAPAN, s.KODE_KELURAHAN, s.STATUS],
    )
    return frame.assign(**{s.NOMOR_TAHAPAN: frame[s.NOMOR_TAHAPAN].astype("Int64")})


def test_stage_is_first_aksi_not_finished():
    """'selesai' and 'tidak berlaku' count as finished; the first other aksi is the stage."""
    rows = progress(
        [
            ("8AKSI", 2024, 1, NA, None, s.STATUS_SELESAI),
            ("8AKSI", 2024, 2, NA, None, s.STATUS_TIDAK_BERLAKU),
            ("8AKSI", 2024, 3, NA, None, s.STATUS_BERJALAN),
            ("8AKSI", 2024, 4, NA, None, s.STATUS_SELESAI),
        ]
    )
    assert current_stage(rows, frameworks(), 2024) == Stage(
        tahun=2024,
        kerangka="8AKSI",
        nama_kerangka=LAMA,
        nomor=3,
        total=4,
        aksi="Rembuk Stunting",
        n_selesai=3,
        semua_selesai=False,
    )


def test_late_aksi_is_not_finished():
    """An aksi marked 'terlambat' is the current stage."""
    rows = progress(
        [
            ("8AKSI", 2024, 1, NA, None, s.STATUS_TERLAMBAT),
            ("8AKSI", 2024, 2, NA, None, s.STATUS_SELESAI),
        ]
    )
    stage = current_stage(rows, frameworks(), 2024)
    assert (stage.nomor, stage.aksi, stage.n_selesai) == (1, "Analisis Situasi", 1)


def test_missing_aksi_rows_count_as_not_started():
    """An aksi of the framework without a row is not started, so it can be the stage."""
    rows = progress(
        [
            ("8AKSI", 2023, 1, NA, None, s.STATUS_SELESAI),
            ("8AKSI", 2023, 3, NA, None, s.STATUS_SELESAI),
        ]
    )
    stage = current_stage(rows, frameworks(), 2023)
    assert (stage.nomor, stage.aksi, stage.n_selesai, stage.total) == (
        2,
        "Rencana Kegiatan",
        2,
        4,
    )
    assert stage.semua_selesai is False


def test_all_finished_gives_last_aksi_and_semua_selesai():
    """When every aksi is finished the stage is the last aksi and semua_selesai is True."""
    rows = progress(
        [
            ("2025", 2025, 3, NA, None, s.STATUS_SELESAI),
            ("2025", 2025, 1, NA, None, s.STATUS_SELESAI),
            ("2025", 2025, 2, NA, None, s.STATUS_TIDAK_BERLAKU),
        ]
    )
    assert current_stage(rows, frameworks(), 2025) == Stage(
        tahun=2025,
        kerangka="2025",
        nama_kerangka=BARU,
        nomor=3,
        total=3,
        aksi="Penguatan Pelaksanaan",
        n_selesai=3,
        semua_selesai=True,
    )


def test_year_without_rows_is_none():
    """A year with no aksi-level rows has no stage."""
    rows = progress([("8AKSI", 2023, 1, NA, None, s.STATUS_SELESAI)])
    assert current_stage(rows, frameworks(), 2024) is None


def test_year_with_only_tahapan_and_kelurahan_rows_is_none():
    """Rows of a tahapan or of a kelurahan alone do not give a year a stage."""
    rows = progress(
        [
            ("8AKSI", 2024, 1, 1, None, s.STATUS_SELESAI),
            ("8AKSI", 2024, 1, NA, "31.72.02.1007", s.STATUS_SELESAI),
        ]
    )
    assert current_stage(rows, frameworks(), 2024) is None


def test_two_frameworks_in_one_year_raise():
    """A year whose aksi rows use two frameworks is an error naming the year."""
    rows = progress(
        [
            ("8AKSI", 2025, 1, NA, None, s.STATUS_SELESAI),
            ("2025", 2025, 1, NA, None, s.STATUS_SELESAI),
        ]
    )
    with pytest.raises(ValueError, match=r"Tahun 2025 memakai lebih dari satu kerangka"):
        current_stage(rows, frameworks(), 2025)


def test_tahapan_and_kelurahan_rows_are_ignored():
    """Only city-level aksi rows decide the stage; tahapan and kelurahan rows do not."""
    rows = progress(
        [
            ("8AKSI", 2024, 1, NA, None, s.STATUS_SELESAI),
            # A tahapan of aksi 1 still running and a kelurahan not started: aksi 1 stays done.
            ("8AKSI", 2024, 1, 2, None, s.STATUS_BERJALAN),
            ("8AKSI", 2024, 1, NA, "31.72.02.1007", s.STATUS_BELUM),
            # A finished tahapan or kelurahan row does not finish aksi 2.
            ("8AKSI", 2024, 2, 1, None, s.STATUS_SELESAI),
            ("8AKSI", 2024, 2, NA, "31.72.01.1001", s.STATUS_SELESAI),
        ]
    )
    stage = current_stage(rows, frameworks(), 2024)
    assert (stage.nomor, stage.n_selesai, stage.semua_selesai) == (2, 1, False)


def test_aksi_level_keeps_only_city_aksi_rows():
    """aksi_level drops rows with a tahapan number or a kelurahan code."""
    rows = progress(
        [
            ("8AKSI", 2024, 1, NA, None, s.STATUS_SELESAI),
            ("8AKSI", 2024, 1, 1, None, s.STATUS_SELESAI),
            ("8AKSI", 2024, 2, NA, "31.72.01.1001", s.STATUS_BERJALAN),
            ("8AKSI", 2024, 2, NA, None, s.STATUS_BERJALAN),
        ]
    )
    pd.testing.assert_frame_equal(aksi_level(rows), rows.iloc[[0, 3]])


def test_framework_missing_from_reference_is_a_clear_error():
    """A year whose framework is not in the reference raises ValueError naming it."""
    rows = progress([("LAIN", 2024, 1, NA, None, s.STATUS_SELESAI)])
    with pytest.raises(ValueError, match="Kerangka 'LAIN' tahun 2024"):
        current_stage(rows, frameworks(), 2024)


def test_stage_as_of_a_date_uses_actual_end_dates():
    """Before an aksi's recorded end date it is not yet finished at that date."""
    rows = progress(
        [
            ("8AKSI", 2022, 1, NA, None, s.STATUS_SELESAI),
            ("8AKSI", 2022, 2, NA, None, s.STATUS_SELESAI),
            ("8AKSI", 2022, 3, NA, None, s.STATUS_TIDAK_BERLAKU),
        ]
    ).assign(realisasi_selesai=[date(2022, 7, 20), None, None])
    assert current_stage(rows, frameworks(), 2022, as_of=date(2022, 3, 31)).nomor == 1
    assert current_stage(rows, frameworks(), 2022, as_of=date(2022, 7, 20)).nomor == 4
    assert current_stage(rows, frameworks(), 2022).nomor == 4


def test_supporting_aksi_are_not_stages():
    """Only 'utama' aksi count as stages: 2 main aksi done and 1 supporting open → all done."""
    rows = progress(
        [
            ("2025", 2025, 1, NA, None, s.STATUS_SELESAI),
            ("2025", 2025, 2, NA, None, s.STATUS_SELESAI),
            ("2025", 2025, 3, NA, None, s.STATUS_BERJALAN),
        ]
    )
    scheme = frameworks().assign(jenis=["utama"] * 4 + ["utama", "utama", "pendukung"])
    stage = current_stage(rows, scheme, 2025)
    assert (stage.nomor, stage.total, stage.semua_selesai) == (2, 2, True)


def progress_rows(*rows):
    """id, nomor_aksi, nomor_tahapan, status, progres, rencana_selesai, realisasi_selesai."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "id", s.NOMOR_AKSI, s.NOMOR_TAHAPAN, s.STATUS, s.PROGRES, "rencana_selesai",
            "realisasi_selesai",
        ],
    )  # fmt: skip
    return frame.assign(
        **{
            s.KODE_KELURAHAN: None,
            "rencana_mulai": date(2025, 1, 1),
            "realisasi_mulai": None,
            "opd": None,
            "dokumen_keluaran": None,
            "bukti": None,
            "catatan": None,
        }
    )


def test_late_is_derived_from_the_planned_end():
    """Running past its planned end is late; finished, not applicable or not yet due is not."""
    from analysis.aksi import derived_status

    rows = progress_rows(
        (1, 1, None, "berjalan", 50.0, date(2025, 3, 31), None),
        (2, 2, None, "selesai", 100.0, date(2025, 3, 31), date(2025, 4, 2)),
        (3, 3, None, "tidak berlaku", 0.0, date(2025, 3, 31), None),
        (4, 4, None, "belum mulai", 0.0, date(2025, 12, 31), None),
        (5, 5, None, "belum mulai", 0.0, date(2025, 5, 31), None),
    )
    assert derived_status(rows, date(2025, 6, 1)).tolist() == [
        "terlambat", "selesai", "tidak berlaku", "belum mulai", "terlambat",
    ]  # fmt: skip


def test_edits_are_checked_all_at_once():
    from analysis.aksi import check_rows

    rows = progress_rows(
        (1, 1, None, "selesai", 90.0, date(2025, 3, 31), date(2025, 3, 1)),
        (2, 2, 1, "belum mulai", 20.0, date(2025, 3, 31), None),
        (3, 3, None, "berjalan", 140.0, date(2025, 3, 31), None),
        (4, 4, None, "berjalan", 100.0, date(2024, 12, 1), None),
        (5, 5, None, "selesai", 100.0, date(2025, 3, 31), None),
    )
    assert check_rows(rows) == [
        "Aksi 1: status selesai harus berprogres 100%.",
        "Aksi 2 tahapan 1: status belum mulai harus berprogres 0%.",
        "Aksi 3: progres harus 0–100.",
        "Aksi 4: tanggal selesai rencana sebelum tanggal mulai.",
        "Aksi 4: progres 100% berarti selesai; ubah statusnya.",
        "Aksi 5: isi tanggal realisasi selesai untuk aksi yang selesai.",
    ]


def test_changes_list_each_edited_field():
    from analysis.aksi import changes

    before = progress_rows((1, 1, None, "berjalan", 50.0, date(2025, 3, 31), None))
    after = before.assign(**{s.STATUS: "selesai", s.PROGRES: 100.0, "catatan": "rapat 3 Juni"})
    after = after.assign(realisasi_selesai=date(2025, 6, 3))
    got = changes(before, after)
    assert got.values.tolist() == [
        [1, "realisasi_selesai", "", "2025-06-03"],
        [1, "status", "berjalan", "selesai"],
        [1, "progres_persen", "50", "100"],
        [1, "catatan", "", "rapat 3 Juni"],
    ]


def test_new_year_from_the_framework(ref):
    """The 2025 scheme for 2026: every aksi and tahapan not started, with planned months."""
    from analysis.aksi import year_template

    rows = year_template(ref.kerangka, ref.tahapan, "SKEMA2025", 2026, {"31.72.02.1007"})
    aksi = rows.loc[rows[s.NOMOR_TAHAPAN].isna() & rows[s.KODE_KELURAHAN].isna()]
    steps = ref.tahapan.loc[ref.tahapan[s.KERANGKA] == "SKEMA2025"]
    assert len(aksi) == steps[s.NOMOR_AKSI].nunique()
    assert (rows[s.STATUS] == "belum mulai").all() and (rows[s.PROGRES] == 0).all()
    assert (pd.to_datetime(rows["rencana_selesai"]).dt.year == 2026).all()
    first = aksi.sort_values(s.NOMOR_AKSI).iloc[0]
    months = steps.loc[steps[s.NOMOR_AKSI] == first[s.NOMOR_AKSI]]
    assert first["rencana_mulai"] == date(2026, int(months["bulan_mulai"].min()), 1)


def test_summary_names_each_aksi_and_marks_late(ref):
    from analysis.aksi import aksi_summary

    progress = pd.DataFrame(
        {
            s.KERANGKA: ["SKEMA2025"] * 2,
            s.TAHUN: [2025, 2025],
            s.NOMOR_AKSI: [2, 1],
            s.NOMOR_TAHAPAN: pd.array([None, None], dtype="Int64"),
            s.KODE_KELURAHAN: [None, None],
            s.STATUS: ["berjalan", "selesai"],
            s.PROGRES: [50.0, 100.0],
            "rencana_selesai": [date(2025, 8, 31), date(2025, 4, 30)],
        }
    )
    got = aksi_summary(progress, ref.kerangka, 2025, date(2025, 9, 15))
    assert got[[s.NOMOR_AKSI, s.AKSI, "status_tampil"]].values.tolist() == [
        [1, "Analisis Situasi", "selesai"],
        [2, "Penguatan Perencanaan", "terlambat"],
    ]


def test_years_are_compared_only_within_one_framework():
    """2023 and 2024 ran the 8 aksi, 2025 the 2025 scheme: comparing from 2024 takes 2023 and
    2024 and names 2025 as another framework; from 2025 only 2025 (kelurahan and tahapan rows
    do not count)."""
    from analysis.aksi import comparable_years  # noqa: PLC0415

    rows = progress(
        [
            ("8AKSI", 2023, 1, None, None, "selesai"),
            ("8AKSI", 2024, 1, None, None, "selesai"),
            ("8AKSI", 2024, 2, 1, None, "selesai"),
            ("2025", 2025, 1, None, None, "berjalan"),
            ("8AKSI", 2025, 1, None, "3172011001", "selesai"),
        ]
    )
    assert comparable_years(rows, 2024) == ([2023, 2024], [2025])
    assert comparable_years(rows, 2025) == ([2025], [2023, 2024])
