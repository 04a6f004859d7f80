"""Peta for any region: region packs of 6 to 852 desa/kelurahan (built once per session with
``services.region_pack``) draw one polygon and one name per desa/kelurahan with a label point,
framed on the region; those without a point are named in a note; a boundary upload must lie
around the region's points (a North-Jakarta-shaped file is refused in a Bandung pack)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis import schema as s
from analysis.geometry import approximate_areas, region_box, with_points, without_points
from charts.maps import MapData, bubble_rows, build_map, label_rows
from ingest.boundaries import read_boundaries
from ingest.pipeline import build_catalogue
from services.region_pack import write_region_pack
from services.sources import unplaced_note
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, free_port, is_local, start_server
from tests.test_app import APP, ROOT
from text.strings import use_region

REGIONS = ["31.01", "53.71", "32.73", "11.08", "11.73"]
ASSETS = "/app/static/leaflet"
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="session")
def packs(tmp_path_factory):
    """Region code → (folder, Reference) of a pack; 11.73 and 11.08 with demo data (the Peta
    page under AppTest and in the browser)."""
    root = tmp_path_factory.mktemp("packs")
    demo = {"11.73", "11.08"}
    return {k: (root / k, write_region_pack(k, root / k, demo=k in demo)) for k in REGIONS}


def map_of(kelurahan: pd.DataFrame, areas=None) -> MapData:
    areas = approximate_areas(kelurahan) if areas is None else areas
    values = pd.DataFrame(
        {
            s.KODE_KELURAHAN: kelurahan[s.KODE_KELURAHAN],
            "nilai": 10.0,
            s.PEMBILANG: 10.0,
            s.PENYEBUT: 100.0,
        }
    )
    return MapData(
        areas, values, "Prevalensi", "%", "EPPGBM", [0.0, 20.0], ["#fee5d9"],
        frozenset(kelurahan[s.KODE_KELURAHAN][:3]), "★ lokus 2026", "batas perkiraan",
    )  # fmt: skip


def layer(fmap, name: str):
    return next(c for c in fmap._children.values() if getattr(c, "layer_name", "") == name)


@pytest.mark.parametrize("kode", REGIONS)
def test_map_draws_one_polygon_and_one_name_per_placed_desa(packs, kode):
    """Every desa/kelurahan with a label point is one GeoJSON feature (its own code, once) and
    one name; those without a point are not drawn."""
    kelurahan = packs[kode][1].kelurahan
    placed = with_points(kelurahan)
    fmap = build_map(map_of(kelurahan), ASSETS)
    features = json.loads(json.dumps(layer(fmap, "kelurahan").data))["features"]
    codes = [f["properties"][s.KODE_KELURAHAN] for f in features]
    assert sorted(codes) == sorted(placed[s.KODE_KELURAHAN])
    labels = next(c for c in fmap._children.values() if type(c).__name__ == "LabelLayer")
    assert len(labels.rows) == len(placed)


def test_pack_sizes_are_the_regions(packs):
    """The five packs span 6 to 852 desa/kelurahan; 11.73 has exactly one without a point."""
    sizes = {
        k: (len(ref.kelurahan), len(without_points(ref.kelurahan))) for k, (_, ref) in packs.items()
    }
    assert sizes == {
        "31.01": (6, 0), "53.71": (51, 0), "32.73": (151, 0), "11.08": (852, 0), "11.73": (68, 1),
    }  # fmt: skip


@pytest.mark.parametrize("kode", ["31.01", "11.08"])
def test_map_is_framed_on_the_region(packs, kode):
    """The map's fitted bounds are the region's areas' bounds (no Jakarta constant)."""
    kelurahan = packs[kode][1].kelurahan
    data = map_of(kelurahan)
    fmap = build_map(data, ASSETS)
    fit = next(c for c in fmap._children.values() if type(c).__name__ == "FitBounds")
    minx, miny, maxx, maxy = data.areas.total_bounds
    assert fit.bounds == [[miny, minx], [maxy, maxx]]
    assert miny < fmap.location[0] < maxy and minx < fmap.location[1] < maxx


