"""The same child measured twice in one month of one upload: found before NIK and birth date
are dropped, counted once, the later measurement kept.

Two kept records (rows without errors) of the same weighing month (``periode``) are the same
child when

* **NIK**: both carry the same child NIK (the column headed "NIK", "NIK Anak" …, never a
  parent's NIK or the family card: siblings share those); or
* **without NIK** (at least one of the two has none): the same sex, birth date and kelurahan
  *and* near-identical measurements: |Δ height| ≤ ``NEAR_CM`` (0.5 cm) and |Δ weight| ≤
  ``NEAR_KG`` (0.1 kg), a measure missing in both counting as equal, missing in one as
  different. Two records that both carry a NIK are never matched this way (different NIKs are
  different children: twins share sex, birth date and kelurahan). Twins without NIK and with
  near-identical measurements would be merged; the tight tolerance keeps that rare. Without a
  birth date (a file with an age column only) this rule cannot apply.

Of each pair the earlier measurement (by measurement date, then row) is not counted; it points
to the latest record matching it. A record is dropped when *any* later record matches it, so a
chain A≈B≈C keeps C only. The NIK and birth date are turned into numbers held in memory beside
the records for the check (``nik_keys``, ``birth_days``) and never stored or shown: a duplicate is
reported by row numbers only ("baris 12 = baris 40 (NIK sama)").
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis import schema as s
from ingest.problems import BARIS, PERINGATAN, Problems

NEAR_CM = 0.5  # |Δ height| of a repeated measurement of one child
NEAR_KG = 0.1  # |Δ weight|
# A group of more than this many records of one sex, birth date, kelurahan and month is no
# child measured twice (a birth-date column filled with one date): the rule without NIK skips it.
MAX_GROUP = 20
NIK_KEY, LAHIR_KEY = "_nik", "_lahir"  # in-memory keys beside the records, never stored
NIK_SAMA = "NIK sama"
TANPA_NIK = "tanpa NIK: jenis kelamin, tanggal lahir, kelurahan sama, ukuran hampir sama"
DIPAKAI = "baris_dipakai"
ALASAN = "alasan"
DUPLICATE_COLUMNS = [BARIS, DIPAKAI, ALASAN]


def nik_keys(nik: pd.Series | None, index: pd.Index) -> np.ndarray:
    """The child NIK of rows ``index`` as a number (16 digits fit in 64 bits, so no two NIKs
    share one), 0 where the cell is no NIK: 16 digits not starting with 0, separators and
    Excel's ``.0`` aside. Excel's ``3.17201E+15`` has lost its last digits and is no key: two
    children would look the same. ``nik``: the column's cells as ``ingest.cells.cell_text``
    gives them (categorical), judged once per distinct cell."""
    if nik is None:
        return np.zeros(len(index), dtype="int64")
    cat = nik.loc[index].astype("category").array
    # pyarrow's string kernels: four times faster than pandas' object strings here.
    text = pa.array(cat.categories.astype(str).to_numpy(dtype=object), type=pa.string())
    text = pc.utf8_ltrim(pc.utf8_trim_whitespace(text), "'")
    digits = pc.replace_substring_regex(text, r"\.0+$|[\s.\-]", "")
    valid = pc.match_substring_regex(digits, r"^[1-9]\d{15}$")
    number = pc.cast(pc.if_else(valid, digits, "0"), pa.int64()).to_numpy(zero_copy_only=False)
    per_value = np.append(number, 0)
    return per_value[cat.codes]  # code -1 (missing) picks the trailing 0


def birth_days(birth: pd.Series) -> np.ndarray:
    """Birth dates (datetime64) as days since 1970, NaN where unknown."""
    return ((birth - pd.Timestamp("1970-01-01")).dt.days).to_numpy(dtype=float)


def _in_time_order(rows: pd.DataFrame, first: list[str] | None = None) -> pd.DataFrame:
    """``rows`` sorted by the columns ``first``, then measurement date, then row (the few rows
    that may be duplicates only: parsing dates of every record would cost more than the rest)."""
    when = pd.to_datetime(rows[s.TANGGAL_UKUR], errors="coerce")
    keys = [*(first or []), "_t", BARIS]
    return rows.assign(_t=when).sort_values(keys, kind="stable")


def _same_nik(rec: pd.DataFrame) -> pd.DataFrame:
    """Rows dropped by the NIK rule, each pointing to the latest row of its NIK and month."""
    key = [s.PERIODE, NIK_KEY]
    shared = rec.loc[(rec[NIK_KEY] != 0) & rec.duplicated(key, keep=False)]
    if shared.empty:
        return pd.DataFrame(columns=DUPLICATE_COLUMNS)
    ordered = _in_time_order(shared)
    latest = ordered.groupby(key, sort=False)[BARIS].transform("last")
    dropped = ordered[BARIS] != latest
    return pd.DataFrame(
        {BARIS: ordered.loc[dropped, BARIS], DIPAKAI: latest[dropped], ALASAN: NIK_SAMA}
    )


def _near(x: np.ndarray, y: np.ndarray, tolerance: float) -> np.ndarray:
    """Near-identical measures: both missing, or both present and within ``tolerance`` (a tiny
    slack absorbs the binary error of decimals: 80.5 − 80.0 is exactly 0.5 only on paper)."""
    return (np.isnan(x) & np.isnan(y)) | (np.abs(x - y) <= tolerance + 1e-9)


def _without_nik(rec: pd.DataFrame) -> pd.DataFrame:
    """Rows dropped by the rule without NIK, each pointing to its latest later match.

    Vectorised: the candidates sorted by group (sex, birth date, kelurahan, month), then by
    time; row i is compared with row i + k of the same group for k = 1, 2, … (a later
    measurement), the last match found being the latest one."""
    key = [s.PERIODE, s.JENIS_KELAMIN, LAHIR_KEY, s.KODE_WILAYAH]
    known = rec.loc[rec[LAHIR_KEY].notna() & rec[s.JENIS_KELAMIN].notna()]
    group = known.groupby(key, sort=False).ngroup().to_numpy()
    size = np.bincount(group)[group] if len(group) else group
    pick = (size > 1) & (size <= MAX_GROUP)
    cand = _in_time_order(known.loc[pick].assign(_g=group[pick]), ["_g"])
    gid, baris = cand["_g"].to_numpy(), cand[BARIS].to_numpy()
    nik = cand[NIK_KEY].to_numpy() == 0
    height = cand[s.TINGGI_CM].to_numpy(dtype=float)
    weight = cand[s.BERAT_KG].to_numpy(dtype=float)
    later = np.full(len(cand), -1, dtype=np.int64)
    for k in range(1, MAX_GROUP):
        same = gid[:-k] == gid[k:]
        if not same.any():
            break
        match = (
            same
            & (nik[:-k] | nik[k:])
            & _near(height[:-k], height[k:], NEAR_CM)
            & _near(weight[:-k], weight[k:], NEAR_KG)
        )
        later[:-k][match] = baris[k:][match]
    dropped = later >= 0
    return pd.DataFrame({BARIS: baris[dropped], DIPAKAI: later[dropped], ALASAN: TANPA_NIK})


def find_duplicates(records: pd.DataFrame) -> pd.DataFrame:
    """The records not counted: ``baris`` (the row dropped), ``baris_dipakai`` (the later row of
    the same child that is counted) and ``alasan`` (``NIK_SAMA`` or ``TANPA_NIK``), ordered by
    row. ``records``: ``baris``, ``periode``, ``tanggal_ukur``, ``jenis_kelamin``,
    ``kode_wilayah``, ``tinggi_cm``, ``berat_kg`` and the keys ``_nik`` (``nik_keys``) and
    ``_lahir`` (``birth_days``); a row matched by both rules is listed once, by NIK."""
    if records.empty:
        return pd.DataFrame(columns=DUPLICATE_COLUMNS)
    found = pd.concat(
        [df for df in (_same_nik(records), _without_nik(records)) if len(df)]
        or [pd.DataFrame(columns=DUPLICATE_COLUMNS)],
        ignore_index=True,
    )
    return (
        found.drop_duplicates(BARIS, keep="first")
        .astype({BARIS: "int64", DIPAKAI: "int64"})
        .sort_values(BARIS, kind="stable")
        .reset_index(drop=True)[DUPLICATE_COLUMNS]
    )


def report_duplicates(probs: Problems, found: pd.DataFrame) -> None:
    """One warning per row of ``found`` (``find_duplicates``), by row numbers only."""
    later = found[DIPAKAI].astype(str)
    probs.add(
        found[BARIS],
        "",
        "",
        "Anak yang sama dengan baris " + later + " (" + found[ALASAN] + ") di bulan yang sama: "
        "baris ini tidak dihitung, pengukuran yang lebih akhir (baris " + later + ") dipakai.",
        "Tidak perlu diperbaiki bila anak memang diukur ulang; bila anaknya berbeda, periksa NIK "
        "atau tanggal lahirnya di e-PPGBM.",
        PERINGATAN,
    )
