"""Recognising personal data in an uploaded table, by header and by content, and masking it.

A column is personal when its header names personal data (NIK, No KTP, No. KK, Tgl Lahir, TTL,
Ibu Kandung, Nama Ayah, Alamat, RT/RW, No HP, E-mail …; compared in a normalised form) or when
its cells are personal whatever the header says: NIK-shaped numbers (16 digits, also with
separators or as Excel writes a large number, ``3.17201E+15``), dates of birth (a column of
many different dates) or people's names (mostly alphabetic words, mostly different, that are no
place, indicator or note). A file holding such a column is never archived and the column is never
stored. Problem tables must not echo personal values either: ``mask_problems`` hides NIK-shaped
numbers anywhere and every value reported for a personal column.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.codes import distinct

NIK = "nik"
TANGGAL_LAHIR = "tanggal_lahir"
NAMA = "nama"
ALAMAT = "alamat"
KONTAK = "kontak"

# Header words (lower case, split on anything but letters and digits) and what they mean.
_WORDS = {
    NIK: {"nik", "ktp", "kk", "nokk", "noktp", "nkk", "nomorinduk"},
    TANGGAL_LAHIR: {"ttl", "lahir", "tgllahir", "tanggallahir", "tgllhr", "dob", "lhr"},
    NAMA: {"ayah", "ortu", "wali", "kandung", "suami", "istri", "nama"},
    ALAMAT: {"alamat", "domisili", "rt", "rw", "rtrw"},
    KONTAK: {"hp", "telp", "telepon", "tlp", "handphone", "wa", "whatsapp", "email", "surel"},
}
# Header keys (lower case, letters and digits only) that start with these are personal too:
# glued spellings such as "TglLahir", "NoHP", "NIKAnak", "E-mail".
_PREFIXES = {
    NIK: ("nik", "noktp", "nomorktp", "nokk", "nomorkk", "nokartukeluarga", "nomorinduk"),
    TANGGAL_LAHIR: ("tgllahir", "tanggallahir", "tgllhr", "tempattanggallahir", "tempattgllahir"),
    NAMA: ("namaibu", "namaayah", "namaanak", "namabalita", "namaortu", "namaorangtua",
           "namawali", "namakepalakeluarga", "ibukandung", "namalengkap", "namapasien"),
    ALAMAT: ("alamat", "domisili", "rtrw"),
    KONTAK: ("notelp", "nomortelp", "notelepon", "nomortelepon", "nohp", "nomorhp", "telp",
             "email", "nowa", "nomorwa"),
}  # fmt: skip
# Words beside "lahir" that make it a measure at birth (birth weight), not a date of birth.
_AT_BIRTH = {"bb", "tb", "pb", "berat", "panjang", "tinggi", "lk", "bblahir", "pblahir"}
# A "nama …" header naming a place, an indicator or an organisation, not a person.
_NOT_PERSON = ("namakel", "namakec", "namadesa", "namawilayah", "namaposyandu", "namapuskesmas",
               "namakota", "namaindikator", "namakegiatan", "namaprogram", "namasumber",
               "namaopd", "namainstansi", "namadinas", "namafaskes", "namars")  # fmt: skip
# Headers of columns whose alphabetic values are places or organisations, never checked as names.
PLACE_HEADERS = ("posyandu", "puskesmas", "faskes", "rumahsakit", "instansi", "opd", "dinas",
                 "lokasi", "tempat", "sekolah", "paud", "wilayah", "keterangan", "ket",
                 "catatan", "status", "kategori", "kelompok", "satuan", "program", "kegiatan")  # fmt: skip

_DATE = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    r"|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}"
)
_NIK_CELL = r"[1-9](?:[\s.\-]?\d){15}"
_NIK_SCIENTIFIC = r"[1-9](?:[.,]\d+)?[eE]\+?15"
# A NIK-shaped number inside longer text (a problem's value or message).
_NIK_IN_TEXT = re.compile(rf"(?<![\d.,])(?:{_NIK_CELL}|{_NIK_SCIENTIFIC})(?![\d])")
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’.\-]*\.?", re.UNICODE)
# Words common in notes, places and indicator tables: a value holding one is no person's name.
_NOT_NAME_WORDS = {
    "ada", "akan", "anak", "atau", "bagus", "baik", "baru", "balita", "barat", "belum", "bulan",
    "cukup", "dalam", "dan", "data", "dari", "desa", "di", "dinas", "gizi", "hamil", "hasil",
    "imunisasi", "indikator", "jakarta", "jumlah", "kec", "kecamatan", "kegiatan", "kel",
    "kelurahan", "kesehatan", "ke", "kosong", "kota", "kurang", "laporan", "lapor", "lebih",
    "lengkap", "masih", "menunggu", "naik", "nihil", "normal", "oke", "ok", "pada", "per",
    "perlu", "posyandu", "program", "proses", "puskesmas", "rt", "rw", "selatan", "sesuai",
    "stunting", "sudah", "sudin", "sumber", "target", "tahun", "tercapai", "tetap", "tidak",
    "timur", "total", "turun", "untuk", "utara", "verifikasi", "ya", "yang", "dengan", "tim",
    "valid", "revisi", "final", "sementara", "catatan", "keterangan", "na",
}  # fmt: skip
# Shares of a column's filled cells that make it personal by content.
DATE_SHARE = 0.8
NAME_SHARE = 0.8
DISTINCT_SHARE = 0.5
SAMPLE_VALUES = 5_000  # distinct values judged for dates and names (NIKs: all of them)
KIND_LABELS = {
    NIK: "NIK/KK",
    TANGGAL_LAHIR: "tanggal lahir",
    NAMA: "nama",
    ALAMAT: "alamat",
    KONTAK: "kontak",
}
MASKS = {
    TANGGAL_LAHIR: "[tanggal lahir]",
    NAMA: "[nama disamarkan]",
    ALAMAT: "[alamat disamarkan]",
    KONTAK: "[kontak disamarkan]",
}


def header_key(label: object) -> str:
    """A header compared without case, spaces or punctuation ("No. KTP" → "noktp")."""
    return re.sub(r"[^0-9a-z]", "", str(label).lower())


def header_kind(label: object) -> str | None:
    """What personal data a header names (``NIK``, ``TANGGAL_LAHIR``, ``NAMA``, ``ALAMAT``,
    ``KONTAK``), or None. "Nama Kelurahan", "BB Lahir" or "Nama Posyandu" are not personal."""
    text = str(label or "").strip()
    key = header_key(text)
    if not key:
        return None
    words = set(re.findall(r"[0-9a-z]+", text.lower()))
    if key.startswith("email") or {"e", "mail"} <= words:
        return KONTAK
    if words & {"lahir", "lhr"} and words & _AT_BIRTH:
        return None
    if key.startswith(_NOT_PERSON) and not words & _WORDS[NAMA] - {"nama"}:
        return None
    for kind in (NIK, TANGGAL_LAHIR, ALAMAT, KONTAK, NAMA):
        if words & _WORDS[kind] or key.startswith(_PREFIXES[kind]):
            return kind
    return None


def _filled(column: pd.Series) -> tuple[list[str], np.ndarray]:
    """The distinct non-empty cells of a column as stripped text, and how often each occurs."""
    codes, values = distinct(column)
    counts = np.bincount(codes, minlength=len(values))
    text = ["" if v is None or v is pd.NA else str(v).strip() for v in values]
    keep = [i for i, t in enumerate(text) if t and t.lower() not in ("nan", "none", "nat")]
    return [text[i] for i in keep], counts[keep]


def nik_cells(values: pd.Series) -> pd.Series:
    """Whether each text is a NIK-shaped number: 16 digits (not starting with 0), also with
    spaces, dots or dashes between, Excel's ``3172010101010001.0`` or ``3.17201E+15``."""
    text = values.astype(str).str.strip().str.lstrip("'")
    text = text.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    return text.str.fullmatch(_NIK_CELL) | text.str.fullmatch(_NIK_SCIENTIFIC)


