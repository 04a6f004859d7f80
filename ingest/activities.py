"""The activity register as a spreadsheet: export, a blank template, and an import with a dry
run (every problem at once, what would be added and changed) — the rules of indicator uploads.

A row with an ``ID`` updates that stored activity; a row without one is a new activity; stored
activities missing from the file are left as they are (removal is done in the app, logged).
Cells are read the way planners write them: OPD and funding source by code or name, indicators
by code or name, kelurahan by name or code (``semua`` for the whole city), several separated by
``;`` or ``,``; rupiah as ``1500000000``, ``1.500.000.000``, ``Rp1,5 M`` or ``350 jt``.
Free text is cleaned the same way from the form, the editor and a file (``clean_rows``):
control characters dropped, NIK-shaped numbers in the note masked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from analysis import schema as s
from analysis.activities import LABELS, check_activities, intervention_codes
from analysis.edits import field_changes
from analysis.programs import is_all_kelurahan, join_codes, split_codes
from analysis.text_clean import clean_fields, clean_text, drop_nik
from ingest.indicator_names import IndicatorMatcher
from ingest.limits import MAX_FORM_BYTES, shown
from ingest.matching import AreaMatcher, name_key
from ingest.numbers import parse_number
from ingest.problems import GALAT, ProblemCounts, Problems
from ingest.reader import FileProblem, read_form
from text.files import FORMULA_START
from text.strings import region_words

if TYPE_CHECKING:
    from analysis.reference import Reference

ID = "ID"
HEADERS = {ID: "id", **{label: field for field, label in LABELS.items()}}
REQUIRED = [LABELS[f] for f in (s.TAHUN, s.NAMA_KEGIATAN, s.OPD, s.INDIKATOR,
                                s.KELURAHAN_SASARAN, s.PAGU, s.SUMBER_DANA, s.STATUS)]  # fmt: skip
ALL_WORDS = {"semua", "semuakelurahan", "seluruhkelurahan", "seluruhkota", "semuawilayah"}
_SPLIT = re.compile(r"[;,\n]")
_SCALE = {"t": 1e12, "triliun": 1e12, "m": 1e9, "miliar": 1e9, "milyar": 1e9, "jt": 1e6,
          "juta": 1e6, "rb": 1e3, "ribu": 1e3}  # fmt: skip
_RUPIAH = re.compile(r"^(?P<num>[0-9.,]+)\s*(?P<unit>[a-z]*)\.?$")
TEXT_FIELDS = [s.NAMA_KEGIATAN, s.SATUAN_VOLUME]  # one line; the note may hold several


def clean_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Activity rows with their free text as it may be stored (``analysis.text_clean``)."""
    return clean_fields(rows, TEXT_FIELDS, [s.CATATAN])


def parse_rupiah(value: object) -> float | None:
    """A rupiah cell as a number (None when empty); raises ValueError when unreadable."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().lower().replace("\u00a0", " ")
    text = re.sub(r"^rp\.?\s*", "", text).strip()
    if text in ("", "-", "–"):
        return None
    m = _RUPIAH.match(text)
    if not m or (m["unit"] and m["unit"] not in _SCALE):
        raise ValueError(value)
    number = parse_number(m["num"])
    if number is None:
        raise ValueError(value)
    return number * _SCALE.get(m["unit"], 1.0)


def place_names(value: object, kelurahan: dict[str, str]) -> str:
    """``kelurahan_sasaran`` as planners read it: ``semua`` or names separated by "; "."""
    if is_all_kelurahan(value):
        return s.SEMUA_KELURAHAN
    return "; ".join(kelurahan.get(c, c) for c in split_codes(value))


def check_rows(rows: pd.DataFrame, ref: Reference) -> pd.DataFrame:
    """``analysis.activities.check_activities`` against the reference lists: intervention
    indicators, the city's kelurahan, the units and the funding sources."""
    return check_activities(
        rows, intervention_codes(ref.indikator), list(ref.kelurahan[s.KODE_KELURAHAN]),
        list(ref.opd[s.KODE]), list(ref.sumber_dana[s.KODE]), region_words(),
    )  # fmt: skip


def export_frame(activities: pd.DataFrame, ref: Reference) -> pd.DataFrame:
    """Activities with the headers the import reads back (codes for OPD, indicators and funding
    source; kelurahan by name; whole rupiah)."""
    names = dict(zip(ref.kelurahan[s.KODE_KELURAHAN], ref.kelurahan[s.KELURAHAN], strict=True))
    out = pd.DataFrame({ID: activities["id"].astype("Int64")})
    for field, label in LABELS.items():
        out[label] = activities[field].to_numpy()
    out[LABELS[s.INDIKATOR]] = activities[s.INDIKATOR].map(lambda v: "; ".join(split_codes(v)))
    out[LABELS[s.KELURAHAN_SASARAN]] = activities[s.KELURAHAN_SASARAN].map(
        lambda v: place_names(v, names)
    )
    for field in (s.PAGU, s.REALISASI):
        out[LABELS[field]] = (
            pd.to_numeric(activities[field], errors="coerce").round().astype("Int64")
        )
    return out.reset_index(drop=True)


