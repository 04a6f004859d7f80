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
from store import audit_store as audit
from store import columnar, tables
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


def _mapping_profiles(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.profil_pemetaan])


def _compressed_archive(conn: Connection) -> None:
    _add_column(conn, "dataset_berkas", "kompresi VARCHAR(10)")


def _measurement_scope(conn: Connection) -> None:
    """Each measurement file says what it replaces: its kelurahan × month (as before) or whole
    months (``analysis.measure_replace.CAKUPAN_BULAN``)."""
    _add_column(conn, "pengukuran_berkas", "cakupan VARCHAR(10) NOT NULL DEFAULT 'kelurahan'")


def _region_admin(conn: Connection) -> None:
    """The years whose lokus were set in the app, and the region's own targets."""
    tables.metadata.create_all(conn, tables=[tables.lokus_penetapan, tables.target_daerah])


def _add_column(conn: Connection, table: str, ddl: str) -> bool:
    """Add a column unless the table has it (a database created by migration 1 from today's
    table definitions already does); True when added."""
    name = ddl.split()[0]
    if name in {c["name"] for c in inspect(conn).get_columns(table)}:
        return False
    conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {ddl}"))
    return True


def _create_index(conn: Connection, table, name: str) -> None:
    if name not in {i["name"] for i in inspect(conn).get_indexes(table.name)}:
        next(i for i in table.indexes if i.name == name).create(conn)


def _optimistic_versions(conn: Connection) -> None:
    """Row versions for optimistic concurrency, and one active dataset per uploaded file.

    ``aksi_progress.versi`` and ``kegiatan.versi`` count saves; ``catatan_rapat.menggantikan``
    names the note a row replaced (filled for the stored history); ``dataset.berkas_sha256``
    gets the file's SHA-256 with a unique index over active datasets — of files already stored
    twice, only the newest active one is marked, so the index can be built."""
    _add_column(conn, "aksi_progress", "versi INTEGER DEFAULT 0 NOT NULL")
    _add_column(conn, "kegiatan", "versi INTEGER DEFAULT 0 NOT NULL")
    if _add_column(conn, "catatan_rapat", "menggantikan INTEGER DEFAULT 0 NOT NULL"):
        conn.execute(
            text(
                "UPDATE catatan_rapat SET menggantikan = COALESCE((SELECT MAX(c.id) FROM "
                "catatan_rapat c WHERE c.tahun = catatan_rapat.tahun AND c.periode = "
                "catatan_rapat.periode AND c.slide = catatan_rapat.slide AND c.id < "
                "catatan_rapat.id), 0)"
            )
        )
    _create_index(conn, tables.catatan_rapat, "ux_catatan_rapat_menggantikan")
    if _add_column(conn, "dataset", "berkas_sha256 VARCHAR(64)"):
        d = tables.dataset
        files = [(r.dataset_id, r.sha256) for r in conn.execute(
            select(tables.dataset_berkas.c.dataset_id, tables.dataset_berkas.c.sha256)
            .union_all(select(tables.pengukuran_berkas.c.dataset_id, tables.pengukuran_berkas.c.sha256))
        )]  # fmt: skip
        status = dict(conn.execute(select(d.c.id, d.c.status)).tuples().all())
        marked = set()
        for dataset_id, sha in sorted(files, reverse=True):  # newest first
            if status.get(dataset_id) == "aktif":
                if sha in marked:
                    continue
                marked.add(sha)
            conn.execute(d.update().where(d.c.id == dataset_id).values(berkas_sha256=sha))
    _create_index(conn, tables.dataset, "ux_dataset_berkas_aktif")


def _sign_in_attempts(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.percobaan_masuk])


def _month_rounded_ages(conn: Connection) -> None:
    """Store the z-scores of every measurement computed from its exact age, then round the age
    to the middle of its month (``analysis.zscore.stored_form``): measure date − age no longer
    gives the child's birth date."""
    p = tables.pengukuran
    have = {c["name"] for c in inspect(conn).get_columns(p.name)}
    for name in s.SCORE_COLUMNS:
        if name not in have:  # a database made before migration 14 (later ones have them)
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


def _database_region(conn: Connection) -> None:
    tables.metadata.create_all(conn, tables=[tables.wilayah_basis_data])


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
        "versi baris (penyimpanan optimis) dan satu dataset aktif per berkas",
        _optimistic_versions,
    ),  # fmt: skip
    (13, "hitungan gagal masuk per pengguna dan alamat", _sign_in_attempts),
    (
        14,
        "umur pengukuran dibulatkan ke bulan; z-skor dari umur tepat disimpan",
        _month_rounded_ages,
    ),
    (15, "profil pemetaan kolom berkas kantor", _mapping_profiles),
    (16, "berkas asli diarsipkan terkompresi (zstd)", _compressed_archive),
    (17, "berkas pengukuran mengganti kelurahan × bulan atau seluruh bulan", _measurement_scope),
    (18, "wilayah (kabupaten/kota) yang dilayani basis data", _database_region),
    (19, "lokus dan target daerah yang ditetapkan di aplikasi", _region_admin),
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
