"""Header cells of a wide table: which field of an indicator a header names, and two-row headers.

Offices write an indicator's fields under its name in a second header row, in any order:
``Pembilang | Penyebut``, ``Sasaran | Capaian``, ``Jumlah | %``, ``Sasaran | Hasil | %``. The
reader fills merged cells with their value, so the name repeats over each sub-column (a CSV
writes it once, over the first); the left columns ("No", "Kelurahan") are merged down (the sub
row repeats them) or left blank below. A one-row header names the field after the indicator:
``SPE02_pembilang``, ``SPE02 (%)``.

Fields: capaian/hasil/realisasi/dilayani → pembilang; sasaran/penyebut → penyebut;
%/persen/cakupan → nilai; ``jumlah`` is decided per indicator (``resolve_jumlah``): the value of an
indicator counted in ``jumlah``, the pembilang of a percent indicator whose group also has a
penyebut, otherwise not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from analysis.periods import is_year, period_year, title_period
from ingest.indicator_names import IndicatorMatcher
from ingest.limits import shown
from ingest.mapping import KNOWN_IGNORED
from ingest.matching import name_key
from ingest.numbers import parse_number

if TYPE_CHECKING:
    from ingest.layout_types import Layout

JUMLAH = "jumlah"  # a field decided per indicator (``resolve_jumlah``)
# Sub-header words (compared as ``name_key``) and the field they name.
SUB_FIELDS = {
    "pembilang": "pembilang", "numerator": "pembilang", "n": "pembilang",
    "capaian": "pembilang", "hasil": "pembilang", "realisasi": "pembilang",
    "dilayani": "pembilang", "jumlahdilayani": "pembilang", "jumlahcapaian": "pembilang",
    "jumlahhasil": "pembilang", "jumlahrealisasi": "pembilang",
    "penyebut": "penyebut", "denominator": "penyebut", "d": "penyebut", "sasaran": "penyebut",
    "jumlahsasaran": "penyebut",
    "nilai": "nilai", "persen": "nilai", "persentase": "nilai", "prosentase": "nilai",
    "cakupan": "nilai", "capaianpersen": "nilai", "": "nilai",
    "jumlah": JUMLAH, "jml": JUMLAH, "absolut": JUMLAH, "total": JUMLAH,
}  # fmt: skip
_SUFFIX = re.compile(
    r"(?:[\s_\-/(]+(pembilang|numerator|penyebut|denominator|sasaran|capaian|hasil|realisasi"
    r"|dilayani|nilai|persen|persentase|cakupan|jumlah|n|d)|[\s_\-/(]*(%))\)?\s*$",
    re.IGNORECASE,
)


def sub_field(text: str) -> str | None:
    """The field a sub-header cell names ("Pembilang", "Capaian (%)", "%"), or None."""
    if "%" in text:
        return None if re.search(r"[0-9]", text) else "nilai"  # "85%" is a value
    key = name_key(text)
    return SUB_FIELDS.get(key) if key else None


def split_suffix(label: str) -> tuple[str, str]:
    """(stem, field) of a one-row header: ``SPE02_pembilang`` → (``SPE02``, pembilang),
    ``Cakupan IDL (%)`` → (``Cakupan IDL``, nilai); no suffix → (label, nilai)."""
    suffix = _SUFFIX.search(label)
    if not suffix or not label[: suffix.start()].strip():
        return label, "nilai"
    return label[: suffix.start()].strip(), SUB_FIELDS.get((suffix[1] or "").lower(), "nilai")


@dataclass(frozen=True)
class TwoRowHeader:
    """Two header rows joined: a label per column, and for an indicator's sub-column the
    indicator's text (``stems``) and the field its sub-header names (``fields``)."""

    labels: list[str]
    stems: dict[int, str]
    fields: dict[int, str]


def combine_two_rows(top: list[str], sub: list[str]) -> TwoRowHeader | None:
    """``top`` and ``sub`` as one header, or None when ``sub`` is no sub-header row (data, or a
    header of its own): its filled cells must all be sub-header words or repeat the cell above,
    at least one a sub-header word under a filled top cell (or one carried from the left)."""
    labels, stems, fields = [], {}, {}
    carried = ""
    for col, (t, v) in enumerate(zip(top, sub + [""] * (len(top) - len(sub)), strict=False)):
        carried = t or (carried if v else "")
        if not v or v == t:
            labels.append(t)
            continue
        found = sub_field(v)
        if found is None or not carried:
            return None
        labels.append(f"{carried} {v}")
        stems[col], fields[col] = carried, found
    return TwoRowHeader(labels, stems, fields) if fields else None


