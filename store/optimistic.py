"""Optimistic concurrency for the editors: a save names, per row, the version (``versi``) its
screen read; inside the save's transaction each row is updated only while it is still at that
version, and any row that was not makes the whole save fail with ``EditConflict`` (rolled
back, nothing written). The conditional UPDATE is atomic on SQLite (one writer at a time) and
on PostgreSQL (a concurrent update of the row waits, then the condition is checked again)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from sqlalchemy import select, update

from store.errors import EditConflict


def update_versioned(
    conn, table, row_id: int, values: dict, versions: Mapping[int, int] | None
) -> bool:
    """Update one row and raise its ``versi``; with ``versions``, only if its stored version is
    still the one read. False when nothing was updated (changed since, or removed)."""
    where = table.c.id == row_id
    if versions is not None:
        where &= table.c.versi == int(versions.get(row_id, -1))
    done = conn.execute(update(table).where(where).values(**values, versi=table.c.versi + 1))
    return done.rowcount == 1


def raise_conflicts(conn, table, refused: list[int]) -> None:
    """Inside the save's transaction: raise ``EditConflict`` (so the transaction rolls back)
    for the rows ``update_versioned`` refused, with what is stored in them now."""
    if not refused:
        return
    current = pd.read_sql(select(table).where(table.c.id.in_(refused)).order_by(table.c.id), conn)
    missing = sorted(set(refused) - set(current["id"].astype(int)))
    raise EditConflict(current, missing)
