"""The reference files (``data/reference``) from their bytes to the typed reference: each file
read as CSV, all checked as a whole (``ingest.reference_checks``) and returned typed
(``analysis.reference.Reference``).

The bytes come from ``store.reference_files`` (``services.reference.load_reference`` passes
them). Every problem in every file is collected before failing, so a user editing the files sees
all of them at once, each with file, row (as numbered in a spreadsheet: header = row 1), column
and fix.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from analysis.reference import COLUMNS, Reference, typed_reference
from ingest.reference_checks import check_reference
from ingest.reference_problems import Checker, ReferenceDataError

# Files a reference folder may leave out (an older ``DASBOR_REFERENCE_DIR`` pack): read as empty.
OPTIONAL = ("indikator_alias.csv", "sumber_alias.csv", "plausibilitas.csv")


def _read(name: str, content: bytes | None, folder: Path, check: Checker) -> pd.DataFrame | None:
    """One file's text frame (every cell stripped text), or ``None`` after adding its problem;
    ``folder`` only names where a missing file was looked for."""
    if content is None and name in OPTIONAL:
        return pd.DataFrame(columns=COLUMNS[name], dtype=str)
    if content is None:
        check.add(
            name, None, None, None, f"berkas tidak ditemukan di {folder}; pulihkan dari repositori."
        )
        return None
    try:
        df = pd.read_csv(
            io.BytesIO(content), dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
    except UnicodeDecodeError:
        check.add(
            name, None, None, None, "berkas bukan teks UTF-8; simpan ulang sebagai 'CSV UTF-8'."
        )
        return None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        detail = str(err).strip().splitlines()[-1]
        check.add(
            name,
            None,
            None,
            None,
            f"berkas tidak dapat dibaca sebagai CSV ({detail}); "
            "periksa pemisah koma dan jumlah kolom tiap baris.",
        )
        return None
    df = df.apply(lambda col: col.str.strip())
    missing = [c for c in COLUMNS[name] if c not in df.columns]
    if missing:
        check.add(
            name, 1, ", ".join(missing), None, "kolom wajib tidak ada; tambahkan di baris judul."
        )
        return None
    return df


def reference_from_files(files: Mapping[str, bytes | None], folder: Path) -> Reference:
    """Read and validate every reference file from its bytes (``None``: not in ``folder``);
    raise ``ReferenceDataError`` listing all problems."""
    c = Checker()
    raw = {name: _read(name, files.get(name), folder, c) for name in COLUMNS}
    if any(df is None for df in raw.values()):
        raise ReferenceDataError(c.problems)
    check_reference(raw, c)
    if c.problems:
        raise ReferenceDataError(c.problems)
    return typed_reference(raw)
