"""The activity register's storage (``Store`` inherits it): one transaction per save, every
change logged field by field, nothing deleted (a removed activity is only hidden)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, insert, select

from analysis import schema as s
from store import audit_store as audit
from store import tables
from store.audit_store import log_event
from store.errors import writes
from store.optimistic import raise_conflicts, update_versioned

NEW = "kegiatan baru"
REMOVED = "dihapus"


def _clean(value: object) -> object:
    """A frame cell as the driver takes it (NaN → None, numpy scalars → Python)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


class ActivityStore:
    engine: Engine

    @writes
    def save_activities(  # noqa: PLR0913
        self,
        oleh: str,
        new: pd.DataFrame | None = None,
        edited: pd.DataFrame | None = None,
        diff: pd.DataFrame | None = None,
        removed: Collection[int] = (),
        sintetis: bool = False,
        versions: Mapping[int, int] | None = None,
    ) -> list[int]:
        """In one transaction: insert ``new`` rows (``schema.ACTIVITY_FIELDS``), apply the
        changed fields of ``edited`` listed in ``diff`` (``analysis.edits.field_changes``) and
        hide the ``removed`` ids — each logged with ``oleh`` (synthetic demo rows are not
        logged). Returns the ids of the new rows.

        ``versions`` (id → ``versi`` as the screen read it): a changed or removed row saved by
        someone else since makes the whole save fail with ``store.errors.EditConflict``, nothing
        written (``store.optimistic``); without it the rows are written whatever their version."""
        now = datetime.now(UTC)
        stamp = {"diubah_pada": now, "diubah_oleh": oleh}
        t, log = tables.kegiatan, []
        ids, refused = [], []
        with self.engine.begin() as conn:
            for _, row in (new if new is not None else pd.DataFrame()).iterrows():
                values = {f: _clean(row[f]) for f in s.ACTIVITY_FIELDS}
                new_id = conn.execute(
                    insert(t).values(
                        **values,
                        **stamp,
                        sintetis=sintetis,
                        dihapus=False,
                        dibuat_pada=now,
                        dibuat_oleh=oleh,
                    )  # fmt: skip
                ).inserted_primary_key[0]
                ids.append(int(new_id))
                log.append((new_id, NEW, None, values[s.NAMA_KEGIATAN]))
            if diff is not None and len(diff):
                rows = edited.set_index("id")
                for row_id in diff["id"].unique():
                    fields = diff.loc[diff["id"] == row_id, "kolom"].tolist()
                    values = {f: _clean(rows.at[row_id, f]) for f in fields}
                    values |= {**stamp, "sintetis": False}
                    if not update_versioned(conn, t, int(row_id), values, versions):
                        refused.append(int(row_id))
                log += [(r.id, r.kolom, r.nilai_lama, r.nilai_baru) for r in diff.itertuples()]
            for row_id in removed:
                values = {"dihapus": True, **stamp}
                if not update_versioned(conn, t, int(row_id), values, versions):
                    refused.append(int(row_id))
                log.append((row_id, REMOVED, None, None))
            raise_conflicts(conn, t, refused)
            if log and not sintetis:
                conn.execute(
                    insert(tables.kegiatan_audit),
                    [
                        {
                            "waktu": now,
                            "oleh": oleh,
                            "kegiatan_id": int(i),
                            "kolom": kolom,
                            "nilai_lama": lama,
                            "nilai_baru": baru,
                        }
                        for i, kolom, lama, baru in log
                    ],  # fmt: skip
                )
                for i, kolom, lama, baru in log:
                    change = f"{kolom}: {lama} → {baru}" if lama is not None else f"{kolom}: {baru}"
                    log_event(conn, oleh, audit.KEGIATAN, f"kegiatan #{i}", change, now)
            elif log:
                log_event(conn, oleh, audit.DATA_CONTOH, f"{len(ids)} rencana kegiatan", None, now)
        return ids

    def activities(self) -> pd.DataFrame:
        """Activities not removed, by year and id: ``id``, ``schema.ACTIVITY_FIELDS``,
        ``sintetis`` and who changed them last."""
        t = tables.kegiatan
        cols = [c for c in t.c if c.name not in ("dihapus", "dibuat_pada", "dibuat_oleh")]
        query = select(*cols).where(t.c.dihapus.is_(False)).order_by(t.c.tahun, t.c.id)
        with self.engine.connect() as conn:
            frame = pd.read_sql(query, conn)
        return frame.astype({s.PAGU: float, s.REALISASI: float, s.VOLUME: float})

    def activity_audit(self) -> pd.DataFrame:
        """Every logged change of the register, newest first, with the activity's year and name."""
        a, t = tables.kegiatan_audit, tables.kegiatan
        query = (
            select(a, t.c.tahun, t.c.nama_kegiatan)
            .join(t, t.c.id == a.c.kegiatan_id)
            .order_by(a.c.id.desc())
        )
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)
