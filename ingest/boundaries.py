"""Official kelurahan boundaries from a user's file: GeoJSON, zipped Shapefile or GeoPackage.

``read_boundaries`` reads the bytes (any CRS, reprojected to EPSG:4326), matches every feature
to a kelurahan by code or name (never guessed: unmatched features are reported with the closest
candidates), repairs invalid geometry (and says so), merges parts of the same kelurahan,
simplifies for display, and reports what is missing. Nothing is stored here.

A zip is never handed to GDAL as it came: its Shapefile parts are unpacked here within the
limits of ``ingest.limits`` (member count, unpacked size, safe names) and packed again, so GDAL
reads only bytes that were counted.
"""

from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import shapely

from analysis import schema as s
from analysis.geometry import METRIC, WGS84
from ingest.limits import (
    MAX_COLUMNS,
    LimitProblem,
    open_zip,
    read_member,
    shown,
    thousands,
    unsafe_member,
)
from ingest.matching import AreaMatcher
from ingest.problems import GALAT, PERINGATAN, Problems

SIMPLIFY_M = 8.0  # metres: invisible at city scale, a fraction of the vertices
MAX_UNZIPPED = 100 * 1024 * 1024  # a detailed Shapefile of the 31 kelurahan is a few MB
MAX_MEMBERS = 200
MAX_FEATURES = 10_000  # 31 kelurahan, perhaps split into parts
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
BOUNDS = (106.60, -6.30, 107.10, -6.00)  # lon/lat box around Jakarta Utara


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
    """The Shapefile parts of a zip, unpacked within the limits and packed again (stored)."""
    try:
        archive = open_zip(
            data, MAX_MEMBERS, MAX_UNZIPPED,
            "Berkas zip rusak ({error}); buat ulang zip dari berkas .shp, .shx, .dbf dan .prj.",
        )  # fmt: skip
    except LimitProblem as err:
        raise BoundaryProblem(
            f"{err} Zip Shapefile kelurahan Jakarta Utara cukup beberapa MB."
        ) from err
    members = [m for m in archive.infolist() if not m.is_dir()]
    for m in members:
        if unsafe_member(m.filename):
            raise BoundaryProblem(
                f"Zip berisi nama berkas yang tidak aman ('{shown(m.filename)}'): menunjuk ke luar "
                "foldernya. Buat ulang zip langsung dari berkas .shp, .shx, .dbf dan .prj."
            )
    parts = [
        m
        for m in members
        if m.filename.lower().endswith(SHAPEFILE_PARTS) and "__macosx/" not in m.filename.lower()
    ]
    if not any(m.filename.lower().endswith(".shp") for m in parts):
        nested = [m.filename for m in members if m.filename.lower().endswith(".zip")]
        if nested:
            raise BoundaryProblem(
                f"Zip berisi zip lain ('{shown(nested[0])}'); zip di dalam zip tidak dibuka. "
                "Buka zip itu, lalu unggah zip yang langsung berisi .shp, .shx, .dbf dan .prj."
            )
        raise BoundaryProblem("Zip tidak berisi berkas .shp. Sertakan .shp, .shx, .dbf dan .prj.")
    out, budget = io.BytesIO(), MAX_UNZIPPED
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as packed:
            for m in parts:
                with packed.open(m.filename, "w", force_zip64=True) as target:
                    for chunk in read_member(archive, m, budget):
                        budget -= len(chunk)
                        target.write(chunk)
    except LimitProblem as err:
        raise BoundaryProblem(str(err)) from err
    return out.getvalue()


def _read(data: bytes) -> gpd.GeoDataFrame:
    if data.startswith(b"PK\x03\x04"):
        data = _unpacked_shapefile(data)
    try:
        with warnings.catch_warnings():  # GDAL notes the in-memory file has no extension
            warnings.simplefilter("ignore", RuntimeWarning)
            frame = gpd.read_file(io.BytesIO(data))
    except Exception as err:  # noqa: BLE001 - GDAL raises many kinds of errors
        raise BoundaryProblem(
            "Berkas tidak dapat dibaca sebagai data batas wilayah. Unggah GeoJSON, Shapefile dalam "
            "satu zip (.shp, .shx, .dbf, .prj) atau GeoPackage."
        ) from err
    if frame.empty:
        raise BoundaryProblem("Berkas tidak berisi satu fitur pun.")
    if len(frame) > MAX_FEATURES or len(frame.columns) > MAX_COLUMNS:
        raise BoundaryProblem(
            f"Berkas berisi {thousands(len(frame))} fitur dan {thousands(len(frame.columns))} "
            f"kolom atribut; batasnya {thousands(MAX_FEATURES)} fitur dan "
            f"{thousands(MAX_COLUMNS)} kolom. Unggah hanya batas kelurahan Jakarta Utara."
        )
    return frame


