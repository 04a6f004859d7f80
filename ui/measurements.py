"""The Pengukuran page's pieces: cached z-scores of the stored records, the upload with its dry
run (signed-in editors only, one check at a time), and the single-child calculator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

import settings
from analysis import schema as s
from analysis.measure_replace import (
    BERKURANG,
    BERKURANG_BANYAK,
    CAKUPAN,
    CAKUPAN_BULAN,
    CAKUPAN_KELURAHAN,
    DI_BERKAS,
    TERSIMPAN,
    replaced_records,
)
from analysis.measure_view import MonthView
from analysis.plausibility import MIN_CHILDREN, Plausibility
from analysis.prevalence import case_flags
from analysis.standard_tables import round_standard_tables
from analysis.zscore import (
    DAYS_PER_MONTH,
    LAKI,
    LYING,
    PEREMPUAN,
    STANDING,
    compute_zscores,
    score_records,
)
from charts.measurements import build_digit_figure, build_haz_figure, build_prevalence_figure
from ingest import templates
from ingest.measure_duplicates import NIK_SAMA
from services import measure_uploads
from services.bootstrap import describe_error
from store.growth import growth_tables
from text import files
from text.clock import today_wib
from text.fmt import fmt_number, fmt_period, md_text
from text.strings import t, word
from text.tables import plausibility_table, position_table, quality_table, status_labels
from ui import auth, data
from ui.checking import run_check
from ui.pickers import file_picker
from ui.upload import already_stored, show_problems
from ui.views import month_view
from ui.widgets import download, full_table


@st.cache_data(show_spinner=False)
def scored() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(records, their z-scores, their case flags), computed once per data version."""
    rec = data.measurements()
    z = score_records(growth_tables(), rec)
    return rec, z, case_flags(z, rec[s.EDEMA].to_numpy(dtype=bool))


DIGIT_FIELDS = {s.TINGGI_CM: "ukur.digits_height", s.BERAT_KG: "ukur.digits_weight"}


@dataclass(frozen=True)
class MonthParts:
    """What the Pengukuran page draws of one month and area beside its prevalence: the view,
    WHO's standard tables, the quality, plausibility and position tables, and the HAZ and
    terminal-digit figures (as ``to_dict()``, shown with ``ui.figures.Built``)."""

    view: MonthView
    standard: pd.DataFrame
    quality: pd.DataFrame
    plausibility: Plausibility | None
    positions: pd.DataFrame
    haz: dict
    digits: dict[str, dict]


def _month_parts(frames, periode: str, level: str, kecamatan: str | None) -> MonthParts:
    view = month_view(frames, periode, level, kecamatan)
    return MonthParts(
        view,
        round_standard_tables(view.records, view.z),
        quality_table(view.quality()),
        view.plausibility(data.reference().plausibilitas),
        position_table(view.positions()),
        build_haz_figure(view.plausible_haz).to_dict(),
        {
            f: build_digit_figure(view.digits(f), t(label)).to_dict()
            for f, label in DIGIT_FIELDS.items()
        },
    )


@st.cache_data(show_spinner=False, max_entries=32)
def cached_month_parts(
    version: int, periode: str, level: str, kecamatan: str | None
) -> MonthParts | None:
    """``_month_parts`` of the stored records of data version ``version``; None when the data
    changed since (that version is never asked for again)."""
    if version != data.version():
        return None
    return _month_parts(scored(), periode, level, kecamatan)


def month_parts(
    version: int, frames, periode: str, level: str, kecamatan: str | None
) -> MonthParts:
    """The parts of ``periode`` at ``level`` in the area, computed once per data version, month,
    level and area. ``frames`` are the page's one ``scored()`` of this run, read at data version
    ``version``: when the data changed since, the parts are computed from those very frames, so
    that the records in view are always the records the page draws from."""
    return cached_month_parts(version, periode, level, kecamatan) or _month_parts(
        frames, periode, level, kecamatan
    )


@st.cache_data(show_spinner=False, max_entries=64)
def prevalence_figure(bars: pd.DataFrame, title: str, lokus_names: tuple[str, ...]) -> dict:
    """``build_prevalence_figure`` as a dict, once per rows drawn."""
    return build_prevalence_figure(bars, title, set(lokus_names)).to_dict()


