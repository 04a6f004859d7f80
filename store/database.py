"""The database behind the dashboard, reached only through ``Store``: the engine and its
per-connection settings, the schema migration, and one class that inherits every part.

Each part is a mixin in its own module, named for the part in the plural with the class in the
singular (``store/datasets_store.py`` holds ``DatasetStore``, ``users_store.py`` ``UserStore``): datasets and their values, measurements, indicators added in the app,
boundaries, aksi, lokus, the region's own targets, the activity register, meeting notes, mapping profiles, users and
the audit log. What their writes take (``DatasetInfo``, ``Upload``, ``MeasurementBatch``) is in
``store.records``.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url

from store import tables
from store.activities_store import ActivityStore
from store.aksi_store import AksiStore
from store.audit_store import AuditStore
from store.boundaries_store import BoundaryStore
from store.datasets_store import DatasetStore
from store.errors import writes
from store.indicators_store import IndicatorStore
from store.lokus_store import LokusStore
from store.measurements_store import MeasurementStore
from store.migrations import migrate
from store.notes_store import NoteStore
from store.profiles_store import ProfileStore
from store.region_store import RegionStore
from store.targets_store import TargetStore
from store.users_store import UserStore

# How long a SQLite write waits for another process's write to finish before it gives up with
# "database is locked" (shown as StoreWriteError "sedang sibuk"); the driver's default is 5 s, and
# a large measurement import holds the lock for several seconds. A ``?timeout=`` in the URL wins.
SQLITE_BUSY_TIMEOUT_S = 30.0


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # Up to 128 MB of page cache (allocated only as used): large uploads insert twice as fast.
    cur.execute("PRAGMA cache_size=-131072")
    cur.close()


def _postgresql_session(dbapi_conn, _record) -> None:
    """Times are stored in UTC and read back as naive UTC, as SQLite gives them: the session runs
    in UTC (so naive times are taken as UTC too) and ``timestamptz`` loads without a zone."""
    from psycopg.types.datetime import TimestamptzBinaryLoader, TimestamptzLoader

    class _Text(TimestamptzLoader):
        def load(self, data):
            return super().load(data).astimezone(UTC).replace(tzinfo=None)

    class _Binary(TimestamptzBinaryLoader):
        def load(self, data):
            return super().load(data).astimezone(UTC).replace(tzinfo=None)

    dbapi_conn.adapters.register_loader("timestamptz", _Text)
    dbapi_conn.adapters.register_loader("timestamptz", _Binary)
    autocommit = dbapi_conn.autocommit
    dbapi_conn.autocommit = True
    dbapi_conn.execute("SET TIME ZONE 'UTC'")
    dbapi_conn.autocommit = autocommit


class Store(
    MeasurementStore,
    DatasetStore,
    IndicatorStore,
    BoundaryStore,
    AksiStore,
    LokusStore,
    TargetStore,
    ActivityStore,
    NoteStore,
    ProfileStore,
    UserStore,
    AuditStore,
    RegionStore,
):
    """Typed access to the dashboard database (SQLite by default, any SQLAlchemy URL), through
    the mixins of its parts. Every write appends its audit row in the same transaction."""

    def __init__(self, url: str):
        parsed = make_url(url)
        sqlite = parsed.get_backend_name() == "sqlite"
        # A file: URI (e.g. ``?mode=ro&uri=true``) names a database that must already exist.
        if sqlite and parsed.database and parsed.query.get("uri") != "true":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        busy = (
            {"timeout": SQLITE_BUSY_TIMEOUT_S} if sqlite and "timeout" not in parsed.query else {}
        )
        self.engine: Engine = create_engine(url, connect_args=busy)
        self._values: dict[int, pd.DataFrame] = {}
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        elif self.engine.dialect.name == "postgresql":
            event.listen(self.engine, "connect", _postgresql_session)

    @writes
    def migrate(self) -> list[int]:
        """Create or upgrade the schema; return the migration versions applied now."""
        return migrate(self.engine)

    def row_counts(self, names: list[str]) -> dict[str, int]:
        """The number of rows in each named table (benchmarks report what a start stored)."""
        with self.engine.connect() as conn:
            return {
                n: int(conn.scalar(select(func.count()).select_from(tables.metadata.tables[n])))
                for n in names
            }

    def dispose(self) -> None:
        self.engine.dispose()
