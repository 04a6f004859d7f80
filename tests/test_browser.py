"""Real-browser tests: Debian chromium (Playwright) against `streamlit run` on a free port.

Every request that leaves localhost is recorded and aborted; a test fails if any was made.
Screenshots go to tests/screenshots/ (git-ignored).
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
from playwright import sync_api as playwright_api
from playwright.sync_api import expect

from settings import REFERENCE_DIR
from store.database import Store
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, free_port, is_local, start_server
from tests.ingest_files import pdf as whole_pdf
from tests.ingest_files import recap_xlsx
from tests.oidc_provider import OidcProvider
from tests.stored import values_db

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
XSS = "<img src=x onerror=alert(1)>"

if CHROMIUM is None:
    pytest.fail("chromium not found: run the README's test command (make test)", pytrace=False)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@contextmanager
def running(
    db_url: str, tmp_path: Path, env: dict[str, str] | None = None, port: int | None = None
):
    """A fresh ``streamlit run`` on a free port (or ``port``) for the database; yields its
    base URL."""
    port = port or free_port()
    proc = start_server(db_url, port, tmp_path / "streamlit.log", env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    with running(demo_db, tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.fixture()
def page(browser):
    """A page in a fresh context that blocks and records every non-localhost request."""
    context = browser.new_context(viewport={"width": 1400, "height": 2400}, locale="id-ID")
    external: list[str] = []

    def guard(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.external_requests = external
    yield pg
    context.close()


def open_page(page, url: str, name: str):
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


PASSWORD = "sandi-rahasia-1"


def sign_in(page, url: str, db_url: str) -> None:
    """Create the editor 'rina' in the database and sign in on the Masuk page; the session
    cookie keeps the browser context signed in across page loads."""
    store = Store(db_url)
    if "rina" not in set(store.users()["nama_pengguna"]):
        store.add_user("rina", "editor", "cli:test", PASSWORD, "Rina")
    store.dispose()
    page.goto(f"{url}/masuk")
    page.wait_for_selector(IDLE, timeout=60_000)
    page.get_by_label("Nama pengguna").fill("rina")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_text("Masuk sebagai").first).to_be_visible(timeout=30_000)
    page.wait_for_selector(IDLE)
    page.wait_for_function("document.cookie.includes('dasbor_sesi=')")  # set by a script


def save(page, scope, button: str, confirmation: str, timeout: int = 60_000) -> None:
    """Press a save button inside ``scope`` and wait for its confirmation text."""
    scope.get_by_role("button", name=button).click()
    expect(page.get_by_text(confirmation)).to_be_visible(timeout=timeout)


def assert_clean(page):
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.external_requests == [], f"requests outside localhost: {page.external_requests}"


def test_first_visit_to_a_page_url_goes_through_the_router(browser, demo_db, tmp_path, page):
    """On a fresh server, a bookmarked page URL still gets the router: nav titles and filters."""
    with running(demo_db, tmp_path) as url:
        open_page(
            page, f"{url}/ringkasan?tahun=2022&periode=Triwulan+III+2022", "ringkasan_url_langsung"
        )
        # The first run on a fresh server is rerouted through app.py (ui/router.py): wait for it.
        header = page.locator("header[data-testid='stHeader']")  # the menu: titles, not files
        expect(header.get_by_text("Kelola data")).to_be_visible(timeout=30_000)
        expect(page.locator("[data-testid='stSidebar']").get_by_text("Periode")).to_be_visible()
        expect(page.get_by_text("Kota Jakarta Utara · Triwulan III 2022")).to_be_visible()
        expect(page.get_by_text("Ke-4 dari 8")).to_be_visible(timeout=30_000)  # drawn last
        page.screenshot(path=SCREENSHOTS / "ringkasan_url_langsung.png", full_page=True)
        assert_clean(page)


def test_ringkasan_in_the_browser(server, page):
    """Ringkasan shows cards, the badge, the 31-row ranking and the plotly trend, offline."""
    open_page(page, f"{server}/", "ringkasan")
    for text in (
        "Ringkasan",
        "Data contoh (sintetis)",
        "Prevalensi stunting (e-PPGBM)",
        "Perubahan sejak 2022",
        "Kelurahan lokus 2025",
        "Tahap aksi konvergensi 2025",
        "Peringkat kelurahan menurut prevalensi stunting",
        "Triwulan IV 2025",
    ):
        expect(page.get_by_text(text).filter(visible=True).first).to_be_visible()
    # The ranking grid is drawn on a canvas; its accessibility table holds the cell texts.
    grid = page.locator("[data-testid='stDataFrame']").first
    expect(grid.locator("[role='row']")).to_have_count(32, timeout=30_000)
    cells = grid.locator("[role='gridcell']").all_text_contents()
    assert cells.count("★ Lokus") == 7
    assert "Warakas" in cells and "Kelapa Gading Barat" in cells
    chart = page.locator(".js-plotly-plot").first
    expect(chart.locator(".scatterlayer .trace")).to_have_count(3, timeout=30_000)
    page.screenshot(path=SCREENSHOTS / "ringkasan.png", full_page=True)
    assert_clean(page)


def test_kecamatan_filter_in_the_browser(server, page):
    """Choosing a kecamatan in the sidebar recomputes the page and is kept in the URL."""
    open_page(page, f"{server}/", "ringkasan_awal")
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").nth(2).click()
    page.get_by_role("option", name="Koja").click()
    page.wait_for_selector(IDLE, timeout=60_000)
    page.get_by_text("Kecamatan Koja ·").first.wait_for(timeout=30_000)
    expect(page).to_have_url(re.compile(r"kecamatan=Koja"))
    page.screenshot(path=SCREENSHOTS / "ringkasan_koja.png", full_page=True)
    assert_clean(page)


def test_referensi_in_the_browser(server, page):
    """Data Referensi lists the reference tables, offline."""
    open_page(page, f"{server}/referensi", "referensi")
    catalogue = f"Katalog indikator ({len(pd.read_csv(REFERENCE_DIR / 'indikator.csv'))})"
    for text in ("Data referensi", "Kelurahan (31)", catalogue, "Lokus per tahun"):
        expect(page.get_by_text(text).filter(visible=True).first).to_be_visible()
    page.get_by_role("tab", name=catalogue).click()
    page.get_by_text("Target lain dari sumber berbeda").wait_for(timeout=10_000)
    page.screenshot(path=SCREENSHOTS / "referensi_indikator.png", full_page=True)
    page.get_by_role("tab", name="Kerangka aksi konvergensi").click()
    page.get_by_text("Skema 2025 (SE Mendagri").first.wait_for(timeout=10_000)
    page.screenshot(path=SCREENSHOTS / "referensi_kerangka.png", full_page=True)
    assert_clean(page)


def upload_indicators(page, url: str, db_url: str, path) -> None:
    """Sign in as an editor and give ``path`` to the Data page's indicator uploader."""
    sign_in(page, url, db_url)
    open_page(page, f"{url}/data", "data_awal")
    uploader = page.locator("[data-testid='stFileUploader']").filter(has_text="Berkas indikator")
    # Streamlit's English button and limit are drawn over in Indonesian; the limit is labelled.
    expect(uploader).to_contain_text("maks. 50 MB")
    shown = uploader.evaluate("""e => [e.querySelector('button p'),
        e.querySelector("[data-testid='stFileUploaderDropzoneInstructions'] span")]
        .map(x => [getComputedStyle(x).fontSize, getComputedStyle(x, '::after').content])""")
    assert shown == [["0px", '"Pilih berkas"'], ["0px", '"atau seret berkas ke sini"']]
    uploader.locator("input[type=file]").set_input_files(str(path))


