"""Issue #23 points 4, 7 and part of 11: one date basis for the aksi (the Aksi page, slide 7
and the exports agree), every displayed date and "today" in Jakarta time (WIB) whatever the
server's timezone, real slide titles in the PowerPoint, no near-blank PDF page, Indonesian
dates on the Audit page."""

from __future__ import annotations

import io
import json
import re
import time
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
import streamlit as st
from pptx import Presentation
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from report.deck import build_deck
from report.export import build_report
from services.bootstrap import initialise
from services.sources import load_sources
from tests.users import signed_in
from ui.sidebar import Filters

ROOT = Path(__file__).resolve().parent.parent
# 06.40 WIB on 2 December 2025 is 23.40 UTC on 1 December: a UTC server's date is a day behind.
FROZEN_UTC = datetime(2025, 12, 1, 23, 40, tzinfo=UTC)
STATUS_2024 = ["selesai"] * 4 + ["berjalan", "berjalan", "selesai", "selesai"]
BULAN = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"


@pytest.fixture()
def frozen_wib(monkeypatch):
    """The server in UTC, the clock at 23.40 UTC on 1 December 2025 (2 December in Jakarta)."""
    import text.clock

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr(text.clock, "_utc_now", lambda: FROZEN_UTC)
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(scope="module")
def sources(demo_db):
    store, ref, _ = initialise(demo_db, with_demo=False)
    yield load_sources(store, ref)
    store.dispose()


def test_today_and_times_are_jakarta_whatever_the_server_timezone(frozen_wib):
    """At 23.40 UTC on 1 December it is 06.40 WIB on 2 December, naive stored times read as UTC."""
    from text.clock import today_wib
    from text.fmt import fmt_datetime

    assert today_wib() == date(2025, 12, 2)
    assert fmt_datetime(FROZEN_UTC) == "2 Desember 2025 06.40 WIB"
    assert fmt_datetime(datetime(2025, 12, 1, 23, 40)) == "2 Desember 2025 06.40 WIB"


def test_deck_and_its_files_are_dated_in_wib(sources, frozen_wib):
    """Title slide, slide 7, PDF cover and the Excel info sheet say 2 December, not 1."""
    deck = build_deck(sources, 2025, "2025-Q4")
    assert deck.made == date(2025, 12, 2)
    assert "Disusun 2 Desember 2025 dari Dasbor Konvergensi Stunting Jakarta Utara" in (
        deck.slide("judul").points
    )
    # 2025 has not ended on that day: the aksi are judged on today (WIB), said in the headline.
    assert deck.slide("aksi").headline.startswith("Per 2 Desember 2025: 2 dari 4 aksi utama")
    pdf = PdfReader(io.BytesIO(build_report(deck, "pdf", {})))
    assert "Disusun 2 Desember 2025" in " ".join(pdf.pages[0].extract_text().split())
    book = openpyxl.load_workbook(io.BytesIO(build_report(deck, "xlsx", {})))
    info = dict(book["info"].iter_rows(min_row=2, values_only=True))
    assert info["Dibuat"] == "2 Desember 2025"


def test_slide_7_headline_chart_and_table_share_one_date(sources):
    """2024 per 31 December 2024: aksi 5 and 6 (finished 7 and 15 January 2025) were still
    running, so 6 of 8 are finished in the headline, the table and the chart alike."""
    slide = build_deck(sources, 2024, "2024-Q4", date(2026, 11, 28)).slide("aksi")
    assert slide.headline == (
        "Per 31 Desember 2024: 6 dari 8 aksi utama 2024 selesai; "
        "tahap sekarang Aksi 5 · Pembinaan Kader Pembangunan Manusia"
    )
    assert slide.table["Status"].tolist() == STATUS_2024
    assert slide.chart.data["Status"].tolist() == STATUS_2024
    assert slide.tables["aksi_konvergensi"]["Status"].tolist() == STATUS_2024
    assert "Status per 31 Desember 2024" in slide.chart.title


