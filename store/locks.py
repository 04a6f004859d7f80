"""A lock across processes for start-up, so that two app workers starting together on a new
database do not both create the schema or both load the demo data: the second waits, then finds
everything done."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

# Any fixed number, the same in every worker: the key of PostgreSQL's advisory lock.
PG_LOCK_KEY = 7_231_720_240


def _sqlite_lock_path(engine: Engine) -> Path | None:
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(f"{database.removeprefix('file:')}-init.lock")


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        # A folder we may not write to: the database there cannot be initialised either, so
        # there is no start-up to keep apart.
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # blocks until the other worker's start-up is done
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextmanager
def startup_lock(engine: Engine) -> Iterator[None]:
    """Hold, until the block ends, a lock that any other process's start-up on the same
    database waits for: a ``<database>-init.lock`` file (flock) next to a SQLite database, an
    advisory lock on PostgreSQL, none on other databases."""
    if engine.dialect.name == "sqlite":
        path = _sqlite_lock_path(engine)
        if path is None:
            yield
            return
        with _file_lock(path):
            yield
    elif engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PG_LOCK_KEY})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PG_LOCK_KEY})
    else:
        yield
