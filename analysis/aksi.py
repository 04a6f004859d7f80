"""Progress of the aksi konvergensi: which stage a year has reached.

Required columns of a progress frame: ``kerangka``, ``tahun``, ``nomor_aksi``, ``nomor_tahapan``
(missing for the aksi-level row), ``kode_kelurahan`` (missing for city-level rows), ``status``.
Required columns of a framework frame: ``kerangka``, ``nama_kerangka``, ``nomor_aksi``, ``aksi``;
optional ``jenis`` (``utama``/``pendukung``) and, in progress, ``realisasi_selesai``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from analysis import schema as s

DONE_STATUSES = (s.STATUS_SELESAI, s.STATUS_TIDAK_BERLAKU)


@dataclass(frozen=True)
class Stage:
    """The current stage of a year: the first aksi, in order, that is not finished."""

    tahun: int
    kerangka: str
    nama_kerangka: str
    nomor: int
    total: int
    aksi: str
    n_selesai: int
    semua_selesai: bool


def aksi_level(progress: pd.DataFrame) -> pd.DataFrame:
    """Only the city-level rows that describe a whole aksi (no tahapan, no kelurahan)."""
    mask = progress[s.NOMOR_TAHAPAN].isna() & progress[s.KODE_KELURAHAN].isna()
    return progress.loc[mask]


def _finished(row: pd.Series | None, as_of: date | None) -> bool:
    if row is None or row[s.STATUS] not in DONE_STATUSES:
        return False
    if as_of is None or row[s.STATUS] == s.STATUS_TIDAK_BERLAKU:
        return True
    ended = row.get("realisasi_selesai")
    return ended is None or pd.isna(ended) or pd.Timestamp(ended).date() <= as_of


def current_stage(
    progress: pd.DataFrame, frameworks: pd.DataFrame, tahun: int, as_of: date | None = None
) -> Stage | None:
    """The stage reached in ``tahun``, or None when the year has no progress rows.

    An aksi counts as finished when its status is ``selesai`` (and, given ``as_of``, its actual
    end date, if recorded, is not after ``as_of``) or ``tidak berlaku``; an aksi of the framework
    without a row counts as not started. Only the framework's main aksi (``jenis = utama``,
    when the column exists) are stages; supporting aksi run alongside. When every stage is
    finished the stage is the last one and ``semua_selesai`` is True.
    """
    rows = aksi_level(progress)
    rows = rows.loc[rows[s.TAHUN] == tahun]
    if rows.empty:
        return None
    kerangka_used = rows[s.KERANGKA].unique()
    if len(kerangka_used) != 1:
        raise ValueError(f"Tahun {tahun} memakai lebih dari satu kerangka: {sorted(kerangka_used)}")
    kerangka = str(kerangka_used[0])
    steps = frameworks.loc[frameworks[s.KERANGKA] == kerangka].sort_values(s.NOMOR_AKSI)
    if "jenis" in steps.columns:
        steps = steps.loc[steps["jenis"] == "utama"]
    if steps.empty:
        raise ValueError(f"Kerangka '{kerangka}' tahun {tahun} tidak ada di kerangka_aksi.csv.")
    by_aksi = {int(r[s.NOMOR_AKSI]): r for _, r in rows.iterrows()}
    done = [_finished(by_aksi.get(int(n)), as_of) for n in steps[s.NOMOR_AKSI]]
    total = len(steps)
    first_open = next((i for i, d in enumerate(done) if not d), None)
    index = total - 1 if first_open is None else first_open
    step = steps.iloc[index]
    return Stage(
        tahun=tahun,
        kerangka=kerangka,
        nama_kerangka=str(step["nama_kerangka"]),
        nomor=int(step[s.NOMOR_AKSI]),
        total=total,
        aksi=str(step[s.AKSI]),
        n_selesai=sum(done),
        semua_selesai=first_open is None,
    )
