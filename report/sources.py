"""Everything a presentation is built from, read once: from the store for ``manage.py report``,
from the page's cached loaders in the app (``ui.presentation``)."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

import settings
from analysis import schema as s
from analysis.attainment import StatusRules
from analysis.geometry import approximate_areas, from_geojson_texts
from analysis.reference import Reference, with_user_indicators
from store.database import Store
from text.strings import t


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

    @property
    def rules(self) -> StatusRules:
        return StatusRules(settings.mendekati_poin(), settings.min_penyebut())


def boundary_areas(store: Store, kelurahan: pd.DataFrame) -> tuple[gpd.GeoDataFrame, str | None]:
    """The kelurahan areas to draw and their note: the newest imported official boundaries,
    else approximate areas (note None)."""
    current = store.current_boundaries()
    if current is None:
        return approximate_areas(kelurahan), None
    version, geometries = current
    areas = from_geojson_texts(geometries, kelurahan)
    missing = sorted(set(kelurahan[s.KELURAHAN]) - set(areas[s.KELURAHAN]))
    note = t("peta.official", file=version["nama_berkas"], id=version["id"])
    if missing:
        note += " " + t("peta.official_missing", names=", ".join(missing))
    return areas, note


def load_sources(store: Store, ref: Reference) -> Sources:
    """Read every frame a presentation needs from ``store``."""
    ref = with_user_indicators(ref, store.user_indicators())
    areas, note = boundary_areas(store, ref.kelurahan)
    return Sources(
        ref=ref,
        values=store.indicator_values(),
        scorecard=store.scorecard_values(),
        lokus=store.lokus(),
        progress=store.aksi_progress(),
        activities=store.activities(),
        areas=areas,
        boundary_note=note or t("peta.approximate"),
    )