def blank_template(ref: Reference) -> dict[str, pd.DataFrame]:
    """An empty register with one example row, and a sheet listing the codes to use."""
    example = {
        ID: "", "Tahun": 2026, "Nama kegiatan": "Pemberian makanan tambahan lokal balita gizi kurang",
        "OPD": ref.opd[s.KODE].iloc[0] if len(ref.opd) else "", "Indikator": "SPE08",
        "Kelurahan sasaran": "; ".join(ref.kelurahan[s.KELURAHAN].iloc[:2]),
        "Volume target": 120, "Satuan": "balita", "Pagu (Rp)": 250000000, "Realisasi (Rp)": "",
        "Sumber dana": "APBD", "Status": "rencana", "Catatan": "Contoh; hapus baris ini.",
    }  # fmt: skip
    rows = [("Status", v, "") for v in s.KEGIATAN_STATUS_VALUES]
    rows += [("OPD", k, n) for k, n in zip(ref.opd[s.KODE], ref.opd[s.NAMA], strict=True)]
    rows += [
        ("Sumber dana", k, n)
        for k, n in zip(ref.sumber_dana[s.KODE], ref.sumber_dana[s.NAMA], strict=True)
    ]
    ind = ref.indikator.loc[ref.indikator[s.KODE].isin(intervention_codes(ref.indikator))]
    rows += [("Indikator", k, n) for k, n in zip(ind[s.KODE], ind[s.NAMA], strict=True)]
    codes = pd.DataFrame(rows, columns=["Isian", "Kode", "Nama"])
    return {"kegiatan": pd.DataFrame([example]), "daftar_kode": codes}


def register_sheets(activities: pd.DataFrame, ref: Reference) -> dict[str, pd.DataFrame]:
    """The register's workbook: every activity (``export_frame``, which the import reads back)
    and the sheet listing the codes to use."""
    return {
        "kegiatan": export_frame(activities, ref),
        "daftar_kode": blank_template(ref)["daftar_kode"],
    }


@dataclass
class ActivityImport(ProblemCounts):
    new: pd.DataFrame  # rows to add (schema.ACTIVITY_FIELDS)
    edited: pd.DataFrame  # the stored activities with the file's values applied
    diff: pd.DataFrame  # analysis.edits.field_changes of the stored rows
    problems: pd.DataFrame  # ingest.problems.PROBLEM_COLUMNS
    n_rows: int

    @property
    def can_commit(self) -> bool:
        return self.n_errors == 0 and (len(self.new) > 0 or len(self.diff) > 0)


class _Cells:
    """Turns one file row's cells into stored values (unreadable cells kept as written, so
    ``check_activities`` names them)."""

    def __init__(self, ref: Reference):
        self.areas = AreaMatcher(ref.kelurahan, ref.kelurahan_alias, ref.wilayah)
        self.indicators = IndicatorMatcher(ref.indikator)
        self.opd = self._lookup(ref.opd)
        self.dana = self._lookup(ref.sumber_dana)

    @staticmethod
    def _lookup(frame: pd.DataFrame) -> dict[str, str]:
        by = {name_key(k): k for k in frame[s.KODE]}
        return by | {name_key(n): k for k, n in zip(frame[s.KODE], frame[s.NAMA], strict=True)}

    def place(self, text: str) -> str:
        parts = [p.strip() for p in _SPLIT.split(text) if p.strip()]
        if len(parts) == 1 and name_key(parts[0]) in ALL_WORDS:
            return s.SEMUA_KELURAHAN
        codes = []
        for p in parts:
            found = self.areas.by_code(p)
            if found.kode is None or found.tingkat != "kelurahan":
                found = self.areas.by_name(p)
            codes.append(found.kode if found.tingkat == "kelurahan" and found.kode else p)
        return join_codes(codes)

    def indicator(self, text: str) -> str:
        parts = [p.strip() for p in _SPLIT.split(text) if p.strip()]
        return join_codes([self.indicators.match(p)[0] or p for p in parts])

    def row(self, cells: dict[str, object]) -> dict[str, object]:
        def text(field: str) -> str:
            v = clean_text(cells.get(field), multiline=field == s.CATATAN)
            t = "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v).strip()
            # Our exports write formula-like text as '=…; read it back as it was typed.
            return t[1:] if t.startswith("'") and t[1:2].startswith(FORMULA_START) else t

        out: dict[str, object] = {}
        for field in s.ACTIVITY_FIELDS:
            raw = text(field)
            if field in (s.PAGU, s.REALISASI):
                try:
                    out[field] = parse_rupiah(raw)
                except ValueError:
                    out[field] = raw
            elif field in (s.TAHUN, s.VOLUME):
                number = parse_number(raw) if raw else None
                out[field] = raw if raw and number is None else number
            elif field == s.OPD:
                out[field] = self.opd.get(name_key(raw), raw)
            elif field == s.SUMBER_DANA:
                out[field] = self.dana.get(name_key(raw), raw)
            elif field == s.INDIKATOR:
                out[field] = self.indicator(raw)
            elif field == s.KELURAHAN_SASARAN:
                out[field] = self.place(raw)
            elif field == s.STATUS:
                out[field] = raw.lower()
            else:
                out[field] = (drop_nik(raw) if field == s.CATATAN else raw) or None
        if isinstance(out[s.TAHUN], float) and out[s.TAHUN].is_integer():
            out[s.TAHUN] = int(out[s.TAHUN])
        return out


