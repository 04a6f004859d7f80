"""Official desa/kelurahan boundaries from a user's file: GeoJSON, zipped Shapefile or
GeoPackage.

``read_boundaries`` reads the bytes (any CRS, reprojected to EPSG:4326, refused when it does not
lie around the region's label points), matches every feature to a desa/kelurahan by code or name (never guessed: unmatched features are reported with the closest
candidates), repairs invalid geometry (and says so), merges parts of the same kelurahan,
simplifies for display, and reports what is missing. Nothing is stored here.

Only the three formats the page names are read, each recognised by its content, never by GDAL's
format detection (which would follow an OGR VRT or a ``/vsicurl/`` path to any server file or
URL). GeoJSON is parsed here with ``json`` and shapely (a ``crs`` link is never followed); a
GeoPackage is read by ``ingest.geopackage`` through Python's ``sqlite3`` (one plain features
table, no views or virtual tables, so no SQL function of GDAL runs); only a Shapefile goes to
GDAL. A zip is never handed to GDAL as it came: the parts of its one Shapefile are unpacked here
within the limits of ``ingest.limits`` (member count, unpacked size, safe names), the .shp and
.shx must start with the Shapefile code 9994, and they are packed again under fixed names, so
GDAL reads only bytes that were counted and checked. On import, GDAL's network access is
switched off for the whole process (``GDAL_CONFIG``).

Values from the file reach the problems table cut to ``SHOWN`` characters, control characters
replaced (``ingest.limits.shown``).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import warnings
import zipfile
from dataclasses import dataclass, field, replace

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.errors import ShapelyError
from shapely.geometry import shape

from analysis import schema as s
from analysis.geometry import WGS84, metric_crs, region_box
from analysis.region import Region, unit_word
from ingest.geopackage import GeoPackageProblem, is_sqlite, read_layer
from ingest.limits import (
    MAX_COLUMNS,
    LimitProblem,
    open_zip,
    read_member,
    shown,
    thousands,
    unsafe_member,
)
from ingest.matching import AreaMatch, AreaMatcher
from ingest.problems import GALAT, PERINGATAN, Problems

SIMPLIFY_M = 8.0  # metres: invisible at city scale, a fraction of the vertices
MAX_UNZIPPED = 100 * 1024 * 1024  # a detailed Shapefile of a kabupaten's desa is a few MB
MAX_MEMBERS = 200
MAX_FEATURES = 10_000  # up to ~900 desa of a kabupaten, perhaps split into parts
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
SHAPEFILE_CODE = (9994).to_bytes(4, "big")  # the first four bytes of every .shp and .shx
SHOWN = 40  # characters of a value from the file that a problem may repeat
MAX_NAME = 100  # characters: longer values cannot name a desa/kelurahan and are not matched
FORMATS = (
    "Unggah GeoJSON, Shapefile dalam satu zip (.shp, .shx, .dbf, .prj) atau GeoPackage (.gpkg)."
)
# GDAL reads only the Shapefile checked here, but should anything ever reach it that names a
# URL, it must not fetch it: /vsicurl/ only opens names with these (impossible) extensions,
# every other network access (/vsis3/, WFS, ogr_geocode …) goes to a proxy nobody listens on,
# and SQL functions that open other datasets stay off.
GDAL_CONFIG = {
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".dasbor-tanpa-jaringan",
    "GDAL_HTTP_PROXY": "127.0.0.1:1",
    "GDAL_HTTPS_PROXY": "127.0.0.1:1",
    "GDAL_HTTP_CONNECTTIMEOUT": "1",
    "GDAL_HTTP_TIMEOUT": "1",
    "GDAL_HTTP_MAX_RETRY": "0",
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",  # no directory listing when a file is opened
    "OGR_SQLITE_ALLOW_EXTERNAL_ACCESS": "NO",
    "GDAL_VRT_ENABLE_PYTHON": "NO",
    "GDAL_VRT_ENABLE_RAWRASTERBAND": "NO",
    "PROJ_NETWORK": "OFF",
}


def lock_down_gdal() -> None:
    """Switch off GDAL's network access for the whole process (``GDAL_CONFIG``)."""
    pyogrio.set_gdal_config_options(GDAL_CONFIG)


