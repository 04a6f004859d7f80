"""The changes a planner should check before reading them (``analysis.jumps``): the cached
round-to-round changes of every kelurahan — the reported series and the prevalence recomputed
from the measurement records, each on its own — and the list Ringkasan and Profil show."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import settings
from analysis import schema as s
from analysis.jumps import SOURCE_CHANGE_COLUMNS, for_meeting, meeting_checks
from analysis.jumps import kelurahan_changes as judged_changes
from analysis.longlists import TOP_N, is_long
from text.change_tables import change_line, to_check_table
from text.fmt import md_text
from text.strings import t, word
from ui import data, metrics
from ui.widgets import fitted_table

# Every column on a 1366 px projector inside the expander; long names wrap on word
# boundaries (the Kecamatan column is wide enough for "Pademangan", the longest word) within
# ``WRAP`` lines — the longest reason, "memburuk bermakna; penyebut ≤ ½ putaran lalu", too.
WIDTHS = {"Desa/Kelurahan": 100, "Kecamatan": 95, "Indikator": 140, "Sumber": 90, "Periode": 105,
          "Pembilang/penyebut": 130, "Perubahan": 75, "Alasan": 120}  # fmt: skip
WRAP = 4  # lines of wrapped text a row has room for


def unit_widths() -> dict[str, int]:
    """``WIDTHS`` with the region's word for its desa/kelurahan column."""
    return {word("Unit") if k == "Desa/Kelurahan" else k: v for k, v in WIDTHS.items()}


@st.cache_data(show_spinner=False)
def kelurahan_changes() -> pd.DataFrame:
    """Every kelurahan's change from its previous round, per percentage indicator with counts
    and per source (each indicator's primary source; the recomputed prevalence on its own),
    judged with ``DASBOR_PERUBAHAN_POIN``."""
    ref = data.reference()
    return judged_changes(
        data.indicator_values(), ref.indikator, ref.kelurahan[s.KODE_KELURAHAN],
        settings.perubahan_poin(),
    )  # fmt: skip


def render_to_check(periode: str | None, kecamatan: str | None, key: str) -> None:
    """An expander listing the changes of the round ``periode`` in the area that a meeting
    checks (``jumps.for_meeting``: prevalence moves of the reported and the recomputed series,
    halved denominators); the other indicators' significant changes only as a count pointing
    to the Indikator page."""
    ref = data.reference()
    listed, others = area_checks(periode, kecamatan)
    with st.expander(t("perubahan.title", n=len(listed)), expanded=False):
        st.caption(t("perubahan.caption", poin=f"{settings.perubahan_poin():g}"))
        if listed.empty:
            st.caption(t("perubahan.none"))
        else:
            if is_long(len(listed)) and not st.toggle(
                t("perubahan.all", n=len(listed)), key=f"{key}_semua"
            ):
                st.caption(t("perubahan.shown", n=TOP_N, total=len(listed)))
                listed = listed.head(TOP_N)  # formatted only when shown: 852 desa flag 1,000+
            shown = to_check_table(listed, ref.kelurahan, ref.indikator, source_names())
            fitted_table(shown, unit_widths(), key=key, wrap=WRAP)
        if others:
            st.caption(t("perubahan.others", n=others))


@st.cache_data(show_spinner=False, max_entries=64)
def area_checks(periode: str | None, kecamatan: str | None) -> tuple[pd.DataFrame, int]:
    """``jumps.meeting_checks`` of the area's desa/kelurahan in the round ``periode``, cached:
    a new session reads back the few flagged rows, not every change of every desa."""
    ref = data.reference()
    codes = metrics.area_kelurahan(kecamatan)[s.KODE_KELURAHAN]
    changes = kelurahan_changes() if periode else pd.DataFrame(columns=SOURCE_CHANGE_COLUMNS)
    if periode and len(changes):
        return meeting_checks(changes, ref.indikator, periode, codes)
    return for_meeting(changes, ref.indikator)


def source_names() -> dict[str, str]:
    """Source code → the name planners know ("e-PPGBM (dihitung ulang)")."""
    return data.reference().sumber_data.set_index(s.KODE)[s.NAMA].to_dict()


def render_flags(rows: pd.DataFrame, catalogue: pd.DataFrame) -> None:
    """One kelurahan's flagged changes (``jumps.to_check``) that a meeting checks
    (``jumps.for_meeting``): a warning each, naming its source; the other indicators'
    significant changes only as a count pointing to the Indikator page."""
    cat = catalogue.set_index(s.KODE)
    listed, others = for_meeting(rows, catalogue)
    names = source_names()

    for r in listed.itertuples(index=False):
        what = md_text(cat.loc[r.kode_indikator, s.NAMA])
        source = md_text(names.get(r.sumber_data, r.sumber_data))
        line = t("perubahan.profil", indikator=what, sumber=source, line=change_line(r))
        st.warning(line, icon=":material/flag:")
    if others:
        st.caption(t("perubahan.others", n=others))
