"""What a presentation is built from: the ``Sources`` every slide reads, gathered by
``services.sources.load_sources`` for ``manage.py report`` and, cached, for the Presentasi page
(``ui.presentation``)."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

import settings
from analysis.attainment import StatusRules
from analysis.reference import Reference


@dataclass(frozen=True)
class Sources:
    ref: Reference
    values: pd.DataFrame  # current indicator values of every source
    scorecard: pd.DataFrame
    lokus: pd.DataFrame
    progress: pd.DataFrame  # aksi progress
    activities: pd.DataFrame
    areas: gpd.GeoDataFrame  # kelurahan polygons for the map
    boundary_note: str  # where the polygons come from
    datasets: pd.DataFrame | None = None  # the store's dataset list (upload times), if read

    @property
    def rules(self) -> StatusRules:
        return StatusRules(settings.mendekati_poin(), settings.min_penyebut())

    @property
    def min_points(self) -> float:
        """The practical size of a change called membaik/memburuk (``analysis.change``)."""
        return settings.perubahan_poin()
