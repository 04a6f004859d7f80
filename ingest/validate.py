"""Turning recognised rows into indicator values, collecting every problem at once.

Every check is vectorised over the whole file (a million rows must stay fast); codes, names and
periods are matched once per distinct value. A value with any error (``galat``) is not imported;
warnings (``peringatan``) explain what was skipped or assumed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema as s
from ingest.cells import cell_text, constant, label, map_unique, row_text
from ingest.checks import assign_numbers, assign_periods, assign_sources, check_duplicates
from ingest.layout import LONG, Layout
from ingest.matching import AreaMatcher, IndicatorMatcher
from ingest.numbers import parse_numbers
from ingest.problems import BARIS, PERINGATAN, Problems

TOTAL_RE = r"(?i)^\s*(jumlah|total|sub\s*-?\s*total|grand\s*total|rata-?\s*rata|rerata|jml)\b"
FIELDS = (s.PEMBILANG, s.PENYEBUT, s.NILAI)
VALUE_COLUMNS = s.VALUE_COLUMNS


@dataclass(frozen=True)
class Catalogue:
    """Everything values are matched against."""

    areas: AreaMatcher
    indicators: IndicatorMatcher
    indikator: pd.DataFrame  # kode, satuan, sumber_data
    sumber_data: pd.DataFrame  # kode, nama, jenis


@dataclass(frozen=True)
class ImportOptions:
    """Choices the user makes for a file (UI widgets or CLI flags)."""

    periode: str | None = None  # canonical; for files without a period column
    sumber_data: str | None = None  # source code; for files without a source column
    proporsi: bool = False  # values written as proportions (0.85 = 85%)
    sheet: str | None = None


@dataclass
class Extracted:
    values: pd.DataFrame  # baris + VALUE columns, only values without errors
    problems: pd.DataFrame
    rows_read: int
    rows_empty: int
    rows_total: int
    rows_ignored: int
    records: int  # values found in the file (valid or not)
    notes: list[str]
    unknown_indicators: list[str]  # codes or names not in the catalogue, in order of appearance


def _areas(
    text: pd.DataFrame, layout: Layout, cat: Catalogue, kecamatan_level: bool
) -> pd.DataFrame:
    """kode_wilayah, tingkat, pesan, saran and kolom per row (``text``: the stripped cells)."""
    roles = layout.roles
    code_col, name_col, kec_col = (
        roles.get("kode_wilayah"),
        roles.get("nama_wilayah"),
        roles.get("kecamatan"),
    )
    blank = pd.Series(constant("", len(text)), index=text.index)
    codes = text[code_col] if code_col is not None else blank
    names = text[name_col] if name_col is not None else blank
    kecs = text[kec_col] if kec_col is not None else blank
    if code_col is None and name_col is None:
        names, name_col = kecs, kec_col

    def one(code: str, name: str, kec: str):
        if code:
            match, col = cat.areas.check_pair(cat.areas.by_code(code), name), code_col
        elif name:
            match, col = cat.areas.by_name(name, kecamatan_level), name_col
        else:
            col = code_col if code_col is not None else name_col
            empty = "Kolom kelurahan kosong."
            return (None, None, empty, "Isi kode atau nama kelurahan.", label(layout, col), "")
        if kec and kec_col is not None and kec_col != col:
            match = cat.areas.check_kecamatan(match, kec)
        where = label(layout, col)
        return (match.kode, match.tingkat, match.pesan, match.saran, where, code or name)

    keys = pd.DataFrame({"c": codes, "n": names, "k": kecs})
    return map_unique(keys, one, [s.KODE_WILAYAH, "tingkat", "pesan", "saran", "kolom", "teks"])


def _records(
    body: pd.DataFrame, texts: pd.DataFrame, layout: Layout, cat: Catalogue, probs: Problems
) -> pd.DataFrame:
    """One record per value found: baris, indicator (code or None), raw fields and their labels."""
    baris = pd.Series(body.index + 1, index=body.index)
    if layout.format == LONG:
        col = layout.roles["indikator"]
        text = texts[col]
        matched = map_unique(
            pd.DataFrame({"v": text}), cat.indicators.match, ["kode", "pesan", "saran"]
        )
        kode = matched["kode"]
        bad = kode.isna() & (text != "")
        probs.unknown_indicators += list(pd.unique(text[bad]))
        probs.add(
            baris[bad], label(layout, col), text[bad], matched["pesan"][bad], matched["saran"][bad]
        )
        empty = text == ""
        probs.add(
            baris[empty],
            label(layout, col),
            "",
            "Kode indikator kosong.",
            "Isi kode indikator dari katalog, mis. SPE02.",
        )
        rec = pd.DataFrame(
            {BARIS: baris, s.KODE_INDIKATOR: kode, "_ok": ~(bad | empty)}, index=body.index
        )
        for field in FIELDS:
            c = layout.roles.get(field)
            rec[field] = body[c] if c is not None else constant("", len(rec))
            rec["kolom_" + field] = constant(label(layout, c) if c is not None else field, len(rec))
        return rec.assign(_row=rec.index).reset_index(drop=True)
    frames = []
    by_code: dict[str, dict[str, int]] = {}
    for ic in layout.indicator_columns:
        by_code.setdefault(ic.kode, {})
        if ic.field in by_code[ic.kode]:
            probs.add(
                layout.header_row + 1,
                label(layout, ic.col),
                ic.label,
                f"Kolom ganda untuk {ic.kode} ({ic.field}).",
                "Hapus salah satu kolom.",
            )
            continue
        by_code[ic.kode][ic.field] = ic.col
    for kode, cols in by_code.items():
        rec = pd.DataFrame({BARIS: baris, s.KODE_INDIKATOR: kode, "_ok": True}, index=body.index)
        for field in FIELDS:
            c = cols.get(field)
            rec[field] = body[c] if c is not None else constant("", len(rec))
            where = label(layout, c) if c is not None else f"{kode} {field}"
            rec["kolom_" + field] = constant(where, len(rec))
        frames.append(rec)
    if not frames:
        return pd.DataFrame()
    rec = pd.concat(frames)
    return rec.assign(_row=rec.index).reset_index(drop=True)


def extract(
    cells: pd.DataFrame, layout: Layout, cat: Catalogue, options: ImportOptions
) -> Extracted:
    """Values and problems from a table whose layout is known."""
    probs = Problems()
    notes = list(layout.notes)
    for ic in layout.unknown_indicator_columns:
        _, pesan, saran = cat.indicators.match(ic.label)
        probs.unknown_indicators.append(cat.indicators.code_in(ic.label) or ic.label)
        probs.add(
            layout.header_row + 1,
            label(layout, ic.col),
            ic.label,
            pesan + " Kolom ini tidak diimpor.",
            saran,
        )
    body = cells.iloc[layout.data_start :]
    text = pd.DataFrame({c: cell_text(body[c]) for c in body.columns}, index=body.index)
    empty_rows = (text == "").all(axis=1)
    if empty_rows.any():  # filtering copies every column: only when something goes
        body, text = body[~empty_rows], text[~empty_rows]
    baris = pd.Series(body.index + 1, index=body.index)
    first_cols = sorted({*range(min(3, body.shape[1])), *layout.roles.values()})
    total = pd.Series(False, index=body.index)
    value_cols = {layout.roles.get(f) for f in FIELDS}
    for c in first_cols:
        if c not in value_cols:  # counts are never a "Jumlah" label; skip their many values
            labels = [v for v in pd.unique(text[c]) if re.match(TOTAL_RE, v)]
            total |= text[c].isin(labels)
    probs.add(
        baris[total],
        "",
        row_text(text.loc[total, first_cols]),
        "Baris total/jumlah tidak diimpor sebagai kelurahan.",
        "Tidak perlu tindakan; dasbor menjumlahkan sendiri.",
        PERINGATAN,
    )
    if total.any():
        body, text, baris = body[~total], text[~total], baris[~total]

    kec_only = False
    if "nama_wilayah" in layout.roles:
        names = text[layout.roles["nama_wilayah"]].drop_duplicates()
        kec_only = any(cat.areas.is_kecamatan_only(n) for n in names if n)
    elif "kode_wilayah" not in layout.roles:
        kec_only = True
    if kec_only:
        notes.append(
            "Berkas memuat nama kecamatan: nama yang juga nama kelurahan harus ditulis dengan kode atau awalan 'Kel.'/'Kec.'."
        )
    areas = _areas(text, layout, cat, kec_only)

    rec = _records(body, text, layout, cat, probs)
    if rec.empty:
        return _finish(
            probs, pd.DataFrame(columns=[BARIS, *VALUE_COLUMNS]), body, empty_rows, total, 0, notes
        )
    parsed = {}
    for field in FIELDS:
        values, bad, pct, empty = parse_numbers(rec[field])
        parsed[field] = values
        probs.add(
            rec.loc[bad, BARIS],
            rec.loc[bad, "kolom_" + field],
            cell_text(rec.loc[bad, field]),
            "Bukan angka.",
            "Tulis angka saja, mis. 85 atau 1.234,5 (koma desimal).",
        )
        rec["_ok"] &= ~bad
        rec["pct_" + field] = pct
        rec["kosong_" + field] = empty
    has_any = parsed[s.PEMBILANG].notna() | parsed[s.PENYEBUT].notna() | parsed[s.NILAI].notna()
    if layout.format == LONG:
        no_value = ~has_any & rec["_ok"]
        probs.add(
            rec.loc[no_value, BARIS],
            rec.loc[no_value, "kolom_" + s.NILAI],
            "",
            "Tidak ada nilai (pembilang/penyebut/nilai kosong); baris dilewati.",
            "Isi pembilang dan penyebut, atau nilai.",
            PERINGATAN,
        )
    # A row's place problem belongs to the row, reported once even in wide format.
    area = areas.loc[rec["_row"]].set_axis(rec.index)
    row_has_value = np.zeros(len(cells), dtype=bool)
    row_has_value[rec["_row"].to_numpy()[has_any.to_numpy()]] = True
    area_bad_rows = areas[areas[s.KODE_WILAYAH].isna()]
    with_value = row_has_value[area_bad_rows.index.to_numpy()]
    bad_rows = area_bad_rows[with_value]
    probs.add(
        baris.loc[bad_rows.index],
        bad_rows["kolom"],
        bad_rows["teks"],
        bad_rows["pesan"],
        bad_rows["saran"],
    )
    quiet = area_bad_rows[~with_value]
    probs.add(
        baris.loc[quiet.index],
        quiet["kolom"],
        row_text(text.loc[quiet.index]),
        "Baris tanpa nilai dan tanpa kelurahan yang dikenal dilewati.",
        "Tidak perlu tindakan bila baris ini catatan atau judul.",
        PERINGATAN,
    )
    if not has_any.all():
        rec = rec[has_any].copy()
        for field in FIELDS:
            parsed[field] = parsed[field][has_any.to_numpy()]
        area = area[has_any.to_numpy()]
    rec[s.KODE_WILAYAH] = area[s.KODE_WILAYAH].array
    rec["tingkat"] = area["tingkat"].array
    rec["kolom_wilayah"] = area["kolom"].array
    rec["teks_wilayah"] = area["teks"].array
    rec["_ok"] &= rec[s.KODE_WILAYAH].notna().to_numpy()

    rec = assign_periods(rec, body, layout, options, probs, notes)
    rec = assign_sources(rec, body, layout, cat, options, probs)
    rec = assign_numbers(rec, parsed, cat, options, probs, notes)
    rec = check_duplicates(rec, probs)
    values = rec.loc[rec["_ok"], [BARIS, *VALUE_COLUMNS]].reset_index(drop=True)
    return _finish(probs, values, body, empty_rows, total, len(rec), notes)


def _finish(probs, values, body, empty_rows, total, records, notes) -> Extracted:
    problems = probs.frame()
    rows_with_values = values[BARIS].nunique()
    return Extracted(
        values=values,
        problems=problems,
        rows_read=int(len(body) + total.sum()),
        rows_empty=int(empty_rows.sum()),
        rows_total=int(total.sum()),
        rows_ignored=int(len(body) + total.sum() - rows_with_values),
        records=records,
        notes=notes,
        unknown_indicators=list(dict.fromkeys(probs.unknown_indicators)),
    )
