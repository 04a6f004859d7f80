"""A throwaway PostgreSQL server for the storage tests.

Debian's server binaries (``/usr/lib/postgresql/<version>/bin``) make a cluster in a temporary
folder; it listens only on a unix socket in that folder (no TCP port is opened) and is stopped
and removed at the end of the session. Each test gets a database of its own. The server refuses
to run as root, so under root the cluster belongs to the ``postgres`` system user.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

BIN_GLOB = "/usr/lib/postgresql/*/bin"
SERVER_USER = "postgres"
REQUIRE_ENV = "DASBOR_REQUIRE_PG"
# A cluster that only tests use: durability is not needed, speed is.
FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off"
# Not UTC, as a server in Jakarta may be: the store must read the same times whatever the zone.
ZONE = "-c TimeZone=Asia/Jakarta"


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot be found or started here (the message says why)."""


def required() -> bool:
    """Whether a missing PostgreSQL must fail the tests (``DASBOR_REQUIRE_PG=1``) instead of
    skipping them."""
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def find_bin_dir() -> Path | None:
    """The newest ``/usr/lib/postgresql/*/bin`` holding ``initdb`` and ``pg_ctl``, if any."""

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", path.parent.name))

    found = [
        Path(p)
        for p in glob.glob(BIN_GLOB)
        if (Path(p) / "initdb").is_file() and (Path(p) / "pg_ctl").is_file()
    ]
    return max(found, key=version) if found else None


def _free_port() -> int:
    """A port number for the socket's name (``.s.PGSQL.<port>``); nothing listens on TCP."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """A running throwaway cluster; ``url(name)`` reaches a database on it."""

    def __init__(self, bin_dir: Path, root: Path, port: int):
        self.bin_dir, self.root, self.port = bin_dir, root, port
        self.data = root / "data"
        self._names = itertools.count(1)

    def _run(self, program: str, *args: str) -> None:
        argv = [str(self.bin_dir / program), *args]
        if os.geteuid() == 0:
            argv = ["runuser", "-u", SERVER_USER, "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        if done.returncode:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise PostgresUnavailable(
                f"{program} gagal (kode {done.returncode}): {done.stderr.strip()[-2000:]}\n{tail}"
            )

    def start(self) -> None:
        # UTF-8 and the C collation whatever the machine's locale (LANG unset would give
        # SQL_ASCII): text sorts byte by byte, as in SQLite.
        self._run(
            "initdb", "-D", str(self.data), "-U", SERVER_USER, "-A", "trust",
            "--encoding=UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        options = f"-k {self.root} -p {self.port} -c listen_addresses='' {FAST} {ZONE}"
        log = str(self.root / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "start")

    def stop(self) -> None:
        """Stop the server (immediately: nothing in it is kept) and remove its folder."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SERVER_USER}@/{database}?host={self.root}&port={self.port}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.root), port=self.port, user=SERVER_USER, dbname="postgres",
            autocommit=True,
        ) as conn:  # fmt: skip
            conn.execute(sql)

    def create_database(self, hint: str = "db", template: str | None = None) -> str:
        """A new empty database (or a copy of ``template``, which nobody may be connected to);
        returns its name."""
        name = f"t{next(self._names)}_{re.sub(r'[^a-z0-9_]', '_', hint.lower())}"[:60]
        source = f' TEMPLATE "{template}"' if template else ""
        self._admin(f'CREATE DATABASE "{name}"{source}')
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, closing whatever connections a test left open to it."""
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server() -> PostgresServer | str:
    """Start a throwaway cluster; or, when PostgreSQL cannot be found or started here, a
    sentence saying why (the fixture skips or fails with it)."""
    try:
        return _start()
    except PostgresUnavailable as err:
        return str(err)


def _start() -> PostgresServer:
    try:
        import psycopg  # noqa: F401
    except ImportError as err:
        raise PostgresUnavailable(
            "driver psycopg tidak terpasang (pip install -r requirements.txt)"
        ) from err
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise PostgresUnavailable(
            f"server PostgreSQL tidak ditemukan di {BIN_GLOB} "
            "(pasang dengan: apt-get install -y postgresql)"
        )
    root = Path(tempfile.mkdtemp(prefix="dasbor-pg-"))
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam(SERVER_USER)
        except KeyError as err:
            shutil.rmtree(root, ignore_errors=True)
            raise PostgresUnavailable(f"pengguna sistem '{SERVER_USER}' tidak ada") from err
        os.chown(root, user.pw_uid, user.pw_gid)
    server = PostgresServer(bin_dir, root, _free_port())
    try:
        server.start()
    except PostgresUnavailable:
        server.stop()  # a half-started server must not outlive the session
        raise
    return server