def test_upload_xlsx_in_the_browser(browser, demo_copy, tmp_path, page):
    """A real .xlsx goes through the browser: dry run, then Simpan stores it and the history shows it."""
    workbook = tmp_path / "rekap_tw2.xlsx"
    workbook.write_bytes(recap_xlsx())
    with running(demo_copy, tmp_path) as url:
        upload_indicators(page, url, demo_copy, workbook)
        expect(page.get_by_text("Hasil uji coba — belum ada yang disimpan")).to_be_visible(
            timeout=60_000
        )
        page.wait_for_selector(IDLE)
        expect(page.get_by_text("Masalah: 2 galat, 1 peringatan")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "data_uji_coba.png", full_page=True)
        page.get_by_text("Simpan 7 nilai yang valid saja").click()
        page.wait_for_selector(IDLE)
        page.get_by_role("button", name="Simpan").click()
        expect(
            page.get_by_text("Tersimpan sebagai dataset #3: 7 nilai dari rekap_tw2.xlsx.")
        ).to_be_visible(timeout=60_000)
        page.wait_for_selector(IDLE)
        page.get_by_role("tab", name="Riwayat unggahan").click()
        expect(page.get_by_text("Catatan perubahan")).to_be_visible()
        picker = page.locator("[data-testid='stSelectbox']").filter(has_text="Dataset")
        expect(picker.locator("input")).to_have_value("#3 · rekap_tw2.xlsx")
        expect(page.get_by_text("Status dataset ini: aktif")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "data_riwayat.png", full_page=True)
        with page.expect_download() as download:  # the archived bytes are read on this click
            page.get_by_role("button", name="Unduh berkas asli").click()
        assert Path(download.value.path()).read_bytes() == workbook.read_bytes()
        assert download.value.suggested_filename == "rekap_tw2.xlsx"
        # Rolled back: the status is said afresh and the restore needs its own confirmation.
        page.get_by_text("Saya yakin: nilai dataset #3").click()
        page.wait_for_selector(IDLE)
        page.get_by_role("button", name="Batalkan unggahan ini").click()
        expect(page.get_by_text("Status dataset ini: dibatalkan")).to_be_visible(timeout=60_000)
        page.wait_for_selector(IDLE)
        sure = page.get_by_role("checkbox", name=re.compile("Saya yakin: nilai dataset #3"))
        expect(sure).not_to_be_checked()
        expect(page.get_by_role("button", name="Pulihkan dataset ini")).to_be_disabled()
        page.set_viewport_size({"width": 1366, "height": 768})
        page.screenshot(path=SCREENSHOTS / "data_riwayat_dibatalkan.png")
        assert_clean(page)
    con = values_db(demo_copy)
    assert con.execute("select count(*) from indicator_value where dataset_id = 3").fetchone() == (
        7,
    )
    con.close()


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (typed, then chosen from the list)."""
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label)
    box.locator("input").click()
    box.locator("input").fill(option)
    page.get_by_role("option", name=re.compile(re.escape(option))).first.click()


def test_office_workbook_mapping_step_save_and_indikator(browser, demo_copy, tmp_path, page):
    """An office recap ('Cakupan TTD' merged over Pembilang/Penyebut, which fits SPE02, SPE03
    and SKI02) stops for one choice in the mapping step; chosen as SPE03 and saved, its values
    are what the Indikator page downloads for Warakas."""
    from tests.office_corpus import grouped_ambiguous_xlsx

    office = grouped_ambiguous_xlsx()
    workbook = tmp_path / office.name
    workbook.write_bytes(office.data)
    page.set_viewport_size({"width": 1366, "height": 768})
    with running(demo_copy, tmp_path) as url:
        upload_indicators(page, url, demo_copy, workbook)
        page.get_by_role("textbox", name="Periode (bila berkas tidak punya kolom periode)").fill(
            "Triwulan IV 2025"
        )
        page.keyboard.press("Enter")
        expect(page.get_by_text("Langkah pemetaan", exact=True)).to_be_visible(timeout=60_000)
        page.wait_for_selector(IDLE)
        expect(page.get_by_text("1 kolom atau nama indikator belum dikenali")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "data_pemetaan.png", full_page=True)
        choose(page, "Indikator 'Cakupan TTD'", "SPE03")
        page.get_by_role("button", name="Periksa ulang dengan pilihan ini").click()
        page.wait_for_selector(IDLE)
        expect(page.get_by_text("1 kolom atau nama indikator belum dikenali")).to_have_count(0)
        page.screenshot(path=SCREENSHOTS / "data_pemetaan_dipilih.png", full_page=True)
        page.get_by_role("button", name="Simpan", exact=True).click()
        expect(page.get_by_text("Tersimpan sebagai dataset #3: 62 nilai")).to_be_visible(
            timeout=60_000
        )
        page.wait_for_selector(IDLE)
        # By its link: a picker change shows the new choice before the rerun starts, so a
        # download clicked "when idle" could still hold the previous run's data.
        open_page(page, f"{url}/indikator?indikator=SPE03", "indikator_spe03_awal")
        picker = page.locator("[data-testid='stMultiSelect']").filter(has_text="Indikator")
        expect(picker).to_contain_text("SPE03")
        page.screenshot(path=SCREENSHOTS / "indikator_spe03.png", full_page=True)
        page.locator("[data-testid='stExpander']").filter(has_text="Unduh data (CSV)").locator(
            "summary"
        ).click()
        # The link's label is written back to the address bar by a rerun: click once it ended.
        page.wait_for_selector(IDLE)
        button = page.get_by_role("button", name="Unduh data (CSV)")
        expect(button).to_be_visible()
        # On a loaded machine a click can land while a rerun replaces the button (the download
        # then never starts): click again once the page is idle, at most three times.
        for attempt in range(3):
            try:
                with page.expect_download(timeout=20_000) as download:
                    button.click()
                break
            except playwright_api.TimeoutError:
                if attempt == 2:
                    raise
                page.wait_for_selector(IDLE)
        table = pd.read_csv(download.value.path(), sep=";", decimal=",", encoding="utf-8-sig")
        assert_clean(page)
    row = table.loc[
        (table["Wilayah"] == "Warakas")
        & (table["Kode indikator"] == "SPE03")
        & (table["Periode"] == "Triwulan IV 2025")
    ]
    expected = office.expected
    warakas = expected.loc[
        (expected["kode_wilayah"] == "31.72.02.1007") & (expected["kode_indikator"] == "SPE03")
    ].iloc[0]
    assert row[["Pembilang", "Penyebut"]].values.tolist() == [
        [warakas["pembilang"], warakas["penyebut"]]
    ], table.head(3).to_dict("records")


def test_indicator_file_going_bad_is_refused_in_the_browser(browser, demo_copy, tmp_path, page):
    """1,000 good rows, then 14 MB of garbage: the check stops after the first block and says
    so above the problem table; nothing can be stored."""
    from tests.hostile_corpus import MB, indicators_then_garbage

    path = tmp_path / "indikator_rusak.csv"
    with open(path, "wb") as target:
        indicators_then_garbage(target, 14 * MB)
    with running(demo_copy, tmp_path) as url:
        upload_indicators(page, url, demo_copy, path)
        expect(page.get_by_text("pemeriksaan dihentikan").first).to_be_visible(timeout=60_000)
        page.wait_for_selector(IDLE)
        expect(page.get_by_role("button", name="Simpan")).to_have_count(0)
        expect(page.get_by_text("Tambahkan indikator baru ke katalog")).to_have_count(0)
        page.screenshot(path=SCREENSHOTS / "data_dihentikan.png", full_page=True)
        assert_clean(page)


def test_indikator_charts_in_the_browser(server, page):
    """Bar chart (31 kelurahan), trend (3 lines) and heatmap render offline."""
    open_page(page, f"{server}/indikator", "indikator")
    expect(
        page.get_by_text("SPE02 · Ibu hamil mengonsumsi TTD minimal 90 tablet").first
    ).to_be_visible()
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(3, timeout=30_000)
    expect(charts.nth(0).locator(".barlayer .point")).to_have_count(31, timeout=30_000)
    expect(charts.nth(1).locator(".scatterlayer .trace")).to_have_count(3)
    expect(charts.nth(2).locator(".heatmaplayer image, .hm image").first).to_be_attached()
    page.screenshot(path=SCREENSHOTS / "indikator.png", full_page=True)
    assert_clean(page)


def test_pengukuran_plausibility_and_standard_tables_in_the_browser(server, page):
    """The quality tab shows the plausibility report of the month and of kota, kecamatan and
    kelurahan side by side; the standard tab shows WHO's table of 21 groups."""
    open_page(page, f"{server}/pengukuran", "pengukuran_awal_plausibilitas")
    page.get_by_role("tab", name="Kualitas data").click()
    expect(page.get_by_text("Plausibilitas per wilayah")).to_be_visible(timeout=30_000)
    page.wait_for_selector(IDLE)
    page.screenshot(path=SCREENSHOTS / "pengukuran_plausibilitas.png", full_page=True)
    page.get_by_role("tab", name="Tabel standar WHO").click()
    expect(page.get_by_text("Unduh tabel standar dan plausibilitas (XLSX)")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "pengukuran_tabel_standar.png", full_page=True)
    assert_clean(page)


