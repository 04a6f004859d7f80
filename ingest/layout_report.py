"""What the dry run tells of a table's layout: every column as read (for the mapping step),
the indicator names of its header, and the messages when no header or no indicator column is
found, which say what was recognised and what to choose in the mapping step.

Also the first rows of a sheet as text, for choosing the header row, with personal data masked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.mapping import IGNORE, INDICATOR_COLUMN, ColumnSpec
from ingest.limits import shown
from ingest.mapping import BY_NAME, MAPPED, UNCLEAR, ColumnInfo, NameInfo
from ingest.personal import content_kind, header_kind

if TYPE_CHECKING:
    from ingest.indicator_names import IndicatorMatcher
    from ingest.layout_types import Layout

PREVIEW_ROWS = 15
MASK = "•••"
MAPPING_STEP = (
    'tentukan di langkah pemetaan kolom (di baris perintah: --map "JUDUL=SPE09" atau '
    "--mapping BERKAS.json)"
)


def column_letter(col: int) -> str:
    """Excel's column letter of a 0-based column index (0 → A, 27 → AB)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def describe_columns(layout: Layout, matcher: IndicatorMatcher) -> None:
    """Fill ``layout.columns`` (one ``ColumnInfo`` per non-empty column), ``layout.names`` (the
    header's indicator names) and a note per indicator recognised by its name."""
    indicators = {ic.col: ic for ic in layout.indicator_columns + layout.unknown_indicator_columns}
    role_of = {col: role for role, col in layout.roles.items()}
    columns, names = [], {}
    for col, status in sorted(layout.status.items()):
        ic = indicators.get(col)
        if col in role_of:
            spec = ColumnSpec(role_of[col])
        elif ic is not None and ic.kode and col not in layout.ignored_columns:
            spec = ColumnSpec(INDICATOR_COLUMN, ic.kode, ic.field)
        elif status == MAPPED and col in layout.ignored_columns:
            spec = ColumnSpec(IGNORE)
        else:
            spec = None
        candidates = ic.candidates if ic is not None and status == UNCLEAR else ()
        label = layout.labels[col] or f"kolom {column_letter(col)}"
        columns.append(
            ColumnInfo(label, column_letter(col), spec, status, layout.sheet, candidates)
        )
        if ic is not None and ic.how not in ("kode",) and ic.name:
            names.setdefault(ic.name, NameInfo(ic.name, ic.kode, ic.how, ic.candidates))
            if status == BY_NAME:
                layout.notes.append(
                    f"Kolom '{shown(ic.name)}' dibaca sebagai {ic.kode} "
                    f"{matcher.names.get(ic.kode, '')}."
                )
    layout.columns, layout.names = columns, list(names.values())
    layout.notes[:] = list(dict.fromkeys(layout.notes))


def no_header_message(row: int, recognised: list[str]) -> str:
    """No header row found: what the best row held, and what to do."""
    seen = (
        f" Yang dikenali: baris {row + 1} memuat " + ", ".join(recognised) + "."
        if recognised
        else " Tidak ada judul kolom yang dikenali."
    )
    return (
        "Baris judul kolom (header) tidak ditemukan di 30 baris pertama: tidak ada baris yang "
        "memuat kolom kelurahan ('kelurahan', 'kode_kelurahan' atau 'kecamatan') bersama kolom "
        f"lain.{seen} Pilih baris judul dan arti tiap kolom di langkah pemetaan kolom (di baris "
        'perintah: "baris_judul" dalam --mapping BERKAS.json), atau beri kolom tempat judul '
        "'kelurahan' atau 'kode_kelurahan'."
    )


def no_place_message(layout: Layout) -> str:
    """A header without a kelurahan (or kecamatan) column the app knows: the unclear columns."""
    unclear = [
        f"'{shown(layout.labels[c] or 'kolom ' + column_letter(c))}'"
        for c, status in sorted(layout.status.items())
        if status == UNCLEAR
    ]
    return (
        f"Tidak ada kolom kelurahan di header (baris {layout.header_row + 1}): tidak ada judul "
        "yang dikenali sebagai kode atau nama kelurahan."
        + (f" Kolom yang belum jelas: {', '.join(unclear)}." if unclear else "")
        + f" Kolom mana yang memuat kelurahan {MAPPING_STEP.replace('SPE09', 'nama_wilayah')}."
    )


def no_indicator_message(layout: Layout) -> str:
    """A header without any indicator column: the columns recognised, the unclear ones."""
    found = [f"'{shown(layout.labels[c])}' ({role})" for role, c in layout.roles.items()]
    unclear = [
        f"'{shown(layout.labels[c] or 'kolom ' + column_letter(c))}'"
        for c, status in sorted(layout.status.items())
        if status == UNCLEAR
    ]
    text = (
        f"Tidak ada kolom indikator di header (baris {layout.header_row + 1}). Kolom yang "
        f"dikenali: {', '.join(found) or 'tidak ada'}."
    )
    if unclear:
        text += (
            f" Kolom yang belum jelas: {', '.join(unclear)}; indikator mana yang dimuatnya "
            f"{MAPPING_STEP}."
        )
    return text + (
        " Format panjang perlu kolom 'kode_indikator'; format lebar perlu satu kolom per "
        "indikator, bertajuk nama atau kode indikator (mis. 'SPE02' atau 'SPE02_pembilang')."
    )


def preview_rows(
    cells: pd.DataFrame, places: frozenset[str] = frozenset(), rows: int = PREVIEW_ROWS
) -> list[list[str]]:
    """The first ``rows`` rows as text, for choosing the header row: the cells of a column of
    personal data (by a header-like cell or by content) masked, its header-like cells kept."""
    head = cells.head(rows)
    out = [
        ["" if v is None else str(v).strip() for v in row] for row in head.itertuples(index=False)
    ]
    for col in range(head.shape[1]):
        texts = [r[col] for r in out]
        by_header = [bool(header_kind(t)) for t in texts]
        column = pd.Series(
            [t for t, h in zip(texts, by_header, strict=True) if not h], dtype=object
        )
        if any(by_header) or content_kind(column, not_names=places):
            for r, h in zip(out, by_header, strict=True):
                r[col] = r[col] if h or not r[col] else MASK
    return out
