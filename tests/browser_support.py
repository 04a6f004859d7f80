"""Helpers for the real-browser tests: a `streamlit run` server on a free port and Debian's
chromium driven by Playwright, with every request outside localhost recorded and blocked."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Debian's chromium (installed by `make test`); never a browser downloaded by Playwright.
CHROMIUM = os.environ.get("DASBOR_CHROMIUM") or shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    db_url: str, port: int, log: Path, env: dict[str, str] | None = None, script: str = "app.py"
) -> subprocess.Popen:
    """Start the server as ``make run`` does (``manage.py serve``: modules imported and store
    opened first, then ``streamlit run app.py``, or ``script``) and wait until
    /_stcore/health answers (60 s at most)."""
    env = {**os.environ, "DASBOR_DB_URL": db_url, **(env or {})}
    proc = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "serve",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError(f"streamlit did not become healthy:\n{log.read_text()}")


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "chrome", "chrome-extension"):
        return True
    return parsed.hostname in LOCAL_HOSTS
