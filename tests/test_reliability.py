"""Reliability of the store on a real SQLite file: 20 uploads at once (threads, processes), a
process killed inside an import, a restart, a read-only, full or busy database, and two workers
starting on a new database together. Child processes run ``tests/reliability_worker.py``."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from analysis.aksi import changes, year_template
from demo.activities import synthetic_activities
from ingest.options import ImportOptions
from services import uploads
from services.bootstrap import initialise
from store import errors
from store.database import Store
from store.errors import StoreWriteError, write_error, writes
from tests import ingest_files as f
from tests.stored import values_db

ROOT = Path(__file__).resolve().parent.parent
N_UPLOADS = 20
SHARED_KEY = ("31.72.02.1007", "SPE04", "2024-Q2")  # a value every concurrent file holds
WORKER_TIMEOUT = 300  # seconds; only stops a hung child, never a measure of speed


def url_of(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture()
def db(tmp_path):
    """Path of a migrated SQLite database without demo data (no Store left open)."""
    path = tmp_path / "andal.sqlite"
    store, _, _ = initialise(url_of(path), with_demo=False)
    store.dispose()
    return path


def period(i: int) -> str:
    return f"{2020 + i // 4}-Q{i % 4 + 1}"


def concurrent_file(i: int, codes: list[str]) -> bytes:
    """File ``i`` of the concurrent uploads: SPE02 of every kelurahan for its own quarter, and
    the shared key with numerator ``i + 1``."""
    rows = [f"{c};;SPE02;{period(i)};{(n * 7 + i) % 40};40;" for n, c in enumerate(codes)]
    return f.long_csv(*rows, f"{SHARED_KEY[0].replace('.', '')};;SPE04;2024-Q2;{i + 1};40;")


def concurrent_files(ref) -> dict[str, bytes]:
    codes = ref.kelurahan["kode_kelurahan_10"].tolist()
    return {f"unggah_{i:02d}.csv": concurrent_file(i, codes) for i in range(N_UPLOADS)}


def expected_values(i: int, ref) -> dict[tuple, float]:
    """(kode_wilayah, kode_indikator, periode) → pembilang of ``concurrent_file(i)``."""
    codes = ref.kelurahan["kode_kelurahan"].tolist()
    values = {(c, "SPE02", period(i)): float((n * 7 + i) % 40) for n, c in enumerate(codes)}
    return values | {SHARED_KEY: float(i + 1)}


def assert_all_stored_once(path: Path, files: dict[str, bytes], committed: dict[str, int], ref):
    """Datasets, upload history, archived files and values hold each committed file exactly
    once, and the current values are the union (the shared key from the newest dataset)."""
    store = Store(url_of(path))
    try:
        sets = store.datasets()
        assert Counter(sets["nama_berkas"]) == Counter(committed.keys())
        assert dict(zip(sets["id"], sets["nama_berkas"], strict=True)) == {
            ds: name for name, ds in committed.items()
        }
        assert set(sets["status"]) == {"aktif"} and set(sets["jumlah_baris"]) == {32}
        history = store.dataset_history()
        assert Counter(zip(history["dataset_id"], history["aksi"], strict=True)) == Counter(
            (ds, "unggah") for ds in committed.values()
        )
        for name, ds in committed.items():
            assert store.dataset_file(ds) == (name, files[name])
        current = store.indicator_values()
    finally:
        store.dispose()
    number = {name: int(name[7:9]) for name in committed}
    stored = values_db(url_of(path)).execute(
        "select dataset_id, kode_wilayah, kode_indikator, periode, pembilang from indicator_value"
    )
    expected = [
        (ds, *key, pembilang)
        for name, ds in committed.items()
        for key, pembilang in expected_values(number[name], ref).items()
    ]
    assert Counter(stored.fetchall()) == Counter(expected)
    union = {}
    for name in sorted(committed, key=committed.get):  # oldest dataset first: newest wins
        union |= expected_values(number[name], ref)
    got = current.set_index(["kode_wilayah", "kode_indikator", "periode"])["pembilang"]
    assert got.to_dict() == union
    newest = max(committed, key=committed.get)
    assert union[SHARED_KEY] == number[newest] + 1


def test_twenty_concurrent_uploads_from_threads_all_commit(db, ref):
    """20 threads sharing one Store validate, meet at a barrier, then commit at once: all 20
    datasets are stored, each file's values exactly once."""
    files = concurrent_files(ref)
    store = Store(url_of(db))
    barrier = threading.Barrier(N_UPLOADS, timeout=WORKER_TIMEOUT)

    def upload(name: str) -> int | str:
        plan, comparison = uploads.dry_run(store, ref, files[name], name, ImportOptions())
        barrier.wait()
        try:
            return uploads.commit(store, plan, comparison, files[name], f"utas {name}")
        except StoreWriteError as err:  # a clean rejection; anything else fails the test
            return err.pesan

    try:
        with ThreadPoolExecutor(N_UPLOADS) as pool:
            outcomes = dict(zip(files, pool.map(upload, files), strict=True))
    finally:
        store.dispose()
    assert {n: o for n, o in outcomes.items() if isinstance(o, str)} == {}
    assert_all_stored_once(db, files, outcomes, ref)


