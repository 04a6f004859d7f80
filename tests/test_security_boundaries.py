"""Boundary uploads cannot read server files or fetch URLs (issue 21, point 1): an OGR VRT under
any file name, a VRT inside a zip, a GeoPackage whose layer is a view over a virtual table, a
SQLite database, and ``/vsicurl/`` or GeoJSON ``crs`` links against a local HTTP server that
must see no request; values from the file come back in problems as short excerpts only; real
GeoJSON, zipped Shapefile and GeoPackage still import.

Every payload is built here from the project's approximate areas and files in ``tmp_path``.
"""

from __future__ import annotations

import http.server
import io
import json
import sqlite3
import threading
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from analysis import schema as s
from ingest.boundaries import BoundaryPlan, read_boundaries

SECRET = "SANGAT-RAHASIA-7731"
SQUARE = "POLYGON((106.80 -6.10, 106.81 -6.10, 106.81 -6.11, 106.80 -6.10))"


@pytest.fixture()
def secret_file(tmp_path: Path) -> Path:
    """A server file an attacker would like to read (read by GDAL as CSV: header, one row)."""
    path = tmp_path / "secrets.csv"
    path.write_text(f"password={SECRET}\nbaris_{SECRET}\n")
    return path


@pytest.fixture()
def http_server() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server that records every request it receives."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            seen.append(self.path)
            body = f"nama\n{SECRET}\n".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_HEAD = do_GET  # noqa: N815

        def log_message(self, *_args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], seen
    server.shutdown()
    server.server_close()


def vrt(source: str) -> bytes:
    """An OGR VRT that reads ``source`` and gives every row a square in Jakarta Utara."""
    return (
        f"<OGRVRTDataSource><OGRVRTLayer name='batas'><SrcDataSource>{source}</SrcDataSource>"
        f"<SrcSQL>SELECT *, '{SQUARE}' AS wkt FROM secrets</SrcSQL>"
        "<GeometryField encoding='WKT' field='wkt'/></OGRVRTLayer></OGRVRTDataSource>"
    ).encode()


def everything_shown(plan: BoundaryPlan) -> str:
    """All text of a plan a visitor could see or the app could store."""
    return "\n".join(
        [plan.problems.to_csv(), *plan.notes, str(plan.column), str(plan.crs), plan.nama_berkas]
    )


def read(data: bytes, name: str, matcher, ref) -> BoundaryPlan:
    with warnings.catch_warnings():  # GDAL's warnings about a payload are not the point here
        warnings.simplefilter("ignore", RuntimeWarning)
        return read_boundaries(data, name, matcher, ref.kelurahan)


@pytest.mark.parametrize("name", ["batas.geojson", "batas.json", "batas.gpkg"])
def test_vrt_under_a_boundary_name_cannot_read_a_server_file(name, secret_file, matcher, ref):
    """An OGR VRT pointing at a server file is refused by its content; the secret never shows."""
    plan = read(vrt(str(secret_file)), name, matcher, ref)
    assert SECRET not in everything_shown(plan)
    assert not plan.can_commit and plan.n_errors == 1
    message = plan.problems["pesan"].iloc[0]
    assert message.startswith(f"{name}: ") and "XML (mis. OGR VRT" in message
    assert "tidak dibuka demi keamanan server" in message and "GeoPackage (.gpkg)" in message


