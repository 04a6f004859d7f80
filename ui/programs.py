"""The Pemetaan Program page's figures (cached) and its tables as planners read them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.activities import intervention_codes
from analysis.attainment import KELURAHAN, STATUS
from analysis.periods import period_year
from analysis.programs import (
    CAKUPAN_LALU,
    DAFTAR_OPD,
    N_KEGIATAN,
    N_KELURAHAN,
    PERSEN_REALISASI,
    PERUBAHAN,
    SEL,
    activity_reach,
    budget_allocation,
    budget_by_group,
    budget_by_kelurahan,
    budget_by_opd,
    budget_lokus_split,
    convergence_matrix,
    coverage_periods,
    filter_activities,
    reaching,
    stalled_interventions,
    untargeted_gaps,
)
from charts.programs import kelurahan_label
from text.fmt import (
    fmt_change,
    fmt_percent,
    fmt_period,
    fmt_rupiah,
    fmt_rupiah_short,
    fmt_target,
)
from text.strings import t
from text.tables import fmt_ratio
from ui import data, metrics
from ui.cards import Card


@dataclass(frozen=True)
class ProgramView:
    """Everything the page shows for one year, filter choice and area."""

    tahun: int
    periode: str | None  # the coverage period (None: no coverage data up to ``tahun``)
    periode_lalu: str | None
    listed: pd.DataFrame  # of the year, filters and area applied (cancelled ones too)
    activities: pd.DataFrame  # the same without the cancelled ones
    lokus: frozenset[str]
    matrix: pd.DataFrame
    gaps: pd.DataFrame
    stalled: pd.DataFrame | None  # None while ``tahun`` has no coverage data of its own
    by_opd: pd.DataFrame
    by_group: pd.DataFrame
    by_kelurahan: pd.DataFrame
    lokus_split: pd.DataFrame

    @property
    def n_lokus(self) -> int:
        """Lokus shown (inside the chosen kecamatan)."""
        return int(self.matrix.loc[self.matrix[s.LOKUS], s.KODE_KELURAHAN].nunique())

    @property
    def n_lokus_reached(self) -> int:
        """Lokus that at least one activity reaches."""
        reached = self.matrix.loc[self.matrix[s.LOKUS] & (self.matrix[N_KEGIATAN] > 0)]
        return int(reached[s.KODE_KELURAHAN].nunique())

    @property
    def n_gap_lokus(self) -> int:
        """Lokus with at least one intervention below target and no activity."""
        return int(self.gaps[s.KODE_KELURAHAN].nunique())

    @property
    def total(self) -> pd.Series:
        """Pagu, realisasi and rate over every kelurahan shown (``budget_lokus_split``'s last row)."""
        return self.lokus_split.iloc[-1]

    @property
    def n_opd(self) -> int:
        """OPD with an activity shown."""
        return int(self.activities[s.OPD].nunique())

    @property
    def matrix_codes(self) -> list[str]:
        """The matrix's indicators, in its order."""
        return list(dict.fromkeys(self.matrix[s.KODE_INDIKATOR]))

    @property
    def synthetic(self) -> bool:
        return bool(self.listed["sintetis"].any())


@st.cache_data(show_spinner=False, max_entries=32)
def program_view(
    tahun: int, chosen: str, opd: tuple[str, ...], dana: tuple[str, ...], kecamatan: str | None
) -> ProgramView:
    ref = data.reference()
    city = list(ref.kelurahan[s.KODE_KELURAHAN])
    shown = metrics.area_kelurahan(kecamatan)
    lokus = frozenset(metrics.lokus_codes(tahun)[1])
    listed = filter_activities(data.activities(), tahun, opd, dana, cancelled=True)
    listed = reaching(listed, city, shown[s.KODE_KELURAHAN])
    rows = listed.loc[listed[s.STATUS] != s.KEGIATAN_BATAL]
    codes = intervention_codes(ref.indikator)
    periode, lalu = coverage_periods(metrics.primary_values(), codes, tahun, chosen)
    coverage = metrics.coverage(KELURAHAN, kecamatan)
    now = coverage.loc[coverage[s.PERIODE] == periode]
    matrix = convergence_matrix(activity_reach(rows, city), now, shown, lokus, codes)
    current = periode is not None and period_year(periode) == tahun
    stalled = (
        stalled_interventions(matrix, coverage.loc[coverage[s.PERIODE] == lalu])
        if current
        else None
    )
    allocation = budget_allocation(rows, city)
    return ProgramView(
        tahun=tahun,
        periode=periode,
        periode_lalu=lalu,
        listed=listed,
        activities=rows,
        lokus=lokus,
        matrix=matrix,
        gaps=untargeted_gaps(matrix),
        stalled=stalled,
        by_opd=budget_by_opd(rows),
        by_group=budget_by_group(rows, ref.indikator),
        by_kelurahan=budget_by_kelurahan(allocation, shown, lokus),
        lokus_split=budget_lokus_split(allocation, shown, lokus),
    )


def _names(frame: pd.DataFrame, column: str = s.NAMA) -> dict[str, str]:
    return dict(zip(frame[s.KODE], frame[column], strict=True))


def opd_names() -> dict[str, str]:
    """Full unit names (forms); ``opd_short`` for charts, tables and filters."""
    return _names(data.reference().opd)


def opd_short() -> dict[str, str]:
    return _names(data.reference().opd, "singkatan")


def fund_names() -> dict[str, str]:
    return _names(data.reference().sumber_dana)


def kelurahan_names() -> dict[str, str]:
    kel = data.reference().kelurahan
    return dict(zip(kel[s.KODE_KELURAHAN], kel[s.KELURAHAN], strict=True))


def indicator_names() -> dict[str, str]:
    return _names(data.reference().indikator)


def _kelurahan(rows: pd.DataFrame) -> list[str]:
    return [
        kelurahan_label(n, lok) for n, lok in zip(rows[s.KELURAHAN], rows[s.LOKUS], strict=True)
    ]


def _indicator(rows: pd.DataFrame) -> list[str]:
    names = indicator_names()
    return [f"{c} · {names.get(c, c)}" for c in rows[s.KODE_INDIKATOR]]


def _targets(rows: pd.DataFrame) -> list[str]:
    """Each row's target with its direction (``≥ 80%``, ``≤ 15,5%``)."""
    arah = rows[s.ARAH] if s.ARAH in rows else pd.Series(None, index=rows.index)
    return [fmt_target(x, a) for x, a in zip(rows[s.TARGET], arah, strict=True)]


def matrix_table(matrix: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Kelurahan": _kelurahan(matrix),
            "Indikator": _indicator(matrix),
            "Kegiatan": matrix[N_KEGIATAN],
            "OPD": matrix[DAFTAR_OPD],
            "Cakupan": [
                fmt_ratio(c, n, d)
                for c, n, d in zip(
                    matrix[s.CAKUPAN], matrix[s.PEMBILANG], matrix[s.PENYEBUT], strict=True
                )
            ],
            "Target": _targets(matrix),
            "Status": matrix[STATUS].astype(str),
            "Sel": matrix[SEL],
        }
    )


