"""The rembuk stunting deck on the demo data, its PowerPoint and Excel files, the meeting notes,
``manage.py report`` and the Presentasi page (AppTest)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import streamlit as st
from pptx import Presentation
from pptx.util import Inches

from analysis.change import change_verdict
from manage import main
from report.deck import SLIDE_KEYS, build_deck, default_period
from report.export import build_report
from services.bootstrap import initialise
from services.sources import load_sources
from tests.stored import values_db
from tests.test_analysis_pages import highest_prevalence, name_of
from tests.test_app import KELURAHAN_CODE, real_data, sql_ratio
from tests.users import signed_in
from text.display import display
from text.fmt import fmt_number, fmt_percent

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_NOTE = '=HYPERLINK("http://x","klik") <b>tebal</b>'


@pytest.fixture(scope="module")
def sources(demo_db):
    store, ref, _ = initialise(demo_db, with_demo=False)
    yield load_sources(store, ref)
    store.dispose()


@pytest.fixture(scope="module")
def deck(sources):
    return build_deck(sources, 2025, "2025-Q4", date(2026, 11, 28))


def test_ten_slides_in_order_each_with_a_message(deck):
    """Title, situation, trust (changes to check, reporting, trajectory), map, coverage, lokus,
    program, aksi, recommendation, summary."""
    assert [x.key for x in deck.slides] == list(SLIDE_KEYS)
    assert [x.key for x in deck.slides[:3]] == ["judul", "situasi", "percaya"]
    assert all(x.headline and x.title for x in deck.slides)
    assert deck.synthetic and deck.slide("judul").points[-1] == "Data contoh (sintetis)"
    assert deck.slide("ringkasan").points[0] == deck.slide("situasi").headline


def test_situation_headline_equals_stored_counts(deck, demo_db):
    """The prevalence headline's figures are Σnum/Σden of 2022-Q4 and 2025-Q4 in SQL, led by
    the verdict of those counts (``analysis.change``, 2 points)."""
    base = f"kode_indikator='OUT01' and sumber_data='EPPGBM' and {KELURAHAN_CODE}"
    num, den = sql_ratio(demo_db, f"{base} and periode='2025-Q4'")
    num22, den22 = sql_ratio(demo_db, f"{base} and periode='2022-Q4'")
    assert change_verdict(num22, den22, num, den, True, 2.0) == "membaik"
    assert deck.slide("situasi").headline == (
        f"Prevalensi stunting membaik: turun dari {fmt_percent(num22 / den22 * 100)} "
        f"(Triwulan IV 2022) menjadi {fmt_percent(num / den * 100)} (Triwulan IV 2025)"
    )


def _stored_pairs(con, source: str, before: str, after: str) -> list[tuple]:
    """Per kelurahan, Σ stunted and Σ measured of ``source`` in ``before`` and in ``after``."""
    part = (
        "(select kode_wilayah, sum(pembilang) p, sum(penyebut) q from indicator_value where "
        f"kode_indikator='OUT01' and sumber_data='{source}' and periode='{{}}' and "
        f"{KELURAHAN_CODE} group by kode_wilayah)"
    )
    return con.execute(
        f"select a.kode_wilayah, a.p, a.q, b.p, b.q from {part.format(before)} a "
        f"join {part.format(after)} b using (kode_wilayah)"
    ).fetchall()


def test_trust_slide_names_the_changes_to_check(deck, demo_db):
    """Slide 3 counts and tabulates the kelurahan stunting figures that changed meaningfully
    (or whose denominator halved), as judged from the stored counts of each series on its own,
    as Ringkasan does: the reported e-PPGBM 2025-Q3 → 2025-Q4 and the prevalence recomputed
    from the records (EPPGBM_HITUNG) between its last two weighing months up to 2025-Q4 (the
    demo's 2025-02 → 2025-08); each row labelled with its source, at most five rows."""
    con = values_db(demo_db)
    months = [
        p for (p,) in con.execute(
            "select distinct periode from indicator_value where sumber_data='EPPGBM_HITUNG' and "
            f"kode_indikator='OUT01' and periode <= '2025-12' and {KELURAHAN_CODE} order by periode"
        )
    ]  # fmt: skip
    assert months[-2:] == ["2025-02", "2025-08"]
    series = {
        "e-PPGBM": _stored_pairs(con, "EPPGBM", "2025-Q3", "2025-Q4"),
        "e-PPGBM (dihitung ulang)": _stored_pairs(con, "EPPGBM_HITUNG", "2025-02", "2025-08"),
    }
    con.close()
    flagged = {
        (name_of(code), source): (
            f"{fmt_number(x1)}/{fmt_number(n1)} ({fmt_percent(x1 / n1 * 100)})",
            f"{fmt_number(x2)}/{fmt_number(n2)} ({fmt_percent(x2 / n2 * 100)})",
        )
        for source, rows in series.items()
        for code, x1, n1, x2, n2 in rows
        if change_verdict(x1, n1, x2, n2, True, 2.0) != "tidak berubah bermakna" or n2 <= n1 / 2
    }
    judged = sum(len(rows) for rows in series.values())
    slide = deck.slide("percaya")
    rounds = "(e-PPGBM: TW III 2025 → TW IV 2025; e-PPGBM (dihitung ulang): Feb 2025 → Agu 2025)"
    assert any(source == "e-PPGBM (dihitung ulang)" for _, source in flagged)  # demo's Warakas
    assert slide.headline == (
        f"{len(flagged)} dari {judged} angka stunting kelurahan perlu dicek sebelum dibaca {rounds}"
    )
    assert slide.headline in deck.slide("ringkasan").points  # the closing slide repeats it
    table = slide.table
    assert list(table.columns) == [
        "Kelurahan", "Sumber", "Putaran", "Sebelumnya", "Sekarang", "Perubahan", "Alasan"
    ]  # fmt: skip
    assert len(table) == min(len(flagged), 5)
    for _, row in table.iterrows():
        key = (row["Kelurahan"], row["Sumber"])
        assert (row["Sebelumnya"], row["Sekarang"]) == flagged[key]
    full = slide.tables["perlu_dicek"]
    assert sorted(zip(full["Kelurahan"], full["Sumber"], strict=True)) == sorted(flagged)
    assert not any("perlu dicek" in p.lower() for p in deck.slide("situasi").points)


def test_trust_slide_counts_what_ringkasan_lists(deck, app):
    """The headline's count is Ringkasan's stunting rows of "Perubahan yang perlu dicek" for
    the same period and area (the city, 2025-Q4), the same kelurahan with the same source."""
    app.run()
    assert not app.exception
    table = next(d.value for d in app.dataframe if "Alasan" in d.value.columns)
    stunting = table.loc[table["Indikator"] == "Prevalensi stunting balita"]
    slide = deck.slide("percaya")
    assert slide.headline.startswith(f"{len(stunting)} dari ")
    full = slide.tables["perlu_dicek"]
    assert sorted(zip(full["Kelurahan"], full["Sumber"], strict=True)) == sorted(
        zip(stunting["Kelurahan"], stunting["Sumber"], strict=True)
    )


def test_trust_slide_says_one_trajectory_sentence_toward_the_national_target(deck):
    """One sentence on the city's trajectory: the survey's (the national target is measured on
    SSGI/SKI), none from e-PPGBM beside it."""
    aarr = [p for p in deck.slide("percaya").points if "AARR" in p]
    assert len(aarr) == 1
    assert aarr[0].startswith("Kota: AARR ") and "(SSGI/SKI 20" in aarr[0]
    assert "14,2% pada 2029" in aarr[0]
    assert not any("AARR" in p for x in deck.slides if x.key != "percaya" for p in x.points)


def test_map_headline_names_the_highest_kelurahan(deck, demo_db):
    """The highest prevalence on the map slide is the SQL maximum."""
    code, num, den = highest_prevalence(demo_db, "2025-Q4")
    assert deck.slide("peta").headline.startswith(
        f"Prevalensi tertinggi di {name_of(code)} ({fmt_percent(num / den * 100)})"
    )


def test_lokus_slide_counts_lokus_against_the_rest(deck, demo_db, sources):
    """Lokus and non-lokus prevalence now are Σnum/Σden over their kelurahan in SQL."""
    lokus = sources.lokus.loc[sources.lokus["tahun"] == 2022, "kode_kelurahan"]
    inside = "kode_wilayah in ({})".format(",".join(f"'{c}'" for c in lokus))
    base = "kode_indikator='OUT01' and sumber_data='EPPGBM' and periode='2025-Q4'"
    num, den = sql_ratio(demo_db, f"{base} and {inside}")
    row = deck.slide("lokus").tables["lokus_vs_bukan"].iloc[0]
    assert row["Kelompok"] == "Lokus" and row["Kelurahan"] == 7
    assert row["Prevalensi sekarang (%)"] == round(num / den * 100, 2)


def test_coverage_headline_counts_the_lokus_below_target(deck):
    """The coverage headline's count is the first row of its own table (most lokus below)."""
    table = deck.slide("cakupan").tables["cakupan_intervensi"]
    first = table.iloc[0]
    assert first["Lokus di bawah target"] == table["Lokus di bawah target"].max()
    assert deck.slide("cakupan").headline.startswith(
        f"{first['Lokus di bawah target']} dari {first['Lokus dinilai']} lokus belum mencapai"
    )


def test_a_store_without_data_gives_honest_headlines(empty_store, ref):
    """With nothing stored the deck still builds, and its slides say the data is missing."""
    empty = build_deck(load_sources(empty_store, ref), 2025, "2025-Q4", date(2026, 1, 5))
    assert empty.slide("situasi").headline == (
        "Belum ada data prevalensi stunting untuk Triwulan IV 2025"
    )
    assert empty.slide("peta").headline == "Belum ada data prevalensi per kelurahan untuk dipetakan"
    assert empty.slide("cakupan").headline == (
        "Belum ada data cakupan intervensi bertarget untuk lokus"
    )
    assert empty.slide("program").headline == "Belum ada kegiatan tercatat untuk 2025"
    assert empty.slide("aksi").headline == "Belum ada progres aksi konvergensi tercatat untuk 2025"
    assert not empty.synthetic
    assert default_period(load_sources(empty_store, ref), 2025) is None


def test_demo_activities_of_the_year_make_the_deck_synthetic(tmp_path):
    """Uploaded values beside the demo activity register (2023–2026): the 2024 deck, whose
    program slide shows those activities, says synthetic (as the page badge does); the 2022
    deck, without activities, does not."""
    store, ref = real_data(f"sqlite:///{tmp_path / 'mixed.sqlite'}", demo_activities=True)
    src = load_sources(store, ref)
    store.dispose()
    assert build_deck(src, 2024, "2024-Q1", date(2024, 5, 1)).synthetic
    assert not build_deck(src, 2022, "2022-Q4", date(2024, 5, 1)).synthetic


def test_a_period_without_data_falls_back_and_says_so(sources):
    """A later period without data uses the latest earlier one, named on the title slide."""
    later = build_deck(sources, 2031, "2031-Q4", date(2031, 12, 1))
    assert "(Triwulan IV 2025)" in later.slide("situasi").headline
    assert "Data Triwulan IV 2031 belum ada; slide memakai Triwulan IV 2025" in (
        later.slide("judul").points
    )
    assert default_period(sources, 2031) is None
    assert default_period(sources, 2025) == "2025-Q4"


def test_display_formats_numbers_the_indonesian_way():
    """A column of whole numbers without decimals, any other with one decimal in every row
    (7,125 → 7,1; 54 → 54,0 beside 87,3), a dash when missing."""
    import pandas as pd

    frame = pd.DataFrame(
        {"a": [148791.0, 7.125, float("nan")], "b": ["x", "y", None], "n": [3.0, 12.0, None],
         "skor": [54.0, 87.25, 84.62]}
    )  # fmt: skip
    assert display(frame).to_dict("list") == {
        "a": ["148.791,0", "7,1", "–"], "b": ["x", "y", "–"], "n": ["3", "12", "–"],
        "skor": ["54,0", "87,3", "84,6"],
    }  # fmt: skip


def test_pptx_has_the_slides_tables_pictures_and_notes(deck):
    """The .pptx opens in python-pptx: ten slides with their headlines, native tables holding
    the slide's numbers, chart pictures, and the meeting note in the speaker notes."""
    data = build_report(deck, "pptx", {"situasi": "Perlu data Puskesmas Koja"})
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == 10
    for slide, x in zip(prs.slides, deck.slides, strict=True):
        text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert x.headline in text
        # Nothing runs over the footer line (its top: 0,45 in above the slide's foot).
        body = [
            s
            for s in slide.shapes
            if not (s.has_text_frame and s.text_frame.text.startswith("Dasbor Konvergensi"))
        ]
        assert max(s.top + s.height for s in body) <= prs.slide_height - Inches(0.45), x.key
    situasi = prs.slides[1]
    tables = [s.table for s in situasi.shapes if s.has_table]
    assert len(tables) == 1
    cells = [c.text for row in tables[0].rows for c in row.cells]
    assert deck.slide("situasi").table.iloc[-1]["Prevalensi"] in cells  # e.g. "7,1%"
    pictures = [s for s in situasi.shapes if s.shape_type == 13]
    assert len(pictures) == 1
    assert situasi.notes_slide.notes_text_frame.text.startswith(
        "Catatan rapat: Perlu data Puskesmas Koja"
    )
    assert "Catatan rapat" not in prs.slides[2].notes_slide.notes_text_frame.text
    trust = [s.table for s in prs.slides[2].shapes if s.has_table]  # the flagged kelurahan
    assert len(trust) == (deck.slide("percaya").table is not None)


def test_xlsx_holds_every_table_with_formulas_neutralised(deck):
    """One sheet per computed table, Indonesian headers, numbers as numbers, and a note that
    looks like a formula stored as text."""
    data = build_report(deck, "xlsx", {"program": HOSTILE_NOTE})
    book = openpyxl.load_workbook(io.BytesIO(data))
    expected = {"info", "slide_dan_catatan"} | {k for x in deck.slides for k in x.tables}
    assert set(book.sheetnames) == expected
    notes = book["slide_dan_catatan"]
    assert [c.value for c in notes[1]] == ["No", "Slide", "Judul", "Catatan rapat"]
    assert notes.cell(row=8, column=4).value == "'" + HOSTILE_NOTE
    assert notes.cell(row=8, column=3).value == deck.slide("program").headline
    assert all(c.data_type != "f" for row in notes.iter_rows() for c in row)
    trend = book["prevalensi_tren"]
    assert [c.value for c in trend[1]] == [
        "Periode",
        "Kelompok wilayah",
        "Balita stunting",
        "Balita diukur",
        "Prevalensi (%)",
    ]
    assert isinstance(trend.cell(row=2, column=4).value, int | float)
    check = book["perlu_dicek"]  # every flagged stunting figure, labelled with its source
    assert [c.value for c in check[1]][:3] == ["Kelurahan", "Sumber", "Periode awal"]
    sources = {row[1] for row in check.iter_rows(min_row=2, values_only=True)}
    assert sources == {"e-PPGBM", "e-PPGBM (dihitung ulang)"}
    assert check.max_row - 1 == len(deck.slide("percaya").tables["perlu_dicek"])


def test_meeting_notes_are_kept_with_their_history(empty_store):
    """Only changed notes are written; the newest wins; an emptied note disappears but its
    history stays."""
    assert empty_store.save_meeting_notes(
        2025, "2025-Q4", {"situasi": " A ", "peta": ""}, "Rina"
    ) == ["situasi"]
    assert empty_store.save_meeting_notes(2025, "2025-Q4", {"situasi": "A"}, "Budi") == []
    empty_store.save_meeting_notes(2025, "2025-Q4", {"situasi": "B"}, "Budi")
    assert empty_store.meeting_notes(2025, "2025-Q4") == {"situasi": "B"}
    assert empty_store.meeting_notes(2025, "2025-Q3") == {}
    empty_store.save_meeting_notes(2025, "2025-Q4", {"situasi": ""}, "Rina")
    assert empty_store.meeting_notes(2025, "2025-Q4") == {}
    history = empty_store.meeting_note_history()
    assert list(history["teks"]) == ["", "B", "A"]
    assert list(history["diubah_oleh"]) == ["Rina", "Budi", "Rina"]


def test_manage_report_writes_the_workbook_with_saved_notes(demo_copy, tmp_path, capsys):
    """``manage.py report`` writes the file for the year's latest period with its notes; an
    unknown period or a year without data exits 2 with a message."""
    store, _, _ = initialise(demo_copy, with_demo=False)
    store.save_meeting_notes(2025, "2025-Q4", {"aksi": "Aksi 3 dipercepat"}, "Rina")
    store.dispose()
    out = tmp_path / "rembuk.xlsx"
    args = ["--year", "2025", "--format", "xlsx", "--out", str(out), "--db-url", demo_copy]
    assert main(["report", *args]) == 0
    assert "10 slide (2025-Q4) ditulis" in capsys.readouterr().out
    notes = openpyxl.load_workbook(out)["slide_dan_catatan"]
    assert notes.cell(row=9, column=4).value == "Aksi 3 dipercepat"
    assert main(["report", *args, "--period", "kuartal lima"]) == 2
    assert "--period 'kuartal lima' tidak dikenali" in capsys.readouterr().err
    args[1] = "2019"
    assert main(["report", *args]) == 2
    assert "Tidak ada data untuk tahun 2019" in capsys.readouterr().err


def presentasi_page(demo_copy, monkeypatch):
    """The Presentasi page itself (through app.py AppTest loses form clicks) on a writable copy
    of the demo data, signed in as Rina, filters set as app.py would."""
    from streamlit.testing.v1 import AppTest

    from ui.sidebar import Filters

    monkeypatch.setenv("DASBOR_DB_URL", demo_copy)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = signed_in(AppTest.from_file(str(ROOT / "pages/presentasi.py"), default_timeout=90))
    at.session_state["filters"] = Filters(2025, "2025-Q4", None)
    at.run()
    return at


def test_presentasi_page_navigates_and_saves_a_note(demo_copy, monkeypatch):
    """The page shows slide 1, the next button moves to slide 2 (its headline), and the notes
    form stores the note under the signed-in user."""
    at = presentasi_page(demo_copy, monkeypatch)
    assert not at.exception
    assert "Rembuk Stunting Kota Administrasi Jakarta Utara 2025" in at.html[0].proto.body
    at.button(key="pres_next").click().run()
    assert not at.exception
    body = " ".join(h.proto.body for h in at.html)
    assert "2/10 · Situasi stunting" in body and "Prevalensi stunting membaik: turun dari" in body
    at.text_area(key="pres_note_2025_2025-Q4_situasi").input("Data Puskesmas <b>Koja</b>")
    next(b for b in at.button if b.label == "Simpan catatan").click().run()
    assert [s.value for s in at.success] == ["Catatan tersimpan."]
    assert "1 dari 10 slide punya catatan rapat." in [c.value for c in at.caption]
    st.cache_resource.clear()
    st.cache_data.clear()
    store, _, _ = initialise(demo_copy, with_demo=False)
    assert store.meeting_notes(2025, "2025-Q4") == {"situasi": "Data Puskesmas <b>Koja</b>"}
    assert store.meeting_note_history()["diubah_oleh"].tolist() == ["rina"]
    store.dispose()


def test_saved_note_shows_the_text_as_stored(demo_copy, monkeypatch):
    """A note typed with a 16-digit NIK and control characters is stored cleaned; after "Simpan
    catatan" the text area shows that stored text, not what was typed, so nobody believes the
    NIK was kept. A second save of it changes nothing (no false conflict)."""
    at = presentasi_page(demo_copy, monkeypatch)
    field = "pres_note_2025_2025-Q4_judul"
    at.text_area(key=field).input("Kasus NIK 3172011234567890\x0b dibahas\x07 ")
    next(b for b in at.button if b.label == "Simpan catatan").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Catatan tersimpan."]
    stored = at.text_area(key=field).value
    assert "3172011234567890" not in stored and "[NIK dihapus]" in stored
    assert "\x0b" not in stored and "\x07" not in stored
    at.run()  # the next run keeps showing it
    assert at.text_area(key=field).value == stored
    next(b for b in at.button if b.label == "Simpan catatan").click().run()
    assert not at.exception and not at.warning
    assert [i.value for i in at.info][-1] == "Catatan tidak berubah; tidak ada yang disimpan."
    st.cache_resource.clear()
    st.cache_data.clear()
    store, _, _ = initialise(demo_copy, with_demo=False)
    assert store.meeting_notes(2025, "2025-Q4") == {"judul": stored}
    store.dispose()


def test_recommendation_actions_give_targets_with_direction_and_exact_value(deck):
    """Slide 8's actions write a target as "≤ 15,5%" (direction, exact value), never a rounded
    "16%"; every target on the coverage slide's table carries its direction."""
    from report.narrative import gap_action  # noqa: PLC0415

    text = gap_action("Warakas", "Kehamilan yang tidak diinginkan", 17.25, 15.5, "rendah_baik")
    assert text == (
        "Warakas: kehamilan yang tidak diinginkan 17,3% (target ≤ 15,5%), belum ada kegiatan"
    )
    points = deck.slide("rekomendasi").points
    assert any("(target ≥ " in p or "(target ≤ " in p for p in points)
    assert all(x[:2] in ("≥ ", "≤ ") for x in deck.slide("cakupan").table["Target"])


def test_coverage_slide_labels_keep_clear_of_the_target_marks(deck):
    """On slide 4's chart (drawn as the deck draws it) no value label is cut by its target mark
    (85,3% against 90 starts after the mark, at 92; 60% and 95,7% just after their bars) and
    the legend covers none of them."""
    from charts.slides import label_x  # noqa: PLC0415

    assert (label_x(85.3, 90.0), label_x(60.0, 90.0), label_x(95.7, 90.0)) == (92.0, 61.0, 96.7)
    real = deck.slide("cakupan").chart
    # The real rows, and 14 rows all at 85,9% against 90 (labels reach far right on every row).
    full = pd.DataFrame(
        {"Kode": [f"K{i:02d}" for i in range(14)], "Cakupan kota (%)": [85.9] * 14,
         "Target (%)": [90.0] * 14, "Status kota": ["mendekati"] * 14}
    )  # fmt: skip
    for chart in (real, replace(real, data=full)):
        _check_coverage_chart(chart)


def _check_coverage_chart(chart) -> None:
    import matplotlib.pyplot as plt  # noqa: PLC0415

    from charts.slides import DPI, FONT, SIZE, _coverage  # noqa: PLC0415

    with plt.rc_context({"font.size": FONT}):
        fig, ax = plt.subplots(figsize=SIZE, dpi=DPI)
        assert _coverage(ax, chart)
        fig.canvas.draw()
    to_data = ax.transData.inverted()
    legend = ax.get_legend().get_window_extent()
    targets = chart.data["Target (%)"].iloc[::-1]  # drawn bottom-up
    assert len(ax.texts) == len(targets) >= 10
    for text, target in zip(ax.texts, targets, strict=True):
        box = text.get_window_extent().transformed(to_data)
        assert not box.x0 <= target <= box.x1, text.get_text()
        assert not text.get_window_extent().overlaps(legend), text.get_text()
    plt.close(fig)


def test_lokus_slide_changes_are_the_difference_of_the_shown_figures(deck):
    """Slide 6's table: each "Perubahan" is the later shown percentage minus the earlier one,
    as a reader checks it (13,2% → 7,8% reads -5,4 poin), whatever the unrounded values."""
    table = deck.slide("lokus").table

    def number(text: str) -> float:
        return float(text.rstrip("%").replace(" poin", "").replace(",", "."))

    before, after = table.columns[1], table.columns[2]
    for _, row in table.iterrows():
        assert round(number(row[after]) - number(row[before]), 1) == number(row["Perubahan"])


def test_trust_slide_says_how_many_kelurahan_reported(deck):
    """2025-Q4 of the demo: 32 indicators expected of 31 kelurahan = 992 reports, 3 kelurahan
    miss the 3 SKDN ratios → 983/992 = 99,1% complete, 28/31 kelurahan complete; the demo data
    has no upload time of its own, so nothing is late (on time 99,1% too)."""
    assert (
        "Kelengkapan laporan Triwulan IV 2025: 28/31 kelurahan melaporkan semua indikator yang "
        "diharapkan (kelengkapan 99,1%, tepat waktu 99,1%)"
    ) in deck.slide("percaya").points
