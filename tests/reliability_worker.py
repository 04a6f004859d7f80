"""Child processes for ``tests/test_reliability.py`` (run as ``python -m tests.reliability_worker``).

``uploads URL FOLDER`` forks one process per ``*.csv`` in FOLDER; each validates its file, waits
until all have, then commits it through ``services.uploads`` and writes ``<file>.json`` (the
dataset id, or the ``StoreWriteError`` message). Forking after the imports keeps 20 processes
cheap; every child opens its own ``Store``.

``hang URL FILE`` commits FILE but stops inside the write transaction, after the values are
written: it prints ``inside`` and sleeps until the test kills it.

``initialise URL`` prints ``ready``, waits for a line on stdin, then runs
``services.bootstrap.initialise(URL, with_demo=True)`` and prints what it did as JSON.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from pathlib import Path

from sqlalchemy import event

from ingest.options import ImportOptions
from services import uploads
from services.bootstrap import initialise
from services.reference import load_reference
from settings import REFERENCE_DIR
from store import archive
from store.database import Store
from store.errors import StoreWriteError


def _upload_child(url: str, path: Path, ref, ready: int, go: int) -> int:
    """One forked upload: dry run, barrier, commit; the outcome goes to ``<path>.json``."""
    outcome: dict = {}
    store = None
    try:
        store = Store(url)
        data = path.read_bytes()
        plan, comparison = uploads.dry_run(store, ref, data, path.name, ImportOptions())
        os.write(ready, b"r")
        os.read(go, 1)
        outcome["dataset_id"] = uploads.commit(store, plan, comparison, data, f"proses {path.stem}")
    except StoreWriteError as err:
        outcome["ditolak"] = err.pesan
    except Exception:  # noqa: BLE001 - reported to the test, which fails on it
        outcome["galat"] = traceback.format_exc()
    finally:
        os.write(ready, b"r")  # harmless after the barrier; unblocks it after an early failure
        if store is not None:
            store.dispose()
    path.with_suffix(".json").write_text(json.dumps(outcome))
    return 0 if "galat" not in outcome else 1


def run_uploads(url: str, folder: Path) -> int:
    ref = load_reference(REFERENCE_DIR)
    files = sorted(folder.glob("*.csv"))
    # One dry run before forking loads what the import path imports lazily, once for all.
    warm = Store(url)
    uploads.dry_run(warm, ref, files[0].read_bytes(), files[0].name, ImportOptions())
    warm.dispose()
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    children = []
    for path in files:
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = _upload_child(url, path, ref, ready_w, go_r)
            finally:
                os._exit(code)
        children.append(pid)
    # Each child writes one byte when ready (and one more when done): wait for one per child.
    got = 0
    while got < len(children):
        chunk = os.read(ready_r, len(children) - got)
        if not chunk:
            break
        got += len(chunk)
    os.write(go_w, b"g" * len(children))
    codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children]
    print(json.dumps({"exit_codes": codes}))
    return 0 if all(c == 0 for c in codes) else 1


def run_hang(url: str, path: Path) -> int:
    """Commit ``path`` and stop inside the write transaction once the values and the archived
    file are written, with a small page cache so those uncommitted pages have already spilled
    into the WAL file when the test kills the process. The file is archived raw, as one that
    does not compress (an XLSX) is: compressed, the whole transaction would fit the cache."""
    ref = load_reference(REFERENCE_DIR)
    store = Store(url)
    event.listen(store.engine, "connect", lambda conn, _: conn.execute("PRAGMA cache_size=20"))
    data = path.read_bytes()
    plan, comparison = uploads.dry_run(store, ref, data, path.name, ImportOptions())
    log = Store._log

    def log_then_hang(*args):
        log(*args)
        print("inside", flush=True)
        time.sleep(600)

    Store._log = staticmethod(log_then_hang)
    archive.pack = lambda data: (data, None)
    uploads.commit(store, plan, comparison, data, "akan dihentikan")
    return 1  # never reached: the test kills this process


def run_initialise(url: str) -> int:
    print("ready", flush=True)
    sys.stdin.readline()
    store, _, report = initialise(url, with_demo=True)
    store.dispose()
    print(json.dumps({"migrations": report.migrations, "demo": report.demo_dataset_id}))
    return 0


def main(argv: list[str]) -> int:
    mode, url, *rest = argv
    if mode == "uploads":
        return run_uploads(url, Path(rest[0]))
    if mode == "hang":
        return run_hang(url, Path(rest[0]))
    if mode == "initialise":
        return run_initialise(url)
    raise SystemExit(f"mode tidak dikenal: {mode}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
