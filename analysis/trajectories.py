"""Stunting prevalence toward its targets, per area and source (issue #25 points 7 and 8).

A trajectory needs one value a year. The **yearly value** of a source in an area is that of
the latest period of the year with a value (the year itself, ``2024``, or its last quarter,
semester or month that has data — the period used is kept beside it); for an area of several
kelurahan it is Σ pembilang ÷ Σ penyebut over the kelurahan reporting in that period. Each
trajectory row is computed from ONE source (e-PPGBM as reported, e-PPGBM recomputed from the
records, or the SSGI/SKI survey at city level): sources are never mixed, and the first and
latest yearly values of a row come from the same source.

The rates are ``analysis.trajectory``'s: AARR so far between the first and the latest yearly
value, the AARR required from the latest value to the target by its year, on course when the
first is at least the second, and the year the present trend reaches the target. Targets come
from the data (the catalogue's target and ``target_lain.csv``), never from code.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.periods import period_sort_key, period_year
from analysis.trajectory import trajectory

PERSEN = "persen"
YEARLY_COLUMNS = [s.TAHUN, s.PERIODE, s.PEMBILANG, s.PENYEBUT, PERSEN]

SUDAH = "sudah di bawah target"
SESUAI = "sesuai jalur"
BELUM = "belum sesuai jalur"
TERLEWAT = "tahun target lewat, belum tercapai"
KURANG = "data kurang dari 2 tahun"
TAK_TERHITUNG = "tidak terhitung (prevalensi awal 0)"

AKTUAL, TREN, DIBUTUHKAN = "aktual", "tren saat ini", "jalur yang dibutuhkan"

ROW_COLUMNS = [
    "tahun_awal", "periode_awal", "persen_awal", "tahun_akhir", "periode_akhir", "persen_akhir",
    "pembilang_akhir", "penyebut_akhir", "aarr", "aarr_dibutuhkan", "sesuai_jalur",
    "tahun_tercapai", "status",
]  # fmt: skip
TABLE_COLUMNS = [
    "wilayah", s.KODE_WILAYAH, s.SUMBER_DATA, *ROW_COLUMNS, s.TARGET, s.TAHUN_TARGET,
    s.SUMBER_TARGET,
]  # fmt: skip


def up_to_year(values: pd.DataFrame, year: int) -> pd.DataFrame:
    """The values of periods in ``year`` or before (the trajectory as seen from that year)."""
    periods = pd.Series(values[s.PERIODE].astype(str).unique())
    keep = set(periods[periods.map(period_year) <= year])
    return values.loc[values[s.PERIODE].astype(str).isin(keep)]


def yearly_table(
    values: pd.DataFrame,
    series: list[tuple[set[str], str]],
    indicator: str = s.IND_STUNTING,
) -> pd.DataFrame:
    """The yearly values of every ``(codes, source)`` of ``series`` in one grouped pass:
    ``seri`` (the position in ``series``) and ``YEARLY_COLUMNS``, by series then year.

    ``values``: stored indicator values (``kode_wilayah, kode_indikator, periode, sumber_data,
    pembilang, penyebut, nilai``). A single wilayah's value without counts keeps its
    ``nilai``; several wilayah without counts cannot be pooled and give no value.
    """
    keys = [s.KODE_WILAYAH, s.PERIODE, s.SUMBER_DATA]
    rows = values.loc[
        values[s.KODE_INDIKATOR].astype(str) == indicator,
        [*keys, s.PEMBILANG, s.PENYEBUT, s.NILAI],
    ]
    rows = rows.assign(**{k: rows[k].astype(str).astype(object) for k in keys})
    members = pd.DataFrame(
        [(i, code, source) for i, (codes, source) in enumerate(series) for code in codes],
        columns=["seri", s.KODE_WILAYAH, s.SUMBER_DATA],
    ).astype({s.KODE_WILAYAH: object, s.SUMBER_DATA: object})
    rows = rows.merge(members, on=[s.KODE_WILAYAH, s.SUMBER_DATA])
    if rows.empty:
        return pd.DataFrame(columns=["seri", *YEARLY_COLUMNS])
    g = rows.groupby(["seri", s.PERIODE])
    per = pd.DataFrame(
        {
            s.PEMBILANG: g[s.PEMBILANG].sum(min_count=1),
            s.PENYEBUT: g[s.PENYEBUT].sum(min_count=1),
            "n": g.size(),
            s.NILAI: g[s.NILAI].first(),
        }
    )
    ratio = per[s.PEMBILANG] / per[s.PENYEBUT].where(per[s.PENYEBUT] > 0) * 100
    per = per.assign(persen=ratio.where(ratio.notna() | (per["n"] > 1), per[s.NILAI]))
    per = per.dropna(subset=[PERSEN]).reset_index()
    per = per.assign(
        tahun=per[s.PERIODE].map(period_year), _key=per[s.PERIODE].map(period_sort_key)
    )
    last = per.sort_values("_key").groupby(["seri", s.TAHUN]).tail(1)
    return last.sort_values(["seri", s.TAHUN])[["seri", *YEARLY_COLUMNS]].reset_index(drop=True)


def yearly_values(
    values: pd.DataFrame, codes: set[str], source: str, indicator: str = s.IND_STUNTING
) -> pd.DataFrame:
    """One value a year of ``indicator`` from ``source`` over the wilayah ``codes``:
    ``YEARLY_COLUMNS`` (``persen`` in percent), one row per year in order."""
    return yearly_table(values, [(codes, source)], indicator).drop(columns="seri")


def split_series(yearly: pd.DataFrame, n: int) -> list[pd.DataFrame]:
    """``yearly_table`` cut back into its ``n`` series (an empty frame for a series without
    data)."""
    parts = dict(iter(yearly.groupby("seri")))
    empty = pd.DataFrame(columns=YEARLY_COLUMNS)
    return [
        parts[i].drop(columns="seri").reset_index(drop=True) if i in parts else empty
        for i in range(n)
    ]


def targets_of(
    indikator: pd.DataFrame, target_lain: pd.DataFrame, indicator: str = s.IND_STUNTING
) -> pd.DataFrame:
    """Every target of ``indicator`` with its year and source — the catalogue's and those of
    ``target_lain.csv`` — earliest year first: ``target, tahun_target, sumber_target``."""
    cols = [s.TARGET, s.TAHUN_TARGET, s.SUMBER_TARGET]
    main = indikator.loc[indikator[s.KODE] == indicator, cols]
    other = target_lain.loc[target_lain[s.KODE_INDIKATOR] == indicator, cols]
    both = pd.concat([main, other], ignore_index=True).dropna(subset=[s.TARGET, s.TAHUN_TARGET])
    both = both.assign(
        **{s.TARGET: both[s.TARGET].astype(float), s.TAHUN_TARGET: both[s.TAHUN_TARGET].astype(int)}
    )
    return both.sort_values([s.TAHUN_TARGET, s.TARGET]).reset_index(drop=True)


def active_target(targets: pd.DataFrame, latest_year: int | None) -> int | None:
    """The position in ``targets`` of the target a planner works toward now: the earliest
    whose year comes after ``latest_year`` (the year of the latest data: a target of that year
    is already decided), else the last; None without targets."""
    if targets.empty:
        return None
    ahead = np.flatnonzero(targets[s.TAHUN_TARGET].to_numpy() > (latest_year or 0))
    return int(ahead[0]) if len(ahead) else len(targets) - 1


def trajectory_row(yearly: pd.DataFrame, target: float, target_year: int) -> dict:
    """The ``ROW_COLUMNS`` of one area and source from its ``yearly_values``: the first and
    latest yearly value, the AARR so far and required (percent a year), on course or not, the
    year the trend reaches ``target`` and a ``status`` word."""
    row = dict.fromkeys(ROW_COLUMNS, math.nan) | {"sesuai_jalur": None, "tahun_tercapai": None}
    if yearly.empty:
        return row | {"status": KURANG}
    first, last = yearly.iloc[0], yearly.iloc[-1]
    row |= {
        "tahun_awal": int(first[s.TAHUN]), "periode_awal": first[s.PERIODE],
        "persen_awal": float(first[PERSEN]), "tahun_akhir": int(last[s.TAHUN]),
        "periode_akhir": last[s.PERIODE], "persen_akhir": float(last[PERSEN]),
        "pembilang_akhir": last[s.PEMBILANG], "penyebut_akhir": last[s.PENYEBUT],
    }  # fmt: skip
    p1, t1, p2, t2 = row["persen_awal"], row["tahun_awal"], row["persen_akhir"], row["tahun_akhir"]
    met = p2 <= target
    if met:
        row |= {"aarr_dibutuhkan": 0.0, "sesuai_jalur": True, "tahun_tercapai": t2}
    if len(yearly) < 2 or p1 <= 0 or p2 <= 0:  # no rate between two positive values
        return row | {"status": SUDAH if met else KURANG if len(yearly) < 2 else TAK_TERHITUNG}
    path = trajectory(p1, t1, p2, t2, target, target_year)
    if met:
        status = SUDAH
    elif target_year <= t2:
        status = TERLEWAT
    else:
        status = SESUAI if path.on_course else BELUM
    return row | {
        "aarr": path.aarr,
        "aarr_dibutuhkan": path.required if math.isfinite(path.required) else math.nan,
        "sesuai_jalur": path.on_course,
        "tahun_tercapai": path.reached_in,
        "status": status,
    }


def trajectory_table(
    values: pd.DataFrame,
    areas: list[tuple[str, str, set[str], str]],
    targets: pd.DataFrame,
    indicator: str = s.IND_STUNTING,
) -> pd.DataFrame:
    """``TABLE_COLUMNS``: one row per area × source × target, for every ``(wilayah,
    kode_wilayah, codes, source)`` of ``areas`` with at least one yearly value."""
    records = []
    yearly_of = split_series(
        yearly_table(values, [(codes, source) for _, _, codes, source in areas], indicator),
        len(areas),
    )
    for (label, kode, _, source), yearly in zip(areas, yearly_of, strict=True):
        if yearly.empty:
            continue
        for goal in targets.itertuples(index=False):
            target, year = float(getattr(goal, s.TARGET)), int(getattr(goal, s.TAHUN_TARGET))
            records.append(
                {"wilayah": label, s.KODE_WILAYAH: kode, s.SUMBER_DATA: source}
                | trajectory_row(yearly, target, year)
                | {
                    s.TARGET: target,
                    s.TAHUN_TARGET: year,
                    s.SUMBER_TARGET: getattr(goal, s.SUMBER_TARGET),
                }  # fmt: skip
            )
    return pd.DataFrame(records, columns=TABLE_COLUMNS)


def trajectory_path(yearly: pd.DataFrame, row: dict | pd.Series) -> pd.DataFrame:
    """What the trajectory chart draws: ``tahun, jalur, persen`` — the ``aktual`` yearly
    values; from the latest one to the target year, the ``tren saat ini`` (falling at the AARR
    so far) and the ``jalur yang dibutuhkan`` (at the required AARR, ending on the target).
    The two paths only while the target is ahead and not met."""
    parts = [yearly.assign(jalur=AKTUAL)[[s.TAHUN, "jalur", PERSEN]]]
    t2, p2, goal = row["tahun_akhir"], row["persen_akhir"], int(row[s.TAHUN_TARGET])
    ahead = not yearly.empty and goal > t2 and p2 > row[s.TARGET]
    if ahead and not math.isnan(row["aarr"]):
        years = np.arange(int(t2), goal + 1)
        for name, rate in ((TREN, row["aarr"]), (DIBUTUHKAN, row["aarr_dibutuhkan"])):
            persen = p2 * (1 - rate / 100) ** (years - t2)
            parts.append(pd.DataFrame({s.TAHUN: years, "jalur": name, PERSEN: persen}))
    return pd.concat(parts, ignore_index=True)


def source_panel(
    values: pd.DataFrame,
    kode: str,
    city_codes: set[str],
    sources: list[str],
    city_sources: list[str],
    city_code: str,
    indicator: str = s.IND_STUNTING,
) -> pd.DataFrame:
    """The yearly values of one kelurahan (each of ``sources``) and of the city (each of
    ``city_sources``; ``s.SUMBER_SURVEI`` from the city's own rows, coded ``city_code`` — the
    region's Kemendagri code —, the others pooled over ``city_codes``), each series apart: ``tingkat`` (kelurahan / kota), ``sumber_data`` and
    ``YEARLY_COLUMNS``. Series without data are left out."""
    series = [("kelurahan", source, {kode}) for source in sources]
    for source in city_sources:
        codes = {city_code} if source == s.SUMBER_SURVEI else city_codes
        series.append(("kota", source, codes))
    yearly_of = split_series(
        yearly_table(values, [(codes, source) for _, source, codes in series], indicator),
        len(series),
    )
    parts = [
        yearly.assign(tingkat=level, sumber_data=source)
        for (level, source, _), yearly in zip(series, yearly_of, strict=True)
    ]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=["tingkat", s.SUMBER_DATA, *YEARLY_COLUMNS])
    return pd.concat(parts, ignore_index=True)[["tingkat", s.SUMBER_DATA, *YEARLY_COLUMNS]]
