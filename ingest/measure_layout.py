"""Recognising a measurement file's header: e-PPGBM exports and the simple template.

The header row is found among the first ``HEADER_ROWS`` rows by the column names it holds
(``ROLES``: lower case, punctuation as spaces); every other column is either personal data
(dropped: by its header, ``PERSONAL`` and ``ingest.personal``, or by its first cells) or ignored.
The indicator tables' counterpart is ``ingest.layout``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ingest.personal import content_kind, header_kind, notes_header, place_header
from ingest.reader import FileProblem

# Rows searched for the header (as ``ingest.layout.HEADER_SEARCH_ROWS`` for indicator tables).
HEADER_ROWS = 30
# Column roles and the header spellings (lower case, punctuation as spaces) that mean them.
ROLES = {
    "kode_wilayah": ["kode kelurahan", "kode wilayah", "kode desa", "kode desa kel"],
    "kelurahan": ["desa kel", "kelurahan", "desa", "kel", "desa kelurahan", "nama kelurahan"],
    "kecamatan": ["kec", "kecamatan"],
    "posyandu": ["posyandu", "nama posyandu"],
    "sex": ["jk", "jenis kelamin", "sex", "l p", "kelamin"],
    "birth_date": ["tgl lahir", "tanggal lahir", "birth date", "birth_date"],
    "age_days": ["umur hari", "usia hari", "age days", "age_days"],
    "age_months": ["umur bulan", "usia bulan", "age months", "age_months"],
    "measure_date": [
        "tanggal pengukuran",
        "tgl pengukuran",
        "tanggal ukur",
        "tgl ukur",
        "measure date",
        "measure_date",
    ],
    "height": ["tinggi", "tinggi cm", "tinggi badan", "pb tb", "height cm", "height_cm", "tb cm"],
    "weight": ["berat", "berat kg", "berat badan", "bb kg", "weight kg", "weight_kg"],
    "position": ["cara ukur", "posisi", "posisi ukur", "position"],
    "oedema": ["edema", "oedema"],
    "zs_tbu": ["zs tb u"],
    "status_tbu": ["tb u"],
    "zs_bbu": ["zs bb u"],
    "zs_bbtb": ["zs bb tb"],
}
PERSONAL = {
    "nik",
    "nama",
    "nama anak",
    "nama balita",
    "nama ortu",
    "nama orang tua",
    "nama ibu",
    "nama ayah",
    "alamat",
    "rt",
    "rw",
    "no kk",
    "nomor kk",
    "no hp",
    "telepon",
    "nik ortu",
}
# Headers (as ``header_key`` spells them) of the child's own NIK, read to find a child measured
# twice (``ingest.measure_duplicates``) and dropped like every personal column; a parent's NIK
# or the family card number is never one of them (siblings share those).
CHILD_NIK = {"nik", "nik anak", "nik balita", "nik bayi", "no nik", "nomor nik", "nik sasaran"}
LABELS = {
    "kelurahan": "kelurahan",
    "sex": "jenis kelamin",
    "measure_date": "tanggal pengukuran",
    "height": "tinggi/panjang badan",
    "weight": "berat badan",
}
FORMAT_EPPGBM, FORMAT_TEMPLATE = "e-PPGBM", "templat"


def header_key(text: object) -> str:
    """A header cell as ``ROLES`` spells it: lower case, punctuation as spaces."""
    return re.sub(r"[^0-9a-z]+", " ", str(text).lower()).strip()


def find_header(cells: pd.DataFrame) -> tuple[int, dict[str, int]]:
    """The header row (0-based) among the first rows and the column of every known role."""
    aliases = {alias: role for role, names in ROLES.items() for alias in names}
    best: tuple[int, int, dict[str, int]] = (0, -1, {})
    for i in range(min(HEADER_ROWS, len(cells))):
        roles: dict[str, int] = {}
        for col, value in enumerate(cells.iloc[i].tolist()):
            role = aliases.get(header_key(value))
            if role and role not in roles:
                roles[role] = col
        if len(roles) > best[0]:
            best = (len(roles), i, roles)
    count, row, roles = best
    if count < 3:
        raise FileProblem(
            "Baris judul kolom tidak ditemukan di 30 baris pertama. Gunakan ekspor e-PPGBM apa "
            "adanya, atau templat pengukuran dengan kolom kelurahan, jenis_kelamin, tanggal_lahir "
            "(atau umur_hari), tanggal_ukur, tinggi_cm, berat_kg, cara_ukur."
        )
    return row, roles


def child_nik_column(header: list[str]) -> int | None:
    """The column of the child's NIK (``CHILD_NIK``), or None."""
    for i, label in enumerate(header):
        if header_key(label) in CHILD_NIK:
            return i
    return None


def missing_roles(roles: dict[str, int]) -> list[str]:
    """Required columns the header lacks."""
    missing = [r for r in ("sex", "measure_date", "height", "weight") if r not in roles]
    if "kelurahan" not in roles and "kode_wilayah" not in roles:
        missing.insert(0, "kelurahan")
    if "birth_date" not in roles and "age_days" not in roles and "age_months" not in roles:
        missing.append("tanggal lahir atau umur")
    return missing


@dataclass(frozen=True)
class ColumnUse:
    """What a measurement file's header tells: its format, the personal columns dropped (the
    birth date among them: read for the age, then dropped like the others) and the columns the
    file is not read by."""

    format: str
    birth_date_column: str | None = None
    dropped_personal: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def describe_columns(
    header: list[str],
    roles: dict[str, int],
    body: pd.DataFrame,
    places: frozenset[str] = frozenset(),
) -> ColumnUse:
    """The file's format, the personal columns it drops and the columns it does not use. A
    column the file is not read by is personal by its header or by its cells (``body``: the
    first rows; NIKs, birth dates, people's names under any header, ``ingest.personal``): it is
    then listed as dropped, not as ignored."""
    keys = [header_key(h) for h in header]
    used = set(roles.values())

    def personal(i: int, h: str, k: str) -> bool:
        if i in used:
            return False
        if k in PERSONAL or header_kind(h) is not None:
            return True
        if i >= body.shape[1]:
            return False
        place = place_header(h)
        return (
            content_kind(
                body.iloc[:, i],
                dates=not (place or notes_header(h)),
                not_names=places,
                place=place,
            )
            is not None
        )

    dropped = [personal(i, h, k) for i, (h, k) in enumerate(zip(header, keys, strict=True))]
    return ColumnUse(
        format=FORMAT_EPPGBM if "zs_tbu" in roles or "status_tbu" in roles else FORMAT_TEMPLATE,
        birth_date_column=header[roles["birth_date"]] if "birth_date" in roles else None,
        dropped_personal=[h for h, p in zip(header, dropped, strict=True) if p],
        ignored_columns=[
            h
            for i, (h, p) in enumerate(zip(header, dropped, strict=True))
            if i not in used and not p and h
        ],
    )