def test_twenty_concurrent_uploads_from_processes_all_commit(db, ref, tmp_path):
    """20 processes, each with its own Store, commit at once: all 20 stored, none twice."""
    files = concurrent_files(ref)
    folder = tmp_path / "berkas"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "tests.reliability_worker", "uploads", url_of(db), str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WORKER_TIMEOUT,
        check=False,
    )
    reports = {name: (folder / name).with_suffix(".json") for name in files}
    outcomes = {
        name: json.loads(p.read_text()) if p.exists() else {"tanpa hasil": result.stderr}
        for name, p in reports.items()
    }
    assert {n: o for n, o in outcomes.items() if "dataset_id" not in o} == {}  # none rejected
    assert result.returncode == 0, result.stderr
    assert_all_stored_once(db, files, {n: o["dataset_id"] for n, o in outcomes.items()}, ref)


def dump(path: Path) -> list[str]:
    """Every table's schema and rows, as SQL text."""
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def upload_file(store, ref, content: bytes, name: str, oleh: str = "Rina") -> int:
    plan, comparison = uploads.dry_run(store, ref, content, name, ImportOptions())
    return uploads.commit(store, plan, comparison, content, oleh)


def large_file(ref) -> bytes:
    """About 10,000 values: every percentage indicator of every kelurahan for 12 quarters."""
    indikator = ref.indikator.loc[ref.indikator["satuan"] == "persen", "kode"].tolist()
    codes = ref.kelurahan["kode_kelurahan_10"].tolist()
    rows = [
        f"{c};;{k};{period(q)};{(n + q) % 30};40;"
        for q in range(12)
        for k in indikator
        for n, c in enumerate(codes)
    ]
    return f.long_csv(*rows)


def seed(path: Path, ref) -> list[int]:
    """Two uploads, the second rolled back, an aksi year with an edit and a meeting note."""
    store = Store(url_of(path))
    try:
        first = upload_file(store, ref, f.long_csv("3172021007;;SPE02;2024-Q2;8;10;"), "a.csv")
        second = upload_file(store, ref, f.long_csv("3172041001;;SPE02;2024-Q2;1;2;"), "b.csv")
        store.set_dataset_active(second, False, "Budi", "periode salah")
        rows = year_template(ref.kerangka, ref.tahapan, "SKEMA2025", 2026, set())
        store.add_aksi_year(2026, "SKEMA2025", rows, "Rina")
        before = store.aksi_progress().iloc[[0]]
        after = before.assign(status="berjalan", progres_persen=40.0)
        store.update_aksi_progress(2026, after, changes(before, after), "Budi")
        store.save_meeting_notes(2025, "2025-Q4", {"situasi": "Prevalensi turun"}, "Rina")
    finally:
        store.dispose()
    return [first, second]


