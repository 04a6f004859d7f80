"""AppTest of the trajectory sections (issue #25 points 7 and 8) on the demo data: Profil's
chart, table and sources side by side, and Analisis Situasi's table of every kelurahan; the
figures checked against the values stored in the database file."""

from __future__ import annotations

import json
from datetime import date

from analysis.trajectory import aarr
from report.deck import build_deck
from services.bootstrap import initialise
from services.sources import load_sources
from tests.stored import values_db
from tests.test_analysis_pages import open_page
from text.fmt import fmt_percent

WARAKAS = "31.72.02.1007"


def stored(demo_db: str, sql: str) -> list[tuple]:
    con = values_db(demo_db)
    rows = con.execute(sql).fetchall()
    con.close()
    return rows


def table_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_profil_trajectory_of_the_kelurahan_against_stored_counts(app, demo_db):
    """Warakas from 2022-Q4 to 2025-Q4 (the last quarter of each year, e-PPGBM): AARR
    1 − (p2025/p2022)^(1/3), toward both targets; the chart beside the trend chart."""
    open_page(app, "pages/profil.py")
    app.selectbox(key="kelurahan").select("Warakas").run()
    assert not app.exception
    (n1, d1), (n2, d2) = stored(
        demo_db,
        "select pembilang, penyebut from indicator_value where kode_indikator='OUT01' and "
        f"sumber_data='EPPGBM' and kode_wilayah='{WARAKAS}' and periode in ('2022-Q4','2025-Q4') "
        "order by periode",
    )
    table = table_with(app, "AARR sejauh ini")
    mine = table.loc[(table["Wilayah"] == "Warakas") & (table["Sumber"] == "e-PPGBM")]
    assert mine["Target"].tolist() == ["14% pada 2024", "14,2% pada 2029"]
    rate = aarr(n1 / d1 * 100, 2022, n2 / d2 * 100, 2025)
    assert set(mine["AARR sejauh ini"]) == {f"{fmt_percent(rate)}/thn"}
    assert mine["Awal"].iloc[0] == f"{fmt_percent(n1 / d1 * 100)} (TW IV 2022)"
    city = table.loc[table["Wilayah"] == "Jakarta Utara", "Sumber"]
    assert set(city) >= {"e-PPGBM", "SSGI/SKI"}
    assert len(app.get("plotly_chart")) == 2
    assert any(m.value.startswith("- Warakas\\: AARR") for m in app.markdown)
    assert app.radio(key="profil_lintasan_seri").value == ("Warakas", "EPPGBM")


def test_profil_chart_of_the_city_survey_shows_the_required_path(app):
    """The city's SSGI/SKI (about 18 % in the demo, above 14,2 %) has both paths to 2029 and
    the target marker; the kelurahan's e-PPGBM, already below, its actual line and the target."""
    open_page(app, "pages/profil.py")
    app.selectbox(key="kelurahan").select("Warakas").run()
    names = [t["name"] for t in json.loads(app.get("plotly_chart")[1].proto.spec)["data"]]
    assert names == ["Aktual (e-PPGBM)", "Target 14,2% pada 2029"]
    app.radio(key="profil_lintasan_seri").set_value(("Jakarta Utara", "SSGI")).run()
    assert not app.exception
    traces = json.loads(app.get("plotly_chart")[1].proto.spec)["data"]
    assert [t["name"] for t in traces] == [
        "Aktual (SSGI/SKI)", "Jika tren berlanjut", "Jalur yang dibutuhkan", "Target 14,2% pada 2029"
    ]  # fmt: skip


def test_profil_shows_each_source_in_its_own_column(app):
    """The sources side by side: one column per area and source, SSGI/SKI at city level only."""
    open_page(app, "pages/profil.py")
    app.selectbox(key="kelurahan").select("Warakas").run()
    panel = table_with(app, "Tahun")
    columns = list(panel.columns)
    assert columns[0] == "Tahun" and "Warakas · e-PPGBM" in columns
    assert "Kota · e-PPGBM" in columns and "Kota · SSGI/SKI" in columns
    assert "Warakas · SSGI/SKI" not in columns
    assert panel["Tahun"].tolist() == ["2022", "2023", "2024", "2025"]


def test_situasi_trajectory_of_every_kelurahan_and_the_kecamatan(app):
    """The city (e-PPGBM and SSGI/SKI) then the 31 kelurahan toward 14,2 % by 2029 (the target
    ahead of 2025); a kecamatan shows its 6 kelurahan pooled, without the city survey."""
    open_page(app, "pages/situasi.py")
    assert app.selectbox(key="lintasan_target").value == 1
    table = table_with(app, "AARR sejauh ini")
    assert len(table) == 33
    assert table["Wilayah"].iloc[:2].tolist() == ["Jakarta Utara"] * 2
    assert set(table["Target"]) == {"14,2% pada 2029"}
    app.selectbox(key="lintasan_target").set_value(0).run()
    assert set(table_with(app, "AARR sejauh ini")["Target"]) == {"14% pada 2024"}
    app.selectbox(key="kecamatan").select("Koja").run()
    koja = table_with(app, "AARR sejauh ini")
    assert len(koja) == 7 and koja["Wilayah"].iloc[0] == "Koja"


def test_the_presentation_says_the_city_trajectory_once(demo_db):
    """The trust slide's one trajectory sentence, from the survey: SSGI/SKI of the city 2022 → 2025 as stored, AARR
    1 − (p2025/p2022)^(1/3), needing 1 − (14,2/p2025)^(1/4) toward 14,2 % by 2029."""
    store, ref, _ = initialise(demo_db, with_demo=False)
    deck = build_deck(load_sources(store, ref), 2025, "2025-Q4", date(2026, 11, 28))
    store.dispose()
    (n1, d1), (n2, d2) = stored(
        demo_db,
        "select pembilang, penyebut from indicator_value where kode_indikator='OUT01' and "
        "sumber_data='SSGI' and periode in ('2022','2025') order by periode",
    )
    p1, p2 = n1 / d1 * 100, n2 / d2 * 100
    rate, need = aarr(p1, 2022, p2, 2025), aarr(p2, 2025, 14.2, 2029)
    survey = next(p for p in deck.slide("percaya").points if "(SSGI/SKI 2022–2025)" in p)
    assert survey.startswith(
        f"Kota: AARR {fmt_percent(rate)} per tahun (SSGI/SKI 2022–2025), dibutuhkan "
        f"{fmt_percent(need)} per tahun untuk 14,2% pada 2029 — "
    )
    # one sentence only (the national target is measured on the survey), none on the situation
    assert [p for p in deck.slide("percaya").points if p.startswith("Kota: AARR")] == [survey]
    assert not [p for p in deck.slide("situasi").points if p.startswith("Kota: AARR")]
