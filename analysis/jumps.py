"""Changes between consecutive rounds that a planner should check before reading them (issue #25
point 6): per kelurahan and percentage indicator with counts, the change from the previous
round to this one, judged by ``analysis.change`` (Newcombe's hybrid Wilson interval of the
difference *and* a practical size), and whether the denominator halved.

A *round* is a period of one kind (year, semester, quarter or month: ``analysis.periods``);
the previous round of an indicator is the latest earlier period of the same kind in which any
kelurahan reported it, so a yearly value is never compared with a quarter. A kelurahan is
flagged (``perlu_dicek``) when the change is ``membaik``/``memburuk`` or when its denominator
is now at most half the previous one (``penyebut_awal`` ≥ 2 × ``penyebut``): fewer children
weighed moves a prevalence as surely as a real change does.

Only rows with both counts, of indicators whose ``satuan`` is ``persen``, and with
``pembilang`` ≤ ``penyebut`` are judged; bare percentages have no counts to test.

Each source is its own series (``source_changes``): the prevalence recomputed from the
measurement records (``EPPGBM_HITUNG``, rounds = weighing months) is paired only with itself,
never with the register's reported figures. What a meeting checks (``for_meeting``) is every
flagged prevalence (catalogue group ``outcome``) of any source and every halved denominator;
a significant change of another indicator belongs on the Indikator page's change table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.attainment import HANYA_PERSEN
from analysis.change import MEMBAIK, MEMBURUK, MIN_POINTS, change_verdict
from analysis.coverage import aggregate_ratio
from analysis.periods import parse_period, period_end, sort_periods

HALVED = 0.5  # the denominator is flagged when now ≤ this share of the previous round's
PERIODE_AWAL = "periode_awal"
PEMBILANG_AWAL = "pembilang_awal"
PENYEBUT_AWAL = "penyebut_awal"
PERUBAHAN = "perubahan"
ARAH_PERUBAHAN = "arah_perubahan"
SEPARUH = "penyebut_separuh"
PERLU_DICEK = "perlu_dicek"
OUTCOME = "outcome"  # the catalogue's prevalence group
CHANGE_COLUMNS = [
    s.KODE_WILAYAH,
    s.KODE_INDIKATOR,
    PERIODE_AWAL,
    s.PERIODE,
    PEMBILANG_AWAL,
    PENYEBUT_AWAL,
    s.PEMBILANG,
    s.PENYEBUT,
    PERUBAHAN,
    ARAH_PERUBAHAN,
    SEPARUH,
    PERLU_DICEK,
]
SOURCE_CHANGE_COLUMNS = [s.SUMBER_DATA, *CHANGE_COLUMNS]


def previous_rounds(periods) -> dict[str, str]:
    """Each period → the latest earlier period of the same kind among ``periods`` (the first
    round of each kind has none): ``["2024", "2024-Q1", "2024-Q3", "2025"]`` →
    ``{"2024-Q3": "2024-Q1", "2025": "2024"}``."""
    by_kind: dict[str, list[str]] = {}
    for p in sort_periods(set(periods)):
        by_kind.setdefault(parse_period(p).kind, []).append(p)
    return {b: a for rounds in by_kind.values() for a, b in zip(rounds, rounds[1:], strict=False)}


def judge_changes(
    frame: pd.DataFrame, lower_is_better: pd.Series | np.ndarray, min_points: float = MIN_POINTS
) -> pd.DataFrame:
    """``frame`` (``pembilang_awal``, ``penyebut_awal``, ``pembilang``, ``penyebut``) with
    ``perubahan`` (points), ``arah_perubahan`` (membaik / memburuk / tidak berubah bermakna;
    "" where a pair cannot be tested: a denominator 0 or a numerator above its denominator),
    ``penyebut_separuh`` and ``perlu_dicek``; ``lower_is_better`` per row."""
    x1, n1 = frame[PEMBILANG_AWAL].to_numpy(float), frame[PENYEBUT_AWAL].to_numpy(float)
    x2, n2 = frame[s.PEMBILANG].to_numpy(float), frame[s.PENYEBUT].to_numpy(float)
    lower = np.asarray(lower_is_better, dtype=bool)
    if len(frame) == 0:
        verdict = np.array([], dtype=object)
    else:
        verdict = np.where(
            lower,
            change_verdict(x1, n1, x2, n2, True, min_points),
            change_verdict(x1, n1, x2, n2, False, min_points),
        )
        verdict = np.where((x1 <= n1) & (x2 <= n2), verdict, "")
    with np.errstate(invalid="ignore", divide="ignore"):
        points = np.where((n1 > 0) & (n2 > 0), (x2 / n2 - x1 / n1) * 100, np.nan)
    halved = (n1 > 0) & (n2 <= HALVED * n1)
    return frame.assign(
        **{
            PERUBAHAN: points,
            ARAH_PERUBAHAN: verdict.astype(object),
            SEPARUH: halved,
            PERLU_DICEK: np.isin(verdict, [MEMBAIK, MEMBURUK]) | halved,
        }
    )


def round_changes(
    values: pd.DataFrame, catalogue: pd.DataFrame, min_points: float = MIN_POINTS
) -> pd.DataFrame:
    """Per kelurahan × percentage indicator × round: the change from its previous round.

    ``values``: per-kelurahan values of one source per indicator (``kode_wilayah``,
    ``kode_indikator``, ``periode``, ``pembilang``, ``penyebut``); rows of one key are summed.
    ``catalogue``: ``kode``, ``satuan``, ``arah``. Columns ``CHANGE_COLUMNS``; a kelurahan
    that did not report in the previous round has no row for this one.
    """
    cat = catalogue.set_index(s.KODE)
    percent = set(cat.index[cat[s.SATUAN] == "persen"])
    rows = values.loc[values[s.KODE_INDIKATOR].isin(percent)]
    rows = rows[[s.KODE_WILAYAH, s.KODE_INDIKATOR, s.PERIODE, s.PEMBILANG, s.PENYEBUT]]
    rows = rows.astype({s.KODE_WILAYAH: str, s.KODE_INDIKATOR: str, s.PERIODE: str})
    counts = aggregate_ratio(rows, [s.KODE_WILAYAH, s.KODE_INDIKATOR, s.PERIODE])
    pairs = [
        (kode, b, a)
        for kode, part in counts.groupby(s.KODE_INDIKATOR)[s.PERIODE]
        for b, a in previous_rounds(part.unique()).items()
    ]
    links = pd.DataFrame(pairs, columns=[s.KODE_INDIKATOR, s.PERIODE, PERIODE_AWAL])
    now = counts.merge(links, on=[s.KODE_INDIKATOR, s.PERIODE])
    before = counts[[s.KODE_WILAYAH, s.KODE_INDIKATOR, s.PERIODE, s.PEMBILANG, s.PENYEBUT]].rename(
        columns={s.PERIODE: PERIODE_AWAL, s.PEMBILANG: PEMBILANG_AWAL, s.PENYEBUT: PENYEBUT_AWAL}
    )
    paired = now.merge(before, on=[s.KODE_WILAYAH, s.KODE_INDIKATOR, PERIODE_AWAL])
    lower = paired[s.KODE_INDIKATOR].map(cat[s.ARAH]).eq(s.ARAH_RENDAH_BAIK)
    judged = judge_changes(paired, lower.to_numpy(), min_points)
    return judged[CHANGE_COLUMNS].reset_index(drop=True)


def change_series(
    values: pd.DataFrame, catalogue: pd.DataFrame, kelurahan
) -> dict[str, pd.DataFrame]:
    """Per source code, the values of the kelurahan codes ``kelurahan`` whose rounds are
    compared: each indicator's primary source (catalogue ``sumber_data``) and the prevalence
    recomputed from the measurement records (``EPPGBM_HITUNG``, a round per weighing month).
    ``values``: every source's values (``schema.VALUE_COLUMNS``)."""
    values = values.loc[values[s.KODE_WILAYAH].astype(str).isin(set(kelurahan))]
    source = values[s.SUMBER_DATA].astype(str)
    primary = values[s.KODE_INDIKATOR].astype(str).map(catalogue.set_index(s.KODE)[s.SUMBER_DATA])
    keep = source.eq(primary.astype(str)) | source.eq(s.SUMBER_HITUNG_ULANG)
    return {str(k): part for k, part in values.loc[keep].groupby(source[keep])}