def test_situasi_and_profil_in_the_browser(server, page):
    """The priority ranking lists 31 kelurahan; a profile link (?kelurahan=…) opens that profile."""
    open_page(page, f"{server}/situasi", "situasi")
    grid = page.locator("[data-testid='stDataFrame']").first
    expect(grid.locator("[role='row']")).to_have_count(32, timeout=30_000)
    expect(page.get_by_text("Rekomendasi lokus tahun 2026")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "situasi.png", full_page=True)
    assert_clean(page)
    open_page(page, f"{server}/profil?kelurahan=Kebon%20Bawang", "profil")  # as the links encode it
    expect(
        page.get_by_text("Kecamatan Tanjung Priok · Triwulan IV 2025 · ★ lokus 2022")
    ).to_be_visible()
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(2, timeout=30_000)  # the trend, then the trajectory
    expect(charts.first.locator(".scatterlayer .trace")).to_have_count(2)  # kelurahan and kota
    page.screenshot(path=SCREENSHOTS / "profil.png", full_page=True)
    assert_clean(page)


MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"


def test_peta_offline_tooltip_click_and_escaping(browser, demo_db, tmp_path, page):
    """With every non-localhost request blocked: 31 polygons, the legend and the approximate-
    boundary note are drawn; hovering shows the tooltip; clicking shows the kelurahan beside the
    map with a link to its profile; a kelurahan named like an XSS attack shows as text."""
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, reference)
    kel = pd.read_csv(reference / "kelurahan.csv", dtype=str, keep_default_na=False)
    kel.loc[kel["kode_kelurahan"] == "31.72.02.1007", "kelurahan"] = XSS
    kel.to_csv(reference / "kelurahan.csv", index=False)
    alerts = []
    page.on("dialog", lambda d: (alerts.append(d.message), d.dismiss()))
    with running(demo_db, tmp_path, {"DASBOR_REFERENCE_DIR": str(reference)}) as url:
        open_page(page, f"{url}/peta", "peta")
        frame = page.frame_locator(MAP_FRAME)
        polygons = frame.locator("path.leaflet-interactive")
        expect(polygons).to_have_count(31, timeout=60_000)
        expect(frame.get_by_text("Batas perkiraan — unggah batas resmi")).to_be_visible()
        expect(frame.get_by_text(XSS).first).to_be_attached()  # the name, as text
        assert frame.locator("img[src='x']").count() == 0
        target = polygons.nth(20)
        target.hover()
        expect(frame.locator(".leaflet-tooltip").first).to_contain_text("Sumber: e-PPGBM")
        target.click()
        link = page.get_by_role("link", name=re.compile("Buka profil"))
        expect(link).to_be_visible(timeout=30_000)
        name = link.inner_text().split("Buka profil")[-1].strip()
        page.screenshot(path=SCREENSHOTS / "peta.png", full_page=True)
        assert alerts == []
        assert_clean(page)
        link.click()
        expect(page.get_by_text("Profil kelurahan").first).to_be_visible(timeout=30_000)
        expect(page.get_by_text(f"Tren prevalensi stunting: {name} dibanding kota")).to_be_visible(
            timeout=30_000
        )


SHARED_GEO = (
    Path(__file__).resolve().parents[2] / "shared" / "geo" / "jakarta_utara_kelurahan.geojson"
)


