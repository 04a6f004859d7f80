"""The Data page's widgets: upload with dry run and commit, upload history with roll-back (and the
archived original, for signed-in editors only), templates."""

from __future__ import annotations

from functools import partial
from pathlib import PurePosixPath

import pandas as pd
import streamlit as st

import settings
from analysis.periods import normalise_period
from analysis.reference import Reference
from analysis.text_clean import clean_text
from ingest import templates
from ingest.evidence import safe_name
from ingest.indicator_names import CODE_RE
from ingest.mapping import UNCLEAR
from ingest.options import ImportOptions
from ingest.personal import describe
from ingest.pipeline import build_catalogue
from ingest.problems import GALAT
from ingest.reference_checks import USER_KELOMPOK, user_indicator
from ingest.reference_problems import ReferenceDataError
from services import uploads
from services.bootstrap import describe_error
from store.database import Store
from text import files
from text.fmt import fmt_datetime, fmt_number, fmt_period, md_text
from text.strings import t
from text.tables import datasets_table, history_table, preview_table, problems_table
from ui import auth, data, mapping_step
from ui.checking import run_check
from ui.pickers import file_picker
from ui.widgets import download, fitted_table

PREVIEW_ROWS = 500
WRAPPED_PROBLEMS = 30
# Column widths (px) that fit the 1366 px main column (ui.widgets.MAIN_WIDTH), long text wrapped.
PROBLEM_WIDTHS = {"Baris": 55, "Kolom": 120, "Nilai": 80, "Masalah": 260, "Saran perbaikan": 315,
                  "Tingkat": 70}  # fmt: skip
DATASET_WIDTHS = {"No.": 45, "Nama": 155, "Status": 60, "Jenis": 100, "Dibuat": 110, "Oleh": 100,
                  "Nilai": 65, "Baru": 50, "Diperbarui": 80, "Diabaikan": 75, "Sintetis": 60}  # fmt: skip
LOG_WIDTHS = {"Waktu": 170, "Dataset": 70, "Kejadian": 100, "Oleh": 120, "Catatan": 440}


def _options(ref: Reference) -> ImportOptions | None:
    """The user's file-level import choices; None while the typed period is not understood."""
    left, mid = st.columns(2)
    text = left.text_input(t("data.periode"), key="data.periode", help=t("data.periode_help"))
    periode = normalise_period(text) if text.strip() else None
    if text.strip() and periode is None:
        left.error(t("data.periode_bad", text=text))
        return None
    if periode:
        left.caption(t("data.periode_read", periode=fmt_period(periode)))
    codes = [None, *ref.sumber_data["kode"]]
    names = dict(zip(ref.sumber_data["kode"], ref.sumber_data["nama"], strict=True))
    sumber = mid.selectbox(
        t("data.sumber"),
        codes,
        key="data.sumber",
        format_func=lambda c: t("data.sumber_default") if c is None else f"{names[c]} ({c})",
    )
    proporsi = st.checkbox(t("data.proporsi"), key="data.proporsi")
    # The box itself is drawn with the dry run (``_keep_counts``), only when it matters.
    keep = bool(st.session_state.get(KEEP_COUNTS, False))
    return ImportOptions(periode, sumber, proporsi, pertahankan_hitungan=keep)


KEEP_COUNTS = "data.pertahankan_hitungan"


def _keep_counts(plan, comparison) -> None:
    """When percent-only values of the file would replace stored pembilang/penyebut: say how
    many, and offer to keep the stored counts (those percentages are then not imported)."""
    replaced, kept = comparison.hitungan_diganti, plan.hitungan_dipertahankan
    if not (replaced or kept):
        st.session_state.pop(KEEP_COUNTS, None)
        return
    if replaced:
        st.warning(t("data.counts_replaced", n=fmt_number(replaced)))
    else:
        st.info(t("data.counts_kept", n=fmt_number(kept)))
    st.checkbox(t("data.keep_counts"), key=KEEP_COUNTS, help=t("data.keep_counts_help"))