def gaps_table(gaps: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Lokus": gaps[s.KELURAHAN],
            "Indikator": _indicator(gaps),
            "Cakupan": [
                fmt_ratio(c, n, d)
                for c, n, d in zip(
                    gaps[s.CAKUPAN], gaps[s.PEMBILANG], gaps[s.PENYEBUT], strict=True
                )
            ],
            "Target": _targets(gaps),
            "Selisih ke target": [fmt_change(x) for x in gaps[s.SELISIH_TARGET]],
        }
    )


def stalled_table(stalled: pd.DataFrame, periode: str, lalu: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Lokus": stalled[s.KELURAHAN],
            "Indikator": _indicator(stalled),
            f"Cakupan {fmt_period(lalu, short=True)}": [
                fmt_percent(x) for x in stalled[CAKUPAN_LALU]
            ],
            f"Cakupan {fmt_period(periode, short=True)}": [
                fmt_percent(x) for x in stalled[s.CAKUPAN]
            ],
            "Perubahan": [fmt_change(x) for x in stalled[PERUBAHAN]],
            "Target": _targets(stalled),
            "Kegiatan": stalled[N_KEGIATAN],
            "OPD": stalled[DAFTAR_OPD],
        }
    )


def _money(frame: pd.DataFrame) -> dict[str, list[str]]:
    return {
        "Kegiatan": frame[N_KEGIATAN],
        "Pagu": [fmt_rupiah(x) for x in frame[s.PAGU]],
        "Realisasi": [fmt_rupiah(x) for x in frame[s.REALISASI]],
        "% realisasi": [fmt_percent(x) for x in frame[PERSEN_REALISASI]],
    }


