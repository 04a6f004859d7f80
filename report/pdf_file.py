"""The rembuk stunting deck as an A4 PDF report (fpdf2).

The same content as the slides — headline, points, chart — followed by every full table
behind each slide (Indonesian number formats, headings repeated across pages), the method
note and the meeting note. Text is drawn in DejaVu Sans from matplotlib's bundled fonts, so
characters like "–", "★", "Σ", "÷" and "≥" need no system font. Every text goes through
``clean_text`` first (a stored note may hold a control character). Nothing is written to disk.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import matplotlib
import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace
from pandas.api.types import is_bool_dtype, is_numeric_dtype
from PIL import Image

from analysis.text_clean import clean_frame, clean_text
from report.deck import TARGET_ARAH, Deck, Slide
from text.display import display
from text.fmt import fmt_number, fmt_target
from text.strings import t

FONT = "DejaVu"
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
SYNTHETIC = "Data contoh (sintetis) — bukan data resmi"
NO_DATA = "Tidak ada data"
MAX_ROWS = 150
TOO_LONG = "Tabel lengkap ({n} baris) ada di berkas Excel, lembar '{sheet}'."
TEXT = (33, 37, 41)
GREY = (110, 117, 125)
ACCENT = (176, 42, 55)
HEADING_FILL = (222, 228, 236)
TABLE_PT = 7
PADDING = 0.8
KEEP = 0.3  # share of a page a section without a chart needs to start on the current page
HEADING_MM = 40  # a section's number, headline and points, about


class _Report(FPDF):
    """An A4 portrait page with the dashboard's name and the page number in the footer."""

    def __init__(self, synthetic: bool) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.synthetic = synthetic
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=15)
        self.set_text_color(*TEXT)

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT, "", 7)
        self.set_text_color(*GREY)
        text = f"{t('app.title')} · halaman {self.page_no()}"
        if self.synthetic:
            text += " · data contoh (sintetis)"
        self.cell(0, 5, text, align="C")
        self.set_text_color(*TEXT)


