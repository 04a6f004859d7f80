"""Percent-only values (no pembilang/penyebut) saved over stored counts: shown per kelurahan on
Indikator, Profil and Peta, marked, never summed; and "Sampai periode" follows the sidebar."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ingest.options import ImportOptions
from report.deck import build_deck
from services import uploads
from services.bootstrap import initialise
from services.sources import load_sources
from tests.apps import app_on
from tests.test_analysis_pages import open_page, table_with

ROOT = Path(__file__).resolve().parent.parent
WARAKAS = "31.72.02.1007"


@pytest.fixture()
def percent_app(demo_copy, monkeypatch):
    """The app on a demo copy where SPE02 2025-Q4 (LAPRUT) was re-saved as bare percentages:
    Warakas 91,5%, every other kelurahan 50%."""
    store, ref, _ = initialise(demo_copy, with_demo=False)
    codes = ref.kelurahan["kode_kelurahan"]
    rows = [f"{c},SPE02,2025-Q4,LAPRUT,{91.5 if c == WARAKAS else 50}" for c in codes]
    content = "\n".join(["kode_wilayah,kode_indikator,periode,sumber_data,nilai", *rows]).encode()
    plan, comparison = uploads.dry_run(store, ref, content, "persen.csv", ImportOptions())
    uploads.commit(store, plan, comparison, content, "uji")
    store.dispose()
    yield from app_on(demo_copy, monkeypatch)


def test_indikator_shows_percent_only_values_marked(percent_app):
    """The 31 kelurahan keep their values (Warakas 91,5%), marked 'hanya persen' in the table,
    hatched in the bar chart, and the lokus/trend figures say they were not summed."""
    app = open_page(percent_app, "pages/indikator.py")
    data = table_with(app, "Hanya persen")
    now = data.loc[(data["Kode indikator"] == "SPE02") & (data["Periode"] == "Triwulan IV 2025")]
    assert len(now) == 31 and set(now["Hanya persen"]) == {"ya"}
    assert (
        now.set_index("Wilayah").loc["Warakas", "Cakupan (%)"] == "91,50"
    )  # shown with a decimal comma
    bars = json.loads(app.get("plotly_chart")[0].proto.spec)["data"][0]
    assert bars["marker"]["pattern"]["shape"] == ["/"] * 31
    assert all("hanya persen" in h for h in bars["hovertext"])
    captions = " ".join(c.value for c in app.caption)
    assert "31 kelurahan hanya punya nilai persen" in captions
    assert "31 nilai kelurahan hanya berupa persen" in captions


def test_indikator_kecamatan_level_says_it_cannot_sum(percent_app):
    """At kecamatan level no SPE02 2025-Q4 figure is summed from percentages: every kecamatan
    says how many kelurahan were left out, and the change table gives way to a message."""
    app = open_page(percent_app, "pages/indikator.py")
    app.segmented_control(key="tingkat").set_value("Kecamatan (Σ kelurahannya)").run()
    data = table_with(app, "Hanya persen")
    now = data.loc[(data["Kode indikator"] == "SPE02") & (data["Periode"] == "Triwulan IV 2025")]
    assert (now["Cakupan (%)"] == "–").all()  # no figure (shown as a dash)
    assert sum(int(v.split()[0]) for v in now["Hanya persen"]) == 31
    assert any("perubahan tidak dapat dihitung" in i.value for i in app.info)
    assert not any("Penilaian" in d.value.columns for d in app.dataframe)  # no "empty" table


def test_profil_and_peta_show_the_percent_only_value(percent_app):
    """Profil lists Warakas' TTD as '91,5% (hanya persen)'; the Peta of SPE02 has data."""
    app = open_page(percent_app, "pages/profil.py")
    app.selectbox(key="kelurahan").select("Warakas").run()
    table = table_with(app, "Selisih dari kota").set_index("Indikator")
    ttd = next(i for i in table.index if i.startswith("SPE02"))
    assert table.loc[ttd, "Nilai"] == "91,5% (hanya persen)"
    app.switch_page(str(ROOT / "pages/peta.py"))
    app.run()
    app.selectbox(key="ukuran").select("Cakupan indikator").run()
    app.selectbox(key="indikator_peta").select("SPE02").run()
    assert not app.exception
    assert not app.warning
    assert any("31 kelurahan hanya punya nilai persen" in c.value for c in app.caption)


def test_sampai_follows_the_sidebar_year(app):
    """With the sidebar on 2024, "Sampai periode" shows Triwulan IV 2024, not the newest."""
    open_page(app, "pages/indikator.py")
    assert app.selectbox(key="sampai").value == "Triwulan IV 2025"
    app.sidebar.selectbox(key="tahun").select(2024).run()
    assert app.selectbox(key="sampai").value == "Triwulan IV 2024"


