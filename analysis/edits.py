"""Field-by-field differences between two versions of the same rows, for audit logs."""

from __future__ import annotations

from datetime import date

import pandas as pd

CHANGE_COLUMNS = ["id", "kolom", "nilai_lama", "nilai_baru"]


def as_text(v: object) -> str:
    """A stored value as the audit log writes it: empty for missing, ``2025-06-30`` for dates,
    whole numbers without ``.0``."""
    if v is None or (not isinstance(v, str | list | tuple) and pd.isna(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, pd.Timestamp | date):
        return pd.Timestamp(v).date().isoformat()
    return str(v)


def field_changes(before: pd.DataFrame, after: pd.DataFrame, fields: list[str]) -> pd.DataFrame:
    """Rows of ``after`` compared with the row of the same ``id`` in ``before``, over ``fields``:
    ``id``, ``kolom``, ``nilai_lama``, ``nilai_baru`` as text (empty for missing)."""
    old = before.set_index("id")
    records = []
    for _, r in after.iterrows():
        for col in fields:
            a, b = as_text(old.at[r["id"], col]), as_text(r[col])
            if a != b:
                records.append({"id": r["id"], "kolom": col, "nilai_lama": a, "nilai_baru": b})
    return pd.DataFrame(records, columns=CHANGE_COLUMNS)


def blank_text(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame`` with missing cells of the text ``columns`` as empty strings: what an editor
    shows (st.data_editor writes "None" for a missing value in a text column)."""
    return frame.assign(**{c: frame[c].map(as_text) for c in columns if c in frame.columns})


def none_for_blank(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame`` with empty (or blank) cells of the text ``columns`` as None, as they are
    stored; ``as_text`` reads both alike, so an untouched empty cell is no change."""

    def stored(v: object) -> object:
        return None if as_text(v).strip() == "" else v

    return frame.assign(**{c: frame[c].map(stored) for c in columns if c in frame.columns})
