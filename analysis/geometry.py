"""Approximate kelurahan areas for the map when no official boundaries are loaded.

The project ships no kelurahan polygons (domain.md §7). From the official label points of
``data/reference/kelurahan.csv`` it builds Voronoi cells (each place is nearer its own label
point than any other), clipped to the points' convex hull buffered by ``BUFFER_M`` metres: an
honest approximation, always shown with the note "batas perkiraan".
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from analysis import schema as s

WGS84 = "EPSG:4326"
BUFFER_M = 900.0
BOX_MARGIN_DEG = 0.15  # degrees (about 17 km): a desa reaches well beyond its label point
INDONESIA_BOX = (94.5, -11.5, 141.5, 6.5)  # lon/lat: where a region without points may lie
GEOMETRY_COLUMNS = [s.KODE_KELURAHAN, s.KELURAHAN, s.KODE_KECAMATAN, s.KECAMATAN, "geometry"]


def metric_crs(lon: float, lat: float) -> str:
    """The UTM zone (metres) around a point: Indonesia spans zones 46–54, north and south."""
    zone = int((lon + 180) // 6) + 1
    return f"EPSG:{(32700 if lat < 0 else 32600) + zone}"


def with_points(kelurahan: pd.DataFrame) -> pd.DataFrame:
    """The rows with a label point (``label_lat``/``label_lon`` both filled)."""
    return kelurahan.loc[kelurahan[s.LABEL_LAT].notna() & kelurahan[s.LABEL_LON].notna()]


def without_points(kelurahan: pd.DataFrame) -> pd.DataFrame:
    """The rows without a label point (either coordinate missing): not on the approximate map."""
    return kelurahan.loc[kelurahan[s.LABEL_LAT].isna() | kelurahan[s.LABEL_LON].isna()]


def region_box(
    kelurahan: pd.DataFrame, margin: float = BOX_MARGIN_DEG
) -> tuple[float, float, float, float]:
    """The lon/lat box (min lon, min lat, max lon, max lat) where the region's boundaries may
    lie: its label points' bounds widened by ``margin`` degrees on every side; Indonesia's box
    when no desa/kelurahan has a point."""
    placed = with_points(kelurahan)
    if placed.empty:
        return INDONESIA_BOX
    return (
        float(placed[s.LABEL_LON].min()) - margin,
        float(placed[s.LABEL_LAT].min()) - margin,
        float(placed[s.LABEL_LON].max()) + margin,
        float(placed[s.LABEL_LAT].max()) + margin,
    )


def approximate_areas(kelurahan: pd.DataFrame, buffer_m: float = BUFFER_M) -> gpd.GeoDataFrame:
    """Voronoi cells of the label points (``label_lon``, ``label_lat``) clipped to the buffered
    hull, one polygon per desa/kelurahan *with* a point (rows without one are left out), in
    WGS84; columns ``GEOMETRY_COLUMNS``. Two places sharing a point share its cell."""
    placed = with_points(kelurahan).reset_index(drop=True)
    frame = placed[GEOMETRY_COLUMNS[:-1]]
    if placed.empty:
        return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84)
    metric = metric_crs(placed[s.LABEL_LON].mean(), placed[s.LABEL_LAT].mean())
    points = gpd.GeoSeries(
        gpd.points_from_xy(placed[s.LABEL_LON], placed[s.LABEL_LAT]), crs=WGS84
    ).to_crs(metric)
    unique = shapely.MultiPoint(list(points.drop_duplicates()))
    hull = unique.convex_hull.buffer(buffer_m)
    if len(unique.geoms) < 2:  # noqa: PLR2004 - one point: its buffer is the whole cell
        cells = [hull]
    else:
        cells = list(shapely.get_parts(shapely.voronoi_polygons(unique, extend_to=hull)))
    tree = shapely.STRtree(cells)
    point_i, cell_i = tree.query(points.values, predicate="within")
    cell_of = dict(zip(point_i.tolist(), cell_i.tolist(), strict=True))
    clipped = shapely.intersection([cells[cell_of[i]] for i in range(len(points))], hull)
    geometry = gpd.GeoSeries(clipped, crs=metric).to_crs(WGS84)
    return gpd.GeoDataFrame(frame, geometry=geometry.values, crs=WGS84)


def areas_km2(areas: gpd.GeoDataFrame) -> pd.Series:
    """Each area's size in km² (computed in its UTM zone)."""
    if areas.empty:
        return pd.Series(dtype=float)
    centre = areas.geometry.union_all().centroid
    return areas.geometry.to_crs(metric_crs(centre.x, centre.y)).area / 1e6


def kecamatan_borders(areas: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The kecamatan as the union of their kelurahan areas (``kode_kecamatan``, ``kecamatan``)."""
    return areas.dissolve(by=[s.KODE_KECAMATAN, s.KECAMATAN], as_index=False)[
        [s.KODE_KECAMATAN, s.KECAMATAN, "geometry"]
    ]


def label_points(areas: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """A point inside each area for its label (always inside, unlike the centroid)."""
    return areas.geometry.representative_point()


def to_geojson_texts(areas: gpd.GeoDataFrame) -> dict[str, str]:
    """Kelurahan code → GeoJSON geometry text (EPSG:4326), for storing."""
    return {
        k: shapely.to_geojson(g)
        for k, g in zip(areas[s.KODE_KELURAHAN], areas.geometry, strict=True)
    }


def from_geojson_texts(geometries: dict[str, str], kelurahan: pd.DataFrame) -> gpd.GeoDataFrame:
    """Stored geometries with the reference names (``GEOMETRY_COLUMNS``), in reference order;
    kelurahan without a stored geometry are left out."""
    rows = kelurahan.loc[kelurahan[s.KODE_KELURAHAN].isin(geometries), GEOMETRY_COLUMNS[:-1]]
    shapes = [shapely.from_geojson(geometries[k]) for k in rows[s.KODE_KELURAHAN]]
    return gpd.GeoDataFrame(rows.reset_index(drop=True), geometry=shapes, crs=WGS84)
