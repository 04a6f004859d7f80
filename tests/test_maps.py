"""Map builders (pure): approximate geometry, GeoJSON properties, escaping, classes, no-data
colour, lokus style, offline assets, and the PNG."""

from __future__ import annotations

import json
import re

import pandas as pd
import shapely

from analysis import schema as s
from analysis.geometry import kecamatan_borders
from charts.maps import LOKUS_COLOR, NO_DATA, MapData, build_map, features, legend_html, palette
from charts.static_map import build_png

XSS = "<img src=x onerror=alert(1)>"
ASSETS = "/app/static/leaflet"


def map_data(areas, values, **kw) -> MapData:
    base = dict(
        areas=areas,
        values=values,
        title="Prevalensi stunting · Triwulan IV 2025",
        unit="%",
        source="EPPGBM",
        edges=[0.0, 10.0, 20.0],
        colors=["#fee5d9", "#a50f15"],
        lokus=frozenset({"31.72.02.1007"}),
        lokus_label="★ lokus 2022",
        note="Batas perkiraan — unggah batas resmi",
    )
    return MapData(**(base | kw))


def values(rows):
    return pd.DataFrame(rows, columns=[s.KODE_KELURAHAN, "nilai", s.PEMBILANG, s.PENYEBUT])


def test_approximate_areas_are_31_valid_polygons_around_their_points(ref, areas):
    """Each cell contains its own label point; together about the city's size (147 km²)."""
    assert len(areas) == 31 and areas.geometry.is_valid.all()
    points = ref.kelurahan.set_index(s.KODE_KELURAHAN)
    for r in areas.itertuples(index=False):
        lon, lat = points.loc[r.kode_kelurahan, [s.LABEL_LON, s.LABEL_LAT]]
        assert r.geometry.contains(shapely.Point(lon, lat))
    km2 = areas.to_crs("EPSG:32748").area.sum() / 1e6
    assert 120 < km2 < 200
    assert len(kecamatan_borders(areas)) == 6


def test_features_carry_class_colour_and_escaped_tooltip(areas):
    """Warakas 12% is class 1; a kelurahan without a value is grey 'tidak ada data'."""
    named = areas.assign(
        **{s.KELURAHAN: areas[s.KELURAHAN].where(areas[s.KODE_KELURAHAN] != "31.72.02.1007", XSS)}
    )
    data = map_data(named, values([("31.72.02.1007", 12.0, 12, 100)]))
    feats = features(data).set_index(s.KODE_KELURAHAN)
    row = feats.loc["31.72.02.1007"]
    assert (row["kelas"], row["warna"]) == (1, "#a50f15")
    assert "&lt;img src=x onerror=alert(1)&gt;" in row["tooltip"] and XSS not in row["tooltip"]
    assert "12 dari 100" in row["tooltip"] and row["tooltip"].count("★") == 1
    assert "<br>★ lokus 2022<br>" in row["tooltip"]  # the label's own star, not a second one
    other = feats.loc["31.72.01.1001"]
    assert (other["kelas"], other["warna"]) == (-1, NO_DATA)
    assert "tidak ada data" in other["tooltip"]


def test_legend_lists_classes_no_data_lokus_and_escapes(areas):
    data = map_data(areas, values([]), title=XSS, source="<b>x</b>")
    legend = legend_html(data)
    assert "0,0–10,0%" in legend and "10,0–20,0%" in legend
    assert "tidak ada data" in legend and "★ lokus 2022" in legend and "batas kecamatan" in legend
    assert "Batas perkiraan — unggah batas resmi" in legend
    assert XSS not in legend and "&lt;b&gt;x&lt;/b&gt;" in legend


def test_map_html_uses_only_local_assets_and_outlines_lokus(areas):
    """No CDN anywhere in the page; OpenStreetMap only when asked for; lokus drawn thick."""
    data = map_data(areas, values([("31.72.02.1007", 12.0, 12, 100)]))
    page = build_map(data, ASSETS).get_root().render()
    assert f'src="{ASSETS}/leaflet.js"' in page and f'href="{ASSETS}/leaflet.css"' in page
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', page)
    assert external == []
    assert "openstreetmap" not in page.lower()
    assert LOKUS_COLOR in page and '"weight": 4' in page
    assert (
        "tile.openstreetmap.org" in build_map(data, ASSETS, online_tiles=True).get_root().render()
    )


def test_map_geojson_has_31_features_with_codes(areas):
    data = map_data(areas, values([]))
    fmap = build_map(data, ASSETS)
    layer = next(c for c in fmap._children.values() if getattr(c, "layer_name", "") == "kelurahan")
    geo = json.loads(json.dumps(layer.data))
    assert len(geo["features"]) == 31
    assert {f["properties"][s.KODE_KELURAHAN] for f in geo["features"]} == set(
        areas[s.KODE_KELURAHAN]
    )


def test_palette_direction():
    assert palette(2, higher_is_worse=True) == ["#fee5d9", "#a50f15"]
    assert palette(3, higher_is_worse=False) == ["#d7191c", "#ffffbf", "#1a9641"]
    assert palette(0, True) == []


def test_png_is_an_image_with_the_map(areas):
    png = build_png(map_data(areas, values([("31.72.02.1007", 12.0, 12, 100)])))
    assert png.startswith(b"\x89PNG") and len(png) > 20_000


def test_legend_fades_while_a_tooltip_shows(areas):
    """The legend sits above the map pane (z-index 1000) and would hide a tooltip's last
    lines: the page's CSS fades it whenever Leaflet shows a tooltip."""
    data = map_data(areas, values([("31.72.02.1007", 12.0, 12, 100)]))
    html = build_map(data, ASSETS).get_root().render()
    assert "body:has(.leaflet-tooltip) .peta-legend { opacity: .1; }" in html


def test_tooltip_keeps_its_width_near_the_map_edge(areas):
    """A tooltip wraps at 300 px, at most 300 px wide and never shrunk to a narrow column near
    the map's right edge (max-content): the walk-through's 100 px × 668 px tooltip fits again."""
    data = map_data(areas, values([("31.72.02.1007", 12.0, 12, 100)]))
    html = build_map(data, ASSETS).get_root().render()
    assert ".leaflet-tooltip { width: max-content; max-width: 300px; white-space: normal;" in html
