"""Reading child measurement records: e-PPGBM exports and the simple template (CSV or Excel).

Personal data never gets past this module: NIK, names, parents' names, addresses, RT/RW, contacts
and the birth date are dropped here (the age in days is kept instead; it is stored rounded to the
middle of its month, see ``analysis.zscore.stored_form``), and only ``schema.MEASUREMENT_COLUMNS``
leave it. Every problem is reported at once with its row (as Excel shows it), column and fix;
rows with an error are left out, the rest can be stored. A problem never shows a birth date or a
NIK (``ingest.problems`` masks them).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.periods import MONTH_NUMBERS
from analysis.text_clean import clean_text, drop_nik
from analysis.zscore import DAYS_PER_MONTH, MAX_AGE_DAYS, POSITION_CODES, SEX_CODES
from ingest.cells import cell_text, column_label, map_unique
from ingest.limits import shown, thousands
from ingest.matching import AreaMatcher
from ingest.personal import (
    SAMPLE_VALUES,
    content_kind,
    header_kind,
    notes_header,
    place_header,
)
from ingest.problems import (
    BARIS,
    CHECK_ROWS,
    GALAT,
    PERINGATAN,
    ProblemCounts,
    Problems,
    stopped_checking,
    too_many_bad,
    whole_file,
)
from ingest.reader import FileProblem, head_bytes, read_chunks, read_table

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
LABELS = {
    "kelurahan": "kelurahan",
    "sex": "jenis kelamin",
    "measure_date": "tanggal pengukuran",
    "height": "tinggi/panjang badan",
    "weight": "berat badan",
}
FORMAT_EPPGBM, FORMAT_TEMPLATE = "e-PPGBM", "templat"
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y"]
# What any of DATE_FORMATS can read: strptime is tried only on cells of this shape, so a column
# of a million distinct non-dates costs a regular expression each, not six strptime calls.
DATE_SHAPE = re.compile(r"[ \d]{1,4}[-/.][ \d]{1,2}[-/.][ \d]{1,4}")
EXCEL_EPOCH = date(1899, 12, 30)
OEDEMA_YES = {"y", "ya", "1", "yes"}
HEIGHT_RANGE = (38.0, 150.0)  # cm; outside, the entry is surely wrong (unit or typing)
WEIGHT_RANGE = (0.5, 60.0)  # kg
MAX_TEXT = 100
# A file is checked on its first rows before the rest: when nearly all of them have errors it is
# not a measurement file, and checking a million more rows would only spend minutes and memory.
SAMPLE_ROWS = 1_000
SAMPLE_BAD_SHARE = 0.95
# An e-PPGBM export holds one child per row, about 300 bytes: 100 MB is some 350,000 rows.
MAX_ROWS = 500_000
UNCHECKED = "tidak diperiksa"  # the first lines could not be checked on their own


def header_key(text: object) -> str:
    return re.sub(r"[^0-9a-z]+", " ", str(text).lower()).strip()


@dataclass
class MeasurementPlan(ProblemCounts):
    """What a measurement file holds and what storing it would keep; nothing stored yet."""

    nama_berkas: str
    sha256: str
    records: pd.DataFrame  # schema.MEASUREMENT_COLUMNS + baris
    problems: pd.DataFrame
    format: str | None = None
    rows_read: int = 0
    dropped_personal: list[str] = field(default_factory=list)
    birth_date_column: str | None = None  # read for the age, then dropped like the others
    ignored_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def can_commit(self) -> bool:
        return len(self.records) > 0

    @property
    def periods(self) -> list[str]:
        return sorted(self.records[s.PERIODE].unique())


def _empty_records() -> pd.DataFrame:
    return pd.DataFrame(columns=[BARIS, *s.MEASUREMENT_COLUMNS])


def failed_plan(data: bytes, filename: str, message: str, fix: str = "") -> MeasurementPlan:
    """A plan that stores nothing, with one problem about the whole file."""
    sha = hashlib.sha256(data).hexdigest()
    return MeasurementPlan(filename, sha, _empty_records(), whole_file(message, fix))


def _find_header(cells: pd.DataFrame) -> tuple[int, dict[str, int]]:
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


def _parse_date(value: str) -> date | None:
    """A date cell: ISO, Indonesian day-first (15/08/2024, 15 Agustus 2024) or an Excel serial."""
    text = value.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2} 00:00:00", text):
        text = text[:10]
    for fmt in DATE_FORMATS if DATE_SHAPE.fullmatch(text) else ():
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    words = text.lower().split()
    if len(words) == 3 and words[1] in MONTH_NUMBERS and words[0].isdigit() and words[2].isdigit():
        try:
            return date(int(words[2]), MONTH_NUMBERS[words[1]], int(words[0]))
        except ValueError:
            return None
    if re.fullmatch(r"\d{5}(\.0)?", text):  # Excel date serial (days since 1899-12-30)
        serial = int(float(text))
        if 20000 <= serial <= 80000:
            return EXCEL_EPOCH + timedelta(days=serial)
    return None


def _month_of(value: str) -> str | None:
    parsed = _parse_date(value)
    return None if parsed is None else f"{parsed:%Y-%m}"


def _short(limit: int):
    """Free text (control characters dropped, NIK-shaped numbers masked) cut to ``limit``
    characters, None when empty."""
    return lambda value: drop_nik(clean_text(value)).strip()[:limit] or None


def _parse_measure(value: str) -> float | None:
    """A measurement with a decimal comma or point (never a thousands separator)."""
    text = value.strip().replace(",", ".")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return number if np.isfinite(number) else None


def _column(cells: pd.DataFrame, roles: dict[str, int], role: str) -> pd.Series:
    if role in roles:
        return cell_text(cells[cells.columns[roles[role]]])
    return pd.Series(pd.Categorical([""] * len(cells)), index=cells.index)


def _parsed(text: pd.Series, fn) -> pd.Series:
    """``fn`` once per distinct cell; object Series with None where it returns None."""
    return map_unique(text.to_frame(), fn).astype(object)


def _dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(dates as datetime64, bad: non-empty cells that are not dates)."""
    parsed = _parsed(text, _parse_date)
    values = pd.to_datetime(parsed, errors="coerce")
    return values, (text != "") & values.isna()


