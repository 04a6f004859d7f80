"""Schema migrations, applied in order at start-up; each runs once, in its own transaction.

Add a migration by appending ``(version, name, function)`` to ``MIGRATIONS``; never edit one that
has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, bindparam, insert, inspect, select, text, update

from analysis import schema as s
from analysis.schema import VALUE_COLUMNS
from analysis.zscore import stored_form
from store import audit, columnar, tables
from store.growth import growth_tables


def _initial_schema(conn: Connection) -> None:
    tables.metadata.create_all(
        conn,
        tables=[
            tables.dataset,
            tables.indicator_value,
            tables.scorecard_value,
            tables.lokus,
            tables.aksi_tahun,
            tables.aksi_progress,
        ],
    )


def _upload_history(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.dataset_berkas, tables.dataset_riwayat])


def _user_indicators(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.indikator_pengguna])


def _values_per_dataset(conn: Connection) -> None:
    """Move the values of every dataset from rows of ``indicator_value`` into one Arrow file."""
    tables.metadata.create_all(conn, tables=[tables.dataset_nilai])
    v = tables.indicator_value
    ids = conn.scalars(select(v.c.dataset_id).distinct().order_by(v.c.dataset_id)).all()
    for dataset_id in ids:
        rows = pd.read_sql(
            select(*[v.c[c] for c in VALUE_COLUMNS])
            .where(v.c.dataset_id == dataset_id)
            .order_by(v.c.id),
            conn,
        )
        conn.execute(insert(tables.dataset_nilai).values(**columnar.stored_row(dataset_id, rows)))
    v.drop(conn)


def _boundaries(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.batas_versi, tables.batas_kelurahan])


def _aksi_audit(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.aksi_audit])


def _aksi_evidence(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.aksi_bukti])


def _measurements(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.pengukuran_berkas, tables.pengukuran])


def _activities(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.kegiatan, tables.kegiatan_audit])


def _meeting_notes(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.catatan_rapat])


def _users_and_audit(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.pengguna, tables.sesi, tables.log_audit])
    audit.backfill(conn)


def _month_rounded_ages(conn: Connection) -> None:
    """Store the z-scores of every measurement computed from its exact age, then round the age
    to the middle of its month (``analysis.zscore.stored_form``): measure date − age no longer
    gives the child's birth date."""
    p = tables.pengukuran
    have = {c["name"] for c in inspect(conn).get_columns(p.name)}
    for name in s.SCORE_COLUMNS:
        if name not in have:  # a database made before migration 12 (later ones have them)
            kind = p.c[name].type.compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE {p.name} ADD COLUMN {name} {kind}"))
    columns = [s.JENIS_KELAMIN, s.UMUR_HARI, s.TINGGI_CM, s.BERAT_KG, s.CARA_UKUR, s.EDEMA]
    records = pd.read_sql(select(p.c.id, *[p.c[c] for c in columns]).order_by(p.c.id), conn)
    if records.empty:
        return
    records = records.astype({s.TINGGI_CM: float, s.BERAT_KG: float, s.EDEMA: bool})
    stored = stored_form(growth_tables(), records)
    frame = stored[["id", s.UMUR_HARI, *s.SCORE_COLUMNS]]
    rows = [
        {"_id": int(r[0]), s.UMUR_HARI: int(r[1])}
        | {c: None if pd.isna(v) else float(v) for c, v in zip(s.SCORE_COLUMNS, r[2:], strict=True)}
        for r in frame.itertuples(index=False, name=None)
    ]
    conn.execute(
        update(p)
        .where(p.c.id == bindparam("_id"))
        .values({c: bindparam(c) for c in [s.UMUR_HARI, *s.SCORE_COLUMNS]}),
        rows,
    )


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "skema awal: dataset, nilai indikator, scorecard, lokus, aksi", _initial_schema),
    (2, "berkas unggahan dan riwayat dataset", _upload_history),
    (3, "indikator tambahan pengguna", _user_indicators),
    (4, "nilai indikator per dataset dalam satu berkas Arrow", _values_per_dataset),
    (5, "batas kelurahan resmi yang diunggah", _boundaries),
    (6, "log perubahan progres aksi", _aksi_audit),
    (7, "berkas bukti progres aksi", _aksi_evidence),
    (8, "rekaman pengukuran balita (tanpa data pribadi)", _measurements),
    (9, "daftar rencana kegiatan (pemetaan program) dan lognya", _activities),
    (10, "catatan rapat per slide presentasi", _meeting_notes),
    (11, "pengguna, peran, sesi masuk dan log audit semua perubahan", _users_and_audit),
    (
        12,
        "umur pengukuran dibulatkan ke bulan; z-skor dari umur tepat disimpan",
        _month_rounded_ages,
    ),
]


def applied_versions(engine: Engine) -> list[int]:
    """Versions already applied (creates the bookkeeping table when missing)."""
    tables.schema_migrations.create(engine, checkfirst=True)
    with engine.connect() as conn:
        return list(conn.scalars(select(tables.schema_migrations.c.version)))


def migrate(engine: Engine) -> list[int]:
    """Apply every pending migration; return the versions applied now."""
    done = set(applied_versions(engine))
    applied = []
    for version, name, step in MIGRATIONS:
        if version in done:
            continue
        with engine.begin() as conn:
            step(conn)
            conn.execute(
                tables.schema_migrations.insert().values(
                    version=version, name=name, applied_at=datetime.now(UTC)
                )
            )
        applied.append(version)
    return applied
