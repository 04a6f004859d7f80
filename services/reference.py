"""Loading the reference folder: the store reads the files' bytes (``store.reference_files``),
ingest reads and checks them and types the result (``ingest.reference``)."""

from __future__ import annotations

from pathlib import Path

from analysis.reference import Reference
from ingest.reference import reference_from_files
from store.reference_files import read_reference_files
from text.strings import use_region


def load_reference(folder: Path) -> Reference:
    """Read and validate every reference file of ``folder``; raise
    ``ingest.reference_problems.ReferenceDataError`` listing all problems."""
    ref = reference_from_files(read_reference_files(folder), folder)
    use_region(ref.wilayah.words())
    return ref
