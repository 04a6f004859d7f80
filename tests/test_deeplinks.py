"""Deep links: every URL filter accepts the codes the README documents as well as the labels,
names case-insensitively, and says what it showed instead of a value it does not know."""

from __future__ import annotations

import pytest

from tests.test_analysis_pages import open_page


def linked(app, page: str, **params: str):
    """``page`` opened from a link carrying ``params`` (the home page: the first run)."""
    for key, value in params.items():
        app.query_params[key] = value
    if page == "pages/ringkasan.py":
        app.run()
        assert not app.exception
        return app
    return open_page(app, page)


def test_profil_link_names_the_kelurahan_in_any_case(app):
    """/profil?kelurahan=warakas opens Warakas (not Ancol, the first option)."""
    linked(app, "pages/profil.py", kelurahan="warakas")
    assert app.selectbox(key="kelurahan").value == "Warakas"
    # no notice about the link (Warakas' own "perlu dicek" flags are warnings too)
    assert not [w for w in app.warning if "tidak dikenal" in w.value]


def test_profil_link_with_a_kemendagri_code_opens_that_kelurahan(app):
    """The kelurahan's Kemendagri code (31.72.02.1007 = Warakas) works as well as its name."""
    linked(app, "pages/profil.py", kelurahan="31.72.02.1007")
    assert app.selectbox(key="kelurahan").value == "Warakas"


def test_unknown_kelurahan_is_named_with_what_is_shown_instead(app):
    """An unknown kelurahan is not a silent fallback: a notice names it and what is shown."""
    linked(app, "pages/profil.py", kelurahan="xyz")
    assert app.selectbox(key="kelurahan").value == "Ancol"
    assert [w.value for w in app.warning] == ["Kelurahan 'xyz' tidak dikenal; ditampilkan Ancol."]


def test_pengukuran_link_takes_the_month_code(app):
    """The README's /pengukuran?ukur_periode=2025-02 (a code, not "Februari 2025") opens that
    month rather than the newest (2025-08)."""
    linked(app, "pages/pengukuran.py", ukur_periode="2025-02")
    assert app.selectbox(key="ukur_periode").value == "2025-02"


def test_sidebar_takes_a_quarter_code_and_a_kecamatan_code(app):
    """?periode=2024-Q3 opens Triwulan III 2024 (its year too); ?kecamatan=31.72.03 is Koja."""
    linked(app, "pages/ringkasan.py", periode="2024-Q3", kecamatan="31.72.03")
    assert app.selectbox(key="tahun").value == 2024
    assert app.selectbox(key="periode").value == "Triwulan III 2024"
    assert app.selectbox(key="kecamatan").value == "Koja"


def test_unknown_kecamatan_is_said_in_the_sidebar(app):
    """?kecamatan=Nowhere shows the whole city and says so under the filter."""
    linked(app, "pages/ringkasan.py", kecamatan="nowhere")
    assert app.selectbox(key="kecamatan").value == "Semua kecamatan"
    assert [w.value for w in app.sidebar.warning] == [
        "Kecamatan 'nowhere' tidak dikenal; ditampilkan Semua kecamatan."
    ]


def test_indikator_link_takes_indicator_codes(app):
    """?indikator=SPE03 (the code, not its long label) picks that indicator."""
    linked(app, "pages/indikator.py", indikator="spe03")
    assert app.multiselect(key="indikator").value == ["SPE03"]


def test_peta_link_takes_the_measure_and_indicator_codes(app):
    """/peta?ukuran=cakupan&indikator_peta=SPE02 opens coverage of SPE02 (codes, not labels)."""
    linked(app, "pages/peta.py", ukuran="cakupan", indikator_peta="SPE02")
    assert app.selectbox(key="ukuran").value == "Cakupan indikator"
    assert app.selectbox(key="indikator_peta").value == "SPE02"
    assert not app.warning


def test_indikator_period_range_takes_period_codes(app):
    """?dari=2024-Q1&sampai=2024-Q4 sets the range by period codes."""
    linked(app, "pages/indikator.py", dari="2024-Q1", sampai="2024-q4")
    assert app.selectbox(key="dari").value == "Triwulan I 2024"
    assert app.selectbox(key="sampai").value == "Triwulan IV 2024"
    assert not [w for w in app.warning if "tidak dikenal" in w.value]