def test_map_without_any_point_shows_indonesia():
    """A region whose desa have no label point at all still builds a map (no polygon)."""
    kelurahan = pd.DataFrame(
        {
            s.KODE_KELURAHAN: ["32.73.01.1001"], s.KELURAHAN: ["A"], s.KODE_KECAMATAN: ["32.73.01"],
            s.KECAMATAN: ["K"], s.LABEL_LAT: [float("nan")], s.LABEL_LON: [float("nan")],
        }
    )  # fmt: skip
    fmap = build_map(map_of(kelurahan), ASSETS)
    assert layer(fmap, "kelurahan").data["features"] == []
    assert fmap.location == [-2.5, 118.0]


def test_label_names_are_data_not_html(packs):
    """A name with HTML reaches the page only as JSON text (``<`` escaped), set by textContent."""
    areas = approximate_areas(packs["31.01"][1].kelurahan)
    areas.loc[0, s.KELURAHAN] = XSS
    assert label_rows(areas)[0][2] == XSS
    page = build_map(map_of(packs["31.01"][1].kelurahan, areas), ASSETS).get_root().render()
    assert XSS not in page and "textContent" in page


def test_region_box_is_the_points_widened_by_the_margin():
    """Points at lon 107.5–107.7 and lat −7.0 to −6.8, margin 0.15: box 107.35–107.85 ×
    −7.15 to −6.65; a row without a point does not count; none at all: Indonesia."""
    kelurahan = pd.DataFrame(
        {s.LABEL_LON: [107.5, 107.7, float("nan")], s.LABEL_LAT: [-6.8, -7.0, 0.0]}
    )
    assert region_box(kelurahan) == pytest.approx((107.35, -7.15, 107.85, -6.65))
    assert region_box(kelurahan.iloc[2:]) == (94.5, -11.5, 141.5, 6.5)


def test_unplaced_note_names_the_desa_without_a_point(packs):
    """11.73: one desa without a label point, named with its kecamatan; 31.01: no note."""
    kelurahan = packs["11.73"][1].kelurahan
    use_region(packs["11.73"][1].wilayah.words())  # as load_reference does for the region served
    row = without_points(kelurahan).iloc[0]
    note = unplaced_note(kelurahan)
    assert note.startswith("1 desa tidak ada titik label — tidak tampil di peta perkiraan")
    assert f"{row[s.KELURAHAN]} (Kec. {row[s.KECAMATAN]})" in note
    assert unplaced_note(packs["31.01"][1].kelurahan) is None


def test_unplaced_note_lists_five_and_counts_the_rest(packs):
    """Eight without a point: the first five named, "dan 3 lainnya"."""
    kelurahan = packs["53.71"][1].kelurahan.copy()
    use_region(packs["53.71"][1].wilayah.words())
    kelurahan.loc[kelurahan.index[:8], s.LABEL_LAT] = float("nan")
    note = unplaced_note(kelurahan)
    assert note.startswith("8 kelurahan tidak ada titik label")
    assert note.endswith("dan 3 lainnya.")
    assert note.count("(Kec. ") == 5


def boundary_file(kelurahan: pd.DataFrame) -> bytes:
    areas = approximate_areas(kelurahan)
    return areas[[s.KODE_KELURAHAN, s.KELURAHAN, "geometry"]].to_json().encode()


def test_north_jakarta_boundaries_are_refused_in_a_bandung_pack(packs, ref):
    """A North-Jakarta-shaped file uploaded to the Kota Bandung pack lies outside its box:
    refused in one message naming Kota Bandung; Bandung's own file is read whole."""
    bandung = packs["32.73"][1]
    matcher = build_catalogue(bandung).areas
    plan = read_boundaries(
        boundary_file(ref.kelurahan), "jakut.geojson", matcher, bandung.kelurahan,
        region=bandung.wilayah,
    )  # fmt: skip
    assert plan.n_errors == 1 and len(plan.areas) == 0
    assert "tidak berada di Kota Bandung" in plan.problems["pesan"].iloc[0]
    own = read_boundaries(
        boundary_file(bandung.kelurahan), "bandung.geojson", matcher, bandung.kelurahan,
        region=bandung.wilayah,
    )  # fmt: skip
    assert own.n_errors == 0 and len(own.areas) == 151 and own.missing == []


