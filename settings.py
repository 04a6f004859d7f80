"""Every setting read from the environment (``DASBOR_*``), with defaults that work on a fresh
clone: the one registry, at the bottom of the layers (it imports no project module)."""

from __future__ import annotations

import os
import re
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
TEMPLATE_DIR = PROJECT_ROOT / "data" / "templat_wilayah"  # opd, source names of any kab/kota
DEFAULT_DB_PATH = PROJECT_ROOT / "var" / "dasbor.sqlite"


def database_url() -> str:
    """``DASBOR_DB_URL`` (any SQLAlchemy URL, e.g. PostgreSQL), else the reference folder's own
    SQLite file in ``var/`` (``default_db_path``)."""
    return os.environ.get("DASBOR_DB_URL") or f"sqlite:///{default_db_path()}"


def default_db_path() -> Path:
    """One database per region: ``var/dasbor.sqlite`` for the project's own ``data/reference``,
    ``var/dasbor-<folder name>.sqlite`` for another reference folder
    (``DASBOR_REFERENCE_DIR=data/regions/32.73`` → ``var/dasbor-32.73.sqlite``)."""
    folder = reference_dir().resolve()
    if folder == REFERENCE_DIR.resolve():
        return DEFAULT_DB_PATH
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", folder.name).strip("-.") or "wilayah"
    return DEFAULT_DB_PATH.with_name(f"dasbor-{name}.sqlite")


def view_requires_sign_in() -> bool:
    """Whether every page needs a signed-in user (``DASBOR_WAJIB_MASUK=1``); by default viewing
    is open and only changes need an editor."""
    return os.environ.get("DASBOR_WAJIB_MASUK", "0") in ("1", "true", "ya")


def reference_dir() -> Path:
    """``DASBOR_REFERENCE_DIR`` or the project's ``data/reference``."""
    return Path(os.environ.get("DASBOR_REFERENCE_DIR") or REFERENCE_DIR)


def load_demo_data() -> bool:
    """Whether an empty database gets the synthetic demo data (``DASBOR_DEMO=0`` turns it off)."""
    return os.environ.get("DASBOR_DEMO", "1") not in ("0", "false", "tidak")


def _megabytes(name: str, default: float) -> int:
    try:
        return int(float(os.environ.get(name) or default) * 1024 * 1024)
    except ValueError:
        return int(default * 1024 * 1024)


def max_upload_bytes() -> int:
    """Largest accepted upload (``DASBOR_MAX_UPLOAD_MB``, default 50 MB)."""
    return _megabytes("DASBOR_MAX_UPLOAD_MB", 50)


def max_measurement_bytes() -> int:
    """Largest accepted measurement file (``DASBOR_MAX_PENGUKURAN_MB``, default 100 MB): an
    e-PPGBM export of one child per row runs to about 300 bytes a row, 60 MB for 200,000."""
    return _megabytes("DASBOR_MAX_PENGUKURAN_MB", 100)


def max_archive_bytes() -> int:
    """Largest original file kept in the database for audit (``DASBOR_MAX_ARSIP_MB``, default 50 MB)."""
    return _megabytes("DASBOR_MAX_ARSIP_MB", 50)


def mendekati_poin() -> float:
    """How many points below target still count as 'mendekati' (``DASBOR_AMBANG_MENDEKATI``, 10)."""
    return _number("DASBOR_AMBANG_MENDEKATI", 10.0)


def min_penyebut() -> float:
    """Denominators below this many sasaran are flagged as too small (``DASBOR_PENYEBUT_MIN``, 30)."""
    return _number("DASBOR_PENYEBUT_MIN", 30.0)


def cakupan_ukur_waspada() -> float:
    """Coverage of measurement (children measured ÷ sasaran balita, percent) below which a
    recomputed prevalence is marked "⚠ rendah" (``DASBOR_CAKUPAN_UKUR_WASPADA``, 80)."""
    return _number("DASBOR_CAKUPAN_UKUR_WASPADA", 80.0)


def cakupan_ukur_percaya() -> float:
    """Coverage of measurement (percent) from which a recomputed prevalence is marked
    "✓ terpercaya" (``DASBOR_CAKUPAN_UKUR_PERCAYA``, 95)."""
    return _number("DASBOR_CAKUPAN_UKUR_PERCAYA", 95.0)


def perubahan_poin() -> float:
    """The practical size of a change in percentage points (``DASBOR_PERUBAHAN_POIN``, 2): a
    change is called membaik/memburuk only when its 95% interval excludes zero *and* it is at
    least this large (``analysis.change``)."""
    return _number("DASBOR_PERUBAHAN_POIN", 2.0)


def batas_lapor_hari() -> int:
    """Days after a period's end by which its indicator data is due (``DASBOR_BATAS_LAPOR_HARI``,
    10): a dataset uploaded later makes its values "terlambat" in the completeness report."""
    return int(_number("DASBOR_BATAS_LAPOR_HARI", 10.0))


def _number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value >= 0 else default


def max_evidence_bytes() -> int:
    """Largest evidence file for aksi progress (``DASBOR_MAX_BUKTI_MB``, default 10 MB)."""
    return _megabytes("DASBOR_MAX_BUKTI_MB", 10)


def largest_upload_mb() -> int:
    """The largest of the upload limits (indicator or boundary file, measurement file, evidence)
    in whole megabytes: Streamlit's own cap (``server.maxUploadSize``, set by ``manage.py
    serve``), so that raising a limit raises the cap and the uploader promises no more."""
    largest = max(max_upload_bytes(), max_measurement_bytes(), max_evidence_bytes())
    return upload_mb(largest)


def upload_mb(limit: int) -> int:
    """A limit in bytes as the whole megabytes a Streamlit uploader takes (at least 1)."""
    return max(1, -(-limit // (1024 * 1024)))


def cookie_secure() -> bool:
    """Whether the session cookie gets the ``Secure`` flag (``DASBOR_COOKIE_SECURE=1``): set it when
    the app is served over HTTPS (behind a reverse proxy); the browser then never sends the
    cookie over plain HTTP. (A proxy's ``X-Forwarded-Proto: https`` does the same.)"""
    return os.environ.get("DASBOR_COOKIE_SECURE", "0") in ("1", "true", "ya")


def trust_proxy() -> bool:
    """Whether the app runs behind a reverse proxy that sets ``X-Forwarded-For``
    (``DASBOR_PROXY_TEPERCAYA=1``): failed sign-ins are then counted by the address the proxy
    saw. Without a proxy the header is the visitor's own text, so it is ignored."""
    return os.environ.get("DASBOR_PROXY_TEPERCAYA", "0") in ("1", "true", "ya")