def resolve_jumlah(fields: dict[str, int], satuan: str | None) -> tuple[dict[str, int], list[int]]:
    """One indicator's fields (field → column) with its ``jumlah`` column decided, and the
    columns left unread. For an indicator counted in ``jumlah`` (or of unknown unit) it is the
    value (a "%" beside it is not read); for a percent indicator it is the pembilang when the
    group also has a penyebut, otherwise it is not read (only the "%" is)."""
    if JUMLAH not in fields:
        return fields, []
    out = dict(fields)
    col = out.pop(JUMLAH)
    if satuan != "persen":
        dropped = [out.pop("nilai")] if "nilai" in out else []
        return out | {"nilai": col}, dropped
    if "penyebut" in out and "pembilang" not in out:
        return out | {"pembilang": col}, []
    return out, [col]


def apply_jumlah(layout: Layout, units: dict[str, str] | None, matcher: IndicatorMatcher) -> None:
    """Decide every "Jumlah" sub-column (``headers.resolve_jumlah``); a column left unread is
    ignored with a note saying what is read instead."""
    groups: dict[str, dict[str, int]] = {}
    for ic in layout.indicator_columns:
        groups.setdefault(ic.kode, {}).setdefault(ic.field, ic.col)
    fields, dropped = {}, []
    for kode, cols in groups.items():
        resolved, gone = resolve_jumlah(cols, None if units is None else units.get(kode))
        fields |= {c: f for f, c in resolved.items()}
        dropped += gone
        for col in gone:
            what = "nilainya dari kolom jumlah" if units is None or units.get(kode) != "persen" else (
                "hanya kolom % (atau pembilang dan penyebut) yang dibaca"
            )  # fmt: skip
            layout.notes.append(
                f"Kolom '{shown(layout.labels[col])}' tidak dibaca: {kode} "
                f"({matcher.names.get(kode, kode)}) {what}."
            )
    kept = []
    for ic in layout.indicator_columns:
        field_name = fields.get(ic.col, ic.field)
        if ic.col in dropped or field_name == JUMLAH:
            layout.ignored_columns.append(ic.col)
            layout.status[ic.col] = KNOWN_IGNORED
        else:
            kept.append(replace(ic, field=field_name))
    layout.indicator_columns = kept
    layout.ignored_columns.sort()


_WORD = re.compile(r"[A-Za-z%]")


def header_continuation(layout: Layout, row: list[str]) -> bool:
    """Read ``row``, the first under a wide table's header, as part of the header when it
    continues it: no kelurahan or other cell of its own (each empty or repeating the header
    cell above, as a merged cell does) and, under the indicator columns, words and no numbers
    ("Triwulan IV 2025", "TW IV", "(%)"). A period it names (one for all columns) is the
    table's period over a bare year or none in the title; the table then starts a row lower,
    said in the notes. Periods differing between columns are not read: the row stays data."""
    columns = {ic.col for ic in layout.indicator_columns + layout.unknown_indicator_columns}
    under = []
    for col, text in enumerate(row):
        if not text or text == layout.labels[col]:
            continue
        if col not in columns or parse_number(text) is not None or not _WORD.search(text):
            return False
        under.append(text)
    if not under:
        return False
    year = str(period_year(layout.title_period)) if layout.title_period else None
    periods = {p for text in under if (p := title_period(text, None, year))}
    if len(periods) > 1:
        return False
    number = layout.data_start + 1
    note = f"Baris {number} dibaca sebagai bagian header"
    own = next(iter(periods), None)
    reads_period = not {"periode", "tahun"} & set(layout.roles)
    if own and reads_period and not (is_year(own) and layout.title_period):
        if layout.title_period and not is_year(layout.title_period) and own != layout.title_period:
            note += f"; periodenya {own} dipakai, bukan {layout.title_period} dari judul"
        else:
            note += f" (periode {own})"
        layout.title_period = own
    layout.notes.append(note + ".")
    layout.data_start += 1
    return True
