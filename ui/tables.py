"""Display tables: analysis frames turned into Indonesian-formatted text columns (pure pandas)."""

from __future__ import annotations

import pandas as pd

from analysis import schema as s
from ui.fmt import MISSING, fmt_change, fmt_number, fmt_percent

LOKUS_MARK = "★ Lokus"


def ranking_table(ranking: pd.DataFrame) -> pd.DataFrame:
    """The kelurahan ranking with Indonesian headers and formatted numbers, in ranking order."""
    return pd.DataFrame(
        {
            "Peringkat": [MISSING if pd.isna(r) else str(int(r)) for r in ranking[s.PERINGKAT]],
            "Kelurahan": ranking[s.KELURAHAN],
            "Kecamatan": ranking[s.KECAMATAN],
            "Lokus": [LOKUS_MARK if x else "" for x in ranking[s.LOKUS]],
            "Prevalensi stunting": [fmt_percent(v) for v in ranking[s.CAKUPAN]],
            "Balita stunting / diukur": [
                f"{fmt_number(n)} / {fmt_number(d)}"
                for n, d in zip(ranking[s.PEMBILANG], ranking[s.PENYEBUT], strict=True)
            ],
            "Perubahan sejak 2022": [fmt_change(v) for v in ranking["perubahan"]],
            "Tingkat konvergensi": [fmt_percent(v) for v in ranking[s.TINGKAT_KONVERGENSI]],
        }
    )