def _to_wgs84(frame: gpd.GeoDataFrame, notes: list[str]) -> gpd.GeoDataFrame:
    """Reproject to EPSG:4326; refuse coordinates that do not fall on Jakarta Utara."""
    if frame.crs is None:
        notes.append("Berkas tidak menyebut CRS; dianggap EPSG:4326 (lintang/bujur).")
        frame = frame.set_crs(WGS84)
    elif frame.crs.to_epsg() != 4326:
        notes.append(f"CRS berkas {frame.crs.to_string()} diubah ke EPSG:4326.")
        frame = frame.to_crs(WGS84)
    minx, miny, maxx, maxy = frame.total_bounds
    lo_x, lo_y, hi_x, hi_y = BOUNDS
    if not (lo_x <= minx and maxx <= hi_x and lo_y <= miny and maxy <= hi_y):
        raise BoundaryProblem(
            f"Koordinat berkas ({minx:.4f}, {miny:.4f}) – ({maxx:.4f}, {maxy:.4f}) tidak berada di "
            "Jakarta Utara. Periksa CRS berkas (mis. .prj hilang dari zip, atau urutan lintang/bujur "
            "tertukar)."
        )
    return frame


def _text_columns(frame: gpd.GeoDataFrame) -> list[str]:
    return [c for c in frame.columns if c != frame.geometry.name and frame[c].dtype != float]


def _best_column(frame: gpd.GeoDataFrame, areas: AreaMatcher) -> tuple[str | None, str]:
    """The attribute that names the most kelurahan: a code column first, else a name column."""
    best: tuple[int, int, str | None, str] = (0, 0, None, "")
    for col in _text_columns(frame):
        values = frame[col].astype(str)
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
) -> BoundaryPlan:
    """Read, match, repair and simplify a boundary file; every problem is in ``plan.problems``."""
    empty = gpd.GeoDataFrame({s.KODE_KELURAHAN: []}, geometry=[], crs=WGS84)
    plan = BoundaryPlan(
        filename, len(data), hashlib.sha256(data).hexdigest(), empty, Problems().frame()
    )
    probs = Problems()
    try:
        if max_bytes is not None and len(data) > max_bytes:
            raise BoundaryProblem(
                f"Berkas {shown(filename)} melebihi batas {max_bytes // 1024 // 1024} MB. Sederhanakan "
                "geometrinya atau minta admin menaikkan DASBOR_MAX_UPLOAD_MB."
            )
        frame = _read(data)
        plan.crs = frame.crs.to_string() if frame.crs is not None else None
        frame = _to_wgs84(frame, plan.notes)
    except BoundaryProblem as err:
        probs.add(pd.Series([None]), "", "", f"{shown(filename)}: {err}", "", GALAT)
        plan.problems = probs.frame()
        return plan
    plan.n_features = len(frame)
    rows = pd.Series(range(1, len(frame) + 1), index=frame.index)
    column, kind = _best_column(frame, areas)
    plan.column = column
    if column is None:
        probs.add(
            pd.Series([None]),
            "",
            ", ".join(_text_columns(frame)),
            "Tidak ada kolom atribut yang berisi kode atau nama kelurahan Jakarta Utara.",
            "Sertakan kolom kode Kemendagri (mis. 31.72.01.1001) atau nama kelurahan.",
        )
        plan.problems = probs.frame()
        return plan
    plan.notes.append(f"Kelurahan dicocokkan dengan kolom '{column}' ({kind}).")
    text = frame[column].astype(str)
    matches = [areas.by_code(v) if kind == "kode" else areas.by_name(v) for v in text]
    codes = pd.Series(
        [m.kode if m.tingkat == "kelurahan" else None for m in matches], index=frame.index
    )
    bad = codes.isna()
    probs.add(
        rows[bad],
        column,
        text[bad],
        pd.Series(
            [m.pesan or "Bukan kelurahan Jakarta Utara." for m in matches], index=frame.index
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
        "Batas kelurahan harus berupa Polygon atau MultiPolygon.",
    )
    probs.add(rows[no_geom], "geometry", "", "Fitur tanpa geometri dilewati.", "Isi geometrinya.")
    keep = ~bad & ~no_geom & polygonal
    invalid = keep & ~geom.is_valid
    probs.add(
        rows[invalid],
        "geometry",
        text[invalid],
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
        column,
        text[keep][dup.to_numpy()],
        "Beberapa fitur untuk kelurahan yang sama digabung menjadi satu.",
        "Tidak perlu tindakan bila kelurahan itu memang terdiri atas beberapa bagian.",
        PERINGATAN,
    )
    merged = matched.dissolve(by=s.KODE_KELURAHAN, as_index=False)
    before = shapely.get_num_coordinates(merged.geometry.to_numpy()).sum()
    simple = merged.to_crs(METRIC).simplify(SIMPLIFY_M, preserve_topology=True).to_crs(WGS84)
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
            f"{len(plan.missing)} kelurahan tidak punya batas di berkas ini; di peta tidak digambar.",
            "Unggah berkas yang memuat ke-31 kelurahan Jakarta Utara.",
            PERINGATAN,
        )
    plan.problems = probs.frame()
    return plan
