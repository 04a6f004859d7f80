"""Reporting completeness of indicator data: which kelurahan reported which indicator for
which period, which reported late, and which have not reported at all (the gaps a planner
chases), in the spirit of DHIS2's reporting rate and reporting rate on time.

Rules (all stated here, nowhere else):

* A **report** is a current kelurahan-level value (``nilai`` or ``pembilang`` present) of an
  indicator for a period, from any source a kelurahan reports through: the dashboard's own
  recomputation (``EPPGBM_HITUNG``) and the city-level survey (``SSGI``) are not reports.
  Scorecard counts (Y/T/TS) are a separate table and are not covered.
* An indicator is **expected** of every kelurahan for a period when at least one kelurahan
  reported it for that period: an indicator nobody reported that period is not a gap (the
  office may not collect it at that frequency).
* The **deadline** is the period's last day plus ``deadline_days`` (``DASBOR_BATAS_LAPOR_HARI``);
  a report is **late** when the dataset holding the value was uploaded (date in Jakarta time)
  after the deadline. The current value is the newest active dataset's, so a correction
  uploaded after the deadline makes the report late. Datasets with no upload time of their own
  (the synthetic demo data, ``jenis`` = ``contoh``) are never late.
* Completeness % = Σ reported ÷ Σ expected cells (late reports count as reported); on time % =
  Σ reported on time ÷ Σ expected. A kelurahan **melapor lengkap** for a period when it
  reported every expected indicator.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from analysis import schema as s
from analysis.periods import period_end_date, sort_periods

TEPAT_WAKTU = "tepat waktu"
TERLAMBAT = "terlambat"
BELUM = "belum melapor"
STATUS = "status"
DIUNGGAH = "diunggah"
BATAS = "batas_lapor"
DIHARAPKAN = "diharapkan"
MELAPOR = "melapor"
PERSEN_LENGKAP = "persen_lengkap"
PERSEN_TEPAT = "persen_tepat_waktu"

NOT_REPORTS = (s.SUMBER_HITUNG_ULANG, s.SUMBER_SURVEI)
JENIS_CONTOH = "contoh"
TIMEZONE = "Asia/Jakarta"


def upload_times(datasets: pd.DataFrame) -> pd.DataFrame:
    """``dataset_id`` and ``diunggah`` (the upload date in Jakarta) of each dataset, from the
    store's dataset list (columns ``id``, ``jenis``, ``dibuat_pada``); ``NaT`` for datasets
    without an upload of their own (``jenis`` = ``contoh``)."""
    when = pd.to_datetime(datasets["dibuat_pada"], utc=True).dt.tz_convert(TIMEZONE)
    dates = pd.to_datetime(when.dt.date).where(datasets["jenis"] != JENIS_CONTOH)
    return pd.DataFrame(
        {s.DATASET_ID: datasets["id"].astype(int).to_numpy(), DIUNGGAH: dates.to_numpy()}
    )


def reporting_matrix(
    values: pd.DataFrame,
    uploads: pd.DataFrame,
    kelurahan: pd.DataFrame,
    deadline_days: int,
) -> pd.DataFrame:
    """Kelurahan × indicator × period status of every expected report.

    ``values``: current indicator values with ``dataset_id`` (``VALUE_COLUMNS``); ``uploads``:
    ``upload_times`` of the datasets; ``kelurahan``: the reference list (``kode_kelurahan``,
    ``kelurahan``, ``kecamatan``). Returns one row per kelurahan and expected indicator ×
    period with ``status`` (``tepat waktu``, ``terlambat``, ``belum melapor``), ``diunggah``
    (the upload date, ``NaT`` if unknown or missing) and ``batas_lapor`` (the deadline).
    """
    kel = kelurahan[[s.KODE_KELURAHAN, s.KELURAHAN, s.KECAMATAN]]
    present = values[s.NILAI].notna() | values[s.PEMBILANG].notna()
    rows = values.loc[
        present
        & values[s.KODE_WILAYAH].isin(kel[s.KODE_KELURAHAN])
        & ~values[s.SUMBER_DATA].isin(NOT_REPORTS),
        [s.KODE_WILAYAH, s.KODE_INDIKATOR, s.PERIODE, s.DATASET_ID],
    ].merge(uploads, on=s.DATASET_ID, how="left")
    key = [s.KODE_WILAYAH, s.KODE_INDIKATOR, s.PERIODE]
    # Of several sources' values the earliest known upload counts, and a report with any value
    # of unknown upload time (the demo data) is never late.
    reported = (
        rows.assign(_unknown=rows[DIUNGGAH].isna())
        .groupby(key, as_index=False)
        .agg(**{DIUNGGAH: (DIUNGGAH, "min"), "_unknown": ("_unknown", "max")})
    )
    expected = reported[[s.KODE_INDIKATOR, s.PERIODE]].drop_duplicates()
    grid = expected.merge(kel, how="cross").rename(columns={s.KODE_KELURAHAN: s.KODE_WILAYAH})
    out = grid.merge(reported, on=key, how="left")
    deadlines = {
        p: pd.Timestamp(period_end_date(p) + timedelta(days=deadline_days))
        for p in out[s.PERIODE].unique()
    }
    out[BATAS] = out[s.PERIODE].map(deadlines)
    was_reported = out["_unknown"].notna()
    late = was_reported & ~out["_unknown"].fillna(False).astype(bool) & (out[DIUNGGAH] > out[BATAS])
    out[STATUS] = BELUM
    out.loc[was_reported, STATUS] = TEPAT_WAKTU
    out.loc[late, STATUS] = TERLAMBAT
    order = {p: i for i, p in enumerate(sort_periods(set(out[s.PERIODE])))}
    out = out.rename(columns={s.KODE_WILAYAH: s.KODE_KELURAHAN}).drop(columns="_unknown")
    out = out.sort_values(
        [s.PERIODE, s.KECAMATAN, s.KELURAHAN, s.KODE_INDIKATOR],
        key=lambda c: c.map(order) if c.name == s.PERIODE else c,
    )
    columns = [s.KODE_KELURAHAN, s.KELURAHAN, s.KECAMATAN, s.KODE_INDIKATOR, s.PERIODE,
               STATUS, DIUNGGAH, BATAS]  # fmt: skip
    return out[columns].reset_index(drop=True)


def completeness_by(matrix: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per ``by`` (e.g. ``kecamatan`` or ``kode_indikator``) of a matrix (one period, or
    several): expected, reported (late included), late, missing cells, completeness % and on
    time % (Σ ÷ Σ of the cells, not a mean of percentages)."""
    counts = (
        matrix.assign(
            **{
                DIHARAPKAN: 1,
                MELAPOR: (matrix[STATUS] != BELUM).astype(int),
                TERLAMBAT: (matrix[STATUS] == TERLAMBAT).astype(int),
                BELUM: (matrix[STATUS] == BELUM).astype(int),
            }
        )
        .groupby(by, as_index=False)[[DIHARAPKAN, MELAPOR, TERLAMBAT, BELUM]]
        .sum()
    )
    return counts.assign(
        **{
            PERSEN_LENGKAP: counts[MELAPOR] / counts[DIHARAPKAN] * 100,
            PERSEN_TEPAT: (counts[MELAPOR] - counts[TERLAMBAT]) / counts[DIHARAPKAN] * 100,
        }
    )


