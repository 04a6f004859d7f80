"""The changes a planner should check before reading them (``analysis.jumps``): the cached
round-to-round changes of every kelurahan and the expander Ringkasan shows for the area and
period in view."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import settings
from analysis import schema as s
from analysis.jumps import CHANGE_COLUMNS, round_changes, to_check
from text.change_tables import change_line, to_check_table
from text.fmt import md_text
from text.strings import t
from ui import data, metrics
from ui.widgets import fitted_table

# Every column on a 1366 px projector inside the expander (narrower than
# ``ui.widgets.MAIN_WIDTH`` by its padding); long names wrap.
WIDTHS = {"Kelurahan": 110, "Kecamatan": 90, "Indikator": 150, "Periode": 150,
          "Pembilang/penyebut": 140, "Perubahan": 80, "Alasan": 135}  # fmt: skip


@st.cache_data(show_spinner=False)
def kelurahan_changes() -> pd.DataFrame:
    """Every kelurahan's change from its previous round, per percentage indicator with counts
    (each indicator's primary source), judged with ``DASBOR_PERUBAHAN_POIN``."""
    ref = data.reference()
    values = metrics.primary_values()
    values = values.loc[values[s.KODE_WILAYAH].isin(set(ref.kelurahan[s.KODE_KELURAHAN]))]
    return round_changes(values, ref.indikator, settings.perubahan_poin())


OUTCOME = "outcome"  # the catalogue's prevalence group


def render_to_check(periode: str | None, kecamatan: str | None, key: str) -> None:
    """An expander listing the flagged changes of the round ``periode`` in the area: the
    prevalence (outcome) indicators first, then the intervention indicators in their own
    table (with tens of thousands of households, small real changes there are many)."""
    ref = data.reference()
    codes = metrics.area_kelurahan(kecamatan)[s.KODE_KELURAHAN]
    rows = to_check(kelurahan_changes(), periode, codes) if periode else None
    if rows is None or rows.empty:
        rows = pd.DataFrame(columns=CHANGE_COLUMNS)
    cat = ref.indikator.set_index(s.KODE)
    outcome = rows[s.KODE_INDIKATOR].map(cat[s.KELOMPOK]).eq(OUTCOME).to_numpy(dtype=bool)
    title = t("perubahan.title", n=int(outcome.sum()), lain=int((~outcome).sum()))
    with st.expander(title, expanded=False):
        st.caption(t("perubahan.caption", poin=f"{settings.perubahan_poin():g}"))
        if not outcome.any():
            st.caption(t("perubahan.none"))
        else:
            shown = to_check_table(rows.loc[outcome], ref.kelurahan, ref.indikator)
            fitted_table(shown, WIDTHS, key=key, wrap=3)
        if (~outcome).any():
            st.markdown(f"**{t('perubahan.others', n=int((~outcome).sum()))}**")
            others = to_check_table(rows.loc[~outcome], ref.kelurahan, ref.indikator)
            fitted_table(others, WIDTHS, key=f"{key}_lain", wrap=3, full=False)


def render_flags(rows: pd.DataFrame, catalogue: pd.DataFrame) -> None:
    """One kelurahan's flagged changes (``jumps.to_check``): a warning per prevalence, the
    other indicators in a collapsed list."""
    cat = catalogue.set_index(s.KODE)
    outcome = rows[s.KODE_INDIKATOR].map(cat[s.KELOMPOK]).eq(OUTCOME).to_numpy(dtype=bool)

    def line(r) -> str:
        what = md_text(cat.loc[r.kode_indikator, s.NAMA])
        return t("perubahan.profil", indikator=what, line=change_line(r))

    for r in rows.loc[outcome].itertuples(index=False):
        st.warning(line(r), icon=":material/flag:")
    if (~outcome).any():
        with st.expander(t("perubahan.others_profil", n=int((~outcome).sum()))):
            poin = f"{settings.perubahan_poin():g}"
            st.caption(t("perubahan.caption", poin=poin))
            st.markdown("\n".join(f"- {line(r)}" for r in rows.loc[~outcome].itertuples()))
