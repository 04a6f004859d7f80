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

from analysis.mapping import IGNORE, INDICATOR_COLUMN, Mapping
from analysis.periods import title_period
from ingest.headers import (
    TwoRowHeader,
    apply_jumlah,
    combine_two_rows,
    header_continuation,
    split_suffix,
)
from ingest.indicator_names import IndicatorMatcher, NameMatch
from ingest.layout_report import (
    describe_columns,
    no_header_message,
    no_indicator_message,
    no_place_message,
)
from ingest.layout_types import LONG, WIDE, IndicatorColumn, Layout
from ingest.limits import shown
from ingest.mapping import BY_NAME, KNOWN_IGNORED, MAPPED, PERSONAL, RECOGNISED, UNCLEAR
from ingest.matching import name_key
from ingest.personal import content_kind, header_kind, nik_share, notes_header, place_header
from ingest.reader import FileProblem

HEADER_SEARCH_ROWS = 30

# Column roles and the header spellings (compared as name_key) that mean them.
ROLES: dict[str, tuple[str, ...]] = {
    "kode_wilayah": ("kodewilayah", "kodekelurahan", "kodekel", "kodedesa", "kodedesakelurahan",
                     "kodekemendagri", "kodekeldesa"),
    "nama_wilayah": ("kelurahan", "namakelurahan", "desakelurahan", "kelurahandesa", "kel", "desa",
                     "namadesa", "wilayah", "namawilayah"),
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
}  # fmt: skip
# Roles holding text (matched, never stored as numbers): a stray NIK there keeps the role.
TEXT_ROLES = ("kode_wilayah", "nama_wilayah", "kecamatan", "kota", "indikator", "periode",
              "tahun", "triwulan", "semester", "bulan", "sumber_data")  # fmt: skip
PLACE_ROLES = ("kode_wilayah", "nama_wilayah", "kecamatan", "kota")
MOSTLY_NIK = 0.5
ROLE_OF = {alias: role for role, aliases in ROLES.items() for alias in aliases if alias}
# Headers of columns the dashboard never reads (said in a note, offered no choice).
IGNORED = {"no", "nomor", "nourut", "keterangan", "ket", "catatan", "puskesmas", "posyandu",
           "rw", "rt"}  # fmt: skip
# Of a cell, only this much is looked up as an indicator name (a title row is no header).
MAX_NAME_CHARS = 300
# Distinct header cells looked up as names per sheet: the first rows of a file of garbage hold
# tens of thousands of distinct cells, a real header a few hundred.
MAX_LOOKUPS = 2_000


class LayoutProblem(FileProblem):
    """No usable header; ``layout``: what was recognised when a header row was found (its
    columns, for the mapping step)."""

    def __init__(self, message: str, layout: Layout | None = None) -> None:
        super().__init__(message)
        self.layout = layout


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


@dataclass
class _Reading:
    """How header cells are read: each indicator name resolved once (``matcher.resolve``), a
    name or column the user mapped taken as mapped."""

    matcher: IndicatorMatcher
    mapping: Mapping
    memo: dict[str, NameMatch] = field(default_factory=dict)

    def name(self, text: str) -> NameMatch:
        if text not in self.memo:
            kode = self.mapping.name(text)
            if kode:
                found = NameMatch(kode if kode in self.matcher.codes else None, "pemetaan")
            elif (
                len(text) > MAX_NAME_CHARS
                or len(self.memo) >= MAX_LOOKUPS
                or not re.search(r"[A-Za-z]{2}", text)
            ):
                found = NameMatch(None, "tidak_dikenal")
            else:
                found = self.matcher.resolve(text)
            self.memo[text] = found
        return self.memo[text]

    def indicator(self, col: int, label: str, two: TwoRowHeader | None) -> IndicatorColumn | None:
        """The indicator column a header names (its name or code, then the field): known, or
        unknown with candidates (an unknown code, an ambiguous or a nearly known name)."""
        if two is not None and col in two.stems:
            stem, field_name = two.stems[col], two.fields[col]
        else:
            stem, field_name = split_suffix(label)
            if stem != label and self.name(stem).kode is None and self.name(label).kode:
                stem, field_name = label, "nilai"  # the name itself ends like a field word
        found = self.name(stem)
        if found.kode is None and not (
            found.how == "ganda" or found.candidates or self.matcher.code_in(stem)
        ):
            return None
        return IndicatorColumn(
            col, found.kode, field_name, label, found.how, found.candidates, stem
        )


