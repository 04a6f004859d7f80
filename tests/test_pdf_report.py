"""The rembuk stunting PDF report: built from the demo deck and read back with pypdf."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from pypdf import PdfReader

from report.deck import Slide, build_deck
from report.export import render_images
from report.pdf_file import build_pdf
from services.bootstrap import initialise
from services.sources import load_sources
from text.display import display


def _text(data: bytes) -> tuple[PdfReader, str]:
    """The reader and the text of every page, whitespace collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return reader, " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def deck(demo_db):
    """The 2025 triwulan IV deck of the demo data."""
    store, ref, _ = initialise(demo_db, with_demo=False)
    deck = build_deck(load_sources(store, ref), 2025, "2025-Q4", date(2026, 11, 28))
    store.dispose()
    return deck


@pytest.fixture(scope="module")
def images(deck):
    return render_images(deck)


@pytest.fixture(scope="module")
def report(deck, images):
    """The PDF of the deck without meeting notes, and its text."""
    return _text(build_pdf(deck, images, {}))


def test_a4_report_has_the_slides_tables_and_method_notes(deck, report):
    """Every headline, the method notes and Indonesian-formatted table numbers are in an A4 PDF."""
    reader, text = report
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(595.3, abs=1)
    assert float(box.height) == pytest.approx(841.9, abs=1)
    assert len(reader.pages) > len(deck.slides)
    assert deck.title in text
    for number, slide in enumerate(deck.slides, start=1):
        # lines wrap, so compare without whitespace
        assert _squeezed(slide.headline) in _squeezed(text), slide.key
        assert number == 1 or f"{number}. {slide.title}" in text  # the title slide is the cover
    # The title slide's "method" is the subtitle, on the cover.
    assert text.count("Catatan metode:") == sum(bool(x.method) for x in deck.slides[1:])
    situasi = deck.slide("situasi")
    last = situasi.table.iloc[-1]["Prevalensi"]
    assert "," in last and last in text
    measured = display(situasi.tables["prevalensi_tren"]).iloc[-1]["Balita diukur"]
    assert "." in measured and measured in text
    assert "Prevalensi tren" in text
    assert "Catatan rapat" not in text
    # the trust slide's full list, the recomputed flag with its source (demo: Warakas)
    assert "Perlu dicek" in text and "e-PPGBM (dihitung ulang)" in text
    assert _squeezed("Warakas e-PPGBM (dihitung ulang) Februari 2025") in _squeezed(text)


def test_meeting_note_is_plain_text_and_only_where_given(deck, images):
    """A note with markup and a formula is written as typed, once, for its own slide only."""
    note = "Tindak lanjut: <b>Puskesmas</b> =1+1"
    _, text = _text(build_pdf(deck, images, {"situasi": note, "peta": "  "}))
    assert f"Catatan rapat: {note}" in text
    assert text.count("Catatan rapat") == 1
    assert text.index("2. Situasi stunting") < text.index(note) < text.index("3. Dapatkah")


def test_synthetic_data_is_labelled(deck, report):
    """The demo deck is synthetic: the cover says so and so does every page's footer."""
    reader, text = report
    assert deck.synthetic
    assert "Data contoh (sintetis) — bukan data resmi" in text
    for number, page in enumerate(reader.pages, start=1):
        assert f"halaman {number} · data contoh (sintetis)" in page.extract_text()


def test_awkward_content_does_not_break_the_report(deck):
    """Empty tables, a slide without tables, markup and over-long words still give a PDF."""
    word = "x" * 400
    odd = Slide(
        key="aneh",
        title="Aneh",
        headline=f"Judul {word}",
        points=(f"**tebal** <script>alert(1)</script> {word}",),
        tables={
            "kosong": pd.DataFrame(),
            "tanpa_baris": pd.DataFrame({"Kelurahan": [], "Nilai": []}),
            "panjang": pd.DataFrame({"Teks": [word, "≥ ★ Σ ÷"], "Nilai": [1234.5, None]}),
        },
    )
    bare = Slide(key="polos", title="Polos", headline="Tanpa tabel")
    small = replace(deck, slides=(odd, bare), synthetic=False)
    reader, text = _text(build_pdf(small, {}, {"aneh": f"=1+1 {word}"}))
    assert text.count("Tidak ada data") == 2
    assert "1.234,5" in text and "≥ ★ Σ ÷" in text
    assert "<script>alert(1)</script>" in text and "Catatan rapat: =1+1" in text
    assert "sintetis" not in text
    assert "halaman 1" in reader.pages[0].extract_text()


def test_pdf_tables_show_targets_with_their_direction():
    """A table's "Arah target" and numeric "Target (%)" are shown as one "Target" column in the
    PDF ("≥ 80%", "≤ 15,5%") where the Excel sheet keeps the number."""
    import pandas as pd  # noqa: PLC0415

    from report.pdf_file import shown_targets  # noqa: PLC0415

    frame = pd.DataFrame(
        {"Kode": ["SPE02", "SEN02"], "Cakupan (%)": [79.67, 18.06], "Arah target": ["≥", "≤"],
         "Target (%)": [80.0, 15.5], "Status": ["mendekati", "mendekati"]}
    )  # fmt: skip
    shown = shown_targets(frame)
    assert list(shown.columns) == ["Kode", "Cakupan (%)", "Target", "Status"]
    assert list(shown["Target"]) == ["≥ 80%", "≤ 15,5%"]
