"""The kelurahan map (folium): a classed choropleth, lokus outlines, kecamatan borders, labels,
an optional bubble layer for counts, and a legend — with Leaflet served by the app itself.

Pure: frames in, ``folium.Map`` out. Every text that reaches the map's HTML (names, sources,
notes) is escaped here, because folium inserts tooltips and legends as raw HTML.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template

from analysis import schema as s
from analysis.classes import assign_classes
from analysis.geometry import kecamatan_borders, label_points
from text.fmt import fmt_number

NO_DATA = "#d5d8dc"
PERCENT_ONLY_NOTE = "hanya persen: tanpa pembilang/penyebut"
LOKUS_COLOR = "#1b2631"
BORDER_COLOR = "#566573"
WORSE_WHEN_HIGH = ["#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"]
BETTER_WHEN_HIGH = ["#d7191c", "#fdae61", "#ffffbf", "#a6d96a", "#1a9641"]
STATUS_COLORS = ["#c0392b", "#d68910", "#1e8449"]  # belum, mendekati, tercapai
BACKGROUND = "#eef2f5"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"
DECIMALS = 5  # coordinate decimals in the map: 1e-5 degrees is about a metre
# Above this many areas (a kabupaten's desa) a name shows only where it fits inside its own
# area on screen, and the legend is compact, collapsible and put in the emptiest corner.
MANY_AREAS = 100


@dataclass(frozen=True)
class MapData:
    """What the map shows: one value per kelurahan, already chosen and computed."""

    areas: gpd.GeoDataFrame  # analysis.geometry.GEOMETRY_COLUMNS
    values: pd.DataFrame  # kode_kelurahan, nilai, pembilang, penyebut (optional: catatan)
    title: str
    unit: str  # "%", " poin", "" …
    source: str
    edges: list[float]
    colors: list[str]  # one per class (len(edges) - 1)
    lokus: frozenset[str]
    lokus_label: str
    note: str | None = None  # e.g. "batas perkiraan — unggah batas resmi"
    counts: pd.DataFrame | None = None  # kode_kelurahan, jumlah (bubble layer)
    counts_label: str = ""


def palette(n: int, higher_is_worse: bool) -> list[str]:
    """``n`` colours from light to dark red (higher is worse) or red to green (higher is better)."""
    base = WORSE_WHEN_HIGH if higher_is_worse else BETTER_WHEN_HIGH
    if n <= 0:
        return []
    picks = np.linspace(0, len(base) - 1, n).round().astype(int)
    return [base[i] for i in picks]


def esc(text: object) -> str:
    """Text for the map's HTML: escaped, never interpreted."""
    return html.escape("" if text is None else str(text), quote=True)


