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
METRIC = "EPSG:32748"  # UTM zone 48S: metres around Jakarta
BUFFER_M = 900.0
GEOMETRY_COLUMNS = [s.KODE_KELURAHAN, s.KELURAHAN, s.KODE_KECAMATAN, s.KECAMATAN, "geometry"]


def approximate_areas(kelurahan: pd.DataFrame, buffer_m: float = BUFFER_M) -> gpd.GeoDataFrame:
    """Voronoi cells of the label points (``label_lon``, ``label_lat``) clipped to the buffered
    hull, one polygon per kelurahan, in WGS84; columns ``GEOMETRY_COLUMNS``."""
    points = gpd.GeoSeries(
        gpd.points_from_xy(kelurahan[s.LABEL_LON], kelurahan[s.LABEL_LAT]), crs=WGS84
    ).to_crs(METRIC)
    hull = shapely.MultiPoint(list(points)).convex_hull.buffer(buffer_m)
    cells = shapely.voronoi_polygons(shapely.MultiPoint(list(points)), extend_to=hull)
    by_point = {}
    for cell in shapely.get_parts(cells):
        inside = [i for i, p in enumerate(points) if cell.contains(p)]
        if inside:
            by_point[inside[0]] = cell.intersection(hull)
    geometry = gpd.GeoSeries([by_point[i] for i in range(len(points))], crs=METRIC).to_crs(WGS84)
    frame = kelurahan[GEOMETRY_COLUMNS[:-1]].reset_index(drop=True)
    return gpd.GeoDataFrame(frame, geometry=geometry.values, crs=WGS84)


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