def _dry_run(store: Store, ref: Reference, file, options: ImportOptions):
    """(plan, comparison, profile applied or None) of the uploaded file with these options,
    computed once per file and options; None while another check of this session is running
    (``ui.checking``)."""
    key = (file.file_id, options)
    cached = st.session_state.get("data.plan")
    if cached and cached[0] == key:
        return cached[1]
    bar = st.progress(0.0, text=t("data.checking"))
    checked = run_check(
        file.name,
        lambda: uploads.dry_run_with_profile(
            store, ref, file.getvalue(), file.name, options, lambda f, m: bar.progress(f, text=m)
        ),
    )
    bar.empty()
    if checked is not None:
        # Keyed by the options actually used: a profile applied becomes the file's choices.
        st.session_state["data.plan"] = ((file.file_id, checked[0].options), checked)
    return checked


def already_stored(store: Store, sha256: str, key: str) -> bool:
    """Whether an active dataset already holds this file; if so, says which (when and by whom)
    and where to roll it back, so that the page offers no save that would be refused."""
    found = store.active_dataset_for_file(sha256)
    if found is None:
        return False
    dataset_id, waktu, oleh = found
    st.info(
        t(
            "data.duplicate",
            id=dataset_id,
            waktu=fmt_datetime(waktu),
            oleh=md_text(oleh),
            tempat=t(f"{key}.duplicate_where"),
        )
    )
    return True


def problems_file_name(nama_berkas: str) -> str:
    """The problems CSV of an uploaded file: ``ukur_pribadi.xlsx`` gives
    ``masalah_ukur_pribadi.csv`` (the file's own extension dropped, one ``.csv``)."""
    return f"masalah_{PurePosixPath(safe_name(nama_berkas)).stem}.csv"


def show_whole_file(problems) -> bool:
    """Each problem of the whole file (no row) in full, an error as ``st.error`` and a warning
    as ``st.warning``; whether any of them is an error (the file cannot be used)."""
    whole = problems.loc[problems["baris"].isna()]
    for _, problem in whole.iterrows():
        show = st.error if problem["tingkat"] == GALAT else st.warning
        show(md_text(f"{problem['pesan']} {problem['saran']}".strip()))
    return bool((whole["tingkat"] == GALAT).any())


def show_problems(plan, key: str) -> None:
    """The counts (``{key}.problems``) and every problem of a checked file (row, column, value,
    message, fix) with its CSV download: a static table while short enough to wrap long
    messages, else a scrolling one. A problem of the whole file (no row) is also shown above it
    in full, where a scrolling table would cut it."""
    errors, warnings = fmt_number(plan.n_errors), fmt_number(plan.n_warnings)
    st.markdown(f"**{t(f'{key}.problems', errors=errors, warnings=warnings)}**")
    problems = plan.problems
    show_whole_file(problems)
    table = problems_table(problems)
    if len(table) <= WRAPPED_PROBLEMS:  # a static table wraps long messages: readable whole
        # A static table renders markdown (a URL in a cell became a link): shown literally.
        st.table(table.map(md_text).set_index("Baris"))
    else:
        fitted_table(  # scrolls inside, rows wrapped: the fix readable on a 1366 px projector
            table, PROBLEM_WIDTHS, key=f"{key}.problems", wrap=3, full=False
        )
    st.download_button(
        t("data.problems_download"),
        files.to_csv_bytes(table),
        file_name=problems_file_name(plan.nama_berkas),
        mime="text/csv",
        key=f"{key}.problems_download",
    )