def _value_text(value: float, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "tidak ada data"
    return f"{fmt_number(value, 1)}{unit}"


def features(data: MapData) -> gpd.GeoDataFrame:
    """The areas with their value, class, colour and escaped tooltip (GeoJSON properties)."""
    frame = data.areas.merge(data.values, on=s.KODE_KELURAHAN, how="left")
    classes = assign_classes(frame["nilai"], data.edges)
    color = [NO_DATA if c < 0 else data.colors[min(c, len(data.colors) - 1)] for c in classes]
    tips = []
    for r in frame.itertuples(index=False):
        counts = ""
        if not pd.isna(r.pembilang) and not pd.isna(r.penyebut):
            counts = f"<br>{esc(fmt_number(r.pembilang))} dari {esc(fmt_number(r.penyebut))}"
        elif pd.notna(only := getattr(r, "hanya_persen", False)) and bool(only):
            counts = f"<br><i>{PERCENT_ONLY_NOTE}</i>"
        # The label carries its own star ("★ lokus 2022"), as in the legend.
        lokus = f"<br>{esc(data.lokus_label)}" if r.kode_kelurahan in data.lokus else ""
        note = getattr(r, "catatan", None)  # the change from the previous round, by lines
        change = "".join(f"<br>{esc(x)}" for x in note.split("\n")) if isinstance(note, str) else ""
        tips.append(
            f"<b>{esc(r.kelurahan)}</b><br>Kecamatan {esc(r.kecamatan)}{lokus}"
            f"<br>{esc(data.title)}: <b>{esc(_value_text(r.nilai, data.unit))}</b>{counts}"
            f"{change}<br><small>Sumber: {esc(data.source)}</small>"
        )
    return frame.assign(kelas=classes, warna=color, tooltip=tips)[
        [s.KODE_KELURAHAN, s.KELURAHAN, "nilai", "kelas", "warna", "tooltip", "geometry"]
    ]


def legend_html(data: MapData) -> str:
    """The legend: one swatch per class with its range, no data, lokus outline, kecamatan."""
    rows = []
    for i, color in enumerate(data.colors):
        low, high = data.edges[i], data.edges[i + 1]
        label = f"{fmt_number(low, 1)}–{fmt_number(high, 1)}{data.unit}"
        rows.append((f"background:{color}", label))
    rows.append((f"background:{NO_DATA}", "tidak ada data"))
    rows.append((f"border:3px solid {LOKUS_COLOR};background:transparent", data.lokus_label))
    rows.append((f"border:2px dashed {BORDER_COLOR};background:transparent", "batas kecamatan"))
    if data.counts is not None:
        rows.append(("border-radius:50%;background:#5b2c6f;opacity:.6", data.counts_label))
    items = "".join(
        f'<div class="peta-row"><span class="peta-swatch" style="{style}"></span>{esc(label)}</div>'
        for style, label in rows
    )
    note = f'<div class="peta-note">{esc(data.note)}</div>' if data.note else ""
    body = f'{items}{note}<div class="peta-source">Sumber: {esc(data.source)}</div>'
    if len(data.areas) > MANY_AREAS:  # many small desa: the legend must hide as few as it can
        corner = legend_corner(data.areas)
        return (
            f'<details open class="peta-legend peta-compact peta-{corner}">'
            f'<summary class="peta-title">{esc(data.title)}</summary>{body}</details>'
        )
    return f'<div class="peta-legend"><div class="peta-title">{esc(data.title)}</div>{body}</div>'


def legend_corner(areas: gpd.GeoDataFrame) -> str:
    """The map corner ("sw", "se", "nw", "ne") whose box (a third of the width, two fifths of
    the height of the areas' extent) holds the fewest label points; south-west on a tie."""
    points = label_points(areas)
    x, y = points.x.to_numpy(), points.y.to_numpy()
    minx, miny, maxx, maxy = areas.total_bounds
    west, east = x <= minx + (maxx - minx) / 3, x >= maxx - (maxx - minx) / 3
    south, north = y <= miny + (maxy - miny) * 0.4, y >= maxy - (maxy - miny) * 0.4
    counts = {
        "sw": int((south & west).sum()),
        "se": int((south & east).sum()),
        "nw": int((north & west).sum()),
        "ne": int((north & east).sum()),
    }
    return min(counts, key=counts.get)


LEGEND_CSS = (
    """
<style>
.leaflet-container { background: BACKGROUND; }
.peta-legend { position: absolute; z-index: 1000; left: 10px; bottom: 40px; background: white;
  padding: 8px 10px; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3);
  font: 12px/1.35 sans-serif; max-width: 260px; }
.peta-title { font-weight: bold; margin-bottom: 4px; }
.peta-row { display: flex; align-items: center; margin: 2px 0; }
.peta-swatch { display: inline-block; width: 18px; height: 12px; margin-right: 6px;
  box-sizing: border-box; }
.peta-note { margin-top: 6px; color: #922b21; font-weight: bold; }
.peta-source { margin-top: 4px; color: #555; }
.peta-legend { transition: opacity .15s; }
.peta-compact { font-size: 11px; max-width: 210px; padding: 5px 8px; }
.peta-compact summary { cursor: pointer; margin-bottom: 2px; }
.peta-compact:not([open]) summary { margin-bottom: 0; }
.peta-se { left: auto; right: 10px; }
.peta-nw { bottom: auto; top: 80px; }
.peta-ne { left: auto; right: 10px; bottom: auto; top: 10px; }
/* The legend (z-index 1000, outside the map pane's stacking context) would cover the hover
   tooltip's last lines: it fades while a tooltip shows (Leaflet removes a closed tooltip). */
body:has(.leaflet-tooltip) .peta-legend { opacity: .1; }
/* A tooltip wraps at a width that fits inside the map at 1366×768 (the full list of a
   kelurahan's flags is in the details panel beside the map, not here); max-content keeps it
   from shrinking to a narrow column near the map's right edge. */
.leaflet-tooltip { width: max-content; max-width: 300px; white-space: normal;
  font-size: 13px; line-height: 1.35; }
.peta-label-icon { text-align: center; }
.peta-label { display: inline-block; font: 11px sans-serif; color: #1b2631;
  text-shadow: 0 0 2px white, 0 0 2px white; white-space: nowrap; pointer-events: none; }
</style>
"""
).replace("BACKGROUND", BACKGROUND)


class OfflineMap(folium.Map):
    """A folium map whose only browser assets are the app's own Leaflet files."""

    def __init__(self, asset_base: str, **kwargs):
        self.default_js = [("leaflet", f"{asset_base}/leaflet.js")]
        self.default_css = [("leaflet_css", f"{asset_base}/leaflet.css")]
        super().__init__(**kwargs)


def build_map(data: MapData, asset_base: str, online_tiles: bool = False) -> folium.Map:
    """The choropleth of ``data`` with lokus, kecamatan, labels, bubbles and legend, framed on
    the areas' bounds (any region). Every layer but the areas is one script element, so the
    map builds in about a second and stays small for the 852 desa of the largest kabupaten."""
    feats = features(data)
    south, west, north, east = map_bounds(data.areas)
    fmap = OfflineMap(
        asset_base,
        location=[(south + north) / 2, (west + east) / 2],
        tiles=None,
        zoom_start=5 if data.areas.empty else 10,
        zoom_snap=0.25,
    )
    MetricScale().add_to(fmap)
    if not data.areas.empty:
        fmap.fit_bounds([[south, west], [north, east]])
    if online_tiles:
        folium.TileLayer(OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap").add_to(fmap)
    folium.GeoJson(
        geojson(feats[[s.KODE_KELURAHAN, "warna", "tooltip", "geometry"]]),  # what the page reads
        name="kelurahan",
        style_function=lambda f: {
            "fillColor": f["properties"]["warna"],
            "color": "#ffffff",
            "weight": 1,
            "fillOpacity": 0.85,
        },
        highlight_function=lambda f: {"weight": 3, "color": "#2e4053"},
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, sticky=True),
    ).add_to(fmap)
    folium.GeoJson(
        geojson(kecamatan_borders(data.areas)[["geometry"]]),
        name="kecamatan",
        style_function=lambda f: {
            "fill": False,
            "color": BORDER_COLOR,
            "weight": 2,
            "dashArray": "6 4",
        },
        interactive=False,
    ).add_to(fmap)
    lokus = data.areas.loc[data.areas[s.KODE_KELURAHAN].isin(data.lokus)]
    if len(lokus):
        folium.GeoJson(
            geojson(lokus[[s.KODE_KELURAHAN, "geometry"]]),
            name="lokus",
            style_function=lambda f: {"fill": False, "color": LOKUS_COLOR, "weight": 4},
            interactive=False,
        ).add_to(fmap)
    LabelLayer(label_rows(data.areas)).add_to(fmap)
    if data.counts is not None:
        BubbleLayer(bubble_rows(data)).add_to(fmap)
    fmap.get_root().header.add_child(folium.Element(LEGEND_CSS))
    fmap.get_root().html.add_child(folium.Element(legend_html(data)))
    return fmap


def map_bounds(areas: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    """South, west, north, east of the areas; Indonesia's extent when there are none."""
    if areas.empty:
        return (-11.0, 95.0, 6.0, 141.0)
    minx, miny, maxx, maxy = areas.total_bounds
    return (float(miny), float(minx), float(maxy), float(maxx))


def geojson(frame: gpd.GeoDataFrame) -> dict:
    """A FeatureCollection of ``frame`` (properties: every column but the geometry) with
    coordinates rounded to ``DECIMALS`` places, about a metre: half the payload of full
    precision, with no difference on screen."""
    shapes = shapely.transform(frame.geometry.to_numpy(), lambda c: np.round(c, DECIMALS))
    texts = shapely.to_geojson(shapes)
    props = frame.drop(columns=frame.geometry.name).to_dict("records")
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": str(i), "properties": p, "geometry": json.loads(g)}
            for i, (p, g) in enumerate(zip(props, texts, strict=True))
        ],
    }