def test_vrt_disguised_as_shp_in_a_zip_cannot_read_a_server_file(secret_file, matcher, ref):
    """A zip whose only member is a VRT called ``.shp`` (GDAL would open the lone member by its
    content) is refused: a .shp must start with the Shapefile code."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("kel.shp", vrt(str(secret_file)))
    plan = read(buffer.getvalue(), "batas.zip", matcher, ref)
    assert SECRET not in everything_shown(plan)
    assert not plan.can_commit
    assert "bukan Shapefile (tidak diawali kode .shp 9994)" in plan.problems["pesan"].iloc[0]


@pytest.mark.parametrize("path", ["/vsicurl/http://127.0.0.1:{port}/secrets.csv",
                                  "/vsicurl?url=http://127.0.0.1:{port}/secrets.csv",
                                  "CSV:/vsicurl/http://127.0.0.1:{port}/secrets.csv"])  # fmt: skip
def test_vrt_with_vsicurl_fetches_nothing(path, http_server, matcher, ref):
    """A VRT that names a URL makes no request to it and is refused."""
    port, seen = http_server
    plan = read(vrt(path.format(port=port)), "batas.geojson", matcher, ref)
    assert seen == []
    assert SECRET not in everything_shown(plan) and not plan.can_commit
    assert "XML (mis. OGR VRT" in plan.problems["pesan"].iloc[0]


def test_gdal_fetches_no_url_even_when_opened_directly(http_server):
    """Defence in depth: once ``ingest.boundaries`` is imported, GDAL itself refuses the network
    for the whole process, even for a VRT handed to it without the content checks."""
    port, seen = http_server
    payload = vrt(f"/vsicurl/http://127.0.0.1:{port}/secrets.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        with pytest.raises(Exception):  # noqa: B017, PT011 - GDAL's error kinds vary
            pyogrio.read_dataframe(io.BytesIO(payload))
    assert seen == []


def test_geojson_crs_link_is_not_followed(http_server, areas, matcher, ref):
    """An old-style GeoJSON ``crs`` member of type ``link`` (GDAL fetches its URL) is refused
    without a request."""
    port, seen = http_server
    doc = json.loads(areas[[s.KODE_KELURAHAN, "geometry"]].to_json())
    doc["crs"] = {"type": "link", "properties": {"href": f"http://127.0.0.1:{port}/crs.wkt"}}
    plan = read(json.dumps(doc).encode(), "batas.geojson", matcher, ref)
    assert seen == []
    assert not plan.can_commit
    assert "CRS berupa tautan tidak pernah diikuti" in plan.problems["pesan"].iloc[0]


def geopackage_with_view(areas: gpd.GeoDataFrame, folder: Path, source: str) -> bytes:
    """A GeoPackage whose one features layer is a view that reads an OGR virtual table over
    ``source`` (written into the schema directly, as an attacker would)."""
    path = folder / "batas.gpkg"
    areas[[s.KELURAHAN, "geometry"]].to_file(path, driver="GPKG", layer="kel")
    con = sqlite3.connect(path)
    con.execute("PRAGMA writable_schema = ON")
    con.executemany(
        "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, 0, ?)",
        [
            ("table", "rahasia", "rahasia",
             f"CREATE VIRTUAL TABLE rahasia USING VirtualOGR('{source}')"),
            ("view", "batas", "batas",
             f"CREATE VIEW batas AS SELECT k.fid AS fid, k.geom AS geom, k.{s.KELURAHAN} AS nama, "
             "(SELECT group_concat(field_1) FROM rahasia) AS catatan FROM kel k"),
        ],
    )  # fmt: skip
    con.commit()
    con.execute("PRAGMA writable_schema = OFF")
    con.execute("UPDATE gpkg_contents SET table_name = 'batas', identifier = 'batas'")
    con.execute("UPDATE gpkg_geometry_columns SET table_name = 'batas'")
    con.commit()
    con.close()
    return path.read_bytes()


def test_geopackage_view_over_a_virtual_table_is_not_read(
    areas, secret_file, matcher, ref, tmp_path
):
    """A GeoPackage layer that is a view (here over VirtualOGR on a server file) is never
    queried: only plain feature tables are read, and the message says so."""
    data = geopackage_with_view(areas, tmp_path, str(secret_file))
    plan = read(data, "batas.gpkg", matcher, ref)
    assert SECRET not in everything_shown(plan) and not plan.can_commit
    assert "view dan tabel virtual tidak dibaca" in plan.problems["pesan"].iloc[0]


def test_sqlite_database_that_is_no_geopackage_is_refused(tmp_path, matcher, ref):
    """A SQLite file (such as the app's own database) is not a GeoPackage: refused unread."""
    path = tmp_path / "dasbor.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE pengguna (nama TEXT, hash_sandi TEXT)")
    con.execute("INSERT INTO pengguna VALUES ('admin', ?)", (SECRET,))
    con.commit()
    con.close()
    plan = read(path.read_bytes(), "batas.gpkg", matcher, ref)
    assert SECRET not in everything_shown(plan) and not plan.can_commit
    assert "bukan GeoPackage (application_id bukan 'GPKG')" in plan.problems["pesan"].iloc[0]


