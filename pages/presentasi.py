"""Presentasi: the rembuk stunting slideshow for the chosen year and period — one message per
slide, arrows and the slide number in the URL, no sidebar or chrome in tayang mode — with the
meeting notes and the PowerPoint, PDF and Excel files."""

from __future__ import annotations

import streamlit as st

from report.deck import SLIDE_KEYS
from report.export import FORMATS, MIME, file_name
from text.fmt import fmt_period, md_text
from text.strings import t
from ui import presentation as p
from ui.deeplink import url_values
from ui.router import ensure_router
from ui.sidebar import current_filters

ensure_router()
filters = current_filters()
if filters is None:
    st.title(t("pres.title"))
    st.info(t("empty.values"))
    st.stop()
tahun, periode = filters.tahun, filters.periode
deck = p.deck(tahun, periode)
total = len(deck.slides)


def step(by: int) -> None:
    st.session_state["slide"] = min(max(st.session_state.get("slide", 1) + by, 1), total)


# The slide is drawn above the controls but after them, once the (URL-bound) number is known.
stage = st.container(key="pres_slide")
# A link's slide number outside 1..total is not a silent slide 1: say so on the slide's stage.
linked = [v for v in url_values("slide") if v.strip() not in {str(n) for n in range(1, total + 1)}]
nav = st.columns([1.6, 4.4, 1.6, 1.6], vertical_alignment="center")
with nav[1]:
    number = st.pagination(total, key="slide", bind="query-params", max_visible_pages=None)
nav[0].button(t("pres.prev"), key="pres_prev", on_click=step, args=(-1,), shortcut="Left",
              disabled=number == 1, width="stretch")  # fmt: skip
nav[2].button(t("pres.next"), key="pres_next", on_click=step, args=(1,), shortcut="Right",
              disabled=number == total, width="stretch")  # fmt: skip
tayang = nav[3].toggle(t("pres.tayang"), value=True, key="tayang", bind="query-params")
# A presenter's clicker sends PageUp/PageDown: two more buttons, hidden, with those keys.
with st.container(key="pres_clicker"):
    st.button("PageUp", key="pres_pgup", on_click=step, args=(-1,), shortcut="PageUp")
    st.button("PageDown", key="pres_pgdn", on_click=step, args=(1,), shortcut="PageDown")
css = p.SLIDE_CSS + ".st-key-pres_clicker { display: none; }" + (p.CHROMELESS if tayang else "")
st.html(f"<style>{css}</style>")
slide = deck.slides[number - 1]
with stage:
    if linked:
        st.warning(t("link.slide", value=md_text(linked[0]), shown=number, total=total),
                   icon=":material/link_off:")  # fmt: skip
    p.render_slide(deck, number, slide)

st.divider()
st.subheader(t("pres.notes", n=number, judul=slide.title))
p.render_notes(tahun, periode, slide.key)
n_notes = sum(1 for k in SLIDE_KEYS if p.notes(tahun, periode).get(k))  # after a save too
st.caption(t("pres.notes_count", n=n_notes, total=total))

st.subheader(t("pres.download"))
st.caption(t("pres.download_caption", tahun=tahun, periode=fmt_period(periode)))
if filters.kecamatan:
    st.info(t("pres.city_only", kecamatan=filters.kecamatan))
for column, fmt in zip(st.columns(len(FORMATS)), FORMATS, strict=True):
    column.download_button(
        t(f"pres.download_{fmt}"),
        data=lambda fmt=fmt: p.report(tahun, periode, fmt),
        file_name=file_name(deck, fmt),
        mime=MIME[fmt],
        key=f"pres_unduh_{fmt}",
        on_click="ignore",
        width="stretch",
    )
st.caption(t("pres.cli"))
