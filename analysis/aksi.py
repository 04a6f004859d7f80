"""Progress of the aksi konvergensi: which stage a year has reached.

Required columns of a progress frame: ``kerangka``, ``tahun``, ``nomor_aksi``, ``nomor_tahapan``
(missing for the aksi-level row), ``kode_kelurahan`` (missing for city-level rows), ``status``.
Required columns of a framework frame: ``kerangka``, ``nama_kerangka``, ``nomor_aksi``, ``aksi``;
optional ``jenis`` (``utama``/``pendukung``) and, in progress, ``realisasi_selesai``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.edits import field_changes
from analysis.text_clean import clean_fields

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


def current_stage(
    progress: pd.DataFrame, frameworks: pd.DataFrame, tahun: int, as_of: date | None = None
) -> Stage | None:
    """The stage reached in ``tahun``, or None when the year has no progress rows.

    An aksi counts as finished when its status is ``selesai`` (given ``as_of``: its status on
    that day, ``derived_status``) or ``tidak berlaku``; an aksi of the framework
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
    shown = rows[s.STATUS] if as_of is None else derived_status(rows, as_of)
    finished = dict(zip(rows[s.NOMOR_AKSI].astype(int), shown.isin(DONE_STATUSES), strict=True))
    done = [bool(finished.get(int(n), False)) for n in steps[s.NOMOR_AKSI]]
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


EDITABLE = [
    "rencana_mulai",
    "rencana_selesai",
    "realisasi_mulai",
    "realisasi_selesai",
    s.STATUS,
    s.PROGRES,
    "opd",
    "dokumen_keluaran",
    "bukti",
    "catatan",
]
# Free text among them: one-line fields and the note (line breaks kept, NIK-shaped numbers
# masked), cleaned the same way from the editor and from a file.
TEXT_FIELDS = ["opd", "dokumen_keluaran", "bukti"]
NOTE_FIELDS = ["catatan"]


