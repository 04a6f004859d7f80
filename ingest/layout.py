"""Recognising a table's layout: where the header is, what each column holds, long or wide.

Real files have title rows above the header, two-row headers (an indicator over "Pembilang" and
"Penyebut"), trailing total rows and columns the dashboard does not use. This module finds the
header among the first rows, names every column's role and reports what it skipped. Columns of
personal data (``ingest.personal``: by header or by content) are not read whatever their header,
except a text column the dashboard reads (kelurahan, indicator, period) with a stray NIK: it stays
read and the NIK is masked wherever a problem would show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.periods import find_period
from ingest.matching import IndicatorMatcher, name_key
from ingest.personal import content_kind, header_kind, nik_share, notes_header, place_header
from ingest.reader import FileProblem

HEADER_SEARCH_ROWS = 30
LONG = "panjang"
WIDE = "lebar"

# Column roles and the header spellings (compared as name_key) that mean them.
ROLES: dict[str, tuple[str, ...]] = {
    "kode_wilayah": (
        "kodewilayah",
        "kodekelurahan",
        "kodekel",
        "kodedesa",
        "kodedesakelurahan",
        "kodekemendagri",
        "kodekeldesa",
    ),
    "nama_wilayah": (
        "kelurahan",
        "namakelurahan",
        "desakelurahan",
        "kelurahandesa",
        "kel",
        "desa",
        "namadesa",
        "wilayah",
        "namawilayah",
    ),
    "kecamatan": ("kecamatan", "namakecamatan", "kec"),
    "kota": ("kota", "kabupatenkota", "kabkota", "kotakabupaten", "kotaadministrasi"),
    "indikator": ("kodeindikator", "indikator", "namaindikator", "kodeindikatornama"),
    "periode": ("periode", "periodelaporan", "period"),
    "tahun": ("tahun",),
    "triwulan": ("triwulan", "tw"),
    "semester": ("semester",),
    "bulan": ("bulan",),
    "sumber_data": ("sumberdata", "sumber"),
    "pembilang": ("pembilang", "numerator", "jumlahdilayani", "capaian", "realisasi"),
    "penyebut": ("penyebut", "denominator", "jumlahsasaran", "sasaran"),
    "nilai": ("nilai", "persen", "persentase", "cakupan", "value", "", "jumlah"),
}
# Roles holding text (matched, never stored as numbers): a stray NIK there keeps the role.
TEXT_ROLES = ("kode_wilayah", "nama_wilayah", "kecamatan", "kota", "indikator", "periode",
              "tahun", "triwulan", "semester", "bulan", "sumber_data")  # fmt: skip
MOSTLY_NIK = 0.5
ROLE_OF = {alias: role for role, aliases in ROLES.items() for alias in aliases if alias}
IGNORED = {
    "no",
    "nomor",
    "nourut",
    "keterangan",
    "ket",
    "catatan",
    "puskesmas",
    "posyandu",
    "rw",
    "rt",
}
SUB_FIELDS = {
    "pembilang": "pembilang", "numerator": "pembilang", "n": "pembilang", "capaian": "pembilang", "realisasi": "pembilang", "dilayani": "pembilang",
    "penyebut": "penyebut", "denominator": "penyebut", "d": "penyebut", "sasaran": "penyebut",
    "nilai": "nilai", "persen": "nilai", "": "nilai", "cakupan": "nilai", "jumlah": "nilai",
}  # fmt: skip
_SUFFIX = re.compile(
    r"(?:[\s_\-/(]+(pembilang|numerator|penyebut|denominator|sasaran|capaian|realisasi|dilayani"
    r"|nilai|persen|cakupan|jumlah|n|d)|[\s_\-/(]*(%))\)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class IndicatorColumn:
    """A wide-format column: which indicator and which of its fields it holds."""

    col: int
    kode: str | None  # None: looks like an indicator code but is not in the catalogue
    field: str  # pembilang | penyebut | nilai
    label: str


@dataclass
class Layout:
    """Where the table is and what its columns mean."""

    header_row: int  # 0-based index into the cells
    data_start: int
    labels: list[str]  # header text per column, for messages
    roles: dict[str, int]
    format: str
    indicator_columns: list[IndicatorColumn] = field(default_factory=list)
    unknown_indicator_columns: list[IndicatorColumn] = field(default_factory=list)
    ignored_columns: list[int] = field(default_factory=list)
    personal_columns: list[int] = field(default_factory=list)  # by header or by content
    personal_kinds: dict[int, str] = field(default_factory=dict)  # column → personal.NIK, …
    title_period: str | None = None
    notes: list[str] = field(default_factory=list)


def column_letter(col: int) -> str:
    """Excel's column letter of a 0-based column index (0 → A, 27 → AB)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _indicator_column(col: int, label: str, matcher: IndicatorMatcher) -> IndicatorColumn | None:
    """An indicator column when the header names a catalogue code or indicator name (+ field)."""
    suffix = _SUFFIX.search(label)
    field_word = (suffix[1] or "").lower() if suffix else ""
    field_name = SUB_FIELDS.get(field_word, "nilai")
    stem = label[: suffix.start()] if suffix else label
    code = matcher.code_in(label)
    if code is not None:
        return IndicatorColumn(col, code if code in matcher.codes else None, field_name, label)
    kode = matcher.by_name.get(name_key(stem))
    return IndicatorColumn(col, kode, field_name, label) if kode else None