def nik_share(column: pd.Series) -> float:
    """The share of a column's filled cells that are NIK-shaped (``nik_cells``)."""
    values, counts = _filled(column)
    if not values:
        return 0.0
    nik = nik_cells(pd.Series(values, dtype=object)).to_numpy()
    return float(counts[nik].sum() / counts.sum())


def _name_like(text: str) -> bool:
    """Whether a cell reads like a person's name: one to five words of letters, no digits, none
    of the words of notes and places."""
    if len(text) > 60 or any(ch.isdigit() for ch in text):
        return False
    words = text.replace(",", " ").split()
    if not 1 <= len(words) <= 5 or not all(_NAME_WORD.fullmatch(w) for w in words):
        return False
    return not any(w.lower().strip(".") in _NOT_NAME_WORDS for w in words)


def content_kind(column: pd.Series, nik_only: bool = False) -> str | None:
    """What personal data a column holds judged by its cells alone: ``NIK`` when any cell is
    NIK-shaped; ``TANGGAL_LAHIR`` when most cells are dates, mostly different (a date column of
    a report holds one or two); ``NAMA`` when most cells read like names, mostly different and
    most of more than one word. ``nik_only`` judges NIKs only (a column whose header already
    gives it another role: kelurahan names and periods are not people's names or birth dates)."""
    values, counts = _filled(column)
    if not values:
        return None
    if nik_cells(pd.Series(values, dtype=object)).any():
        return NIK
    if nik_only:
        return None
    order = np.argsort(-counts, kind="stable")[:SAMPLE_VALUES]
    sample = [values[i] for i in order]
    weights = counts[order].astype(float)
    total = weights.sum()
    if len(values) / counts.sum() < DISTINCT_SHARE:
        return None
    dates = np.array([bool(_DATE.fullmatch(v)) for v in sample])
    if weights[dates].sum() >= DATE_SHARE * total:
        return TANGGAL_LAHIR
    names = np.array([_name_like(v) for v in sample])
    several = np.array([len(v.split()) > 1 for v in sample])
    if weights[names].sum() >= NAME_SHARE * total and weights[names & several].sum() >= total / 2:
        return NAMA
    return None


