"""Meeting notes of the Presentasi page (``Store`` inherits it): a note per slide of a
(year, period) presentation; every save appends, so no earlier wording is lost."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, insert, select

from store import audit, tables
from store.audit import log_event
from store.errors import writes


class MeetingNotes:
    engine: Engine

    def meeting_notes(self, tahun: int, periode: str) -> dict[str, str]:
        """slide key → the newest note of the presentation (empty notes left out)."""
        return {k: v for k, v in self._newest(tahun, periode).items() if v}

    def _newest(self, tahun: int, periode: str) -> dict[str, str]:
        t = tables.catatan_rapat
        query = (
            select(t.c.slide, t.c.teks)
            .where(t.c.tahun == tahun, t.c.periode == periode)
            .order_by(t.c.id)
        )
        with self.engine.connect() as conn:
            return {row.slide: row.teks for row in conn.execute(query)}

    @writes
    def save_meeting_notes(
        self, tahun: int, periode: str, notes: Mapping[str, str], oleh: str
    ) -> list[str]:
        """Store the notes that changed (text stripped; an emptied note is stored empty) in one
        transaction; returns the slide keys written."""
        before = self._newest(tahun, periode)
        changed = {k: v.strip() for k, v in notes.items() if v.strip() != before.get(k, "")}
        if changed:
            now = datetime.now(UTC)
            rows = [
                {"tahun": tahun, "periode": periode, "slide": k, "teks": v}
                | {"diubah_pada": now, "diubah_oleh": oleh}
                for k, v in changed.items()
            ]
            with self.engine.begin() as conn:
                conn.execute(insert(tables.catatan_rapat), rows)
                for key, text in changed.items():
                    log_event(conn, oleh, audit.CATATAN, f"{periode} slide {key}", text, now)
        return sorted(changed)

    def meeting_note_history(self) -> pd.DataFrame:
        """Every saved note, newest first: ``tahun``, ``periode``, ``slide``, ``teks``,
        ``diubah_pada``, ``diubah_oleh``."""
        t = tables.catatan_rapat
        query = select(t).order_by(t.c.id.desc())
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn).drop(columns="id")
