"""Aksi progress as a spreadsheet: export one year's rows, and import an edited copy back with
a dry run (every problem at once, what would change) — the same rules as indicator uploads.

Rows are matched by (Aksi, Tahapan, Kelurahan) to the stored rows of the year; a file can only
update rows that exist (new years come from the framework template).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from analysis import schema as s
from analysis.aksi import changes, check_rows, clean_rows
from ingest.limits import MAX_FORM_BYTES, shown
from ingest.numbers import parse_number
from ingest.problems import GALAT, Problems
from ingest.reader import FileProblem, read_form

KEY = {"Aksi": s.NOMOR_AKSI, "Tahapan": s.NOMOR_TAHAPAN, "Kelurahan": s.KODE_KELURAHAN}
FIELDS = {
    "Status": s.STATUS,
    "Progres (%)": s.PROGRES,
    "Rencana mulai": "rencana_mulai",
    "Rencana selesai": "rencana_selesai",
    "Realisasi mulai": "realisasi_mulai",
    "Realisasi selesai": "realisasi_selesai",
    "OPD": "opd",
    "Dokumen keluaran": "dokumen_keluaran",
    "Bukti (tautan)": "bukti",
    "Catatan": "catatan",
}
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's date serials
DATES = ["rencana_mulai", "rencana_selesai", "realisasi_mulai", "realisasi_selesai"]


def export_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """One year's progress rows with the headers the import reads back."""
    out = pd.DataFrame({label: rows[col] for label, col in {**KEY, **FIELDS}.items()})
    return out.assign(Tahapan=out["Tahapan"].astype("Int64"))


@dataclass
class AksiImport:
    edited: pd.DataFrame  # the year's stored rows with the file's values applied
    diff: pd.DataFrame  # analysis.aksi.changes
    problems: pd.DataFrame  # baris, kolom, nilai, pesan, saran, tingkat

    @property
    def can_commit(self) -> bool:
        return self.problems.empty and not self.diff.empty


def _date(value) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime | date):
        return (
            value if isinstance(value, date) and not isinstance(value, datetime) else value.date()
        )
    text = str(value).strip()
    if re.fullmatch(r"\d{5}(\.0+)?", text) and 20000 <= float(text) <= 80000:
        return EXCEL_EPOCH + timedelta(days=int(float(text)))  # a date cell shown as a number
    iso = len(text) >= 10 and text[4] == "-"  # 2025-06-30 (as exported); else 30/06/2025
    parsed = pd.to_datetime(text, dayfirst=not iso, errors="coerce")
    if pd.isna(parsed):
        raise ValueError
    return parsed.date()


def _plain_dates(rows: pd.DataFrame) -> pd.DataFrame:
    """Date columns as ``date`` objects or None: a column never filled arrives as datetime64
    (all NaT), which would refuse the first date a file sets."""
    dates = [c for c in DATES if c in rows.columns]
    return rows.assign(
        **{
            c: pd.Series(
                [None if pd.isna(v) else _date(v) for v in rows[c]], index=rows.index, dtype=object
            )
            for c in dates
        }
    )


def _key(value, integer: bool):
    text = "" if value is None else str(value).strip()
    if text in ("", "<NA>", "nan", "None"):
        return None
    return int(float(text)) if integer else text


def read_aksi_file(
    data: bytes, filename: str, stored: pd.DataFrame, max_bytes: int = MAX_FORM_BYTES
) -> AksiImport:
    """Apply an edited export to ``stored`` (one year's rows, with ``id``); writes nothing.
    Files above ``max_bytes`` are refused unread."""
    stored = _plain_dates(stored)
    probs = Problems()
    empty = AksiImport(stored, changes(stored, stored), probs.frame())
    try:
        cells = read_form(data, filename, max_bytes)
    except FileProblem as err:
        probs.add(pd.Series([None]), "", "", str(err), "", GALAT)
        return AksiImport(stored, empty.diff, probs.frame())
    header = [str(v).strip() for v in cells.iloc[0]]
    missing = [h for h in [*KEY, "Status", "Progres (%)"] if h not in header]
    if missing:
        probs.add(
            pd.Series([1]),
            ", ".join(missing),
            "",
            "Kolom wajib tidak ada di baris judul.",
            "Pakai berkas hasil 'Unduh progres' lalu ubah isinya saja.",
        )
        return AksiImport(stored, empty.diff, probs.frame())
    if all(str(v).strip() == "" for v in cells.iloc[1:].to_numpy().ravel()):
        probs.add(pd.Series([None]), "", "",
                  f"{shown(filename)}: tidak ada baris progres di bawah baris judul.",
                  "Pakai berkas hasil 'Unduh progres' lalu ubah isinya saja.")  # fmt: skip
        return AksiImport(stored, empty.diff, probs.frame())
    col = {h: i for i, h in enumerate(header)}
    index = {
        (int(r[s.NOMOR_AKSI]), _key(r[s.NOMOR_TAHAPAN], True), _key(r[s.KODE_KELURAHAN], False)): i
        for i, r in stored.iterrows()
    }
    edited = stored.copy()
    for i in range(1, len(cells)):
        row = cells.iloc[i]
        if all(str(v).strip() == "" for v in row):
            continue
        baris = pd.Series([i + 1])
        try:
            key = (
                _key(row[col["Aksi"]], True),
                _key(row[col["Tahapan"]], True),
                _key(row[col["Kelurahan"]], False),
            )
        except ValueError:
            probs.add(
                baris,
                "Aksi, Tahapan",
                "",
                "Nomor aksi/tahapan bukan angka.",
                "Jangan ubah kolom kunci.",
            )
            continue
        if key not in index:
            keys = " / ".join("" if k is None else str(k) for k in key)
            probs.add(
                baris, "Aksi, Tahapan, Kelurahan", keys,
                "Baris ini tidak ada pada progres tahun ini.",
                "Jangan ubah kolom Aksi, Tahapan dan Kelurahan; tahun baru dibuat dari kerangka.",
            )  # fmt: skip
            continue
        target = index[key]
        for label, field in FIELDS.items():
            if label not in col:
                continue
            value = row[col[label]]
            try:
                if field in DATES:
                    parsed = _date(value)
                elif field == s.PROGRES:
                    parsed = parse_number(str(value)) if str(value).strip() else None
                    if parsed is None:
                        raise ValueError
                else:
                    text = "" if value is None else str(value).strip()
                    parsed = text or None
            except ValueError:
                fix = (
                    "Tulis tanggal seperti 2025-06-30 atau 30/06/2025."
                    if field in DATES
                    else "Tulis angka 0–100."
                )
                probs.add(baris, label, str(value), f"{label} tidak terbaca.", fix)
                continue
            edited.at[target, field] = parsed
    edited = clean_rows(edited)
    diff = changes(stored, edited)
    for text in check_rows(edited.loc[edited["id"].isin(diff["id"])]):  # rows the file changes
        probs.add(pd.Series([None]), "", "", text, "Perbaiki di berkas lalu unggah ulang.")
    return AksiImport(edited, diff, probs.frame())