@pytest.mark.skipif(not SHARED_GEO.exists(), reason="../shared/geo not present on this machine")
def test_boundary_import_in_the_browser_then_the_map_uses_it(browser, demo_copy, tmp_path, page):
    """The real polygons uploaded on Data → Batas wilayah are saved and drawn on the Peta."""
    with running(demo_copy, tmp_path) as url:
        sign_in(page, url, demo_copy)
        open_page(page, f"{url}/data", "data_batas_awal")
        page.get_by_role("tab", name="Batas wilayah").click()
        uploader = page.locator("[data-testid='stFileUploader']").filter(has_text="Berkas batas")
        uploader.locator("input[type=file]").set_input_files(str(SHARED_GEO))
        expect(page.get_by_text("31 dari 31 kelurahan cocok · 31 fitur dibaca")).to_be_visible(
            timeout=60_000
        )
        page.wait_for_selector(IDLE)
        save(page, page, "Simpan batas", "Batas tersimpan sebagai versi #1")
        # The file name is escaped for markdown (text.fmt.md_text) yet reads as it was written.
        expect(
            page.get_by_text("Dipakai di peta: versi #1 (jakarta_utara_kelurahan.geojson).")
        ).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "data_batas.png", full_page=True)
        open_page(page, f"{url}/peta", "peta_resmi")
        frame = page.frame_locator(MAP_FRAME)
        expect(frame.locator("path.leaflet-interactive")).to_have_count(31, timeout=60_000)
        expect(
            frame.get_by_text("Batas resmi dari jakarta_utara_kelurahan.geojson")
        ).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "peta_resmi.png", full_page=True)
        assert_clean(page)


def test_aksi_charts_in_the_browser(server, page):
    """The 2022 stage header and the three aksi charts render offline."""
    open_page(page, f"{server}/aksi?tahun_aksi=2022", "aksi")
    expect(page.get_by_text("Tahun 2022: tahap ke-4 dari 8")).to_be_visible(timeout=30_000)
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(3, timeout=30_000)
    expect(charts.nth(0).locator(".barlayer .point")).to_have_count(8)
    page.screenshot(path=SCREENSHOTS / "aksi.png", full_page=True)
    assert_clean(page)


def test_aksi_evidence_upload_in_the_browser(browser, demo_copy, tmp_path, page):
    """A file with a path and odd characters in its name is kept under a safe name."""
    pdf = tmp_path / "Notulen <rembuk> 2025.pdf"
    pdf.write_bytes(whole_pdf(b"notulen rembuk stunting"))
    with running(demo_copy, tmp_path) as url:
        sign_in(page, url, demo_copy)
        open_page(page, f"{url}/aksi?tahun_aksi=2025", "aksi_bukti_awal")
        # The progress editor shows an empty cell as empty, not Streamlit's English "None".
        page.get_by_text("Perbarui progres 2025").click()
        editor = page.locator("[data-testid='stDataFrame']").filter(visible=True).last
        expect(editor).to_contain_text("2025-02-01", timeout=30_000)
        cells = editor.locator("[role='gridcell']").all_text_contents()
        assert "" in cells and "None" not in cells
        page.screenshot(path=SCREENSHOTS / "aksi_editor.png")
        page.get_by_text("Berkas bukti").first.click()
        box = page.locator("[data-testid='stExpander']").filter(has_text="Nama berkas dibersihkan")
        box.locator("input[type=file]").set_input_files(str(pdf))
        page.wait_for_selector(IDLE)
        save(page, box, "Simpan bukti", "Bukti Notulen_rembuk_2025.pdf disimpan")
        page.wait_for_selector(IDLE)
        # The expander stays open after the rerun (the message has its own slot above).
        button = page.get_by_role("button", name=re.compile("Notulen_rembuk_2025.pdf"))
        expect(button).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "aksi_bukti.png", full_page=True)
        with page.expect_download() as download:  # the bytes are read on this click only
            button.click()
        assert Path(download.value.path()).read_bytes() == pdf.read_bytes()
        assert download.value.suggested_filename == "Notulen_rembuk_2025.pdf"
        assert_clean(page)


def test_aksi_import_in_the_browser(browser, demo_copy, tmp_path, page):
    """An exported year, edited in a spreadsheet, is checked (dry run) then saved and logged."""
    from ingest.aksi_file import export_frame
    from store.database import Store
    from text.files import to_xlsx_bytes

    store = Store(demo_copy)
    rows = store.aksi_progress().query("tahun == 2025")
    store.dispose()
    sheet = export_frame(rows.sort_values("id")).astype(object)
    aksi4 = sheet.index[(sheet["Aksi"] == 4) & sheet["Tahapan"].isna() & sheet["Kelurahan"].isna()]
    sheet.loc[aksi4[0], "Catatan"] = "Dijadwalkan ulang di rembuk"
    workbook = tmp_path / "progres_aksi_2025.xlsx"
    workbook.write_bytes(to_xlsx_bytes({"aksi_2025": sheet}))
    with running(demo_copy, tmp_path) as url:
        sign_in(page, url, demo_copy)
        open_page(page, f"{url}/aksi?tahun_aksi=2025", "aksi_impor_awal")
        page.get_by_text("Unduh / impor progres").click()
        box = (
            page.locator("[data-testid='stExpander']")
            .filter(has_text="Simpan impor")
            .or_(page.locator("[data-testid='stExpander']").filter(has_text="Impor progres"))
            .first
        )
        box.locator("input[type=file]").set_input_files(str(workbook))
        expect(page.get_by_text("Uji coba: 1 isian akan berubah.")).to_be_visible(timeout=30_000)
        page.wait_for_selector(IDLE)
        page.screenshot(path=SCREENSHOTS / "aksi_impor_uji.png", full_page=True)
        save(page, box, "Simpan impor", "1 isian disimpan dan dicatat di log perubahan.")
        page.screenshot(path=SCREENSHOTS / "aksi_impor.png", full_page=True)
        assert_clean(page)
    store = Store(demo_copy)
    log = store.aksi_audit()
    store.dispose()
    assert log[["oleh", "kolom", "nilai_baru"]].iloc[0].tolist() == [
        "rina",
        "catatan",
        "Dijadwalkan ulang di rembuk",
    ]


def upload_measurements(page, url: str, db_url: str, path) -> None:
    """Sign in, open Pengukuran Balita's upload tab and choose the file at ``path``."""
    sign_in(page, url, db_url)
    open_page(page, f"{url}/pengukuran", "pengukuran_awal")
    page.get_by_role("tab", name="Unggah rekaman").click()
    uploader = page.locator("[data-testid='stFileUploader']")
    uploader.locator("input[type=file]").set_input_files(str(path))


def test_pengukuran_file_going_bad_is_refused_in_the_browser(browser, demo_copy, tmp_path, page):
    """1,000 good rows, then 14 MB of garbage: the check stops after the first block and says
    so; nothing can be stored."""
    from tests.hostile_corpus import CHILD, MB, UKUR_HEADER, write_size

    path = tmp_path / "eppgbm_rusak.csv"
    good = (";".join(CHILD + [""] * 12) + "\n").encode()
    with open(path, "wb") as target:
        write_size(target, 14 * MB, UKUR_HEADER + good * 1_000, 6, 5)
    with running(demo_copy, tmp_path) as url:
        upload_measurements(page, url, demo_copy, path)
        expect(page.get_by_text("pemeriksaan dihentikan").first).to_be_visible(timeout=60_000)
        page.wait_for_selector(IDLE)
        expect(page.get_by_role("button", name="Simpan rekaman")).to_have_count(0)
        page.screenshot(path=SCREENSHOTS / "pengukuran_dihentikan.png", full_page=True)
        assert_clean(page)