def metric_area(areas: gpd.GeoDataFrame) -> pd.Series:
    """Each area's size in m² (Web Mercator: enough to rank names), or in the frame's own units
    when it has no CRS."""
    return (areas.to_crs(3857) if areas.crs else areas).area


class MetricScale(MacroElement):
    """Leaflet's scale bar in metres only (folium's ``control_scale`` adds miles too)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});
        {% endmacro %}"""
    )


class LabelLayer(MacroElement):
    """Every kelurahan name as one script (not one folium element per name): a Leaflet marker
    per name whose text is set with ``textContent`` (never interpreted as HTML). After every
    zoom the names are shown largest area first, and a name whose box would overlap one already
    shown is hidden (hover still names every kelurahan); zooming in shows more."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function (map, rows) {
          rows.forEach(function (r) {
            var span = document.createElement("span");
            span.className = "peta-label";
            span.dataset.rank = r[3];
            if (r.length > 4) { span.dataset.box = JSON.stringify([r[0], r[1], r[4], r[5]]); }
            span.textContent = r[2];
            L.marker([r[0], r[1]], {
              icon: L.divIcon({html: span, iconSize: [120, 14], iconAnchor: [60, 7],
                               className: "peta-label-icon"}),
              interactive: false, keyboard: false
            }).addTo(map);
          });
          // With many areas a name shows only when it fits in its area's box on screen.
          function fits(el, r) {
            var b = JSON.parse(el.dataset.box);
            var p = map.latLngToContainerPoint([b[0], b[1]]);
            var q = map.latLngToContainerPoint([b[0] + b[3], b[1] + b[2]]);
            return r.width <= Math.abs(q.x - p.x) && r.height <= Math.abs(q.y - p.y);
          }
          function declutter() {
            var labels = Array.from(map.getContainer().querySelectorAll(".peta-label"));
            labels.sort(function (a, b) { return b.dataset.rank - a.dataset.rank; });
            // Every box is read before any visibility is set (hiding keeps an element's box):
            // one layout, not one per name (852 desa).
            var rects = labels.map(function (el) { return el.getBoundingClientRect(); });
            var shown = [];
            labels.forEach(function (el, i) {
              var r = rects[i];
              var hide = el.dataset.box && !fits(el, r);
              hide = hide || shown.some(function (o) {
                return r.left < o.right + 2 && r.right + 2 > o.left &&
                       r.top < o.bottom && r.bottom > o.top;
              });
              if (!hide) { shown.push(r); }
              el.style.visibility = hide ? "hidden" : "visible";
            });
          }
          map.on("zoomend moveend", declutter);
          map.whenReady(function () { setTimeout(declutter, 0); });
        })({{ this._parent.get_name() }}, {{ this.rows|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, rows: list[list]):
        super().__init__()
        self._name = "LabelLayer"
        self.rows = rows


def label_rows(areas: gpd.GeoDataFrame) -> list[list]:
    """``[lat, lon, name, rank]`` per area: the name at its label point, ranked by area (the
    largest has the highest rank) for the declutter. With more than ``MANY_AREAS`` areas each
    row also holds its area's width and height in degrees (``dlon, dlat``): the name then shows
    only when it fits in a box that size centred on the label point."""
    if areas.empty:
        return []
    ranks = metric_area(areas).rank(method="first").astype(int)
    points = label_points(areas)
    rows = [
        [round(p.y, DECIMALS), round(p.x, DECIMALS), str(name), int(rank)]
        for p, name, rank in zip(points, areas[s.KELURAHAN], ranks, strict=True)
    ]
    if len(areas) > MANY_AREAS:
        bounds = areas.bounds
        sizes = zip(bounds["maxx"] - bounds["minx"], bounds["maxy"] - bounds["miny"], strict=True)
        rows = [
            [*row, round(float(w), DECIMALS), round(float(h), DECIMALS)]
            for row, (w, h) in zip(rows, sizes, strict=True)
        ]
    return rows


class BubbleLayer(MacroElement):
    """The count bubbles as one script: a circle per kelurahan, area proportional to the count,
    with a tooltip whose text was escaped in ``bubble_rows``."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function (map, rows) {
          rows.forEach(function (r) {
            L.circleMarker([r[0], r[1]], {radius: r[2], color: "#5b2c6f", weight: 1,
                                          fill: true, fillOpacity: 0.55})
              .bindTooltip(r[3]).addTo(map);
          });
        })({{ this._parent.get_name() }}, {{ this.rows|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, rows: list[list]):
        super().__init__()
        self._name = "BubbleLayer"
        self.rows = rows


def bubble_rows(data: MapData) -> list[list]:
    """``[lat, lon, radius, tooltip]`` per kelurahan with a count (radius 4–24 px, area
    proportional to the count); the tooltip's names are escaped here."""
    counts = data.areas.merge(data.counts, on=s.KODE_KELURAHAN, how="inner").dropna(
        subset=["jumlah"]
    )
    if counts.empty:
        return []
    largest = float(counts["jumlah"].max()) or 1.0
    points = label_points(counts)
    return [
        [
            round(point.y, DECIMALS),
            round(point.x, DECIMALS),
            round(4 + 20 * math.sqrt(float(r.jumlah) / largest), 1),
            f"<b>{esc(r.kelurahan)}</b><br>{esc(data.counts_label)}: {esc(fmt_number(r.jumlah))}",
        ]
        for point, r in zip(points, counts.itertuples(index=False), strict=True)
    ]
