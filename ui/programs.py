"""The Pemetaan Program page's reference names (OPD, funds, kelurahan, indicators), its summary
cards and its year choices. The view object is ``analysis.program_view.ProgramView`` (loaded by
``ui.views.program_view``), its tables are in ``text.program_tables``."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.longlists import TOP_N, lokus_first_groups
from analysis.program_view import ProgramView
from analysis.programs import CELL_GAP, SEL
from charts.programs import build_budget_figure, build_matrix_figure
from text.fmt import fmt_percent, fmt_rupiah_short
from text.program_tables import budget_tables, gaps_table, matrix_table, stalled_table
from text.strings import t
from ui import data
from ui.cards import Card
from ui.views import program_view


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


def _matrix_rows(matrix: pd.DataFrame) -> pd.DataFrame:
    """The rows the convergence matrix draws: every desa/kelurahan of a short list; of a long
    one (852 desa) its lokus first (the caption says "★ = lokus (di atas)"), then up to
    ``TOP_N`` in all those with most indicators below target and no activity. The table below
    has them all."""
    score = matrix[SEL].eq(CELL_GAP).astype(float)
    return lokus_first_groups(matrix, s.KELURAHAN, matrix[s.LOKUS], score)


def matrix_caption(matrix: pd.DataFrame, drawn: int) -> None:
    """The caption saying which rows a long matrix draws (``drawn`` of the ``matrix`` rows)."""
    if drawn < len(matrix):
        rows = _matrix_rows(matrix)
        lokus = rows.loc[rows[s.LOKUS], s.KELURAHAN].nunique()
        st.caption(t("top.chart_lokus", n=TOP_N, total=matrix[s.KELURAHAN].nunique(),
                     lokus=lokus))  # fmt: skip


@dataclass(frozen=True)
class ProgramParts:
    """What the Pemetaan Program page draws of a view, as it draws it: the matrix and budget
    figures (``to_dict()``, shown with ``ui.figures.Built``; no budget figure without
    activities), the number of matrix rows drawn, and the matrix, gap, stalled and budget
    tables."""

    matrix_figure: dict
    matrix_drawn: int
    matrix_table: pd.DataFrame
    gaps_table: pd.DataFrame
    stalled_table: pd.DataFrame | None
    budget: dict[str, pd.DataFrame]
    budget_figure: dict | None


@st.cache_data(show_spinner=False, max_entries=32)
def program_parts(
    tahun: int, chosen: str, opd: tuple[str, ...], dana: tuple[str, ...], kecamatan: str | None
) -> ProgramParts:
    """The parts of ``ui.views.program_view`` of the same arguments, once per view."""
    view = program_view(tahun, chosen, opd, dana, kecamatan)
    names = view.indicator_names
    rows = _matrix_rows(view.matrix)
    stalled = None
    if view.stalled is not None and not view.stalled.empty:
        stalled = stalled_table(view.stalled, view.periode, view.periode_lalu, names)
    return ProgramParts(
        build_matrix_figure(rows, names).to_dict(),
        len(rows),
        matrix_table(view.matrix, names),
        gaps_table(view.gaps, names),
        stalled,
        budget_tables(view),
        build_budget_figure(view.by_opd, opd_short()).to_dict() if len(view.by_opd) else None,
    )


def programs_ahead(tahun: int, chosen: str, opd: tuple[str, ...], dana: tuple[str, ...]) -> None:
    """Compute the view and parts of the city and of each kecamatan for these choices in a
    background thread, once per data load: switching kecamatan in the sidebar then finds them
    ready (each takes 0.3–0.5 s)."""
    data.ahead(
        ("program", tahun, chosen, opd, dana),
        lambda: [program_parts(tahun, chosen, opd, dana, k) for k in data.every_area()],
    )
