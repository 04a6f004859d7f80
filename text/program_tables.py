"""The Pemetaan Program page's display tables (``analysis.program_view.ProgramView``): the
convergence matrix, the lokus gaps, the budget, as planners read them (pure pandas)."""

from __future__ import annotations

import pandas as pd

from analysis import schema as s
from analysis.attainment import STATUS
from analysis.program_view import ProgramView
from analysis.programs import (
    CAKUPAN_LALU,
    DAFTAR_OPD,
    N_KEGIATAN,
    N_KELURAHAN,
    PERSEN_REALISASI,
    PERUBAHAN,
    SEL,
)
from text.fmt import fmt_change, fmt_percent, fmt_period, fmt_rupiah, fmt_target
from text.strings import group_label, word
from text.tables import fmt_ratio


def kelurahan_label(name: str, is_lokus: bool) -> str:
    """A kelurahan's name, starred when it is a lokus."""
    return f"★ {name}" if is_lokus else name


def _kelurahan(rows: pd.DataFrame) -> list[str]:
    return [
        kelurahan_label(n, lok) for n, lok in zip(rows[s.KELURAHAN], rows[s.LOKUS], strict=True)
    ]


def _indicator(rows: pd.DataFrame, names: dict[str, str]) -> list[str]:
    return [f"{c} · {names.get(c, c)}" for c in rows[s.KODE_INDIKATOR]]


def _targets(rows: pd.DataFrame) -> list[str]:
    """Each row's target with its direction (``≥ 80%``, ``≤ 15,5%``)."""
    arah = rows[s.ARAH] if s.ARAH in rows else pd.Series(None, index=rows.index)
    return [fmt_target(x, a) for x, a in zip(rows[s.TARGET], arah, strict=True)]


def matrix_table(matrix: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The convergence matrix, one row per kelurahan × indicator (``names``: kode → nama)."""
    return pd.DataFrame(
        {
            word("Unit"): _kelurahan(matrix),
            "Indikator": _indicator(matrix, names),
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


def gaps_table(gaps: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The lokus interventions below target that no activity reaches."""
    return pd.DataFrame(
        {
            "Lokus": gaps[s.KELURAHAN],
            "Indikator": _indicator(gaps, names),
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


def stalled_table(
    stalled: pd.DataFrame, periode: str, lalu: str, names: dict[str, str]
) -> pd.DataFrame:
    """The lokus interventions with activities that did not improve from ``lalu`` to ``periode``."""
    return pd.DataFrame(
        {
            "Lokus": stalled[s.KELURAHAN],
            "Indikator": _indicator(stalled, names),
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
    names = view.opd_short
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
                "Wilayah": view.lokus_split["kelompok_wilayah"].map(group_label),
                word("Unit"): view.lokus_split[N_KELURAHAN],
                **_money(view.lokus_split),
            }
        ),
        "per_kelurahan": pd.DataFrame(
            {
                word("Unit"): _kelurahan(kel),
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
    names = view.indicator_names
    sheets = {"tanpa_kegiatan": gaps_table(view.gaps, names)}
    if view.stalled is not None:
        sheets["tidak_membaik"] = stalled_table(
            view.stalled, view.periode, view.periode_lalu, names
        )
    return sheets