def _dry_run(file):
    """The dry run of the uploaded file, once per file; None while another check of this
    session is running (``ui.checking``)."""
    cached = st.session_state.get("ukur.plan")
    if cached and cached[0] == file.file_id:
        return cached[1]
    with st.spinner(t("ukur.checking")):
        plan = run_check(
            file.name,
            lambda: measure_uploads.dry_run(data.reference(), file.getvalue(), file.name),
        )
    if plan is not None:
        st.session_state["ukur.plan"] = (file.file_id, plan)
        st.session_state.pop("ukur.cakupan", None)  # a new file: its own choice
    return plan


LISTED = 5  # kelurahan × month named in a sentence; the table has them all


def _listed(rows: pd.DataFrame, names: pd.Series) -> str:
    """ "Sukamaju Agustus 2025 (150 → 5), …" for the first ``LISTED`` rows, then how many more."""
    items = [
        t("ukur.replace_item", kelurahan=md_text(names.get(r.kode_wilayah, r.kode_wilayah)),
          bulan=fmt_period(r.periode), lama=fmt_number(r.tersimpan), baru=fmt_number(r.di_berkas))
        for r in rows.head(LISTED).itertuples()
    ]  # fmt: skip
    if len(rows) > LISTED:
        items.append(t("ukur.replace_more", n=fmt_number(len(rows) - LISTED)))
    return ", ".join(items)


def _replacement(plan) -> str | None:
    """What the file replaces among the stored records (``analysis.measure_replace``): how many
    of which kelurahan × month, a warning when one loses more than a fifth of its records, and
    the choice between replacing only the kelurahan of the file or the whole month. Returns the
    scope to save with, or None while a warned user has not chosen."""
    stored = data.measurements()
    scopes = {c: replaced_records(stored, plan.records, c) for c in CAKUPAN}
    if scopes[CAKUPAN_BULAN].empty:
        st.caption(t("ukur.replace_none"))
        return CAKUPAN_KELURAHAN
    names = data.reference().kelurahan.set_index(s.KODE_KELURAHAN)[s.KELURAHAN]
    losing = scopes[CAKUPAN_KELURAHAN].loc[lambda f: f[BERKURANG_BANYAK]]
    if len(losing):
        st.warning(
            t("ukur.replace_warning", k=fmt_number(len(losing)), daftar=_listed(losing, names))
        )
    cakupan = CAKUPAN_KELURAHAN
    if len(losing) or len(scopes[CAKUPAN_BULAN]) > len(scopes[CAKUPAN_KELURAHAN]):
        cakupan = st.radio(
            t("ukur.replace_choice"),
            CAKUPAN,
            index=None if len(losing) else 0,  # warned: a choice, not a default
            key="ukur.cakupan",
            format_func=lambda c: t(f"ukur.cakupan_{c}", n=fmt_number(scopes[c][TERSIMPAN].sum())),
        )
    rows = scopes[cakupan or CAKUPAN_KELURAHAN]
    st.markdown(t("ukur.replace_summary", n=fmt_number(rows[TERSIMPAN].sum()),
                  k=fmt_number(len(rows)), daftar=_listed(rows, names)))  # fmt: skip
    table = pd.DataFrame({
        word("Unit"): rows[s.KODE_WILAYAH].map(names).fillna(rows[s.KODE_WILAYAH]),
        "Bulan": rows[s.PERIODE].map(fmt_period),
        "Rekaman tersimpan": rows[TERSIMPAN].map(fmt_number),
        "Rekaman di berkas": rows[DI_BERKAS].map(fmt_number),
        "Berkurang": rows[BERKURANG].map(fmt_number),
        "Lebih dari seperlima": rows[BERKURANG_BANYAK].map({True: "ya", False: ""}),
    })  # fmt: skip
    st.caption(t("ukur.replace_table"))
    st.dataframe(table, hide_index=True, width="stretch", key="ukur.replaced")
    if cakupan is None:
        st.info(t("ukur.replace_choose"))
    return cakupan