def _row_score(row: list[str], matcher: IndicatorMatcher) -> tuple[int, bool]:
    """(recognised header cells, has a place column)."""
    keys = [name_key(v) for v in row]
    roles = [ROLE_OF.get(k) for k in keys if k]
    area = any(r in ("kode_wilayah", "nama_wilayah", "kecamatan", "kota") for r in roles)
    indicators = sum(_indicator_column(i, v, matcher) is not None for i, v in enumerate(row) if v)
    return sum(r is not None for r in roles) + indicators, area


def _combine_subheader(top: list[str], sub: list[str]) -> list[str] | None:
    """Join a two-row header ("SPE02" over "Pembilang"/"Penyebut"), or None if ``sub`` is data."""
    keys = [("" if v.strip() == "%" else name_key(v) or "?") for v in sub if v]
    if not keys or any(k not in SUB_FIELDS for k in keys):
        return None
    combined, last = [], ""
    for t, v in zip(top, sub, strict=False):
        last = t or last
        combined.append(f"{last} {v}".strip() if v else t)
    return combined


def detect_layout(
    cells: pd.DataFrame,
    matcher: IndicatorMatcher,
    sheet: str | None = None,
    places: frozenset[str] = frozenset(),
) -> Layout:
    """Find the header row and the role of every column; raise ``FileProblem`` when no header.
    ``places``: keys of the reference's place names (``AreaMatcher.place_keys``), which are no
    people's names in a column of content."""
    head = [
        [_text(v) for v in row] for row in cells.head(HEADER_SEARCH_ROWS).itertuples(index=False)
    ]
    header = None
    for i, row in enumerate(head):
        score, area = _row_score(row, matcher)
        if area and score >= 2:
            header = i
            break
    if header is None:
        raise FileProblem(
            "Baris judul kolom (header) tidak ditemukan di 30 baris pertama. Header harus memuat "
            "kolom kelurahan ('kode_kelurahan' atau 'kelurahan') dan kolom indikator: 'kode_indikator', "
            "'periode', 'pembilang', 'penyebut'/'nilai' (format panjang) atau satu kolom per kode "
            "indikator, mis. 'SPE02' (format lebar). Unduh templat untuk contoh."
        )
    labels = head[header]
    data_start = header + 1
    notes = []
    if header > 0:
        notes.append(f"Baris 1–{header} dianggap judul; header di baris {header + 1}.")
    if data_start < len(head) and (combined := _combine_subheader(labels, head[data_start])):
        notes.append(f"Header dua baris (baris {header + 1}–{header + 2}) digabung.")
        labels, data_start = combined, data_start + 1
    title_text = " ".join(" ".join(r) for r in head[:header])
    title_period = find_period(title_text) or (find_period(sheet) if sheet else None)

    roles: dict[str, int] = {}
    indicator_cols, unknown_cols, ignored = [], [], []
    personal: dict[int, str] = {}
    not_names = frozenset(places) | frozenset(matcher.by_name)
    for col, label in enumerate(labels):
        key = name_key(label)
        role = ROLE_OF.get(key) if key else None
        kind = None if role else header_kind(label)
        ind = None if role or kind else _indicator_column(col, label, matcher)
        # Whatever the header says, a column holding NIK-shaped numbers (or, outside the
        # columns the dashboard reads, birth dates or names: names in a "Keterangan" column
        # too) is personal: the file is not archived and the column is not read, except a text
        # column the dashboard reads (kelurahan, indicator, period, source) with a stray NIK,
        # which is then reported, masked.
        body = cells.iloc[data_start:, col]
        reads = role is not None or ind is not None
        place = place_header(label)
        kind = kind or content_kind(
            body, nik_only=reads, dates=not (place or notes_header(label)), not_names=not_names,
            place=place,
        )  # fmt: skip
        if kind:
            personal[col] = kind
            if not (role in TEXT_ROLES and nik_share(body) < MOSTLY_NIK):
                continue
        if role and role not in roles:
            roles[role] = col
        elif ind is not None and ind.kode:
            indicator_cols.append(ind)
        elif ind is not None:
            unknown_cols.append(ind)
        elif label or body.astype(str).str.strip().ne("").any():
            ignored.append(col)
    fmt = LONG if "indikator" in roles else WIDE
    if fmt == WIDE and not indicator_cols and not unknown_cols:
        raise FileProblem(
            f"Tidak ada kolom indikator di header (baris {header + 1}). Format panjang perlu kolom "
            "'kode_indikator'; format lebar perlu satu kolom per indikator bertajuk kode katalog, "
            "mis. 'SPE02' atau 'SPE02_pembilang'. Unduh templat untuk contoh."
        )
    if fmt == LONG:
        # In long format value roles come from the columns; indicator-like headers are ignored.
        ignored += [c.col for c in indicator_cols + unknown_cols]
        indicator_cols, unknown_cols = [], []
    return Layout(
        header, data_start, labels, roles, fmt, indicator_cols, unknown_cols, sorted(ignored),
        sorted(personal), personal, title_period, notes,
    )  # fmt: skip
