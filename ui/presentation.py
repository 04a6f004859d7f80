"""The Presentasi page's deck (cached), slide pictures, meeting notes (a save over a note saved
by someone else since the screen read it is refused, with their text, and can be reloaded or
overwritten) and the look of a slide on a projector: large type, high contrast, escaped text."""

from __future__ import annotations

import html
from datetime import date

import pandas as pd
import streamlit as st

from analysis.text_clean import clean_note
from charts.slides import render_chart
from report.deck import Deck, Slide, build_deck
from report.export import build_report
from services.sources import load_sources
from store.errors import EditConflict
from text.clock import today_wib
from text.fmt import fmt_datetime
from text.strings import t
from ui import auth, conflicts, data

NOTE_MAX = 2000

# Tayang mode: no sidebar, header, toolbar or decoration; the slide fills a 1366×768 screen.
CHROMELESS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.6rem 1.6rem 1rem 1.6rem !important;
  max-width: 100% !important; }
.st-key-pres_slide { min-height: calc(100vh - 5.2rem); }
"""
# A short slide still fills the screen (the controls at its foot, the notes below the fold);
# the main area, focused by a click so that the arrow keys work, draws no frame (an inset shadow
# on its ::before) over the slide.
SLIDE_CSS = """
[data-testid="stMain"]:focus::before, [data-testid="stMain"]:focus-visible::before {
  box-shadow: none !important; }