def _report(plan, comparison, ref: Reference) -> None:
    st.subheader(t("data.dry_run"))
    cols = st.columns(5)
    cols[0].metric(t("data.m_rows"), fmt_number(plan.rows_read))
    cols[1].metric(t("data.m_added"), fmt_number(comparison.added))
    cols[2].metric(t("data.m_updated"), fmt_number(comparison.updated))
    cols[3].metric(t("data.m_same"), fmt_number(comparison.unchanged))
    cols[4].metric(
        t("data.m_ignored"), fmt_number(plan.n_ignored_values), help=t("data.m_ignored_help")
    )
    if plan.personal_columns:
        kolom = describe(plan.personal_columns, plan.personal_kinds)
        st.warning(t("data.personal", kolom=md_text(kolom)))
    _keep_counts(plan, comparison)
    if plan.notes:
        with st.expander(t("data.notes"), expanded=False):
            st.markdown("\n".join(f"- {md_text(n)}" for n in plan.notes))
    if len(plan.problems):
        show_problems(plan, "data")
    else:
        st.success(t("data.problems_none"))
    if len(comparison.detail):
        shown = min(PREVIEW_ROWS, len(comparison.detail))
        st.markdown(
            "**"
            + t("data.preview", shown=fmt_number(shown), total=fmt_number(len(comparison.detail)))
            + "**"
        )
        st.dataframe(
            preview_table(comparison.detail, ref.kelurahan, ref.wilayah, PREVIEW_ROWS),
            hide_index=True,
            width="stretch",
            key="data.preview",
        )


def _catalogue_form(store: Store, ref: Reference, unknown: list[str], oleh: str) -> None:
    """Add an indicator the file uses but the catalogue lacks; the dry run then runs again."""
    chosen = st.session_state.pop("data.ind_baru", None)  # "new indicator" in the mapping step
    with st.expander(t("data.ind_title", n=fmt_number(len(unknown))), expanded=chosen is not None):
        st.caption(t("data.ind_help"))
        i = unknown.index(
            st.selectbox(
                t("data.ind_from"),
                unknown,
                index=unknown.index(chosen) if chosen in unknown else 0,
                key="data.ind_asal",
            )
        )
        close = build_catalogue(ref).indicators.close_to(unknown[i])
        if close:
            label = ", ".join(
                f"{k} ({ref.indikator.set_index('kode').at[k, 'nama']})" for k, _ in close[:3]
            )
            st.warning(t("data.ind_close", mirip=md_text(label)))
        match = CODE_RE.match(unknown[i])
        code = f"{match[1]}{match[2]}".upper() if match else ""
        sources = list(ref.sumber_data["kode"])
        usual = sources.index(ref.indikator["sumber_data"].mode().iloc[0])
        with st.form(f"data.ind_form_{i}", enter_to_submit=False):
            left, right = st.columns(2)
            fields = {
                "kode": left.text_input(t("data.ind_kode"), value=code, key=f"data.ind_kode_{i}"),
                "nama": right.text_input(
                    t("data.ind_nama"), value="" if match else unknown[i], key=f"data.ind_nama_{i}"
                ),
                "kelompok": left.selectbox(
                    t("data.ind_kelompok"), USER_KELOMPOK, key=f"data.ind_kelompok_{i}"
                ),
                "sasaran": right.text_input(t("data.ind_sasaran"), key=f"data.ind_sasaran_{i}"),
                "satuan": left.selectbox(
                    t("data.ind_satuan"), ["persen", "jumlah"], key=f"data.ind_satuan_{i}"
                ),
                "arah": right.selectbox(
                    t("data.ind_arah"),
                    ["tinggi_baik", "rendah_baik"],
                    format_func=lambda a: t(f"data.ind_{a}"),
                    key=f"data.ind_arah_{i}",
                ),
                "target": left.text_input(t("data.ind_target"), key=f"data.ind_target_{i}"),
                "tahun_target": right.text_input(t("data.ind_tahun"), key=f"data.ind_tahun_{i}"),
                "sumber_data": left.selectbox(
                    t("data.ind_sumber"), sources, index=usual, key=f"data.ind_sumber_{i}"
                ),
            }
            if not st.form_submit_button(t("data.ind_submit")):
                return
        fields = {k: clean_text(v) for k, v in fields.items()}  # no control characters
        try:
            row = user_indicator(fields, ref)
        except ReferenceDataError as err:
            st.error(t("data.ind_invalid"))
            st.markdown(
                "\n".join(f"- **{md_text(p.kolom)}**: {md_text(p.pesan)}" for p in err.problems)
            )
            return
        store.add_user_indicator(row, oleh)
        data.clear_caches()
        st.session_state.pop("data.plan", None)
        st.session_state["data.ind_flash"] = t("data.ind_added", kode=row["kode"].iloc[0])
        st.rerun()