def test_pengukuran_upload_and_charts_in_the_browser(browser, demo_copy, tmp_path, page, ref):
    """An e-PPGBM export goes through the browser: dry run names the dropped personal columns,
    Simpan stores the records without them, and the prevalence chart (with a hostile posyandu
    name) and the HAZ histogram render offline."""
    from demo.measurements import eppgbm_export, synthetic_measurements
    from store.growth import growth_tables

    kel = ref.kelurahan.loc[ref.kelurahan["kelurahan"].isin(["Warakas", "Semper Barat"])]
    records = synthetic_measurements(growth_tables(), kel, set(), 40, [(2025, 9)])
    export = eppgbm_export(records, ref.kelurahan)
    export.loc[0, "Posyandu"] = XSS
    path = tmp_path / "eppgbm_september.csv"
    export.to_csv(path, index=False)
    with running(demo_copy, tmp_path) as url:
        upload_measurements(page, url, demo_copy, path)
        expect(page.get_by_text("Hasil pemeriksaan (belum disimpan)")).to_be_visible(timeout=60_000)
        page.wait_for_selector(IDLE)
        expect(
            page.get_by_text("Kolom data pribadi dibuang sebelum disimpan: NIK, Nama, Nama Ortu")
        ).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "pengukuran_uji.png", full_page=True)
        save(page, page, "Simpan rekaman", "80 rekaman")
        page.wait_for_selector(IDLE)
        page.goto(f"{url}/pengukuran?ukur_periode=2025-09")
        page.wait_for_selector(IDLE, timeout=60_000)
        page.wait_for_load_state("networkidle")
        chart = page.locator("[data-testid='stPlotlyChart']").first
        expect(chart.locator("g.point")).to_have_count(2)
        expect(page.get_by_text("Sebaran z-skor TB/U: rerata")).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "pengukuran.png", full_page=True)
        assert_clean(page)
    with sqlite3.connect(demo_copy.removeprefix("sqlite:///")) as con:
        posyandu = con.execute("select posyandu from pengukuran where posyandu like '<img%'")
        assert posyandu.fetchall() == [(XSS,)]
    raw = Path(demo_copy.removeprefix("sqlite:///")).read_bytes()
    for personal in (export.loc[3, "NIK"], export.loc[3, "Nama"], export.loc[3, "Nama Ortu"]):
        assert personal.encode() not in raw


