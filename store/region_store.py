"""The region (kabupaten/kota) a database serves, so that one region's data never lands in
another's.

The first start-up records the reference folder's region (``wilayah.csv``: code and name) in
``wilayah_basis_data``; every later start compares. A start with another region's folder —
``DASBOR_REFERENCE_DIR`` switched while ``DASBOR_DB_URL`` stayed — raises ``OtherRegion``
before anything is written (lokus, demo data), naming both regions.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, insert, inspect, select

from store import tables
from store.audit_store import log_event
from store.errors import writes
from text.strings import t

SYSTEM = "sistem"
WILAYAH = "wilayah basis data"  # audit kind of the one-time record


class OtherRegion(Exception):
    """The database was created for another kabupaten/kota than the reference folder's."""

    def __init__(self, stored: tuple[str, str], wanted: tuple[str, str]):
        self.stored, self.wanted = stored, wanted
        super().__init__(
            t(
                "error.other_region",
                lama=stored[1],
                kode_lama=stored[0],
                baru=wanted[1],
                kode_baru=wanted[0],
            )
        )


class RegionStore:
    engine: Engine

    def database_region(self) -> tuple[str, str] | None:
        """``(kode, nama)`` of the region this database was created for; None before the
        first start-up recorded one (or in a database made before migration 18)."""
        r = tables.wilayah_basis_data
        with self.engine.connect() as conn:
            row = conn.execute(select(r.c.kode, r.c.nama).limit(1)).first()
        return None if row is None else (row.kode, row.nama)

    def claim_region(self, kode: str, nama: str) -> None:
        """Record region ``kode`` (``"32.73"``) as this database's when none is recorded;
        raise ``OtherRegion`` when another one is. A schema older than migration 18 (only ever
        seen when code of that age runs the migrations) has nowhere to record it."""
        if not inspect(self.engine).has_table(tables.wilayah_basis_data.name):
            return
        stored = self.database_region()
        if stored is None:
            self._record_region(kode, nama)
        elif stored[0] != kode:
            raise OtherRegion(stored, (kode, nama))

    @writes
    def _record_region(self, kode: str, nama: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(tables.wilayah_basis_data).values(
                    kode=kode, nama=nama, dicatat=datetime.now(UTC)
                )
            )
            log_event(conn, SYSTEM, WILAYAH, f"{nama} ({kode})", "dicatat pada awal pertama")
