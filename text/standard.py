"""The WHO standard tables and the per-wilayah plausibility report as text: the page's tables
(one index, WHO Anthro Survey Analyser layout; wilayah side by side) and the workbook with the
sheets ``tabel_standar`` and ``plausibilitas`` (Indonesian headers, formulas neutralised)."""

from __future__ import annotations

import pandas as pd

from analysis.plausibility import AGE_RATIO
from analysis.plausibility_areas import (
    ANAK,
    NAMA,
    NILAI,
    PENILAIAN,
    POIN,
    SKOR,
    TINGKAT,
    UJI,
    VONIS,
    WILAYAH,
)
from analysis.standard_tables import COLUMNS, CUTOFFS
from text.files import to_xlsx_bytes
from text.fmt import MISSING, fmt_number, fmt_percent
from text.strings import word

INDICES = {"haz": "TB/U (HAZ)", "waz": "BB/U (WAZ)", "whz": "BB/TB (WHZ)"}
UNIT_SHORT = {"kelurahan": "Kel.", "desa": "Desa", "desa/kelurahan": "Desa/Kel."}


def tingkat_names(short: bool = False) -> dict[str, str]:
    """The levels' display names in the region's words: kota → "Kota" / "Kabupaten" ("Kab."
    short), kelurahan → "Kelurahan" / "Desa" ("Kel." / "Desa" short)."""
    kab = word("Kabkota")
    if short:
        return {"kota": "Kab." if kab == "Kabupaten" else kab, "kecamatan": "Kec.",
                "kelurahan": UNIT_SHORT.get(word("unit"), word("Unit"))}  # fmt: skip
    return {"kota": kab, "kecamatan": "Kecamatan", "kelurahan": word("Unit")}


# Column titles of the checks, in the report's order, and the short headers the page shows
# (the title becomes the header's help) so that every column fits 1366 px.
CHECKS = {
    "flag_whz": "Flag WHZ SMART (%)",
    "sd_whz": "SD WHZ",
    "rasio_jenis_kelamin": "Rasio jenis kelamin (p)",
    "rasio_umur": "Rasio umur (p)",
    "dps_berat": "DPS berat",
    "dps_tinggi": "DPS tinggi",
    "kemencengan_whz": "Kemencengan WHZ",
    "keruncingan_whz": "Keruncingan WHZ",
    "sd_haz": "SD HAZ",
    "sd_waz": "SD WAZ",
}
SHORT = {
    "Anak dinilai": "Anak",
    "Flag WHZ SMART (%)": "Flag %",
    "Rasio jenis kelamin (p)": "JK p",
    "Rasio umur (p)": "Umur p",
    "DPS berat": "DPS BB",
    "DPS tinggi": "DPS TB",
    "Kemencengan WHZ": "Miring",
    "Keruncingan WHZ": "Runcing",
}
DECIMALS = {"rasio_jenis_kelamin": 3, "rasio_umur": 3, "dps_berat": 0, "dps_tinggi": 0}
P_VALUES = ("rasio_jenis_kelamin", "rasio_umur")
UNSCORED = ("sd_haz", "sd_waz")  # banded but never adding to the score (SMART)
PLAUS_HEADERS = {
    TINGKAT: "tingkat",
    "kode_wilayah": "kode_wilayah",
    WILAYAH: "wilayah",
    ANAK: "anak_dinilai",
    SKOR: "skor_total",
    VONIS: "penilaian_total",
    UJI: "kode_uji",
    NAMA: "uji",
    NILAI: "nilai",
    PENILAIAN: "penilaian",
    POIN: "poin",
}


def _share(percent: float, low: float, high: float) -> str:
    """``12,3% (10,1–14,8)``, or ``–`` without children."""
    if pd.isna(percent):
        return MISSING
    return f"{fmt_percent(percent)} ({fmt_number(low, 1)}–{fmt_number(high, 1)})"


