"""Issue 26, point 5: every page works for 6 to 852 desa/kelurahan — long lists show the worst
``TOP_N`` with "Lihat semua", charts keep one bar per desa only up to ``FULL_UP_TO``, tall tables
scroll, and the deck names at most ``DECK_N`` desa per slide. Packs are built by
``services.region_pack`` (``manage.py new-region … --demo``) into a temporary folder."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analysis import schema as s
from analysis.attainment import BELUM as BELUM_TARGET
from analysis.attainment import STATUS, TERCAPAI
from analysis.completeness import BELUM, TEPAT_WAKTU, TERLAMBAT, most_gaps_first
from analysis.longlists import (
    FULL_UP_TO,
    NAMES_SHOWN,
    TOP_N,
    is_long,
    lokus_first_groups,
    worst_groups,
    worst_rows,
)
from charts.indicator import build_bar_figure
from report.deck import DECK_N, DECK_ROWS, build_deck, default_period
from services.bootstrap import initialise
from services.region_pack import write_region_pack
from services.sources import load_sources
from text.fmt import join_some, list_some
from ui.widgets import SCROLL_ROWS, table_height

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["ringkasan", "indikator", "profil", "situasi", "peta", "pengukuran", "program", "aksi",
         "presentasi", "data", "audit", "panduan", "referensi", "masuk"]  # fmt: skip
PACKS = ["31.01", "32.73", "11.08"]  # 6, 151 and 852 desa/kelurahan


def demo_lokus(folder: Path) -> None:
    """Until a pack's ``--demo`` writes its own synthetic lokus: about 10% of the desa (3…15)
    as lokus 2022–2025, so the lokus views have something to show."""
    lokus = pd.read_csv(folder / "lokus.csv", dtype=str)
    if len(lokus):
        return
    desa = pd.read_csv(folder / "kelurahan.csv", dtype=str)
    n = max(3, min(15, round(len(desa) / 10)))
    picked = desa.iloc[:: max(1, len(desa) // n)].head(n)
    rows = [
        {"tahun": year, "kode_kelurahan": r.kode_kelurahan, "kelurahan": r.kelurahan,
         "dasar_penetapan": "Contoh sintetis (demo)"}
        for year in (2022, 2023, 2024, 2025) for r in picked.itertuples()
    ]  # fmt: skip
    pd.DataFrame(rows).to_csv(folder / "lokus.csv", index=False)


@pytest.fixture(scope="session")
def packs(tmp_path_factory):
    """Per region code: (reference folder, URL of its demo database)."""
    made = {}
    for kode in PACKS:
        base = tmp_path_factory.mktemp(f"pack{kode}")
        folder = base / kode
        write_region_pack(kode, folder, demo=True)
        demo_lokus(folder)
        url = f"sqlite:///{base / 'demo.sqlite'}"
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("DASBOR_REFERENCE_DIR", str(folder))
            store, _, _ = initialise(url, with_demo=True)
            store.dispose()
        made[kode] = (folder, url)
    return made


def pack_app(packs, kode: str, monkeypatch) -> AppTest:
    folder, url = packs[kode]
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(folder))
    monkeypatch.setenv("DASBOR_DB_URL", url)
    st.cache_resource.clear()
    st.cache_data.clear()
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)


@pytest.fixture()
def clear_caches():
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.mark.parametrize("kode", PACKS)
def test_every_page_runs_for_the_region(packs, kode, monkeypatch, clear_caches):
    """Each page of the app, through the router, on the region's demo pack: no exception and no
    error message, whatever the number of desa."""
    app = pack_app(packs, kode, monkeypatch)
    app.run()
    failed = {}
    for name in PAGES:
        app.switch_page(str(ROOT / f"pages/{name}.py"))
        app.run()
        problems = [e.value for e in app.exception] + [e.value for e in app.error]
        if problems:
            failed[name] = problems
    assert failed == {}


def test_ringkasan_ranking_top_n_and_lihat_semua(packs, monkeypatch, clear_caches):
    """852 desa: the ranking shows the 15 highest prevalences, worst first, and the toggle
    "Lihat semua 852 desa" gives back every row."""
    app = pack_app(packs, "11.08", monkeypatch)
    app.run()
    ranking = app.dataframe[0].value
    assert len(ranking) == TOP_N
    toggle = app.toggle(key="ringkasan_semua")
    assert toggle.label == "Lihat semua 852 desa"
    toggle.set_value(True).run()
    assert not app.exception
    everything = app.dataframe[0].value
    assert len(everything) == 852
    pd.testing.assert_frame_equal(everything.head(TOP_N), ranking)  # the same 15, worst first


def test_changes_to_check_first_fifteen_then_all(packs, monkeypatch, clear_caches):
    """852 desa flag more than 40 changes: the list shows the first 15, and "Lihat semua"
    gives the whole list, whose first 15 rows are those shown before."""
    app = pack_app(packs, "11.08", monkeypatch)
    app.run()
    toggle = next(w for w in app.toggle if w.key.endswith("_semua") and "perubahan" in w.label)
    total = int(toggle.label.split()[2])
    assert total > 40  # noqa: PLR2004 - FULL_UP_TO: a long list
    short = next(d.value for d in app.dataframe if len(d.value) == TOP_N and "Alasan" in d.value)
    toggle.set_value(True).run()
    full = next(d.value for d in app.dataframe if "Alasan" in d.value)
    assert len(full) == total
    pd.testing.assert_frame_equal(full.head(TOP_N), short)


def test_short_region_has_no_toggle(packs, monkeypatch, clear_caches):
    """Six desa: the whole ranking, no "Lihat semua"."""
    app = pack_app(packs, "31.01", monkeypatch)
    app.run()
    assert len(app.dataframe[0].value) == 6
    assert [t.key for t in app.toggle] == []


def test_charts_keep_the_worst_desa(packs, monkeypatch, clear_caches):
    """852 desa: the indicator bar chart and heatmap, the prevalence bars and the program matrix
    draw at most 15 desa (labels that can be read, not 852 overlapping names)."""
    app = pack_app(packs, "11.08", monkeypatch)
    app.run()
    for page, keys in (
        ("indikator", ["indikator_batang", "indikator_heatmap"]),
        ("pengukuran", ["ukur_chart"]),
        ("program", ["prog_matriks"]),
    ):
        app.switch_page(str(ROOT / f"pages/{page}.py"))
        app.run()
        for key in keys:
            spec = json.loads(
                next(c for c in app.get("plotly_chart") if key in c.proto.id).proto.spec
            )
            desa_axis = "y" if "heatmap" in key or "matriks" in key else "x"
            assert len(set(spec["data"][0][desa_axis])) == TOP_N, key


def aceh_deck(packs, monkeypatch):
    """The 852-desa deck of 2025 (its latest period), as the Presentasi page builds it."""
    folder, url = packs["11.08"]
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(folder))
    store, ref, _ = initialise(url, with_demo=False)
    src = load_sources(store, ref)
    deck = build_deck(src, 2025, default_period(src, 2025), date(2026, 11, 28))
    store.dispose()
    return deck


def test_deck_names_at_most_deck_n_desa(packs, monkeypatch):
    """The 852-desa deck: every slide table has at most ``TOP_N`` rows, the program and
    recommendation slides at most ``DECK_N`` desa, the title names at most ``DECK_N`` lokus."""
    deck = aceh_deck(packs, monkeypatch)
    for slide in deck.slides:
        assert slide.table is None or len(slide.table) <= TOP_N, slide.key
    assert len(deck.slide("program").table) <= DECK_N
    assert deck.slide("program").chart.data[s.KODE_KELURAHAN].nunique() <= DECK_N
    assert len(deck.slide("rekomendasi").table) <= DECK_N
    assert "lainnya" in deck.slide("judul").points[0]


def test_deck_slides_7_and_9_fit_the_projector(packs, monkeypatch):
    """The 852-desa deck (15 lokus) overflowed 1366×768 on slide 7 (10 table rows of two-line
    "Desa (Kecamatan)" names + 4 points) and slide 9 (10 rows + 3 actions + 10 names dropped):
    both keep ``DECK_ROWS`` = 7 table rows (North Jakarta's 7 lokus, all shown) and slide 9
    names at most 7 dropped desa ("dan 8 lainnya")."""
    deck = aceh_deck(packs, monkeypatch)
    program, rekomendasi = deck.slide("program"), deck.slide("rekomendasi")
    assert len(program.table) == DECK_ROWS == 7
    assert program.chart.data[s.KODE_KELURAHAN].nunique() == 7
    assert len(rekomendasi.table) == 7
    assert len(program.points) + len(rekomendasi.points) <= 4 + 4
    dropped = [p for p in rekomendasi.points if p.startswith("Tidak direkomendasikan")]
    for point in dropped:  # at most 7 names before "dan N lainnya"
        listed = point.split(": ", 1)[1].rsplit(" dan ", 1)[0]
        assert listed.count(", ") <= 6, point


def test_indicator_small_caption_names_a_few(packs, monkeypatch, clear_caches):
    """852 desa with small denominators: the caption gives the count and ``NAMES_SHOWN`` = 10
    names, then "dan N lainnya" — not every name."""
    app = pack_app(packs, "11.08", monkeypatch)
    app.run()
    app.switch_page(str(ROOT / "pages/indikator.py"))
    app.run()
    caption = next(c.value for c in app.caption if "penyebut di bawah" in c.value)
    n = int(caption.split(" ", 1)[0])
    assert n > NAMES_SHOWN
    names = caption.split("hati-hati (", 1)[1].rsplit(" dan ", 1)[0]  # names hold "(Kec.)"
    assert names.count(", ") == NAMES_SHOWN - 1
    assert caption.endswith(f" dan {n - NAMES_SHOWN} lainnya).")
    app.switch_page(str(ROOT / "pages/situasi.py"))  # the lokus no longer recommended: 10 named
    app.run()
    leaving = next(w.value for w in app.warning if "tidak lagi direkomendasikan" in w.value)
    assert leaving.count(", ") <= NAMES_SHOWN - 1
    assert leaving.endswith(" lainnya.") == (leaving.count(", ") == NAMES_SHOWN - 1)


def test_program_matrix_keeps_the_lokus_on_top(packs, monkeypatch, clear_caches):
    """852 desa, 15 lokus: the matrix captioned "★ = lokus (di atas)" draws its 15 rows as the
    lokus (all starred, on top), not the 15 worst desa with no lokus among them."""
    folder, _ = packs["11.08"]
    lokus = pd.read_csv(folder / "lokus.csv", dtype=str)
    n_lokus = lokus.loc[lokus["tahun"] == lokus["tahun"].max()].shape[0]
    assert n_lokus == TOP_N  # the demo pack's 15 synthetic lokus
    app = pack_app(packs, "11.08", monkeypatch)
    app.run()
    app.switch_page(str(ROOT / "pages/program.py"))
    app.run()
    spec = json.loads(
        next(c for c in app.get("plotly_chart") if "prog_matriks" in c.proto.id).proto.spec
    )
    rows = list(dict.fromkeys(spec["data"][0]["y"]))
    assert len(rows) == TOP_N
    assert all(r.startswith("★") for r in rows), rows
    assert any("15 lokus lebih dulu" in c.value for c in app.caption)


def test_indicator_bars_worst_first_on_a_long_list():
    """Three desa, a ≥ target: best first (a city, as before) is 90, 50, 10; a cut long list
    reads worst first (left), like the heatmap: 10, 50, 90. Lower-is-better flips both."""
    grid = pd.DataFrame(
        {
            "wilayah": ["a", "b", "c"],
            s.CAKUPAN: [50.0, 10.0, 90.0],
            s.TARGET: [80.0] * 3,
            s.ARAH: [s.ARAH_TINGGI_BAIK] * 3,
            s.PEMBILANG: [5.0, 1.0, 9.0],
            s.PENYEBUT: [10.0] * 3,
            "penyebut_kecil": [True] * 3,
            STATUS: [BELUM_TARGET, BELUM_TARGET, TERCAPAI],
        }
    )
    assert list(build_bar_figure(grid, "X", set()).data[0].x) == ["c", "a", "b"]
    assert list(build_bar_figure(grid, "X", set(), worst_first=True).data[0].x) == ["b", "a", "c"]
    low = grid.assign(**{s.ARAH: s.ARAH_RENDAH_BAIK})
    assert list(build_bar_figure(low, "X", set(), worst_first=True).data[0].x) == ["c", "a", "b"]


def test_lokus_first_groups_by_hand():
    """Five desa of two rows each, two of them lokus (d4, d5); gaps d1=2, d2=1, d3=2, d4=0,
    d5=1. Keep 3: the lokus first, most gaps first (d5, d4), then the worst other: d1 (2 gaps,
    before d3 by order). Keep 1: only the first lokus, d5. Whole when short."""
    frame = pd.DataFrame(
        {
            "wilayah": [f"d{i}" for i in range(1, 6) for _ in range(2)],
            "lokus": [False] * 6 + [True] * 4,
            "gap": [1, 1, 1, 0, 1, 1, 0, 0, 1, 0],
        }
    )
    kept = lokus_first_groups(frame, "wilayah", frame["lokus"], frame["gap"], 3, whole_up_to=2)
    assert list(dict.fromkeys(kept["wilayah"])) == ["d5", "d4", "d1"]
    assert len(kept) == 6
    one = lokus_first_groups(frame, "wilayah", frame["lokus"], frame["gap"], 1, whole_up_to=2)
    assert one["wilayah"].unique().tolist() == ["d5"]
    assert lokus_first_groups(frame, "wilayah", frame["lokus"], frame["gap"], 3).equals(frame)


def test_is_long_boundary():
    """40 rows are shown whole, 41 are cut."""
    assert (is_long(FULL_UP_TO), is_long(FULL_UP_TO + 1)) == (False, True)


def test_worst_rows_by_hand():
    """Of 41 rows valued 0…40 with one missing, the 3 highest are 40, 39, 38; lowest 0, 1, 2;
    the missing value is last, never among the worst."""
    frame = pd.DataFrame({"v": [float(i) for i in range(41)]}).assign(
        v=lambda f: f.v.mask(f.v == 5)
    )
    assert worst_rows(frame, "v", high_is_worse=True, n=3)["v"].tolist() == [40.0, 39.0, 38.0]
    assert worst_rows(frame, "v", high_is_worse=False, n=3)["v"].tolist() == [0.0, 1.0, 2.0]
    short = frame.head(4)
    assert worst_rows(short, "v", high_is_worse=True, n=2).equals(short)


def test_worst_groups_by_hand():
    """41 desa × 2 indicators; desa d7 falls short by 10 + 5 = 15 points, d3 by 8, the rest by
    nothing: d7 then d3 are the worst, each keeping its two rows in order."""
    names = [f"d{i}" for i in range(41)]
    frame = pd.DataFrame({"wilayah": [n for n in names for _ in (0, 1)], "ind": ["A", "B"] * 41})
    shortfall = pd.Series(0.0, index=frame.index)
    shortfall[14], shortfall[15], shortfall[6] = 10.0, 5.0, 8.0  # d7 A, d7 B, d3 A
    kept = worst_groups(frame, "wilayah", shortfall, n=2)
    assert kept["wilayah"].tolist() == ["d7", "d7", "d3", "d3"]
    assert kept["ind"].tolist() == ["A", "B", "A", "B"]
    assert worst_groups(frame.head(6), "wilayah", shortfall.head(6), n=2).equals(frame.head(6))


def test_most_gaps_first_by_hand():
    """Desa with two late/missing reports before one with one, before one with none."""
    grid = pd.DataFrame(
        {
            s.KELURAHAN: ["A", "B", "C"],
            s.KECAMATAN: ["K", "K", "K"],
            "I1": [TEPAT_WAKTU, BELUM, TERLAMBAT],
            "I2": [TEPAT_WAKTU, TEPAT_WAKTU, BELUM],
        }
    )
    assert most_gaps_first(grid)[s.KELURAHAN].tolist() == ["C", "B", "A"]


def test_join_some_and_table_height_by_hand():
    """Three names in full; twelve names: ten and "dan 2 lainnya". A 31-row table is
    38 + 31 × 35 = 1123 px; an 852-row one scrolls in 38 + 20 × 35 = 738 px."""
    assert join_some(["a", "b", "c"], 10) == "a, b dan c"
    names = [f"n{i}" for i in range(12)]
    assert join_some(names, 10) == ", ".join(names[:10]) + " dan 2 lainnya"
    assert list_some(["a", "b", "c"], 10) == "a, b, c"  # a page's list, as before
    assert list_some(names, 10) == join_some(names, 10)
    assert table_height(31) == 1123
    assert table_height(852) == 38 + SCROLL_ROWS * 35 == 738


@pytest.mark.browser
def test_ringkasan_852_desa_in_the_browser(packs, tmp_path):
    """Ringkasan of the 852-desa pack in chromium at 1366×768: the ranking grid holds 15 rows
    (header + 15), the toggle names all 852 desa; screenshot tests/screenshots/ringkasan_11.08.png."""
    from playwright import sync_api as playwright_api  # noqa: PLC0415

    from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, free_port, start_server  # noqa: PLC0415

    if CHROMIUM is None:
        pytest.fail("chromium not found: run the README's test command (make test)")
    folder, url = packs["11.08"]
    port = free_port()
    proc = start_server(
        url, port, tmp_path / "streamlit.log", {"DASBOR_REFERENCE_DIR": str(folder)}
    )
    shots = ROOT / "tests" / "screenshots"
    shots.mkdir(exist_ok=True)
    try:
        with playwright_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="id-ID")
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_selector(
                "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=120_000
            )
            grid = page.locator("[data-testid='stDataFrame']").first
            playwright_api.expect(grid.locator("[role='row']")).to_have_count(
                TOP_N + 1, timeout=60_000
            )
            playwright_api.expect(page.get_by_text("Lihat semua 852 desa")).to_be_visible()
            assert page.locator("[data-testid='stException']").count() == 0
            page.screenshot(path=shots / "ringkasan_11.08.png", full_page=True)
            page.get_by_text("Lihat semua 852 desa").scroll_into_view_if_needed()
            page.screenshot(path=shots / "ringkasan_11.08_peringkat.png")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
