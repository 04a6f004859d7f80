"""The Peta page's data: which metric, its values per kelurahan, classes and colours."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import branca
import folium
import folium.elements
import geopandas as gpd
import pandas as pd
import streamlit as st
import streamlit_folium
from streamlit_folium import st_folium

from analysis import schema as s
from analysis.attainment import HANYA_PERSEN, convergence_index
from analysis.classes import TARGET, class_edges
from analysis.jumps import meeting_checks, percent_only_changes
from analysis.situation import priority_scores
from charts.maps import STATUS_COLORS, MapData, build_map, palette
from charts.static_map import build_png
from services.sources import boundary_areas, unplaced_note
from store.assets import LEAFLET_URL, publish_leaflet
from text.change_tables import bare_note, flag_note, map_note, split_notes
from text.fmt import MISSING, fmt_number, fmt_period
from text.strings import t
from ui import data, metrics
from ui.changes import kelurahan_changes, source_names

PREVALENSI, CAKUPAN, SELISIH, INDEKS, SKOR = "prevalensi", "cakupan", "selisih", "indeks", "skor"
METRICS = (PREVALENSI, CAKUPAN, SELISIH, INDEKS, SKOR)
NEEDS_INDICATOR = (CAKUPAN, SELISIH)


@dataclass(frozen=True)
class Metric:
    values: pd.DataFrame  # kode_kelurahan, nilai, pembilang, penyebut
    title: str
    unit: str
    source: str
    higher_is_worse: bool
    target: float | None = None
    arah: str | None = None

    @property
    def has_values(self) -> bool:
        return bool(self.values["nilai"].notna().any())

    @property
    def n_percent_only(self) -> int:
        """Kelurahan whose value is a percentage stored without counts (``hanya persen``)."""
        only = self.values.get("hanya_persen")
        return 0 if only is None else int(only.sum())


PROFILE_LINK_CSS = (
    ".st-key-peta_profile_link a, .st-key-peta_profile_link a * { white-space: normal !important;"
    " overflow: visible !important; text-overflow: clip !important; height: auto !important; }"
)


@st.cache_data(show_spinner=False)
def boundaries() -> tuple[gpd.GeoDataFrame, str | None]:
    """The kelurahan areas drawn on the map and the note shown with them: the newest imported
    official boundaries, else approximate areas ("batas perkiraan")."""
    return boundary_areas(data.context()[0], data.reference().kelurahan)


def unplaced() -> str | None:
    """The note on desa/kelurahan without a label point, shown while the map is approximate."""
    return unplaced_note(data.reference().kelurahan)


def areas() -> gpd.GeoDataFrame:
    return boundaries()[0]


def asset_base() -> str:
    """URL of the app's own Leaflet files (published from the installed wheel once)."""
    publish_leaflet()
    prefix = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{prefix}/{LEAFLET_URL}" if prefix else f"/{LEAFLET_URL}"


