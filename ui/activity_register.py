"""The activity register on the Pemetaan Program page: the list, downloads, the new-activity
form, the editor, the spreadsheet import (dry run, then save) and the audit log. Every write
is checked with ``ingest.activities.check_rows`` and logged; a save over rows changed since the
screen read them is refused (``ui.conflicts``); after a write the page shows ``prog.flash`` at
its top."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import settings
from analysis import schema as s
from analysis.activities import LABELS, intervention_codes
from analysis.edits import blank_text, field_changes, none_for_blank
from analysis.programs import join_codes, split_codes
from ingest.activities import (
    blank_template,
    check_rows,
    clean_rows,
    export_frame,
    read_activity_file,
    register_sheets,
)
from store.errors import EditConflict
from text.files import to_csv_bytes, to_xlsx_bytes
from text.fmt import fmt_amount, fmt_datetime, fmt_number, md_text
from text.strings import t
from text.tables import problems_table
from ui import auth, conflicts, data
from ui.checking import run_check
from ui.pickers import file_picker
from ui.programs import fund_names, indicator_names, kelurahan_names, opd_names, opd_short
from ui.widgets import download

FLASH = "prog.flash"
REMOVE = "hapus"
# Text cells of the editor: empty strings there (not "None"), None again when saved.
EDITOR_TEXT = [s.NAMA_KEGIATAN, s.SATUAN_VOLUME, s.CATATAN]


def _choices() -> dict[str, list[str]]:
    """Codes a field may take, for the form and the editor."""
    ref = data.reference()
    return {
        s.OPD: list(ref.opd[s.KODE]),
        s.SUMBER_DANA: list(ref.sumber_dana[s.KODE]),
        s.INDIKATOR: intervention_codes(ref.indikator),
        s.KELURAHAN_SASARAN: [s.SEMUA_KELURAHAN, *ref.kelurahan[s.KODE_KELURAHAN]],
    }


def _problems(rows: pd.DataFrame) -> pd.DataFrame:
    return check_rows(rows, data.reference())


def _finish(message: str | None) -> None:
    data.clear_caches()
    if message:
        st.session_state[FLASH] = message
    st.rerun()


def _show_invalid(found: pd.DataFrame, label) -> None:
    lines = [
        f"- {md_text(label(r.baris))} · {md_text(r.kolom)}: {md_text(r.pesan)} {md_text(r.saran)}"
        for r in found.itertuples()
    ]
    st.error(t("prog.invalid") + "\n\n" + "\n".join(lines))


def _kelurahan_label(code: str) -> str:
    return t("prog.f_semua") if code == s.SEMUA_KELURAHAN else kelurahan_names().get(code, code)


def render_list(activities: pd.DataFrame, tahun: int, all_activities: pd.DataFrame) -> None:
    """The year's activities as a table, and the downloads (register, template)."""
    ref = data.reference()
    st.caption(t("prog.register_count", n=len(activities), tahun=tahun))
    shown = export_frame(activities, ref).drop(columns=["ID", "Tahun"])
    opd, funds = opd_short(), fund_names()
    shown["OPD"] = shown["OPD"].map(lambda o: opd.get(o, o))
    shown["Sumber dana"] = shown["Sumber dana"].map(lambda f: funds.get(f, f))
    st.dataframe(shown, hide_index=True, width="stretch", key="prog.daftar")
    # The files are built only when their button is pressed.
    left, mid, right = st.columns(3)
    download(
        t("prog.export_xlsx"), lambda: to_xlsx_bytes(register_sheets(all_activities, ref)),
        "daftar_kegiatan.xlsx", key="prog.unduh_xlsx", where=left,
    )  # fmt: skip
    download(
        t("prog.export_csv"), lambda: to_csv_bytes(export_frame(all_activities, ref)),
        "daftar_kegiatan.csv", key="prog.unduh_csv", where=mid,
    )  # fmt: skip
    download(
        t("prog.template"), lambda: to_xlsx_bytes(blank_template(ref)),
        "templat_kegiatan.xlsx", key="prog.templat", where=right,
    )  # fmt: skip


