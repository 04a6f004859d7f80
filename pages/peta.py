"""Peta: the region's desa/kelurahan coloured by a chosen metric, lokus outlined, offline; details
of the clicked one beside the map, a note on those without a label point, and the map as a PNG."""

from __future__ import annotations

import streamlit as st

from analysis import schema as s
from analysis.classes import INTERVAL, KUANTIL, TARGET
from analysis.overview import resolve_period
from text.fmt import fmt_period, md_text
from text.strings import t
from ui import data, maps, metrics
from ui.deeplink import bound
from ui.widgets import page_start, synthetic_badge

filters = page_start("peta.title", when_empty=maps.render_outline)
ref = data.reference()
coverage = metrics.coverage()
labels = {t(f"peta.metric_{m}"): m for m in maps.METRICS}
top = st.columns([2, 2.4, 2.6])  # the colour-class choice needs room for its three buttons
metric = labels[bound(top[0].selectbox, t("peta.metric"), list(labels), key="ukuran",
                      what=t("peta.metric"), aliases=lambda label: [labels[label]])]  # fmt: skip
indicator = s.IND_STUNTING
if metric in maps.NEEDS_INDICATOR:
    options = [c for c in metrics.indicator_options(coverage) if c != s.IND_STUNTING]
    indicator = bound(
        top[1].selectbox, t("peta.indicator"), options, format_func=metrics.indicator_label,
        key="indikator_peta", what=t("peta.indicator"),
    )  # fmt: skip
method = top[2].segmented_control(
    t("peta.method"), [KUANTIL, INTERVAL, TARGET], default=KUANTIL, key="kelas",
    bind="query-params", required=True,
)  # fmt: skip
periode = resolve_period(coverage, [indicator], filters.periode) or filters.periode
value = maps.metric_values(metric, indicator, periode)
if method == TARGET and (value.target is None or value.target != value.target):
    st.info(t("peta.no_target"))
    method = KUANTIL
options_row = st.columns([2, 2, 3])
k = options_row[0].slider(t("peta.k"), 3, 7, 5, key="jumlah_kelas", disabled=method == TARGET)
bubbles = options_row[1].toggle(t("peta.bubbles"), key="gelembung")
tiles = options_row[2].toggle(t("peta.tiles"), key="osm")
lokus_year, lokus = metrics.lokus_codes(filters.tahun)
st.caption(
    t(
        "peta.subtitle",
        area_note=filters.area_label(),
        periode=fmt_period(periode),
        tahun=lokus_year or filters.tahun,
    )
)
synthetic_badge(data.shows_synthetic(filters.tahun))
official = maps.boundaries()[1]
if official is None:
    st.info(t("peta.approximate_help"), icon=":material/info:")
    if unplaced := maps.unplaced():
        st.warning(md_text(unplaced), icon=":material/location_off:")
else:
    st.caption(md_text(official))

view = maps.MapView(
    metric, indicator, periode, method, k, tuple(sorted(lokus)),
    t("profil.lokus_yes", tahun=lokus_year or filters.tahun), bubbles,
    tuple(sorted(filters.kelurahan_codes(ref.kelurahan))),
)  # fmt: skip
if not value.has_values:
    st.warning(t("peta.no_data"))
if n_only := value.n_percent_only:
    st.caption(t("peta.percent_only_note", n=n_only))
left, right = st.columns([3, 1])
with left:
    # Built and rendered once per view (cached); only a click on a kelurahan reruns the page.
    frame = maps.map_frame(view, maps.asset_base(), tiles, "peta")
    clicked = maps.show_map(frame, key="peta", returned_objects=["last_active_drawing"])
with right:
    maps.render_details(clicked, value, periode)
st.download_button(
    t("peta.png"),
    maps.map_png(view),  # drawn when pressed, not on every run
    file_name=f"peta_{metric}_{periode}.png",
    mime="image/png",
    key="peta_png",
)
