"""The Aksi page's editor (st.data_editor → checks → one transaction with an audit log; a save
over rows changed since the screen read them is refused, ``ui.conflicts``), the audit log
table, evidence files (their bytes read only when downloaded) and the new-year form. After a
write each sets ``aksi.flash``, which the page shows at its top, in a place it always holds (so
that the open expander stays open after the rerun)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

import settings
from analysis import schema as s
from analysis.aksi import (
    EDITABLE,
    NOTE_FIELDS,
    TEXT_FIELDS,
    AksiStatus,
    aksi_status,
    changes,
    check_rows,
    clean_rows,
    comparable_years,
    kelurahan_rows,
    row_label,
    year_template,
    years_compared,
)
from analysis.edits import blank_text, none_for_blank
from analysis.overview import lokus_for_year
from analysis.synthetic import year_synthetic
from charts.aksi import build_progress_figure, build_timeline, build_year_comparison
from ingest.aksi_file import DATES, FIELDS, export_frame, read_aksi_file
from ingest.evidence import EvidenceProblem, check_evidence
from store.errors import EditConflict
from text.files import to_csv_bytes, to_xlsx_bytes
from text.fmt import fmt_datetime, fmt_number, md_text
from text.strings import t, word
from text.tables import aksi_kelurahan_table, problems_table
from ui import auth, conflicts, data
from ui.checking import run_check
from ui.pickers import file_picker, uploader
from ui.widgets import download

# Column headers shared with the spreadsheet export/import, so the grid, the file and the log
# name each field the same way.
LABELS = {field: label for label, field in FIELDS.items()}
# Text cells of the editor: empty strings there (not "None"), None again when saved.
EDITOR_TEXT = [s.KODE_KELURAHAN, *TEXT_FIELDS, *NOTE_FIELDS]


def _rows(progress: pd.DataFrame, tahun: int) -> pd.DataFrame:
    rows = progress.loc[progress[s.TAHUN] == tahun].sort_values(
        [s.NOMOR_AKSI, s.KODE_KELURAHAN, s.NOMOR_TAHAPAN], na_position="first"
    )
    return rows.assign(**{c: pd.to_datetime(rows[c]).dt.date for c in DATES}).reset_index(drop=True)


@dataclass(frozen=True)
class AksiParts:
    """What the Aksi page draws of a year on a date: the status (``analysis.aksi.aksi_status``),
    its progress, timeline and year-comparison figures (``to_dict()``, shown with
    ``ui.figures.Built``), the per-kelurahan table (None without kelurahan-level rows), the
    years of other frameworks and whether the year shows demo data."""

    view: AksiStatus
    progress: dict
    timeline: dict
    kelurahan: pd.DataFrame | None
    comparison: dict
    other_years: list[int]
    synthetic: bool


@st.cache_data(show_spinner=False, max_entries=32)
def aksi_parts(tahun: int, as_of: date, today: date) -> AksiParts:
    """The parts of ``tahun`` on ``as_of`` (``analysis.aksi.status_date``) of the stored
    progress, once per data load, year and dates."""
    progress, ref = data.aksi_progress(), data.reference()
    view = aksi_status(progress, ref.kerangka, tahun, as_of)
    per_kel = kelurahan_rows(progress, tahun, as_of)
    same, other = comparable_years(progress, tahun)  # only years of this year's framework
    return AksiParts(
        view,
        build_progress_figure(view.rows).to_dict(),
        build_timeline(view.rows, as_of, as_of == today).to_dict(),
        aksi_kelurahan_table(per_kel, ref.kelurahan) if len(per_kel) else None,
        build_year_comparison(years_compared(progress, ref.kerangka, same, today)).to_dict(),
        other,
        year_synthetic(progress, tahun),
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _row_labels(tahun: int) -> dict[int, str]:
    """Each progress row of ``tahun`` by id: its label (``analysis.aksi.row_label``)."""
    rows = _rows(data.aksi_progress(), tahun)
    return {int(r["id"]): row_label(r) for _, r in rows.iterrows()}


def render_editor(progress: pd.DataFrame, tahun: int) -> None:
    user = auth.editor(t("auth.what_aksi"))
    if user is None:
        return
    key = f"aksi_editor_{tahun}"
    rows = conflicts.screen_rows(key, _rows(progress, tahun))  # as this screen read them
    st.caption(t("aksi.edit_help"))
    shown = [s.NOMOR_AKSI, s.NOMOR_TAHAPAN, s.KODE_KELURAHAN, *EDITABLE]
    edited = st.data_editor(  # an empty cell shows empty, not "None"
        blank_text(rows[["id", *shown]], EDITOR_TEXT),
        key=key,
        hide_index=True,
        placeholder="",
        disabled=["id", s.NOMOR_AKSI, s.NOMOR_TAHAPAN, s.KODE_KELURAHAN],
        column_config={
            "id": None,
            s.NOMOR_AKSI: st.column_config.NumberColumn("Aksi", width=50),
            s.NOMOR_TAHAPAN: st.column_config.NumberColumn("Tahapan", width=60),
            s.KODE_KELURAHAN: st.column_config.TextColumn(word("Unit")),
            **{f: st.column_config.TextColumn(LABELS[f]) for f in EDITABLE},
            s.STATUS: st.column_config.SelectboxColumn(
                LABELS[s.STATUS], options=list(s.STATUS_VALUES)
            ),
            s.PROGRES: st.column_config.NumberColumn(LABELS[s.PROGRES], min_value=0, max_value=100),
            **{c: st.column_config.DateColumn(LABELS[c]) for c in DATES},
        },
    )
    action = conflicts.render_conflict(key)
    if action == conflicts.RELOAD:
        conflicts.forget(key)
        data.clear_caches()
        st.rerun()
    if st.button(t("aksi.save"), key="aksi.simpan") or action == conflicts.OVERWRITE:
        edited = none_for_blank(clean_rows(edited), EDITOR_TEXT)
        diff = changes(rows, edited)
        problems = check_rows(edited.loc[edited["id"].isin(diff["id"])])  # the changed rows
        if problems:
            st.error(t("aksi.invalid") + "\n\n" + "\n".join(f"- {p}" for p in problems))
        elif diff.empty:
            st.info(t("aksi.nothing"))
        else:
            _save(key, tahun, rows, edited, diff, user.nama_pengguna, action)


def _save(key, tahun, rows, edited, diff, oleh, action) -> None:  # noqa: PLR0913
    """Save the screen's edits if the rows are still as it read them; an explicit overwrite
    puts the screen's changed cells over the rows stored now (logged as changes of those)."""
    store = data.context()[0]
    if action == conflicts.OVERWRITE:
        rows = _rows(store.aksi_progress(), tahun)
        edited = conflicts.mine_over(rows, edited, diff, EDITABLE)
        diff = changes(rows, edited)
    try:
        n = store.update_aksi_progress(tahun, edited, diff, oleh, conflicts.versions(rows))
    except EditConflict as err:
        table = conflicts.conflict_table(err, rows, EDITABLE, row_label, LABELS, mine=edited)
        conflicts.refuse(key, table)
        return
    over = conflicts.overwritten(key) if action == conflicts.OVERWRITE else None
    conflicts.forget(key)
    data.clear_caches()
    st.session_state["aksi.flash"] = " ".join(filter(None, [over, t("aksi.saved", n=n)]))
    st.rerun()


