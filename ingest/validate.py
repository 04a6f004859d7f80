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
from analysis.periods import normalise_period
from ingest.layout import LONG, Layout, column_letter
from ingest.matching import AreaMatcher, IndicatorMatcher, match_source
from ingest.numbers import parse_numbers

GALAT = "galat"
PERINGATAN = "peringatan"
PROBLEM_COLUMNS = ["baris", "kolom", "nilai", "pesan", "saran", "tingkat"]
BARIS = "baris"
TOTAL_RE = r"(?i)^\s*(jumlah|total|sub\s*-?\s*total|grand\s*total|rata-?\s*rata|rerata|jml)\b"
VALUE_TOLERANCE = 0.5  # percentage points between a written value and pembilang/penyebut
FIELDS = (s.PEMBILANG, s.PENYEBUT, s.NILAI)


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


class _Problems:
    def __init__(self) -> None:
        self.parts: list[pd.DataFrame] = []
        self.unknown_indicators: list[str] = []

    def add(self, baris, kolom, nilai, pesan, saran, tingkat=GALAT) -> None:
        """Add problems; any argument may be a scalar or a Series aligned with ``baris``."""
        baris = pd.Series(baris) if not isinstance(baris, pd.Series) else baris
        if baris.empty:
            return
        part = pd.DataFrame({"baris": baris.to_numpy()}, index=baris.index)
        for name, value in (("kolom", kolom), ("nilai", nilai), ("pesan", pesan), ("saran", saran)):
            part[name] = (
                value.loc[baris.index].astype(str) if isinstance(value, pd.Series) else value
            )
        part["tingkat"] = tingkat
        self.parts.append(part)

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame(columns=PROBLEM_COLUMNS).astype({"baris": "Int64"})
        frame = pd.concat(self.parts, ignore_index=True)[PROBLEM_COLUMNS]
        frame["baris"] = frame["baris"].astype("Int64")
        order = frame["tingkat"].map({GALAT: 0, PERINGATAN: 1})
        return (
            frame.assign(_o=order)
            .sort_values(["baris", "_o"], kind="stable")
            .drop(columns="_o")
            .reset_index(drop=True)
        )


def _label(layout: Layout, col: int) -> str:
    name = layout.labels[col] or "(tanpa judul)"
    return f"{name} ({column_letter(col)})"


def _row_text(frame: pd.DataFrame) -> pd.Series:
    """The non-empty cells of each row joined with spaces (what the user sees on that row)."""
    if frame.empty:
        return pd.Series("", index=frame.index, dtype=object)
    return frame.astype(str).agg(" ".join, axis=1).str.split().str.join(" ")


def _constant(label: str, n: int) -> pd.Categorical:
    """The same text for every record, stored once (a column label used in messages)."""
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=[label])


def _cell_text(series: pd.Series) -> pd.Series:
    return series.astype(str).str.strip()


def _map_unique(keys: pd.DataFrame, fn, columns: list[str] | None = None):
    """Apply ``fn(*row)`` once per distinct row of ``keys``, aligned back to ``keys``.

    Returns a Series of results, or a frame with ``columns`` when ``fn`` returns tuples.
    """
    distinct = keys.drop_duplicates()
    results = [fn(*row) for row in distinct.itertuples(index=False)]
    names = columns or ["_r"]
    table = distinct.reset_index(drop=True).join(
        pd.DataFrame(results if columns else {"_r": results}, columns=names)
    )
    merged = keys.merge(table, on=list(keys.columns), how="left").set_index(keys.index)
    return merged[names] if columns else merged["_r"]


def _areas(
    body: pd.DataFrame, layout: Layout, cat: Catalogue, kecamatan_level: bool
) -> pd.DataFrame:
    """kode_wilayah, tingkat, pesan, saran and kolom per row."""
    roles = layout.roles
    code_col, name_col, kec_col = (
        roles.get("kode_wilayah"),
        roles.get("nama_wilayah"),
        roles.get("kecamatan"),
    )
    blank = pd.Series("", index=body.index)
    codes = _cell_text(body[code_col]) if code_col is not None else blank
    names = _cell_text(body[name_col]) if name_col is not None else blank
    kecs = _cell_text(body[kec_col]) if kec_col is not None else blank
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
            return (None, None, empty, "Isi kode atau nama kelurahan.", _label(layout, col), "")
        if kec and kec_col is not None and kec_col != col:
            match = cat.areas.check_kecamatan(match, kec)
        label = _label(layout, col)
        return (match.kode, match.tingkat, match.pesan, match.saran, label, code or name)

    keys = pd.DataFrame({"c": codes, "n": names, "k": kecs})
    return _map_unique(keys, one, [s.KODE_WILAYAH, "tingkat", "pesan", "saran", "kolom", "teks"])