def test_sigkill_inside_an_import_leaves_stored_data_intact(db, ref, tmp_path):
    """A process killed (SIGKILL) inside the write transaction of a large import, after its
    pages reached the WAL file: the database is intact, identical to before, the partial
    dataset absent, and a fresh Store imports again."""
    seed(db, ref)
    before = dump(db)
    wal = Path(f"{db}-wal")
    wal_before = wal.stat().st_size if wal.exists() else 0
    big = tmp_path / "besar.csv"
    big.write_bytes(large_file(ref))
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability_worker", "hang", url_of(db), str(big)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        marker = child.stdout.readline()
        wal_at_kill = wal.stat().st_size if wal.exists() else 0
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=WORKER_TIMEOUT)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert marker == "inside\n", child.stderr.read()
    assert child.returncode == -signal.SIGKILL
    assert wal_at_kill > wal_before  # the uncommitted import had written pages to disk
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    con.close()
    assert dump(db) == before
    store = Store(url_of(db))
    try:
        assert store.datasets()["nama_berkas"].tolist() == ["b.csv", "a.csv"]
        again = upload_file(store, ref, f.long_csv("3172011001;;SPE02;2024-Q3;3;4;"), "c.csv")
        assert store.datasets()["id"].tolist() == [again, 2, 1]
    finally:
        store.dispose()


def snapshot(store: Store, ids: list[int]) -> dict[str, object]:
    """Everything the app reads back, by name."""
    return {
        "datasets": store.datasets(),
        "history": store.dataset_history(),
        "current": store.indicator_values(),
        **{f"values {i}": store.dataset_values(i) for i in ids},
        **{f"file {i}": store.dataset_file(i) for i in ids},
        "aksi years": store.aksi_years(),
        "aksi": store.aksi_progress(),
        "aksi audit": store.aksi_audit(),
        "notes": store.meeting_notes(2025, "2025-Q4"),
        "note history": store.meeting_note_history(),
        "activities": store.activities(),
        "activity audit": store.activity_audit(),
        "audit": store.audit_log(),
        "lokus": store.lokus(),
    }


def test_restart_reads_back_everything(db, ref):
    """Datasets, a roll-back, aksi edits, a meeting note and activities written through one
    Store read back identical through a new Store after migrations ran again; start-up
    itself writes nothing."""
    ids = seed(db, ref)
    store = Store(url_of(db))
    store.save_activities("Rina", new=synthetic_activities(ref.kelurahan, set()).head(3))
    before = snapshot(store, ids)
    store.dispose()
    raw = dump(db)
    again, _, report = initialise(url_of(db), with_demo=True)
    try:
        after = snapshot(again, ids)
    finally:
        again.dispose()
    assert report.migrations == [] and report.demo_dataset_id is None
    assert dump(db) == raw
    assert before.keys() == after.keys()
    for name, frame in before.items():
        if isinstance(frame, pd.DataFrame):
            pd.testing.assert_frame_equal(after[name], frame, obj=name)
        else:
            assert after[name] == frame, name
    assert before["current"]["kode_wilayah"].tolist() == ["31.72.02.1007"]  # b is rolled back
    assert before["notes"] == {"situasi": "Prevalensi turun"}
    assert len(before["activities"]) == 3


def write_attempts(store: Store, ref) -> dict[str, object]:
    """One call of each kind of write (upload, roll-back, aksi, note, activity)."""
    content = f.long_csv("3172011001;;SPE02;2024-Q3;3;4;")
    plan, comparison = uploads.dry_run(store, ref, content, "c.csv", ImportOptions())
    rows = year_template(ref.kerangka, ref.tahapan, "8AKSI", 2027, set())
    return {
        "unggah": lambda: uploads.commit(store, plan, comparison, content, "Rina"),
        "batalkan": lambda: store.set_dataset_active(1, False, "Rina"),
        "tahun aksi": lambda: store.add_aksi_year(2027, "8AKSI", rows, "Rina"),
        "catatan": lambda: store.save_meeting_notes(2025, "2025-Q4", {"aksi": "baru"}, "Rina"),
        "kegiatan": lambda: store.save_activities(
            "Rina", new=synthetic_activities(ref.kelurahan, set()).head(1)
        ),
    }