DUPLICATES_LISTED = 200  # lines in the dry run's list; the problems table has every row


def _duplicates(found: pd.DataFrame) -> None:
    """The children measured twice in a month (``ingest.measure_duplicates``), by row numbers
    only: "baris 12 = baris 40 (NIK sama) — baris 12 tidak dihitung"."""
    if found.empty:
        return
    st.warning(t("ukur.dup_summary", n=fmt_number(len(found))))
    reasons = {NIK_SAMA: t("ukur.dup_nik")}
    lines = [
        "- " + t("ukur.dup_line", baris=r.baris, dipakai=r.baris_dipakai,
                 alasan=reasons.get(r.alasan, t("ukur.dup_no_nik")))
        for r in found.head(DUPLICATES_LISTED).itertuples()
    ]  # fmt: skip
    if len(found) > DUPLICATES_LISTED:
        lines.append(t("ukur.dup_more", n=fmt_number(len(found) - DUPLICATES_LISTED)))
    with st.expander(t("ukur.dup_list", n=fmt_number(len(found))), expanded=len(found) <= 10):
        st.markdown("\n".join(lines))


def _report(plan) -> None:
    st.subheader(t("ukur.dry_run"))
    cols = st.columns(5)
    cols[0].metric(t("ukur.m_rows"), fmt_number(plan.rows_read))
    cols[1].metric(t("ukur.m_kept"), fmt_number(len(plan.records)))
    skipped = plan.rows_read - len(plan.records)  # rows read but not kept, whatever the reason
    cols[2].metric(t("ukur.m_skipped"), fmt_number(skipped), help=t("ukur.m_skipped_help"))
    cols[3].metric(t("ukur.m_errors"), fmt_number(plan.n_errors), help=t("ukur.m_problems_help"))
    cols[4].metric(
        t("ukur.m_warnings"), fmt_number(plan.n_warnings), help=t("ukur.m_problems_help")
    )
    if plan.format:
        periods = ", ".join(fmt_period(p) for p in plan.periods) or "–"
        st.caption(t("ukur.format", format=plan.format, periode=periods))
    dropped = [t("ukur.dropped", kolom=md_text(", ".join(plan.dropped_personal)))] * bool(
        plan.dropped_personal
    )
    if plan.birth_date_column:
        dropped.append(t("ukur.birth_used", kolom=md_text(plan.birth_date_column)))
    if dropped:
        st.info(" ".join(dropped))
    if plan.ignored_columns:
        st.caption(t("ukur.ignored", kolom=md_text(", ".join(plan.ignored_columns))))
    _duplicates(plan.duplicates)
    if not len(plan.problems):
        st.success(t("ukur.problems_none"))
        return
    show_problems(plan, "ukur")


def render_upload() -> None:
    """Upload an e-PPGBM export or the template: dry run, then save with a name. The uploader
    and its check are for signed-in editors only; visitors get the template and a sign-in note."""
    st.markdown(t("ukur.upload_intro"))
    kelurahan = data.reference().kelurahan
    download(
        t("ukur.template"),
        lambda: files.to_csv_bytes(templates.measurement_template(kelurahan)),
        "templat_pengukuran.csv",
        key="ukur.template",
    )
    user = auth.editor(t("auth.what_measurements"))
    if user is None:
        return
    limit = settings.upload_mb(settings.max_measurement_bytes())
    file = file_picker(
        t("ukur.upload"),
        key="ukur.file",
        help=t("ukur.upload_help", mb=limit),
        max_upload_size=limit,  # the uploader's "… MB per file" is the app's own limit
    )
    if file is None:
        return
    saved = st.session_state.get("ukur.saved")
    if saved and saved[0] == file.file_id:  # saved: no second save until another file is chosen
        st.success(t("ukur.saved", id=saved[1], n=fmt_number(saved[2])))
        return
    plan = _dry_run(file)
    if plan is None:
        return
    store = data.context()[0]
    stored = already_stored(store, plan.sha256, "ukur")  # said at once, above the dry run
    _report(plan)
    if stored:
        return
    if not plan.can_commit:
        st.error(t("ukur.nothing"))
        return
    cakupan = _replacement(plan)
    if st.button(t("ukur.save"), type="primary", key="ukur.save", disabled=cakupan is None):
        try:
            dataset_id = measure_uploads.commit(
                store, data.reference(), plan, user.nama_pengguna, cakupan
            )
        except Exception as err:  # noqa: BLE001 - nothing was written (one transaction)
            st.error(t("ukur.save_failed", detail=describe_error(err)))
            return
        st.session_state.pop("ukur.plan", None)
        st.session_state["ukur.saved"] = (file.file_id, dataset_id, len(plan.records))
        data.clear_caches()
        st.rerun()


