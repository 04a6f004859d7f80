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


def other_target_table(other: pd.DataFrame) -> pd.DataFrame:
    """The reference's other targets (``target_lain.csv``: a second target of an indicator from
    another source) with Indonesian headers and the target with a decimal comma."""
    return pd.DataFrame(
        {
            "Kode": other[s.KODE_INDIKATOR].to_numpy(),
            "Target": [fmt_number(v, 1 if pd.notna(v) and v % 1 else 0) for v in other[s.TARGET]],
            "Tahun target": ["" if pd.isna(v) else str(int(v)) for v in other[s.TAHUN_TARGET]],
            "Sumber": other[s.SUMBER_TARGET].to_numpy(),
            "Keterangan": other.get("keterangan", pd.Series("", index=other.index))
            .fillna("")
            .to_numpy(),
        }
    )


LOCAL_PREFIX = "target daerah"  # how the effective catalogue's sumber_target marks a local one


def is_local_target(sumber) -> bool:
    """Whether a catalogue row's ``sumber_target`` is the region's own target."""
    return isinstance(sumber, str) and sumber.strip().lower().startswith(LOCAL_PREFIX)


def target_label(sumber) -> str:
    """The word for a target line or label: "Target daerah" for the region's own target,
    else "Target"."""
    return "Target daerah" if is_local_target(sumber) else "Target"


def target_label_of(catalogue: pd.DataFrame, kode: str) -> str:
    """``target_label`` of indicator ``kode`` in ``catalogue`` ("Target" when not listed)."""
    rows = catalogue.loc[catalogue[s.KODE] == kode, s.SUMBER_TARGET]
    return target_label(rows.iloc[0] if len(rows) else None)
