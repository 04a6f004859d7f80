"""What an editor sets for the region on the Data Referensi page — the year's lokus and the
region's own targets — and the notice every page shows while no lokus are set.

Writes go through ``services.region_admin`` behind ``auth.editor`` (re-checked against the
database in the run that saves), then every cached frame is cleared so every page uses the new
lokus and targets at once."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.overview import lokus_for_year
from analysis.periods import period_year
from services import region_admin
from text.clock import today_wib
from text.fmt import fmt_datetime, fmt_number, fmt_target, md_text
from text.strings import t
from text.target_tables import local_target_table
from ui import auth, data
from ui.sidebar import current_filters

_DONE = "regionadmin.done.{}"  # the message of an editor's last save, shown once after its rerun


def _year_in_view() -> int:
    filters = current_filters()
    return filters.tahun if filters is not None else today_wib().year


def lokus_notice() -> None:
    """The one notice shown above every page while no lokus are in force in the year in view
    (the sidebar's year, else this year)."""
    notice = region_admin.lokus_notice(data.lokus(), _year_in_view())
    if notice:
        st.info(notice, icon=":material/flag:")


def _show_done(editor: str) -> None:
    if (done := st.session_state.pop(_DONE.format(editor), None)) is not None:
        kind, text = done
        (st.success if kind == "ok" else st.info)(text)


def _finish(editor: str, saved: region_admin.Saved, ok: str, same: str, invalid: str) -> None:
    """Show a refused save's problems, or remember what was saved and rerun with fresh data."""
    if saved.problems:
        st.error(invalid + "\n\n" + "\n".join(f"- {md_text(p)}" for p in saved.problems))
        return
    if saved.changed:
        data.clear_caches()
    st.session_state[_DONE.format(editor)] = ("ok", ok) if saved.changed else ("same", same)
    st.rerun()


def lokus_years(set_years, data_years, this_year: int, in_view: int) -> list[int]:
    """Every year from the first year with lokus or data (or the year in view) to next year
    (or the last lokus year, if later): no gap, so a missed year can be set afterwards."""
    known = {int(y) for y in (*set_years, *data_years)} | {in_view}
    return list(range(min(known), max(*known, this_year + 1) + 1))


def _lokus_status(tahun: int, lokus: pd.DataFrame) -> None:
    marks = data.lokus_years_set_in_app()
    mark = marks.loc[marks[s.TAHUN] == tahun]
    if not mark.empty:
        row = mark.iloc[0]
        st.caption(t("regionadmin.lokus_from_app", tahun=tahun, oleh=md_text(row["diubah_oleh"]),
                     waktu=fmt_datetime(row["diubah_pada"])))  # fmt: skip
    elif not (lokus[s.TAHUN] == tahun).any():
        dari = lokus_for_year(lokus, tahun)[0]
        key = "regionadmin.lokus_in_force" if dari else "regionadmin.lokus_none"
        st.caption(t(key, tahun=tahun, dari=dari))


def lokus_editor(ref) -> None:
    """Set a year's lokus from every desa/kelurahan of the region ("Nama — Kecamatan"), with
    its dasar penetapan; saving replaces that year's list (editors and admins only)."""
    st.subheader(t("regionadmin.lokus_title"))
    _show_done("lokus")
    user = auth.editor(t("regionadmin.lokus_what"))
    if user is None:
        return
    lokus = data.lokus()
    this_year = today_wib().year
    data_years = [period_year(p) for p in data.kelurahan_periods()]
    years = lokus_years(lokus[s.TAHUN], data_years, this_year, _year_in_view())
    tahun = st.selectbox(t("regionadmin.lokus_year"), years, key="regionadmin.lokus_tahun",
                         index=years.index(_year_in_view()))  # fmt: skip
    _lokus_status(tahun, lokus)
    year = lokus.loc[lokus[s.TAHUN] == tahun]
    kel = ref.kelurahan.sort_values([s.KELURAHAN, s.KECAMATAN])
    labels = dict(zip(kel[s.KODE_KELURAHAN],
                      kel[s.KELURAHAN] + " — " + kel[s.KECAMATAN], strict=True))  # fmt: skip
    current = [c for c in labels if c in set(year[s.KODE_KELURAHAN])]
    dasar = next(iter(year[s.DASAR_PENETAPAN].dropna()), "")
    with st.form(key=f"regionadmin.lokus_form.{tahun}"):
        chosen = st.multiselect(
            t("regionadmin.lokus_pick", tahun=tahun), list(labels), default=current,
            format_func=labels.get, key=f"regionadmin.lokus_pilih.{tahun}",
            help=t("regionadmin.lokus_pick_help"), placeholder=t("regionadmin.lokus_placeholder"),
        )  # fmt: skip
        basis = st.text_input(t("regionadmin.lokus_dasar"), value=dasar,
                              key=f"regionadmin.lokus_dasar.{tahun}",
                              placeholder=t("regionadmin.lokus_dasar_help", tahun=tahun))  # fmt: skip
        if not st.form_submit_button(t("regionadmin.lokus_save", tahun=tahun),
                                     key=f"regionadmin.lokus_simpan.{tahun}", type="primary"):  # fmt: skip
            return
    store = data.context()[0]
    saved = region_admin.save_lokus(store, ref, tahun, chosen, basis, user.nama_pengguna)
    _finish("lokus", saved, t("regionadmin.lokus_saved", tahun=tahun, n=len(chosen)),
            t("regionadmin.lokus_same", tahun=tahun), t("regionadmin.lokus_invalid"))  # fmt: skip


def _shown_target(row: pd.Series, value: float) -> str:
    if row[s.SATUAN] == "persen":
        return fmt_target(value, row[s.ARAH])
    return fmt_number(value, 1 if value % 1 else 0)


def target_editor() -> None:
    """The region's own targets: the table of those in force, and (editors and admins) a form
    to set one per catalogue indicator or to go back to the national target."""
    st.subheader(t("regionadmin.target_title"))
    st.caption(t("regionadmin.target_help"))
    _show_done("target")
    national = data.national_reference().indikator
    local = data.local_targets()
    if local.empty:
        st.caption(t("regionadmin.target_none"))
    else:
        st.dataframe(local_target_table(local, national), hide_index=True, width="stretch",
                     key="regionadmin.target_table")  # fmt: skip
    user = auth.editor(t("regionadmin.target_what"))
    if user is None:
        return
    names = dict(zip(national[s.KODE], national[s.NAMA], strict=True))
    kode = st.selectbox(t("regionadmin.target_pick"), list(names), key="regionadmin.target_kode",
                        format_func=lambda k: f"{k} · {names[k]}")  # fmt: skip
    row = national.set_index(s.KODE).loc[kode]
    if pd.notna(row[s.TARGET]):
        st.caption(t("regionadmin.target_national", target=_shown_target(row, row[s.TARGET]),
                     tahun=row[s.TAHUN_TARGET], sumber=md_text(row[s.SUMBER_TARGET])))  # fmt: skip
    mine = local.loc[local[s.KODE_INDIKATOR] == kode]
    own = None if mine.empty else mine.iloc[0]
    if own is not None:
        st.caption(t("regionadmin.target_current", target=_shown_target(row, own[s.TARGET]),
                     tahun=own[s.TAHUN_TARGET], sumber=md_text(own[s.SUMBER_TARGET]),
                     oleh=md_text(own["diubah_oleh"]), waktu=fmt_datetime(own["diubah_pada"])))  # fmt: skip
    start = own if own is not None else row
    value = float(start[s.TARGET]) if pd.notna(start[s.TARGET]) else 0.0
    year = int(start[s.TAHUN_TARGET]) if pd.notna(start[s.TAHUN_TARGET]) else today_wib().year
    with st.form(key=f"regionadmin.target_form.{kode}"):
        left, mid, right = st.columns([1, 1, 2])
        target = left.number_input(t("regionadmin.target_value"), min_value=0.0, value=value,
                                   step=0.1, format="%g", key=f"regionadmin.target_nilai.{kode}")  # fmt: skip
        tahun = mid.number_input(t("regionadmin.target_year"), min_value=2000, max_value=2100,
                                 value=year, step=1, key=f"regionadmin.target_tahun.{kode}")  # fmt: skip
        sumber = right.text_input(t("regionadmin.target_source"),
                                  value="" if own is None else own[s.SUMBER_TARGET],
                                  placeholder=t("regionadmin.target_source_help"),
                                  key=f"regionadmin.target_sumber.{kode}")  # fmt: skip
        submitted = st.form_submit_button(t("regionadmin.target_save"), type="primary",
                                          key=f"regionadmin.target_simpan.{kode}")  # fmt: skip
    store = data.context()[0]
    if own is not None and st.button(t("regionadmin.target_reset"), icon=":material/undo:",
                                     key=f"regionadmin.target_reset.{kode}"):  # fmt: skip
        saved = region_admin.reset_local_target(store, kode, user.nama_pengguna)
        _finish("target", saved, t("regionadmin.target_reset_done", kode=kode), "", "")
    if submitted:
        saved = region_admin.save_local_target(
            store, data.national_reference(), kode, target, tahun, sumber, user.nama_pengguna
        )
        _finish("target", saved, t("regionadmin.target_saved", kode=kode),
                t("regionadmin.target_same", kode=kode), t("regionadmin.target_invalid"))  # fmt: skip
