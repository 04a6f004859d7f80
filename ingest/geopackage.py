"""The features of an uploaded GeoPackage, read from its bytes in memory through Python's
``sqlite3`` (never through GDAL, never from disk, never the app's own database).

Only a plain features table named in ``gpkg_contents`` is read: a view or a virtual table is
never queried, the file is opened read-only with an untrusted schema, and only SQLite's own
functions exist here, so nothing in the file can open another file or a URL. Geometries are the
GeoPackage binary header followed by standard WKB (``shapely.from_wkb``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.errors import ShapelyError

from ingest.limits import shown

SQLITE_HEADER = b"SQLite format 3\x00"
GPKG_IDS = (b"GPKG", b"GP10", b"GP11")  # application_id of GeoPackage 1.2+, 1.0 and 1.1
ENVELOPE_BYTES = (0, 32, 48, 48, 64)  # by the envelope indicator of the geometry header


class GeoPackageProblem(Exception):
    """The GeoPackage cannot be read; the message says why and what to do."""


@dataclass
class Layer:
    """The first features table: its name, attribute rows and geometries (same order)."""

    table: str
    n_layers: int
    n_rows: int  # in the table; ``records`` holds at most ``max_rows`` of them
    records: list[dict]
    geometries: list[shapely.Geometry | None]
    crs: CRS | None


def is_sqlite(data: bytes) -> bool:
    return data.startswith(SQLITE_HEADER)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _geometry(blob: object) -> shapely.Geometry | None:
    """A GeoPackage geometry: the ``GP`` header, an optional envelope, then standard WKB."""
    if blob is None:
        return None
    if not isinstance(blob, bytes) or len(blob) < 8 or blob[:2] != b"GP" or blob[3] & 0x20:
        raise ValueError("bukan geometri GeoPackage standar")
    return shapely.from_wkb(blob[8 + ENVELOPE_BYTES[(blob[3] >> 1) & 0x07] :])


def _crs(con: sqlite3.Connection, srs_id: int) -> CRS | None:
    """The layer's CRS from ``gpkg_spatial_ref_sys``: an EPSG code, else its WKT; None when
    undefined (srs_id -1 and 0)."""
    row = con.execute(
        "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys "
        "WHERE srs_id = ?",
        (srs_id,),
    ).fetchone()
    if row is None or srs_id in (-1, 0):
        return None
    organization, code, definition = row
    try:
        if str(organization).upper() == "EPSG" and isinstance(code, int):
            return CRS.from_epsg(code)
        return CRS.from_wkt(str(definition))
    except CRSError as err:
        raise GeoPackageProblem(
            f"CRS GeoPackage (srs_id {srs_id}) tidak dikenali. Simpan ulang GeoPackage dengan "
            "CRS berkode EPSG (mis. EPSG:4326 atau EPSG:32748)."
        ) from err


def read_layer(data: bytes, max_rows: int) -> Layer:
    """The first plain features table of the GeoPackage ``data``, at most ``max_rows`` rows
    (the feature id column left out, as GDAL does)."""
    if not is_sqlite(data) or data[68:72] not in GPKG_IDS:
        raise GeoPackageProblem(
            "Berkas ini basis data SQLite, tetapi bukan GeoPackage (application_id bukan 'GPKG'). "
            "Ekspor ulang batas sebagai GeoPackage dari aplikasi GIS."
        )
    con = sqlite3.connect(":memory:")
    try:
        con.deserialize(data)
        con.execute("PRAGMA query_only = ON")
        con.execute("PRAGMA trusted_schema = OFF")
        plain = {
            name
            for name, sql in con.execute("SELECT name, sql FROM sqlite_master WHERE type='table'")
            if not str(sql).lstrip().upper().startswith("CREATE VIRTUAL")
        }
        layers = [
            row
            for row in con.execute(
                "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c "
                "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
                "WHERE c.data_type = 'features' ORDER BY c.rowid"
            )
            if row[0] in plain
        ]
        if not layers:
            raise GeoPackageProblem(
                "GeoPackage tidak berisi tabel fitur yang dapat dibaca (view dan tabel virtual "
                "tidak dibaca). Simpan batas kelurahan sebagai lapisan fitur biasa."
            )
        table, geometry_column, srs_id = layers[0]
        info = con.execute(f"PRAGMA table_info({_quoted(table)})").fetchall()
        keys = {row[1] for row in info if row[5]}
        columns = [row[1] for row in info if row[1] not in keys and row[1] != geometry_column]
        selected = ", ".join(_quoted(c) for c in [geometry_column, *columns])
        rows = con.execute(
            f"SELECT {selected} FROM {_quoted(table)} LIMIT {int(max_rows)}"
        ).fetchall()
        (n_rows,) = con.execute(f"SELECT count(*) FROM {_quoted(table)}").fetchone()
        crs = _crs(con, srs_id)
    except (sqlite3.Error, TypeError, ValueError, OverflowError) as err:
        raise GeoPackageProblem(
            f"GeoPackage rusak atau tidak lengkap ({type(err).__name__}). Ekspor ulang dari "
            "aplikasi GIS."
        ) from err
    finally:
        con.close()
    geometries = []
    for number, row in enumerate(rows, start=1):
        try:
            geometries.append(_geometry(row[0]))
        except (ShapelyError, ValueError, IndexError) as err:
            raise GeoPackageProblem(
                f"Geometri fitur ke-{number} di GeoPackage tidak dapat dibaca "
                f"({type(err).__name__}). Perbaiki atau hapus fitur itu di aplikasi GIS."
            ) from err
    records = [dict(zip(columns, row[1:], strict=True)) for row in rows]
    return Layer(shown(table), len(layers), n_rows, records, geometries, crs)
