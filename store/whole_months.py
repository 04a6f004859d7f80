"""The whole-month rule: a measurement file saved to replace whole months
(``analysis.measure_replace.CAKUPAN_BULAN``) ends, for those months, the records of older
datasets and the prevalence recomputed from them — also for kelurahan it does not hold."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select

from analysis import schema as s
from analysis.measure_replace import CAKUPAN_BULAN
from store import tables


def whole_months(conn) -> pd.Series:
    """Per month, the newest active dataset saved to replace that whole month (indexed by
    ``periode``; empty when no file replaced a whole month)."""
    p, b, d = tables.pengukuran, tables.pengukuran_berkas, tables.dataset
    query = (
        select(p.c.periode, func.max(b.c.dataset_id).label(s.DATASET_ID))
        .join(b, b.c.id == p.c.berkas_id)
        .join(d, d.c.id == b.c.dataset_id)
        .where((d.c.status == "aktif") & (b.c.cakupan == CAKUPAN_BULAN))
        .group_by(p.c.periode)
    )
    rows = conn.execute(query).all()
    return pd.Series({r.periode: int(r.dataset_id) for r in rows}, dtype="int64")


def ended_by_whole_months(frame: pd.DataFrame, whole: pd.Series) -> pd.Series:
    """Rows (with ``periode`` and ``dataset_id``) of a month that a newer dataset replaced
    whole (``whole``: the newest such dataset per month, from ``whole_months``)."""
    cut = frame[s.PERIODE].map(whole).fillna(0)
    return frame[s.DATASET_ID] < cut