def shots(page, name: str) -> None:
    """``name``.png at the projector's 1366×768 and ``name``_penuh.png at 1366×2400 (the main
    area scrolls inside the page, so a tall window shows all of it)."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.screenshot(path=SCREENSHOTS / f"{name}.png")
    page.set_viewport_size({"width": 1366, "height": 2400})
    page.screenshot(path=SCREENSHOTS / f"{name}_penuh.png")
    page.set_viewport_size({"width": 1366, "height": 768})


def test_pengukuran_smaller_month_is_warned_and_saved_once_in_the_browser(
    browser, demo_copy, tmp_path, page, ref
):
    """A 5-child Warakas export for Agustus 2025 (150 stored): the dry run warns that Warakas
    loses more than a fifth and waits for a choice; saved for Warakas only, no traceback, and
    no "Simpan rekaman" after the Prevalensi tab, a page switch, or the same file again."""
    from demo.measurements import eppgbm_export, synthetic_measurements
    from store.growth import growth_tables

    kel = ref.kelurahan.loc[ref.kelurahan["kelurahan"] == "Warakas"]
    records = synthetic_measurements(growth_tables(), kel, set(), 5, [(2025, 8)])
    path = tmp_path / "eppgbm_warakas_agustus.csv"
    eppgbm_export(records, ref.kelurahan).to_csv(path, index=False)
    page.set_viewport_size({"width": 1366, "height": 768})
    save_button = page.get_by_role("button", name="Simpan rekaman")
    with running(demo_copy, tmp_path) as url:
        upload_measurements(page, url, demo_copy, path)
        expect(page.get_by_text("akan kehilangan lebih dari seperlima")).to_be_visible(
            timeout=60_000
        )
        page.wait_for_selector(IDLE)
        expect(page.get_by_text("Warakas Agustus 2025 (150 → 5)").first).to_be_visible()
        expect(save_button).to_be_disabled()
        page.get_by_text("Hanya kelurahan yang ada di berkas").click()
        page.wait_for_selector(IDLE)
        expect(save_button).to_be_enabled()
        page.get_by_text("akan kehilangan lebih dari seperlima").scroll_into_view_if_needed()
        shots(page, "pengukuran_ganti_uji")
        save(page, page, "Simpan rekaman", "Tersimpan sebagai dataset #3: 5 rekaman")
        page.wait_for_selector(IDLE)
        shots(page, "pengukuran_ganti_tersimpan")
        assert_clean(page)
        page.get_by_role("tab", name="Prevalensi").click()
        page.wait_for_selector(IDLE)
        page.get_by_role("tab", name="Unggah rekaman").click()
        page.wait_for_selector(IDLE)
        expect(save_button).to_have_count(0)
        page.get_by_text("Kelola data", exact=True).click()  # the menu in the header
        page.get_by_role("menuitem", name="Data", exact=True).click()
        page.wait_for_selector(IDLE)
        page.get_by_text("Analisis", exact=True).click()
        page.get_by_role("menuitem", name="Pengukuran Balita").click()
        page.wait_for_selector(IDLE)
        page.get_by_role("tab", name="Unggah rekaman").click()
        page.locator("[data-testid='stFileUploader'] input[type=file]").set_input_files(str(path))
        expect(page.get_by_text("Berkas ini sudah disimpan sebagai dataset #3 pada")).to_be_visible(
            timeout=60_000
        )
        page.wait_for_selector(IDLE)
        expect(save_button).to_have_count(0)
        shots(page, "pengukuran_ganti_sudah_disimpan")
        assert_clean(page)
    with sqlite3.connect(demo_copy.removeprefix("sqlite:///")) as con:
        assert con.execute("select count(*) from dataset").fetchone() == (3,)


def test_program_mapping_import_and_tabs_in_the_browser(browser, demo_copy, tmp_path, page, ref):
    """The convergence matrix renders offline; a spreadsheet with a new activity (hostile name)
    is checked (dry run), saved and logged; the name shows as text; every tab renders."""
    from ingest.activities import blank_template
    from text.files import to_xlsx_bytes

    sheets = blank_template(ref)
    sheets["kegiatan"].loc[0, ["Nama kegiatan", "Tahun"]] = [XSS, 2025]
    workbook = tmp_path / "kegiatan_baru.xlsx"
    workbook.write_bytes(to_xlsx_bytes(sheets))
    with running(demo_copy, tmp_path) as url:
        sign_in(page, url, demo_copy)
        open_page(page, f"{url}/program?tahun_kegiatan=2025", "program")
        chart = page.locator("[data-testid='stPlotlyChart']").first
        expect(chart.locator("g.hm")).to_have_count(1)  # the heatmap layer
        expect(page.locator("[data-testid='stMetricValue']").first).to_be_visible()
        page.screenshot(path=SCREENSHOTS / "program.png", full_page=True)  # once the chart is drawn
        before = int(page.locator("[data-testid='stMetricValue']").first.inner_text())
        for tab in ("Kesenjangan lokus", "Anggaran"):
            page.get_by_role("tab", name=tab).click()
            page.wait_for_selector(IDLE)
            page.screenshot(
                path=SCREENSHOTS / f"program_{tab.split()[0].lower()}.png", full_page=True
            )
        page.get_by_role("tab", name="Daftar kegiatan").click()
        page.get_by_text("Impor dari berkas (XLSX/CSV)").click()
        box = page.locator("[data-testid='stExpander']").filter(has_text="Berkas daftar kegiatan")
        box.locator("input[type=file]").set_input_files(str(workbook))
        expect(page.get_by_text("Uji coba: 1 kegiatan baru, 0 isian berubah")).to_be_visible(
            timeout=30_000
        )
        page.wait_for_selector(IDLE)
        page.screenshot(path=SCREENSHOTS / "program_impor_uji.png", full_page=True)
        save(page, box, "Simpan hasil impor", "Impor disimpan: 1 kegiatan baru")
        page.wait_for_selector(IDLE)
        expect(page.locator("[data-testid='stMetricValue']").first).to_have_text(str(before + 1))
        page.get_by_role("tab", name="Daftar kegiatan").click()
        page.get_by_text("Log perubahan").click()
        page.wait_for_selector(IDLE)
        page.screenshot(path=SCREENSHOTS / "program_daftar.png", full_page=True)
        assert page.locator("img[src='x']").count() == 0
        assert_clean(page)
    with sqlite3.connect(demo_copy.removeprefix("sqlite:///")) as con:
        saved = con.execute("select nama_kegiatan, kelurahan_sasaran from kegiatan "
                            "where nama_kegiatan like '<img%'").fetchall()  # fmt: skip
        assert saved == [(XSS, "31.72.01.1001;31.72.01.1002")]  # the template's first two
        assert con.execute("select oleh, kolom from kegiatan_audit").fetchall() == [
            ("rina", "kegiatan baru")
        ]


def test_presentation_keyboard_navigation_at_projector_size(browser, demo_copy, tmp_path):
    """At 1366×768 the slideshow hides the sidebar and chrome; the arrow keys walk all ten
    slides (each screenshotted, each fitting the screen: the controls at its foot are on it)
    with the number in the URL; a URL opens its slide; a meeting note with markup is saved as
    text and stays with its slide."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="id-ID", accept_downloads=True
    )
    external: list[str] = []
    context.route(
        "**/*",
        lambda r: r.continue_() if is_local(r.request.url) else (external.append(r.request.url), r.abort()),
    )  # fmt: skip
    page = context.new_page()
    page.external_requests = external
    SCREENSHOTS.mkdir(exist_ok=True)
    with running(demo_copy, tmp_path) as url:
        sign_in(page, url, demo_copy)
        page.goto(f"{url}/presentasi")
        page.wait_for_selector(IDLE, timeout=60_000)
        expect(page.locator("[data-testid='stSidebar']")).to_be_hidden()
        expect(page.locator("header[data-testid='stHeader']")).to_be_hidden()
        headlines = []
        for number in range(1, 11):
            title = page.locator(".slide-headline, .slide-title").first
            expect(title).to_be_visible()
            if number > 1:
                expect(page).to_have_url(re.compile(rf"[?&]slide={number}\b"))
                expect(page.locator(".slide-kicker")).to_contain_text(f"{number}/10")
                box = title.bounding_box()
                assert box["y"] + box["height"] <= 768  # the message is on screen
            page.wait_for_load_state("networkidle")
            # The whole slide fits: the controls drawn below it are on the screen.
            nav = page.get_by_role("button", name=re.compile("Berikutnya")).bounding_box()
            assert nav["y"] + nav["height"] <= 768, f"slide {number} overflows"
            page.screenshot(path=SCREENSHOTS / f"presentasi_{number}.png")
            headlines.append(title.inner_text())
            page.keyboard.press("ArrowRight")
            if number < 10:  # the rerun has begun once the kicker shows the next number
                expect(page.locator(".slide-kicker")).to_contain_text(f"{number + 1}/10")
            page.wait_for_selector(IDLE)
        assert headlines[1].startswith("Prevalensi stunting membaik: turun dari")
        assert len(set(headlines)) == 10
        page.keyboard.press("ArrowLeft")
        expect(page.locator(".slide-kicker")).to_contain_text("9/10")
        page.wait_for_selector(IDLE)
        page.goto(f"{url}/presentasi?slide=7")
        page.wait_for_selector(IDLE, timeout=60_000)
        expect(page.locator(".slide-kicker")).to_contain_text("7/10")
        expect(page.locator(".slide-headline")).to_have_text(headlines[6])
        form = page.locator("[data-testid='stForm']")
        form.get_by_label("Catatan (disimpan").fill(f"Tindak lanjut Sudin {XSS}")
        save(page, form, "Simpan catatan", "Catatan tersimpan.")
        page.evaluate("document.activeElement.blur()")
        page.keyboard.press("ArrowRight")
        expect(page.locator(".slide-kicker")).to_contain_text("8/10")
        page.wait_for_selector(IDLE)
        page.keyboard.press("ArrowLeft")
        expect(page.locator(".slide-kicker")).to_contain_text("7/10")
        page.wait_for_selector(IDLE)
        note = page.get_by_label("Catatan (disimpan")
        expect(note).to_have_count(1)  # the previous slide's form is gone
        expect(note).to_have_value(f"Tindak lanjut Sudin {XSS}")
        assert page.locator("img[src='x']").count() == 0
        with page.expect_download() as download:  # the workbook carries the saved note
            page.get_by_role("button", name="Tabel Excel (.xlsx)").click()
        notes = pd.read_excel(download.value.path(), sheet_name="slide_dan_catatan")
        assert notes.loc[6, "Catatan rapat"] == f"Tindak lanjut Sudin {XSS}"
        assert_clean(page)
    context.close()
    with sqlite3.connect(demo_copy.removeprefix("sqlite:///")) as con:
        assert con.execute("select slide, teks, diubah_oleh from catatan_rapat").fetchall() == [
            ("program", f"Tindak lanjut Sudin {XSS}", "rina")
        ]