@st.cache_data(show_spinner=False, max_entries=64)
def metric_values(metric: str, indicator: str, periode: str) -> Metric:
    """Per kelurahan values of ``metric`` in ``periode`` (city-wide, each indicator's source);
    cached per arguments (a small frame) until the next write clears the caches."""
    ref = data.reference()
    cat = ref.indikator.set_index(s.KODE)
    coverage = metrics.coverage()
    now = coverage.loc[coverage[s.PERIODE] == periode]

    def rows(code: str, column: str) -> pd.DataFrame:
        part = now.loc[now[s.KODE_INDIKATOR] == code]
        only = part[HANYA_PERSEN].gt(0)  # a kelurahan's percentage stored without counts
        values = _values(part[s.KODE_WILAYAH], part[column], part[s.PEMBILANG], part[s.PENYEBUT])
        values = values.assign(hanya_persen=only.to_numpy(dtype=bool))
        notes = change_notes(coverage, code, periode)
        return with_flags(values.assign(catatan=values[s.KODE_KELURAHAN].map(notes)), code)

    def with_flags(values: pd.DataFrame, code: str | None) -> pd.DataFrame:
        """``catatan`` (the tooltip: the coloured series' own note and a count of the other
        flags) and ``rincian`` (the details panel beside the map: every flag in full)."""
        flags = flag_notes(periode, code)
        pairs = [
            split_notes(note if isinstance(note, str) else None, flags.get(k) or [])
            for k, note in zip(
                values[s.KODE_KELURAHAN], values.get("catatan", [None] * len(values)), strict=True
            )
        ]
        return values.assign(catatan=[a for a, _ in pairs], rincian=[b for _, b in pairs])

    label = fmt_period(periode)
    if metric == PREVALENSI:
        return Metric(
            rows(s.IND_STUNTING, s.CAKUPAN),
            t("peta.m_prevalensi", periode=label),
            "%",
            metrics.source_name(cat.loc[s.IND_STUNTING, s.SUMBER_DATA]),
            True,
            cat.loc[s.IND_STUNTING, s.TARGET],
            s.ARAH_RENDAH_BAIK,
        )
    if metric in NEEDS_INDICATOR:
        row = cat.loc[indicator]
        lower = row[s.ARAH] == s.ARAH_RENDAH_BAIK
        if metric == CAKUPAN:
            return Metric(
                rows(indicator, s.CAKUPAN),
                f"{indicator} · {label}",
                "%",
                metrics.source_name(row[s.SUMBER_DATA]),
                bool(lower),
                row[s.TARGET],
                row[s.ARAH],
            )
        return Metric(
            rows(indicator, s.SELISIH_TARGET),
            t("peta.m_selisih_title", kode=indicator, periode=label),
            " poin",
            metrics.source_name(row[s.SUMBER_DATA]),
            False,
            0.0,
            s.ARAH_TINGGI_BAIK,
        )
    if metric == INDEKS:
        index = convergence_index(now, ref.indikator)
        values = _values(
            index[s.KODE_WILAYAH],
            index["indeks_konvergensi"],
            index["n_tercapai"],
            index["n_dinilai"],
        )
        values = with_flags(values, None)
        return Metric(values, t("peta.m_indeks", periode=label), "%", t("peta.source_each"), False)
    scores = priority_scores(now, ref.kelurahan, ref.indikator)
    nothing = pd.Series(float("nan"), index=scores.index)
    values = _values(scores[s.KODE_KELURAHAN], scores["skor_prioritas"], nothing, nothing)
    values = with_flags(values, None)
    return Metric(values, t("peta.m_skor", periode=label), "", t("peta.source_score"), True)


def change_notes(coverage: pd.DataFrame, indicator: str, periode: str) -> pd.Series:
    """Per kelurahan code, the tooltip lines on its change from the previous round of
    ``indicator`` to ``periode`` (``analysis.jumps``): judged from the counts, or stated
    without a verdict where either end is a bare percentage; none without a pair."""
    changes = kelurahan_changes()
    source = data.reference().indikator.set_index(s.KODE)[s.SUMBER_DATA].get(indicator)
    mine = changes.loc[
        (changes[s.KODE_INDIKATOR] == indicator)
        & (changes[s.PERIODE] == periode)
        & (changes[s.SUMBER_DATA] == source)
    ]
    notes = dict(zip(mine[s.KODE_WILAYAH], (map_note(r) for r in mine.itertuples()), strict=True))
    for r in percent_only_changes(coverage, indicator, periode).itertuples(index=False):
        notes.setdefault(r.kode_wilayah, bare_note(r.periode_awal, r.cakupan_awal, r.cakupan))
    return pd.Series(notes, dtype=object)


def flag_notes(periode: str, shown: str | None) -> pd.Series:
    """Per kelurahan code, the list of notes (one per flagged change, by lines) of its changes
    a meeting checks in the round ``periode`` (``jumps.meeting_checks``: prevalence of the
    reported and the recomputed series, halved denominators), each naming its indicator and
    source — except the reported change of the indicator ``shown``, which ``change_notes``
    already states."""
    cat = data.reference().indikator.set_index(s.KODE)
    listed, _ = meeting_checks(kelurahan_changes(), data.reference().indikator, periode)
    if shown is not None:
        own = listed[s.KODE_INDIKATOR].eq(shown) & listed[s.SUMBER_DATA].eq(
            cat[s.SUMBER_DATA].get(shown)
        )
        listed = listed.loc[~own]
    names = source_names()
    notes: dict[str, list[str]] = {}
    for r in listed.itertuples(index=False):
        what = cat[s.NAMA].get(r.kode_indikator, r.kode_indikator)
        note = flag_note(r, what, names.get(r.sumber_data, r.sumber_data))
        notes.setdefault(r.kode_wilayah, []).append(note)
    return pd.Series(notes, dtype=object)


def _values(codes, nilai, num, den) -> pd.DataFrame:
    """The per-kelurahan frame a map shows: code, value, and the counts behind it."""
    return pd.DataFrame(
        {
            s.KODE_KELURAHAN: codes.astype(str).to_numpy(),
            "nilai": nilai.to_numpy(dtype=float),
            s.PEMBILANG: num.to_numpy(dtype=float),
            s.PENYEBUT: den.to_numpy(dtype=float),
        }
    )


