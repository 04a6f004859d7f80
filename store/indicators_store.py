"""Indicators added in the app (``Store`` inherits ``IndicatorStore``; table
``indikator_pengguna``): catalogue rows checked by the form before they are stored, read back
typed like the reference catalogue."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, insert, select

from analysis import schema as s
from store import audit_store as audit
from store import tables
from store.audit_store import log_event
from store.errors import writes
from store.rows import records


class IndicatorStore:
    engine: Engine

    @writes
    def add_user_indicator(self, row: pd.DataFrame, oleh: str) -> None:
        """Store one catalogue row checked by the form (``user_indicator``)."""
        cols = [c.name for c in tables.indikator_pengguna.columns if c.name in row.columns]
        record = records(row[cols])[0] | {"dibuat_pada": datetime.now(UTC), "dibuat_oleh": oleh}
        with self.engine.begin() as conn:
            conn.execute(insert(tables.indikator_pengguna).values(**record))
            log_event(conn, oleh, audit.INDIKATOR_BARU, f"{record['kode']} {record['nama']}")

    def user_indicators(self) -> pd.DataFrame:
        """Indicators added in the app, typed like the catalogue (target float, year Int64)."""
        t = tables.indikator_pengguna
        with self.engine.connect() as conn:
            frame = pd.read_sql(select(t).order_by(t.c.kode), conn)
        return typed_targets(frame)


def typed_targets(frame: pd.DataFrame) -> pd.DataFrame:
    """Stored target columns typed like the catalogue's: target float, target year Int64."""
    return frame.assign(
        **{
            s.TARGET: frame[s.TARGET].astype(float),
            s.TAHUN_TARGET: frame[s.TAHUN_TARGET].astype("Int64"),
        }
    )
