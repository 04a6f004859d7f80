"""Three kelurahan of Penjaringan and indicator rows for them: the small frames the view-object
tests (Indikator, Profil, Analisis Situasi) compute their expected figures by hand from."""

from __future__ import annotations

import pandas as pd

PENJARINGAN, KAMAL_MUARA, KAPUK_MUARA = "31.72.01.1001", "31.72.01.1002", "31.72.01.1003"


def three_kelurahan(ref) -> pd.DataFrame:
    """The reference rows of Penjaringan, Kamal Muara and Kapuk Muara."""
    codes = [PENJARINGAN, KAMAL_MUARA, KAPUK_MUARA]
    return ref.kelurahan.loc[ref.kelurahan["kode_kelurahan"].isin(codes)]


def value(kode: str, indikator: str, periode: str, num: float, den: float) -> dict:
    """One stored value row: stunting (OUT01) from e-PPGBM, anything else from the routine reports."""
    sumber = "EPPGBM" if indikator == "OUT01" else "LAPRUT"
    return {"kode_wilayah": kode, "kode_indikator": indikator, "periode": periode,
            "sumber_data": sumber, "pembilang": num, "penyebut": den, "nilai": num / den * 100}  # fmt: skip