def _numbers(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    parsed = pd.to_numeric(_parsed(text, _parse_measure), errors="coerce")
    return parsed.astype(float), (text != "") & parsed.isna()


class _Rows:
    """The rows being checked: problems added per column, failing rows dropped at the end."""

    def __init__(self, baris: pd.Series, labels: list[str], roles: dict[str, int]):
        self.baris, self.labels, self.roles = baris, labels, roles
        self.probs = Problems()
        self.bad = pd.Series(False, index=baris.index)

    def where(self, role: str) -> str:
        col = self.roles.get(role)
        return LABELS.get(role, role) if col is None else column_label(self.labels[col], col)

    def add(self, mask, role, values, pesan, saran, tingkat=GALAT, skip=None) -> None:
        """Report the rows of ``mask``; they are left out on an error, or on a warning with
        ``skip=True`` (a row that is fine but not stored, e.g. a child of 60 months)."""
        mask = pd.Series(mask, index=self.baris.index).fillna(False).astype(bool)
        if not mask.any():
            return
        self.probs.add(self.baris[mask], self.where(role), values, pesan, saran, tingkat)
        if tingkat == GALAT if skip is None else skip:
            self.bad |= mask


def _areas(rows: _Rows, matcher: AreaMatcher, code, name, kec) -> pd.Series:
    """kode_wilayah per row (None where not a Jakarta Utara kelurahan, reported)."""

    def one(c: str, n: str, k: str):
        if c:
            match, role = matcher.check_pair(matcher.by_code(c), n), "kode_wilayah"
        elif n:
            match, role = matcher.by_name(n), "kelurahan"
        else:
            return (None, "kelurahan", "Kolom kelurahan kosong.", "Isi nama kelurahan.")
        if k:
            match = matcher.check_kecamatan(match, k)
        if match.kode and match.tingkat != "kelurahan":
            return (None, role, f"'{c or n}' adalah {match.tingkat}, bukan kelurahan.", None)
        return (match.kode, role, match.pesan, match.saran)

    keys = pd.DataFrame({"c": code, "n": name, "k": kec})
    found = map_unique(keys, one, [s.KODE_WILAYAH, "role", "pesan", "saran"])
    failed = found[s.KODE_WILAYAH].isna()
    for role in ("kode_wilayah", "kelurahan"):
        mask = failed & (found["role"] == role)
        text = code if role == "kode_wilayah" else name
        saran = (
            found["saran"]
            .astype(object)
            .fillna("Periksa ejaan nama kelurahan (daftar di halaman Data Referensi).")
        )
        rows.add(mask, role, text, found["pesan"].astype(object), saran)
    return found[s.KODE_WILAYAH].astype(object)


def _ages(rows: _Rows, cells, roles, measured: pd.Series) -> pd.Series:
    """Age in days: measurement date − birth date, else the age column (days or months)."""
    birth_text = _column(cells, roles, "birth_date")
    birth, bad_birth = _dates(birth_text)
    rows.add(
        bad_birth,
        "birth_date",
        birth_text,
        "Tanggal lahir tidak terbaca.",
        "Tulis tanggal sebagai 2022-08-15 atau 15/08/2022.",
    )
    age = (measured - birth).dt.days.astype(float)
    rows.add(
        age < 0,
        "birth_date",
        birth_text,
        "Tanggal lahir sesudah tanggal pengukuran.",
        "Periksa tanggal lahir dan tanggal pengukuran.",
    )
    for role, scale in (("age_days", 1.0), ("age_months", DAYS_PER_MONTH)):
        if role in roles:
            text = _column(cells, roles, role)
            values, bad = _numbers(text)
            rows.add(bad, role, text, "Umur bukan angka.", "Isi umur dengan angka.")
            age = age.fillna(np.floor(values * scale + 0.5))
    missing = age.isna() & ~bad_birth
    rows.add(
        missing,
        "birth_date",
        "",
        "Umur tidak diketahui: tanggal lahir (atau umur) kosong.",
        "Isi tanggal lahir, atau kolom umur_hari.",
    )
    rows.add(
        age > MAX_AGE_DAYS,
        "birth_date" if "birth_date" in roles else "age_days",
        np.floor(age / DAYS_PER_MONTH).map(lambda m: f"{m:.0f} bulan"),
        "Umur 60 bulan atau lebih: di luar sasaran balita, tidak disimpan.",
        "Tidak perlu diperbaiki bila memang bukan balita.",
        PERINGATAN,
        skip=True,
    )
    return age


def _id(number: float) -> str:
    """A limit written the Indonesian way (0,5)."""
    return f"{number:g}".replace(".", ",")


def _measures(rows: _Rows, cells, roles) -> dict[str, pd.Series]:
    out = {}
    for role, col, (low, high), unit in (
        ("height", s.TINGGI_CM, HEIGHT_RANGE, "cm"),
        ("weight", s.BERAT_KG, WEIGHT_RANGE, "kg"),
    ):
        text = _column(cells, roles, role)
        values, bad = _numbers(text)
        rows.add(
            bad,
            role,
            text,
            f"{LABELS[role].capitalize()} bukan angka.",
            f"Isi angka dalam {unit}, mis. 85,5.",
        )
        out_of_range = (values < low) | (values > high)
        rows.add(
            out_of_range,
            role,
            text,
            f"{LABELS[role].capitalize()} di luar {_id(low)}–{_id(high)} {unit}: salah ketik "
            "atau salah satuan.",
            f"Periksa catatan posyandu; isi dalam {unit}.",
        )
        out[col] = values
    none = out[s.TINGGI_CM].isna() & out[s.BERAT_KG].isna()
    rows.add(
        none & ~rows.bad,
        "height",
        "",
        "Tidak ada tinggi maupun berat.",
        "Isi tinggi/panjang badan dan berat badan.",
    )
    return out


def _codes(rows: _Rows, cells, roles, role: str, codes: dict, fix: str, level=GALAT):
    text = _column(cells, roles, role)
    letters = {1: "L", 2: "P"} if role == "sex" else {1: "L", 2: "H"}

    def one(value: str):
        return letters.get(codes.get(value.strip().lower(), 0))

    mapped = _parsed(text, one)
    unknown = mapped.isna() & ((text != "") | (level == GALAT))
    if role in roles or level == GALAT:
        what = "Jenis kelamin" if role == "sex" else "Cara ukur"
        rows.add(unknown, role, text, f"{what} kosong atau tidak dikenali.", fix, level)
    return mapped


def _describe_columns(
    plan: MeasurementPlan,
    header: list[str],
    roles: dict[str, int],
    body: pd.DataFrame,
    places: frozenset[str] = frozenset(),
) -> None:
    """The file's format, the personal columns it drops and the columns it does not use. A
    column the file is not read by is personal by its header or by its cells (``body``: the
    first rows; NIKs, birth dates, people's names under any header, ``ingest.personal``): it is
    then listed as dropped, not as ignored."""
    keys = [header_key(h) for h in header]
    plan.format = FORMAT_EPPGBM if "zs_tbu" in roles or "status_tbu" in roles else FORMAT_TEMPLATE
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
    if "birth_date" in roles:
        plan.birth_date_column = header[roles["birth_date"]]
    plan.dropped_personal = [h for h, p in zip(header, dropped, strict=True) if p]
    plan.ignored_columns = [
        h
        for i, (h, p) in enumerate(zip(header, dropped, strict=True))
        if i not in used and not p and h
    ]


def _missing_roles(roles: dict[str, int]) -> list[str]:
    """Required columns the header lacks."""
    missing = [r for r in ("sex", "measure_date", "height", "weight") if r not in roles]
    if "kelurahan" not in roles and "kode_wilayah" not in roles:
        missing.insert(0, "kelurahan")
    if "birth_date" not in roles and "age_days" not in roles and "age_months" not in roles:
        missing.append("tanggal lahir atau umur")
    return missing


def _check_rows(rows: _Rows, cells, roles, matcher: AreaMatcher, today: date) -> pd.DataFrame:
    """Every row checked, problems reported on ``rows``; the records of the rows kept."""
    kode = _areas(
        rows,
        matcher,
        _column(cells, roles, "kode_wilayah"),
        _column(cells, roles, "kelurahan"),
        _column(cells, roles, "kecamatan"),
    )
    sex = _codes(rows, cells, roles, "sex", SEX_CODES, "Isi L (laki-laki) atau P (perempuan).")
    measured_text = _column(cells, roles, "measure_date")
    measured, bad_measured = _dates(measured_text)
    rows.add(
        bad_measured | (measured_text == ""),
        "measure_date",
        measured_text,
        "Tanggal pengukuran kosong atau tidak terbaca.",
        "Tulis tanggal sebagai 2024-08-15 atau 15/08/2024.",
    )
    rows.add(
        measured > pd.Timestamp(today),
        "measure_date",
        measured_text,
        "Tanggal pengukuran di masa depan.",
        "Periksa tahun pada tanggal pengukuran.",
    )
    age = _ages(rows, cells, roles, measured)
    values = _measures(rows, cells, roles)
    position = _codes(
        rows,
        cells,
        roles,
        "position",
        POSITION_CODES,
        "Isi L/terlentang atau H/berdiri; tanpa isi, posisi mengikuti umur.",
        PERINGATAN,
    )
    oedema = _parsed(_column(cells, roles, "oedema"), lambda v: v.lower() in OEDEMA_YES)
    register = {
        col: _numbers(_column(cells, roles, role))[0]
        for role, col in (
            ("zs_tbu", s.ZS_TBU_BERKAS),
            ("zs_bbu", s.ZS_BBU_BERKAS),
            ("zs_bbtb", s.ZS_BBTB_BERKAS),
        )
    }
    return pd.DataFrame(
        {
            BARIS: rows.baris,
            s.KODE_WILAYAH: kode,
            s.POSYANDU: _parsed(_column(cells, roles, "posyandu"), _short(MAX_TEXT)),
            s.JENIS_KELAMIN: sex,
            s.UMUR_HARI: age,
            s.TANGGAL_UKUR: _parsed(measured_text, _parse_date),
            s.PERIODE: _parsed(measured_text, _month_of),
            **values,
            s.CARA_UKUR: position,
            s.EDEMA: oedema,
            **register,
            s.STATUS_TBU_BERKAS: _parsed(_column(cells, roles, "status_tbu"), _short(40)),
        }
    ).loc[~rows.bad]


def _refuse_garbage(  # noqa: PLR0913
    filename: str, cells: pd.DataFrame, header: list[str], roles, matcher, today, rows: int
) -> pd.DataFrame | None:
    """The problems of the first ``SAMPLE_ROWS`` non-blank rows of ``cells`` and one about the
    whole file (``rows`` data rows), when nearly all of those rows have an error; None when the
    file looks like measurements."""
    if rows <= SAMPLE_ROWS:
        return None
    head = cells.iloc[: 2 * SAMPLE_ROWS]
    blank = pd.concat([cell_text(head[c]).astype(str) == "" for c in head.columns], axis=1)
    first = head.loc[~blank.all(axis=1)].iloc[:SAMPLE_ROWS]
    if len(first) < SAMPLE_ROWS:
        return None
    sample = _Rows(pd.Series(first.index + 1, index=first.index), header, roles)
    _check_rows(sample, first, roles, matcher, today)
    problems = sample.probs.frame()
    bad = problems.loc[problems["tingkat"] == GALAT, BARIS].nunique()
    if bad < SAMPLE_BAD_SHARE * len(first):
        return None
    return whole_file(
        f"{shown(filename)}: {thousands(bad)} dari {thousands(len(first))} baris data pertama "
        f"bermasalah, jadi sisa berkas (sekitar {thousands(max(rows - len(head), 0))} baris lagi) "
        "tidak diperiksa.",
        "Periksa apakah ini ekspor e-PPGBM atau templat pengukuran; perbaiki masalah di baris "
        "pertama (lihat di bawah), lalu unggah ulang.",
        problems,
    )


def _refuse_on_head(
    data: bytes, head: bytes, filename: str, matcher: AreaMatcher, today: date
) -> MeasurementPlan | str | None:
    """A file refused on its first lines alone (no header, or nearly all rows wrong), before
    all of it is parsed: 100 MB of garbage then costs no more memory than a few kilobytes.
    None when they look usable; ``UNCHECKED`` when they could not be read on their own."""
    try:
        table = read_table(head, filename)
    except FileProblem:
        return UNCHECKED  # the cut may fall inside a quoted cell: the whole file decides
    try:
        row, roles = _find_header(table.cells)
    except FileProblem as err:
        return failed_plan(data, filename, f"{shown(filename)}: {err}")
    if _missing_roles(roles):
        return None  # the whole file reports the missing columns
    header = [str(v) if v is not None else "" for v in table.cells.iloc[row].tolist()]
    rows = data.count(b"\n") + (not data.endswith(b"\n")) - row - 1
    cells = table.cells.iloc[row + 1 :]
    problems = _refuse_garbage(filename, cells, header, roles, matcher, today, rows)
    if problems is None:
        return None
    plan = failed_plan(data, filename, "")
    plan.problems, plan.notes = problems, list(table.notes)
    return plan


def read_measurements(
    data: bytes, filename: str, matcher: AreaMatcher, today: date
) -> MeasurementPlan:
    """Read and check an e-PPGBM export or a template file; nothing raises, nothing is stored.
    A text file is read and checked ``CHECK_ROWS`` rows at a time (see ``_Check``)."""
    lines = data.count(b"\n")  # an upper bound of the rows of a text file, counted unparsed
    if lines > MAX_ROWS + HEADER_ROWS:
        return failed_plan(
            data,
            filename,
            f"{shown(filename)}: berkas berisi {thousands(lines)} baris; batasnya "
            f"{thousands(MAX_ROWS)} baris pengukuran.",
            "Bagi berkas per kecamatan atau per bulan, lalu unggah bagian-bagiannya.",
        )
    head = head_bytes(data, HEADER_ROWS + 2 * SAMPLE_ROWS + 1)
    refused = UNCHECKED if head is None else _refuse_on_head(data, head, filename, matcher, today)
    if isinstance(refused, MeasurementPlan):
        return refused
    plan = MeasurementPlan(
        filename, hashlib.sha256(data).hexdigest(), _empty_records(), Problems().frame()
    )
    try:
        plan.notes, chunks = read_chunks(data, filename, CHECK_ROWS)
        first = next(chunks)
        row, roles = _find_header(first)
        header = [str(v) if v is not None else "" for v in first.iloc[row].tolist()]
        sample = first.iloc[row + 1 : row + 1 + SAMPLE_VALUES]  # judged by its first rows
        _describe_columns(plan, header, roles, sample, matcher.place_keys)
        missing = _missing_roles(roles)
        if missing:
            names = ", ".join(LABELS.get(m, m) for m in missing)
            probs = Problems()
            probs.add(
                pd.Series([row + 1]),
                names,
                "",
                f"{shown(filename)}: kolom wajib tidak ada: {names}.",
                "Tambahkan kolom itu (lihat templat pengukuran) atau unggah ekspor e-PPGBM "
                "lengkap.",
            )
            plan.problems = probs.frame()
            return plan
        cells = first.iloc[row + 1 :]
        if refused is UNCHECKED:
            garbage = _refuse_garbage(
                filename, cells, header, roles, matcher, today, max(lines - row, len(cells))
            )
            if garbage is not None:
                plan.problems = garbage
                return plan
        check = _Check(header, roles, matcher, today)
        while cells is not None:
            following = next(chunks, None)
            if not check.add(cells) and following is not None:
                plan.rows_read = check.rows_read
                plan.problems = check.stopped(filename, lines - check.last_row)
                return plan
            cells = following
    except FileProblem as err:
        return failed_plan(data, filename, f"{shown(filename)}: {err}")
    if check.rows_read == 0:
        return failed_plan(
            data,
            filename,
            f"{shown(filename)}: tidak ada baris data di bawah baris judul (baris {row + 1}).",
            "Isi satu baris per pengukuran anak di bawah judul (lihat templat pengukuran).",
        )
    plan.rows_read = check.rows_read
    plan.records = check.records()
    plan.problems = check.probs.frame()
    return plan


class _Check:
    """The rows of a file checked a block at a time: problems collected, good records kept, and
    whether to go on. A blank line is no record; a line repeating an earlier one in full (NIK
    included, anywhere in the file) is a double export, stored once. Checking stops (``add``
    returns False) once ``MAX_BAD_ROWS`` rows, and more than half of those checked, have errors:
    then the file is no measurement export and the rest would only cost time."""

    def __init__(self, header: list[str], roles: dict[str, int], matcher, today: date) -> None:
        self.header, self.roles, self.matcher, self.today = header, roles, matcher, today
        self.probs = Problems()
        self.parts: list[pd.DataFrame] = []
        self.seen: set[int] = set()  # hashes of the lines read so far
        self.rows_read = self.last_row = self.n_bad = 0  # last_row: Excel row number

    def add(self, cells: pd.DataFrame) -> bool:
        text = cells.astype(object).fillna("").astype(str)  # workbook cells may be None
        filled = (text != "").any(axis=1)
        if not filled.all():
            cells, text = cells.loc[filled], text.loc[filled]
        hashes = pd.util.hash_pandas_object(text, index=False).tolist()
        repeated = pd.Series(
            pd.Series(hashes, dtype="uint64").duplicated().to_numpy()
            | np.array([h in self.seen for h in hashes], dtype=bool),
            index=cells.index,
        )
        self.seen.update(hashes)
        rows = _Rows(pd.Series(cells.index + 1, index=cells.index), self.header, self.roles)
        rows.probs = self.probs
        rows.add(
            repeated,
            "kelurahan",
            "",
            "Baris ini sama persis dengan baris sebelumnya (ekspor ganda); tidak disimpan dua "
            "kali.",
            "Tidak perlu diperbaiki.",
            PERINGATAN,
            skip=True,
        )
        self.parts.append(_check_rows(rows, cells, self.roles, self.matcher, self.today))
        self.rows_read += len(cells)
        self.last_row = int(cells.index[-1]) + 1 if len(cells) else self.last_row
        self.n_bad += int((rows.bad & ~repeated).sum())
        return not too_many_bad(self.n_bad, self.rows_read)

    def records(self) -> pd.DataFrame:
        return (
            pd.concat(self.parts)[[BARIS, *s.MEASUREMENT_COLUMNS]]
            .astype({s.UMUR_HARI: "int64"})
            .reset_index(drop=True)
        )

    def stopped(self, filename: str, left: int) -> pd.DataFrame:
        """The problems found, after one about the whole file: nothing is stored."""
        return stopped_checking(filename, self.n_bad, self.rows_read, left, self.probs.frame())
