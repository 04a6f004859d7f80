"""The database behind the dashboard, reached only through ``Store``.

Values are never overwritten: each upload (or the demo data) is a dataset, and for every
wilayah × indicator × period × source the value of the newest active dataset is the current one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import (
    Connection,
    Date,
    Engine,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from analysis import schema as s
from analysis.codes import has_duplicates
from analysis.measure_replace import CAKUPAN, CAKUPAN_BULAN, CAKUPAN_KELURAHAN
from analysis.text_clean import clean_text
from analysis.zscore import stored_form
from store import archive, audit, columnar, tables
from store.activity_store import ActivityRegister
from store.audit import AuditLog, log_event
from store.errors import DuplicateFile, writes
from store.growth import growth_tables
from store.migrations import migrate
from store.notes_store import MeetingNotes
from store.optimistic import raise_conflicts, update_versioned
from store.profiles_store import MappingProfiles
from store.users import Users

# How long a SQLite write waits for another process's write to finish before it gives up with
# "database is locked" (shown as StoreWriteError "sedang sibuk"); the driver's default is 5 s, and
# a large measurement import holds the lock for several seconds. A ``?timeout=`` in the URL wins.
SQLITE_BUSY_TIMEOUT_S = 30.0
SYSTEM = "sistem"  # writes made by the app itself (start-up, demo data)
VALUE_KEY = s.VALUE_KEY
VALUE_COLUMNS = s.VALUE_COLUMNS
SCORECARD_COLUMNS = [s.KODE_WILAYAH, s.KODE_INDIKATOR, s.PERIODE, s.Y, s.T, s.TS]
AKSI_COLUMNS = [c.name for c in tables.aksi_progress.columns if c.name not in ("id",)]


@dataclass(frozen=True)
class DatasetInfo:
    """Provenance of one dataset."""

    nama: str
    jenis: str
    dibuat_oleh: str
    sintetis: bool
    nama_berkas: str | None = None
    catatan: str | None = None


@dataclass(frozen=True)
class Upload:
    """An uploaded file and its dry-run counts (named as ``dataset_berkas`` columns)."""

    nama_berkas: str
    isi: bytes
    sha256: str
    oleh: str
    diarsipkan: bool
    format: str | None
    baris_dibaca: int
    nilai_baru: int
    nilai_diperbarui: int
    nilai_sama: int
    nilai_diabaikan: int
    opsi: str | None = None
    catatan: str | None = None


@dataclass(frozen=True)
class MeasurementBatch:
    """Provenance of a set of child measurement records (an uploaded file or the demo data)."""

    nama_berkas: str
    sha256: str
    format: str
    oleh: str
    baris_dibaca: int
    kolom_pribadi_dibuang: str | None = None
    sintetis: bool = False
    catatan: str | None = None
    # What the file replaces (``analysis.measure_replace``): its kelurahan × month, or the
    # whole months it holds.
    cakupan: str = CAKUPAN_KELURAHAN


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


def _ended_by_whole_months(frame: pd.DataFrame, whole: pd.Series) -> pd.Series:
    """Rows (with ``periode`` and ``dataset_id``) of a month that a newer dataset replaced
    whole (``whole``: the newest such dataset per month, from ``Store._whole_months``)."""
    cut = frame[s.PERIODE].map(whole).fillna(0)
    return frame[s.DATASET_ID] < cut


def _no_values() -> pd.DataFrame:
    return columnar.decode(columnar.encode(pd.DataFrame(columns=VALUE_COLUMNS)))


def _insert_progress(conn, rows: pd.DataFrame, now: datetime, oleh: str) -> None:
    """Progress rows entered by a user (not synthetic), stamped with who and when."""
    rows = rows.assign(sintetis=False, diubah_pada=now, diubah_oleh=oleh)
    cols = [c for c in AKSI_COLUMNS if c in rows.columns]
    conn.execute(insert(tables.aksi_progress), _records(rows[cols]))


_AKSI_EVENTS = {"tahun baru": audit.TAHUN_AKSI, "kerangka": audit.KERANGKA_AKSI,
                "berkas bukti": audit.BUKTI_AKSI}  # fmt: skip


def _audit(conn, now, oleh, tahun, progress_id, kolom, lama, baru) -> None:  # noqa: PLR0913
    """One row of the aksi audit log, and its row in the general audit log."""
    jenis = _AKSI_EVENTS.get(kolom, audit.UBAH_AKSI)
    row = f"aksi {tahun}" + (f" baris #{progress_id}" if progress_id is not None else "")
    change = f"{kolom}: {lama} → {baru}" if lama is not None else f"{kolom}: {baru}"
    log_event(conn, oleh, jenis, row, change, now)
    conn.execute(
        insert(tables.aksi_audit).values(
            waktu=now,
            oleh=oleh,
            tahun=tahun,
            progress_id=progress_id,
            kolom=kolom,
            nilai_lama=lama,
            nilai_baru=baru,
        )  # fmt: skip
    )


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with NaN/NA turned into None for the database driver."""
    clean = frame.astype(object).where(frame.notna(), None)
    return clean.to_dict("records")


