"""Recognising personal data in an uploaded table, by header and by content, and masking it.

A column is personal when its header names personal data (NIK, No KTP, No. KK, Tgl Lahir, TTL,
Ibu Kandung, Nama Ayah, Alamat, RT/RW, No HP, E-mail …; compared in a normalised form) or when
its cells are personal whatever the header says: NIK-shaped numbers (16 digits, also with
separators or as Excel writes a large number, ``3.27301E+15``), dates of birth (a column of
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
# Headers of columns whose alphabetic values are places or organisations ("Posyandu": "Mawar
# Merah"), and of notes or categories. Neither is looked at for birth dates (a notes column may
# list report dates), but both are for names: a "Keterangan" column of people's names is personal
# like any other; under a place header the words of place names ("Melati", "Harapan") are no
# names either.
PLACE_HEADERS = ("posyandu", "puskesmas", "faskes", "rumahsakit", "instansi", "opd", "dinas",
                 "lokasi", "tempat", "sekolah", "paud", "wilayah")  # fmt: skip
NOTES_HEADERS = ("keterangan", "ket", "catatan", "status", "kategori", "kelompok", "satuan",
                 "program", "kegiatan")  # fmt: skip

_DATE = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    r"|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}"
)
_NIK_CELL = r"[1-9](?:[\s.\-]?\d){15}"
_NIK_SCIENTIFIC = r"[1-9](?:[.,]\d+)?[eE]\+?15"
# A NIK-shaped number inside longer text (a problem's value or message).
_NIK_IN_TEXT = re.compile(rf"(?<![\d.,])(?:{_NIK_CELL}|{_NIK_SCIENTIFIC})(?![\d])")
# A cell shaped like a person's name: one to four words of letters (an initial "M." or
# "Nur'aini" and "Siti-Aminah" included), separated by spaces or a comma.
_NAME_WORD = r"[^\W\d_](?:[^\W\d_]|['’.\-])*"  # a letter, then letters, ' ’ . -
_NAME_CELL = re.compile(rf"{_NAME_WORD}(?:[\s,]+{_NAME_WORD}){{0,3}}")
# Small words a name may hold ("Ahmad bin Yusuf"); any other word must start with a capital.
_PARTICLES = {"bin", "binti", "al", "van", "de", "der", "da", "dos", "von"}
_MAX_NAME_CHARS = 60
# Words common in notes, places, categories and indicator tables: a value holding one is no
# person's name.
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
    # notes and statuses
    "aktif", "batal", "bersih", "diproses", "dicek", "diperiksa", "dikirim", "diterima",
    "ditolak", "input", "koreksi", "lanjut", "minggu", "pending", "rujuk", "rujukan", "sedang",
    "selesai", "tindak", "tunda", "ulang", "update", "sangat", "pendek", "kurus", "gemuk",
    "buruk", "berat", "badan", "tinggi", "panjang", "risiko", "obesitas", "wasting",
    "underweight", "overweight", "laki", "perempuan", "pria", "wanita", "bumil", "remaja",
    "keluarga", "sasaran", "capaian", "triwulan", "tw", "semester", "kuartal", "periode",
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
    "oktober", "november", "desember",
    # places and organisations
    "rumah", "sakit", "rs", "rsud", "rsia", "klinik", "pustu", "faskes", "sekolah", "sdn",
    "smp", "sma", "paud", "tk", "masjid", "musholla", "mushola", "gereja", "balai", "kantor",
    "pasar", "jalan", "jl", "gang", "gg", "blok", "kompleks", "komplek", "perumahan",
    "rusun", "rusunawa", "kampung", "pulau", "pelabuhan", "terminal", "stasiun", "dki",
    "provinsi", "kabupaten", "kab", "kemenkes", "dinkes", "bkkbn", "pkk", "tpk", "opd",
}  # fmt: skip
# Words of posyandu and other place names (flowers, fruits, virtues), many of them given names
# too ("Melati", "Mawar"): a value holding one is no name only in a column headed by a place.
_PLACE_NAME_WORDS = {
    "mawar", "melati", "anggrek", "kenanga", "dahlia", "flamboyan", "cempaka", "teratai",
    "tulip", "seruni", "bougenville", "bougenvil", "kamboja", "asoka", "sakura", "matahari",
    "kemuning", "delima", "manggis", "nusa", "indah", "lily", "aster", "soka", "bakung",
    "lavender", "edelweis", "sehat", "sejahtera", "harapan", "kasih", "bina", "bunda", "ibu",
    "bakti", "bhakti", "ceria", "mandiri", "makmur", "sentosa", "permata", "pelita", "cahaya",
    "tunas", "bangsa", "merah", "putih", "kuning", "biru", "ungu", "jaya", "abadi", "mulia",
}  # fmt: skip
_NOT_PLACE_NAME_WORDS = _NOT_NAME_WORDS | _PLACE_NAME_WORDS
# Shares of a column's filled cells that make it personal by content.
DATE_SHARE = 0.8
NAME_SHARE = 0.5  # of the distinct values: a notes column of names and a few notes is personal
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
    spaces, dots or dashes between, Excel's ``3273010101010001.0`` or ``3.27301E+15``."""
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


