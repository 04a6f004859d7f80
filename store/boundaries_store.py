"""Kelurahan boundaries (``Store`` inherits ``BoundaryStore``): each imported boundary file is a
version (kelurahan code → GeoJSON geometry); the newest active version is the map's, and a
version is rolled back or restored, never deleted."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, insert, select, update

from analysis.text_clean import clean_text
from store import audit_store as audit
from store import tables
from store.audit_store import log_event
from store.errors import writes


class BoundaryStore:
    engine: Engine

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
