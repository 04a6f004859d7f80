"""Text typed into forms, read from files or given on the command line, made safe to store and
to show: ``clean_text`` drops characters that break a page, a spreadsheet or a slide, and
``drop_nik`` masks NIK-shaped numbers in free text.

``clean_text`` drops C0 and C1 control characters (NUL, ``\\x0b`` …), lone surrogates, the
non-characters U+FFFE/U+FFFF (XML refuses all of these, so openpyxl, python-pptx and lxml raise
on them) and the direction overrides U+202A–U+202E and U+2066–U+2069 (they make a name read
backwards). A multi-line field keeps tabs and line breaks, the other line-separating
characters (vertical tab, form feed, NEL, U+2028/U+2029; PowerPoint copies a soft line break as
``\\x0b``) become a line break; a one-line field gets a space for each of them. The same
function is applied again when a stored value is shown or exported, so values saved before it
existed still render. Pure: no I/O, inputs never changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

NIK_MASK = "[NIK dihapus]"
_DROPPED = (
    "\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f"  # C0 and C1 controls but tab, line breaks
    "\u202a-\u202e\u2066-\u2069"  # direction embeddings, overrides and isolates
    "\ud800-\udfff\ufffe\uffff"  # lone surrogates (never valid in UTF-8) and non-characters
)
_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # characters that end a line
_UNSAFE = re.compile(f"[{_DROPPED}{_BREAKS}\r\t\n]")
_UNSAFE_MULTILINE = re.compile(f"[{_DROPPED}{_BREAKS}\r]")
_DROP = re.compile(f"[{_DROPPED}]+")
_BREAK = re.compile(f"\r\n|[{_BREAKS}\r]")
_LINE = re.compile(f"\r\n|[{_BREAKS}\r\t\n]")
# Sixteen digits, alone or in groups separated by a space, dot or dash (``3273 0101 …``), not
# part of a longer number.
_NIK = re.compile(r"(?<![\d.,])\d(?:[ .\-]?\d){15}(?![\d]|[.,]\d)")


def clean_text(value: object, multiline: bool = False) -> object:
    """``value`` without the characters listed in the module docstring; anything that is not
    a string (``None``, a number, a missing value) is returned unchanged.

    >>> clean_text("Ri\\x0bna\\u202e")
    'Ri na'
    >>> clean_text("baris 1\\r\\nbaris\\x0b2\\x00", multiline=True)
    'baris 1\\nbaris\\n2'
    """
    if not isinstance(value, str):
        return value
    if not (_UNSAFE_MULTILINE if multiline else _UNSAFE).search(value):
        return value
    text = _DROP.sub("", value)
    return _BREAK.sub("\n", text) if multiline else _LINE.sub(" ", text)


def drop_nik(value: object) -> object:
    """Free text with every NIK-shaped number (16 digits, possibly grouped by spaces, dots or
    dashes) replaced by ``[NIK dihapus]``; non-strings unchanged.

    >>> drop_nik("anak NIK 3273 0101 0101 0001 dirujuk")
    'anak NIK [NIK dihapus] dirujuk'
    """
    if not isinstance(value, str) or not any(ch.isdigit() for ch in value):
        return value
    return _NIK.sub(NIK_MASK, value)


def clean_note(value: object) -> object:
    """A free-text field (notes, descriptions): multi-line ``clean_text`` and ``drop_nik``."""
    return drop_nik(clean_text(value, multiline=True))


def has_unsafe(value: object, multiline: bool = True) -> bool:
    """Whether ``clean_text(value, multiline)`` would change ``value``."""
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE
    return isinstance(value, str) and pattern.search(value) is not None


def clean_column(column: pd.Series, multiline: bool = True, nik: bool = False) -> pd.Series:
    """A column with ``clean_text`` (and ``drop_nik`` when ``nik``) applied to its strings; a
    column with nothing to change is returned as it is (the same object)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = column.cat.categories
        if nik or any(has_unsafe(c, multiline) for c in categories):
            return clean_column(column.astype(object), multiline, nik).astype("category")
        return column
    if not (column.dtype == object or pd.api.types.is_string_dtype(column)):
        return column
    values = column.to_numpy(dtype=object, na_value=None)
    if not nik and not any(has_unsafe(v, multiline) for v in values):
        return column
    cleaned = [clean_text(v, multiline) for v in values]
    if nik:
        cleaned = [drop_nik(v) for v in cleaned]
    return pd.Series(cleaned, index=column.index, name=column.name, dtype=object)


def clean_frame(
    frame: pd.DataFrame, multiline: bool = True, nik_columns: tuple[str, ...] = ()
) -> pd.DataFrame:
    """``frame`` with every text cell and column name cleaned (``clean_column``), NIK-shaped
    numbers masked in ``nik_columns``; the input is never changed, and returned as it is when
    nothing needs cleaning."""
    cleaned = {}
    for i, name in enumerate(frame.columns):
        column = frame.iloc[:, i]
        new = clean_column(column, multiline, name in nik_columns)
        if new is not column:
            cleaned[i] = new
    names = [clean_text(c) for c in frame.columns]
    if not cleaned and names == list(frame.columns):
        return frame
    result = frame.copy()
    for i, column in cleaned.items():
        result.isetitem(i, column)
    result.columns = names
    return result


def clean_fields(
    frame: pd.DataFrame, text: Sequence[str] = (), notes: Sequence[str] = ()
) -> pd.DataFrame:
    """Rows of a form, an editor or a file as they may be stored: ``clean_text`` on the
    one-line ``text`` columns, ``clean_note`` on the free-text ``notes`` columns (line breaks
    kept, NIK-shaped numbers masked). Columns ``frame`` lacks are skipped; the input is never
    changed."""
    changed = {}
    for names, note in ((text, False), (notes, True)):
        for c in (c for c in names if c in frame.columns):
            column = frame[c]
            new = clean_column(column, multiline=note, nik=note)
            if new is not column:
                changed[c] = new
    return frame.assign(**changed) if changed else frame