def name_cells(
    values: pd.Series, not_names: frozenset[str] | set[str] = frozenset(), place: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Which texts read like a person's name, and which of those have two to four words. A name
    is one to four capitalised words of letters (particles such as "bin" aside; all capitals
    too), no digit, none of the words of notes, places or statuses ("Data belum lengkap",
    "Puskesmas Sukajadi"), and not a place or indicator name whose key (``header_key``) is in
    ``not_names`` ("Sukamaju"). ``place``: the column is headed by a place, whose names'
    words ("Mawar", "Harapan") are no names there. Judged at once for all words of all values
    (no per-value Python work but the shape's regex)."""
    text = pd.Series(values.astype(str).to_numpy(dtype=object), dtype=object)
    shaped = np.fromiter(
        (len(v) <= _MAX_NAME_CHARS and _NAME_CELL.fullmatch(v) is not None for v in text),
        bool,
        len(text),
    )
    # One row per word (split on spaces and commas), judged at once and gathered per value.
    words = text.str.split(r"[\s,]+", regex=True).explode()
    words = words[words.str.len().gt(0)]
    key = words.str.lower().str.strip(".'’-")
    common = key.isin(_NOT_PLACE_NAME_WORDS if place else _NOT_NAME_WORDS)
    small = words.str[:1].str.islower() & ~key.isin(_PARTICLES)
    per_value = pd.DataFrame({"bad": common | small, "one": 1}).groupby(level=0).sum()
    bad = per_value["bad"].reindex(text.index, fill_value=0).to_numpy() > 0
    count = per_value["one"].reindex(text.index, fill_value=0).to_numpy()
    names = shaped & ~bad
    if not_names:
        keys = text.str.lower().str.replace(r"[^0-9a-z]", "", regex=True)
        names &= ~keys.isin(not_names).to_numpy(dtype=bool)
    several = names & (count >= 2)
    return names, several


def content_kind(
    column: pd.Series,
    nik_only: bool = False,
    dates: bool = True,
    not_names: frozenset[str] | set[str] = frozenset(),
    place: bool = False,
) -> str | None:
    """What personal data a column holds judged by its cells alone: ``NIK`` when any cell is
    NIK-shaped; ``TANGGAL_LAHIR`` (unless ``dates`` is False: notes and place columns) when most
    cells are dates, mostly different (a date column of a report holds one or two); ``NAMA`` when
    at least half of the column's distinct values read like names (``name_cells``), most of
    them of two to four words, whatever the header ("Keterangan" included) and however often
    each occurs (a few officers' names over many rows are names). ``nik_only`` judges NIKs only
    (a column whose header already gives it another role: kelurahan names and periods are not
    people's names or birth dates). ``not_names``: keys of place and indicator names;
    ``place``: the header names a place (``place_header``)."""
    values, counts = _filled(column)
    if not values:
        return None
    if nik_cells(pd.Series(values, dtype=object)).any():
        return NIK
    if nik_only:
        return None
    order = np.argsort(-counts, kind="stable")[:SAMPLE_VALUES]
    sample = pd.Series([values[i] for i in order], dtype=object)
    if dates and len(values) / counts.sum() >= DISTINCT_SHARE:
        weights = counts[order].astype(float)
        is_date = sample.str.fullmatch(_DATE).to_numpy(dtype=bool)
        if weights[is_date].sum() >= DATE_SHARE * weights.sum():
            return TANGGAL_LAHIR
    names, several = name_cells(sample, not_names, place)
    if names.sum() >= NAME_SHARE * len(sample) and several.sum() > names.sum() / 2:
        return NAMA
    return None


def place_header(label: object) -> bool:
    """Whether a header names places or organisations (their cells are places' names)."""
    return header_key(label).startswith(PLACE_HEADERS)


def notes_header(label: object) -> bool:
    """Whether a header names notes or categories (no birth dates looked for there)."""
    return header_key(label).startswith(NOTES_HEADERS)


def describe(columns: list[str], kinds: list[str]) -> str:
    """Personal columns named by header with what they hold: ``No KTP (NIK/KK), Info (nama)``."""
    return ", ".join(f"{c} ({KIND_LABELS[k]})" for c, k in zip(columns, kinds, strict=True))


def mask_nik(text: str) -> str:
    """Every NIK-shaped number in ``text`` as its first four digits and stars (``3273…****``)."""
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
