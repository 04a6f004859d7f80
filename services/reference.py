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
    use_reference_words(ref)
    return ref


def region_words(ref: Reference) -> dict[str, str]:
    """The region's words (``Region.words``), ``{jumlah_unit}`` (how many desa/kelurahan it
    has) and ``{kode_wilayah}`` (its Kemendagri code, "32.73")."""
    return {
        **ref.wilayah.words(),
        "jumlah_unit": str(len(ref.kelurahan)),
        "kode_wilayah": ref.wilayah.kode,
    }


def use_reference_words(ref: Reference) -> None:
    """Make every later ``text.strings.t`` speak of ``ref``'s region (called on each page run
    too, so that a cached reference still sets the words of the process)."""
    use_region(region_words(ref))
