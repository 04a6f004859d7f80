"""Importing official kelurahan boundaries: formats, CRS, matching, repair, storage, roll-back.

Files are generated here from the project's own approximate areas; the real polygons in
../shared/geo are used only when present (never committed, nothing derived from them stored).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from analysis import schema as s
from analysis.geometry import from_geojson_texts, to_geojson_texts
from ingest.boundaries import read_boundaries

SHARED_GEO = (
    Path(__file__).resolve().parents[2] / "shared" / "geo" / "jakarta_utara_kelurahan.geojson"
)


def geojson(frame: gpd.GeoDataFrame) -> bytes:
    return frame.to_json().encode()


def zipped_shapefile(frame: gpd.GeoDataFrame, tmp_path: Path, prj: bool = True) -> bytes:
    folder = tmp_path / "shp"
    folder.mkdir()
    frame.to_file(folder / "kel.shp")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for f in folder.iterdir():
            if prj or f.suffix != ".prj":
                z.write(f, f.name)
    return buffer.getvalue()


def read(data, matcher, ref, name="batas.geojson"):
    return read_boundaries(data, name, matcher, ref.kelurahan, region=ref.wilayah)


@pytest.mark.skipif(not SHARED_GEO.exists(), reason="../shared/geo not present on this machine")
def test_real_boundaries_import_all_31(matcher, ref, empty_store):
    """The real polygons: 31 matched by code, no problem; stored and read back valid."""
    plan = read(SHARED_GEO.read_bytes(), matcher, ref)
    assert len(plan.areas) == 31 and plan.problems.empty and plan.missing == []
    assert plan.column == "kode_kelurahan"
    version = empty_store.commit_boundaries(
        plan.nama_berkas, plan.ukuran, plan.sha256, plan.crs, to_geojson_texts(plan.areas), "uji"
    )
    info, stored = empty_store.current_boundaries()
    assert info["id"] == version and len(stored) == 31
    back = from_geojson_texts(stored, ref.kelurahan)
    assert back.geometry.is_valid.all() and set(back[s.KELURAHAN]) == set(
        ref.kelurahan[s.KELURAHAN]
    )


def test_zipped_shapefile_in_utm_is_reprojected(areas, matcher, ref, tmp_path):
    utm = (
        areas[[s.KODE_KELURAHAN, s.KELURAHAN, "geometry"]]
        .rename(columns={s.KODE_KELURAHAN: "KODE", s.KELURAHAN: "NAMA"})
        .to_crs("EPSG:32748")
    )
    plan = read(zipped_shapefile(utm, tmp_path), matcher, ref, "batas.zip")
    assert len(plan.areas) == 31 and plan.n_errors == 0
    assert plan.column == "KODE"
    assert any("diubah ke EPSG:4326" in n for n in plan.notes)
    minx, miny, maxx, maxy = plan.areas.total_bounds
    assert 106.6 < minx < maxx < 107.1 and -6.3 < miny < maxy < -6.0


def test_geopackage_is_read(areas, matcher, ref, tmp_path):
    path = tmp_path / "batas.gpkg"
    areas[[s.KODE_KELURAHAN, "geometry"]].to_file(path, driver="GPKG")
    plan = read(path.read_bytes(), matcher, ref, "batas.gpkg")
    assert len(plan.areas) == 31 and plan.problems.empty


def test_missing_prj_with_metres_is_refused(areas, matcher, ref, tmp_path):
    """UTM coordinates without their .prj cannot be read as lon/lat: a clear error."""
    utm = areas[[s.KODE_KELURAHAN, "geometry"]].rename(columns={s.KODE_KELURAHAN: "KODE"})
    plan = read(
        zipped_shapefile(utm.to_crs("EPSG:32748"), tmp_path, prj=False), matcher, ref, "x.zip"
    )
    assert len(plan.areas) == 0 and plan.n_errors == 1
    assert "tidak berada di Kota Jakarta Utara" in plan.problems["pesan"].iloc[0]
    assert ".prj" in plan.problems["pesan"].iloc[0]


def test_names_match_and_unknown_names_are_reported(areas, matcher, ref):
    """Matching by name with spelling variants; an unknown name is reported on its feature row."""
    named = areas[[s.KELURAHAN, "geometry"]].rename(columns={s.KELURAHAN: "nama"})
    named.loc[0, "nama"] = "Kel. " + named.loc[0, "nama"].upper()
    named.loc[5, "nama"] = "Kelurahan Antah Berantah"
    plan = read(geojson(named), matcher, ref)
    assert plan.column == "nama" and len(plan.areas) == 30
    bad = plan.problems.loc[plan.problems["tingkat"] == "galat"]
    assert bad["baris"].tolist() == [6] and bad["nilai"].tolist() == ["Kelurahan Antah Berantah"]
    assert plan.missing == [areas.loc[5, s.KELURAHAN]]


def test_invalid_geometry_is_repaired_and_parts_are_merged(areas, matcher, ref):
    """A self-crossing ring is repaired (warning); two parts of one kelurahan become one."""
    frame = areas[[s.KODE_KELURAHAN, "geometry"]].copy()
    minx, miny, maxx, maxy = frame.geometry.iloc[3].bounds
    frame.loc[3, "geometry"] = shapely.Polygon(
        [(minx, miny), (maxx, maxy), (maxx, miny), (minx, maxy), (minx, miny)]
    )  # a bow-tie
    extra = frame.iloc[[7]].assign(geometry=frame.geometry.iloc[7].buffer(-0.001))
    frame = gpd.GeoDataFrame(pd.concat([frame, extra], ignore_index=True), crs=frame.crs)
    plan = read(geojson(frame), matcher, ref)
    assert len(plan.areas) == 31 and plan.n_errors == 0 and plan.areas.geometry.is_valid.all()
    warnings = plan.problems.loc[plan.problems["tingkat"] == "peringatan", "pesan"].tolist()
    assert any("diperbaiki" in w for w in warnings) and any("digabung" in w for w in warnings)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"bukan data geo", "x.geojson", "tidak dapat dibaca sebagai data batas"),
        (json.dumps({"type": "FeatureCollection", "features": []}).encode(), "k.geojson", "fitur"),
    ],
)
def test_unreadable_files_get_a_clear_message(content, name, message, matcher, ref):
    plan = read(content, matcher, ref, name)
    assert not plan.can_commit and message in plan.problems["pesan"].iloc[0]


def test_zip_without_shapefile_and_oversized_zip_are_refused(matcher, ref):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("catatan.txt", "bukan shapefile")
    plan = read(buffer.getvalue(), matcher, ref, "a.zip")
    assert "tidak berisi berkas .shp" in plan.problems["pesan"].iloc[0]
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("kel.shp", b"\0" * (201 * 1024 * 1024))
    plan = read(bomb.getvalue(), matcher, ref, "bom.zip")
    assert "terlalu besar" in plan.problems["pesan"].iloc[0]


def test_rollback_returns_to_the_previous_boundaries(areas, matcher, ref, empty_store):
    plan = read(geojson(areas[[s.KODE_KELURAHAN, "geometry"]]), matcher, ref)
    texts = to_geojson_texts(plan.areas)
    first = empty_store.commit_boundaries("a.geojson", 1, "x", None, texts, "uji")
    second = empty_store.commit_boundaries("b.geojson", 1, "y", None, texts, "uji")
    assert empty_store.current_boundaries()[0]["id"] == second
    empty_store.set_boundaries_active(second, False, "uji")
    assert empty_store.current_boundaries()[0]["id"] == first
    empty_store.set_boundaries_active(first, False, "uji")
    assert empty_store.current_boundaries() is None
    with pytest.raises(ValueError, match="sudah berstatus dibatalkan"):
        empty_store.set_boundaries_active(first, False, "uji")
