"""Checking the rows of a measurement file, a column at a time: kelurahan, sex, dates, age,
height and weight, measuring position.

Every problem is reported with its row (as Excel shows it), column and fix (``Rows.add``); a row
with an error is left out of the records, the others are kept in ``schema.MEASUREMENT_COLUMNS``.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.zscore import DAYS_PER_MONTH, MAX_AGE_DAYS, POSITION_CODES, SEX_CODES
from ingest.cells import column_label, map_unique
from ingest.matching import AreaMatcher
from ingest.measure_cells import column, dates, month_of, numbers, parse_date, parsed, short_text
from ingest.measure_duplicates import LAHIR_KEY, birth_days
from ingest.measure_layout import LABELS
from ingest.problems import BARIS, GALAT, PERINGATAN, Problems

OEDEMA_YES = {"y", "ya", "1", "yes"}
HEIGHT_RANGE = (38.0, 150.0)  # cm; outside, the entry is surely wrong (unit or typing)
WEIGHT_RANGE = (0.5, 60.0)  # kg
MAX_TEXT = 100


class Rows:
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


def _areas(rows: Rows, matcher: AreaMatcher, code, name, kec) -> pd.Series:
    """kode_wilayah per row (None where not a desa/kelurahan of the region, reported)."""
    unit = matcher.words["unit"]
    levels = {"kecamatan": "kecamatan", "kota": matcher.region.kind}  # AreaMatch.tingkat

    def one(c: str, n: str, k: str):
        if c:
            match, role = matcher.check_pair(matcher.by_code(c), n), "kode_wilayah"
        elif n:
            match, role = matcher.by_name(n, kecamatan=k), "kelurahan"
        else:
            return (None, "kelurahan", f"Kolom {unit} kosong.", f"Isi nama {unit}.")
        if k:
            match = matcher.check_kecamatan(match, k)
        if match.kode and match.tingkat != "kelurahan":
            return (None, role, f"'{c or n}' adalah {levels[match.tingkat]}, bukan {unit}.", None)
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
            .fillna(f"Periksa ejaan nama {unit} (daftar di halaman Data Referensi).")
        )
        rows.add(mask, role, text, found["pesan"].astype(object), saran)
    return found[s.KODE_WILAYAH].astype(object)


def _ages(rows: Rows, cells, roles, measured: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Age in days: measurement date − birth date, else the age column (days or months); and
    the birth date (datetime64, NaT when unknown), kept only to find a child measured twice."""
    birth_text = column(cells, roles, "birth_date")
    birth, bad_birth = dates(birth_text)
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
            text = column(cells, roles, role)
            values, bad = numbers(text)
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
    return age, birth


def _id(number: float) -> str:
    """A limit written the Indonesian way (0,5)."""
    return f"{number:g}".replace(".", ",")


def _measures(rows: Rows, cells, roles) -> dict[str, pd.Series]:
    out = {}
    for role, col, (low, high), unit in (
        ("height", s.TINGGI_CM, HEIGHT_RANGE, "cm"),
        ("weight", s.BERAT_KG, WEIGHT_RANGE, "kg"),
    ):
        text = column(cells, roles, role)
        values, bad = numbers(text)
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


def _codes(rows: Rows, cells, roles, role: str, codes: dict, fix: str, level=GALAT):
    text = column(cells, roles, role)
    letters = {1: "L", 2: "P"} if role == "sex" else {1: "L", 2: "H"}

    def one(value: str):
        return letters.get(codes.get(value.strip().lower(), 0))

    mapped = parsed(text, one)
    unknown = mapped.isna() & ((text != "") | (level == GALAT))
    if role in roles or level == GALAT:
        what = "Jenis kelamin" if role == "sex" else "Cara ukur"
        rows.add(unknown, role, text, f"{what} kosong atau tidak dikenali.", fix, level)
    return mapped


def check_rows(rows: Rows, cells, roles, matcher: AreaMatcher, today: date) -> pd.DataFrame:
    """Every row checked, problems reported on ``rows``; the records of the rows kept, with
    the birth date as a day number (``LAHIR_KEY``) that ``ingest.measurements`` drops after
    looking for children measured twice."""
    kode = _areas(
        rows,
        matcher,
        column(cells, roles, "kode_wilayah"),
        column(cells, roles, "kelurahan"),
        column(cells, roles, "kecamatan"),
    )
    sex = _codes(rows, cells, roles, "sex", SEX_CODES, "Isi L (laki-laki) atau P (perempuan).")
    measured_text = column(cells, roles, "measure_date")
    measured, bad_measured = dates(measured_text)
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
    age, birth = _ages(rows, cells, roles, measured)
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
    oedema = parsed(column(cells, roles, "oedema"), lambda v: v.lower() in OEDEMA_YES)
    register = {
        col: numbers(column(cells, roles, role))[0]
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
            s.POSYANDU: parsed(column(cells, roles, "posyandu"), short_text(MAX_TEXT)),
            s.JENIS_KELAMIN: sex,
            s.UMUR_HARI: age,
            s.TANGGAL_UKUR: parsed(measured_text, parse_date),
            s.PERIODE: parsed(measured_text, month_of),
            **values,
            s.CARA_UKUR: position,
            s.EDEMA: oedema,
            **register,
            s.STATUS_TBU_BERKAS: parsed(column(cells, roles, "status_tbu"), short_text(40)),
            LAHIR_KEY: birth_days(birth),
        }
    ).loc[~rows.bad]
