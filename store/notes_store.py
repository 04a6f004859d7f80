"""Meeting notes of the Presentasi page (``Store`` inherits it): a note per slide of a
(year, period) presentation; every save appends, so no earlier wording is lost.

A save may name the note its screen read (``seen``: slide → id of that note, 0 for none). Each
stored row records the note it replaces (``menggantikan``), unique per slide, so of two saves
from screens that read the same note only the first is stored: the other fails with
``store.errors.EditConflict`` — checked in the transaction, and guaranteed by the index when
both run at once."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from store import audit_store as audit
from store import tables
from store.audit_store import log_event
from store.errors import EditConflict, writes


class NoteStore:
    engine: Engine

    def meeting_notes(self, tahun: int, periode: str) -> dict[str, str]:
        """slide key → the newest note of the presentation (empty notes left out)."""
        return {k: v for k, v in self._newest(tahun, periode).items() if v}

    def meeting_note_versions(self, tahun: int, periode: str) -> dict[str, int]:
        """slide key → id of the newest note (what a screen passes back as ``seen``)."""
        return {k: int(r["id"]) for k, r in self._newest_rows(tahun, periode).items()}

    def _newest(self, tahun: int, periode: str) -> dict[str, str]:
        return {k: r["teks"] for k, r in self._newest_rows(tahun, periode).items()}

    def _newest_rows(self, tahun: int, periode: str, conn=None) -> dict[str, dict]:
        t = tables.catatan_rapat
        query = select(t).where(t.c.tahun == tahun, t.c.periode == periode).order_by(t.c.id)
        if conn is None:
            with self.engine.connect() as own:
                return self._newest_rows(tahun, periode, own)
        return {row.slide: dict(row._mapping) for row in conn.execute(query)}

    @writes
    def save_meeting_notes(
        self,
        tahun: int,
        periode: str,
        notes: Mapping[str, str],
        oleh: str,
        seen: Mapping[str, int] | None = None,
    ) -> list[str]:
        """Store the notes that changed (text stripped; an emptied note is stored empty) in one
        transaction; returns the slide keys written. With ``seen``, a changed note whose slide
        got a newer note since raises ``EditConflict`` (nothing written); without it (an
        explicit overwrite) the newest note is replaced."""
        try:
            return self._save_notes(tahun, periode, notes, oleh, seen)
        except IntegrityError:  # ux_catatan_rapat_menggantikan: another save came first
            newest = self._newest_rows(tahun, periode)
            rows = [newest[k] for k in notes if k in newest]
            columns = [c.name for c in tables.catatan_rapat.c]
            raise EditConflict(pd.DataFrame(rows, columns=columns)) from None

    def _save_notes(self, tahun, periode, notes, oleh, seen) -> list[str]:  # noqa: PLR0913
        with self.engine.begin() as conn:
            newest = self._newest_rows(tahun, periode, conn)
            before = {k: r["teks"] for k, r in newest.items()}
            changed = {k: v.strip() for k, v in notes.items() if v.strip() != before.get(k, "")}
            current = {k: int(newest[k]["id"]) if k in newest else 0 for k in changed}
            stale = [k for k in changed if seen is not None and seen.get(k, 0) != current[k]]
            if stale:
                frame = pd.DataFrame([newest[k] for k in stale if k in newest])
                raise EditConflict(frame.reset_index(drop=True))
            if not changed:
                return []
            now = datetime.now(UTC)
            rows = [
                {"tahun": tahun, "periode": periode, "slide": k, "teks": v}
                | {"diubah_pada": now, "diubah_oleh": oleh, "menggantikan": current[k]}
                for k, v in changed.items()
            ]
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
            return pd.read_sql(query, conn).drop(columns=["id", "menggantikan"])