def test_geopackage_with_two_layers_reads_the_first_and_says_so(areas, matcher, ref, tmp_path):
    """Only the first features table is read (by ``ingest.geopackage``); the note names it."""
    path = tmp_path / "batas.gpkg"
    areas[[s.KODE_KELURAHAN, "geometry"]].to_file(path, driver="GPKG", layer="kelurahan")
    areas[["geometry"]].to_file(path, driver="GPKG", layer="lain")
    plan = read(path.read_bytes(), "batas.gpkg", matcher, ref)
    assert len(plan.areas) == 31 and plan.problems.empty
    assert plan.notes[0] == (
        "GeoPackage berisi 2 lapisan fitur; yang dibaca lapisan pertama, 'kelurahan'."
    )


def test_long_unmatched_name_is_shown_as_a_short_excerpt(areas, matcher, ref):
    """A 5,000-character name that matches no kelurahan comes back as 40 characters at most,
    control characters replaced; the other 30 kelurahan still match."""
    named = areas[[s.KELURAHAN, "geometry"]].rename(columns={s.KELURAHAN: "nama"})
    long_value = ("Kelurahan\x0b" + SECRET + " ") * 170  # 5,100 characters
    named.loc[4, "nama"] = long_value
    named.loc[9, "nama"] = "Kel. Antah\u202eBerantah yang sangat panjang namanya ini"
    plan = read(named.to_json().encode(), "batas.geojson", matcher, ref)
    assert len(plan.areas) == 29 and plan.column == "nama"
    bad = plan.problems.loc[plan.problems["tingkat"] == "galat"]
    assert bad["baris"].tolist() == [5, 10]
    assert bad["nilai"].str.len().max() <= 40 and bad["nilai"].iloc[0].endswith("…")
    assert "\x0b" not in plan.problems.to_csv() and "\u202e" not in plan.problems.to_csv()
    assert long_value[:41] not in everything_shown(plan)
    assert (
        bad["pesan"].iloc[0] == "Nilai sepanjang 5.100 karakter ini bukan kode atau nama kelurahan."
    )
    assert bad["pesan"].iloc[1] == (
        "Kelurahan 'Kel. Antah?Berantah yang sangat panjang…' tidak dikenal di Kota Jakarta Utara."
    )


def zipped_shapefile(frame: gpd.GeoDataFrame, folder: Path) -> bytes:
    """The Shapefile of ``frame`` in a subfolder of a zip, with a Mac's resource files beside it."""
    (folder / "shp").mkdir()
    frame.to_file(folder / "shp" / "Batas Kel.shp")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for part in (folder / "shp").iterdir():
            z.write(part, f"batas/{part.name}")
            z.writestr(f"__MACOSX/batas/._{part.name}", b"\0\5\26\7")
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["geojson", "zip", "gpkg", "gpkg_utm", "geojson_crs_utm"])
def test_real_formats_still_import(kind, areas, matcher, ref, tmp_path):
    """GeoJSON (also an older one with a ``crs`` member), a zipped Shapefile and a GeoPackage
    (also in UTM) import all 31 kelurahan without a problem."""
    frame = areas[[s.KODE_KELURAHAN, s.KELURAHAN, "geometry"]].rename(
        columns={s.KODE_KELURAHAN: "KODE", s.KELURAHAN: "NAMA"}
    )
    if kind == "geojson":
        data = frame.to_json().encode()
    elif kind == "geojson_crs_utm":
        doc = json.loads(frame.to_crs("EPSG:32748").to_json())
        doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32748"}}
        data = json.dumps(doc).encode()
    elif kind == "zip":
        data = zipped_shapefile(frame, tmp_path)
    else:
        path = tmp_path / "batas.gpkg"
        (frame.to_crs("EPSG:32748") if kind == "gpkg_utm" else frame).to_file(path, driver="GPKG")
        data = path.read_bytes()
    plan = read(data, f"batas.{kind}", matcher, ref)
    assert plan.problems.empty and len(plan.areas) == 31 and plan.column == "KODE"
    assert plan.areas.crs == "EPSG:4326"
    pd.testing.assert_index_equal(
        pd.Index(sorted(plan.areas[s.KODE_KELURAHAN])), pd.Index(sorted(areas[s.KODE_KELURAHAN]))
    )
