"""The deck as PowerPoint (python-pptx): the page's slides with charts as pictures and numbers
as native, editable tables; the "Catatan rapat" and the method note go in the speaker notes.
Every text goes through ``clean_text`` first: lxml refuses control characters, and a meeting
note or an indicator name may hold one (saved before input was cleaned)."""

from __future__ import annotations

import io
from collections.abc import Mapping

from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from analysis.text_clean import clean_text
from report.deck import Deck, Slide
from text.strings import t

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.45)
DARK = RGBColor(0x1B, 0x26, 0x31)
GREY = RGBColor(0x5D, 0x6D, 0x7E)
ORANGE = RGBColor(0xB9, 0x77, 0x0E)
HEADER = RGBColor(0x1B, 0x4F, 0x72)


def _text(slide, left, top, width, height, lines, size: int, bold=False, color=DARK) -> None:
    """A text box with one paragraph per line."""
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = clean_text(line, multiline=True)
        paragraph.font.size, paragraph.font.bold = Pt(size), bold
        paragraph.font.color.rgb = color
        paragraph.space_after = Pt(size * 0.4)


def _picture(slide, png: bytes, left, top, max_w, max_h) -> None:
    w, h = Image.open(io.BytesIO(png)).size
    scale = min(max_w / w, max_h / h)
    slide.shapes.add_picture(io.BytesIO(png), left, top, Emu(int(w * scale)), Emu(int(h * scale)))


def _table(slide, frame, left, top, width) -> Emu:
    """A native table, columns as wide as their longest text (within limits); its height."""
    rows, cols = len(frame) + 1, len(frame.columns)
    size = Pt(13 if rows <= 8 else 11 if rows <= 12 else 10)
    shape = slide.shapes.add_table(rows, cols, left, top, width, Pt(size.pt * 1.7) * rows)
    table = shape.table
    weights = [
        min(max(len(str(c)), *(len(str(v)) for v in frame[c]), 11), 30) for c in frame.columns
    ]
    for j, w in enumerate(weights):
        table.columns[j].width = Emu(int(width * w / sum(weights)))
    cells = [
        [str(c) for c in frame.columns],
        *([str(v) for v in r] for r in frame.itertuples(index=False)),
    ]
    for i, row in enumerate(cells):
        for j, value in enumerate(row):
            cell = table.cell(i, j)
            cell.text = clean_text(value, multiline=True)
            cell.margin_top = cell.margin_bottom = Pt(2)
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = size
    for j in range(cols):
        table.cell(0, j).fill.solid()
        table.cell(0, j).fill.fore_color.rgb = HEADER
    return shape.height


def _lines(bullets: list[str], per_line: int) -> int:
    """About how many lines the bullets take, ``per_line`` characters a line."""
    return sum(-(-len(b) // per_line) for b in bullets)


def _body(slide, x: Slide, png: bytes | None) -> None:
    """Chart on the left with the points under it and the table on the right; without a
    chart, the table across the top (what the headline speaks of) and the points under it."""
    top, bottom = Inches(1.95), HEIGHT - Inches(0.6)
    has_table = x.table is not None and len(x.table) > 0
    bullets = [f"• {p}" for p in x.points]
    if png:
        picture_h = bottom - top - Pt(14 * 1.5) * _lines(bullets, 80)
        _picture(
            slide, png, MARGIN, top, Inches(7.6) if has_table else WIDTH - 2 * MARGIN, picture_h
        )
        if bullets:
            _text(slide, MARGIN, top + picture_h + Inches(0.1), Inches(7.6),
                  bottom - top - picture_h, bullets, 14)  # fmt: skip
        if has_table:
            _table(slide, x.table, MARGIN + Inches(7.8), top, WIDTH - 2 * MARGIN - Inches(7.8))
        return
    size = 22 if x.key == "ringkasan" else 16
    if has_table:
        top += _table(slide, x.table, MARGIN, top, WIDTH - 2 * MARGIN) + Inches(0.2)
    if bullets:
        # Many points (the closing slide's headlines) take a smaller type rather than run
        # over the footer.
        while size > 12 and Pt(size * 1.5) * _lines(bullets, 1500 // size) > bottom - top:
            size -= 2
        points_h = Pt(size * 1.5) * _lines(bullets, 1500 // size)
        _text(slide, MARGIN, top, WIDTH - 2 * MARGIN, points_h, bullets, size)


TITLE_SLIDE, TITLE_ONLY = 0, 5  # layouts of python-pptx's default template


def _title(placeholder, left, top, width, height, text: str, size: int, color=DARK) -> None:
    """Fill a layout's placeholder (so outline view and screen readers see the text as the
    slide's title or subtitle) and place and style it like the page's slide."""
    placeholder.left, placeholder.top, placeholder.width, placeholder.height = (
        left, top, width, height
    )  # fmt: skip
    frame = placeholder.text_frame
    frame.word_wrap = True
    frame.text = clean_text(text, multiline=True)
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.font.size, paragraph.font.bold = Pt(size), size >= 26
        paragraph.font.color.rgb = color


def _slide(prs, deck: Deck, number: int, x: Slide, png: bytes | None, note: str) -> None:
    inner = WIDTH - 2 * MARGIN
    if x.key == "judul":
        slide = prs.slides.add_slide(prs.slide_layouts[TITLE_SLIDE])
        _title(slide.shapes.title, MARGIN, Inches(2.0), inner, Inches(1.6), x.headline, 40)
        _title(slide.placeholders[1], MARGIN, Inches(3.6), inner, Inches(0.8), deck.subtitle, 22,
               GREY)  # fmt: skip
        _text(slide, MARGIN, Inches(4.6), inner, Inches(2.0), list(x.points), 18)
    else:
        slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
        _text(slide, MARGIN, Inches(0.25), inner, Inches(0.4), [f"{number} · {x.title}"], 16,
              color=GREY)  # fmt: skip
        _title(slide.shapes.title, MARGIN, Inches(0.65), inner, Inches(1.2), x.headline, 26)
        slide.shapes.title.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        _body(slide, x, png)
    footer = f"{t('app.title')} · {number}/{len(deck.slides)}"
    if deck.synthetic:
        footer += " · Data contoh (sintetis)"
    _text(slide, MARGIN, HEIGHT - Inches(0.45), inner, Inches(0.3), [footer], 11,
          color=ORANGE if deck.synthetic else GREY)  # fmt: skip
    notes = [f"Catatan rapat: {note}"] if note else []
    notes.append(f"Catatan metode: {x.method}")
    slide.notes_slide.notes_text_frame.text = clean_text("\n\n".join(notes), multiline=True)


def build_pptx(deck: Deck, images: Mapping[str, bytes], notes: Mapping[str, str]) -> bytes:
    """A 16:9 .pptx with one slide per deck slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    for number, x in enumerate(deck.slides, start=1):
        _slide(prs, deck, number, x, images.get(x.key), notes.get(x.key, ""))
    prs.core_properties.title = clean_text(deck.title)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
