"""Display tables and sentences of the stunting trajectory (``analysis.trajectories``): the
per-area table, the sources side by side, and the one-line verdict a slide or a caption says.
"""

from __future__ import annotations

import math

import pandas as pd

from text.fmt import MISSING, fmt_number, fmt_percent, fmt_period, fmt_target
from text.strings import word

STATUS_MARK = {  # short enough for a 1366 px projector; the method expander says them in full
    "sesuai jalur": "✓ sesuai jalur",
    "sudah di bawah target": "✓ di bawah target",
    "belum sesuai jalur": "⚠ belum sesuai jalur",
    "tahun target lewat, belum tercapai": "⚠ lewat, belum tercapai",
    "data kurang dari 2 tahun": "data < 2 tahun",
    "tidak terhitung (prevalensi awal 0)": "tak terhitung (awal 0)",
}


def _rate(x: float) -> str:
    """``7.17`` → ``7,2%/thn``; the dash when missing."""
    return MISSING if _missing(x) else f"{fmt_percent(x)}/thn"


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


def _value(persen: float, periode: object) -> str:
    """ "24,0% (TW IV 2025)"."""
    if _missing(persen):
        return MISSING
    return f"{fmt_percent(persen)} ({fmt_period(str(periode), short=True)})"


def trajectory_display(table: pd.DataFrame, source_names: dict[str, str]) -> pd.DataFrame:
    """The trajectory table as planners read it: area, source, first and latest yearly value
    (with the period used), AARR so far, target, AARR required, status, year the trend
    reaches the target."""
    return pd.DataFrame(
        {
            "Wilayah": table["wilayah"].to_numpy(),
            "Sumber": [source_names.get(x, x) for x in table["sumber_data"]],
            "Awal": [_value(p, q) for p, q in zip(table["persen_awal"], table["periode_awal"], strict=True)],
            "Terakhir": [_value(p, q) for p, q in zip(table["persen_akhir"], table["periode_akhir"], strict=True)],
            "AARR sejauh ini": [_rate(x) for x in table["aarr"]],
            "Target": [
                f"{fmt_target(x)} pada {y}"
                for x, y in zip(table["target"], table["tahun_target"], strict=True)
            ],
            "AARR dibutuhkan": [
                MISSING if status == "sudah di bawah target" else _rate(x)
                for x, status in zip(table["aarr_dibutuhkan"], table["status"], strict=True)
            ],
            "Status": [STATUS_MARK.get(x, x) for x in table["status"]],
            "Tren mencapai target": [
                MISSING if _missing(y) else str(int(y)) for y in table["tahun_tercapai"]
            ],
        }
    )  # fmt: skip


def source_panel_table(
    panel: pd.DataFrame, source_names: dict[str, str], nama: str
) -> pd.DataFrame:
    """The sources side by side: one row a year, one column per level and source (the
    kelurahan's columns first), each cell the yearly value with its counts and period. Never
    one column for two sources."""
    if panel.empty:
        return pd.DataFrame()
    cell = [
        MISSING if _missing(p) else f"{fmt_percent(p)} ({_counts(n, d)}; {fmt_period(str(q), short=True)})"
        for p, n, d, q in zip(panel["persen"], panel["pembilang"], panel["penyebut"], panel["periode"], strict=True)
    ]  # fmt: skip
    label = [
        f"{nama if level == 'kelurahan' else word('Kabkota')} · {source_names.get(src, src)}"
        for level, src in zip(panel["tingkat"], panel["sumber_data"], strict=True)
    ]
    wide = panel.assign(kolom=label, isi=cell).pivot(index="tahun", columns="kolom", values="isi")
    order = list(dict.fromkeys(label))
    wide = wide[order].fillna(MISSING).reset_index().rename(columns={"tahun": "Tahun"})
    wide.columns.name = None
    return wide.assign(Tahun=wide["Tahun"].astype(int).astype(str))


def _counts(n: float, d: float) -> str:
    if _missing(n) or _missing(d):
        return "hanya persen"
    return f"{fmt_number(n)}/{fmt_number(d)}"


def trajectory_sentence(row: pd.Series | dict, area: str, source_name: str) -> str:
    """ "Kota: AARR 3,5% per tahun (e-PPGBM 2022–2025), dibutuhkan 5,8% per tahun untuk 14,2%
    pada 2029 — belum sesuai jalur"; a met target, a passed year or too little data say so."""
    target = f"{fmt_target(row['target'])} pada {int(row['tahun_target'])}"
    status = row["status"]
    if _missing(row["aarr"]):
        if status == "sudah di bawah target":
            latest = f"{fmt_percent(row['persen_akhir'])} ({source_name} {int(row['tahun_akhir'])})"
            return f"{area}: {latest} sudah di bawah target {target}; AARR belum dapat dihitung"
        return f"{area}: lintasan menuju {target} belum dapat dihitung ({status}, {source_name})"
    since = f"{source_name} {int(row['tahun_awal'])}–{int(row['tahun_akhir'])}"
    head = f"{area}: AARR {fmt_percent(row['aarr'])} per tahun ({since})"
    if status in ("sesuai jalur", "belum sesuai jalur"):
        need = f"dibutuhkan {fmt_percent(row['aarr_dibutuhkan'])} per tahun untuk {target}"
        reach = row["tahun_tercapai"]
        tail = "" if _missing(reach) else f"; dengan tren ini target tercapai {int(reach)}"
        return f"{head}, {need} — {status}{tail}"
    return f"{head}; target {target}: {status}"