lock_down_gdal()


class BoundaryProblem(Exception):
    """The file as a whole cannot be used; the message says why and what to do."""


@dataclass
class BoundaryPlan:
    """What importing a boundary file would store; nothing is stored yet."""

    nama_berkas: str
    ukuran: int
    sha256: str
    areas: gpd.GeoDataFrame  # kode_kelurahan, geometry (EPSG:4326, simplified)
    problems: (
        pd.DataFrame
    )  # baris = feature number (1 = first), kolom, nilai, pesan, saran, tingkat
    n_features: int = 0
    crs: str | None = None
    column: str | None = None
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def n_errors(self) -> int:
        return int((self.problems["tingkat"] == GALAT).sum())

    @property
    def can_commit(self) -> bool:
        return len(self.areas) > 0


def _unpacked_shapefile(data: bytes) -> bytes:
    """The parts of the zip's one Shapefile, unpacked within the limits, checked and packed
    again (stored) as ``batas.shp``, ``batas.shx`` …"""
    try:
        archive = open_zip(
            data, MAX_MEMBERS, MAX_UNZIPPED,
            "Berkas zip rusak ({error}); buat ulang zip dari berkas .shp, .shx, .dbf dan .prj.",
        )  # fmt: skip
    except LimitProblem as err:
        raise BoundaryProblem(
            f"{err} Zip Shapefile batas desa/kelurahan satu kabupaten/kota cukup beberapa MB."
        ) from err
    members = [m for m in archive.infolist() if not m.is_dir()]
    for m in members:
        if unsafe_member(m.filename):
            raise BoundaryProblem(
                f"Zip berisi nama berkas yang tidak aman ('{shown(m.filename)}'): menunjuk ke luar "
                "foldernya. Buat ulang zip langsung dari berkas .shp, .shx, .dbf dan .prj."
            )
    members = [m for m in members if "__macosx/" not in m.filename.lower()]
    shps = [m.filename for m in members if m.filename.lower().endswith(".shp")]
    if not shps:
        nested = [m.filename for m in members if m.filename.lower().endswith(".zip")]
        if nested:
            raise BoundaryProblem(
                f"Zip berisi zip lain ('{shown(nested[0])}'); zip di dalam zip tidak dibuka. "
                "Buka zip itu, lalu unggah zip yang langsung berisi .shp, .shx, .dbf dan .prj."
            )
        raise BoundaryProblem("Zip tidak berisi berkas .shp. Sertakan .shp, .shx, .dbf dan .prj.")
    if len(shps) > 1:
        raise BoundaryProblem(
            f"Zip berisi {len(shps)} Shapefile ('{shown(shps[0], SHOWN)}', "
            f"'{shown(shps[1], SHOWN)}' …). Unggah zip yang hanya berisi Shapefile batas "
            "desa/kelurahan (.shp, .shx, .dbf, .prj dengan nama yang sama)."
        )
    stem = shps[0][:-4].lower()
    parts = {
        m.filename[len(stem) :].lower(): m
        for m in members
        if m.filename.lower() in {stem + ext for ext in SHAPEFILE_PARTS}
    }
    out, budget = io.BytesIO(), MAX_UNZIPPED
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as packed:
            for ext, m in parts.items():
                with packed.open("batas" + ext, "w", force_zip64=True) as target:
                    first = True
                    for chunk in read_member(archive, m, budget):
                        if first and ext in (".shp", ".shx") and chunk[:4] != SHAPEFILE_CODE:
                            raise BoundaryProblem(
                                f"Berkas '{shown(m.filename, SHOWN)}' di dalam zip bukan "
                                f"Shapefile (tidak diawali kode {ext} 9994). Ekspor ulang "
                                "Shapefile dari aplikasi GIS, lalu zip .shp, .shx, .dbf dan .prj."
                            )
                        first = False
                        budget -= len(chunk)
                        target.write(chunk)
                    if first and ext in (".shp", ".shx"):
                        raise BoundaryProblem(
                            f"Berkas '{shown(m.filename, SHOWN)}' di dalam zip kosong. Ekspor "
                            "ulang Shapefile dari aplikasi GIS."
                        )
    except LimitProblem as err:
        raise BoundaryProblem(str(err)) from err
    if ".shx" not in parts:
        raise BoundaryProblem(
            f"Zip tidak berisi berkas .shx untuk '{shown(shps[0], SHOWN)}'. Sertakan .shp, "
            ".shx, .dbf dan .prj yang bernama sama."
        )
    return out.getvalue()


