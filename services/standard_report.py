"""The analysts' standard-tables batch (``manage.py prevalence``): a template table in (the
columns of ``manage.py zscore``), z-scores computed as there, the WHO standard tables and the
plausibility report of the whole file out as an XLSX workbook."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.plausibility_areas import whole_plausibility
from analysis.standard_tables import round_standard_tables
from analysis.zscore import LAKI, PEREMPUAN, GrowthTables
from ingest.zscore_batch import score_batch
from text.standard import standard_workbook

FILE_NAME = "Seluruh berkas"


@dataclass(frozen=True)
class BatchReport:
    """The workbook and what it holds: rows read, children scored, the standard tables and
    the plausibility report."""

    workbook: bytes
    rows: int
    scored: int
    table: pd.DataFrame
    plausibility: pd.DataFrame


def batch_report(frame: pd.DataFrame, tables: GrowthTables, criteria: pd.DataFrame) -> BatchReport:
    """Score the rows of ``frame`` (``ingest.zscore_batch``) and build the workbook."""
    b = score_batch(frame, tables)
    sex = np.select([b.sex == LAKI, b.sex == PEREMPUAN], ["L", "P"], "")
    records = pd.DataFrame(
        {
            s.JENIS_KELAMIN: sex,
            s.UMUR_HARI: b.age.to_numpy(dtype=float),
            s.BERAT_KG: b.weight.to_numpy(dtype=float),
            s.TINGGI_CM: b.height.to_numpy(dtype=float),
            s.EDEMA: b.oedema,
        },
        index=frame.index,
    )
    table = round_standard_tables(records, b.z)
    plaus = whole_plausibility(records, b.z, criteria, FILE_NAME)
    return BatchReport(
        standard_workbook(table, plaus), len(frame), int(b.z["dinilai"].sum()), table, plaus
    )