def test_sign_in_gate_audit_and_sign_out_in_the_browser(browser, demo_copy, tmp_path, page):
    """Signed out, the Data page has no uploader; after signing in it has, across a reload (the
    session cookie); the Audit page lists the sign-in; signing out closes the gate again."""
    with running(demo_copy, tmp_path) as url:
        open_page(page, f"{url}/data", "data_tanpa_masuk")
        expect(page.get_by_text("Hanya editor atau admin yang masuk").first).to_be_visible()
        expect(page.locator("[data-testid='stFileUploader']")).to_have_count(0)
        sign_in(page, url, demo_copy)
        page.screenshot(path=SCREENSHOTS / "masuk.png", full_page=True)
        open_page(page, f"{url}/data", "data_masuk")
        expect(
            page.locator("[data-testid='stSidebar']").get_by_text("Masuk sebagai")
        ).to_be_visible()
        uploader = page.locator("[data-testid='stFileUploader']").filter(
            has_text="Berkas indikator"
        )
        expect(uploader).to_have_count(1)
        open_page(page, f"{url}/audit", "audit")
        expect(page.get_by_text("Log Audit")).to_be_visible()
        grid = page.locator("[data-testid='stDataFrame']").first
        expect(grid).to_contain_text("masuk", timeout=30_000)
        page.screenshot(path=SCREENSHOTS / "audit.png", full_page=True)
        with page.expect_download() as download:
            page.get_by_role("button", name="Unduh Excel").click()
        exported = pd.read_excel(download.value.path())
        assert exported.loc[0, ["Oleh", "Jenis"]].tolist() == ["rina", "masuk"]
        sidebar = page.locator("[data-testid='stSidebar']")
        sidebar.get_by_role("button", name="Keluar").click()
        expect(sidebar.get_by_text("Masuk sebagai")).to_have_count(0, timeout=30_000)
        page.wait_for_selector(IDLE)
        open_page(page, f"{url}/data", "data_keluar")
        expect(page.locator("[data-testid='stFileUploader']")).to_have_count(0)
        assert_clean(page)
    store = Store(demo_copy)
    log = store.audit_log()
    store.dispose()
    assert log["jenis"].head(2).tolist() == ["keluar", "masuk"]


def sso_secrets(path: Path, app_url: str, idp: OidcProvider) -> dict[str, str]:
    """Write an ``[auth]`` secrets file for the provider and return the environment that makes
    it the server's only secrets file (``secrets.files``; nothing is written in the project)."""
    auth = {
        "redirect_uri": f"{app_url}/oauth2callback",
        "cookie_secret": secrets.token_urlsafe(32),
        "client_id": idp.client_id,
        "client_secret": idp.client_secret,
        "server_metadata_url": idp.metadata_url,
    }
    path.write_text("[auth]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in auth.items()))
    return {"STREAMLIT_SECRETS_FILES": str(path)}


def sso_sign_in(page, url: str, name: str) -> None:
    """Press the SSO button on the Masuk page; the provider approves at once and the browser
    comes back through /oauth2callback to the app's home page."""
    open_page(page, f"{url}/masuk", name)
    page.get_by_role("button", name="Masuk dengan akun kantor (SSO)").click()
    page.wait_for_url(f"{url}/", timeout=30_000)
    page.wait_for_selector(IDLE, timeout=60_000)


def sso_sign_out(page, url: str, where: str, button: str) -> None:
    """Press a sign-out button (in the sidebar or the page) on the Masuk page: st.logout, the
    provider's end-session endpoint, and back to the home page; a new page load is still signed
    out (the identity cookie is gone)."""
    open_page(page, f"{url}/masuk", "masuk_sso_keluar")
    page.locator(f"[data-testid='{where}']").get_by_role("button", name=button).click()
    page.wait_for_url(f"{url}/", timeout=30_000)  # from /masuk, through /auth/logout
    page.wait_for_selector(IDLE, timeout=60_000)
    open_page(page, f"{url}/masuk", "masuk_sso_sesudah_keluar")
    expect(page.get_by_role("button", name="Masuk dengan akun kantor (SSO)")).to_be_visible()
    expect(page.get_by_text("Masuk sebagai")).to_have_count(0)


def test_sso_sign_in_through_an_oidc_provider(browser, demo_copy, tmp_path, page):
    """st.login end to end against a local OIDC provider: an e-mail added with --oidc comes back
    with its editor role (uploader shown, one 'masuk' / SSO row however many pages it opens);
    an e-mail the app does not know comes back as pembaca (no uploader); an unverified e-mail
    is not signed in and is told so. Keluar (sidebar or page) signs out through st.logout."""
    editor, stranger, unverified = "editor@contoh.go.id", "tamu@contoh.go.id", "baru@contoh.go.id"
    store = Store(demo_copy)
    store.add_user(editor, "editor", "cli:test", sumber="oidc")
    store.dispose()
    port = free_port()
    app_url = f"http://127.0.0.1:{port}"
    sidebar = page.locator("[data-testid='stSidebar']")
    uploader = page.locator("[data-testid='stFileUploader']").filter(has_text="Berkas indikator")
    with OidcProvider() as idp:
        idp.redirect_uris.add(f"{app_url}/oauth2callback")
        env = sso_secrets(tmp_path / "secrets.toml", app_url, idp)
        with running(demo_copy, tmp_path, env, port) as url:
            idp.identity = {"sub": "pegawai-1", "email": editor, "email_verified": True}
            sso_sign_in(page, url, "masuk_sso")
            expect(sidebar.get_by_text("Masuk sebagai")).to_contain_text("peran: editor")
            page.screenshot(path=SCREENSHOTS / "masuk_sso_editor.png", full_page=True)
            open_page(page, f"{url}/data", "data_sso_editor")
            expect(uploader).to_have_count(1)
            open_page(page, f"{url}/audit", "audit_sso")
            expect(page.locator("[data-testid='stDataFrame']").first).to_contain_text(
                "SSO", timeout=30_000
            )
            sso_sign_out(page, url, "stSidebar", "Keluar")
            open_page(page, f"{url}/data", "data_sso_keluar")
            expect(uploader).to_have_count(0)

            idp.identity = {"sub": "tamu-7", "email": stranger, "email_verified": True}
            idp.identity["name"] = "Tamu <b>Luar</b>"  # the provider's name, shown escaped
            sso_sign_in(page, url, "masuk_sso_tamu")
            expect(sidebar.get_by_text("Masuk sebagai")).to_contain_text(
                "Tamu <b>Luar</b> (peran: pembaca)"
            )
            open_page(page, f"{url}/data", "data_sso_pembaca")
            expect(page.get_by_text("berperan pembaca").first).to_be_visible()
            expect(uploader).to_have_count(0)
            sso_sign_out(page, url, "stMain", "Keluar")

            idp.identity = {"sub": "baru-3", "email": unverified, "email_verified": False}
            sso_sign_in(page, url, "masuk_sso_belum_terverifikasi")
            expect(sidebar.get_by_text("Masuk sebagai")).to_have_count(0)
            open_page(page, f"{url}/masuk", "masuk_sso_ditolak")
            expect(page.get_by_text("tidak mengirim e-mail yang terverifikasi")).to_be_visible()
            sso_sign_out(page, url, "stMain", "Keluar dari akun SSO")
            expect(page.get_by_text("tidak mengirim e-mail yang terverifikasi")).to_have_count(0)
            assert_clean(page)
    # Three complete code flows (PKCE, client secret, signed ID token) and three logouts.
    flows = [e for e in idp.events if e[0] in ("authorize", "token", "logout")]
    assert flows == [
        ("authorize", editor), ("token", editor), ("logout", idp.client_id),
        ("authorize", stranger), ("token", stranger), ("logout", idp.client_id),
        ("authorize", unverified), ("token", unverified), ("logout", idp.client_id),
    ]  # fmt: skip
    store = Store(demo_copy)
    log = store.audit_log().fillna("")
    store.dispose()
    entries = log[log["jenis"].isin(["masuk", "gagal masuk", "keluar"])]
    assert entries[["oleh", "jenis", "objek", "rincian"]].values.tolist()[::-1] == [
        [editor, "masuk", editor, "SSO"],
        [editor, "keluar", editor, ""],
        [stranger, "masuk", stranger, "SSO"],
        [stranger, "keluar", stranger, ""],
    ]


def test_home_by_its_name_and_deep_links_with_codes(server, page):
    """/ringkasan opens the home page (no "Page not found" dialog) with its filters from the link;
    /profil?kelurahan=warakas opens Warakas and an unknown kelurahan is named in a notice."""
    page.set_viewport_size({"width": 1366, "height": 768})
    open_page(page, f"{server}/ringkasan?periode=2024-Q3&kecamatan=31.72.03", "ringkasan_tautan")
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_role("dialog")).to_have_count(0)
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_role("combobox", name="Kecamatan")).to_have_value("Koja")
    expect(sidebar.get_by_role("combobox", name="Periode")).to_have_value("Triwulan III 2024")
    # The link's values stay in the address bar (as labels), so F5 shows the same view.
    expect(page).to_have_url(re.compile(r"[?&]periode=Triwulan\+III\+2024(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]kecamatan=Koja(&|$)"))
    assert_clean(page)
    open_page(page, f"{server}/profil?kelurahan=warakas", "profil_tautan")
    expect(page.get_by_role("combobox", name="Kelurahan")).to_have_value("Warakas")
    expect(page).to_have_url(re.compile(r"/profil\?kelurahan=Warakas$"))
    page.reload()
    page.wait_for_selector(IDLE, timeout=60_000)
    expect(page.get_by_role("combobox", name="Kelurahan")).to_have_value("Warakas")
    open_page(page, f"{server}/profil?kelurahan=xyz", "profil_tautan_salah")
    expect(page.get_by_text("Kelurahan 'xyz' tidak dikenal; ditampilkan Ancol.")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "profil_tautan_salah.png")