def _header(cells: pd.DataFrame) -> dict[str, int]:
    """Column position per field, from the first row (labels or field names, any case)."""
    keys = {name_key(label): field for label, field in HEADERS.items()}
    keys |= {name_key(field): field for field in HEADERS.values()}
    found = {}
    for j, v in enumerate(cells.iloc[0]):
        field = keys.get(name_key(v))
        if field is not None and field not in found:
            found[field] = j
    return found


def read_activity_file(
    data: bytes, filename: str, stored: pd.DataFrame, ref: Reference,
    max_bytes: int = MAX_FORM_BYTES,
) -> ActivityImport:  # fmt: skip
    """Read an activity spreadsheet against the stored activities; writes nothing. Files above
    ``max_bytes`` are refused unread."""
    probs = Problems()

    def failed() -> ActivityImport:
        empty = stored.iloc[0:0]
        diff = field_changes(empty, empty, s.ACTIVITY_FIELDS)
        return ActivityImport(empty[s.ACTIVITY_FIELDS], stored, diff, probs.frame(), 0)

    try:
        cells = read_form(data, filename, max_bytes)
    except FileProblem as err:
        probs.add(pd.Series([None]), "", "", str(err), "", GALAT)
        return failed()
    col = _header(cells)
    missing = [label for label in REQUIRED if HEADERS[label] not in col]
    if missing:
        probs.add(pd.Series([1]), ", ".join(missing), "", "Kolom wajib tidak ada di baris judul.",
                  "Pakai berkas hasil 'Unduh daftar kegiatan' atau templatnya.")  # fmt: skip
        return failed()
    reader, stored_ids = _Cells(ref), set(stored["id"].astype(int))
    new_rows, updates, seen, checked = {}, {}, {}, {}
    for i in range(1, len(cells)):
        row = cells.iloc[i]
        if all(str(v).strip() in ("", "nan", "None") for v in row):
            continue
        excel_row = i + 1
        checked[excel_row] = values = reader.row({f: row.iloc[j] for f, j in col.items()})
        raw_id = str(row.iloc[col["id"]]).strip() if "id" in col else ""
        if raw_id in ("", "nan", "None"):
            new_rows[excel_row] = values
            continue
        number = parse_number(raw_id)
        if number is None or not number.is_integer() or int(number) not in stored_ids:
            probs.add(pd.Series([excel_row]), ID, raw_id, "ID ini tidak ada di daftar kegiatan.",
                      "Jangan ubah kolom ID; kosongkan ID untuk kegiatan baru.")  # fmt: skip
        elif int(number) in seen:
            probs.add(pd.Series([excel_row]), ID, raw_id,
                      f"ID ini sudah dipakai di baris {seen[int(number)]}.",
                      "Satu kegiatan cukup satu baris; hapus baris gandanya.")  # fmt: skip
        else:
            seen[int(number)] = excel_row
            updates[excel_row] = values | {"id": int(number)}
    if not checked:
        probs.add(pd.Series([None]), "", "",
                  f"{shown(filename)}: tidak ada baris kegiatan di bawah baris judul.",
                  "Isi satu baris per kegiatan di bawah judul (lihat templat).")  # fmt: skip
        return failed()
    if checked:
        found = check_rows(pd.DataFrame.from_dict(checked, orient="index"), ref)
        probs.add(found["baris"], found["kolom"], found["nilai"], found["pesan"], found["saran"])
    new = pd.DataFrame(list(new_rows.values()), columns=s.ACTIVITY_FIELDS)
    edited = stored.copy()
    if updates:
        changed = pd.DataFrame(list(updates.values())).set_index("id")
        pos = edited.set_index("id").index.get_indexer(changed.index)
        for field in s.ACTIVITY_FIELDS:
            edited[field] = edited[field].astype(object)
            edited.loc[edited.index[pos], field] = changed[field].to_numpy()
    diff = field_changes(stored, edited, s.ACTIVITY_FIELDS)
    return ActivityImport(new, edited, diff, probs.frame(), len(checked))