.slide-kicker { font-size: 1.05rem; color: #4d5656; font-weight: 600; margin: 0; }
.slide-headline { font-size: 2.05rem; line-height: 1.2; font-weight: 700; color: #111;
  margin: 0.1rem 0 0.6rem 0; }
.slide-title { font-size: 2.9rem; font-weight: 800; color: #111; margin-top: 8vh; }
.slide-subtitle { font-size: 1.6rem; color: #333; margin-bottom: 1.2rem; }
.slide-points { font-size: 1.3rem; line-height: 1.4; color: #111; padding-left: 1.3rem; }
.slide-points.big { font-size: 1.6rem; }
.slide-synthetic { display: inline-block; background: #fdebd0; color: #7e5109; font-weight: 700;
  padding: 0.1rem 0.6rem; border-radius: 0.3rem; font-size: 1rem; }
table.slide-table { border-collapse: collapse; font-size: 1.12rem; width: 100%; color: #111; }
table.slide-table th { background: #1b4f72; color: #fff; text-align: left; padding: 0.3rem 0.5rem; }
table.slide-table td { border-bottom: 1px solid #ccd1d1; padding: 0.25rem 0.5rem; }
"""


def deck(tahun: int, periode: str) -> Deck:
    """The deck of today (WIB), read from the store once per data version and day."""
    return _deck(tahun, periode, today_wib())


def deck_ahead(tahun: int, periode: str) -> None:
    """Build the deck of this year and period in a background thread, once per data load (a
    deck takes about a second to build): opening Presentasi from Ringkasan, as a presenter does
    at the rembuk, then finds it ready."""
    data.ahead(("presentasi", tahun, periode), lambda: deck(tahun, periode))


@st.cache_data(show_spinner=False, max_entries=8)
def _deck(tahun: int, periode: str, today: date) -> Deck:
    """The deck dated ``today`` (part of the cache key, so a deck is never a day old; the
    cache is cleared on writes)."""
    store, ref = data.context()
    return build_deck(load_sources(store, ref), tahun, periode, today)


@st.cache_data(show_spinner=False, max_entries=64)
def picture(tahun: int, periode: str, key: str) -> bytes | None:
    """The PNG of one slide's chart."""
    return render_chart(deck(tahun, periode).slide(key).chart)


@st.cache_data(show_spinner=False)
def notes(tahun: int, periode: str) -> dict[str, str]:
    return data.context()[0].meeting_notes(tahun, periode)


def save_note(  # noqa: PLR0913
    tahun: int, periode: str, key: str, text: str, oleh: str, seen: int | None
) -> bool:
    """Store one slide's note (control characters dropped, NIK-shaped numbers masked) if its
    newest note is still ``seen`` (the id the screen read; None overwrites); False when it was
    unchanged. Raises ``EditConflict`` otherwise."""
    text = clean_note(text)
    store = data.context()[0]
    check = None if seen is None else {key: seen}
    written = store.save_meeting_notes(tahun, periode, {key: text}, oleh, check)
    data.clear_caches()
    return bool(written)


def report(tahun: int, periode: str, fmt: str) -> bytes:
    """The PowerPoint, PDF or Excel file of the deck with its saved notes."""
    return build_report(deck(tahun, periode), fmt, notes(tahun, periode))


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def html_table(frame: pd.DataFrame) -> str:
    """A static table for the projector, every cell escaped."""
    head = "".join(f"<th>{esc(c)}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f'<table class="slide-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def points_html(points: tuple[str, ...], big: bool = False) -> str:
    items = "".join(f"<li>{esc(p)}</li>" for p in points)
    return f'<ul class="slide-points{" big" if big else ""}">{items}</ul>'


def render_slide(d: Deck, number: int, x: Slide) -> None:
    """One slide: the kicker and headline, then chart, table and points."""
    if x.key == "judul":
        st.html(
            f'<div class="slide-title">{esc(x.headline)}</div>'
            f'<div class="slide-subtitle">{esc(d.subtitle)}</div>' + points_html(x.points, True)
        )
        return
    kicker = f"{number}/{len(d.slides)} · {x.title}"
    badge = (
        f' <span class="slide-synthetic">{esc(t("badge.synthetic"))}</span>' if d.synthetic else ""
    )
    st.html(
        f'<p class="slide-kicker">{esc(kicker)}{badge}</p>'
        f'<div class="slide-headline">{esc(x.headline)}</div>'
    )
    png = picture(d.tahun, d.periode, x.key) if x.chart else None
    if png is None:  # the table first: it is what the headline speaks of
        if x.table is not None and len(x.table):
            st.html(html_table(x.table))
        st.html(points_html(x.points, big=True))
        return
    left, right = st.columns([3, 2], gap="medium")
    left.image(png, width="stretch")
    with right:
        if x.table is not None and len(x.table):
            st.html(html_table(x.table))
        if x.points:
            st.html(points_html(x.points))


def render_notes(tahun: int, periode: str, key: str) -> None:
    """The meeting note of one slide: a form for editors, the saved text for everyone else."""
    saved = notes(tahun, periode).get(key, "")
    user = auth.editor(t("auth.what_notes"))
    if user is None:
        if saved:
            st.text(saved)
        return
    field = f"pres_note_{tahun}_{periode}_{key}"
    store = data.context()[0]
    # After a save the text area shows the text as stored (control characters dropped, NIKs
    # masked), set here before the widget exists: a widget's value cannot change once drawn.
    if (stored := st.session_state.pop(f"{field}.tersimpan", None)) is not None:
        st.session_state[field] = stored
    if field not in st.session_state:  # the text area is new: remember which note it shows
        st.session_state[f"{field}.dibaca"] = store.meeting_note_versions(tahun, periode).get(
            key, 0
        )
        st.session_state[field] = saved
    with st.form(key=f"pres_note_form_{key}"):
        text = st.text_area(
            t("pres.notes_label"), max_chars=NOTE_MAX, key=field, height=110,
        )  # fmt: skip
        sent = st.form_submit_button(t("pres.notes_save"))
    if flash := st.session_state.pop(f"{field}.flash", None):
        (st.success if flash == "pres.notes_saved" else st.info)(t(flash))
    action = _note_conflict(field)
    if action == conflicts.RELOAD:
        for name in (field, f"{field}.dibaca", f"{field}.konflik"):
            st.session_state.pop(name, None)
        st.rerun()
    if not sent and action != conflicts.OVERWRITE:
        return
    seen = None if action == conflicts.OVERWRITE else st.session_state[f"{field}.dibaca"]
    try:
        written = save_note(tahun, periode, key, text, user.nama_pengguna, seen)
    except EditConflict as err:
        st.session_state[f"{field}.konflik"] = err.current.to_dict("records")
        st.rerun()
    st.session_state.pop(f"{field}.konflik", None)
    cleaned = str(clean_note(text)).strip()  # what the store keeps of this text
    # The note now stored is this screen's reading, unless another save came in between.
    if store.meeting_notes(tahun, periode).get(key, "") == cleaned:
        st.session_state[f"{field}.dibaca"] = store.meeting_note_versions(tahun, periode).get(
            key, 0
        )
    st.session_state[f"{field}.tersimpan"] = cleaned
    st.session_state[f"{field}.flash"] = "pres.notes_saved" if written else "pres.notes_same"
    st.rerun()


def _note_conflict(field: str) -> str | None:
    """The warning of a refused note: who saved which text when; reload or overwrite."""
    rows = st.session_state.get(f"{field}.konflik")
    if rows is None:
        return None
    for row in rows:
        st.warning(t("pres.notes_conflict", oleh=row["diubah_oleh"],
                     waktu=fmt_datetime(row["diubah_pada"])))  # fmt: skip
        st.text(row["teks"])
    left, right = st.columns(2)
    if left.button(t("edit.reload"), key=f"{field}.muat_ulang", type="primary"):
        return conflicts.RELOAD
    if right.button(t("edit.overwrite"), key=f"{field}.timpa"):
        return conflicts.OVERWRITE
    return None