def _paragraph(
    pdf: FPDF, text: str, size: float, bold: bool = False, color: tuple[int, int, int] = TEXT
) -> None:
    """Plain text (never markdown) across the page width; over-long words break by character."""
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*color)
    pdf.multi_cell(
        0, size * 0.5, clean_text(text, multiline=True), align="L", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_text_color(*TEXT)


def _image(pdf: FPDF, png: bytes) -> None:
    """A chart at page width (or shorter, so that it fits in 60% of a page), aspect kept."""
    width, height = Image.open(io.BytesIO(png)).size
    w = min(pdf.epw, pdf.eph * 0.6 * width / height)
    pdf.ln(2)
    pdf.image(io.BytesIO(png), x=pdf.l_margin + (pdf.epw - w) / 2, w=w)
    pdf.ln(2)


def _col_widths(pdf: FPDF, text: pd.DataFrame) -> tuple[float, ...]:
    """Column widths (mm) filling the page: each column gets its longest word (bold heading
    included; at most a third of the page) and the room left goes to the columns that wrap."""
    least, ideal, pad = [], [], 2 * PADDING + 0.5
    for col in text.columns:
        pdf.set_font(FONT, "B", TABLE_PT)
        heading = [pdf.get_string_width(w) for w in str(col).split()]
        pdf.set_font(FONT, "", TABLE_PT)
        values = text[col].unique()
        words = [pdf.get_string_width(w) for v in values for w in v.split()]
        least.append(min(max([*heading, *words, 1.0]) + pad, pdf.epw / 3))
        ideal.append(max(least[-1], *(pdf.get_string_width(v) + pad for v in values)))
    room, wrap = pdf.epw - sum(least), [i - x for i, x in zip(ideal, least, strict=True)]
    if room <= 0:  # even single words do not fit: shrink every column, words break
        return tuple(x * pdf.epw / sum(least) for x in least)
    if sum(wrap) <= room:  # every cell fits on one line: share the slack evenly
        return tuple(i + (room - sum(wrap)) / len(ideal) for i in ideal)
    return tuple(x + room * w / sum(wrap) for x, w in zip(least, wrap, strict=True))


def shown_targets(frame: pd.DataFrame) -> pd.DataFrame:
    """A table's "Arah target" and numeric "Target (%)" as one "Target" text column as people
    read it (``≥ 80%``, ``≤ 15,5%``); other tables unchanged."""
    if TARGET_ARAH not in frame or "Target (%)" not in frame:
        return frame
    text = [
        fmt_target(x) if pd.isna(x) else f"{sign} {fmt_target(x)}".lstrip()
        for sign, x in zip(frame[TARGET_ARAH], frame["Target (%)"], strict=True)
    ]
    shown = frame.drop(columns=[TARGET_ARAH, "Target (%)"])
    shown.insert(frame.columns.get_loc(TARGET_ARAH), "Target", text)
    return shown


def _table(pdf: FPDF, name: str, frame: pd.DataFrame) -> None:
    """A caption and the full table as text, bold shaded headings repeated on every page."""
    pdf.ln(3)
    _paragraph(pdf, name.replace("_", " ").capitalize(), 8, bold=True, color=GREY)
    if frame.empty:
        _paragraph(pdf, NO_DATA, 8, color=GREY)
        return
    if len(frame) > MAX_ROWS:  # e.g. the 31 × 20 program matrix: pages nobody reads
        _paragraph(pdf, TOO_LONG.format(n=fmt_number(len(frame)), sheet=name), 8, color=GREY)
        return
    frame = shown_targets(frame)
    text = clean_frame(display(frame))
    numeric = [is_numeric_dtype(t) and not is_bool_dtype(t) for t in frame.dtypes]
    widths = _col_widths(pdf, text)
    pdf.set_font(FONT, "", TABLE_PT)
    with pdf.table(
        col_widths=widths,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
        line_height=TABLE_PT * 0.45,
        text_align=tuple("RIGHT" if n else "LEFT" for n in numeric),
        padding=PADDING,
        repeat_headings=1,
    ) as table:
        table.row([str(c) for c in text.columns])
        for values in text.itertuples(index=False):
            table.row([str(v) for v in values])


def _image_height(pdf: FPDF, png: bytes) -> float:
    """The height (mm) ``_image`` gives a chart."""
    width, height = Image.open(io.BytesIO(png)).size
    return min(pdf.epw, pdf.eph * 0.6 * width / height) * height / width


def _section(  # noqa: PLR0913
    pdf: FPDF, number: int, slide: Slide, png: bytes | None, note: str, first: bool = False
) -> None:
    """One slide's section. After the first, it follows the previous one on the same page when
    its heading and chart (or, without a chart, ``KEEP`` of a page) fit in what is left, so
    that a table or note running a few lines over does not leave a page nearly empty."""
    need = HEADING_MM + (_image_height(pdf, png) if png else pdf.eph * KEEP)
    if first or pdf.will_page_break(need):
        pdf.add_page()
    else:
        pdf.ln(4)
        pdf.set_draw_color(*HEADING_FILL)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
        pdf.ln(4)
    _paragraph(pdf, f"{number}. {slide.title}", 10, bold=True, color=ACCENT)
    pdf.ln(1)
    _paragraph(pdf, slide.headline, 14, bold=True)
    pdf.ln(2)
    for point in slide.points:
        pdf.set_font(FONT, "", 10)
        pdf.cell(6, 5, "•", align="C")
        pdf.multi_cell(
            0, 5, clean_text(point, multiline=True), align="L", new_x="LMARGIN", new_y="NEXT"
        )
    if png:
        _image(pdf, png)
    for name, frame in slide.tables.items():
        _table(pdf, name, frame)
    pdf.ln(3)
    if slide.method:
        _paragraph(pdf, f"Catatan metode: {slide.method}", 8, color=GREY)
    if note:
        pdf.ln(1)
        _paragraph(pdf, f"Catatan rapat: {note}", 9)


def build_pdf(deck: Deck, images: dict[str, bytes], notes: Mapping[str, str]) -> bytes:
    """The report of ``deck``: a cover, then one section per slide with its chart from
    ``images`` (slide key → PNG), full tables, method note and meeting note from ``notes``."""
    pdf = _Report(deck.synthetic)
    pdf.set_title(clean_text(deck.title))
    pdf.set_creator(t("app.title"))
    pdf.add_page()
    pdf.set_y(70)
    _paragraph(pdf, deck.title, 22, bold=True)
    pdf.ln(4)
    _paragraph(pdf, deck.subtitle, 13)
    pdf.ln(4)
    # The title slide is the cover: its points there, no page of its own.
    folded = bool(deck.slides) and deck.slides[0].key == "judul"
    cover = deck.slides[0] if folded else None
    for point in cover.points if cover else ():
        _paragraph(pdf, point, 11, color=GREY)
        pdf.ln(1)
    if deck.synthetic:
        pdf.ln(8)
        _paragraph(pdf, SYNTHETIC, 13, bold=True, color=ACCENT)
    note = (notes.get(cover.key) or "").strip() if cover else ""
    if note:
        pdf.ln(6)
        _paragraph(pdf, f"Catatan rapat: {note}", 9)
    first = 2 if folded else 1
    for number, slide in enumerate(deck.slides[first - 1 :], start=first):
        note = (notes.get(slide.key) or "").strip()
        _section(pdf, number, slide, images.get(slide.key), note, first=number == first)
    return bytes(pdf.output())