def test_missing_boundaries_are_counted_in_the_regions_words(packs):
    """An 11.73 file without its last two desa: "2 desa tidak punya batas", fix names all 68."""
    pack = packs["11.73"][1]
    placed = with_points(pack.kelurahan)
    plan = read_boundaries(
        boundary_file(placed.iloc[:-2]), "x.geojson", build_catalogue(pack).areas,
        pack.kelurahan, region=pack.wilayah,
    )  # fmt: skip
    warning = plan.problems.loc[plan.problems["pesan"].str.contains("tidak punya batas")]
    assert warning["pesan"].iloc[0].startswith("3 desa tidak punya batas")  # 2 + the unplaced
    assert warning["saran"].iloc[0] == "Unggah berkas yang memuat ke-68 desa Kota Lhokseumawe."


@pytest.fixture()
def peta_on(packs, tmp_path, monkeypatch):
    """AppTest of the Peta page on a pack with its synthetic demo data (a fresh database)."""

    def start(kode: str) -> AppTest:
        monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(packs[kode][0]))
        monkeypatch.setenv("DASBOR_DB_URL", f"sqlite:///{tmp_path / 'peta.sqlite'}")
        monkeypatch.setenv("DASBOR_DEMO", "1")
        st.cache_resource.clear()
        st.cache_data.clear()
        at = AppTest.from_file(APP, default_timeout=120)
        at.run()
        at.switch_page(str(ROOT / "pages/peta.py"))
        at.run()
        return at

    yield start
    st.cache_resource.clear()
    st.cache_data.clear()


def test_peta_page_names_the_desa_without_a_point(peta_on, packs):
    """11.73 on the Peta page: no exception, and the warning names its unplaced desa."""
    at = peta_on("11.73")
    assert not at.exception
    name = without_points(packs["11.73"][1].kelurahan)[s.KELURAHAN].iloc[0]
    notes = [w.value for w in at.warning if "tidak ada titik label" in w.value]
    assert len(notes) == 1 and name in notes[0]


SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"