def budget_tables(view: ProgramView) -> dict[str, pd.DataFrame]:
    """The budget tables (per OPD, group, lokus split, kelurahan) with Indonesian headers."""
    names = opd_short()
    kel = view.by_kelurahan
    return {
        "per_opd": pd.DataFrame(
            {"OPD": [names.get(o, o) for o in view.by_opd[s.OPD]], **_money(view.by_opd)}
        ),
        "per_kelompok": pd.DataFrame(
            {"Kelompok": view.by_group[s.KELOMPOK], **_money(view.by_group)}
        ),
        "lokus": pd.DataFrame(
            {
                "Wilayah": view.lokus_split["kelompok_wilayah"],
                "Kelurahan": view.lokus_split[N_KELURAHAN],
                **_money(view.lokus_split),
            }
        ),
        "per_kelurahan": pd.DataFrame(
            {
                "Kelurahan": _kelurahan(kel),
                "Kecamatan": kel[s.KECAMATAN],
                "Kegiatan": kel[N_KEGIATAN],
                "Pagu (bagian)": [fmt_rupiah(x) for x in kel[s.PAGU]],
                "Realisasi (bagian)": [fmt_rupiah(x) for x in kel[s.REALISASI]],
                "% realisasi": [fmt_percent(x) for x in kel[PERSEN_REALISASI]],
            }
        ),
    }


def gap_sheets(view: ProgramView) -> dict[str, pd.DataFrame]:
    """The two lokus gap lists as workbook sheets (the second only when it can be judged)."""
    sheets = {"tanpa_kegiatan": gaps_table(view.gaps)}
    if view.stalled is not None:
        sheets["tidak_membaik"] = stalled_table(view.stalled, view.periode, view.periode_lalu)
    return sheets


def summary_cards(view: ProgramView) -> list[Card]:
    """The matrix tab's cards: activities, lokus gaps and the budget."""
    total = view.total
    return [
        Card("prog_card_kegiatan", t("prog.card_kegiatan"), str(len(view.activities)),
             t("prog.card_kegiatan_cap", n_opd=view.n_opd, n_lokus=view.n_lokus_reached)),
        Card("prog_card_gap", t("prog.card_gap"), str(len(view.gaps)),
             t("prog.card_gap_cap", n_lokus=view.n_gap_lokus, total=view.n_lokus)),
        Card("prog_card_pagu", t("prog.card_pagu"), fmt_rupiah_short(total[s.PAGU]),
             t("prog.card_pagu_cap", realisasi=fmt_rupiah_short(total[s.REALISASI]),
               persen=fmt_percent(total["persen_realisasi"]))),
    ]  # fmt: skip


def year_choices(activities: pd.DataFrame, tahun: int) -> list[int]:
    """The years to pick, newest first: every year with an activity, ``tahun`` and the next."""
    return sorted({*activities[s.TAHUN].astype(int), tahun, tahun + 1}, reverse=True)