def render_add(tahun: int) -> None:
    """A form for one new activity of ``tahun``."""
    user = auth.editor(t("auth.what_activities"))
    if user is None:
        return
    c = _choices()
    with st.form("prog.form_baru", clear_on_submit=False):
        nama = st.text_input(t("prog.f_nama"), key="prog.nama")
        left, right = st.columns(2)
        opd = left.selectbox(
            t("prog.f_opd"), c[s.OPD], format_func=lambda o: opd_names()[o], key="prog.f_opd"
        )
        dana = right.selectbox(
            t("prog.f_dana"),
            c[s.SUMBER_DANA],
            format_func=lambda f: fund_names()[f],
            key="prog.f_dana",
        )
        indikator = st.multiselect(
            t("prog.f_indikator"), c[s.INDIKATOR],
            format_func=lambda k: f"{k} · {indicator_names().get(k, k)}", key="prog.f_indikator",
            placeholder=t("prog.choose"),
        )  # fmt: skip
        kelurahan = st.multiselect(
            t("prog.f_kelurahan"), c[s.KELURAHAN_SASARAN], format_func=_kelurahan_label,
            key="prog.f_kelurahan", placeholder=t("prog.choose"),
        )  # fmt: skip
        a, b, c2, d = st.columns(4)
        volume = a.number_input(t("prog.f_volume"), min_value=0.0, value=None, key="prog.f_volume")
        satuan = b.text_input(t("prog.f_satuan"), key="prog.f_satuan")
        pagu = c2.number_input(
            t("prog.f_pagu"), min_value=0, value=None, step=1_000_000, key="prog.f_pagu"
        )
        real = d.number_input(
            t("prog.f_realisasi"), min_value=0, value=None, step=1_000_000, key="prog.f_real"
        )
        left, right = st.columns(2)
        status = left.selectbox(
            t("prog.f_status"), list(s.KEGIATAN_STATUS_VALUES), key="prog.f_status"
        )
        catatan = right.text_input(t("prog.f_catatan"), key="prog.f_catatan")
        sent = st.form_submit_button(t("prog.save_new"), key="prog.simpan_baru")
    if not sent:
        return
    row = {
        s.TAHUN: tahun, s.NAMA_KEGIATAN: nama.strip(), s.OPD: opd, s.INDIKATOR: join_codes(indikator),
        s.KELURAHAN_SASARAN: s.SEMUA_KELURAHAN if s.SEMUA_KELURAHAN in kelurahan else join_codes(kelurahan),
        s.VOLUME: volume, s.SATUAN_VOLUME: satuan.strip() or None,
        s.PAGU: None if pagu is None else float(pagu), s.REALISASI: None if real is None else float(real),
        s.SUMBER_DANA: dana, s.STATUS: status, s.CATATAN: catatan.strip() or None,
    }  # fmt: skip
    frame = clean_rows(pd.DataFrame([row]))
    found = _problems(frame)
    if len(found):
        _show_invalid(found, lambda _: t("prog.add"))
    else:
        data.context()[0].save_activities(user.nama_pengguna, new=frame)
        _finish(t("prog.added", nama=md_text(frame[s.NAMA_KEGIATAN].iloc[0])))


def _editable(rows: pd.DataFrame) -> pd.DataFrame:
    """Stored rows as the editor shows them: lists for the multi-valued fields, a remove box."""
    return (
        blank_text(rows[["id", *s.ACTIVITY_FIELDS]], EDITOR_TEXT)
        .assign(
            **{
                s.INDIKATOR: rows[s.INDIKATOR].map(split_codes),
                s.KELURAHAN_SASARAN: rows[s.KELURAHAN_SASARAN].map(split_codes),
                REMOVE: False,
            }
        )
        .reset_index(drop=True)
    )


def _stored_form(edited: pd.DataFrame) -> pd.DataFrame:
    """Editor rows back in the stored form (codes joined with ";")."""
    return edited.assign(
        **{
            s.INDIKATOR: edited[s.INDIKATOR].map(join_codes),
            s.KELURAHAN_SASARAN: edited[s.KELURAHAN_SASARAN].map(
                lambda v: (
                    s.SEMUA_KELURAHAN if s.SEMUA_KELURAHAN in split_codes(v) else join_codes(v)
                )
            ),
        }
    )


