"""What an indicator file is checked against (``Catalogue``) and the user's choices for it
(``ImportOptions``): the types the checks take, in their own module so that ``ingest.checks``
and ``ingest.validate`` need not import each other."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.mapping import Mapping
from ingest.indicator_names import IndicatorMatcher
from ingest.matching import AreaMatcher


@dataclass(frozen=True)
class Catalogue:
    """Everything values are matched against."""

    areas: AreaMatcher
    indicators: IndicatorMatcher
    indikator: pd.DataFrame  # kode, satuan, sumber_data
    sumber_data: pd.DataFrame  # kode, nama, jenis
    sumber_alias: pd.DataFrame | None = None  # alias, kode_sumber (office names)


@dataclass(frozen=True)
class ImportOptions:
    """Choices the user makes for a file (UI widgets or CLI flags)."""

    periode: str | None = None  # canonical; for files without a period column
    sumber_data: str | None = None  # source code; for files without a source column
    proporsi: bool = False  # values written as proportions (0.85 = 85%)
    sheet: str | None = None
    sheets: tuple[str, ...] | None = None  # the table sheets imported together (None: all)
    mapping: Mapping = Mapping()  # the user's column and name choices (``analysis.mapping``)
    # Keep stored counts: a percent-only value (no pembilang/penyebut) is not imported for a
    # key whose current value has both counts (``services.uploads.dry_run`` leaves it out).
    pertahankan_hitungan: bool = False