def incomplete(summary: pd.DataFrame) -> pd.DataFrame:
    """The rows of a ``completeness_by`` summary with a missing or late report, least on time
    first (ties in their order)."""
    rows = summary.loc[(summary[BELUM] > 0) | (summary[TERLAMBAT] > 0)]
    return rows.sort_values(PERSEN_TEPAT, kind="stable").reset_index(drop=True)


def gaps(matrix: pd.DataFrame) -> pd.DataFrame:
    """The reports to chase: every missing or late cell, in the matrix's order."""
    return matrix.loc[matrix[STATUS] != TEPAT_WAKTU].reset_index(drop=True)


def kelurahan_reporting(matrix: pd.DataFrame, periode: str, n_kelurahan: int) -> tuple[int, int]:
    """(kelurahan that reported every expected indicator of ``periode``, ``n_kelurahan``) —
    "kelurahan melapor 27/31". With nothing expected that period, (0, ``n_kelurahan``)."""
    one = matrix.loc[matrix[s.PERIODE] == periode]
    if one.empty:
        return 0, n_kelurahan
    # Vectorised (one comparison, one grouped ``all``): 852 desa cost no more than 31.
    complete = one[STATUS].ne(BELUM).groupby(one[s.KODE_KELURAHAN].to_numpy()).all()
    return int(complete.sum()), n_kelurahan


def status_grid(matrix: pd.DataFrame, periode: str) -> pd.DataFrame:
    """One period as kelurahan rows × indicator columns of statuses (``kelurahan``,
    ``kecamatan`` first), for the matrix view; the indicators with most missing or late
    reports first (then by code), so that the gaps are on screen without scrolling sideways."""
    one = matrix.loc[matrix[s.PERIODE] == periode]
    grid = one.pivot_table(
        index=[s.KECAMATAN, s.KELURAHAN], columns=s.KODE_INDIKATOR, values=STATUS, aggfunc="first"
    )
    grid.columns.name = None
    short = (grid != TEPAT_WAKTU).sum()
    codes = sorted(grid.columns, key=lambda c: (-int(short[c]), c))
    return grid.reset_index()[[s.KELURAHAN, s.KECAMATAN, *codes]]


def most_gaps_first(grid: pd.DataFrame) -> pd.DataFrame:
    """A ``status_grid``'s rows with the most late or missing reports first (ties keep their
    order): the desa/kelurahan to chase on top of a long grid."""
    cells = grid.drop(columns=[s.KELURAHAN, s.KECAMATAN])
    short = cells.isin([TERLAMBAT, BELUM]).sum(axis=1).to_numpy()
    return grid.iloc[(-short).argsort(kind="stable")].reset_index(drop=True)


def reported_periods(matrix: pd.DataFrame) -> list[str]:
    """The periods of the matrix, oldest first."""
    return sort_periods(set(matrix[s.PERIODE]))