def stunted_counts(periode: str) -> pd.DataFrame:
    """Number of stunted children per kelurahan (``kode_kelurahan``, ``jumlah``): the bubbles."""
    values = metric_values(PREVALENSI, "", periode).values
    return values[[s.KODE_KELURAHAN, s.PEMBILANG]].rename(columns={s.PEMBILANG: "jumlah"})


def map_data(
    metric: Metric,
    method: str,
    k: int,
    lokus: set[str],
    lokus_label: str,
    counts: pd.DataFrame | None,
    shown: set[str],
) -> MapData:
    """The ``MapData`` of a metric for the kelurahan ``shown`` (the chosen kecamatan or all),
    with class edges and colours by ``method``."""
    metric = replace(metric, values=metric.values.loc[metric.values[s.KODE_KELURAHAN].isin(shown)])
    edges = class_edges(
        metric.values["nilai"],
        method,
        k,
        metric.target,
        metric.arah,
        metrics.rules().mendekati_poin,
    )
    if len(edges) == 1:  # every kelurahan has the same value: one class
        edges = [edges[0], edges[0]]
    n = len(edges) - 1 if edges else 0
    if method == TARGET and n == 3:
        colors = STATUS_COLORS if metric.arah != s.ARAH_RENDAH_BAIK else STATUS_COLORS[::-1]
    else:
        colors = palette(n, metric.higher_is_worse)
    return MapData(
        areas=areas().loc[lambda a: a[s.KODE_KELURAHAN].isin(shown)].reset_index(drop=True),
        values=metric.values,
        title=metric.title,
        unit=metric.unit,
        source=metric.source,
        edges=edges,
        colors=colors,
        lokus=frozenset(lokus),
        lokus_label=lokus_label,
        note=boundaries()[1] or t("peta.approximate"),
        counts=None if counts is None else counts.loc[counts[s.KODE_KELURAHAN].isin(shown)],
        counts_label=t("peta.counts_label"),
    )


@dataclass(frozen=True)
class MapView:
    """What the Peta page's map shows, as small hashable values (the cache key of its frame)."""

    metric: str
    indicator: str
    periode: str
    method: str
    k: int
    lokus: tuple[str, ...]
    lokus_label: str
    bubbles: bool
    shown: tuple[str, ...]

    def map_data(self) -> MapData:
        counts = stunted_counts(self.periode) if self.bubbles else None
        value = metric_values(self.metric, self.indicator, self.periode)
        return map_data(
            value, self.method, self.k, set(self.lokus), self.lokus_label, counts, set(self.shown)
        )


@st.cache_data(show_spinner=False, max_entries=32)
def map_frame(view: MapView, asset_base: str, online_tiles: bool, key: str) -> dict:
    """The map of ``view`` rendered once for streamlit-folium's frame (strings, cached per
    view): a rerun with the same map (a click beside it, a page visit) sends it as it is
    instead of building and rendering the folium map again."""
    return folium_frame(build_map(view.map_data(), asset_base, online_tiles=online_tiles), key)


def map_png(view: MapView) -> Callable[[], bytes]:
    """The map of ``view`` as a PNG, drawn only when the download button is pressed."""
    return lambda: build_png(view.map_data())


# What st_folium returns before any interaction (streamlit-folium 0.27.4, st_folium's defaults).
FOLIUM_DEFAULTS = (
    "last_clicked",
    "last_object_clicked",
    "last_object_clicked_count",
    "last_object_clicked_tooltip",
    "last_object_clicked_popup",
    "all_drawings",
    "last_active_drawing",
    "last_circle_radius",
    "last_circle_polygon",
    "selected_layers",
    "selected_tags",
    "last_geocoder_result",
)


def folium_frame(fig: folium.Map, key: str) -> dict:
    """What ``st_folium(fig, key=key)`` sends its component, rendered the way st_folium does
    (streamlit-folium 0.27.4, pinned): the map's script, header and HTML, its asset links,
    bounds and zoom, and the component key (a hash of the script: a new map remounts the
    frame, the same one does not)."""
    sf = streamlit_folium
    fig.get_root().render()
    fig.render()
    html = sf._get_html(fig)
    header = sf._get_header(fig)
    script = sf._get_map_string(fig)
    css_links: list[str] = []
    js_links: list[str] = []

    def walk(element):
        if isinstance(element, (branca.colormap.ColorMap, folium.elements.JSCSSMixin)):
            yield element
        for child in getattr(element, "_children", {}).values():
            yield from walk(child)

    for element in walk(fig):
        if isinstance(element, branca.colormap.ColorMap):
            raise ValueError("a colormap needs d3 from a CDN: the map must stay offline")
        css_links.extend(href for _, href in getattr(element, "default_css", []))
        js_links.extend(src for _, src in getattr(element, "default_js", []))
    (south, west), (north, east) = fig.get_bounds()
    return {
        "script": script,
        "header": header,
        "html": html,
        "id": sf.get_full_id(fig),
        "css_links": list(dict.fromkeys(css_links)),
        "js_links": list(dict.fromkeys(js_links)),
        "bounds": {
            "_southWest": {"lat": south, "lng": west},
            "_northEast": {"lat": north, "lng": east},
        },
        "zoom": fig.options.get("zoom"),
        "hash_key": sf.generate_js_hash(script, key, False),
    }


