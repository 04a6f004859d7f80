"""Checks on the values of a file: periods, sources, numbers and duplicate keys.

Each takes the records frame (one row per value found, with ``baris``, ``_row`` and ``_ok``),
adds its problems and returns the records with its columns filled and ``_ok`` narrowed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.codes import group_ids, has_duplicates
from analysis.periods import normalise_period
from ingest.cells import cell_text, constant, label, map_unique, map_values
from ingest.layout_types import Layout
from ingest.problems import BARIS, GALAT, PERINGATAN, Problems
from ingest.sources import SourceMatcher
from text.strings import word as region_word

if TYPE_CHECKING:
    from ingest.options import Catalogue, ImportOptions

VALUE_TOLERANCE = 0.5  # percentage points between a written value and pembilang/penyebut
# The columns ``note_percent_only`` reads: a percentage without pembilang/penyebut, written
# with "%", and the column it came from.
PERCENT_ONLY = ["_nilai_saja", "pct_" + s.NILAI, "kolom_" + s.NILAI]
SHEET = "_lembar"  # the sheet of a record, when several sheets are read together


def periods_from_columns(
    body: pd.DataFrame, layout: Layout
) -> tuple[pd.Series, pd.Series, str] | None:
    """(canonical period or None, the text read, column label) from period columns, if any."""
    roles = layout.roles
    if "periode" in roles:
        col = roles["periode"]
        return (
            map_unique(pd.DataFrame({"v": body[col]}), _period_of_cell),
            cell_text(body[col]),
            label(layout, col),
        )
    if "tahun" not in roles:
        return None
    year = cell_text(body[roles["tahun"]]).str.replace(r"\.0$", "", regex=True)
    parts = [year]
    for role, word in (("triwulan", "triwulan "), ("semester", "semester "), ("bulan", "")):
        if role in roles:
            sub = cell_text(body[roles[role]]).str.replace(r"\.0$", "", regex=True)
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
        label(layout, roles[r]) for r in ("tahun", "triwulan", "semester", "bulan") if r in roles
    )
    return map_unique(pd.DataFrame({"v": text}), normalise_period), text, labels


def _period_of_cell(value) -> str | None:
    return None if value is None or not str(value).strip() else normalise_period(value)


def assign_periods(
    rec: pd.DataFrame,
    body: pd.DataFrame,
    layout: Layout,
    options: ImportOptions,
    probs: Problems,
    notes: list[str],
) -> pd.DataFrame:
    """Fill ``periode`` from the period column(s), the chosen period or the title."""
    found = periods_from_columns(body, layout)
    if found is not None:
        period, text, label = found
        period, text = period.loc[rec["_row"]].array, text.loc[rec["_row"]].array
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


def assign_sources(  # noqa: PLR0913
    rec: pd.DataFrame,
    body: pd.DataFrame,
    layout: Layout,
    cat: Catalogue,
    options: ImportOptions,
    probs: Problems,
    notes: list[str] | None = None,
) -> pd.DataFrame:
    """Fill ``sumber_data``: the file-level choice when made (over a source column too), else
    the source column (codes, names or office names, ``SourceMatcher``), else each indicator's
    usual source from the catalogue (said in ``notes``); survey sources only at city level,
    kecamatan rows never."""
    notes = [] if notes is None else notes
    default = cat.indikator.set_index(s.KODE)[s.SUMBER_DATA]
    source_col = layout.roles.get("sumber_data")
    if options.sumber_data:
        rec = rec.assign(**{s.SUMBER_DATA: constant(options.sumber_data, len(rec))})
        if source_col is not None:
            notes.append(
                f"Sumber data dipilih untuk seluruh berkas ({options.sumber_data}); kolom "
                f"{label(layout, source_col)} tidak dipakai."
            )
    elif source_col is not None:
        col = source_col
        sources = SourceMatcher(cat.sumber_data, cat.sumber_alias)
        text = cell_text(body[col]).loc[rec["_row"]].set_axis(rec.index)
        code = map_unique(pd.DataFrame({"v": text}), lambda v: sources.match(v) if v else None)
        written = text != ""
        bad = code.isna() & written
        hint = map_unique(pd.DataFrame({"v": text[bad]}), sources.hint)
        probs.add(
            rec.loc[bad, BARIS], label(layout, col), text[bad], "Sumber data tidak dikenal.", hint
        )
        blank = ~written & rec["_ok"]
        code = code.astype(object).where(written, map_values(rec[s.KODE_INDIKATOR], default))
        rec = rec.assign(**{s.SUMBER_DATA: code.to_numpy()})
        rec["_ok"] &= ~bad.to_numpy()
        if blank.any():
            notes.append(
                catalogue_sources_note(
                    rec.loc[blank, s.KODE_INDIKATOR], cat, "Sel sumber data yang kosong diisi"
                )
            )
    else:
        rec = rec.assign(**{s.SUMBER_DATA: map_values(rec[s.KODE_INDIKATOR], default).array})
        if rec["_ok"].any():
            notes.append(catalogue_sources_note(rec.loc[rec["_ok"], s.KODE_INDIKATOR], cat))
    jenis = cat.sumber_data.set_index(s.KODE)["jenis"]
    survey = map_values(rec[s.SUMBER_DATA], jenis).eq("survei")
    kota = rec["tingkat"].eq("kota")
    kec = rec["tingkat"].eq("kecamatan")
    probs.add_records(
        rec,
        kec & rec["_ok"],
        "kolom_wilayah",
        "teks_wilayah",
        f"Data tingkat kecamatan tidak diimpor: dasbor menghitung kecamatan dari {region_word('unit')}-nya (Σpembilang ÷ Σpenyebut).",
        f"Isi data per {region_word('unit')}.",
    )
    kota_total = kota & ~survey & rec["_ok"]
    probs.add_records(
        rec,
        kota_total,
        "kolom_wilayah",
        "teks_wilayah",
        f"Baris tingkat {region_word('kabkota')} dianggap baris total dan tidak diimpor (hanya data survei, mis. SSGI, yang tingkat {region_word('kabkota')}).",
        f"Tidak perlu tindakan; dasbor menjumlahkan {region_word('unit')} sendiri.",
        PERINGATAN,
    )
    kel_survey = survey & rec["tingkat"].eq("kelurahan") & rec["_ok"]
    probs.add_records(
        rec,
        kel_survey,
        "kolom_wilayah",
        "teks_wilayah",
        f"Data survei (mis. SSGI) hanya berlaku tingkat {region_word('kabkota')}, bukan per {region_word('unit')}.",
        f"Gunakan baris '{region_word('wilayah')}' (kode {region_word('kode_wilayah')}) atau pilih sumber lain.",
    )
    rec["_ok"] &= ~(kec | kota_total | kel_survey)
    return rec


def catalogue_sources_note(
    codes: pd.Series, cat: Catalogue, what: str = "Berkas tanpa kolom sumber: sumber data diambil"
) -> str:
    """ "… dari katalog: SPE02 → Laporan rutin program (LAPRUT), …" for the indicators of
    ``codes`` (in catalogue order) that took their usual source."""
    present = {str(c) for c in pd.unique(codes.dropna())}
    names = cat.sumber_data.set_index(s.KODE)[s.NAMA]
    listed = [
        f"{kode} → {names.get(src, src)} ({src})"
        for kode, src in zip(cat.indikator[s.KODE], cat.indikator[s.SUMBER_DATA], strict=True)
        if kode in present
    ]
    return (
        f"{what} dari katalog: "
        + ", ".join(listed)
        + ". Pilih sumber data untuk seluruh berkas bila berbeda."
    )


def assign_numbers(
    rec: pd.DataFrame,
    parsed: dict[str, pd.Series],
    cat: Catalogue,
    options: ImportOptions,
    probs: Problems,
) -> pd.DataFrame:
    """Check counts and percentages, then fill pembilang, penyebut and nilai; mark the valid
    percentages written without pembilang/penyebut (see ``note_percent_only``)."""
    num, den, val = parsed[s.PEMBILANG].copy(), parsed[s.PENYEBUT].copy(), parsed[s.NILAI].copy()
    satuan = map_values(rec[s.KODE_INDIKATOR], cat.indikator.set_index(s.KODE)[s.SATUAN])
    persen = satuan.eq("persen")
    ok = rec["_ok"].copy()

    def flag(mask, field, pesan, saran, raw=None, tingkat=GALAT):
        nonlocal ok
        m = mask & (rec["_ok"] if tingkat == PERINGATAN else True)
        if not m.any():
            return
        shown = raw(m) if raw is not None else cell_text(rec.loc[m, field])
        probs.add_records(rec, m, "kolom_" + field, shown, pesan, saran, tingkat)
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
    blank_num, blank_den = rec["kosong_" + s.PEMBILANG], rec["kosong_" + s.PENYEBUT]
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
    flag(
        mismatch,
        s.NILAI,
        "Nilai tidak sesuai pembilang ÷ penyebut × 100.",
        "Perbaiki nilai, pembilang atau penyebut, atau kosongkan kolom nilai.",
        raw=lambda m: (
            cell_text(rec.loc[m, s.NILAI]).astype(str)
            + " ≠ "
            + computed[m].round(1).astype(str).str.replace(".", ",", regex=False)
        ),
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
    return rec.assign(**{PERCENT_ONLY[0]: rec["_ok"] & persen & ~pair})


def note_percent_only(
    rec: pd.DataFrame, options: ImportOptions, probs: Problems, notes: list[str]
) -> None:
    """A note on valid percentages written without pembilang/penyebut (``assign_numbers``
    marks them), and a warning when they all look like proportions."""
    only, written, _ = PERCENT_ONLY
    valid_pct = rec[only] & rec["_ok"]
    if not valid_pct.any():
        return
    notes.append(
        f"{int(valid_pct.sum())} nilai persen tanpa pembilang/penyebut: tampil per kelurahan, tetapi tidak ikut dijumlahkan ke kecamatan/kota."
    )
    raw_vals = rec.loc[valid_pct & ~rec[written], s.NILAI]
    if not options.proporsi and len(raw_vals) >= 3 and (raw_vals <= 1).all():
        probs.add(
            rec.loc[valid_pct, BARIS].iloc[:1],
            rec.loc[valid_pct, "kolom_" + s.NILAI].iloc[:1],
            "≤ 1",
            "Semua nilai ≤ 1: mungkin ditulis sebagai proporsi (0,85 = 85%).",
            "Bila demikian, pilih 'nilai berupa proporsi' lalu periksa ulang.",
            PERINGATAN,
        )


def check_duplicates(rec: pd.DataFrame, probs: Problems) -> pd.DataFrame:
    """The same kelurahan × indicator × period × source twice: every such record is an error."""
    key = [s.KODE_WILAYAH, s.KODE_INDIKATOR, s.PERIODE, s.SUMBER_DATA]
    live = rec.loc[rec["_ok"], key]
    if not has_duplicates(live):
        return rec
    dup = pd.Series(group_ids(live)).duplicated(keep=False).to_numpy()
    d = rec.loc[live.index[dup], [BARIS, *key]].astype(dict.fromkeys(key, str))
    rows = "baris " + d.groupby(key)[BARIS].transform(lambda b: ", ".join(map(str, sorted(b))))
    if SHEET in rec:  # several sheets read together: each row named with its sheet
        where = "lembar '" + rec.loc[d.index, SHEET].astype(str) + "' baris " + d[BARIS].astype(str)
        rows = d.assign(_w=where).groupby(key)["_w"].transform(", ".join)
    probs.add(
        d[BARIS],
        "kelurahan, indikator, periode, sumber",
        d[key].agg(" · ".join, axis=1),
        "Data ganda: kelurahan, indikator, periode dan sumber yang sama muncul di " + rows + ".",
        "Hapus baris ganda, sisakan satu yang benar.",
    )
    rec = rec.copy()
    rec.loc[d.index, "_ok"] = False
    return rec
