"""Shaping the audit log (``store.audit``, which filters and pages it) for the Audit page and
its export."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

WIB = timedelta(hours=7)
COLUMNS = {"waktu": "Waktu (WIB)", "oleh": "Oleh", "jenis": "Jenis", "objek": "Objek",
           "rincian": "Rincian"}  # fmt: skip


def export_frame(log: pd.DataFrame) -> pd.DataFrame:
    """The log as exported: Jakarta time as text (``2026-11-28 11:39:48``), no description as
    empty text, Indonesian headers; rows in the given order."""
    local = log["waktu"].dt.tz_convert("UTC").dt.tz_localize(None) + WIB
    shown = log.assign(
        waktu=local.dt.strftime("%Y-%m-%d %H:%M:%S"), rincian=log["rincian"].fillna("")
    )
    return shown[list(COLUMNS)].rename(columns=COLUMNS)