def render_edit(all_activities: pd.DataFrame, tahun: int) -> None:
    """The year's activities in an editor: change cells or tick Hapus, then save (logged)."""
    key = f"prog.editor_{tahun}"
    year = all_activities.loc[all_activities[s.TAHUN] == tahun].reset_index(drop=True)
    rows = conflicts.screen_rows(key, year)  # as this screen read them
    if rows.empty:
        st.caption(t("prog.no_activities", tahun=tahun))
        return
    user = auth.editor(t("auth.what_activities"))
    if user is None:
        return
    st.caption(t("prog.edit_help"))
    c = _choices()
    names = indicator_names()
    edited = st.data_editor(
        _editable(rows),
        key=key,
        hide_index=True,
        placeholder="",
        disabled=["id", s.TAHUN],
        column_config={
            "id": None,
            s.TAHUN: None,
            s.NAMA_KEGIATAN: st.column_config.TextColumn(LABELS[s.NAMA_KEGIATAN], width="large"),
            s.OPD: st.column_config.SelectboxColumn(
                LABELS[s.OPD], options=c[s.OPD], format_func=lambda o: opd_short().get(o, o)
            ),
            s.INDIKATOR: st.column_config.MultiselectColumn(
                LABELS[s.INDIKATOR],
                options=c[s.INDIKATOR],
                format_func=lambda k: f"{k} {names.get(k, '')[:30]}",
            ),
            s.KELURAHAN_SASARAN: st.column_config.MultiselectColumn(
                LABELS[s.KELURAHAN_SASARAN],
                options=c[s.KELURAHAN_SASARAN],
                format_func=_kelurahan_label,
            ),
            s.VOLUME: st.column_config.NumberColumn(LABELS[s.VOLUME], min_value=0),
            s.SATUAN_VOLUME: st.column_config.TextColumn(LABELS[s.SATUAN_VOLUME]),
            s.PAGU: st.column_config.NumberColumn(LABELS[s.PAGU], min_value=0, step=1, format="%d"),
            s.REALISASI: st.column_config.NumberColumn(
                LABELS[s.REALISASI], min_value=0, step=1, format="%d"
            ),
            s.SUMBER_DANA: st.column_config.SelectboxColumn(
                LABELS[s.SUMBER_DANA],
                options=c[s.SUMBER_DANA],
                format_func=lambda f: fund_names().get(f, f),
            ),
            s.STATUS: st.column_config.SelectboxColumn(
                LABELS[s.STATUS], options=list(s.KEGIATAN_STATUS_VALUES)
            ),
            s.CATATAN: st.column_config.TextColumn(LABELS[s.CATATAN]),
            REMOVE: st.column_config.CheckboxColumn(t("prog.f_hapus"), width="small"),
        },
    )
    action = conflicts.render_conflict(key)
    if action == conflicts.RELOAD:
        conflicts.forget(key)
        _finish(None)
    if not st.button(t("prog.save_edit"), key="prog.simpan_ubah") and not action:
        return
    after = none_for_blank(clean_rows(_stored_form(edited)), EDITOR_TEXT)
    removed = [int(i) for i in after.loc[after[REMOVE].astype(bool), "id"]]
    kept = after.loc[~after["id"].isin(removed)]
    diff = field_changes(rows, kept, s.ACTIVITY_FIELDS)
    found = _problems(kept.loc[kept["id"].isin(set(diff["id"]))])
    if len(found):
        labels = dict(zip(kept.index, kept[s.NAMA_KEGIATAN], strict=True))
        _show_invalid(found, lambda i: str(labels.get(i, "")))
    elif diff.empty and not removed:
        st.info(t("prog.nothing"))
    else:
        _save_edits(key, rows, kept, diff, removed, user.nama_pengguna, action)


def _save_edits(key, rows, kept, diff, removed, oleh, action) -> None:  # noqa: PLR0913
    """Save the editor's changes if the rows are still as the screen read them; an explicit
    overwrite puts the changed cells over the rows stored now."""
    store = data.context()[0]
    if action == conflicts.OVERWRITE:
        now = store.activities()
        rows = now.loc[now["id"].isin(rows["id"])].reset_index(drop=True)
        kept = conflicts.mine_over(rows.loc[~rows["id"].isin(removed)], kept, diff,
                                   s.ACTIVITY_FIELDS)  # fmt: skip
        diff = field_changes(rows, kept, s.ACTIVITY_FIELDS)
        removed = [i for i in removed if i in set(rows["id"])]
    try:
        store.save_activities(oleh, edited=kept, diff=diff, removed=removed,
                              versions=conflicts.versions(rows))  # fmt: skip
    except EditConflict as err:
        table = conflicts.conflict_table(
            err, rows, s.ACTIVITY_FIELDS, lambda r: str(r[s.NAMA_KEGIATAN]), LABELS, "dihapus",
            mine=kept, mine_removed=removed,
        )  # fmt: skip
        conflicts.refuse(key, table)
        return
    over = conflicts.overwritten(key) if action == conflicts.OVERWRITE else None
    conflicts.forget(key)
    _finish(" ".join(filter(None, [over, t("prog.saved", n=len(diff), hapus=len(removed))])))


@st.cache_data(show_spinner=False, max_entries=4)
def _import_plan(content: bytes, name: str, stored: pd.DataFrame):
    return read_activity_file(content, name, stored, data.reference(), settings.max_upload_bytes())