OVERLAPS = """els => {
  const boxes = els.filter(e => getComputedStyle(e).visibility !== 'hidden')
    .map(e => e.getBoundingClientRect());
  let overlaps = 0;
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps++;
  }));
  return [boxes.length, overlaps];
}"""


def test_projector_layout_filters_focus_notes_and_map_labels(browser, server):
    """At 1366×768: the sidebar filters are on screen at once (the pages are in a grouped menu
    in the header, every one reachable); in tayang mode a click and an arrow key leave no focus
    frame over the slide, and a short slide keeps the notes below the screen; on the Peta page
    no two kelurahan names shown overlap."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    context.route("**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort())
    page = context.new_page()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.goto(f"{server}/")
    page.wait_for_selector(IDLE, timeout=60_000)
    sidebar = page.locator("[data-testid='stSidebar']")
    for label in ("Tahun", "Periode", "Kecamatan"):
        box = sidebar.locator("[data-testid='stSelectbox']").filter(has_text=label).bounding_box()
        assert box["y"] + box["height"] <= 768, label
    page.screenshot(path=SCREENSHOTS / "proyektor_ringkasan.png")
    page.get_by_text("Kelola data", exact=True).click()
    page.get_by_role("menuitem", name="Data Referensi").click()
    expect(page).to_have_url(re.compile(r"/referensi$"))
    page.wait_for_selector(IDLE)

    page.goto(f"{server}/presentasi?slide=10")
    page.wait_for_selector(IDLE, timeout=60_000)
    expect(page.locator(".slide-kicker")).to_contain_text("10/10")
    nav = page.get_by_role("button", name=re.compile("Sebelumnya")).bounding_box()
    assert nav["y"] + nav["height"] <= 768  # the controls on screen, at the slide's foot
    notes = page.get_by_text("Catatan rapat · slide 10").bounding_box()
    assert notes["y"] >= 768  # below the fold, not floating under the short slide
    page.screenshot(path=SCREENSHOTS / "proyektor_slide_pendek.png")
    page.goto(f"{server}/presentasi?slide=5")
    page.wait_for_selector(IDLE, timeout=60_000)
    page.locator(".slide-headline").click()
    page.keyboard.press("ArrowRight")
    expect(page.locator(".slide-kicker")).to_contain_text("6/10")
    page.wait_for_selector(IDLE)
    main = page.locator("[data-testid='stMain']")
    assert main.evaluate("e => e === document.activeElement")  # the arrow keys' target
    assert main.evaluate("e => getComputedStyle(e, '::before').boxShadow") == "none"
    page.screenshot(path=SCREENSHOTS / "proyektor_slide_fokus.png")

    page.goto(f"{server}/peta")
    page.wait_for_selector(IDLE, timeout=60_000)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.leaflet-interactive")).to_have_count(31, timeout=60_000)
    labels = frame.locator(".peta-label")
    expect(labels).to_have_count(31)
    page.wait_for_timeout(300)  # the names are sorted out once the map is ready
    shown, overlaps = labels.evaluate_all(OVERLAPS)
    assert overlaps == 0
    assert shown >= 10
    # The legend leaves the scale bar readable; the colour-class choice is not cut at the edge.
    legend = frame.locator(".peta-legend").bounding_box()
    scale = frame.locator(".leaflet-control-scale").bounding_box()
    expect(frame.locator(".leaflet-control-scale-line")).to_have_count(1)  # metres, no miles
    expect(frame.locator(".leaflet-control-scale-line")).to_contain_text(re.compile(r"k?m$"))
    assert legend["y"] + legend["height"] <= scale["y"]
    column = page.locator("[data-testid='stColumn']").filter(has_text="Kelas warna").last
    edge = column.bounding_box()
    for name in ("kuantil", "interval sama", "target"):
        button = column.locator("button").filter(has_text=name).bounding_box()
        assert button["x"] + button["width"] <= edge["x"] + edge["width"] + 1, name
    page.screenshot(path=SCREENSHOTS / "proyektor_peta.png")
    context.close()