def _row_score(labels: list[str], two: TwoRowHeader | None, reading: _Reading) -> tuple[int, bool]:
    """(recognised header cells, has a place column); a column the mapping names counts."""
    score, area = 0, False
    for label in labels:
        if not label:
            continue
        spec = reading.mapping.column(label)
        role = spec.role if spec is not None else ROLE_OF.get(name_key(label))
        if spec is not None or role:
            score += 1
            area |= role in PLACE_ROLES
    if not area:  # no header: its indicator names need not be looked up
        return score, area
    for col, label in enumerate(labels):
        known = label and reading.mapping.column(label) is None and not ROLE_OF.get(name_key(label))
        if known and (ind := reading.indicator(col, label, two)) is not None and ind.kode:
            score += 1
    return score, area


_PLACE_WORD = re.compile(r"\b(kelurahan|kel|desa|kecamatan|kec|kode|wilayah)\b", re.IGNORECASE)


def _candidate(head: list[list[str]], i: int) -> tuple[list[str], TwoRowHeader | None]:
    """Row ``i`` as a header: joined with the next row when that is a sub-header row."""
    two = combine_two_rows(head[i], head[i + 1]) if i + 1 < len(head) else None
    return (two.labels if two else head[i]), two


def _find_header(head: list[list[str]], reading: _Reading) -> int | None:
    """The header row: the first scoring as one (a place column and another recognised one),
    else the first with a place-like column and another filled header."""
    rows = [i for i in range(len(head)) if not (i and combine_two_rows(head[i - 1], head[i]))]
    for i in rows:
        score, area = _row_score(*_candidate(head, i), reading)
        if area and score >= 2:
            return i
    for i in rows:
        labels = _candidate(head, i)[0]
        if any(_PLACE_WORD.search(v) for v in labels) and sum(bool(v) for v in labels) >= 2:
            return i
    return None


def _recognised(labels: list[str], reading: _Reading) -> list[str]:
    """The header cells of a row the app recognises, as the message says them."""
    out = []
    for col, label in enumerate(labels):
        spec = reading.mapping.column(label) if label else None
        role = spec.role if spec is not None else ROLE_OF.get(name_key(label))
        if role:
            out.append(f"'{shown(label)}' ({role})")
        elif label and (ind := reading.indicator(col, label, None)) is not None and ind.kode:
            out.append(f"'{shown(label)}' ({ind.kode})")
    return out


def _has_data(body: pd.Series) -> bool:
    return bool(body.astype(str).str.strip().ne("").any())


def _head(cells: pd.DataFrame, rows: int) -> list[list[str]]:
    return [[_text(v) for v in row] for row in cells.head(rows).itertuples(index=False)]


def detect_layout(  # noqa: PLR0913
    cells: pd.DataFrame,
    matcher: IndicatorMatcher,
    sheet: str | None = None,
    places: frozenset[str] = frozenset(),
    mapping: Mapping | None = None,
    units: dict[str, str] | None = None,
) -> Layout:
    """Find the header row and the role of every column; raise ``LayoutProblem`` when no
    header (or no column of values). ``places``: keys of the reference's place names
    (``AreaMatcher.place_keys``), which are no people's names in a column of content;
    ``mapping``: the user's choices (header row, columns, names); ``units``: indicator code →
    satuan, for a "Jumlah" sub-column."""
    mapping = mapping or Mapping()
    reading = _Reading(matcher, mapping)
    forced = mapping.header_row - 1 if mapping.header_row else None
    head = _head(cells, max(HEADER_SEARCH_ROWS, (forced or 0) + 2))
    if forced is not None and forced >= len(head):
        raise LayoutProblem(
            f"Baris judul {mapping.header_row} yang dipilih tidak ada: lembar ini hanya "
            f"{len(head)} baris. Pilih baris judul yang lain di langkah pemetaan kolom."
        )
    header = forced if forced is not None else _find_header(head[:HEADER_SEARCH_ROWS], reading)
    if header is None:
        rows = range(min(len(head), HEADER_SEARCH_ROWS))
        seen = [(i, _recognised(_candidate(head, i)[0], reading)) for i in rows]
        row, best = max(seen, key=lambda found: len(found[1]), default=(0, []))
        raise LayoutProblem(no_header_message(row, best))
    labels, two = _candidate(head, header)
    data_start = header + (2 if two else 1)
    notes = []
    if header > 0:
        notes.append(f"Baris 1–{header} dianggap judul; header di baris {header + 1}.")
    if two:
        notes.append(f"Header dua baris (baris {header + 1}–{header + 2}) digabung.")
    title = " ".join(" ".join(dict.fromkeys(r)) for r in head[:header])
    layout = Layout(header, data_start, labels, {}, WIDE, title=title, notes=notes, sheet=sheet)
    layout.title_period = title_period(title, sheet)
    read_columns(layout, cells, reading, places, two)
    if layout.format == WIDE:
        apply_jumlah(layout, units, matcher)
        if data_start < len(head):  # "Triwulan IV 2025" under the indicator: no data row
            header_continuation(layout, head[data_start])
    describe_columns(layout, matcher)
    if layout.format == WIDE and not layout.indicator_columns + layout.unknown_indicator_columns:
        raise LayoutProblem(no_indicator_message(layout), layout)
    if not set(PLACE_ROLES) & set(layout.roles):  # a place-like header, not a known one
        raise LayoutProblem(no_place_message(layout), layout)
    return layout