def test_read_only_database_refuses_every_write_with_a_clear_message(db, ref):
    """Through a read-only SQLite URL the app still reads, and each write raises
    StoreWriteError saying the database is read-only; the file is unchanged."""
    seed(db, ref)
    before = dump(db)
    store = Store(f"sqlite:///file:{db}?mode=ro&uri=true")
    try:
        assert len(store.datasets()) == 2
        for name, attempt in write_attempts(store, ref).items():
            with pytest.raises(StoreWriteError) as info:
                attempt()
            assert info.value.jenis == errors.HANYA_BACA, name
            assert str(info.value).startswith("Basis data hanya-baca: perubahan tidak disimpan.")
            assert info.value.pesan.endswith("Data yang sudah tersimpan tidak berubah.")
            assert "readonly" in info.value.rincian
    finally:
        store.dispose()
    assert dump(db) == before
    assert not Path("file:").exists()  # the URI is not taken for a folder to create


@pytest.fixture()
def small_tmpfs(tmp_path):
    """A 3 MB tmpfs (needs root and permission to mount; skipped where mounting is refused)."""
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"tmpfs tidak dapat dipasang di sini: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


SMALL = f.long_csv(*[f"3172011001;;SPE02;{period(q)};{q};40;" for q in range(8)])


def fill(folder: Path) -> Path:
    """Write a file until the file system has no space left; return it."""
    filler = folder / "pengisi.bin"
    with filler.open("wb", buffering=0) as out:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    out.write(b"\0" * size)
            except OSError:
                pass
    return filler


def assert_full_then_recovers(store: Store, ref, path: Path, content: bytes) -> None:
    before = dump(path)
    with pytest.raises(StoreWriteError) as info:
        upload_file(store, ref, content, "penuh.csv")
    assert info.value.jenis == errors.PENUH
    assert str(info.value).startswith("Disk penuh: perubahan tidak disimpan.")
    assert dump(path) == before


def test_full_disk_gives_a_clear_error_and_changes_nothing(small_tmpfs, ref):
    """On a file system with no space left an upload raises StoreWriteError 'Disk penuh';
    the stored data is unchanged, and once space is freed the same upload commits."""
    path = small_tmpfs / "penuh.sqlite"
    store, _, _ = initialise(url_of(path), with_demo=False)
    try:
        first = upload_file(store, ref, f.long_csv("3172021007;;SPE02;2024-Q2;8;10;"), "a.csv")
        filler = fill(small_tmpfs)
        assert_full_then_recovers(store, ref, path, SMALL)
        filler.unlink()
        second = upload_file(store, ref, SMALL, "penuh.csv")
        assert store.datasets()["id"].tolist() == [second, first]
    finally:
        store.dispose()


def test_database_at_its_size_limit_gives_the_full_disk_error(db, ref):
    """SQLite's page limit (``max_page_count``) stands in for a full disk where mounting is not
    allowed: same SQLITE_FULL error, same message, nothing changed."""
    seed(db, ref)
    con = sqlite3.connect(db)
    con.execute("VACUUM")  # no free pages left inside the file: any new row needs a new page
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    store = Store(url_of(db))
    event.listen(
        store.engine, "connect", lambda conn, _: conn.execute(f"PRAGMA max_page_count={pages}")
    )
    try:
        assert_full_then_recovers(store, ref, db, SMALL)
    finally:
        store.dispose()
    store = Store(url_of(db))
    try:
        assert upload_file(store, ref, SMALL, "penuh.csv") == 3
    finally:
        store.dispose()