def _read_shapefile(data: bytes) -> gpd.GeoDataFrame:
    """The checked Shapefile read by GDAL's Shapefile driver: the zip holds nothing else."""
    packed = _unpacked_shapefile(data)
    try:
        with warnings.catch_warnings():  # GDAL notes the in-memory file has no extension
            warnings.simplefilter("ignore", RuntimeWarning)
            return gpd.read_file(io.BytesIO(packed), engine="pyogrio", layer="batas")
    except Exception as err:  # noqa: BLE001 - GDAL raises many kinds of errors
        raise BoundaryProblem(
            "Shapefile di dalam zip tidak dapat dibaca (rusak atau tidak lengkap). Ekspor ulang "
            "dari aplikasi GIS, lalu zip .shp, .shx, .dbf dan .prj yang bernama sama."
        ) from err


def _too_big(n_features: int, n_columns: int) -> BoundaryProblem | None:
    if n_features <= MAX_FEATURES and n_columns <= MAX_COLUMNS:
        return None
    return BoundaryProblem(
        f"Berkas berisi {thousands(n_features)} fitur dan {thousands(n_columns)} kolom atribut; "
        f"batasnya {thousands(MAX_FEATURES)} fitur dan {thousands(MAX_COLUMNS)} kolom. Unggah "
        "hanya batas desa/kelurahan kabupaten/kota ini."
    )


def _frame(records: list[dict], geometries: list, crs: CRS | str | None) -> gpd.GeoDataFrame:
    """Attributes and geometry as a frame; an attribute called like the geometry is renamed."""
    attributes = pd.DataFrame.from_records(records, index=range(len(geometries)))
    attributes = attributes.rename(columns={"geometry": "atribut_geometry"})
    return gpd.GeoDataFrame(attributes, geometry=list(geometries), crs=crs)


_GEOJSON_CRS = re.compile(r"(?:EPSG:+(?:[\d.]*:)?|EPSG/0/)(\d{4,6})|(CRS84)$", re.IGNORECASE)


def _geojson_crs(doc: dict) -> CRS | str:
    """EPSG:4326 (RFC 7946), or the EPSG code an older file gives in its ``crs`` member (a
    ``name`` such as ``urn:ogc:def:crs:EPSG::32748``, or ``"type": "EPSG"``). A ``link`` is
    never followed (GDAL would fetch its URL)."""
    member = doc.get("crs")
    if member is None:
        return WGS84
    kind = member.get("type") if isinstance(member, dict) else None
    props = member.get("properties") if isinstance(member, dict) else None
    props = props if isinstance(props, dict) else {}
    name, code = props.get("name"), props.get("code")
    found = _GEOJSON_CRS.search(name) if kind == "name" and isinstance(name, str) else None
    if found and found[2]:
        return WGS84
    if found or (kind == "EPSG" and isinstance(code, int)):
        try:
            return CRS.from_epsg(int(found[1]) if found else code)
        except CRSError:
            pass
    raise BoundaryProblem(
        f"CRS GeoJSON ('{shown(json.dumps(member), SHOWN)}') tidak dikenali; CRS berupa tautan "
        "tidak pernah diikuti. Simpan ulang sebagai GeoJSON dengan CRS EPSG:4326, atau dengan "
        "kode EPSG."
    )


