"""Optimistic concurrency on the editors' screens (aksi progress, the activity register): the
rows a screen read are kept in the session while it has unsaved edits, saves name their
versions (``store.optimistic``), and a refused save shows who changed what and when, with a
choice to reload or to overwrite explicitly."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from analysis.edits import as_text, field_changes
from store.errors import EditConflict
from ui.fmt import fmt_datetime
from ui.strings import t

RELOAD = "muat_ulang"
OVERWRITE = "timpa"


def _read(key: str) -> str:
    return f"{key}.dibaca"


def _conflict(key: str) -> str:
    return f"{key}.konflik"


def has_edits(key: str) -> bool:
    """Whether the data editor ``key`` holds unsaved edits."""
    state = st.session_state.get(key)
    return bool(
        isinstance(state, Mapping)
        and (state.get("edited_rows") or state.get("added_rows") or state.get("deleted_rows"))
    )


def screen_rows(key: str, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows as the editor ``key`` first read them: while it holds unsaved edits (or a refused
    save), the rows of that first reading; otherwise ``rows``, read now."""
    if _read(key) not in st.session_state or not (
        has_edits(key) or _conflict(key) in st.session_state
    ):
        st.session_state[_read(key)] = rows
    return st.session_state[_read(key)]


def versions(rows: pd.DataFrame) -> dict[int, int]:
    """Row id → ``versi``, as a save passes them to the store."""
    return dict(zip(rows["id"].astype(int), rows["versi"].astype(int), strict=True))


def forget(key: str) -> None:
    """Drop the editor's edits, its reading and any refused save (after a save or a reload)."""
    for name in (key, _read(key), _conflict(key)):
        st.session_state.pop(name, None)


def mine_over(
    current: pd.DataFrame, edited: pd.DataFrame, diff: pd.DataFrame, fields: list[str]
) -> pd.DataFrame:
    """``current`` (the rows stored now) with the cells this screen changed (``diff``) set to
    the screen's values: what an explicit overwrite saves. Rows removed since are left out."""
    mine, out = edited.set_index("id"), current.set_index("id").copy()
    for r in diff.itertuples(index=False):
        if r.id in out.index and r.kolom in fields:
            out.at[r.id, r.kolom] = mine.at[r.id, r.kolom]
    return out.reset_index()


def conflict_table(  # noqa: PLR0913
    err: EditConflict,
    seen: pd.DataFrame,
    fields: list[str],
    label: Callable[[pd.Series], str],
    field_labels: Mapping[str, str],
    removed: str | None = None,
) -> pd.DataFrame:
    """Who changed what and when, per row the store refused: each field that differs between
    what the screen read (``seen``) and what is stored now; a row removed since says so.
    ``removed``: the stored flag of a hidden row (the register's ``dihapus``)."""
    now = err.current
    lines = []
    before = seen.loc[seen["id"].isin(now["id"])]
    diff = field_changes(before, now, fields) if len(now) else pd.DataFrame(columns=["id"])
    for _, row in now.iterrows():
        what = diff.loc[diff["id"] == row["id"]]
        cells = [(field_labels.get(r.kolom, r.kolom), r.nilai_lama, r.nilai_baru)
                 for r in what.itertuples(index=False)]  # fmt: skip
        if removed and bool(row.get(removed)):
            cells.append((t("edit.conflict_row"), t("edit.conflict_kept"), t("edit.conflict_gone")))
        for isian, lama, baru in cells or [(t("edit.conflict_same"), "", "")]:
            lines.append(
                {
                    "Baris": label(row),
                    "Isian": isian,
                    "Di layar Anda": lama,
                    "Tersimpan sekarang": baru,
                    "Diubah oleh": as_text(row.get("diubah_oleh")),
                    "Waktu": fmt_datetime(row.get("diubah_pada")),
                }
            )
    for row_id in err.missing:
        gone = seen.loc[seen["id"] == row_id]
        name = label(gone.iloc[0]) if len(gone) else f"#{row_id}"
        lines.append({"Baris": name, "Isian": t("edit.conflict_row"),
                      "Di layar Anda": t("edit.conflict_kept"),
                      "Tersimpan sekarang": t("edit.conflict_gone"), "Diubah oleh": "", "Waktu": ""})  # fmt: skip
    return pd.DataFrame(lines)


def refuse(key: str, table: pd.DataFrame) -> None:
    """Remember a refused save (shown by ``render_conflict``) and rerun."""
    st.session_state[_conflict(key)] = table
    st.rerun()


def render_conflict(key: str) -> str | None:
    """The warning of a refused save with its table and two buttons; returns ``RELOAD`` or
    ``OVERWRITE`` when one is pressed, else None."""
    table = st.session_state.get(_conflict(key))
    if table is None:
        return None
    st.warning(t("edit.conflict", n=table["Baris"].nunique()))
    st.dataframe(table, hide_index=True, key=f"{key}.konflik_tabel")
    left, right = st.columns(2)
    if left.button(t("edit.reload"), key=f"{key}.muat_ulang", type="primary"):
        return RELOAD
    if right.button(t("edit.overwrite"), key=f"{key}.timpa"):
        return OVERWRITE
    return None