def test_indikator_kecamatan_of_a_percent_only_indicator_explains_its_empty_figures(percent_app):
    """SPE02 alone at kecamatan level, TW I–IV 2025: no bar caption about nothing shown, no grey
    heatmap and no lokus table of zeros; each place says the 31 bare percentages are why."""
    app = open_page(percent_app, "pages/indikator.py")
    app.multiselect(key="indikator").set_value(["SPE02"]).run()
    app.selectbox(key="dari").select("Triwulan I 2025").run()
    app.segmented_control(key="tingkat").set_value("Kecamatan (Σ kelurahannya)").run()
    assert not app.exception
    why = (
        " 31 kelurahan hanya punya nilai persen (tanpa pembilang/penyebut), yang tidak dapat "
        "dijumlahkan ke kecamatan: pilih tingkat 'Kelurahan' untuk melihat nilai itu."
    )
    infos = [i.value for i in app.info]
    assert (
        "Tidak ada nilai SPE02 yang dapat ditampilkan per wilayah pada Triwulan IV 2025." + why
    ) in infos
    assert (
        "Tidak ada nilai indikator yang dipilih yang dapat ditampilkan per wilayah pada "
        "Triwulan IV 2025." + why
    ) in infos
    assert any(
        i.startswith(
            "Tidak ada kelurahan yang punya pembilang/penyebut di Triwulan I 2025 dan di Triwulan IV 2025"
        )
        for i in infos
    )
    captions = " ".join(c.value for c in app.caption)
    assert "Warna: hijau" not in captions and "ditandai 'hanya persen'" not in captions
    assert "Tanda \\* = nilai persen saja" not in captions
    assert len(app.get("plotly_chart")) == 1  # the trend (TW I–III have counts) only
    assert not any("Kelompok" in d.value.columns for d in app.dataframe)


def test_ringkasan_spesifik_card_says_an_indicator_was_left_out(percent_app):
    """The spesifik card counts 8 indicators with a target (the demo's 9 without SPE02, whose
    TW IV 2025 values are all bare percentages) and says one was left out."""
    app = open_page(percent_app, "pages/ringkasan.py")
    card = next(m for m in app.metric if m.label == "Cakupan intervensi spesifik")
    caption = " ".join(c.value for c in app.caption)
    assert card.value
    assert (
        "dari 8 indikator bertarget tercapai" in caption
        and "Triwulan IV 2025 · 1 indikator tidak dihitung: nilainya hanya persen "
        "(tanpa pembilang/penyebut)"
        in caption
    )


def test_slide_8_actions_only_in_recommended_kelurahan_marked_percent_only(percent_app, demo_copy):
    """Slide 8 proposes no action for a kelurahan it drops, and an SPE02 value (a bare 50%,
    30 points under ≥ 80%) says 'hanya persen'."""
    store, ref, _ = initialise(demo_copy, with_demo=False)
    deck = build_deck(load_sources(store, ref), 2025, "2025-Q4", date(2026, 11, 28))
    store.dispose()
    slide = deck.slide("rekomendasi")
    *actions, dropped = slide.points
    assert dropped.startswith("Tidak direkomendasikan lagi: ")
    recommended = set(slide.table["Kelurahan"])
    assert len(actions) == 3
    assert all(a.split(":")[0] in recommended for a in actions)
    assert not any(a.split(":")[0] in dropped for a in actions)
    ttd = [a for a in actions if "TTD" in a]
    assert ttd and all(
        a.endswith("TTD minimal 90 tablet 50,0% (hanya persen; target ≥ 80%), belum ada kegiatan")
        for a in ttd
    )


def _deck_of(url: str):
    """The 2025 deck at Triwulan IV 2025 of the database at ``url``."""
    store, ref, _ = initialise(url, with_demo=False)
    deck = build_deck(load_sources(store, ref), 2025, "2025-Q4", date(2026, 11, 28))
    store.dispose()
    return deck