@pytest.mark.browser
def test_peta_in_the_browser_for_852_desa(packs, tmp_path, monkeypatch):
    """Aceh Utara's Peta at 1366×768 in chromium, offline: 852 polygons and 852 names (the
    overlapping ones hidden), the map framed on Aceh (not Jakarta); a screenshot is kept."""
    from playwright import sync_api as playwright_api
    from playwright.sync_api import expect

    from services.bootstrap import initialise

    if CHROMIUM is None:
        pytest.fail("chromium not found: run the README's test command (make test)")
    folder = packs["11.08"][0]
    url = f"sqlite:///{tmp_path / 'aceh_utara.sqlite'}"
    env = {"DASBOR_REFERENCE_DIR": str(folder), "DASBOR_DEMO": "1"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    initialise(url)[0].dispose()  # the demo data first: the server then starts within its 60 s
    port = free_port()
    proc = start_server(url, port, tmp_path / "streamlit.log", env)
    external: list[str] = []
    try:
        with playwright_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
            context.route(
                "**/*",
                lambda r: (
                    r.continue_()
                    if is_local(r.request.url)
                    else (external.append(r.request.url), r.abort())
                ),
            )
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{port}/peta")
            page.wait_for_selector(IDLE, timeout=180_000)
            frame = page.frame_locator(MAP_FRAME)
            expect(frame.locator("path.leaflet-interactive")).to_have_count(852, timeout=120_000)
            labels = frame.locator(".peta-label")
            expect(labels).to_have_count(852)
            page.wait_for_timeout(300)  # the names are sorted out once the map is ready
            visible = labels.evaluate_all(
                "els => els.filter(e => e.style.visibility === 'visible').length"
            )
            assert 5 <= visible < 852  # names only where they fit in their desa (> 100 areas)
            map_frame = next(f for f in page.frames if f != page.main_frame)
            centre = map_frame.evaluate("() => Object.values(window.map_div.getCenter())")
            assert 4.5 < centre[0] < 5.5 and 96.5 < centre[1] < 97.8  # Aceh Utara, not Jakarta
            page.locator(MAP_FRAME).scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            SCREENSHOTS.mkdir(exist_ok=True)
            page.screenshot(path=SCREENSHOTS / "peta_11.08.png")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert external == []


def test_bubbles_are_one_layer_with_area_proportional_radii(packs):
    """Counts 25 and 100: radii 4 + 20·√(25/100) = 14 and 24 px; the name in the tooltip is
    escaped; a desa without a count gets no bubble."""
    kelurahan = packs["31.01"][1].kelurahan
    areas = approximate_areas(kelurahan)
    areas.loc[0, s.KELURAHAN] = XSS
    codes = list(areas[s.KODE_KELURAHAN])
    counts = pd.DataFrame({s.KODE_KELURAHAN: codes[:3], "jumlah": [25.0, 100.0, float("nan")]})
    data = replace(map_of(kelurahan, areas), counts=counts, counts_label="Jumlah balita stunting")
    rows = bubble_rows(data)
    assert [r[2] for r in rows] == [14.0, 24.0]
    assert rows[0][3] == ("<b>&lt;img src=x onerror=alert(1)&gt;</b><br>Jumlah balita stunting: 25")


def test_peta_without_data_draws_the_outlines(peta_on):
    """Kota Kupang without --demo (no data at all): the Peta page says there is no data yet and
    still draws the kelurahan outlines (a map component), not nothing."""
    at = peta_on("53.71")
    assert not at.exception
    assert any(i.value.startswith("Belum ada data indikator") for i in at.info)
    assert [c.value for c in at.caption if c.value.startswith("Belum ada data: peta")] == [
        "Belum ada data: peta menampilkan batas kelurahan tanpa warna. Warna muncul setelah data "
        "diunggah."
    ]
    assert len(at.get("iframe")) + len(at.get("component_instance")) >= 1


def test_many_areas_label_only_where_the_name_fits(packs, ref):
    """Above ``MANY_AREAS`` areas each label row carries its area's box (degrees), so the
    declutter shows a name only where it fits; North Jakarta's 31 rows stay [lat, lon, name,
    rank]."""
    from charts.maps import MANY_AREAS, label_rows

    big = approximate_areas(packs["11.08"][1].kelurahan)
    rows = label_rows(big)
    assert len(big) > MANY_AREAS and {len(r) for r in rows} == {6}
    first = big.iloc[[0]]
    minx, miny, maxx, maxy = first.total_bounds
    assert rows[0][4:] == [round(maxx - minx, 5), round(maxy - miny, 5)]
    assert {len(r) for r in label_rows(approximate_areas(ref.kelurahan))} == {4}


def test_legend_goes_to_the_emptiest_corner_for_many_areas():
    """A grid of unit squares x 0–9, y 0–11 without the 12 of x ≥ 7, y ≥ 8: 108 areas in a
    10 × 12 extent. Corner boxes (centres): west x ≤ 3.33 → columns 0–2, east x ≥ 6.67 → 7–9,
    south y ≤ 4.8 → rows 0–4, north y ≥ 7.2 → rows 7–11. SW, SE, NW hold 3 × 5 = 15 centres
    each, NE only row 7 of columns 7–9 = 3: the compact, collapsible legend goes north-east.
    31 areas keep North Jakarta's plain legend."""
    from shapely.geometry import box

    from charts.maps import legend_corner, legend_html

    cells = [(x, y) for x in range(10) for y in range(12)]
    cells = [(x, y) for x, y in cells if not (x >= 7 and y >= 8)]  # the north-east emptied
    areas = gpd.GeoDataFrame(
        {
            s.KODE_KELURAHAN: [f"k{i}" for i in range(len(cells))],
            s.KELURAHAN: [f"D{i}" for i in range(len(cells))],
            s.KECAMATAN: "K",
            s.KODE_KECAMATAN: "k",
        },
        geometry=[box(x, y, x + 1, y + 1) for x, y in cells],
    )
    assert len(areas) > 100
    assert legend_corner(areas) == "ne"
    kelurahan = areas.drop(columns="geometry")
    legend = legend_html(map_of(kelurahan, areas))
    assert legend.startswith('<details open class="peta-legend peta-compact peta-ne">')
    assert '<div class="peta-legend">' in legend_html(map_of(kelurahan.head(31), areas.head(31)))