def _read_geojson(data: bytes) -> gpd.GeoDataFrame:
    """A GeoJSON FeatureCollection or Feature, parsed here (GDAL never sees it)."""
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError) as err:  # UnicodeDecodeError is a ValueError
        raise BoundaryProblem(
            f"Berkas tidak dapat dibaca sebagai data batas wilayah: isinya bukan JSON yang sah "
            f"({type(err).__name__}). Ekspor ulang GeoJSON dari aplikasi GIS. {FORMATS}"
        ) from err
    kind = doc.get("type") if isinstance(doc, dict) else None
    features = doc.get("features") if kind == "FeatureCollection" else [doc]
    if kind not in ("FeatureCollection", "Feature") or not isinstance(features, list):
        raise BoundaryProblem(
            "Berkas tidak dapat dibaca sebagai data batas wilayah: JSON ini bukan GeoJSON "
            '(tidak ada "type": "FeatureCollection" dengan daftar "features"). Ekspor ulang '
            f"GeoJSON dari aplikasi GIS. {FORMATS}"
        )
    crs = _geojson_crs(doc)
    if problem := _too_big(len(features), 0):
        raise problem
    records, geometries, columns = [], [], set()
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise BoundaryProblem(
                f'Fitur ke-{number} bukan objek GeoJSON "Feature". Ekspor ulang GeoJSON dari '
                "aplikasi GIS."
            )
        if not isinstance(props, dict | None):
            raise BoundaryProblem(
                f'Atribut ("properties") fitur ke-{number} bukan objek JSON. Ekspor ulang '
                "GeoJSON dari aplikasi GIS."
            )
        geometry = feature.get("geometry")
        try:
            geometries.append(None if geometry is None else shape(geometry))
        except (
            ShapelyError,
            ValueError,
            TypeError,
            LookupError,
            AttributeError,
            RecursionError,
        ) as err:
            raise BoundaryProblem(
                f"Geometri fitur ke-{number} tidak dapat dibaca ({type(err).__name__}). Perbaiki "
                "atau hapus fitur itu di aplikasi GIS, lalu ekspor ulang GeoJSON."
            ) from err
        if isinstance(feature.get("id"), str) and "id" not in (props or {}):
            props = {"id": feature["id"], **(props or {})}  # as GDAL reads a text id
        records.append(props or {})
        columns.update(props or {})
        if problem := _too_big(len(features), len(columns)):
            raise problem
    return _frame(records, geometries, crs)


def _read_geopackage(data: bytes, notes: list[str]) -> gpd.GeoDataFrame:
    """The first features table of a GeoPackage, read by ``ingest.geopackage`` (not GDAL)."""
    try:
        layer = read_layer(data, MAX_FEATURES + 1)
    except GeoPackageProblem as err:
        raise BoundaryProblem(f"{err} {FORMATS}") from err
    if layer.n_layers > 1:
        notes.append(
            f"GeoPackage berisi {layer.n_layers} lapisan fitur; yang dibaca lapisan pertama, "
            f"'{shown(layer.table, SHOWN)}'."
        )
    columns = {c for r in layer.records[:1] for c in r}
    if problem := _too_big(layer.n_rows, len(columns)):
        raise problem
    return _frame(layer.records, layer.geometries, layer.crs)