def _periods_from_columns(
    body: pd.DataFrame, layout: Layout
) -> tuple[pd.Series, pd.Series, str] | None:
    """(canonical period or None, the text read, column label) from period columns, if any."""
    roles = layout.roles
    if "periode" in roles:
        col = roles["periode"]
        raw = body[col]
        text = _cell_text(raw)
        return (
            _map_unique(
                pd.DataFrame({"v": raw.astype(object).where(text != "", "")}), normalise_period
            ),
            text,
            _label(layout, col),
        )
    if "tahun" not in roles:
        return None
    year = _cell_text(body[roles["tahun"]]).str.replace(r"\.0$", "", regex=True)
    parts = [year]
    for role, word in (("triwulan", "triwulan "), ("semester", "semester "), ("bulan", "")):
        if role in roles:
            sub = _cell_text(body[roles[role]]).str.replace(r"\.0$", "", regex=True)
            if role == "bulan":
                text = np.where(
                    sub.str.fullmatch(r"[0-9]{1,2}"), sub + "/" + year, sub + " " + year
                )
                parts = [pd.Series(text, index=body.index)]
            else:
                parts = [word + sub + " " + year]
            break
    text = parts[0]
    labels = ", ".join(
        _label(layout, roles[r]) for r in ("tahun", "triwulan", "semester", "bulan") if r in roles
    )
    return _map_unique(pd.DataFrame({"v": text}), normalise_period), text, labels


