"""The report files of a deck: chart images once, then PowerPoint, PDF or Excel.

``build_report(deck, fmt, notes)`` is what the page's download buttons and
``manage.py report`` call; ``notes`` maps a slide key to its "Catatan rapat".
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from charts.slides import render_chart
from report.deck import Deck
from text.files import to_xlsx_bytes
from text.fmt import fmt_date, fmt_period

FORMATS = ("pptx", "pdf", "xlsx")
MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render_images(deck: Deck) -> dict[str, bytes]:
    """slide key → PNG of its chart (slides without a chart are left out)."""
    images = {x.key: render_chart(x.chart, deck.made) for x in deck.slides}
    return {k: v for k, v in images.items() if v}


def file_name(deck: Deck, fmt: str) -> str:
    return f"rembuk_stunting_{deck.tahun}_{deck.periode}.{fmt}"


def notes_table(deck: Deck, notes: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "No": range(1, len(deck.slides) + 1),
            "Slide": [x.title for x in deck.slides],
            "Judul": [x.headline for x in deck.slides],
            "Catatan rapat": [notes.get(x.key, "") for x in deck.slides],
        }
    )


def build_xlsx(deck: Deck, notes: Mapping[str, str]) -> bytes:
    """Every computed table on its own sheet (Indonesian headers), the slides' headlines and
    notes, and an info sheet; text that a spreadsheet would run as a formula is neutralised."""
    info = pd.DataFrame(
        {
            "Keterangan": ["Judul", "Tahun", "Periode", "Dibuat", "Data"],
            "Nilai": [
                deck.title,
                str(deck.tahun),
                fmt_period(deck.periode),
                fmt_date(deck.made),
                "Data contoh (sintetis)" if deck.synthetic else "Data tersimpan di dasbor",
            ],
        }
    )
    sheets = {"info": info, "slide_dan_catatan": notes_table(deck, notes)}
    for x in deck.slides:
        sheets.update(x.tables)
    return to_xlsx_bytes(sheets)  # formulas neutralised there


def build_report(deck: Deck, fmt: str, notes: Mapping[str, str]) -> bytes:
    """The file of ``fmt`` (``pptx``, ``pdf`` or ``xlsx``) for ``deck``."""
    if fmt == "xlsx":
        return build_xlsx(deck, notes)
    if fmt == "pptx":
        from report.pptx_file import build_pptx  # noqa: PLC0415 - python-pptx only when asked

        return build_pptx(deck, render_images(deck), notes)
    if fmt == "pdf":
        from report.pdf_file import build_pdf  # noqa: PLC0415 - fpdf2 only when asked

        return build_pdf(deck, render_images(deck), notes)
    raise ValueError(f"Format laporan tidak dikenal: {fmt!r} (pilih {', '.join(FORMATS)}).")