def _read(data: bytes, notes: list[str]) -> gpd.GeoDataFrame:
    """The file as a frame, by its content: a zip, a GeoPackage or GeoJSON; nothing else."""
    head = data[:64].removeprefix(b"\xef\xbb\xbf").lstrip()
    if data.startswith(b"PK\x03\x04"):
        frame = _read_shapefile(data)
    elif is_sqlite(data):
        frame = _read_geopackage(data, notes)
    elif head.startswith(b"{"):
        frame = _read_geojson(data)
    elif head.startswith(b"<"):
        raise BoundaryProblem(
            "Berkas tidak dapat dibaca sebagai data batas wilayah: isinya XML (mis. OGR VRT, "
            f"KML atau GML), yang tidak dibuka demi keamanan server. {FORMATS}"
        )
    else:
        raise BoundaryProblem(
            "Berkas tidak dapat dibaca sebagai data batas wilayah: isinya bukan GeoJSON, "
            f"Shapefile dalam zip, atau GeoPackage. {FORMATS}"
        )
    if frame.empty:
        raise BoundaryProblem("Berkas tidak berisi satu fitur pun.")
    if problem := _too_big(len(frame), len(frame.columns)):
        raise problem
    return frame


def _to_wgs84(
    frame: gpd.GeoDataFrame, notes: list[str], box: tuple[float, float, float, float], where: str
) -> gpd.GeoDataFrame:
    """Reproject to EPSG:4326; refuse coordinates that do not fall in the region's ``box``
    (``analysis.geometry.region_box``), naming the region (``where``)."""
    if frame.crs is None:
        notes.append("Berkas tidak menyebut CRS; dianggap EPSG:4326 (lintang/bujur).")
        frame = frame.set_crs(WGS84)
    elif frame.crs.to_epsg() != 4326:
        notes.append(f"CRS berkas {shown(frame.crs.to_string())} diubah ke EPSG:4326.")
        frame = frame.to_crs(WGS84)
    minx, miny, maxx, maxy = frame.total_bounds
    lo_x, lo_y, hi_x, hi_y = box
    if not (lo_x <= minx and maxx <= hi_x and lo_y <= miny and maxy <= hi_y):
        raise BoundaryProblem(
            f"Koordinat berkas ({minx:.4f}, {miny:.4f}) – ({maxx:.4f}, {maxy:.4f}) tidak berada di "
            f"{where} (sekitar ({lo_x:.2f}, {lo_y:.2f}) – ({hi_x:.2f}, {hi_y:.2f})). Periksa "
            "apakah berkas ini batas wilayah yang benar, dan CRS berkas (mis. .prj hilang dari "
            "zip, atau urutan lintang/bujur tertukar)."
        )
    return frame


@dataclass(frozen=True)
class Words:
    """How the messages name the region: its unit word, its name, an example code, its size."""

    unit: str  # "kelurahan", "desa", "desa/kelurahan"
    wilayah: str  # "Kota Bandung" (or "wilayah ini" when unknown)
    contoh: str  # an example Kemendagri code of the region's first desa/kelurahan
    jumlah: int  # how many desa/kelurahan the region has


def region_words(region: Region | None, kelurahan: pd.DataFrame) -> Words:
    """The ``Words`` of ``region`` (or, without one, of the codes in ``kelurahan``)."""
    codes = kelurahan[s.KODE_KELURAHAN].astype(str)
    if region is not None:
        unit, where = region.sebutan_desa, region.short_name
    else:
        unit = unit_word(codes) if len(codes) else "desa/kelurahan"
        where = "wilayah ini"
    return Words(unit, where, codes.iloc[0] if len(codes) else "", len(codes))


def _text_columns(frame: gpd.GeoDataFrame) -> list[str]:
    return [c for c in frame.columns if c != frame.geometry.name and frame[c].dtype != float]


def _listed(columns: list[str], limit: int = 10) -> str:
    """Column names from the file for a message: each cut short, the first ``limit`` only."""
    more = f" … (+{thousands(len(columns) - limit)})" if len(columns) > limit else ""
    return ", ".join(shown(c, SHOWN) for c in columns[:limit]) + more