def _records(body: pd.DataFrame, layout: Layout, cat: Catalogue, probs: _Problems) -> pd.DataFrame:
    """One record per value found: baris, indicator (code or None), raw fields and their labels."""
    baris = pd.Series(body.index + 1, index=body.index)
    if layout.format == LONG:
        col = layout.roles["indikator"]
        text = _cell_text(body[col])
        matched = _map_unique(
            pd.DataFrame({"v": text}), cat.indicators.match, ["kode", "pesan", "saran"]
        )
        kode = matched["kode"]
        bad = kode.isna() & (text != "")
        probs.unknown_indicators += list(pd.unique(text[bad]))
        probs.add(
            baris[bad], _label(layout, col), text[bad], matched["pesan"][bad], matched["saran"][bad]
        )
        empty = text == ""
        probs.add(
            baris[empty],
            _label(layout, col),
            "",
            "Kode indikator kosong.",
            "Isi kode indikator dari katalog, mis. SPE02.",
        )
        rec = pd.DataFrame(
            {BARIS: baris, s.KODE_INDIKATOR: kode, "_ok": ~(bad | empty)}, index=body.index
        )
        for field in FIELDS:
            c = layout.roles.get(field)
            rec[field] = body[c] if c is not None else ""
            rec["kolom_" + field] = _constant(
                _label(layout, c) if c is not None else field, len(rec)
            )
        return rec.assign(_row=rec.index).reset_index(drop=True)
    frames = []
    by_code: dict[str, dict[str, int]] = {}
    for ic in layout.indicator_columns:
        by_code.setdefault(ic.kode, {})
        if ic.field in by_code[ic.kode]:
            probs.add(
                layout.header_row + 1,
                _label(layout, ic.col),
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
            rec[field] = body[c] if c is not None else ""
            label = _label(layout, c) if c is not None else f"{kode} {field}"
            rec["kolom_" + field] = _constant(label, len(rec))
        frames.append(rec)
    if not frames:
        return pd.DataFrame()
    rec = pd.concat(frames)
    return rec.assign(_row=rec.index).reset_index(drop=True)


def extract(
    cells: pd.DataFrame, layout: Layout, cat: Catalogue, options: ImportOptions
) -> Extracted:
    """Values and problems from a table whose layout is known."""
    probs = _Problems()
    notes = list(layout.notes)
    for ic in layout.unknown_indicator_columns:
        _, pesan, saran = cat.indicators.match(ic.label)
        probs.unknown_indicators.append(cat.indicators.code_in(ic.label) or ic.label)
        probs.add(
            layout.header_row + 1,
            _label(layout, ic.col),
            ic.label,
            pesan + " Kolom ini tidak diimpor.",
            saran,
        )
    body = cells.iloc[layout.data_start :]
    text = body.astype(str).apply(lambda c: c.str.strip())
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
        _row_text(text.loc[total, first_cols]),
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
    areas = _areas(body, layout, cat, kec_only)

    rec = _records(body, layout, cat, probs)
    if rec.empty:
        return _finish(
            probs, pd.DataFrame(columns=[BARIS, *VALUE_COLUMNS]), body, empty_rows, total, 0, notes
        )
    parsed = {}
    for field in FIELDS:
        values, bad, pct = parse_numbers(rec[field])
        parsed[field] = values
        raw = _cell_text(rec[field])
        probs.add(
            rec.loc[bad, BARIS],
            rec.loc[bad, "kolom_" + field],
            raw[bad],
            "Bukan angka.",
            "Tulis angka saja, mis. 85 atau 1.234,5 (koma desimal).",
        )
        rec["_ok"] &= ~bad
        rec["pct_" + field] = pct
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
    row_has_value = has_any.groupby(rec["_row"]).any()
    area_bad_rows = areas[areas[s.KODE_WILAYAH].isna()]
    with_value = area_bad_rows.index.isin(row_has_value[row_has_value].index)
    bad_rows = area_bad_rows[with_value]
    probs.add(
        baris.loc[bad_rows.index],
        bad_rows["kolom"],
        bad_rows["teks"],
        bad_rows["pesan"],
        bad_rows["saran"],
    )
    quiet = area_bad_rows[~with_value]
    row_text = _row_text(text.loc[quiet.index])
    probs.add(
        baris.loc[quiet.index],
        quiet["kolom"],
        row_text,
        "Baris tanpa nilai dan tanpa kelurahan yang dikenal dilewati.",
        "Tidak perlu tindakan bila baris ini catatan atau judul.",
        PERINGATAN,
    )
    if not has_any.all():
        rec = rec[has_any].copy()
        for field in FIELDS:
            parsed[field] = parsed[field][has_any.to_numpy()]
        area = area[has_any.to_numpy()]
    rec[s.KODE_WILAYAH] = area[s.KODE_WILAYAH].to_numpy()
    rec["tingkat"] = area["tingkat"].to_numpy()
    rec["kolom_wilayah"] = area["kolom"].to_numpy()
    rec["teks_wilayah"] = area["teks"].to_numpy()
    rec["_ok"] &= rec[s.KODE_WILAYAH].notna().to_numpy()

    rec = _assign_periods(rec, body, layout, options, probs, notes)
    rec = _assign_sources(rec, body, layout, cat, options, probs)
    rec = _assign_numbers(rec, parsed, cat, options, probs, notes)
    rec = _check_duplicates(rec, probs)
    values = rec.loc[rec["_ok"], [BARIS, *VALUE_COLUMNS]].reset_index(drop=True)
    return _finish(probs, values, body, empty_rows, total, len(rec), notes)


VALUE_COLUMNS = s.VALUE_COLUMNS


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


def _assign_periods(rec, body, layout, options, probs, notes) -> pd.DataFrame:
    found = _periods_from_columns(body, layout)
    if found is not None:
        period, text, label = found
        period, text = period.loc[rec["_row"]].to_numpy(), text.loc[rec["_row"]].to_numpy()
        rec = rec.assign(**{s.PERIODE: period})
        bad = rec[s.PERIODE].isna()
        probs.add(
            rec.loc[bad, BARIS],
            label,
            pd.Series(text, index=rec.index)[bad],
            "Periode tidak dikenali.",
            "Tulis seperti 2024-Q2, Triwulan II 2024, Semester I 2024, Agustus 2024 atau 2024.",
        )
        rec["_ok"] &= ~bad
        if options.periode:
            notes.append("Berkas punya kolom periode; pilihan periode tidak dipakai.")
        return rec
    period = options.periode or layout.title_period
    if options.periode and layout.title_period and options.periode != layout.title_period:
        notes.append(
            f"Periode dipilih ({options.periode}) berbeda dengan judul berkas ({layout.title_period}); yang dipakai: {options.periode}."
        )
    elif period and not options.periode:
        notes.append(f"Periode dibaca dari judul berkas: {period}.")
    if period is None:
        probs.add(
            layout.header_row + 1,
            "periode",
            "",
            "Periode tidak diketahui: berkas tidak punya kolom periode dan judulnya tidak menyebut periode.",
            "Pilih periode (di aplikasi) atau beri --period (baris perintah), atau tambahkan kolom 'periode'.",
        )
        return rec.assign(**{s.PERIODE: None, "_ok": False})
    return rec.assign(**{s.PERIODE: period})


def _assign_sources(rec, body, layout, cat: Catalogue, options, probs) -> pd.DataFrame:
    default = cat.indikator.set_index(s.KODE)[s.SUMBER_DATA]
    if "sumber_data" in layout.roles:
        col = layout.roles["sumber_data"]
        text = _cell_text(body[col]).loc[rec["_row"]].set_axis(rec.index)
        code = _map_unique(
            pd.DataFrame({"v": text}), lambda v: match_source(v, cat.sumber_data) if v else None
        )
        written = text != ""
        bad = code.isna() & written
        known = ", ".join(cat.sumber_data[s.KODE])
        probs.add(
            rec.loc[bad, BARIS],
            _label(layout, col),
            text[bad],
            "Sumber data tidak dikenal.",
            f"Gunakan salah satu kode: {known}.",
        )
        code = code.where(written, rec[s.KODE_INDIKATOR].map(default))
        rec = rec.assign(**{s.SUMBER_DATA: code.to_numpy()})
        rec["_ok"] &= ~bad.to_numpy()
    else:
        source = options.sumber_data
        rec = rec.assign(
            **{s.SUMBER_DATA: source if source else rec[s.KODE_INDIKATOR].map(default)}
        )
    jenis = cat.sumber_data.set_index(s.KODE)["jenis"]
    survey = rec[s.SUMBER_DATA].map(jenis).eq("survei")
    kota = rec["tingkat"].eq("kota")
    kec = rec["tingkat"].eq("kecamatan")
    probs.add(
        rec.loc[kec & rec["_ok"], BARIS],
        rec.loc[kec & rec["_ok"], "kolom_wilayah"],
        rec.loc[kec & rec["_ok"], "teks_wilayah"],
        "Data tingkat kecamatan tidak diimpor: dasbor menghitung kecamatan dari kelurahannya (Σpembilang ÷ Σpenyebut).",
        "Isi data per kelurahan.",
    )
    kota_total = kota & ~survey & rec["_ok"]
    probs.add(
        rec.loc[kota_total, BARIS],
        rec.loc[kota_total, "kolom_wilayah"],
        rec.loc[kota_total, "teks_wilayah"],
        "Baris tingkat kota dianggap baris total dan tidak diimpor (hanya data survei, mis. SSGI, yang tingkat kota).",
        "Tidak perlu tindakan; dasbor menjumlahkan kelurahan sendiri.",
        PERINGATAN,
    )
    kel_survey = survey & rec["tingkat"].eq("kelurahan") & rec["_ok"]
    probs.add(
        rec.loc[kel_survey, BARIS],
        rec.loc[kel_survey, "kolom_wilayah"],
        rec.loc[kel_survey, "teks_wilayah"],
        "Data survei (mis. SSGI) hanya berlaku tingkat kota, bukan per kelurahan.",
        "Gunakan baris 'Jakarta Utara' (kode 31.72) atau pilih sumber lain.",
    )
    rec["_ok"] &= ~(kec | kota_total | kel_survey)
    return rec


def _assign_numbers(rec, parsed, cat: Catalogue, options, probs, notes) -> pd.DataFrame:
    num, den, val = parsed[s.PEMBILANG].copy(), parsed[s.PENYEBUT].copy(), parsed[s.NILAI].copy()
    satuan = rec[s.KODE_INDIKATOR].map(cat.indikator.set_index(s.KODE)[s.SATUAN])
    persen = satuan.eq("persen")
    ok = rec["_ok"].copy()

    def flag(mask, field, pesan, saran, raw=None, tingkat=GALAT):
        nonlocal ok
        m = mask & (rec["_ok"] if tingkat == PERINGATAN else True)
        shown = raw if raw is not None else _cell_text(rec[field])
        probs.add(rec.loc[m, BARIS], rec.loc[m, "kolom_" + field], shown[m], pesan, saran, tingkat)
        if tingkat == GALAT:
            ok &= ~m

    for field, series in ((s.PEMBILANG, num), (s.PENYEBUT, den), (s.NILAI, val)):
        flag(
            series < 0,
            field,
            "Nilai negatif.",
            "Jumlah dan persentase tidak boleh negatif; periksa angka.",
        )
    written_pct = rec["pct_" + s.NILAI]
    if options.proporsi:
        val = val.where(written_pct | ~persen, val * 100)
    pair = num.notna() & den.notna()
    blank_num, blank_den = (
        _cell_text(rec[f]).isin(["", "-", "–"]) for f in (s.PEMBILANG, s.PENYEBUT)
    )
    flag(
        persen & num.notna() & blank_den,
        s.PENYEBUT,
        "Penyebut kosong padahal pembilang diisi.",
        "Isi penyebut (jumlah sasaran), atau hapus pembilang dan isi nilai.",
    )
    flag(
        persen & den.notna() & blank_num,
        s.PEMBILANG,
        "Pembilang kosong padahal penyebut diisi.",
        "Isi pembilang (jumlah yang dilayani).",
    )
    flag(
        persen & pair & (num > den),
        s.PEMBILANG,
        "Pembilang lebih besar dari penyebut.",
        "Pembilang (yang dilayani) tidak boleh melebihi penyebut (sasaran); periksa kedua angka.",
    )
    zero = persen & pair & (den == 0) & (num == 0)
    flag(
        zero,
        s.PENYEBUT,
        "Penyebut 0: tidak ada sasaran, cakupan tidak dihitung.",
        "Tidak perlu tindakan bila memang tidak ada sasaran.",
        tingkat=PERINGATAN,
    )
    computed = pd.Series(
        np.where(pair & (den > 0), num / den.where(den > 0, 1) * 100, np.nan), index=rec.index
    )
    only_value = persen & ~pair & val.notna()
    flag(
        only_value & ((val > 100) | (val < 0)),
        s.NILAI,
        "Persentase di luar 0–100.",
        "Tulis persen 0–100 (85 atau 85%); bila ditulis sebagai proporsi 0–1, pilih 'nilai berupa proporsi'.",
    )
    mismatch = persen & pair & val.notna() & (den > 0) & ((val - computed).abs() > VALUE_TOLERANCE)
    shown = (
        _cell_text(rec[s.NILAI])
        + " ≠ "
        + computed.round(1).astype(str).str.replace(".", ",", regex=False)
    )
    flag(
        mismatch,
        s.NILAI,
        "Nilai tidak sesuai pembilang ÷ penyebut × 100.",
        "Perbaiki nilai, pembilang atau penyebut, atau kosongkan kolom nilai.",
        raw=shown,
    )
    unit_count = ~persen
    count = num.where(num.notna(), val)
    flag(
        unit_count & den.notna() & rec["_ok"],
        s.PENYEBUT,
        "Indikator jumlah tidak memakai penyebut; penyebut diabaikan.",
        "Kosongkan penyebut untuk indikator bersatuan 'jumlah'.",
        tingkat=PERINGATAN,
    )
    nilai = np.where(persen, np.where(pair, computed.round(4), val), count)
    rec = rec.assign(
        **{
            s.PEMBILANG: np.where(persen, num, count),
            s.PENYEBUT: np.where(persen, den, np.nan),
            s.NILAI: nilai,
            "_ok": ok,
        }
    )
    valid_pct = rec["_ok"] & persen & ~pair
    if valid_pct.any():
        notes.append(
            f"{int(valid_pct.sum())} nilai persen tanpa pembilang/penyebut: tampil per kelurahan, tetapi tidak ikut dijumlahkan ke kecamatan/kota."
        )
        raw_vals = val[valid_pct & ~written_pct]
        if not options.proporsi and len(raw_vals) >= 3 and (raw_vals <= 1).all():
            probs.add(
                rec.loc[valid_pct, BARIS].iloc[:1],
                rec.loc[valid_pct, "kolom_" + s.NILAI].iloc[:1],
                "≤ 1",
                "Semua nilai ≤ 1: mungkin ditulis sebagai proporsi (0,85 = 85%).",
                "Bila demikian, pilih 'nilai berupa proporsi' lalu periksa ulang.",
                PERINGATAN,
            )
    return rec


def _check_duplicates(rec, probs) -> pd.DataFrame:
    key = [s.KODE_WILAYAH, s.KODE_INDIKATOR, s.PERIODE, s.SUMBER_DATA]
    live = rec[rec["_ok"]]
    dup = live.duplicated(subset=key, keep=False)
    if dup.any():
        d = live[dup]
        rows = d.groupby(key)[BARIS].transform(lambda b: ", ".join(map(str, sorted(b))))
        shown = (
            d[s.KODE_WILAYAH]
            + " · "
            + d[s.KODE_INDIKATOR]
            + " · "
            + d[s.PERIODE]
            + " · "
            + d[s.SUMBER_DATA]
        )
        probs.add(
            d[BARIS],
            "kelurahan, indikator, periode, sumber",
            shown,
            "Data ganda: kelurahan, indikator, periode dan sumber yang sama muncul di baris "
            + rows
            + ".",
            "Hapus baris ganda, sisakan satu yang benar.",
        )
        rec = rec.copy()
        rec.loc[d.index, "_ok"] = False
    return rec