def read_columns(  # noqa: PLR0912
    layout: Layout, cells: pd.DataFrame, reading: _Reading, places, two: TwoRowHeader | None
) -> None:
    """Every column's role: as the mapping says, else by its header; personal data (by header
    or by content) is never read, mapped or not."""
    roles: dict[str, int] = {}
    found, unknown, ignored = [], [], []
    personal: dict[int, str] = {}
    status = layout.status
    not_names = frozenset(places) | frozenset(reading.matcher.by_name)
    for col, label in enumerate(layout.labels):
        body = cells.iloc[layout.data_start :, col]
        spec = reading.mapping.column(label) if label else None
        key = name_key(label)
        role = ind = None
        if spec is not None and spec.role == INDICATOR_COLUMN:
            kode = spec.kode if spec.kode in reading.matcher.codes else None
            ind = IndicatorColumn(col, kode, spec.field, label, "pemetaan", name=label)
        elif spec is not None and spec.role != IGNORE:
            role = spec.role
        elif spec is None and key:
            role = ROLE_OF.get(key)
        by_header = header_kind(label) if spec is not None or not role else None
        if spec is None and not (role or by_header) and key not in IGNORED:
            ind = reading.indicator(col, label, two)
        # Whatever the header says, a column holding NIK-shaped numbers (or, outside the
        # columns the dashboard reads, birth dates or names: names in a "Keterangan" column
        # too) is personal: the file is not archived and the column is not read, except a text
        # column the dashboard reads (kelurahan, indicator, period, source) with a stray NIK,
        # which is then reported, masked.
        place = place_header(label)
        kind = by_header or content_kind(
            body, nik_only=role is not None or ind is not None,
            dates=not (place or notes_header(label)), not_names=not_names, place=place,
        )  # fmt: skip
        if kind:
            personal[col] = kind
            if by_header or not (role in TEXT_ROLES and nik_share(body) < MOSTLY_NIK):
                status[col] = PERSONAL
                continue
        if spec is not None:
            status[col] = MAPPED
        if role and role not in roles:
            roles[role] = col
            status.setdefault(col, RECOGNISED)
        elif ind is not None and ind.kode:
            found.append(ind)
            automatic = NameMatch(ind.kode, ind.how).automatic
            status.setdefault(col, BY_NAME if automatic else RECOGNISED)
        elif ind is not None:
            unknown.append(ind)
            status[col] = UNCLEAR
        elif (has_data := _has_data(body)) or label:
            ignored.append(col)
            status.setdefault(col, KNOWN_IGNORED if key in IGNORED or not has_data else UNCLEAR)
    layout.roles = roles
    layout.format = LONG if "indikator" in roles else WIDE
    if layout.format == LONG:
        # In long format value roles come from the columns; indicator-like headers are ignored.
        ignored += [c.col for c in found + unknown]
        status.update(dict.fromkeys((c.col for c in found + unknown), UNCLEAR))
        found, unknown = [], []
    layout.indicator_columns, layout.unknown_indicator_columns = found, unknown
    layout.ignored_columns = sorted(ignored)
    layout.personal_columns, layout.personal_kinds = sorted(personal), personal