def index_table(table: pd.DataFrame, index: str) -> pd.DataFrame:
    """One index of the standard tables (``analysis.standard_tables``), a row per group: N,
    each cut-off's % with its 95% interval, mean and SD of z."""
    names = [c.nama for c in CUTOFFS if c.z == index]
    part = table.loc[table["indikator"].isin(names)]
    first = part.loc[part["indikator"] == names[0]].reset_index(drop=True)
    out = pd.DataFrame({"Kelompok": first["kelompok"], "N": first["n"].map(fmt_number)})
    for name in names:
        rows = part.loc[part["indikator"] == name].reset_index(drop=True)
        out[f"{name.split(' (')[0]} % (IK 95%)"] = [
            _share(p, lo, hi)
            for p, lo, hi in zip(rows["persen"], rows["ci_bawah"], rows["ci_atas"], strict=True)
        ]
    out["Rata-rata z"] = first["rata_z"].map(lambda v: fmt_number(v, 2))
    out["SD z"] = first["sd_z"].map(lambda v: fmt_number(v, 2))
    return out


def check_name(nama: str) -> str:
    """A check's name from ``plausibilitas.csv`` with ``{rasio}`` written as the expected age
    ratio in Indonesian (``= 0,85``), not the file's decimal point."""
    return nama.replace("{rasio}", fmt_number(AGE_RATIO, 2))


def check_value(uji: str, value: float) -> float:
    """A check's value rounded for the workbook: a p-value to 3 significant digits, a digit
    preference score whole, the other checks to 2 decimals (as on the page)."""
    if pd.isna(value):
        return value
    if uji in P_VALUES:
        return float(f"{value:.3g}")
    return round(float(value), DECIMALS.get(uji, 2))


def _cell(uji: str, value: float, points) -> str:
    """``0,67 (5)``: the value with its penalty points; the value alone when no points were
    given (fewer than ``MIN_CHILDREN`` children) or the check never scores (SD HAZ/WAZ)."""
    text = fmt_number(value, DECIMALS.get(uji, 2))
    return text if pd.isna(points) or uji in UNSCORED else f"{text} ({int(points)})"


def area_table(report: pd.DataFrame) -> pd.DataFrame:
    """The per-wilayah plausibility report (``analysis.plausibility_areas``) side by side: a
    row per wilayah with its children, score and verdict, then each check's value with its
    penalty points in brackets (the SD columns show the SD itself; below ``MIN_CHILDREN``
    children the values only, and "–" as score)."""
    keys = [TINGKAT, WILAYAH]
    first = report.drop_duplicates(keys)
    out = pd.DataFrame(
        {
            "Tingkat": first[TINGKAT].map(tingkat_names(short=True)).fillna(first[TINGKAT]),
            "Wilayah": first[WILAYAH],
            "Anak dinilai": first[ANAK].map(fmt_number),
            "Skor": first[SKOR].map(lambda v: MISSING if pd.isna(v) else str(int(v))),
            "Penilaian": first[VONIS],
        }
    ).reset_index(drop=True)
    cells = report.assign(
        sel=[
            _cell(u, v, p) for u, v, p in zip(report[UJI], report[NILAI], report[POIN], strict=True)
        ]
    ).pivot_table(index=keys, columns=UJI, values="sel", aggfunc="first", sort=False)
    cells = cells.reindex(pd.MultiIndex.from_frame(first[keys])).reset_index(drop=True)
    for uji, title in CHECKS.items():
        if uji in cells:
            out[title] = cells[uji].fillna(MISSING)
    return out


def standard_workbook(table: pd.DataFrame, plausibility: pd.DataFrame) -> bytes:
    """XLSX with the sheets ``tabel_standar`` (``analysis.standard_tables.COLUMNS``, figures
    rounded to 2 decimals) and ``plausibilitas`` (one row per wilayah × check, values rounded
    by ``check_value``; below ``MIN_CHILDREN`` children ``penilaian`` "–" and ``poin`` empty)."""
    standard = table[COLUMNS].round({c: 2 for c in COLUMNS[4:]})
    plaus = plausibility.rename(columns=PLAUS_HEADERS)[list(PLAUS_HEADERS.values())]
    plaus = plaus.assign(
        tingkat=plaus["tingkat"].map(tingkat_names()).fillna(plaus["tingkat"]),
        uji=plaus["uji"].map(check_name),
        nilai=[check_value(u, v) for u, v in zip(plaus["kode_uji"], plaus["nilai"], strict=True)],
        penilaian=plaus["penilaian"].replace("", MISSING),
    )
    return to_xlsx_bytes({"tabel_standar": standard, "plausibilitas": plaus})