def test_busy_database_gives_a_clear_error_and_then_works(db, ref):
    """While another connection holds the write lock longer than the wait (here 0.2 s from the
    URL), a write raises StoreWriteError 'sedang sibuk'; after release it commits."""
    store = Store(url_of(db) + "?timeout=0.2")
    content = f.long_csv("3172021007;;SPE02;2024-Q2;8;10;")
    plan, comparison = uploads.dry_run(store, ref, content, "a.csv", ImportOptions())
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreWriteError, match="^Basis data sedang sibuk") as info:
            uploads.commit(store, plan, comparison, content, "Rina")
        assert info.value.jenis == errors.SIBUK
        holder.execute("ROLLBACK")
        assert uploads.commit(store, plan, comparison, content, "Rina") == 1
    finally:
        holder.close()
        store.dispose()


class PgError(Exception):
    """A driver error as psycopg (``sqlstate``) or psycopg2 (``pgcode``) raises it."""

    def __init__(self, message: str, sqlstate: str | None = None, pgcode: str | None = None):
        super().__init__(message)
        self.sqlstate, self.pgcode = sqlstate, pgcode


@pytest.mark.parametrize(
    ("orig", "jenis"),
    [
        (PgError("cannot execute INSERT in a read-only transaction", "25006"), "hanya_baca"),
        (PgError("permission denied for table dataset", pgcode="42501"), "hanya_baca"),
        (PgError("could not extend file: No space left on device", "53100"), "penuh"),
        (PgError("canceling statement due to lock timeout", "55P03"), "sibuk"),
        (PgError("deadlock detected", pgcode="40P01"), "sibuk"),
        (PgError("server closed the connection unexpectedly", "08006"), "koneksi"),
        (PgError("terminating connection due to administrator command", "57P01"), "koneksi"),
        (PgError('connection to server on socket "/run/.s.PGSQL.5432" failed'), "koneksi"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "hanya_baca"),
        (sqlite3.OperationalError("database or disk is full"), "penuh"),
        (sqlite3.OperationalError("database is locked"), "sibuk"),
        (sqlite3.OperationalError("disk I/O error"), "disk"),
        (sqlite3.DatabaseError("database disk image is malformed"), "rusak"),
        (sqlite3.OperationalError("unable to open database file"), "koneksi"),
        (sqlite3.OperationalError("something new"), "lain"),
    ],
)
def test_driver_errors_map_to_a_message(orig, jenis):
    """SQLite and PostgreSQL errors, by code or message, get the matching Indonesian message."""
    err = write_error(OperationalError("INSERT INTO dataset ...", {}, orig))
    assert (err.jenis, err.pesan) == (jenis, errors.MESSAGES[jenis])
    assert err.rincian == str(orig)


def test_bugs_are_not_disguised_as_write_errors():
    """A constraint violation or bad SQL is raised as it is; other exceptions pass through."""
    assert write_error(IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE"))) is None
    assert write_error(ProgrammingError("SELEC", {}, PgError("syntax error", "42601"))) is None
    assert write_error(ValueError("Tahun 2026 sudah ada.")) is None

    @writes
    def violate():
        raise IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed"))

    with pytest.raises(IntegrityError):
        violate()


def test_two_workers_starting_together_load_the_demo_once(tmp_path, demo_db):
    """Two processes run ``initialise(url, with_demo=True)`` at the same moment on a new
    database: both succeed and the database holds what one start-up makes."""
    url = url_of(tmp_path / "baru.sqlite")
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.reliability_worker", "initialise", url],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        assert [w.stdout.readline() for w in workers] == ["ready\n", "ready\n"]
        for w in workers:  # both start as soon as both have imported the app
            w.stdin.write("go\n")
            w.stdin.flush()
        outputs = [w.communicate(timeout=WORKER_TIMEOUT) for w in workers]
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
                w.wait()
    assert [w.returncode for w in workers] == [0, 0], [err for _, err in outputs]
    reports = sorted((json.loads(out) for out, _ in outputs), key=lambda r: r["demo"] is None)
    assert reports[0]["demo"] == 1 and reports[1] == {"migrations": [], "demo": None}
    assert table_counts(url) == table_counts(demo_db)


def table_counts(url: str) -> dict[str, int]:
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        names = [r[0] for r in con.execute("select name from sqlite_master where type='table'")]
        return {n: con.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names}
    finally:
        con.close()