def source_changes(
    series: dict[str, pd.DataFrame], catalogue: pd.DataFrame, min_points: float = MIN_POINTS
) -> pd.DataFrame:
    """``round_changes`` of each source's values on their own (``series``: source code → its
    per-kelurahan values), tagged with ``sumber_data``: columns ``SOURCE_CHANGE_COLUMNS``. A
    recomputed prevalence and a reported one of the same indicator are never paired."""
    parts = [
        round_changes(values, catalogue, min_points).assign(**{s.SUMBER_DATA: source})
        for source, values in series.items()
    ]
    if not parts:
        return pd.DataFrame(columns=SOURCE_CHANGE_COLUMNS)
    return pd.concat(parts, ignore_index=True)[SOURCE_CHANGE_COLUMNS]


def kelurahan_changes(
    values: pd.DataFrame, catalogue: pd.DataFrame, kelurahan, min_points: float = MIN_POINTS
) -> pd.DataFrame:
    """Every kelurahan's change from its previous round, per source series (``change_series``:
    each indicator's primary source and the recomputed prevalence, each on its own), judged
    with ``min_points``: ``source_changes``. What Ringkasan, Profil, the map and the deck's
    trust slide all read (``ui.changes``, ``report.trust``)."""
    return source_changes(change_series(values, catalogue, kelurahan), catalogue, min_points)