def clean_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Progress rows with their free text as it may be stored (``analysis.text_clean``)."""
    return clean_fields(rows, TEXT_FIELDS, NOTE_FIELDS)


def _dates(progress: pd.DataFrame, column: str) -> pd.Series:
    """A date column as timestamps (all missing when the frame lacks it)."""
    values = progress[column] if column in progress.columns else None
    return pd.to_datetime(pd.Series(values, index=progress.index, dtype=object), errors="coerce")


def derived_status(progress: pd.DataFrame, as_of: date) -> pd.Series:
    """Each row's status on ``as_of`` (the one date basis of the Aksi page, the slide and the
    exports, ``status_date``):

    - ``tidak berlaku`` stays so;
    - ``selesai`` when recorded finished with an actual end (``realisasi_selesai``) not after
      ``as_of`` (or none recorded);
    - otherwise ``berjalan`` when it had started by ``as_of`` (recorded as started, with an
      actual start not after ``as_of``), else ``belum mulai``;
    - and ``terlambat`` instead of those two when the planned end (``rencana_selesai``) is
      before ``as_of``, or it is recorded ``terlambat`` and had started.
    """
    recorded = progress[s.STATUS]
    day = pd.Timestamp(as_of)
    ended, started = _dates(progress, "realisasi_selesai"), _dates(progress, "realisasi_mulai")
    planned_end = _dates(progress, "rencana_selesai")
    not_applicable = recorded == s.STATUS_TIDAK_BERLAKU
    finished = (recorded == s.STATUS_SELESAI) & (ended.isna() | (ended <= day))
    began = recorded.isin([s.STATUS_BERJALAN, s.STATUS_TERLAMBAT, s.STATUS_SELESAI]) & (
        started.isna() | (started <= day)
    )
    overdue = planned_end.notna() & (planned_end < day)
    late = ~not_applicable & ~finished & (overdue | (began & (recorded == s.STATUS_TERLAMBAT)))
    return pd.Series(
        np.select(
            [not_applicable, finished, late, began],
            [s.STATUS_TIDAK_BERLAKU, s.STATUS_SELESAI, s.STATUS_TERLAMBAT, s.STATUS_BERJALAN],
            s.STATUS_BELUM,
        ),
        index=progress.index,
        dtype=object,
    )


def progress_on(progress: pd.DataFrame, status: pd.Series) -> pd.Series:
    """The progress (%) to show beside ``status`` (``derived_status``): 100 when finished, 0
    when not started, the recorded progress otherwise, and missing when the aksi is recorded
    finished but was still running on that day (its progress then was not recorded)."""
    recorded = progress[s.PROGRES].astype(float)
    unknown = (progress[s.STATUS] == s.STATUS_SELESAI) & (status != s.STATUS_SELESAI)
    unknown &= status != s.STATUS_BELUM
    out = recorded.where(~unknown, np.nan)
    out = out.where(status != s.STATUS_SELESAI, 100.0)
    return out.where(status != s.STATUS_BELUM, 0.0)


def status_date(tahun: int, today: date, period_end: date | None = None) -> date:
    """The date statuses are judged at: the end of the chosen period (31 December of ``tahun``
    when the period is the year), or ``today`` while that end has not come."""
    return min(period_end or date(tahun, 12, 31), today)


def check_rows(rows: pd.DataFrame) -> list[str]:
    """Every problem of edited progress rows, as sentences naming the aksi/tahapan: dates in
    order, progress 0–100, status consistent with progress, a known status."""
    problems = []
    for _, r in rows.iterrows():
        where = row_label(r)
        for start, end, label in (
            ("rencana_mulai", "rencana_selesai", "rencana"),
            ("realisasi_mulai", "realisasi_selesai", "realisasi"),
        ):
            a, b = pd.to_datetime(r[start]), pd.to_datetime(r[end])
            if not pd.isna(a) and not pd.isna(b) and b < a:
                problems.append(f"{where}: tanggal selesai {label} sebelum tanggal mulai.")
        pct, status = r[s.PROGRES], r[s.STATUS]
        if pd.isna(pct) or not 0 <= float(pct) <= 100:
            problems.append(f"{where}: progres harus 0–100.")
            continue
        if status not in s.STATUS_VALUES:
            problems.append(f"{where}: status '{status}' tidak dikenal.")
        elif status == s.STATUS_SELESAI and float(pct) != 100:
            problems.append(f"{where}: status selesai harus berprogres 100%.")
        elif status == s.STATUS_BELUM and float(pct) != 0:
            problems.append(f"{where}: status belum mulai harus berprogres 0%.")
        elif status in (s.STATUS_BERJALAN, s.STATUS_TERLAMBAT) and float(pct) == 100:
            problems.append(f"{where}: progres 100% berarti selesai; ubah statusnya.")
        if (
            status == s.STATUS_SELESAI
            and pd.isna(r["realisasi_selesai"])
            and pd.isna(r[s.NOMOR_TAHAPAN])
            and pd.isna(r.get(s.KODE_KELURAHAN))
        ):
            problems.append(f"{where}: isi tanggal realisasi selesai untuk aksi yang selesai.")
    return problems


def row_label(r: pd.Series) -> str:
    """ "Aksi 5 tahapan 2 (32.73.02.1001)": a progress row as planners name it."""
    text = f"Aksi {int(r[s.NOMOR_AKSI])}"
    if not pd.isna(r[s.NOMOR_TAHAPAN]):
        text += f" tahapan {int(r[s.NOMOR_TAHAPAN])}"
    if not pd.isna(r.get(s.KODE_KELURAHAN)):
        text += f" ({r[s.KODE_KELURAHAN]})"
    return text


def changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Field-by-field differences of the editable fields (``analysis.edits.field_changes``)."""
    return field_changes(before, after, EDITABLE)


def year_template(
    frameworks: pd.DataFrame, tahapan: pd.DataFrame, kerangka: str, tahun: int, lokus: set[str]
) -> pd.DataFrame:
    """Progress rows of a new year from the framework: one per aksi, one per tahapan, and one
    per lokus for kelurahan-level aksi; planned dates from the tahapan months; all not started."""
    rows = []
    for _, aksi in frameworks.loc[frameworks[s.KERANGKA] == kerangka].iterrows():
        no = int(aksi[s.NOMOR_AKSI])
        steps = tahapan.loc[(tahapan[s.KERANGKA] == kerangka) & (tahapan[s.NOMOR_AKSI] == no)]
        if steps.empty:
            continue
        start = date(tahun, int(steps["bulan_mulai"].min()), 1)
        end = month_end(tahun, int(steps["bulan_selesai"].max()))
        base = {s.KERANGKA: kerangka, s.TAHUN: tahun, s.NOMOR_AKSI: no, s.STATUS: s.STATUS_BELUM}
        base |= {s.PROGRES: 0.0}
        rows.append(base | {"rencana_mulai": start, "rencana_selesai": end,
                            "dokumen_keluaran": aksi.get("keluaran") or None})  # fmt: skip
        for _, step in steps.iterrows():
            rows.append(
                base
                | {
                    s.NOMOR_TAHAPAN: int(step[s.NOMOR_TAHAPAN]),
                    "rencana_mulai": date(tahun, int(step["bulan_mulai"]), 1),
                    "rencana_selesai": month_end(tahun, int(step["bulan_selesai"])),
                }
            )
        if aksi.get("tingkat") == "kelurahan":
            rows += [
                base | {s.KODE_KELURAHAN: k, "rencana_mulai": start, "rencana_selesai": end}
                for k in sorted(lokus)
            ]
    out = pd.DataFrame(rows)
    for col in (s.NOMOR_TAHAPAN, s.KODE_KELURAHAN):
        if col not in out.columns:
            out[col] = None
    return out.assign(**{s.NOMOR_TAHAPAN: out[s.NOMOR_TAHAPAN].astype("Int64")})