def show_map(frame: dict, key: str, returned_objects: list[str], height: int = 640) -> dict:
    """``st_folium(..., key=key, height=height, use_container_width=True,
    returned_objects=returned_objects)`` of a map already rendered by ``folium_frame``: the
    same component, arguments and return value."""
    hash_key = frame["hash_key"]
    defaults = {name: None for name in FOLIUM_DEFAULTS if name in returned_objects}
    if "bounds" in returned_objects:
        defaults["bounds"] = frame["bounds"]
    if "zoom" in returned_objects:
        defaults["zoom"] = frame["zoom"]

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    return streamlit_folium._component_func(
        script=frame["script"],
        header=frame["header"],
        html=frame["html"],
        id=frame["id"],
        key=hash_key,
        height=height,
        width=None,
        returned_objects=returned_objects,
        default=defaults,
        zoom=None,
        center=None,
        feature_group=None,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=frame["css_links"],
        js_links=frame["js_links"],
        on_change=on_change,
        wrap_longitude=False,
    )


def render_outline() -> None:
    """No indicator data yet (a new region's pack): the desa/kelurahan outlines without colours,
    labelled "belum ada data", so the region and its boundaries can already be checked."""
    empty = pd.DataFrame({s.KODE_KELURAHAN: pd.Series(dtype=str), "nilai": pd.Series(dtype=float)})
    blank = MapData(
        areas=areas(),
        values=empty.assign(**{s.PEMBILANG: empty["nilai"], s.PENYEBUT: empty["nilai"]}),
        title=t("peta.outline_title"),
        unit="",
        source="–",
        edges=[],
        colors=[],
        lokus=frozenset(),
        lokus_label=t("peta.outline_lokus"),
        note=boundaries()[1] or t("peta.approximate"),
    )
    st.caption(t("peta.outline_caption"))
    st_folium(
        build_map(blank, asset_base()),
        height=640,
        use_container_width=True,
        returned_objects=[],
        key="peta",
    )


def render_details(clicked: dict | None, metric: Metric, periode: str) -> None:
    """Beside the map: the clicked kelurahan's value with its counts, its change and every flagged
    change a meeting checks (the tooltip only counts the others), and a link to its profile."""
    feature = (clicked or {}).get("last_active_drawing") or {}
    code = (feature.get("properties") or {}).get(s.KODE_KELURAHAN)
    kel = data.reference().kelurahan.set_index(s.KODE_KELURAHAN)
    if code not in kel.index:
        st.caption(t("peta.click"))
        return
    name = kel.loc[code, s.KELURAHAN]
    row = metric.values.loc[metric.values[s.KODE_KELURAHAN] == code]
    value = row["nilai"].iloc[0] if len(row) else float("nan")
    st.markdown(f"**{name}**  \nKecamatan {kel.loc[code, s.KECAMATAN]}")
    st.metric(metric.title, MISSING if value != value else f"{fmt_number(value, 1)}{metric.unit}")
    if len(row) and row[s.PENYEBUT].notna().iloc[0]:
        st.caption(
            f"{fmt_number(row[s.PEMBILANG].iloc[0])} dari {fmt_number(row[s.PENYEBUT].iloc[0])}"
            f" · {metric.source} · {fmt_period(periode)}"
        )
    elif len(row) and bool(row.get("hanya_persen", pd.Series([False])).iloc[0]):
        st.caption(t("peta.percent_only", sumber=metric.source, periode=fmt_period(periode)))
    column = "rincian" if "rincian" in row else "catatan"  # every flag in full, not the tooltip's
    note = row[column].iloc[0] if len(row) and column in row else None
    if isinstance(note, str):
        st.caption("  \n".join(note.split("\n")))
    # A long name ("Kumbang (Meurah Mulia)") wraps instead of being cut with an ellipsis.
    st.html(f"<style>{PROFILE_LINK_CSS}</style>")
    with st.container(key="peta_profile_link"):
        st.page_link(
            "pages/profil.py",
            label=t("peta.profile", kelurahan=name),
            icon=":material/location_city:",
            query_params={"kelurahan": name},
        )