def place_header(label: object) -> bool:
    """Whether a header names places, organisations or notes (their words are no names)."""
    return header_key(label).startswith(PLACE_HEADERS)


def describe(columns: list[str], kinds: list[str]) -> str:
    """Personal columns named by header with what they hold: ``No KTP (NIK/KK), Info (nama)``."""
    return ", ".join(f"{c} ({KIND_LABELS[k]})" for c, k in zip(columns, kinds, strict=True))


def mask_nik(text: str) -> str:
    """Every NIK-shaped number in ``text`` as its first four digits and stars (``3172…****``)."""
    return _NIK_IN_TEXT.sub(lambda m: re.sub(r"\D", "", m[0])[:4] + "…****", text)


def mask_value(kind: str | None, text: object) -> object:
    """A problem's value with personal data hidden: NIKs shortened everywhere, a name, address
    or contact replaced, a birth date replaced when the value shows one (an age in days or
    months, or an empty or missing value, is kept)."""
    if not isinstance(text, str) and (text is None or pd.isna(text)):
        return text
    value = str(text)
    if not value.strip():
        return value
    if kind == NIK:
        masked = mask_nik(value)
        return masked if masked != value else "[NIK disamarkan]"
    if kind == TANGGAL_LAHIR and re.fullmatch(r"\s*\d+ (hari|bulan)\s*", value):
        return value
    if kind in MASKS:
        return MASKS[kind]
    return mask_nik(value)


def column_of_label(kolom: str) -> str:
    """The header of a problem's column label (``ingest.cells.column_label``: "Tgl Lahir (C)")."""
    return re.sub(r"\s*\([A-Z]{1,3}\)\s*$", "", kolom)


def mask_problems(
    problems: pd.DataFrame,
    personal: dict[str, str] | None = None,
    plain: frozenset[str] | set[str] = frozenset(),
) -> pd.DataFrame:
    """A problem frame (``kolom``, ``nilai``, ``pesan``, …) that echoes no personal data: NIKs
    masked in values and messages; values of a column whose header is personal (or listed in
    ``personal``: header → kind, for columns recognised by content) replaced — except the
    headers in ``plain``, the columns the file was read by (a kelurahan column headed "Nama"
    holds kelurahan names, which the user must see to correct them; NIKs are masked there too)."""
    if problems.empty:
        return problems
    personal = personal or {}
    headers = problems["kolom"].astype(str).map(column_of_label)
    kinds = headers.map(lambda h: None if h in plain else personal.get(h) or header_kind(h))
    nilai = [
        mask_value(k if isinstance(k, str) else None, v)
        for k, v in zip(kinds, problems["nilai"], strict=True)
    ]
    pesan = [mask_nik(str(p)) if isinstance(p, str) else p for p in problems["pesan"]]
    return problems.assign(nilai=nilai, pesan=pesan)