def _skip_label(plan) -> str:
    """The "save the valid values only" confirmation: it counts the values left out, as the
    dry run's "Nilai diabaikan" does; galat that leave out no value (a duplicate column) are
    counted as the "Masalah" line counts them, never as "0 nilai"."""
    valid = fmt_number(len(plan.values))
    if plan.n_ignored_values:
        return t("data.skip_confirm", valid=valid, ignored=fmt_number(plan.n_ignored_values))
    return t("data.skip_confirm_errors", valid=valid, errors=fmt_number(plan.n_errors))


def _commit_controls(store: Store, plan, comparison, file, oleh: str) -> None:
    if not plan.can_commit and plan.hitungan_dipertahankan:  # kept on request: nothing wrong
        st.info(t("data.nothing_all_kept"))
        return
    if not plan.can_commit:
        # A refused file (another region's, no table) already has its one message above, and
        # there is no mapping step to point to.
        if not plan.stopped:
            st.warning(t("data.nothing"))
        return
    confirmed = True
    if plan.n_errors:
        confirmed = st.checkbox(_skip_label(plan), key="data.skip_confirm")
    unclear = list(dict.fromkeys(c.header for c in plan.columns if c.status == UNCLEAR))
    if unclear:  # a column left unread must be a decision, not an oversight
        kolom = ", ".join(f"'{md_text(h)}'" for h in unclear)
        confirmed &= st.checkbox(t("data.unclear_confirm", kolom=kolom), key="data.unclear_ok")
    if st.button(t("data.save"), type="primary", key="data.simpan", disabled=not confirmed):
        try:
            dataset_id = uploads.commit(store, plan, comparison, file.getvalue(), oleh)
        except Exception as err:  # noqa: BLE001 - the transaction rolled back; say so plainly
            st.error(t("data.save_failed", detail=describe_error(err)))
            return
        data.clear_caches()
        st.session_state["data.saved"] = (
            file.file_id,
            dataset_id,
            len(plan.values),
            plan.nama_berkas,
        )
        st.session_state.pop("data.plan", None)
        st.rerun()


def render_upload(store: Store, ref: Reference) -> None:
    user = auth.editor(t("auth.what_upload"))
    if user is None:
        return
    oleh = user.nama_pengguna
    limit = settings.upload_mb(settings.max_upload_bytes())
    file = file_picker(
        t("data.upload"),
        key="data.upload",
        help=t("data.upload_help", mb=limit),
        max_upload_size=limit,  # the uploader's "… MB per file" is the app's own limit
    )
    saved = st.session_state.get("data.saved")
    if file is None:
        return
    if saved and saved[0] == file.file_id:
        st.success(t("data.saved", id=saved[1], n=fmt_number(saved[2]), file=md_text(saved[3])))
        return
    state = mapping_step.state_for(file.file_id)
    options = _options(ref)
    if options is None:
        return
    try:
        checked = _dry_run(store, ref, file, mapping_step.apply_state(options, state))
    except Exception as err:  # noqa: BLE001 - a bug must not show a stack trace to planners
        st.error(t("data.check_failed", file=md_text(file.name), detail=describe_error(err)))
        return
    if checked is None:
        return
    plan, comparison, profile = checked
    state = mapping_step.remember_profile(state, plan, profile)
    stored = already_stored(store, plan.sha256, "data")  # said at once, above the dry run
    mapping_step.render_sheets(plan, state)
    _report(plan, comparison, ref)
    if flash := st.session_state.pop("data.ind_flash", None):
        st.success(flash)
    if stored:
        return
    if not plan.stopped:  # no choice can make a file that is no table usable
        mapping_step.render_mapping(store, ref, plan, state, oleh)
        if plan.names_to_add:
            _catalogue_form(store, ref, plan.names_to_add, oleh)
    _commit_controls(store, plan, comparison, file, oleh)