def month_end(year: int, month: int) -> date:
    return (pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(0)).date()


def aksi_summary(
    progress: pd.DataFrame, frameworks: pd.DataFrame, tahun: int, as_of: date
) -> pd.DataFrame:
    """The aksi-level rows of ``tahun`` with the framework's names (``aksi``, ``jenis``),
    ``status_tampil`` (``derived_status`` on ``as_of``) and ``progres_tampil``
    (``progress_on``), in aksi order."""
    rows = aksi_level(progress)
    rows = rows.loc[rows[s.TAHUN] == tahun]
    names = frameworks[[s.KERANGKA, s.NOMOR_AKSI, s.AKSI, "jenis"]]
    out = rows.merge(names, on=[s.KERANGKA, s.NOMOR_AKSI], how="left")
    status = derived_status(out, as_of)
    out = out.assign(status_tampil=status.to_numpy(), progres_tampil=progress_on(out, status))
    return out.sort_values(s.NOMOR_AKSI).reset_index(drop=True)


@dataclass(frozen=True)
class AksiStatus:
    """Everything shown of a year's aksi on one date (``as_of``): the Aksi page, the slide and
    the exports all read this, so their headline, chart and table agree."""

    tahun: int
    as_of: date
    rows: pd.DataFrame  # aksi_summary
    stage: Stage | None
    stage_error: str | None
    n_late_main: int  # utama (the stages) terlambat on as_of
    n_late_support: int  # pendukung terlambat on as_of


def aksi_status(
    progress: pd.DataFrame, frameworks: pd.DataFrame, tahun: int, as_of: date
) -> AksiStatus:
    """The year's aksi on ``as_of`` (see ``status_date``): rows, stage and late counts."""
    rows = aksi_summary(progress, frameworks, tahun, as_of)
    stage, error = None, None
    try:
        stage = current_stage(progress, frameworks, tahun, as_of=as_of)
    except ValueError as err:
        error = str(err)
    late = rows["status_tampil"] == s.STATUS_TERLAMBAT
    support = rows["jenis"] == "pendukung"
    return AksiStatus(
        tahun=tahun,
        as_of=as_of,
        rows=rows,
        stage=stage,
        stage_error=error,
        n_late_main=int((late & ~support).sum()),
        n_late_support=int((late & support).sum()),
    )


def aksi_year_choices(years: pd.DataFrame) -> list[int]:
    """The years of ``years`` (a ``tahun`` column: the years with aksi rows), newest first."""
    return sorted(years[s.TAHUN].astype(int), reverse=True)


def comparable_years(progress: pd.DataFrame, tahun: int) -> tuple[list[int], list[int]]:
    """The years whose aksi use the same framework as ``tahun`` (``tahun`` among them) and the
    others, both ascending: "Aksi 2" of the 8-aksi framework and of the 2025 scheme are
    different actions, so only the former are compared aksi by aksi."""
    rows = aksi_level(progress)
    used = rows.groupby(s.TAHUN)[s.KERANGKA].agg(lambda k: frozenset(k.dropna()))
    mine = used.get(tahun, frozenset())
    same = sorted(int(y) for y, k in used.items() if k == mine)
    return same, sorted(int(y) for y in used.index if int(y) not in same)


def years_compared(
    progress: pd.DataFrame, kerangka: pd.DataFrame, years: list[int], today: date
) -> pd.DataFrame:
    """The aksi rows of every year in ``years`` (see ``comparable_years``), each judged at its
    own ``status_date``, one frame for the year comparison chart."""
    return pd.concat(
        [aksi_status(progress, kerangka, y, status_date(y, today)).rows for y in years]
    )


def kelurahan_rows(progress: pd.DataFrame, tahun: int, as_of: date) -> pd.DataFrame:
    """The per-kelurahan rows of ``tahun`` (kelurahan-level aksi), with ``status_tampil`` and
    ``progres_tampil`` on ``as_of``."""
    rows = progress.loc[(progress[s.TAHUN] == tahun) & progress[s.KODE_KELURAHAN].notna()]
    rows = rows.loc[rows[s.NOMOR_TAHAPAN].isna()]
    status = derived_status(rows, as_of)
    return rows.assign(status_tampil=status, progres_tampil=progress_on(rows, status)).sort_values(
        [s.NOMOR_AKSI, s.KODE_KELURAHAN]
    )
