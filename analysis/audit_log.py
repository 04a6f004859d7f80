"""Shaping the audit log (``store.audit_store``, which filters and pages it) for the Audit page and
its export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pandas as pd

WIB = timedelta(hours=7)
COLUMNS = {"waktu": "Waktu (WIB)", "oleh": "Oleh", "jenis": "Jenis", "objek": "Objek",
           "rincian": "Rincian"}  # fmt: skip


def export_frame(
    log: pd.DataFrame, time_text: Callable[[pd.Timestamp], str] | None = None
) -> pd.DataFrame:
    """The log as exported: Jakarta time as text (``2026-11-28 11:39:48``, or as ``time_text``
    writes a UTC time, e.g. the page's ``2 Desember 2026 06.40 WIB``), no description as empty
    text, Indonesian headers; rows in the given order."""
    if time_text is None:
        local = log["waktu"].dt.tz_convert("UTC").dt.tz_localize(None) + WIB
        waktu = local.dt.strftime("%Y-%m-%d %H:%M:%S")
    else:
        waktu = log["waktu"].map(time_text)
    shown = log.assign(waktu=waktu, rincian=log["rincian"].fillna(""))
    return shown[list(COLUMNS)].rename(columns=COLUMNS)
