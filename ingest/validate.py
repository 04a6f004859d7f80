"""Turning recognised rows into indicator values, collecting every problem at once.

Every check is vectorised over the whole file (a million rows must stay fast); codes, names and
periods are matched once per distinct value. A value with any error (``galat``) is not imported;
warnings (``peringatan``) explain what was skipped or assumed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from analysis import schema as s
from ingest.cells import cell_text, concat_categorical, constant, label, map_unique, row_text
from ingest.checks import (
    PERCENT_ONLY,
    assign_numbers,
    assign_periods,
    assign_sources,
    check_duplicates,
    note_percent_only,
)
from ingest.layout_types import LONG, IndicatorColumn, Layout
from ingest.mapping import UNCLEAR
from ingest.numbers import parse_numbers
from ingest.options import Catalogue, ImportOptions
from ingest.problems import BARIS, PERINGATAN, Problems, too_many_bad

TOTAL_RE = r"(?i)^\s*(jumlah|total|sub\s*-?\s*total|grand\s*total|rata-?\s*rata|rerata|jml)\b"
FIELDS = (s.PEMBILANG, s.PENYEBUT, s.NILAI)
VALUE_COLUMNS = s.VALUE_COLUMNS
# A file is checked in blocks of rows (``blocks``), so that memory holds the text of one block:
# about 300 bytes per distinct cell, some 120 MB for a block of garbage.
BLOCK_CELLS = 400_000
MAX_BLOCK_ROWS = 500_000


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
    # (rows with errors, rows checked, rows left) when checking stopped early; no values then
    stopped: tuple[int, int, int] | None = None


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
            match, col = cat.areas.by_name(name, kecamatan_level, kecamatan=kec), name_col
        else:
            col = code_col if code_col is not None else name_col
            unit = cat.areas.words["unit"]
            empty, fix = f"Kolom {unit} kosong.", f"Isi kode atau nama {unit}."
            return (None, None, empty, fix, label(layout, col), "")
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
    # The cells under an indicator name that is not (yet) known are checked too (kelurahan,
    # period, numbers) but never kept: the file's other problems are listed in the same round,
    # not discovered one at a time after the name is chosen.
    unknown: dict[str, dict[str, int]] = {}
    for ic in layout.unknown_indicator_columns:
        unknown.setdefault(ic.name or ic.label, {}).setdefault(ic.field, ic.col)
    for cols in unknown.values():
        rec = pd.DataFrame({BARIS: baris, s.KODE_INDIKATOR: None, "_ok": False}, index=body.index)
        for field in FIELDS:
            c = cols.get(field)
            rec[field] = body[c] if c is not None else constant("", len(rec))
            rec["kolom_" + field] = constant(label(layout, c) if c is not None else field, len(rec))
        frames.append(rec)
    if not frames:
        return pd.DataFrame()
    rec = pd.concat(frames)
    return rec.assign(_row=rec.index).reset_index(drop=True)


class _KecamatanNames(Exception):
    """A block holds kecamatan names while earlier blocks were matched as kelurahan names."""


def extract(
    cells: pd.DataFrame, layout: Layout, cat: Catalogue, options: ImportOptions
) -> Extracted:
    """Values and problems from a table whose layout is known, checked a block of rows at a
    time (``blocks``); once ``MAX_BAD_ROWS`` rows (and most of those checked) have errors the
    rest is not checked (``Extracted.stopped``)."""
    run, stopped = check_table(cells, layout, cat, options)
    return run.finish(stopped)


def check_table(
    cells: pd.DataFrame, layout: Layout, cat: Catalogue, options: ImportOptions
) -> tuple[Extraction, tuple[int, int, int] | None]:
    """The checked blocks of one table, and (rows with errors, rows checked, rows left) when
    checking stopped early (``extract``)."""
    body = cells.iloc[layout.data_start :]
    roles = layout.roles
    # Names are matched as kecamatan names too when the file holds one; that is known only
    # once seen, so a late block with one starts the checking over (rare: files are sorted).
    kec_only = "nama_wilayah" not in roles and "kode_wilayah" not in roles
    while True:
        run = Extraction(layout, cat, options, kec_only)
        try:
            for start, stop in blocks(body):
                if not run.add(body.iloc[start:stop]) and stop < len(body):
                    return run, (run.n_bad, run.rows_read, len(body) - stop)
        except _KecamatanNames:
            kec_only = True
            continue
        return run, None


def blocks(body: pd.DataFrame) -> Iterator[tuple[int, int]]:
    """(start, stop) positions of ``body`` cut in blocks of at most ``MAX_BLOCK_ROWS`` rows and
    ``BLOCK_CELLS`` distinct cells (what checking a block costs: one string per distinct cell):
    a real export, which repeats its codes and names, goes in a few large blocks, garbage in
    small ones."""
    start = 0
    while start < len(body):
        rows = MAX_BLOCK_ROWS
        while rows > 1 and _distinct_cells(body.iloc[start : start + rows]) > BLOCK_CELLS:
            rows //= 2
        yield start, min(start + rows, len(body))
        start += rows


def _distinct_cells(block: pd.DataFrame) -> int:
    """The distinct cells of each column, summed (every cell of a column read as plain text)."""
    return sum(
        len(pd.unique(block[c].cat.codes))
        if isinstance(block[c].dtype, pd.CategoricalDtype)
        else len(block)
        for c in block.columns
    )


class Extraction:
    """The blocks of one file checked in turn: problems in one ``Problems`` (one cap), notes
    once each, valid records kept; duplicate keys are found across blocks at the end."""

    def __init__(
        self, layout: Layout, cat: Catalogue, options: ImportOptions, kec_only: bool
    ) -> None:
        self.layout, self.cat, self.options, self.kec_only = layout, cat, options, kec_only
        self.probs = Problems()
        self.notes: list[str] = []
        self.parts: list[pd.DataFrame] = []
        self.records = self.rows_read = self.rows_empty = self.rows_total = self.n_bad = 0
        for ic in layout.unknown_indicator_columns:
            self._unknown_column(ic)
        for col in layout.ignored_columns:
            if layout.status.get(col) == UNCLEAR:  # data under a header the app cannot place
                self.probs.add(
                    layout.header_row + 1,
                    label(layout, col),
                    layout.labels[col],
                    "Arti kolom ini belum jelas; kolom ini tidak diimpor.",
                    "Pilih artinya di langkah pemetaan kolom (indikator, kelurahan, periode, "
                    "…), atau 'Abaikan kolom ini' bila memang tidak dipakai.",
                    PERINGATAN,
                )
        self.probs.take_error_rows()  # the header's problems are no bad data rows

    def _unknown_column(self, ic: IndicatorColumn) -> None:
        """An indicator column whose name fits no catalogue indicator, or several: not read;
        the fix is a choice in the mapping step."""
        names = self.cat.indicators.names
        name = ic.name or ic.label
        if ic.how == "ganda":
            pesan = f"Judul kolom '{name}' cocok dengan lebih dari satu indikator."
        else:
            pesan = self.cat.indicators.match(ic.label)[1] or f"Indikator '{name}' tidak dikenal."
            self.probs.unknown_indicators.append(self.cat.indicators.code_in(name) or name)
        close = ", ".join(f"{c} ({names.get(c, c)})" for c in ic.candidates[:3])
        self.probs.add(
            self.layout.header_row + 1,
            label(self.layout, ic.col),
            ic.label,
            pesan + " Kolom ini tidak diimpor.",
            (f"Mungkin maksudnya: {close}. " if close else "")
            + "Pilih indikatornya di langkah pemetaan kolom (di baris perintah: --map "
            '"JUDUL=SPE09"); bila memang indikator baru, tambahkan ke katalog.',
        )

    def add(self, body: pd.DataFrame) -> bool:
        """Check one block; False once so many rows have errors that the file is no table of
        indicator values."""
        layout, cat, probs = self.layout, self.cat, self.probs
        text = pd.DataFrame({c: cell_text(body[c]) for c in body.columns}, index=body.index)
        empty_rows = (text == "").all(axis=1)
        if empty_rows.any():  # filtering copies every column: only when something goes
            body, text = body[~empty_rows], text[~empty_rows]
        self.rows_empty += int(empty_rows.sum())
        self.rows_read += len(body)
        baris = pd.Series(body.index + 1, index=body.index)
        personal = set(layout.personal_columns)  # never echoed in a problem
        first_cols = sorted({*range(min(3, body.shape[1])), *layout.roles.values()})
        total = pd.Series(False, index=body.index)
        # Counts are never a "Jumlah" label (skip their many values); an indicator cell may be
        # a name such as "Jumlah keluarga berisiko stunting", which is no total row.
        value_cols = {layout.roles.get(f) for f in (*FIELDS, "indikator")}
        for c in first_cols:
            if c not in value_cols:
                labels = [v for v in pd.unique(text[c]) if re.match(TOTAL_RE, v)]
                if c == layout.roles.get("indikator"):  # "Jumlah keluarga miskin …" is a name
                    labels = [v for v in labels if cat.indicators.resolve(v).kode is None]
                total |= text[c].isin(labels)
        probs.add(
            baris[total],
            "",
            row_text(text.loc[total, [c for c in first_cols if c not in personal]]),
            "Baris total/jumlah tidak diimpor sebagai kelurahan.",
            "Tidak perlu tindakan; dasbor menjumlahkan sendiri.",
            PERINGATAN,
        )
        if total.any():
            body, text, baris = body[~total], text[~total], baris[~total]
        self.rows_total += int(total.sum())
        if not self.kec_only and "nama_wilayah" in layout.roles:
            names = text[layout.roles["nama_wilayah"]].drop_duplicates()
            if any(cat.areas.is_kecamatan_only(n) for n in names if n):
                raise _KecamatanNames
        areas = _areas(text, layout, cat, self.kec_only)
        rec = _records(body, text, layout, cat, probs)
        if not rec.empty:
            self._values(rec, body, text, baris, areas)
        self.n_bad += probs.take_error_rows()
        return not too_many_bad(self.n_bad, self.rows_read)

    def _values(self, rec, body, text, baris, areas) -> None:
        """Check the records of a block and keep the valid ones."""
        layout, cat, options, probs = self.layout, self.cat, self.options, self.probs
        personal = set(layout.personal_columns)  # never echoed in a problem
        parsed = {}
        unreadable = pd.Series(False, index=rec.index)
        for field in FIELDS:
            values, bad, pct, empty = parse_numbers(rec[field])
            parsed[field] = values
            unreadable |= bad
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
        # A value written but no number is a value left out ("Nilai diabaikan"), like one with a
        # number and another galat: counted, though its row is then read as one without a value.
        self.records += int((unreadable & ~has_any).sum())
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
        area_bad_rows = areas[areas[s.KODE_WILAYAH].isna()]
        with_value = area_bad_rows.index.isin(rec.loc[has_any, "_row"])
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
            row_text(text.loc[quiet.index, [c for c in text.columns if c not in personal]]),
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

        rec = assign_periods(rec, body, layout, options, probs, self.notes)
        rec = assign_sources(rec, body, layout, cat, options, probs, self.notes)
        rec = assign_numbers(rec, parsed, cat, options, probs)
        self.records += len(rec)
        self.parts.append(rec.loc[rec["_ok"], [BARIS, *VALUE_COLUMNS, *PERCENT_ONLY, "_ok"]])

    def file_notes(self) -> list[str]:
        """The layout's notes, then those of the checks (each once)."""
        notes = list(self.layout.notes)
        if self.kec_only:
            notes.append(
                "Berkas memuat nama kecamatan: nama yang juga nama kelurahan harus ditulis dengan "
                "kode atau awalan 'Kel.'/'Kec.'."
            )
        return notes + list(dict.fromkeys(self.notes))

    def finish(self, stopped: tuple[int, int, int] | None = None) -> Extracted:
        """Notes and problems of the whole file, duplicate keys across blocks, the values."""
        probs = self.probs
        notes = self.file_notes()
        if stopped or not self.parts:
            values = pd.DataFrame(columns=[BARIS, *VALUE_COLUMNS])
        else:
            rec = concat_categorical(self.parts)
            note_percent_only(rec, self.options, probs, notes)
            rec = check_duplicates(rec, probs)
            values = rec.loc[rec["_ok"], [BARIS, *VALUE_COLUMNS]]
            if not values[BARIS].is_monotonic_increasing:  # wide: a block's values by indicator
                values = values.sort_values(BARIS, kind="stable")
            values = values.reset_index(drop=True)
        rows_with_values = values[BARIS].nunique()
        return Extracted(
            values=values,
            problems=probs.frame(),
            rows_read=self.rows_read,
            rows_empty=self.rows_empty,
            rows_total=self.rows_total,
            rows_ignored=self.rows_read - rows_with_values,
            records=self.records,
            notes=notes,
            unknown_indicators=list(dict.fromkeys(probs.unknown_indicators)),
            stopped=stopped,
        )