def test_slide_7_late_count_is_what_the_chart_shows(sources):
    """2025 per 31 December 2025: aksi 3 (planned end 30 November, 70%) is the only late one;
    aksi 4 is due that day (not late), the two supporting aksi still run. Per 30 September
    (Triwulan III) nothing is late yet and aksi 3 runs."""
    q4 = build_deck(sources, 2025, "2025-Q4", date(2026, 11, 28)).slide("aksi")
    status = ["selesai", "selesai", "terlambat", "belum mulai", "berjalan", "berjalan"]
    assert q4.chart.data["Status"].tolist() == status
    assert q4.headline == (
        "Per 31 Desember 2025: 2 dari 4 aksi utama 2025 selesai; tahap sekarang Aksi 3 · "
        "Penguatan Pelaksanaan; terlambat: 1 aksi utama"
    )
    q3 = build_deck(sources, 2025, "2025-Q3", date(2026, 11, 28)).slide("aksi")
    assert q3.chart.data["Status"].tolist() == ["selesai", "selesai", "berjalan", "belum mulai",
                                                "berjalan", "berjalan"]  # fmt: skip
    assert q3.headline.startswith("Per 30 September 2025: 2 dari 4 aksi utama 2025 selesai;")
    assert "terlambat" not in q3.headline


@pytest.fixture()
def aksi_page(demo_db, monkeypatch, frozen_wib):
    monkeypatch.setenv("DASBOR_DB_URL", demo_db)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield signed_in(AppTest.from_file(str(ROOT / "pages" / "aksi.py"), default_timeout=60))
    st.cache_resource.clear()
    st.cache_data.clear()


def _bars(app: AppTest, index: int) -> dict:
    return json.loads(app.get("plotly_chart")[index].proto.spec)


def test_aksi_page_states_its_date_and_agrees_with_the_slide(aksi_page, sources):
    """The page says "Status per 2 Desember 2025" (today in WIB, the year not over), its bars
    carry every aksi's status, the same as slide 7 of that day, and the timeline marks today."""
    app = aksi_page.run()
    app.selectbox(key="tahun_aksi").select(2025).run()
    assert not app.exception
    assert any("Status per 2 Desember 2025" in m.value for m in app.markdown)
    bars = _bars(app, 0)["data"][0]
    slide = build_deck(sources, 2025, "2025-Q4", date(2025, 12, 2)).slide("aksi")
    shown = [text.split(" · ")[1] for text in reversed(bars["text"])]  # first aksi on top
    assert shown == slide.chart.data["Status"].tolist()
    assert bars["text"][-1] == "100% · selesai" and bars["text"][2] == "0% · belum mulai"
    notes = [a["text"] for a in _bars(app, 1)["layout"]["annotations"]]
    assert notes == ["hari ini, 2 Desember 2025"]
    app.selectbox(key="tahun_aksi").select(2024).run()
    assert any("Status per 31 Desember 2024" in m.value for m in app.markdown)
    shown = [text.split(" · ")[-1] for text in reversed(_bars(app, 0)["data"][0]["text"])]
    assert shown[:4] == ["selesai"] * 4 and shown[4:6] == ["progres tidak tercatat"] * 2


def test_aksi_page_takes_the_sidebars_period_as_the_slide_does(aksi_page, sources):
    """With Triwulan III 2025 chosen in the sidebar, the page judges the 2025 aksi on 30
    September 2025, says so, and agrees with slide 7 of that period; for 2024 (another year than
    the sidebar's) it takes 31 December 2024."""
    app = aksi_page
    app.session_state["filters"] = Filters(2025, "2025-Q3", None)
    app.run()
    app.selectbox(key="tahun_aksi").select(2025).run()
    assert not app.exception
    assert any(
        "Status per 30 September 2025" in m.value and "Triwulan III 2025" in m.value
        for m in app.markdown
    )
    slide = build_deck(sources, 2025, "2025-Q3", date(2025, 12, 2)).slide("aksi")
    shown = [text.split(" · ")[1] for text in reversed(_bars(app, 0)["data"][0]["text"])]
    assert shown == slide.chart.data["Status"].tolist()
    app.selectbox(key="tahun_aksi").select(2024).run()
    assert any("Status per 31 Desember 2024" in m.value for m in app.markdown)