def test_profil_link_keeps_the_kelurahan_in_the_url(app):
    """/profil?kelurahan=warakas keeps the kelurahan in the URL (as its label) so F5 shows it."""
    linked(app, "pages/profil.py", kelurahan="warakas")
    assert app.query_params.get("kelurahan") == "Warakas"


def test_sidebar_link_keeps_period_and_kecamatan_in_the_url(app):
    """?periode=2024-Q3&kecamatan=31.72.03 stays in the URL as Triwulan III 2024 and Koja."""
    linked(app, "pages/ringkasan.py", periode="2024-Q3", kecamatan="31.72.03")
    assert app.query_params.get("periode") == "Triwulan III 2024"
    assert app.query_params.get("kecamatan") == "Koja"


def test_indikator_link_keeps_indicator_codes_in_the_url(app):
    """?indikator=spe03 stays in the URL as SPE03's displayed label."""
    linked(app, "pages/indikator.py", indikator="spe03")
    assert app.query_params.get("indikator") == "SPE03 · Remaja putri mengonsumsi TTD"


def test_period_link_decides_its_year_over_another_tahun(app):
    """?tahun=2023&periode=Triwulan II 2025 opens TW II 2025 (the period names its year), says
    nothing is unknown and keeps the period in the URL."""
    linked(app, "pages/ringkasan.py", tahun="2023", periode="Triwulan II 2025")
    assert app.selectbox(key="tahun").value == 2025
    assert app.selectbox(key="periode").value == "Triwulan II 2025"
    assert not [w for w in app.sidebar.warning if "tidak dikenal" in w.value]
    assert app.query_params.get("periode") == "Triwulan II 2025"
    assert app.query_params.get("tahun") in (None, "2025")


@pytest.mark.parametrize(("raw", "markdown"), [("99", "99"), ("-1", "\\-1"), ("dua", "dua")])
def test_slide_number_out_of_range_is_said(app, raw, markdown):
    """/presentasi?slide=99 (or -1) shows slide 1 and a notice naming the number, not silence."""
    linked(app, "pages/presentasi.py", slide=raw)
    assert [w.value for w in app.warning if w.value.startswith("Slide")] == [
        f"Slide '{markdown}' tidak dikenal; ditampilkan slide 1 (ada slide 1–10)."
    ]


def test_profil_picker_keeps_to_the_sidebars_kecamatan(app):
    """With Kecamatan Koja chosen, Profil offers Koja's six kelurahan only (Koja, Lagoa, Rawa
    Badak Selatan, Rawa Badak Utara, Tugu Selatan, Tugu Utara), the first of them shown."""
    linked(app, "pages/profil.py", kecamatan="Koja")
    picker = app.selectbox(key="kelurahan")
    assert picker.options == [
        "Koja", "Lagoa", "Rawa Badak Selatan", "Rawa Badak Utara", "Tugu Selatan", "Tugu Utara"
    ]  # fmt: skip
    assert picker.value == "Koja"


def test_a_name_shared_by_two_desa_names_both_and_shows_the_first():
    """/profil?kelurahan=Alue in a kabupaten with "Alue (Tanah Luas)" and "Alue (Tanah Pasir)"
    (new-region disambiguates duplicates by kecamatan): the first Alue is shown, a notice names
    both, and nothing says "tidak dikenal" nor falls back to the first option of the list."""
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from ui.deeplink import bound

        names = ["Abeuk Leupon", "Alue (Tanah Luas)", "Alue (Tanah Pasir)", "Aluebili"]
        bound(st.selectbox, "Desa", names, key="kelurahan", what="desa")

    app = AppTest.from_function(script)
    app.query_params["kelurahan"] = "alue"
    app.run()
    assert not app.exception
    assert app.selectbox(key="kelurahan").value == "Alue (Tanah Luas)"
    assert not app.warning
    assert [i.value.replace("\\", "") for i in app.info] == [  # markdown-escaped
        "Ada 2 desa bernama 'alue': Alue (Tanah Luas), Alue (Tanah Pasir). Ditampilkan "
        "Alue (Tanah Luas) — pilih yang lain di daftar bila perlu."
    ]


def test_same_name_needs_the_bracketed_suffix():
    """ "Alue" finds "Alue (…)" options only, not "Aluebili" nor "Alue" itself."""
    from ui.deeplink import same_name

    names = ["Alue", "Alue (Tanah Luas)", "Aluebili", "ALUE  (Tanah Pasir)"]
    assert same_name(" alue ", names) == ["Alue (Tanah Luas)", "ALUE  (Tanah Pasir)"]
