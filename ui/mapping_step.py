"""The Data page's mapping step: what each column and indicator name of an uploaded file was read
as, a choice for every unclear one, the table sheets to import, and the choices saved as a named
profile (``analysis.mapping``) that is applied to the next file with the same headers.

The choices of one file live in session state (``MappingState``) until another file is chosen;
they are part of the import options, so every change checks the file again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

import streamlit as st

from analysis import mapping as m
from analysis.reference import Reference
from analysis.text_clean import clean_text
from ingest import mapping as dry
from ingest.options import ImportOptions
from services import uploads
from store.database import Store
from store.errors import EditConflict
from text.fmt import md_text
from text.strings import t
from text.tables import mapping_table, profiles_table
from ui import data

STATE = "data.mapping"
NEW = "__baru__"  # "this name is a new indicator": opens the catalogue form


@dataclass(frozen=True)
class MappingState:
    """The user's choices for the file ``file_id``: its mapping, the sheets to import (None:
    every table sheet) and the profile applied to it automatically, if any."""

    file_id: str
    mapping: m.Mapping = m.Mapping()
    sheets: tuple[str, ...] | None = None
    profile: str | None = None


def state_for(file_id: str) -> MappingState:
    """The choices made for this file (a new file starts with none)."""
    state = st.session_state.get(STATE)
    if state is None or state.file_id != file_id:
        state = MappingState(file_id)
        st.session_state[STATE] = state
    return state


def apply_state(options: ImportOptions, state: MappingState) -> ImportOptions:
    return replace(options, mapping=state.mapping, sheets=state.sheets)


def remember_profile(state: MappingState, plan, profile: str | None) -> MappingState:
    """After a dry run that applied a saved profile: its mapping becomes the file's starting
    choices (shown, changeable)."""
    if profile is None or state.mapping:
        return state
    state = replace(state, mapping=plan.options.mapping, profile=profile)
    st.session_state[STATE] = state
    return state


def _key(state: MappingState) -> str:
    return hashlib.sha256(state.file_id.encode()).hexdigest()[:10]


def _indicator_label(ref: Reference):
    names = dict(zip(ref.indikator["kode"], ref.indikator["nama"], strict=False))
    return lambda kode: f"{kode} · {names.get(kode, '?')}"


def spec_label(spec: str, ref: Reference) -> str:
    """A column choice as the user reads it: a role, "abaikan", or indicator · field · name."""
    if not spec:
        return t("map.unset")
    if spec == NEW:
        return t("map.new")
    parsed = m.parse_spec(spec)
    if parsed.role != m.INDICATOR_COLUMN:
        return t(f"map.role_{parsed.role}")
    return f"{_indicator_label(ref)(parsed.kode)} — {t(f'map.field_{parsed.field}')}"


def column_choices(ref: Reference, candidates: tuple[str, ...]) -> list[str]:
    """Every choice for a column: none yet, ignore, the roles, then each indicator's fields,
    the likely indicators first."""
    codes = list(dict.fromkeys([*candidates, *ref.indikator["kode"]]))
    fields = [f"{k}{'' if f == 'nilai' else ':' + f}" for k in codes for f in m.FIELDS]
    return ["", m.IGNORE, *m.ROLES, *fields, NEW]


def render_sheets(plan, state: MappingState) -> None:
    """The table sheets to import together, when a workbook holds several; skipped sheets are
    said by name."""
    if plan.skipped_sheets:
        st.caption(
            t(
                "map.sheets_skipped",
                sheets="; ".join(
                    f"'{md_text(n)}' ({md_text(why)})" for n, why in plan.skipped_sheets
                ),
            )
        )
    if len(plan.table_sheets) < 2 and not state.sheets:
        return
    available = list(dict.fromkeys([*plan.table_sheets, *(state.sheets or ())]))
    chosen = st.multiselect(
        t("map.sheets"),
        available,
        default=list(state.sheets or plan.table_sheets),
        key=f"data.lembar_{_key(state)}",
        help=t("map.sheets_help"),
    )
    sheets = None if set(chosen) == set(plan.table_sheets) else tuple(chosen)
    if chosen and sheets != state.sheets:
        st.session_state[STATE] = replace(state, sheets=sheets)
        st.rerun()
    if not chosen:
        st.warning(t("map.sheets_none"))


def _choice_names(plan) -> list[dry.NameInfo]:
    """Indicator names written in the file (headers or cells) that were not read by a code:
    an unresolved one needs a choice, an automatic one can be changed. A name chosen maps every
    column under it (a two-row header's Pembilang and Penyebut alike). A header like no
    indicator at all is left to its column's choice, which also offers the roles (it may be
    the kelurahan column)."""
    return [
        n
        for n in plan.names
        if n.how != "kode"
        and not (
            n.how == "tidak_dikenal" and any(_under_a_name(c.header, [n]) for c in plan.columns)
        )
    ]


def _under_a_name(header: str, names: list[dry.NameInfo]) -> bool:
    key = m.text_key(header)
    return any(key.startswith(m.text_key(n.text)) for n in names)


def _editable_columns(plan, names: list[dry.NameInfo]) -> list[dry.ColumnInfo]:
    """Columns the user can choose for: unclear ones, those read by name or by the mapping
    (shown, changeable), except those whose indicator name is chosen; one per header over all
    sheets."""
    seen, out = set(), []
    for col in plan.columns:
        key = m.text_key(col.header)
        if col.status not in (dry.UNCLEAR, dry.BY_NAME, dry.MAPPED) or key in seen:
            continue
        if col.status != dry.MAPPED and _under_a_name(col.header, names):
            continue
        seen.add(key)
        out.append(col)
    return out


def render_mapping(store: Store, ref: Reference, plan, state: MappingState, oleh: str) -> None:
    """The mapping step below the dry run: the columns as read, the automatic matches, a
    choice for everything unclear, and saving the choices as a profile."""
    names = _choice_names(plan)
    columns = _editable_columns(plan, names)
    unclear = [c for c in columns if c.status == dry.UNCLEAR]
    unresolved = [n for n in names if n.kode is None]
    if not plan.columns and not plan.first_rows and not names:
        return
    st.subheader(t("map.title"))
    if state.profile:
        st.info(t("map.profile_applied", nama=md_text(state.profile)))
    automatic = [n for n in plan.names if n.how in dry.AUTOMATIC and n.kode]
    if automatic:
        label = _indicator_label(ref)
        st.markdown(
            t("map.automatic")
            + "\n"
            + "\n".join(f"- '{md_text(n.text)}' → **{md_text(label(n.kode))}**" for n in automatic)
        )
    if unclear or unresolved:
        st.warning(t("map.todo", n=len(unclear) + len(unresolved)))
    elif plan.first_rows:
        st.warning(t("map.todo_header"))
    if plan.columns:
        with st.expander(t("map.columns"), expanded=bool(unclear)):
            st.dataframe(
                mapping_table(plan.columns, lambda s: spec_label(s, ref)),
                hide_index=True,
                width="stretch",
                column_config={  # all four fit a projector's 1366 px without scrolling
                    "Kolom": st.column_config.TextColumn(width="medium"),
                    "Dibaca sebagai": st.column_config.TextColumn(width="medium"),
                },
                key=f"data.kolom_{_key(state)}",
            )
    _choices_form(ref, plan, state, columns, names)
    _save_profile(store, plan, state, oleh)


def likely_header_row(rows: list[list[str]]) -> int:
    """The row offered first as the header: the first of the fullest rows (1-based)."""
    filled = [sum(bool(c) for c in row) for row in rows]
    return filled.index(max(filled)) + 1 if filled else 1


def _header_row_choice(plan, state: MappingState) -> int | None:
    if not plan.first_rows:
        return state.mapping.header_row
    st.markdown(t("map.header_rows"))
    st.dataframe(
        {
            t("map.row"): [str(i + 1) for i in range(len(plan.first_rows))],
            t("map.cells"): [" | ".join(c for c in row if c) for row in plan.first_rows],
        },
        hide_index=True,
        width="stretch",
        key=f"data.baris_awal_{_key(state)}",
    )
    row = st.number_input(
        t("map.header_row"),
        min_value=1,
        max_value=len(plan.first_rows),
        value=state.mapping.header_row or likely_header_row(plan.first_rows),
        step=1,
        key=f"data.baris_judul_{_key(state)}",
    )
    return int(row)


def _choices_form(ref, plan, state: MappingState, columns, names) -> None:
    if not columns and not names and not plan.first_rows:
        return
    key = _key(state)
    label = _indicator_label(ref)
    codes = list(ref.indikator["kode"])
    with st.form(f"data.pemetaan_{key}", enter_to_submit=False):
        header_row = _header_row_choice(plan, state)
        col_choices = {}
        for i, col in enumerate(columns):
            choices = column_choices(ref, col.candidates)
            current = state.mapping.column(col.header)
            now = str(current) if current else (str(col.spec) if col.spec else "")
            where = f" · {col.sheet}" if col.sheet and len(plan.table_sheets) > 1 else ""
            col_choices[col.header] = st.selectbox(
                t("map.column", header=col.header, letter=col.letter, where=where),
                choices,
                index=choices.index(now) if now in choices else 0,
                format_func=lambda s: spec_label(s, ref),
                key=f"data.map_kolom_{key}_{i}",
            )
        name_choices = {}
        for j, name in enumerate(names):
            choices = ["", *dict.fromkeys([*name.candidates, *codes]), NEW]
            now = state.mapping.name(name.text) or name.kode or ""
            name_choices[name.text] = st.selectbox(
                t("map.name", text=name.text),
                choices,
                index=choices.index(now) if now in choices else 0,
                format_func=lambda c: (
                    t("map.unset") if not c else t("map.new") if c == NEW else label(c)
                ),
                key=f"data.map_nama_{key}_{j}",
            )
        if not st.form_submit_button(t("map.apply"), type="primary"):
            return
    # Only what differs from the automatic reading is the user's: an automatic match left as
    # it was stays automatic (and keeps being shown as one).
    automatic_specs = {c.header: str(c.spec) for c in columns if c.status == dry.BY_NAME}
    automatic_names = {n.text: n.kode for n in names if n.how in dry.AUTOMATIC}
    mapping = state.mapping
    for header, spec in col_choices.items():
        if spec == NEW:
            st.session_state["data.ind_baru"] = header  # the catalogue form opens on it
        keep = spec and spec != NEW and automatic_specs.get(header) != spec
        mapping = mapping.with_column(header, spec if keep else None)
    for text, kode in name_choices.items():
        if kode == NEW:
            st.session_state["data.ind_baru"] = text
        keep = kode and kode != NEW and automatic_names.get(text) != kode
        mapping = mapping.with_name(text, kode if keep else None)
    if header_row != state.mapping.header_row:
        mapping = replace(mapping, header_row=header_row)
    st.session_state[STATE] = replace(state, mapping=mapping)
    st.rerun()


def _save_profile(store: Store, plan, state: MappingState, oleh: str) -> None:
    """Save the file's choices as a profile, found again by the file's header signature."""
    if not state.mapping or not plan.signature:
        return
    key = _key(state)
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    nama = left.text_input(
        t("map.profile_name"),
        value=state.profile or plan.nama_berkas.rsplit(".", 1)[0][:60],
        key=f"data.profil_nama_{key}",
        help=t("map.profile_help"),
    )
    if right.button(t("map.profile_save"), key=f"data.profil_simpan_{key}"):
        nama = clean_text(nama).strip()
        if not nama:
            st.error(t("map.profile_empty"))
            return
        try:
            done = uploads.save_profile(store, nama, state.mapping, plan.signature, oleh)
        except ValueError as err:  # a name used for other headers, too long, nothing chosen
            st.error(md_text(str(err)))
            return
        data.clear_caches()
        st.session_state[STATE] = replace(state, profile=nama)
        st.success(t("map.profile_saved", nama=md_text(nama), done=done))


def render_profiles(store: Store, editor) -> None:
    """The saved mapping profiles, and deleting one (editors only)."""
    profiles = store.mapping_profiles()
    if profiles.empty:
        st.caption(t("map.profiles_empty"))
        return
    contents = {n: store.mapping_profile(n) for n in profiles["nama"]}
    st.dataframe(
        profiles_table(profiles, contents),
        hide_index=True,
        width="stretch",
        key="data.profil_daftar",
    )
    user = editor(t("map.what_delete"))
    if user is None:
        return
    nama = st.selectbox(t("map.profiles_pick"), list(profiles["nama"]), key="data.profil_pilih")
    # Keyed by the profile: after a deletion the next profile's box starts unticked.
    sure = st.checkbox(
        t("map.profiles_confirm", nama=md_text(nama)), key=f"data.profil_yakin_{nama}"
    )
    if st.button(t("map.profiles_delete"), key="data.profil_hapus", disabled=not sure):
        seen = int(profiles.set_index("nama").at[nama, "versi"])
        try:
            store.delete_mapping_profile(nama, user.nama_pengguna, seen)
        except EditConflict:
            st.error(t("map.profiles_changed", nama=md_text(nama)))
            return
        st.session_state["data.profil_flash"] = t("map.profiles_deleted", nama=md_text(nama))
        st.rerun()
    if flash := st.session_state.pop("data.profil_flash", None):
        st.success(flash)