def render_import(all_activities: pd.DataFrame) -> None:
    """Upload an edited register or a filled template: dry run first, then save with a name."""
    st.caption(t("prog.import_help"))
    user = auth.editor(t("auth.what_activities"))
    if user is None:
        return
    upload = file_picker(
        t("prog.import_file"),
        key="prog.impor",
        max_upload_size=settings.upload_mb(settings.max_upload_bytes()),
    )
    if upload is None:
        return
    plan = run_check(
        upload.name, lambda: _import_plan(upload.getvalue(), upload.name, all_activities)
    )
    if plan is None:
        return
    if plan.n_errors:
        st.error(t("prog.import_problems", n=fmt_number(plan.n_errors)))
        st.dataframe(problems_table(plan.problems), hide_index=True, key="prog.impor_masalah")
        return
    if not plan.can_commit:
        st.info(t("prog.import_nothing"))
        return
    n_changed = plan.diff["id"].nunique()
    st.markdown(t("prog.import_plan", baru=len(plan.new), ubah=len(plan.diff), n_ubah=n_changed))
    if len(plan.new):
        st.dataframe(_shown(export_frame(plan.new.assign(id=None), data.reference())),
                     hide_index=True, key="prog.impor_baru")  # fmt: skip
    if len(plan.diff):
        st.dataframe(
            changes_table(plan.diff, all_activities), hide_index=True, key="prog.impor_ubah"
        )
    if st.button(t("prog.import_save"), key="prog.impor_simpan"):
        try:  # the rows the dry run compared the file with must still be as read
            data.context()[0].save_activities(
                user.nama_pengguna, new=plan.new, edited=plan.edited, diff=plan.diff,
                versions=conflicts.versions(all_activities),
            )  # fmt: skip
        except EditConflict as err:
            st.warning(t("edit.conflict", n=len(err.current) + len(err.missing)))
            table = conflicts.conflict_table(
                err, all_activities, s.ACTIVITY_FIELDS, lambda r: str(r[s.NAMA_KEGIATAN]), LABELS,
                "dihapus", mine=plan.edited,
            )  # fmt: skip
            st.dataframe(table, hide_index=True, key="prog.impor_konflik")
            return
        _finish(t("prog.imported", baru=len(plan.new), ubah=len(plan.diff)))


def _shown(sheet: pd.DataFrame) -> pd.DataFrame:
    """New rows of an import as planners read them: amounts in Indonesian format, blanks
    for empty cells (the sheet itself keeps numbers for the spreadsheet)."""
    sheet = sheet.drop(columns=["ID"])
    amounts = [c for c in sheet.columns if c != "Tahun" and sheet[c].dtype.kind in "if"]
    return sheet.assign(**{c: sheet[c].map(fmt_amount) for c in amounts}).fillna("")


def changes_table(diff: pd.DataFrame, activities: pd.DataFrame) -> pd.DataFrame:
    """Field changes (planned or logged) as planners read them."""
    names = dict(zip(activities["id"], activities[s.NAMA_KEGIATAN], strict=True))
    return pd.DataFrame(
        {
            "ID": diff["id"].astype(int),
            "Kegiatan": [names.get(i, "") for i in diff["id"]],
            "Isian": [LABELS.get(k, k) for k in diff["kolom"]],
            "Dari": diff["nilai_lama"],
            "Menjadi": diff["nilai_baru"],
        }
    )


def render_audit() -> None:
    log = data.activity_audit()
    if log.empty:
        st.caption(t("prog.audit_none"))
        return
    table = pd.DataFrame(
        {
            "Waktu": [fmt_datetime(v) for v in log["waktu"]],
            "Oleh": log["oleh"],
            "ID": log["kegiatan_id"],
            "Tahun": log[s.TAHUN],
            "Kegiatan": log[s.NAMA_KEGIATAN],
            "Isian": [LABELS.get(k, k) for k in log["kolom"]],
            "Dari": log["nilai_lama"].fillna(""),
            "Menjadi": log["nilai_baru"].fillna(""),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="prog.log")
    download(t("prog.audit_download"), lambda: to_csv_bytes(table), "log_kegiatan.csv",
                   key="prog.log_unduh")  # fmt: skip


def render_tab(listed: pd.DataFrame, tahun: int, all_activities: pd.DataFrame) -> None:
    """The register tab: the list of ``tahun`` (``listed``), then adding, editing, importing
    and the change log, each in its expander."""
    render_list(listed, tahun, all_activities)
    with st.expander(t("prog.add")):
        render_add(tahun)
    with st.expander(t("prog.edit", tahun=tahun)):
        render_edit(all_activities, tahun)
    with st.expander(t("prog.import")):
        render_import(all_activities)
    with st.expander(t("prog.audit")):
        render_audit()