def _bulk_insert(conn, table, frame: pd.DataFrame) -> None:
    """Insert many rows through the driver's executemany (SQLAlchemy's per-row parameter
    processing costs seconds for 200,000 rows). Missing values become NULL; dates are written
    as SQLAlchemy's Date type writes them on SQLite (ISO text), as dates elsewhere."""
    sqlite = conn.dialect.name == "sqlite"
    columns = []
    for name in frame.columns:
        col = frame[name]
        values = col.astype(object).where(col.notna(), None).tolist()
        if isinstance(table.c[name].type, Date):
            day = (lambda v: v.isoformat()[:10]) if sqlite else (lambda v: pd.Timestamp(v).date())
            values = [None if v is None else day(v) for v in values]
        columns.append(values)
    names = ", ".join(frame.columns)
    if conn.dialect.driver == "psycopg":  # COPY, in the same transaction: 5× executemany's speed
        with (
            conn.connection.dbapi_connection.cursor() as cur,
            cur.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy,
        ):
            for row in zip(*columns, strict=True):
                copy.write_row(row)
        return
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join([marker] * len(frame.columns))})"
    conn.exec_driver_sql(sql, list(zip(*columns, strict=True)))


class Store(ActivityRegister, MeetingNotes, MappingProfiles, Users, AuditLog):
    """Typed access to the dashboard database (SQLite by default, any SQLAlchemy URL); the
    mixins add the activity register, meeting notes, mapping profiles, users and the audit log.
    Every write appends its audit row in the same transaction."""

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

    def dispose(self) -> None:
        self.engine.dispose()

    # Datasets and values

    @writes
    def add_dataset(
        self,
        info: DatasetInfo,
        values: pd.DataFrame | None = None,
        scorecard: pd.DataFrame | None = None,
    ) -> int:
        """Store a dataset with its values and scorecard counts in one transaction; return its id."""
        values = values if values is not None else pd.DataFrame(columns=VALUE_COLUMNS)
        scorecard = scorecard if scorecard is not None else pd.DataFrame(columns=SCORECARD_COLUMNS)
        with self.engine.begin() as conn:
            n_rows = len(values) + len(scorecard)
            dataset_id = self._insert_dataset(conn, info, n_rows, datetime.now(UTC))
            self._insert_values(conn, values, dataset_id)
            if len(scorecard):
                rows = _records(scorecard[SCORECARD_COLUMNS].assign(dataset_id=dataset_id))
                conn.execute(insert(tables.scorecard_value), rows)
            jenis = audit.DATA_CONTOH if info.jenis == "contoh" else audit.UNGGAH
            log_event(conn, info.dibuat_oleh, jenis, f"dataset #{dataset_id} {info.nama}",
                      f"{n_rows} baris")  # fmt: skip
        return int(dataset_id)

    def datasets(self) -> pd.DataFrame:
        """All datasets, newest first, with the upload counts of uploaded ones."""
        d, b = tables.dataset, tables.dataset_berkas
        hidden = ("dataset_id", "nama_berkas", "isi", "kompresi", "opsi")
        query = (
            select(d, *[c for c in b.c if c.name not in hidden])
            .outerjoin(b, b.c.dataset_id == d.c.id)
            .order_by(d.c.id.desc())
        )
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    @writes
    def commit_import(self, upload: Upload, values: pd.DataFrame) -> int:
        """Store an upload as a new active dataset with its file and counts, in one transaction.

        Earlier values of the same keys are superseded (newest active dataset wins), never
        deleted; if anything fails, nothing is written.
        """
        info = DatasetInfo(
            upload.nama_berkas, "unggahan", upload.oleh, False, upload.nama_berkas, upload.catatan
        )
        now = datetime.now(UTC)
        isi, kompresi = archive.pack(upload.isi) if upload.diarsipkan else (None, None)
        with self._one_active_file(upload.sha256) as conn:
            dataset_id = self._insert_dataset(conn, info, len(values), now, upload.sha256)
            self._insert_values(conn, values, dataset_id)
            file_row = {k: v for k, v in asdict(upload).items() if k in tables.dataset_berkas.c}
            file_row |= {
                "dataset_id": dataset_id,
                "ukuran": len(upload.isi),
                "isi": isi,
                "kompresi": kompresi,
            }
            conn.execute(insert(tables.dataset_berkas).values(**file_row))
            self._log(conn, dataset_id, "unggah", upload.oleh, now, upload.catatan)
            log_event(conn, upload.oleh, audit.UNGGAH, f"dataset #{dataset_id} {upload.nama_berkas}",
                      f"{upload.nilai_baru} nilai baru, {upload.nilai_diperbarui} diperbarui")  # fmt: skip
        return dataset_id

    @writes
    def set_dataset_active(
        self, dataset_id: int, active: bool, oleh: str, catatan: str | None = None
    ) -> None:
        """Roll back (``active=False``) or restore a dataset; its values stay stored either way."""
        status = "aktif" if active else "dibatalkan"
        try:
            self._set_dataset_status(dataset_id, status, oleh, catatan)
        except IntegrityError:  # ux_dataset_berkas_aktif: its file is in another active dataset
            d = tables.dataset
            with self.engine.connect() as conn:
                sha = conn.scalar(select(d.c.berkas_sha256).where(d.c.id == dataset_id))
                found = self._active_with_file(conn, sha)
            if found is None:
                raise
            raise ValueError(
                f"Dataset #{dataset_id} tidak dapat dipulihkan: berkas yang sama sudah disimpan "
                f"sebagai dataset #{found} (aktif). Batalkan dataset #{found} dulu."
            ) from None

    def _set_dataset_status(
        self, dataset_id: int, status: str, oleh: str, catatan: str | None
    ) -> None:
        active = status == "aktif"
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(tables.dataset)
                .where((tables.dataset.c.id == dataset_id) & (tables.dataset.c.status != status))
                .values(status=status)
            ).rowcount
            if not changed:
                raise ValueError(f"Dataset #{dataset_id} tidak ada atau sudah berstatus {status}.")
            self._log(
                conn,
                dataset_id,
                "pulihkan" if active else "batalkan",
                oleh,
                datetime.now(UTC),
                catatan,
            )
            jenis = audit.PULIHKAN if active else audit.BATALKAN
            log_event(conn, oleh, jenis, f"dataset #{dataset_id}", catatan)

    def dataset_file(self, dataset_id: int) -> tuple[str, bytes | None] | None:
        """(file name, archived bytes or None) of an uploaded dataset; None for other datasets."""
        b = tables.dataset_berkas
        with self.engine.connect() as conn:
            row = conn.execute(
                select(b.c.nama_berkas, b.c.isi, b.c.kompresi, b.c.ukuran).where(
                    b.c.dataset_id == dataset_id
                )
            ).first()
        if row is None:
            return None
        isi = None if row.isi is None else archive.unpack(row.isi, row.kompresi, row.ukuran)
        return row.nama_berkas, isi

    def dataset_history(self) -> pd.DataFrame:
        """Every upload, roll-back and restore, newest first."""
        r = tables.dataset_riwayat
        with self.engine.connect() as conn:
            return pd.read_sql(select(r).order_by(r.c.id.desc()), conn)

    def active_dataset_for_file(self, sha256: str) -> tuple[int, datetime, str] | None:
        """(id, time saved, by whom) of the active dataset holding the file with this SHA-256,
        or None: a dry run says at once that the file is already stored."""
        d = tables.dataset
        with self.engine.connect() as conn:
            row = conn.execute(
                select(d.c.id, d.c.dibuat_pada, d.c.dibuat_oleh).where(
                    (d.c.berkas_sha256 == sha256) & (d.c.status == "aktif")
                )
            ).first()
        return None if row is None else (int(row.id), row.dibuat_pada, row.dibuat_oleh)

    def _active_with_file(self, conn, sha256: str) -> int | None:
        d = tables.dataset
        return conn.scalar(
            select(d.c.id).where((d.c.berkas_sha256 == sha256) & (d.c.status == "aktif"))
        )

    @contextmanager
    def _one_active_file(self, sha256: str) -> Iterator[Connection]:
        """A write transaction storing a file as a new dataset: refused with ``DuplicateFile``
        when an active dataset holds the same file. The check before the insert gives the
        message; the unique index ``ux_dataset_berkas_aktif`` is the guarantee when two saves of
        the file run at once (the second one's insert fails, or waits for the first and fails)."""
        try:
            with self.engine.begin() as conn:
                if (found := self._active_with_file(conn, sha256)) is not None:
                    raise DuplicateFile(found)
                yield conn
        except IntegrityError:
            with self.engine.connect() as conn:
                found = self._active_with_file(conn, sha256)
            if found is None:
                raise
            raise DuplicateFile(found) from None

    @staticmethod
    def _insert_dataset(
        conn, info: DatasetInfo, n_rows: int, now: datetime, sha256: str | None = None
    ) -> int:
        return int(
            conn.execute(
                insert(tables.dataset).values(
                    berkas_sha256=sha256,
                    nama=clean_text(info.nama),  # names from uploaded files: no controls
                    nama_berkas=clean_text(info.nama_berkas),
                    jenis=info.jenis,
                    dibuat_pada=now,
                    dibuat_oleh=info.dibuat_oleh,
                    jumlah_baris=n_rows,
                    status="aktif",
                    sintetis=info.sintetis,
                    catatan=info.catatan,
                )
            ).inserted_primary_key[0]
        )

    @staticmethod
    def _insert_values(conn, values: pd.DataFrame, dataset_id: int) -> None:
        """The dataset's values, all together as one Arrow file (``store.columnar``)."""
        if not len(values):
            return
        if has_duplicates(values[VALUE_KEY]):  # the import reports these; this guards the rest
            first = values.loc[values.duplicated(subset=VALUE_KEY), VALUE_KEY].iloc[0].tolist()
            raise ValueError(f"Nilai ganda dalam satu dataset (UNIQUE): {first}")
        conn.execute(insert(tables.dataset_nilai).values(**columnar.stored_row(dataset_id, values)))

    @staticmethod
    def _log(
        conn, dataset_id: int, aksi: str, oleh: str, when: datetime, catatan: str | None
    ) -> None:
        conn.execute(
            insert(tables.dataset_riwayat).values(
                dataset_id=dataset_id, aksi=aksi, waktu=when, oleh=oleh, catatan=catatan
            )
        )

    def has_data(self) -> bool:
        with self.engine.connect() as conn:
            return bool(conn.scalar(select(func.count()).select_from(tables.dataset)))

    def _current(self, table, key: list[str]) -> pd.DataFrame:
        """Rows of active datasets, keeping per key the one of the newest dataset."""
        d = tables.dataset
        query = (
            select(table, d.c.sintetis)
            .join(d, d.c.id == table.c.dataset_id)
            .where(d.c.status == "aktif")
            .order_by(table.c.dataset_id, *key)  # the whole key: the same order on every database
        )
        with self.engine.connect() as conn:
            frame = pd.read_sql(query, conn)
        frame = frame.drop_duplicates(subset=key, keep="last").drop(columns="id")
        return frame.reset_index(drop=True)

    def dataset_values(self, dataset_id: int) -> pd.DataFrame:
        """The values stored by one dataset (``VALUE_COLUMNS``), whatever its status."""
        return self._decoded([dataset_id]).get(dataset_id, _no_values())

    def _decoded(self, ids: list[int]) -> dict[int, pd.DataFrame]:
        """Values of datasets by id, decoded once per Store (a stored dataset never changes)."""
        missing = [i for i in ids if i not in self._values]
        if missing:
            v = tables.dataset_nilai
            query = select(v.c.dataset_id, v.c.isi).where(v.c.dataset_id.in_(missing))
            with self.engine.connect() as conn:
                for row in conn.execute(query):
                    self._values[row.dataset_id] = columnar.decode(row.isi)
        return {i: self._values[i] for i in ids if i in self._values}

    def indicator_values(self) -> pd.DataFrame:
        """Current indicator values of every source, with ``dataset_id`` and ``sintetis``.

        Per key, the value of the newest active dataset."""
        d = tables.dataset
        query = select(d.c.id, d.c.sintetis).where(d.c.status == "aktif").order_by(d.c.id)
        with self.engine.connect() as conn:
            active = conn.execute(query).all()
        decoded = self._decoded([row.id for row in active])
        frames = [
            decoded[row.id].assign(dataset_id=row.id, sintetis=row.sintetis)
            for row in active
            if row.id in decoded
        ]
        if not frames:
            return _no_values().assign(
                dataset_id=pd.Series(dtype=int), sintetis=pd.Series(dtype=bool)
            )
        frame = pd.concat(frames, ignore_index=True)
        if len(frames) > 1:  # keys are unique within a dataset
            frame = frame.drop_duplicates(subset=VALUE_KEY, keep="last")
        with self.engine.connect() as conn:
            whole = self._whole_months(conn)
        if len(whole):  # recomputed prevalence ends with the records it was computed from
            recomputed = frame[s.SUMBER_DATA] == s.SUMBER_HITUNG_ULANG
            frame = frame.loc[~(recomputed & _ended_by_whole_months(frame, whole))]
        return frame[[s.DATASET_ID, *VALUE_COLUMNS, "sintetis"]].reset_index(drop=True)

    def scorecard_values(self) -> pd.DataFrame:
        """Current scorecard counts, with ``dataset_id`` and ``sintetis``."""
        return self._current(tables.scorecard_value, SCORECARD_COLUMNS[:3])

    # Child measurement records

    @writes
    def commit_measurements(
        self, batch: MeasurementBatch, records: pd.DataFrame, values: pd.DataFrame
    ) -> int:
        """Store measurement records with the prevalence recomputed from them (``values``) as
        one new dataset, in one transaction; return the dataset id. Only
        ``schema.MEASUREMENT_COLUMNS`` and ``schema.SCORE_COLUMNS`` of ``records`` are written,
        in their stored form (``analysis.zscore.stored_form``): z-scores from the exact age,
        the age itself rounded to the middle of its month."""
        if batch.cakupan not in CAKUPAN:
            raise ValueError(f"cakupan tidak dikenal: {batch.cakupan!r}")
        records = stored_form(growth_tables(), records)
        info = DatasetInfo(
            batch.nama_berkas,
            "pengukuran",
            batch.oleh,
            batch.sintetis,
            batch.nama_berkas,
            batch.catatan,
        )
        now = datetime.now(UTC)
        with self._one_active_file(batch.sha256) as conn:
            dataset_id = self._insert_dataset(conn, info, len(values), now, batch.sha256)
            self._insert_values(conn, values, dataset_id)
            row = {k: v for k, v in asdict(batch).items() if k in tables.pengukuran_berkas.c}
            row |= {"dataset_id": dataset_id, "rekaman_disimpan": len(records)}
            berkas_id = conn.execute(
                insert(tables.pengukuran_berkas).values(**row)
            ).inserted_primary_key[0]
            stored = records[s.MEASUREMENT_COLUMNS + s.SCORE_COLUMNS].assign(berkas_id=berkas_id)
            _bulk_insert(conn, tables.pengukuran, stored)
            self._log(conn, dataset_id, "unggah", batch.oleh, now, batch.catatan)
            jenis = audit.DATA_CONTOH if batch.sintetis else audit.UNGGAH_PENGUKURAN
            log_event(conn, batch.oleh, jenis,
                      f"dataset #{dataset_id} {batch.nama_berkas}", f"{len(records)} rekaman")  # fmt: skip
        return dataset_id

    def measurements(self) -> pd.DataFrame:
        """Current measurement records (``MEASUREMENT_COLUMNS``, ``SCORE_COLUMNS``, ``dataset_id``,
        ``sintetis``):
        those of active datasets and, per kelurahan × period, only of the newest one — a newer
        export of the same kelurahan and month replaces the older, never adds to it. A file
        saved to replace whole months (``CAKUPAN_BULAN``) also ends, for those months, the
        records of older datasets for kelurahan it does not hold."""
        p, b, d = tables.pengukuran, tables.pengukuran_berkas, tables.dataset
        query = (
            select(
                *[p.c[c] for c in s.MEASUREMENT_COLUMNS + s.SCORE_COLUMNS],
                b.c.dataset_id,
                d.c.sintetis,
            )
            .join(b, b.c.id == p.c.berkas_id)
            .join(d, d.c.id == b.c.dataset_id)
            .where(d.c.status == "aktif")
            .order_by(p.c.id)  # as stored (PostgreSQL returns a join in no set order)
        )
        with self.engine.connect() as conn:
            frame = pd.read_sql(query, conn)
            frame = frame.loc[~_ended_by_whole_months(frame, self._whole_months(conn))]
        newest = frame.groupby([s.KODE_WILAYAH, s.PERIODE])[s.DATASET_ID].transform("max")
        frame = frame.loc[frame[s.DATASET_ID] == newest].reset_index(drop=True)
        frame[s.TANGGAL_UKUR] = pd.to_datetime(frame[s.TANGGAL_UKUR])
        floats = [s.TINGGI_CM, s.BERAT_KG, s.ZS_TBU_BERKAS, s.ZS_BBU_BERKAS, s.ZS_BBTB_BERKAS]
        floats += s.SCORE_COLUMNS
        return frame.astype({s.EDEMA: bool, s.SINTETIS: bool} | dict.fromkeys(floats, float))

    @staticmethod
    def _whole_months(conn) -> pd.Series:
        """Per month, the newest active dataset saved to replace that whole month (indexed by
        ``periode``; empty when no file replaced a whole month)."""
        p, b, d = tables.pengukuran, tables.pengukuran_berkas, tables.dataset
        query = (
            select(p.c.periode, func.max(b.c.dataset_id).label(s.DATASET_ID))
            .join(b, b.c.id == p.c.berkas_id)
            .join(d, d.c.id == b.c.dataset_id)
            .where((d.c.status == "aktif") & (b.c.cakupan == CAKUPAN_BULAN))
            .group_by(p.c.periode)
        )
        rows = conn.execute(query).all()
        return pd.Series({r.periode: int(r.dataset_id) for r in rows}, dtype="int64")

    def measurement_batches(self) -> pd.DataFrame:
        """Every stored measurement file, newest first, with its dataset's status."""
        b, d = tables.pengukuran_berkas, tables.dataset
        query = (
            select(b, d.c.status, d.c.dibuat_pada, d.c.dibuat_oleh, d.c.sintetis)
            .join(d, d.c.id == b.c.dataset_id)
            .order_by(b.c.id.desc())
        )
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    # Indicators added in the app

    @writes
    def add_user_indicator(self, row: pd.DataFrame, oleh: str) -> None:
        """Store one checked catalogue row (``ingest.reference_checks.user_indicator``)."""
        cols = [c.name for c in tables.indikator_pengguna.columns if c.name in row.columns]
        record = _records(row[cols])[0] | {"dibuat_pada": datetime.now(UTC), "dibuat_oleh": oleh}
        with self.engine.begin() as conn:
            conn.execute(insert(tables.indikator_pengguna).values(**record))
            log_event(conn, oleh, audit.INDIKATOR_BARU, f"{record['kode']} {record['nama']}")

    def user_indicators(self) -> pd.DataFrame:
        """Indicators added in the app, typed like the catalogue (target float, year Int64)."""
        t = tables.indikator_pengguna
        with self.engine.connect() as conn:
            frame = pd.read_sql(select(t).order_by(t.c.kode), conn)
        return frame.assign(
            **{
                s.TARGET: frame[s.TARGET].astype(float),
                s.TAHUN_TARGET: frame[s.TAHUN_TARGET].astype("Int64"),
            }
        )

    # Boundaries

    @writes
    def commit_boundaries(
        self, nama_berkas: str, ukuran: int, sha256: str, crs: str | None,
        geometries: dict[str, str], oleh: str,
    ) -> int:  # fmt: skip
        """Store a boundary version (kelurahan code → GeoJSON geometry) in one transaction."""
        with self.engine.begin() as conn:
            version = conn.execute(
                insert(tables.batas_versi).values(
                    nama_berkas=clean_text(nama_berkas),
                    ukuran=ukuran,
                    sha256=sha256,
                    crs_asal=crs,
                    jumlah=len(geometries),
                    dibuat_pada=datetime.now(UTC),
                    dibuat_oleh=oleh,
                    status="aktif",
                )  # fmt: skip
            ).inserted_primary_key[0]
            conn.execute(
                insert(tables.batas_kelurahan),
                [
                    {"versi_id": version, "kode_kelurahan": k, "geometri": g}
                    for k, g in geometries.items()
                ],
            )
            log_event(conn, oleh, audit.IMPOR_BATAS, f"versi batas #{version} {nama_berkas}",
                      f"{len(geometries)} kelurahan")  # fmt: skip
        return int(version)

    def boundary_versions(self) -> pd.DataFrame:
        """Every boundary version, newest first."""
        v = tables.batas_versi
        with self.engine.connect() as conn:
            return pd.read_sql(select(v).order_by(v.c.id.desc()), conn)

    def current_boundaries(self) -> tuple[dict, dict[str, str]] | None:
        """(version row, kelurahan code → GeoJSON geometry) of the newest active version."""
        v, b = tables.batas_versi, tables.batas_kelurahan
        with self.engine.connect() as conn:
            row = conn.execute(
                select(v).where(v.c.status == "aktif").order_by(v.c.id.desc()).limit(1)
            ).first()
            if row is None:
                return None
            rows = conn.execute(
                select(b.c.kode_kelurahan, b.c.geometri).where(b.c.versi_id == row.id)
            )
            return dict(row._mapping), {r.kode_kelurahan: r.geometri for r in rows}

    @writes
    def set_boundaries_active(self, version: int, active: bool, oleh: str) -> None:
        """Roll back (``active=False``) or restore a boundary version; nothing is deleted."""
        status = "aktif" if active else "dibatalkan"
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(tables.batas_versi)
                .where(
                    (tables.batas_versi.c.id == version) & (tables.batas_versi.c.status != status)
                )
                .values(status=status)
            ).rowcount
            if changed:
                log_event(conn, oleh, audit.STATUS_BATAS, f"versi batas #{version}", status)
        if not changed:
            raise ValueError(f"Versi batas #{version} tidak ada atau sudah berstatus {status}.")

    # Lokus

    @writes
    def sync_lokus(self, reference_lokus: pd.DataFrame) -> None:
        """Make the reference file's lokus the reference lokus of the years it lists.

        Rows entered by users (``asal = 'pengguna'``) are never deleted; a reference row for a
        kelurahan a user already entered for that year is not added twice.
        """
        years = sorted(int(y) for y in reference_lokus[s.TAHUN].unique())
        rows = [
            {
                s.TAHUN: int(r[s.TAHUN]),
                s.KODE_KELURAHAN: r[s.KODE_KELURAHAN],
                s.DASAR_PENETAPAN: r[s.DASAR_PENETAPAN],
                "asal": "referensi",
            }
            for _, r in reference_lokus.iterrows()
        ]
        lokus = tables.lokus
        with self.engine.connect() as conn:
            stored = {
                (r.tahun, r.kode_kelurahan, r.dasar_penetapan)
                for r in conn.execute(select(lokus).where(lokus.c.asal == "referensi"))
            }
        wanted = {(r[s.TAHUN], r[s.KODE_KELURAHAN], r[s.DASAR_PENETAPAN]) for r in rows}
        if wanted == {row for row in stored if row[0] in years}:
            return  # nothing to change: a start-up must not rewrite the database file
        with self.engine.begin() as conn:
            conn.execute(
                delete(lokus).where(lokus.c.tahun.in_(years) & (lokus.c.asal == "referensi"))
            )
            kept = {
                (r.tahun, r.kode_kelurahan)
                for r in conn.execute(select(lokus.c.tahun, lokus.c.kode_kelurahan))
            }
            rows = [r for r in rows if (r[s.TAHUN], r[s.KODE_KELURAHAN]) not in kept]
            if rows:
                conn.execute(insert(lokus), rows)
            log_event(conn, SYSTEM, audit.LOKUS, "lokus referensi " + "–".join(dict.fromkeys(map(str, (years[0], years[-1])))),
                      f"{len(rows)} baris dari berkas referensi")  # fmt: skip

    def lokus(self) -> pd.DataFrame:
        """Lokus per year: ``tahun``, ``kode_kelurahan``, ``dasar_penetapan``, ``asal``."""
        query = select(tables.lokus).order_by(tables.lokus.c.tahun, tables.lokus.c.kode_kelurahan)
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    # Aksi konvergensi

    @writes
    def add_aksi_progress(self, years: pd.DataFrame, progress: pd.DataFrame) -> None:
        """Store the framework used per year and progress rows, in one transaction."""
        with self.engine.begin() as conn:
            if len(years):
                conn.execute(insert(tables.aksi_tahun), _records(years[[s.TAHUN, s.KERANGKA]]))
            if len(progress):
                if "diubah_pada" not in progress.columns:
                    progress = progress.assign(diubah_pada=datetime.now(UTC))
                cols = [c for c in AKSI_COLUMNS if c in progress.columns]
                conn.execute(insert(tables.aksi_progress), _records(progress[cols]))
            log_event(conn, SYSTEM, audit.DATA_CONTOH, "progres aksi",
                      f"{len(years)} tahun, {len(progress)} baris")  # fmt: skip

    @writes
    def update_aksi_progress(  # noqa: PLR0913
        self,
        tahun: int,
        edited: pd.DataFrame,
        diff: pd.DataFrame,
        oleh: str,
        versions: Mapping[int, int] | None = None,
    ) -> int:
        """Save edited progress rows and one audit row per changed field, in one transaction;
        return the number of fields changed. ``diff`` is ``analysis.aksi.changes``.

        ``versions`` (row id → ``versi`` as the screen read it): a changed row whose stored
        version differs — someone saved it since — makes the whole save fail with
        ``EditConflict`` and nothing is written. Without ``versions`` (an explicit overwrite,
        ``manage.py``) the rows are written whatever their version."""
        if diff.empty:
            return 0
        now = datetime.now(UTC)
        t = tables.aksi_progress
        rows = edited.set_index("id")
        with self.engine.begin() as conn:
            refused = []
            for row_id in (int(i) for i in diff["id"].unique()):
                fields = diff.loc[diff["id"] == row_id, "kolom"].tolist()
                values = _records(rows.loc[[row_id], fields])[0]
                values |= {"diubah_pada": now, "diubah_oleh": oleh, "sintetis": False}
                if not update_versioned(conn, t, row_id, values, versions):
                    refused.append(row_id)
            raise_conflicts(conn, t, refused)
            for r in diff.itertuples(index=False):
                _audit(conn, now, oleh, tahun, int(r.id), r.kolom, r.nilai_lama, r.nilai_baru)
        return len(diff)

    @writes
    def add_aksi_year(self, tahun: int, kerangka: str, rows: pd.DataFrame, oleh: str) -> None:
        """A new year from the framework template, logged; refuses a year that exists."""
        if tahun in set(self.aksi_years()[s.TAHUN]):
            raise ValueError(f"Tahun {tahun} sudah ada.")
        now = datetime.now(UTC)
        years = pd.DataFrame({s.TAHUN: [tahun], s.KERANGKA: [kerangka]})
        with self.engine.begin() as conn:
            conn.execute(insert(tables.aksi_tahun), _records(years))
            _insert_progress(conn, rows, now, oleh)
            _audit(conn, now, oleh, tahun, None, "tahun baru", None, kerangka)

    @writes
    def switch_aksi_framework(
        self, tahun: int, kerangka: str, rows: pd.DataFrame, oleh: str
    ) -> None:
        """Give a year another framework (its rows replaced by ``rows``, the new template) — only
        while nothing of that year has been recorded, so nothing is lost; logged. Rows are
        removed only at the version checked, in the same transaction: a save that lands in
        between makes the switch fail instead of being lost."""
        current = self.aksi_progress()
        year = current.loc[current[s.TAHUN] == tahun]
        untouched = (
            year[s.STATUS].eq(s.STATUS_BELUM).all()
            and year[s.PROGRES].eq(0).all()
            and year[["realisasi_mulai", "realisasi_selesai", "bukti"]].isna().all().all()
            and self.aksi_evidence(year["id"].tolist()).empty
        )
        refused = ValueError(
            f"Kerangka tahun {tahun} tidak dapat diganti: progresnya sudah diisi. "
            "Kerangka hanya dapat diganti selama semua aksi tahun itu belum mulai."
        )
        if year.empty or not untouched:
            raise refused
        now = datetime.now(UTC)
        t, b = tables.aksi_progress, tables.aksi_bukti
        with self.engine.begin() as conn:
            old = conn.execute(
                select(tables.aksi_tahun.c.kerangka).where(tables.aksi_tahun.c.tahun == tahun)
            ).scalar_one()
            conn.execute(  # first: holds the year against another switch until the commit
                update(tables.aksi_tahun)
                .where(tables.aksi_tahun.c.tahun == tahun)
                .values(kerangka=kerangka)
            )
            ids = [int(i) for i in year["id"]]
            if conn.scalar(select(func.count()).select_from(b).where(b.c.progress_id.in_(ids))):
                raise refused
            for row_id, versi in zip(ids, year["versi"].astype(int), strict=True):
                if not conn.execute(
                    delete(t).where((t.c.id == row_id) & (t.c.versi == versi))
                ).rowcount:
                    raise refused
            if conn.scalar(select(func.count()).select_from(t).where(t.c.tahun == tahun)):
                raise refused
            _insert_progress(conn, rows, now, oleh)
            _audit(conn, now, oleh, tahun, None, "kerangka", old, kerangka)

    @writes
    def add_aksi_evidence(self, tahun: int, progress_id: int, evidence, oleh: str) -> int:
        """Keep a checked evidence file (``ingest.evidence.Evidence``) for a progress row, logged."""
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            evidence_id = conn.execute(
                insert(tables.aksi_bukti).values(
                    progress_id=progress_id,
                    nama_berkas=evidence.nama_berkas,
                    ukuran=len(evidence.isi),
                    sha256=evidence.sha256,
                    isi=evidence.isi,
                    diunggah_pada=now,
                    diunggah_oleh=oleh,
                )  # fmt: skip
            ).inserted_primary_key[0]
            _audit(conn, now, oleh, tahun, progress_id, "berkas bukti", None, evidence.nama_berkas)
        return int(evidence_id)

    def aksi_evidence(self, progress_ids: list[int]) -> pd.DataFrame:
        """Evidence files (without their bytes) of the given progress rows, newest first."""
        b = tables.aksi_bukti
        query = (
            select(*[c for c in b.c if c.name != "isi"])
            .where(b.c.progress_id.in_([int(i) for i in progress_ids]))
            .order_by(b.c.id.desc())
        )
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    def aksi_evidence_file(self, evidence_id: int) -> tuple[str, bytes]:
        b = tables.aksi_bukti
        with self.engine.connect() as conn:
            row = conn.execute(select(b.c.nama_berkas, b.c.isi).where(b.c.id == evidence_id)).one()
        return row.nama_berkas, row.isi

    def aksi_audit(self) -> pd.DataFrame:
        """Every recorded change of aksi progress, newest first."""
        a = tables.aksi_audit
        with self.engine.connect() as conn:
            return pd.read_sql(select(a).order_by(a.c.id.desc()), conn)

    def aksi_years(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return pd.read_sql(select(tables.aksi_tahun).order_by(tables.aksi_tahun.c.tahun), conn)

    def aksi_progress(self) -> pd.DataFrame:
        """All aksi progress rows, ordered by year, aksi, tahapan and kelurahan."""
        t = tables.aksi_progress
        query = select(t).order_by(  # NULLs first, as SQLite sorts them (PostgreSQL: last)
            t.c.tahun,
            t.c.nomor_aksi,
            t.c.nomor_tahapan.nulls_first(),
            t.c.kode_kelurahan.nulls_first(),
        )
        with self.engine.connect() as conn:
            frame = pd.read_sql(query, conn)
        return frame.assign(**{s.NOMOR_TAHAPAN: frame[s.NOMOR_TAHAPAN].astype("Int64")})
