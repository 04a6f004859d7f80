"""The data a presentation and the map are drawn from, read from the store: the desa/kelurahan
areas with their note (``boundary_areas``, also the map's loader in ``ui.maps``), the note on
desa/kelurahan the approximate map cannot place (``unplaced_note``) and every frame of a
presentation at once (``load_sources``, for ``manage.py report`` and the Presentasi page)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from analysis import schema as s
from analysis.geometry import approximate_areas, from_geojson_texts, without_points
from analysis.reference import Reference
from report.inputs import Sources
from services.region_admin import effective_reference
from store.database import Store
from text.strings import t


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


NAMED = 5  # desa/kelurahan named in the note on those without a label point


def unplaced_note(kelurahan: pd.DataFrame) -> str | None:
    """The note on the desa/kelurahan without a label point (left off the approximate map):
    how many and the first ``NAMED`` by name with their kecamatan; None when every one has a
    point."""
    missing = without_points(kelurahan)
    if missing.empty:
        return None
    names = [
        f"{r.kelurahan} (Kec. {r.kecamatan})" for r in missing.head(NAMED).itertuples(index=False)
    ]
    listed = ", ".join(names)
    if len(missing) > NAMED:
        listed = t("peta.no_point_more", names=listed, more=len(missing) - NAMED)
    return t("peta.no_point", n=len(missing), names=listed)


def load_sources(store: Store, ref: Reference) -> Sources:
    """Read every frame a presentation needs from ``store``."""
    ref = effective_reference(store, ref)
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
        datasets=store.datasets(),
    )
