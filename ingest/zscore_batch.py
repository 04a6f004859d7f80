"""The analysts' batch: a template table in, the same rows with WHO z-scores and flags out.

Columns read: ``sex``; ``age_days``, or ``birth_date`` and ``measure_date``; ``height_cm``;
``weight_kg``; ``position`` (L/H or empty) and optionally ``oedema`` (y/n). Values are read
as text (decimal comma or point, ISO or day-first dates); a row whose cells cannot be read keeps
empty z-scores and a note in ``catatan``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.zscore import (
    POSITION_CODES,
    SEX_CODES,
    GrowthTables,
    compute_zscores,
    normalise_codes,
)

REQUIRED = ["sex", "height_cm", "weight_kg"]
ADDED = ["haz", "waz", "whz", "flag_haz", "flag_waz", "flag_whz", "flag_9bulan", "catatan"]


def _numbers(column: pd.Series) -> pd.Series:
    text = column.astype("string").str.strip().str.replace(",", ".", regex=False)
    return pd.to_numeric(text.replace("", pd.NA), errors="coerce").astype(float)


def _dates(column: pd.Series) -> pd.Series:
    text = column.astype("string").str.strip()
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    return iso.fillna(pd.to_datetime(text, format="%d/%m/%Y", errors="coerce"))


def missing_columns(frame: pd.DataFrame) -> list[str]:
    """Required columns absent from ``frame`` (age needs ``age_days`` or both dates)."""
    missing = [c for c in REQUIRED if c not in frame.columns]
    if "age_days" not in frame.columns and not {"birth_date", "measure_date"} <= set(frame.columns):
        missing.append("age_days (atau birth_date + measure_date)")
    return missing


@dataclass(frozen=True)
class Batch:
    """The rows read as numbers and codes (NaN/0 where unreadable) and their z-scores
    (``analysis.zscore.compute_zscores``, index as the rows)."""

    sex: np.ndarray
    age: pd.Series
    height: pd.Series
    weight: pd.Series
    oedema: np.ndarray
    z: pd.DataFrame


def score_batch(frame: pd.DataFrame, tables: GrowthTables) -> Batch:
    """Read the template columns of ``frame`` and compute the z-scores of every row."""
    n = len(frame)
    empty = pd.Series([""] * n, index=frame.index, dtype="string")

    def col(name: str) -> pd.Series:
        return frame[name] if name in frame.columns else empty

    age = _numbers(col("age_days"))
    if "birth_date" in frame.columns and "measure_date" in frame.columns:
        span = (_dates(col("measure_date")) - _dates(col("birth_date"))).dt.days.astype(float)
        age = age.fillna(span)
    height, weight = _numbers(col("height_cm")), _numbers(col("weight_kg"))
    sex = normalise_codes(col("sex"), SEX_CODES)
    position = normalise_codes(col("position"), POSITION_CODES)
    oedema = col("oedema").astype("string").str.strip().str.lower().isin(["y", "ya", "1", "yes"])
    z = compute_zscores(
        tables,
        sex,
        age.to_numpy(),
        height.to_numpy(),
        weight.to_numpy(),
        position,
        oedema.to_numpy(),
    ).set_axis(frame.index)
    return Batch(sex, age, height, weight, oedema.to_numpy(dtype=bool), z)


def add_zscores(frame: pd.DataFrame, tables: GrowthTables) -> pd.DataFrame:
    """``frame`` with unrounded ``haz``/``waz``/``whz``, the flags and a ``catatan`` per row."""
    b = score_batch(frame, tables)
    sex, age, height, weight, z = b.sex, b.age, b.height, b.weight, b.z
    notes = np.select(
        [sex == 0, age.isna().to_numpy(), (age > 1826).to_numpy(), height.isna() & weight.isna()],
        [
            "jenis kelamin tidak dikenali",
            "umur tidak terbaca",
            "umur 60 bulan atau lebih: tidak dinilai",
            "tinggi dan berat kosong",
        ],
        "",
    )
    out = frame.copy()
    for name in ADDED[:-1]:
        out[name] = z[name].to_numpy()
    for name in ("flag_haz", "flag_waz", "flag_whz", "flag_9bulan"):
        out[name] = out[name].astype(int)
    out["catatan"] = notes
    return out
