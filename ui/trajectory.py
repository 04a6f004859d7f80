"""The trajectory sections (issue #25 points 7 and 8): on Profil the chosen kelurahan and the
city toward the stunting targets, with the chart and the sources side by side; on Analisis
Situasi every kelurahan of the area toward one target."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.trajectories import active_target
from analysis.trajectory_view import stunting_sources
from charts.trajectory import build_trajectory_figure
from text.fmt import fmt_target, md_text
from text.strings import t, word
from text.trajectory_tables import source_panel_table, trajectory_display, trajectory_sentence
from ui import data, views
from ui.sidebar import Filters
from ui.widgets import MAIN_WIDTH, fitted_table


def _source_names() -> dict[str, str]:
    names = data.reference().sumber_data
    return dict(zip(names[s.KODE], names[s.NAMA], strict=True))


def _trajectory_table(frame, key: str, one_target: bool = False) -> None:
    """The trajectory table fitted to a 1366 px projector (no sideways scrolling); with
    ``one_target`` (the target is the one picked above it) without the target column and on
    single lines, every kelurahan of the city in view."""
    short = {"AARR sejauh ini": "AARR", "AARR dibutuhkan": "Dibutuhkan",
             "Tren mencapai target": "Tercapai"}  # fmt: skip
    if one_target:
        widths = {"Wilayah": 150, "Sumber": 80, "Awal": 135, "Terakhir": 135,
                  "AARR sejauh ini": 84, "AARR dibutuhkan": 86, "Status": 160,
                  "Tren mencapai target": 70}  # fmt: skip
        fitted_table(frame, widths, key=key, short=short)
        return
    # "Dibutuhkan" and "−10,5%/thn" need 88 px on one line (at 70–75 they were cut or broke
    # as "/th n"); the other columns wrap.
    widths = {"Wilayah": 112, "Sumber": 125, "Awal": 98, "Terakhir": 98, "AARR sejauh ini": 88,
              "Target": 86, "AARR dibutuhkan": 88, "Status": 145, "Tren mencapai target": 60}  # fmt: skip
    fitted_table(frame, widths, key=key, short=short, wrap=3)


def _method(targets) -> None:
    listed = "; ".join(
        f"{fmt_target(r.target)} pada {r.tahun_target} ({r.sumber_target})"
        for r in targets.itertuples(index=False)
    )
    with st.expander(t("lintasan.method")):
        st.markdown(t("lintasan.method_body", targets=md_text(listed)))


def render_profile_trajectory(kode: str, nama: str, tahun: int) -> None:
    """Profil: one sentence per series (the kelurahan or the city, one source each) toward the
    target ahead, the chart of actual vs required path of the series chosen, the table of
    every series and target, and the sources side by side."""
    view = views.profile_trajectory(kode, tahun)
    names = _source_names()
    source = names.get(view.source, view.source)
    st.subheader(t("lintasan.profile", nama=nama))
    if view.table.empty:
        st.caption(t("lintasan.table_none"))
    for wilayah, code in view.paths:
        row = view.active_row(wilayah, code)
        area = nama if wilayah == nama else word("Kabkota")
        st.markdown(f"- {md_text(trajectory_sentence(row, area, names.get(code, code)))}")
    drawn = [key for key, path in view.paths.items() if len(path) >= 2]  # noqa: PLR2004 - a line needs two years
    if drawn:
        shown = {
            key: f"{word('Kabkota') if key[0] != nama else nama} · {names.get(key[1], key[1])}"
            for key in drawn
        }
        key = st.radio(
            t("lintasan.series"),
            drawn,
            format_func=shown.get,
            horizontal=True,
            key="profil_lintasan_seri",
        )
        chosen = view.active_row(*key)
        st.plotly_chart(
            build_trajectory_figure(
                view.paths[key],
                chosen[s.TARGET],
                int(chosen[s.TAHUN_TARGET]),
                chosen[s.SUMBER_TARGET],
                names.get(key[1], key[1]),
            ),
            width="stretch",
            config={"displaylogo": False},
            key="profil_lintasan",
        )
    else:
        st.caption(t("lintasan.chart_none", sumber=source))
    if len(view.table):
        _trajectory_table(trajectory_display(view.table, names), "profil_lintasan_tabel")
    _method(view.targets)
    st.subheader(t("lintasan.sources"))
    panel = source_panel_table(view.panel, names, nama)
    if panel.empty:
        st.caption(t("lintasan.sources_none"))
        return
    wide = (MAIN_WIDTH - 50) // (
        len(panel.columns) - 1
    )  # every source column as wide as the others
    widths = {"Tahun": 50} | dict.fromkeys(panel.columns[1:], wide)
    recomputed = _source_names().get(s.SUMBER_HITUNG_ULANG, s.SUMBER_HITUNG_ULANG)
    short = {c: c.replace(recomputed, "hitung ulang") for c in panel.columns if recomputed in c}
    fitted_table(panel, widths, key="profil_sumber", short=short, wrap=3)
    st.caption(t("lintasan.sources_caption"))


@st.cache_data(show_spinner=False, max_entries=32)
def _area_table(tahun: int, kecamatan: str | None, target: int) -> pd.DataFrame | None:
    """The area trajectory table as shown (None when there is none), cached like
    ``views.area_trajectory``."""
    table = views.area_trajectory(tahun, kecamatan, target)
    return None if table.empty else trajectory_display(table, _source_names())


def render_area_trajectory(filters: Filters) -> None:
    """Analisis Situasi: the area and each of its kelurahan toward the chosen target (the one
    ahead of the sidebar's year by default), furthest from its path first."""
    targets = views.stunting_targets()
    if targets.empty:
        return
    st.subheader(t("lintasan.area", area=filters.area_label()))
    options = list(range(len(targets)))
    label = {
        i: f"{fmt_target(r.target)} pada {r.tahun_target} ({r.sumber_target})"
        for i, r in enumerate(targets.itertuples(index=False))
    }
    chosen = st.selectbox(
        t("lintasan.pick"),
        options,
        index=active_target(targets, filters.tahun),
        format_func=label.get,
        key="lintasan_target",
    )
    table = _area_table(filters.tahun, filters.kecamatan, int(chosen))
    if table is None:
        st.caption(t("lintasan.table_none"))
        return
    names = _source_names()
    primary = stunting_sources(data.reference().indikator)[0]
    st.caption(t("lintasan.area_caption", sumber=names.get(primary, primary), tahun=filters.tahun))
    _trajectory_table(table, "situasi_lintasan", one_target=True)
    _method(targets)