def latest_round(changes: pd.DataFrame, periode: str, codes=None) -> pd.DataFrame:
    """Every judged change (flagged or not) of the round in view: per indicator (and source,
    when ``changes`` has ``sumber_data``) its latest round ending no later than ``periode``,
    only the kelurahan ``codes`` (all when None)."""
    limit = period_end(periode)
    periods = changes[s.PERIODE]
    ended = {p: period_end(p) <= limit for p in periods.unique()}  # one parse per period
    done = changes.loc[periods.map(ended).astype(bool)]
    keys = [k for k in (s.SUMBER_DATA, s.KODE_INDIKATOR) if k in done.columns]
    # Each series' distinct periods first: sorting per group then costs the same for any
    # number of desa/kelurahan.
    distinct = done[[*keys, s.PERIODE]].drop_duplicates()
    latest = distinct.groupby(keys, observed=True)[s.PERIODE].agg(lambda p: sort_periods(p)[-1])
    in_latest = done.join(latest.rename("_latest"), on=keys)["_latest"] == done[s.PERIODE]
    rows = done.loc[in_latest]
    if codes is not None:
        rows = rows.loc[rows[s.KODE_WILAYAH].isin(set(codes))]
    return rows


def to_check(
    changes: pd.DataFrame, periode: str, codes=None, first: str = s.IND_STUNTING
) -> pd.DataFrame:
    """The flagged changes of the round in view (``latest_round``); ``first`` (stunting)
    before the others, then per source the largest change first."""
    rows = latest_round(changes, periode, codes)
    rows = rows.loc[rows[PERLU_DICEK].astype(bool)]
    keys = [k for k in (s.SUMBER_DATA, s.KODE_INDIKATOR) if k in rows.columns]
    if rows.empty:
        return rows.reset_index(drop=True)
    order = rows.assign(_first=rows[s.KODE_INDIKATOR] != first, _size=-rows[PERUBAHAN].abs())
    order = order.sort_values(["_first", s.KODE_INDIKATOR, *keys[:-1], "_size", s.KODE_WILAYAH])
    return order.drop(columns=["_first", "_size"]).reset_index(drop=True)


def for_meeting(rows: pd.DataFrame, catalogue: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Of the flagged changes ``rows`` (``to_check``), those a meeting checks — every
    prevalence (catalogue ``kelompok`` ``outcome``) and every halved denominator, a data
    problem whatever the indicator — and the number of the others (significant changes of
    other indicators, left to the Indikator page's change table)."""
    group = rows[s.KODE_INDIKATOR].map(catalogue.set_index(s.KODE)[s.KELOMPOK])
    keep = group.eq(OUTCOME).to_numpy(dtype=bool) | rows[SEPARUH].to_numpy(dtype=bool)
    return rows.loc[keep].reset_index(drop=True), int((~keep).sum())


def meeting_checks(
    changes: pd.DataFrame, catalogue: pd.DataFrame, periode: str, codes=None
) -> tuple[pd.DataFrame, int]:
    """THE rule of what a meeting checks in the round ``periode`` for the kelurahan ``codes``
    (all when None): ``for_meeting`` of ``to_check`` of ``kelurahan_changes`` rows — the
    reported and the recomputed series alike. Ringkasan's list and the deck's trust slide
    both call it, so their stunting counts agree."""
    return for_meeting(to_check(changes, periode, codes), catalogue)


def percent_only_changes(coverage: pd.DataFrame, indicator: str, periode: str) -> pd.DataFrame:
    """The change from the previous round of ``indicator`` to ``periode`` of each wilayah whose
    value at either end is a bare percentage (``attainment.HANYA_PERSEN`` > 0): stated, never
    judged — there are no counts to test. ``coverage``: ``attainment.coverage_by_area`` rows.
    Columns ``kode_wilayah``, ``periode_awal``, ``cakupan_awal``, ``cakupan``."""
    rows = coverage.loc[coverage[s.KODE_INDIKATOR] == indicator]
    rows = rows.astype({s.KODE_WILAYAH: str, s.PERIODE: str})
    before = previous_rounds(rows[s.PERIODE].unique()).get(periode)
    columns = [s.KODE_WILAYAH, PERIODE_AWAL, "cakupan_awal", s.CAKUPAN]
    if before is None:
        return pd.DataFrame(columns=columns)
    keep = [s.KODE_WILAYAH, s.CAKUPAN, HANYA_PERSEN]
    pair = rows.loc[rows[s.PERIODE] == before, keep].merge(
        rows.loc[rows[s.PERIODE] == periode, keep], on=s.KODE_WILAYAH, suffixes=("_awal", "")
    )
    bare = pair[f"{HANYA_PERSEN}_awal"].gt(0) | pair[HANYA_PERSEN].gt(0)
    pair = pair.loc[bare & pair["cakupan_awal"].notna() & pair[s.CAKUPAN].notna()]
    return pair.assign(**{PERIODE_AWAL: before})[columns].reset_index(drop=True)
