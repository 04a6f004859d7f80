"""Display table of the region's own targets (Data Referensi → Katalog indikator)."""

from __future__ import annotations

import pandas as pd

from analysis import schema as s
from text.fmt import fmt_datetime, fmt_number, fmt_target


def local_target_table(local: pd.DataFrame, national: pd.DataFrame) -> pd.DataFrame:
    """One row per local target beside the catalogue's: indicator, the region's target, year
    and source, the national target it replaces, who changed it last and when. ``local``:
    ``Store.local_targets``; ``national``: the catalogue with national targets."""
    cat = national.set_index(s.KODE)

    def shown(value, kode: str) -> str:
        if kode in cat.index and cat.loc[kode, s.SATUAN] == "persen":
            return fmt_target(value, cat.loc[kode, s.ARAH])
        return fmt_number(value, 1 if pd.notna(value) and value % 1 else 0)

    rows = local.itertuples(index=False)
    frame = [
        {
            "Kode": r.kode_indikator,
            "Indikator": cat[s.NAMA].get(r.kode_indikator, r.kode_indikator),
            "Target daerah": shown(r.target, r.kode_indikator),
            "Tahun target": int(r.tahun_target),
            "Sumber": r.sumber_target,
            "Target nasional": shown(cat[s.TARGET].get(r.kode_indikator), r.kode_indikator)
            + f" ({cat[s.TAHUN_TARGET].get(r.kode_indikator)})",
            "Diubah oleh": r.diubah_oleh,
            "Diubah pada": fmt_datetime(r.diubah_pada),
        }
        for r in rows
    ]
    return pd.DataFrame(frame, columns=["Kode", "Indikator", "Target daerah", "Tahun target",
                                        "Sumber", "Target nasional", "Diubah oleh", "Diubah pada"])  # fmt: skip
