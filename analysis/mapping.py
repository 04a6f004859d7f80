"""A file's column mapping: what the user chose where the app could not read a file alone.

A mapping says, per header, what a column holds (a role such as the kelurahan name, an indicator
field, or "ignore") and, per indicator name written in the file, which catalogue indicator it is.
It is part of the import options (hashable, so a dry run is cached per mapping), is saved as a
named **profile** (``store.profiles_store``, as its JSON form) keyed by the file's header
signature (``ingest.mapping.header_signature``), and is given on the command line as a JSON file
or ``HEADER=SPE09`` pairs. Headers and names are compared by ``text_key`` (case and spacing
ignored), never fuzzily: a mapping repeats exactly what the user chose. A pure value: its type,
its JSON and pairs forms and ``merge``, no file or database access.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace

IGNORE = "abaikan"
FIELDS = ("pembilang", "penyebut", "nilai")
FIELD_WORDS = {
    "pembilang": "pembilang",
    "penyebut": "penyebut",
    "nilai": "nilai",
    "persen": "nilai",
}
# Roles a column can be given (``ingest.layout.ROLES`` names; value fields for long files).
ROLES = (
    "kode_wilayah",
    "nama_wilayah",
    "kecamatan",
    "periode",
    "tahun",
    "triwulan",
    "semester",
    "bulan",
    "sumber_data",
    "indikator",
    *FIELDS,
)
INDICATOR_COLUMN = "kolom_indikator"  # a wide file's column of one indicator's field


class MappingError(ValueError):
    """A mapping that cannot be used; the message (Indonesian) says what to write instead."""


def text_key(text: object) -> str:
    """How headers and names are compared in a mapping: case and spacing ignored."""
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True)
class ColumnSpec:
    """What one column holds: a ``ROLES`` role, ``IGNORE``, or (``INDICATOR_COLUMN``) one field
    of one indicator."""

    role: str
    kode: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        if self.role == INDICATOR_COLUMN:
            return self.kode if self.field == "nilai" else f"{self.kode}:{self.field}"
        return self.role


def parse_spec(spec: str, codes: Iterable[str] | None = None) -> ColumnSpec:
    """``"nama_wilayah"``, ``"abaikan"``, ``"SPE09"`` (its value or percent), ``"SPE09:pembilang"``,
    ``"SPE09:penyebut"`` or ``"SPE09:persen"`` as a ``ColumnSpec``; ``codes``: the catalogue's
    indicator codes, when known, to refuse an unknown one."""
    text = spec.strip()
    lowered = text.casefold()
    if lowered in (IGNORE, "ignore"):
        return ColumnSpec(IGNORE)
    if lowered in ROLES:
        return ColumnSpec(lowered)
    kode, _, word = text.partition(":")
    kode = kode.strip().upper()
    word = word.strip().casefold() or "nilai"
    known = None if codes is None else set(codes)
    if word not in FIELD_WORDS or not kode or (known is not None and kode not in known):
        raise MappingError(
            f"Pemetaan '{spec}' tidak dikenali. Tulis peran kolom ({', '.join(ROLES)}, {IGNORE}) "
            "atau kode indikator dari katalog, mis. SPE09, SPE09:pembilang, SPE09:penyebut, "
            "SPE09:persen."
        )
    return ColumnSpec(INDICATOR_COLUMN, kode, FIELD_WORDS[word])


@dataclass(frozen=True)
class Mapping:
    """The user's choices for one file's layout. Empty (falsy) when nothing was chosen."""

    columns: tuple[tuple[str, str], ...] = ()  # (text_key of a header, spec string), sorted
    names: tuple[tuple[str, str], ...] = ()  # (text_key of an indicator name, code), sorted
    header_row: int | None = None  # 1-based row of the header, when the user chose it

    def __bool__(self) -> bool:
        return bool(self.columns or self.names or self.header_row)

    def column(self, header: object) -> ColumnSpec | None:
        """The chosen spec of a column, by its header, or None."""
        spec = dict(self.columns).get(text_key(header))
        return None if spec is None else parse_spec(spec)

    def name(self, text: object) -> str | None:
        """The chosen indicator code of a name written in the file, or None."""
        return dict(self.names).get(text_key(text))

    def with_column(self, header: str, spec: str | None) -> Mapping:
        """This mapping with the column's choice set (``None``: choice removed)."""
        return replace(self, columns=_set(self.columns, text_key(header), spec))

    def with_name(self, text: str, kode: str | None) -> Mapping:
        return replace(self, names=_set(self.names, text_key(text), kode))

    def to_dict(self) -> dict:
        out: dict = {"kolom": dict(self.columns), "nama": dict(self.names)}
        if self.header_row:
            out["baris_judul"] = self.header_row
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)


def _set(pairs: tuple[tuple[str, str], ...], key: str, value: str | None):
    found = dict(pairs)
    if value is None:
        found.pop(key, None)
    else:
        found[key] = value
    return tuple(sorted(found.items()))


def mapping_from_dict(data: object, codes: Iterable[str] | None = None) -> Mapping:
    """A mapping from its JSON form (``{"kolom": {header: spec}, "nama": {name: code},
    "baris_judul": n}``); every spec is checked, ``MappingError`` names the first bad one."""
    if not isinstance(data, dict):
        raise MappingError("Pemetaan harus berupa objek JSON dengan kunci 'kolom' dan/atau 'nama'.")
    codes = None if codes is None else set(codes)
    columns, names = data.get("kolom", {}) or {}, data.get("nama", {}) or {}
    if not isinstance(columns, dict) or not isinstance(names, dict):
        raise MappingError("'kolom' dan 'nama' harus berupa objek JSON {judul: pilihan}.")
    mapping = Mapping()
    for header, spec in columns.items():
        parse_spec(str(spec), codes)
        mapping = mapping.with_column(str(header), str(spec).strip())
    for text, kode in names.items():
        kode = str(kode).strip().upper()
        if codes is not None and kode not in codes:
            raise MappingError(f"Nama '{text}' dipetakan ke '{kode}', yang tidak ada di katalog.")
        mapping = mapping.with_name(str(text), kode)
    row = data.get("baris_judul")
    if row is not None and (not isinstance(row, int) or row < 1):
        raise MappingError("'baris_judul' harus nomor baris (1, 2, …).")
    return replace(mapping, header_row=row)


def mapping_from_json(text: str, codes: Iterable[str] | None = None) -> Mapping:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise MappingError(f"Berkas pemetaan bukan JSON yang sah (baris {err.lineno}).") from err
    return mapping_from_dict(data, codes)


def mapping_from_pairs(pairs: Iterable[str], codes: Iterable[str] | None = None) -> Mapping:
    """``HEADER=SPEC`` pairs (``manage.py import --map``) as a mapping of columns."""
    mapping = Mapping()
    for pair in pairs:
        header, sep, spec = pair.rpartition("=")
        if not sep or not header.strip():
            raise MappingError(f"--map '{pair}': tulis JUDUL=PILIHAN, mis. \"Cakupan IDL=SPE09\".")
        parse_spec(spec, codes)
        mapping = mapping.with_column(header.strip(), spec.strip())
    return mapping


def merge(base: Mapping, over: Mapping) -> Mapping:
    """``over``'s choices on top of ``base``'s (a profile, then the user's changes)."""
    return Mapping(
        tuple(sorted((dict(base.columns) | dict(over.columns)).items())),
        tuple(sorted((dict(base.names) | dict(over.names)).items())),
        over.header_row or base.header_row,
    )