@st.fragment
def render_calculator() -> None:
    """One child's z-scores and categories, for checking a case during a meeting (a fragment:
    its inputs rerun only the calculator)."""
    st.markdown(t("ukur.calc_intro"))
    left, mid, right = st.columns(3)
    sex = left.radio(t("ukur.calc_sex"), [LAKI, PEREMPUAN], key="ukur.calc_sex", horizontal=True,
                     format_func=lambda v: "Laki-laki" if v == LAKI else "Perempuan")  # fmt: skip
    born = left.date_input(t("ukur.calc_born"), date(2023, 8, 1), key="ukur.calc_born",
                           min_value=date(2015, 1, 1), format="DD/MM/YYYY")  # fmt: skip
    measured = left.date_input(t("ukur.calc_measured"), today_wib(), key="ukur.calc_measured",
                               min_value=date(2015, 1, 1), format="DD/MM/YYYY")  # fmt: skip
    height = mid.number_input(
        t("ukur.calc_height"), 30.0, 150.0, 85.0, 0.1, "%.1f", key="ukur.calc_h"
    )
    weight = mid.number_input(
        t("ukur.calc_weight"), 0.5, 60.0, 11.0, 0.1, "%.1f", key="ukur.calc_w"
    )
    position = mid.selectbox(t("ukur.calc_position"), [0, LYING, STANDING], key="ukur.calc_pos",
                             format_func=lambda v: t(f"ukur.pos_{v}"))  # fmt: skip
    oedema = mid.checkbox(t("ukur.calc_oedema"), key="ukur.calc_oedema")
    days = (measured - born).days
    if days < 0:
        right.error(t("ukur.calc_negative"))
        return
    z = compute_zscores(
        growth_tables(),
        np.array([sex]),
        np.array([float(days)]),
        np.array([height]),
        np.array([weight]),
        np.array([position]),
        np.array([oedema]),
    ).iloc[0]
    right.markdown(
        t("ukur.calc_age_value", hari=fmt_number(days), bulan=fmt_number(days // DAYS_PER_MONTH))
    )
    if not z["dinilai"]:
        right.warning(t("ukur.calc_too_old"))
        return
    right.table(status_labels(z))
    if z["flag_9bulan"]:
        right.caption(t("ukur.calc_9mo"))
    if z["tinggi_koreksi"] != height:
        right.caption(t("ukur.calc_corrected", tinggi=fmt_number(z["tinggi_koreksi"], 1)))


def render_plausibility(report: Plausibility | None) -> None:
    """The SMART-style plausibility report of the records in view (``MonthParts``): the total
    and its verdict (or why there is none below 100 children) and every check with its band and
    points."""
    if report is None:  # a reference folder without thresholds
        return
    st.subheader(t("ukur.plaus_title"))
    n = fmt_number(report.children)
    if report.meaningful:
        st.markdown(t("ukur.plaus_score", total=report.total, n=n, vonis=report.verdict))
    else:
        st.info(t("ukur.plaus_small", n=n, min=MIN_CHILDREN))
    full_table(plausibility_table(report.table), key="ukur_plausibilitas")
    st.caption(t("ukur.plaus_source"))


def render_positions(table: pd.DataFrame) -> None:
    """Measuring position contradicting age, per age group, of the records in view
    (``position_table``, from ``MonthParts``)."""
    st.subheader(t("ukur.position_title"))
    full_table(table, key="ukur_posisi")
    st.caption(t("ukur.position_caption"))
