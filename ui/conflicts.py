"""Optimistic concurrency on the editors' screens (aksi progress, the activity register): the
rows a screen read are kept in the session while it has unsaved edits, saves name their
versions (``store.optimistic``), and a refused save shows who changed what and when, with a
choice to reload or to overwrite explicitly."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

import pandas as pd
import streamlit as st

from analysis.edits import as_text
from store.errors import EditConflict
from text.fmt import fmt_datetime
from text.strings import t

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


def _columns() -> dict[str, str]:
    names = ("row", "field", "read", "mine", "now", "by", "when")
    return {n: t(f"edit.col_{n}") for n in names}


def conflict_table(  # noqa: PLR0913
    err: EditConflict,
    seen: pd.DataFrame,
    fields: list[str],
    label: Callable[[pd.Series], str],
    field_labels: Mapping[str, str],
    removed: str | None = None,
    mine: pd.DataFrame | None = None,
    mine_removed: Collection[int] = (),
) -> pd.DataFrame:
    """Who changed what and when, per row the store refused: each field that differs between
    what the screen read (``seen``) and what is stored now, or that this screen changed
    (``mine``, the rows as it would save them; ``mine_removed``, the ids it would remove),
    with what the screen read, this screen's value and the stored one; a row removed since
    says so. ``removed``: the stored flag of a hidden row (the register's ``dihapus``). The
    table's ``attrs`` hold who saved the rows since (``by``) and when last (``when``)."""
    c, now, lines = _columns(), err.current, []
    read = seen.set_index("id")
    ours = (mine if mine is not None else seen).set_index("id")
    gone, kept = t("edit.conflict_gone"), t("edit.conflict_kept")
    dropped = {int(i) for i in mine_removed}
    for _, row in now.iterrows():
        i = row["id"]
        was = read.loc[i] if i in read.index else row
        own = ours.loc[i] if i in ours.index else was
        cells = [
            (field_labels.get(f, f), as_text(was[f]), as_text(own[f]), as_text(row[f]))
            for f in fields
            if as_text(row[f]) != as_text(was[f]) or as_text(own[f]) != as_text(was[f])
        ]
        stored_gone = bool(removed and bool(row.get(removed)))
        if stored_gone or int(i) in dropped:
            cells.append((t("edit.conflict_row"), kept, gone if int(i) in dropped else kept,
                          gone if stored_gone else kept))  # fmt: skip
        for isian, lama, punya, baru in cells or [(t("edit.conflict_same"), "", "", "")]:
            lines.append(
                {
                    c["row"]: label(row),
                    c["field"]: isian,
                    c["read"]: lama,
                    c["mine"]: punya,
                    c["now"]: baru,
                    c["by"]: as_text(row.get("diubah_oleh")),
                    c["when"]: fmt_datetime(row.get("diubah_pada")),
                }
            )
    for row_id in err.missing:
        old = seen.loc[seen["id"] == row_id]
        name = label(old.iloc[0]) if len(old) else f"#{row_id}"
        lines.append({c["row"]: name, c["field"]: t("edit.conflict_row"), c["read"]: kept,
                      c["mine"]: gone if int(row_id) in dropped else kept, c["now"]: gone,
                      c["by"]: "", c["when"]: ""})  # fmt: skip
    table = pd.DataFrame(lines, columns=list(c.values()))
    by = sorted({as_text(v) for v in now.get("diubah_oleh", [])} - {""})
    when = pd.to_datetime(now["diubah_pada"], utc=True).max() if "diubah_pada" in now else None
    table.attrs = {"by": ", ".join(by), "when": None if pd.isna(when) else fmt_datetime(when)}
    return table


def overwritten(key: str) -> str | None:
    """For the confirmation of an explicit overwrite of the editor ``key``: whose changes (and
    when) it replaced, from its refused save; None when there is none."""
    table = st.session_state.get(_conflict(key))
    if table is None or not table.attrs.get("by"):
        return None
    return t("edit.overwritten", oleh=table.attrs["by"], waktu=table.attrs["when"])


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
    st.warning(t("edit.conflict", n=table[t("edit.col_row")].nunique()))
    st.dataframe(table, hide_index=True, key=f"{key}.konflik_tabel")
    left, right = st.columns(2)
    if left.button(t("edit.reload"), key=f"{key}.muat_ulang", type="primary"):
        return RELOAD
    if right.button(t("edit.overwrite"), key=f"{key}.timpa"):
        return OVERWRITE
    return None
