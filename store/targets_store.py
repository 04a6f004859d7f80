"""The region's own targets (``Store`` inherits ``TargetStore``; table ``target_daerah``): per
catalogue indicator at most one (value, target year, source such as "Perbup 12/2024"), used in
place of the catalogue's while it exists (``analysis.reference.with_local_targets``). Setting,
changing and removing one (back to the national target) is logged with before → after."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, delete, insert, select

from analysis import schema as s
from store import audit_store as audit
from store import tables
from store.audit_store import log_event
from store.errors import writes
from store.indicators_store import typed_targets


def _describe(row) -> str:
    """One stored target as the log shows it: "14 (2026, Perbup 12/2024)"."""
    if row is None:
        return "target nasional (katalog)"
    return f"{row.target:g} ({row.tahun_target}, {row.sumber_target})"


class TargetStore:
    engine: Engine

    def local_targets(self) -> pd.DataFrame:
        """The region's targets: ``kode_indikator``, ``target`` (float), ``tahun_target``
        (Int64), ``sumber_target``, ``diubah_pada``, ``diubah_oleh``; one row per indicator."""
        t = tables.target_daerah
        with self.engine.connect() as conn:
            frame = pd.read_sql(select(t).order_by(t.c.kode_indikator), conn)
        return typed_targets(frame)

    @writes
    def set_local_target(  # noqa: PLR0913
        self, kode: str, target: float, tahun_target: int, sumber: str, oleh: str
    ) -> bool:
        """Set (or change) the region's target of indicator ``kode``, checked by the caller;
        logged. False (nothing written) when the same target is stored already."""
        t = tables.target_daerah
        values = {
            s.KODE_INDIKATOR: kode,
            s.TARGET: float(target),
            s.TAHUN_TARGET: int(tahun_target),
            s.SUMBER_TARGET: sumber.strip(),
        }
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            old = conn.execute(select(t).where(t.c.kode_indikator == kode)).one_or_none()
            if old is not None and (old.target, old.tahun_target, old.sumber_target) == (
                values[s.TARGET],
                values[s.TAHUN_TARGET],
                values[s.SUMBER_TARGET],
            ):
                return False
            conn.execute(delete(t).where(t.c.kode_indikator == kode))
            conn.execute(insert(t).values(**values, diubah_pada=now, diubah_oleh=oleh))
            new = conn.execute(select(t).where(t.c.kode_indikator == kode)).one()
            log_event(conn, oleh, audit.TARGET_DAERAH, f"target {kode}",
                      f"{_describe(old)} → {_describe(new)}", now)  # fmt: skip
        return True

    @writes
    def reset_local_target(self, kode: str, oleh: str) -> bool:
        """Drop the region's target of ``kode`` (back to the catalogue's); logged. False when
        there was none."""
        t = tables.target_daerah
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            old = conn.execute(select(t).where(t.c.kode_indikator == kode)).one_or_none()
            if old is None:
                return False
            conn.execute(delete(t).where(t.c.kode_indikator == kode))
            log_event(conn, oleh, audit.TARGET_DAERAH, f"target {kode}",
                      f"{_describe(old)} → {_describe(None)}", now)  # fmt: skip
        return True