def changes_table(diff: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Changes (``analysis.aksi.changes`` or the audit log) as planners read them."""
    labels = {int(r["id"]): row_label(r) for _, r in rows.iterrows()}
    return pd.DataFrame(
        {
            "Baris": [labels.get(i, "") if not pd.isna(i) else "" for i in diff["progress_id"]],
            "Isian": [LABELS.get(k, k) for k in diff["kolom"]],
            "Dari": diff["nilai_lama"],
            "Menjadi": diff["nilai_baru"],
        }
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _audit_table(tahun: int) -> pd.DataFrame | None:
    """The change log of ``tahun`` as planners read it (None: no change yet)."""
    log = data.aksi_audit()
    log = log.loc[log[s.TAHUN] == tahun]
    if log.empty:
        return None
    progress = data.aksi_progress()
    table = changes_table(log, progress.loc[progress[s.TAHUN] == tahun])
    table.insert(0, "Oleh", log["oleh"].to_numpy())
    table.insert(0, "Waktu", [fmt_datetime(v) for v in log["waktu"]])
    return table


def render_audit(tahun: int) -> None:
    table = _audit_table(tahun)
    if table is None:
        st.caption(t("aksi.audit_none"))
        return
    st.dataframe(table, hide_index=True, key="aksi.log")


def _frameworks() -> pd.Series:
    kerangka = data.reference().kerangka
    return kerangka.drop_duplicates(s.KERANGKA).set_index(s.KERANGKA)["nama_kerangka"]


def _template(kerangka: str, tahun: int) -> pd.DataFrame:
    """A year's rows from the framework, with that year's lokus for kelurahan-level aksi."""
    ref = data.reference()
    lokus = lokus_for_year(data.lokus(), tahun)[1]
    return year_template(ref.kerangka, ref.tahapan, kerangka, tahun, lokus)


def render_new_year() -> None:
    user = auth.editor(t("auth.what_aksi_year"))
    if user is None:
        return
    years = data.aksi_years()
    next_year = int(years[s.TAHUN].max()) + 1 if len(years) else 2022
    names = _frameworks()
    left, right = st.columns(2)
    tahun = left.number_input(t("aksi.new_year"), 2018, 2100, next_year, key="aksi.tahun_baru")
    kerangka = right.selectbox(
        t("aksi.new_framework"), list(names.index), format_func=names.get, key="aksi.kerangka"
    )
    if st.button(t("aksi.new_create", tahun=int(tahun)), key="aksi.buat"):
        if int(tahun) in set(years[s.TAHUN]):
            st.error(t("aksi.new_exists", tahun=int(tahun)))
            return
        rows = _template(kerangka, int(tahun))
        data.context()[0].add_aksi_year(int(tahun), kerangka, rows, user.nama_pengguna)
        data.clear_caches()
        st.session_state["aksi.flash"] = t(
            "aksi.new_done", tahun=int(tahun), kerangka=names[kerangka]
        )
        st.rerun()


def render_evidence(progress: pd.DataFrame, tahun: int) -> None:
    """Upload an evidence file for one progress row; list and download the year's files."""
    store = data.context()[0]
    labels = _row_labels(tahun)
    st.caption(t("aksi.evidence_help", mb=settings.max_evidence_bytes() // 1024 // 1024))
    chosen = st.selectbox(
        t("aksi.evidence_row"), list(labels), format_func=labels.get, key="aksi.bukti_baris"
    )
    user = auth.editor(t("auth.what_evidence"))
    upload = user and uploader(
        t("aksi.evidence_file"),
        key="aksi.bukti_berkas",
        help=None,
        max_upload_size=settings.upload_mb(settings.max_evidence_bytes()),
    )
    if upload and st.button(t("aksi.evidence_save"), key="aksi.bukti_simpan"):
        try:
            evidence = run_check(
                upload.name,
                lambda: check_evidence(
                    upload.name, upload.getvalue(), settings.max_evidence_bytes()
                ),
            )
        except EvidenceProblem as err:
            st.error(md_text(str(err)))
        else:
            if evidence is not None:  # None: another check of this session is running
                store.add_aksi_evidence(tahun, chosen, evidence, user.nama_pengguna)
                data.clear_caches()
                st.session_state["aksi.flash"] = t(
                    "aksi.evidence_saved", file=md_text(evidence.nama_berkas)
                )
                st.rerun()
    files = store.aksi_evidence(list(labels))
    for f in files.itertuples(index=False):
        # The bytes are read only when the button is pressed (a deferred download), never
        # for drawing the page.
        st.download_button(
            f"{labels.get(f.progress_id, '')} · {md_text(f.nama_berkas)} "
            f"({fmt_datetime(f.diunggah_pada)}, {md_text(f.diunggah_oleh)})",
            lambda evidence_id=int(f.id): store.aksi_evidence_file(evidence_id)[1],
            file_name=f.nama_berkas,
            key=f"aksi.bukti_unduh_{f.id}",
            on_click="ignore",
        )


@st.cache_data(show_spinner=False, max_entries=4)
def _import_plan(content: bytes, name: str, rows: pd.DataFrame):
    return read_aksi_file(content, name, rows, settings.max_upload_bytes())


def render_file(progress: pd.DataFrame, tahun: int) -> None:
    """Download the year's progress (XLSX/CSV) and import an edited copy: dry run, then save."""
    # The files are built only when their button is pressed.
    left, right = st.columns(2)
    download(
        t("aksi.export_xlsx"),
        lambda: to_xlsx_bytes({f"aksi_{tahun}": export_frame(_rows(progress, tahun))}),
        f"progres_aksi_{tahun}.xlsx", key="aksi.unduh_xlsx", where=left,
    )  # fmt: skip
    download(
        t("aksi.export_csv"), lambda: to_csv_bytes(export_frame(_rows(progress, tahun))),
        f"progres_aksi_{tahun}.csv", key="aksi.unduh_csv", where=right,
    )  # fmt: skip
    user = auth.editor(t("auth.what_aksi_file"))
    upload = user and file_picker(
        t("aksi.import"),
        key="aksi.impor",
        max_upload_size=settings.upload_mb(settings.max_upload_bytes()),
    )
    if not upload:
        return
    rows = _rows(progress, tahun)
    plan = run_check(upload.name, lambda: _import_plan(upload.getvalue(), upload.name, rows))
    if not plan:
        return
    if len(plan.problems):
        st.error(t("aksi.import_problems", n=fmt_number(len(plan.problems))))
        st.dataframe(problems_table(plan.problems), hide_index=True, key="aksi.impor_masalah")
        return
    if plan.diff.empty:
        st.info(t("aksi.nothing"))
        return
    st.markdown(t("aksi.import_changes", n=len(plan.diff)))
    shown = changes_table(plan.diff.rename(columns={"id": "progress_id"}), rows)
    st.dataframe(shown, hide_index=True, key="aksi.impor_perubahan")
    if st.button(t("aksi.import_save"), key="aksi.impor_simpan"):
        try:  # the rows the dry run compared the file with must still be as read
            n = data.context()[0].update_aksi_progress(
                tahun, plan.edited, plan.diff, user.nama_pengguna, conflicts.versions(rows)
            )
        except EditConflict as err:
            st.warning(t("edit.conflict", n=len(err.current) + len(err.missing)))
            table = conflicts.conflict_table(
                err, rows, EDITABLE, row_label, LABELS, mine=plan.edited
            )
            st.dataframe(table, hide_index=True, key="aksi.impor_konflik")
            return
        data.clear_caches()
        st.session_state["aksi.flash"] = t("aksi.saved", n=n)
        st.rerun()


def render_switch(tahun: int) -> None:
    """Give ``tahun`` another framework while nothing of it has been recorded yet."""
    user = auth.editor(t("auth.what_framework"))
    if user is None:
        return
    names = _frameworks()
    years = data.aksi_years().set_index(s.TAHUN)[s.KERANGKA]
    others = [k for k in names.index if k != years.get(tahun)]
    st.caption(t("aksi.switch_help", tahun=tahun))
    kerangka = st.selectbox(
        t("aksi.new_framework"), others, format_func=names.get, key="aksi.ganti_kerangka"
    )
    if st.button(t("aksi.switch", tahun=tahun), key="aksi.ganti"):
        try:
            data.context()[0].switch_aksi_framework(
                tahun, kerangka, _template(kerangka, tahun), user.nama_pengguna
            )
        except ValueError as err:
            st.error(str(err))
            return
        data.clear_caches()
        st.session_state["aksi.flash"] = t("aksi.switched", tahun=tahun, kerangka=names[kerangka])
        st.rerun()