def test_aksi_page_opens_the_sidebars_year(aksi_page):
    """With 2023 in the sidebar (a link's ?tahun=2023) the page opens the 2023 aksi, as slide 7
    of 2023 does; the year can still be changed on the page."""
    app = aksi_page
    app.session_state["filters"] = Filters(2023, "2023-Q4", None)
    app.run()
    assert not app.exception
    assert app.selectbox(key="tahun_aksi").value == 2023
    assert any(h.value.startswith("Tahun 2023") for h in app.subheader)


def test_aksi_years_compared_only_within_one_framework(aksi_page):
    """The demo ran the 8 aksi in 2022–2024 and the 2025 scheme in 2025: for 2024 the year
    comparison has bars for 2022, 2023 and 2024 and names 2025 as another framework; for 2025
    it shows 2025 alone and names the other three."""
    app = aksi_page.run()
    app.selectbox(key="tahun_aksi").select(2024).run()
    assert not app.exception
    assert [trace["name"] for trace in _bars(app, 2)["data"]] == ["2022", "2023", "2024"]
    other = "tahun {} memakai kerangka lain (nomor aksinya berarti aksi yang lain)."
    assert any(c.value.endswith(other.format("2025")) for c in app.caption)
    app.selectbox(key="tahun_aksi").select(2025).run()
    assert [trace["name"] for trace in _bars(app, 2)["data"]] == ["2025"]
    assert _bars(app, 2)["layout"]["showlegend"]  # the one year is still named
    assert any(c.value.endswith(other.format("2022, 2023, 2024")) for c in app.caption)


def test_pptx_slides_have_real_titles(sources):
    """Every slide's headline sits in the layout's title placeholder (outline view, screen
    readers); the title slide's subtitle in its subtitle placeholder."""
    deck = build_deck(sources, 2025, "2025-Q4", date(2026, 11, 28))
    prs = Presentation(io.BytesIO(build_report(deck, "pptx", {})))
    titles = [slide.shapes.title.text if slide.shapes.title else None for slide in prs.slides]
    assert titles == [x.headline for x in deck.slides]
    assert prs.slides[0].placeholders[1].text == deck.subtitle


FOOTER_PT = 40  # the page number line at the bottom of every page (and the margin under it)


def _filled(page) -> float:
    """The share of the page's height above the footer that its text reaches down to (a
    chart counts as a full page)."""
    lows = []

    def visit(text, _cm, tm, _font, _size):
        if text.strip() and tm[5] > FOOTER_PT:
            lows.append(tm[5])

    page.extract_text(visitor_text=visit)
    height = float(page.mediabox.height)
    if page.images:
        return 1.0
    return (height - min(lows) - FOOTER_PT) / (height - 2 * FOOTER_PT) if lows else 0.0


@pytest.mark.parametrize(("tahun", "periode"), [(2025, "2025-Q4"), (2024, "2024-Q4")])
def test_no_pdf_page_is_nearly_empty(sources, tahun, periode):
    """Every page between the cover and the last is at least 40% full, the last at least 15%
    (a method note that ran over made a page of three lines, 4% full; the title slide
    repeating the cover one of 16%)."""
    deck = build_deck(sources, tahun, periode, date(2026, 11, 28))
    pages = PdfReader(io.BytesIO(build_report(deck, "pdf", {}))).pages
    filled = [round(_filled(page), 2) for page in pages]
    assert [(n, f) for n, f in enumerate(filled[1:-1], start=2) if f < 0.4] == []
    assert filled[-1] >= 0.15


def test_audit_page_shows_indonesian_dates(demo_db, monkeypatch):
    """The log's times read "2 Desember 2025 06.40 WIB", the users' dates too."""
    monkeypatch.setenv("DASBOR_DB_URL", demo_db)
    st.cache_resource.clear()
    st.cache_data.clear()
    app = signed_in(AppTest.from_file(str(ROOT / "pages" / "audit.py"), default_timeout=60))
    app.run()
    assert not app.exception
    pattern = re.compile(rf"\d{{1,2}} ({BULAN}) \d{{4}} \d{{2}}\.\d{{2}} WIB")
    times = app.dataframe[0].value["Waktu (WIB)"].tolist()
    assert times and all(pattern.fullmatch(x) for x in times)
    st.cache_resource.clear()
    st.cache_data.clear()
