"""Filtering and shaping the audit log (``store.audit``) for the Audit page and its export."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

WIB = timedelta(hours=7)
COLUMNS = {"waktu": "Waktu (WIB)", "oleh": "Oleh", "jenis": "Jenis", "objek": "Objek",
           "rincian": "Rincian"}  # fmt: skip


def filter_log(  # noqa: PLR0913
    log: pd.DataFrame,
    jenis: list[str] | None = None,
    oleh: list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    text: str = "",
) -> pd.DataFrame:
    """Rows of ``log`` (columns ``waktu`` UTC-aware, ``oleh``, ``jenis``, ``objek``,
    ``rincian``) of the given kinds and users, on Jakarta dates ``start``..``end`` inclusive,
    whose object or description contains ``text`` (case-insensitive). Empty choices keep all."""
    keep = pd.Series(True, index=log.index)
    if jenis:
        keep &= log["jenis"].isin(jenis)
    if oleh:
        keep &= log["oleh"].isin(oleh)
    local_day = (log["waktu"].dt.tz_convert("UTC").dt.tz_localize(None) + WIB).dt.date
    if start is not None:
        keep &= local_day >= start
    if end is not None:
        keep &= local_day <= end
    if text.strip():
        needle = text.strip().lower()
        haystack = log["objek"].fillna("") + " " + log["rincian"].fillna("")
        keep &= haystack.str.lower().str.contains(needle, regex=False)
    return log.loc[keep]


def export_frame(log: pd.DataFrame) -> pd.DataFrame:
    """The log as exported: Jakarta time as text (``2026-11-28 11:39:48``), no description as
    empty text, Indonesian headers; rows in the given order."""
    local = log["waktu"].dt.tz_convert("UTC").dt.tz_localize(None) + WIB
    shown = log.assign(
        waktu=local.dt.strftime("%Y-%m-%d %H:%M:%S"), rincian=log["rincian"].fillna("")
    )
    return shown[list(COLUMNS)].rename(columns=COLUMNS)