def _match(areas: AreaMatcher, value: str, kind: str, words: Words) -> AreaMatch:
    """The desa/kelurahan ``value`` names; a message repeats at most ``SHOWN`` characters of it."""
    if len(value) > MAX_NAME:
        return AreaMatch(
            None,
            None,
            f"Nilai sepanjang {thousands(len(value))} karakter ini bukan kode atau nama "
            f"{words.unit}.",
            f"Isi kolom ini dengan kode Kemendagri (mis. {words.contoh}) atau nama {words.unit}.",
        )
    found = areas.by_code(value) if kind == "kode" else areas.by_name(value)
    raw = value.strip()
    if found.pesan and raw:
        found = replace(found, pesan=found.pesan.replace(raw, shown(raw, SHOWN)))
    return found


def _best_column(frame: gpd.GeoDataFrame, areas: AreaMatcher) -> tuple[str | None, str]:
    """The attribute that names the most desa/kelurahan: a code column first, else a name
    column."""
    best: tuple[int, int, str | None, str] = (0, 0, None, "")
    for col in _text_columns(frame):
        values = [v for v in frame[col].astype(str) if len(v) <= MAX_NAME]
        codes = sum(areas.by_code(v).tingkat == "kelurahan" for v in values)
        names = sum(areas.by_name(v, suggest=False).tingkat == "kelurahan" for v in values)
        for count, kind, rank in ((codes, "kode", 1), (names, "nama", 0)):
            if (count, rank) > best[:2]:
                best = (count, rank, col, kind)
    return best[2], best[3]