def render_history(store: Store) -> None:
    datasets = data.datasets()
    if datasets.empty:
        st.info(t("data.history_empty"))
        return
    fitted_table(datasets_table(datasets), DATASET_WIDTHS, key="data.datasets", wrap=3, full=False)
    # No status in the option labels: the browser keeps a chosen option's old text after a
    # roll-back, so the status is said below the box, where it is drawn afresh on every run.
    labels = {int(r.id): f"#{r.id} · {r.nama}" for r in datasets.itertuples()}
    # Keyed by the newest dataset, so that after an upload the choice starts at the new one.
    chosen = st.selectbox(
        t("data.history_pick"),
        list(labels),
        format_func=labels.get,
        key=f"data.pilih_{max(labels)}",
    )
    row = datasets.set_index("id").loc[chosen]
    active = row["status"] == "aktif"
    st.caption(t("data.history_status", status=row["status"]))
    label, confirm, done = (
        ("data.rollback", "data.rollback_confirm", "data.rolled_back")
        if active
        else ("data.restore", "data.restore_confirm", "data.restored")
    )
    user = auth.editor(t("auth.what_rollback"))  # the confirmation too is for editors only
    # Keyed by the dataset and its state: after the action the box is a new one, unticked, so the
    # opposite action needs its own confirmation.
    sure = user and st.checkbox(
        t(confirm, dataset=labels[chosen]), key=f"data.yakin_{chosen}_{int(active)}"
    )
    if user and st.button(t(label), key="data.batalkan", disabled=not sure):
        try:
            store.set_dataset_active(chosen, not active, user.nama_pengguna)
        except ValueError as err:  # already done elsewhere, or its file is active again
            st.error(str(err))
            return
        data.clear_caches()
        st.session_state["data.flash"] = t(done, id=chosen)
        st.rerun()
    if flash := st.session_state.pop("data.flash", None):
        st.success(flash)
    # An archived original may hold what the dashboard never stores: editors only. Its bytes
    # are read (and unpacked) only when the button is pressed, never for drawing the page.
    archived = row.get("diarsipkan")  # None: not an upload (demo data, measurements)
    if user and archived is not None and bool(archived):
        st.download_button(
            t("data.original"),
            lambda: store.dataset_file(chosen)[1],
            file_name=row["nama_berkas"],
            key="data.asli",
            on_click="ignore",
        )
    elif user and archived is not None:
        st.caption(t("data.original_missing", reason=md_text(row.get("catatan") or "")))
    history = data.dataset_history()
    if not history.empty:
        st.markdown("**" + t("data.log") + "**")
        fitted_table(history_table(history), LOG_WIDTHS, key="data.log", wrap=3, full=False)


def render_templates(ref: Reference) -> None:
    st.markdown(t("data.templates_intro"))
    frames = {
        "panjang": (t("data.template_long"), templates.long_template(ref.kelurahan), False),
        "lebar": (
            t("data.template_wide"),
            templates.wide_template(ref.kelurahan, ref.indikator),
            True,
        ),
    }
    # The files are built when a button is pressed, not for every drawing of the page.
    for name, (title, frame, wide) in frames.items():
        st.markdown(f"**{title}**")
        left, right, _ = st.columns([1, 1, 4])
        csv = partial(files.to_csv_bytes, frame)
        download("CSV", csv, f"templat_{name}.csv", f"data.templat_{name}_csv", where=left)
        workbook = partial(_template_workbook, frame, ref.indikator, wide)
        download(
            "Excel (.xlsx)", workbook, f"templat_{name}.xlsx", f"data.templat_{name}_xlsx",
            where=right,
        )  # fmt: skip


def _template_workbook(frame: pd.DataFrame, indikator: pd.DataFrame, wide: bool) -> bytes:
    """A template with its guide sheet."""
    return files.to_xlsx_bytes({"Data": frame, "Petunjuk": templates.guide(indikator, wide)})