def test_slide_4_says_percent_only_instead_of_no_data_and_counts_like_ringkasan(
    percent_app, demo_copy
):
    """SPE02's city status is 'hanya persen (tidak dijumlahkan ke kota)', not 'tidak ada data';
    its 6 of 7 lokus below ≥ 80% (six 50%, Warakas 91,5%) are marked percent-only; the count is
    2 of 13 targeted interventions (14 minus SPE02), as on Ringkasan (8 spesifik + 5 sensitif)."""
    slide = _deck_of(demo_copy).slide("cakupan")
    full = slide.tables["cakupan_intervensi"].set_index("Kode")
    ttd = full.loc["SPE02"]
    assert ttd["Status kota"] == "hanya persen (tidak dijumlahkan ke kota)"
    assert ttd["Kelurahan hanya persen"] == 31 and ttd["Lokus hanya persen"] == 7
    assert (ttd["Lokus di bawah target"], ttd["Lokus dinilai"]) == (6, 7)
    assert "tidak ada data" not in set(full["Status kota"])
    assert (full.drop(index="SPE02")["Kelurahan hanya persen"] == 0).all()
    assert slide.points[0] == (
        "Triwulan IV 2025: 2 dari 13 intervensi bertarget tercapai di tingkat kota; "
        "1 indikator tidak dihitung: nilainya hanya persen (tanpa pembilang/penyebut)"
    )
    assert "SPE02: 31 nilai kelurahan hanya persen, tidak dijumlahkan ke kota" in slide.points
    short = slide.table.set_index("Intervensi")
    row = short.loc[next(i for i in short.index if i.startswith("SPE02"))]
    assert row["Cakupan kota"] == "– (hanya persen)"
    assert row["Lokus di bawah target"] == "6 dari 7 (hanya persen)"


def test_slide_4_chart_labels_the_percent_only_indicator(percent_app, demo_copy):
    """The coverage chart writes 'hanya persen' where SPE02's city bar would be."""
    import matplotlib.pyplot as plt

    from charts.slides import _coverage

    chart = _deck_of(demo_copy).slide("cakupan").chart
    fig, ax = plt.subplots()
    assert _coverage(ax, chart)
    labels = [x.get_text() for x in ax.texts]
    plt.close(fig)
    assert labels.count("hanya persen, tidak dijumlahkan ke kota") == 1


def test_slide_6_marks_percent_only_values(percent_app, demo_copy):
    """The matrix and the lokus gaps mark the 31 SPE02 values 'hanya persen' (six lokus gaps of
    50%), the slide's gap list says so, and the matrix chart stars those cells."""
    slide = _deck_of(demo_copy).slide("program")
    matrix = slide.tables["matriks_konvergensi"]
    marked = matrix.loc[matrix["Hanya persen"] == "ya"]
    assert len(marked) == 31 and set(marked["Kode"]) == {"SPE02"}
    assert set(matrix.loc[matrix["Kode"] != "SPE02", "Hanya persen"]) == {""}
    gaps = slide.tables["kesenjangan_lokus"]
    ttd = gaps.loc[gaps["Kode"] == "SPE02"]
    assert len(ttd) == 6 and set(ttd["Hanya persen"]) == {"ya"}
    assert set(ttd["Cakupan (%)"]) == {50.0}
    assert set(gaps.loc[gaps["Kode"] != "SPE02", "Hanya persen"]) == {""}
    listed = slide.table.set_index("Lokus")["Di bawah target, tanpa kegiatan"]
    assert listed["Penjaringan"].startswith("SPE02 (hanya persen), ")
    assert "hanya persen" not in listed["Warakas"]
    assert any(
        x.endswith(" sel merah: di bawah target tanpa kegiatan; 6 di antaranya nilai hanya persen")
        for x in slide.points
    )


def test_slide_6_chart_stars_percent_only_cells(percent_app, demo_copy):
    """The lokus × intervention chart writes '0*' in the SPE02 cells of the 7 lokus (no activity
    there, values bare percentages) and explains the star in its legend."""
    import matplotlib.pyplot as plt

    from charts.slides import _matrix

    chart = _deck_of(demo_copy).slide("program").chart
    fig, ax = plt.subplots()
    assert _matrix(ax, chart)
    labels = [x.get_text() for x in ax.texts]
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    plt.close(fig)
    assert sum(x.endswith("*") for x in labels) == 7
    assert "* nilai hanya persen" in legend


def test_lokus_headline_marks_percent_only_values():
    """The slide-4 headline says when the lokus values it counts are bare percentages."""
    from report.narrative import lokus_target_headline

    assert lokus_target_headline(6, 7, "TTD", n_hanya_persen=7) == (
        "6 dari 7 lokus belum mencapai target TTD (nilai hanya persen)"
    )
    assert lokus_target_headline(6, 7, "TTD", n_hanya_persen=2) == (
        "6 dari 7 lokus belum mencapai target TTD (2 nilai hanya persen)"
    )
    assert lokus_target_headline(6, 7, "TTD") == "6 dari 7 lokus belum mencapai target TTD"


def test_synthetic_note_says_some_figures_are_uploaded(percent_app):
    """Beside an uploaded file the demo's note no longer claims every figure is synthetic."""
    app = open_page(percent_app, "pages/ringkasan.py")
    captions = [c.value for c in app.caption]
    assert any(
        c.startswith("Sebagian angka di halaman ini berasal dari data contoh") for c in captions
    )
    assert not any(c.startswith("Angka di halaman ini berasal dari data contoh") for c in captions)