def read_boundaries(
    data: bytes,
    filename: str,
    areas: AreaMatcher,
    kelurahan: pd.DataFrame,
    max_bytes: int | None = None,
    region: Region | None = None,
) -> BoundaryPlan:
    """Read, match, repair and simplify a boundary file; every problem is in ``plan.problems``.
    Its coordinates must lie around the label points of ``kelurahan`` (the region's desa/
    kelurahan); messages name ``region`` (its unit word and name)."""
    words = region_words(region, kelurahan)
    empty = gpd.GeoDataFrame({s.KODE_KELURAHAN: []}, geometry=[], crs=WGS84)
    # The name is stored and shown on the map and in exports: no control characters, not endless.
    plan = BoundaryPlan(
        shown(filename, 120), len(data), hashlib.sha256(data).hexdigest(), empty, Problems().frame()
    )
    probs = Problems()
    try:
        if max_bytes is not None and len(data) > max_bytes:
            raise BoundaryProblem(
                f"Berkas {shown(filename)} melebihi batas {max_bytes // 1024 // 1024} MB. Sederhanakan "
                "geometrinya atau minta admin menaikkan DASBOR_MAX_UPLOAD_MB."
            )
        frame = _read(data, plan.notes)
        plan.crs = shown(frame.crs.to_string()) if frame.crs is not None else None
        frame = _to_wgs84(frame, plan.notes, region_box(kelurahan), words.wilayah)
    except BoundaryProblem as err:
        probs.add(pd.Series([None]), "", "", f"{shown(filename)}: {err}", "", GALAT)
        plan.problems = probs.frame()
        return plan
    plan.n_features = len(frame)
    rows = pd.Series(range(1, len(frame) + 1), index=frame.index)
    column, kind = _best_column(frame, areas)
    probs.plain_columns = {column} if column else set()  # desa/kelurahan names, never personal
    plan.column = column
    if column is None:
        probs.add(
            pd.Series([None]),
            "",
            _listed(_text_columns(frame)),
            f"Tidak ada kolom atribut yang berisi kode atau nama {words.unit} {words.wilayah}.",
            f"Sertakan kolom kode Kemendagri (mis. {words.contoh}) atau nama {words.unit}.",
        )
        plan.problems = probs.frame()
        return plan
    shown_column = shown(column, SHOWN)
    plan.notes.append(
        f"{words.unit.capitalize()} dicocokkan dengan kolom '{shown_column}' ({kind})."
    )
    text = frame[column].astype(str)
    short = text.map(lambda v: shown(v, SHOWN))  # what a problem may repeat of a value
    matches = [_match(areas, v, kind, words) for v in text]
    codes = pd.Series(
        [m.kode if m.tingkat == "kelurahan" else None for m in matches], index=frame.index
    )
    bad = codes.isna()
    probs.add(
        rows[bad],
        shown_column,
        short[bad],
        pd.Series(
            [m.pesan or f"Bukan {words.unit} {words.wilayah}." for m in matches],
            index=frame.index,
        )[bad],
        pd.Series([m.saran or "" for m in matches], index=frame.index)[bad],
    )
    geom = frame.geometry
    no_geom = geom.isna() | geom.is_empty
    polygonal = geom.geom_type.isin(["Polygon", "MultiPolygon"])
    probs.add(
        rows[~no_geom & ~polygonal],
        "geometry",
        geom.geom_type[~no_geom & ~polygonal],
        "Geometri bukan poligon; fitur ini dilewati.",
        f"Batas {words.unit} harus berupa Polygon atau MultiPolygon.",
    )
    probs.add(rows[no_geom], "geometry", "", "Fitur tanpa geometri dilewati.", "Isi geometrinya.")
    keep = ~bad & ~no_geom & polygonal
    invalid = keep & ~geom.is_valid
    probs.add(
        rows[invalid],
        "geometry",
        short[invalid],
        "Geometri tidak valid (mis. garis batas berpotongan) diperbaiki otomatis.",
        "Periksa bentuknya di peta; perbaiki di GIS bila perlu.",
        PERINGATAN,
    )
    # make_valid may add stray lines where a ring crossed itself; buffer(0) keeps the area only.
    repaired = gpd.GeoSeries(shapely.make_valid(geom.to_numpy()), index=geom.index, crs=WGS84)
    fixed = geom.where(~invalid, repaired.buffer(0))
    matched = gpd.GeoDataFrame({s.KODE_KELURAHAN: codes[keep]}, geometry=fixed[keep], crs=WGS84)
    dup = matched[s.KODE_KELURAHAN].duplicated(keep=False)
    probs.add(
        rows[keep][dup.to_numpy()],
        shown_column,
        short[keep][dup.to_numpy()],
        f"Beberapa fitur untuk {words.unit} yang sama digabung menjadi satu.",
        f"Tidak perlu tindakan bila {words.unit} itu memang terdiri atas beberapa bagian.",
        PERINGATAN,
    )
    merged = matched.dissolve(by=s.KODE_KELURAHAN, as_index=False)
    before = shapely.get_num_coordinates(merged.geometry.to_numpy()).sum()
    centre = merged.geometry.union_all().centroid
    metric = metric_crs(centre.x, centre.y)
    simple = merged.to_crs(metric).simplify(SIMPLIFY_M, preserve_topology=True).to_crs(WGS84)
    plan.areas = gpd.GeoDataFrame(
        {s.KODE_KELURAHAN: merged[s.KODE_KELURAHAN]}, geometry=simple.values, crs=WGS84
    )
    after = shapely.get_num_coordinates(plan.areas.geometry.to_numpy()).sum()
    plan.notes.append(
        f"Disederhanakan untuk tampilan ({SIMPLIFY_M:g} m): {before:,} → {after:,} titik."
    )
    found = set(plan.areas[s.KODE_KELURAHAN])
    plan.missing = [
        n
        for k, n in zip(kelurahan[s.KODE_KELURAHAN], kelurahan[s.KELURAHAN], strict=True)
        if k not in found
    ]
    if plan.missing:
        probs.add(
            pd.Series([None]),
            "",
            ", ".join(plan.missing),
            f"{len(plan.missing)} {words.unit} tidak punya batas di berkas ini; di peta tidak "
            "digambar.",
            f"Unggah berkas yang memuat ke-{thousands(words.jumlah)} {words.unit} {words.wilayah}.",
            PERINGATAN,
        )
    plan.problems = probs.frame()
    return plan
