"""AppTest of every page, and the Ringkasan figures recomputed by hand from the stored counts."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.expected import LOKUS_2022_NAMES
from tests.stored import values_db
from text.fmt import fmt_change, fmt_number, fmt_percent

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = {
    "pages/ringkasan.py": "Ringkasan",
    "pages/data.py": "Data indikator",
    "pages/referensi.py": "Data referensi",
    "pages/situasi.py": "Analisis situasi",
    "pages/indikator.py": "Indikator",
    "pages/profil.py": "Profil kelurahan",
    "pages/panduan.py": "Panduan & Metodologi",
    "pages/peta.py": "Peta",
    "pages/aksi.py": "Aksi konvergensi",
    "pages/pengukuran.py": "Pengukuran balita (Aksi 7)",
    "pages/program.py": "Pemetaan program (Aksi 2)",
    "pages/presentasi.py": None,  # slides only: the headline is the slide's
    "pages/audit.py": "Log Audit",
    "pages/masuk.py": "Masuk",
}
KELURAHAN_CODE = "kode_wilayah GLOB '31.72.[0-9][0-9].[0-9][0-9][0-9][0-9]'"


def sql_ratio(db_url: str, where: str) -> tuple[float, float]:
    """Σpembilang and Σpenyebut straight from the database file (the demo has one dataset)."""
    con = values_db(db_url)
    num, den = con.execute(
        f"select sum(pembilang), sum(penyebut) from indicator_value where {where}"
    ).fetchone()
    con.close()
    return num, den


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


@pytest.mark.parametrize(("page", "title"), PAGES.items())
def test_every_page_renders_without_exception(app, page, title):
    """Each page runs through the router with its title, the sidebar filters, no exception."""
    app.run()
    app.switch_page(str(ROOT / page))
    app.run()
    assert not app.exception
    assert not app.error
    assert [t.value for t in app.title] == ([title] if title else [])
    assert {s.key for s in app.sidebar.selectbox} == {"tahun", "periode", "kecamatan"}


def test_ringkasan_headline_matches_stored_counts(app, demo_db):
    """Prevalence, change since 2022 and the SSGI card equal Σnum/Σden computed in SQL."""
    app.run()
    assert app.selectbox(key="tahun").value == 2025
    assert app.selectbox(key="periode").value == "Triwulan IV 2025"
    base = f"kode_indikator='OUT01' and sumber_data='EPPGBM' and {KELURAHAN_CODE}"
    num, den = sql_ratio(demo_db, f"{base} and periode='2025-Q4'")
    num22, den22 = sql_ratio(demo_db, f"{base} and periode='2022-Q4'")
    card = metric(app, "Prevalensi stunting (e-PPGBM)")
    assert card.value == fmt_percent(num / den * 100)
    assert metric(app, "Perubahan sejak 2022").value == fmt_change(
        num / den * 100 - num22 / den22 * 100
    )
    caption = f"{fmt_number(num)} dari {fmt_number(den)} balita diukur"
    assert any(caption in c.value for c in app.caption)
    snum, sden = sql_ratio(
        demo_db, "kode_indikator='OUT01' and sumber_data='SSGI' and periode='2025'"
    )
    assert metric(app, "Prevalensi stunting (survei SSGI/SKI)").value == fmt_percent(
        snum / sden * 100
    )


def test_ringkasan_shows_31_kelurahan_with_7_lokus_and_badge(app, demo_db):
    """The ranking lists all 31 kelurahan, marks the seven lokus, and the synthetic badge shows."""
    app.run()
    table = next(d.value for d in app.dataframe if "Kelurahan" in d.value.columns)
    assert len(table) == 31
    assert set(table.loc[table["Lokus"] == "★ Lokus", "Kelurahan"]) == LOKUS_2022_NAMES
    top = table.iloc[0]
    code = (
        values_db(demo_db)
        .execute(
            "select kode_wilayah from indicator_value where kode_indikator='OUT01' and sumber_data='EPPGBM' "
            f"and periode='2025-Q4' and {KELURAHAN_CODE} order by pembilang*1.0/penyebut desc limit 1"
        )
        .fetchone()[0]
    )
    num, den = sql_ratio(
        demo_db,
        f"kode_indikator='OUT01' and sumber_data='EPPGBM' and periode='2025-Q4' and kode_wilayah='{code}'",
    )
    assert top["Prevalensi stunting"] == fmt_percent(num / den * 100)
    assert top["Balita stunting / diukur"] == f"{fmt_number(num)} / {fmt_number(den)}"
    assert metric(app, "Kelurahan lokus 2025").value == "7"
    assert ":orange-badge[:material/science: Data contoh (sintetis)]" in [
        m.value for m in app.markdown
    ]


def test_filters_change_period_and_kecamatan(app, demo_db):
    """Choosing 2022 and Kecamatan Tanjung Priok recomputes over that kecamatan only."""
    app.run()
    app.selectbox(key="tahun").select(2022).run()
    assert app.selectbox(key="periode").value == "Triwulan IV 2022"
    app.selectbox(key="periode").select("Triwulan III 2022").run()
    app.selectbox(key="kecamatan").select("Tanjung Priok").run()
    assert not app.exception
    num, den = sql_ratio(
        demo_db,
        "kode_indikator='OUT01' and sumber_data='EPPGBM' and periode='2022-Q3' "
        "and kode_wilayah like '31.72.02.%'",
    )
    assert metric(app, "Prevalensi stunting (e-PPGBM)").value == fmt_percent(num / den * 100)
    assert metric(app, "Tahap aksi konvergensi 2022").value == "Ke-4 dari 8"
    assert metric(app, "Kelurahan lokus 2022").value == "3"
    table = next(d.value for d in app.dataframe if "Kelurahan" in d.value.columns)
    assert len(table) == 7 and set(table["Kecamatan"]) == {"Tanjung Priok"}


def test_no_badge_without_synthetic_data(tmp_path, monkeypatch):
    """Real (non-synthetic) data alone shows no synthetic-data badge."""
    url = f"sqlite:///{tmp_path / 'real.sqlite'}"
    store, _ = real_data(url)
    at = app_on(store, url, monkeypatch)
    assert not at.exception
    assert not any("badge" in m.value for m in at.markdown)
    assert metric(at, "Prevalensi stunting (e-PPGBM)").value == "20,0%"
    st.cache_resource.clear()
    st.cache_data.clear()


def app_on(store, url: str, monkeypatch) -> AppTest:
    """The app run once on the database at ``url`` (``store`` closed first), caches cleared."""
    store.dispose()
    monkeypatch.setenv("DASBOR_DB_URL", url)
    st.cache_resource.clear()
    st.cache_data.clear()
    return AppTest.from_file(APP, default_timeout=60).run()


def real_data(url: str, demo_activities: bool = False):
    """A store at ``url`` with uploaded (not synthetic) values of 2024-Q1 (10/100 and 30/100);
    with ``demo_activities`` the demo activity register (2023–2026, synthetic) beside them: the
    case the badge and the deck disagreed on."""
    import pandas as pd

    from demo.activities import synthetic_activities
    from services.bootstrap import initialise
    from store.records import DatasetInfo

    store, ref, _ = initialise(url, with_demo=False)
    rows = pd.DataFrame(
        {
            "kode_wilayah": ["31.72.02.1007", "31.72.02.1006"],
            "kode_indikator": "OUT01",
            "periode": "2024-Q1",
            "sumber_data": "EPPGBM",
            "pembilang": [10.0, 30.0],
            "penyebut": [100.0, 100.0],
            "nilai": [10.0, 30.0],
        }
    )
    store.add_dataset(DatasetInfo("Rekap", "unggahan", "tester", sintetis=False), rows)
    if demo_activities:
        new = synthetic_activities(ref.kelurahan, set())
        store.save_activities("demo", new=new, sintetis=True)
    return store, ref


def test_badge_when_the_year_shows_demo_activities(tmp_path, monkeypatch):
    """Uploaded values beside the demo activity register of the year: the badge shows (the
    presentation of that year says synthetic too)."""
    url = f"sqlite:///{tmp_path / 'mixed.sqlite'}"
    store, _ = real_data(url, demo_activities=True)
    at = app_on(store, url, monkeypatch)
    assert not at.exception
    assert ":orange-badge[:material/science: Data contoh (sintetis)]" in [
        m.value for m in at.markdown
    ]
    assert metric(at, "Prevalensi stunting (e-PPGBM)").value == "20,0%"
    st.cache_resource.clear()
    st.cache_data.clear()


def test_empty_database_shows_guidance(tmp_path, monkeypatch):
    """Without any indicator data the page explains what to do instead of failing."""
    monkeypatch.setenv("DASBOR_DB_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    monkeypatch.setenv("DASBOR_DEMO", "0")
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "Unduh templat di halaman **Data**" in at.info[0].value
    st.cache_resource.clear()
    st.cache_data.clear()


def test_unusable_database_shows_readable_error(tmp_path, monkeypatch):
    """A database URL that cannot be opened gives a Bahasa Indonesia error naming it, no trace."""
    (tmp_path / "berkas").write_text("x")
    url = f"sqlite:///{tmp_path / 'berkas' / 'db.sqlite'}"
    monkeypatch.setenv("DASBOR_DB_URL", url)
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.error[0].value.startswith(f"Basis data {url} tidak dapat dibuka")
    st.cache_resource.clear()


def test_broken_reference_data_shows_problem_table(tmp_path, monkeypatch):
    """Invalid reference files give a Bahasa Indonesia error and a table of problems, no trace."""
    (tmp_path / "ref").mkdir()
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(tmp_path / "ref"))
    monkeypatch.setenv("DASBOR_DB_URL", f"sqlite:///{tmp_path / 'x.sqlite'}")
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "Data referensi tidak valid" in at.error[0].value
    problems = at.dataframe[0].value
    assert "kelurahan.csv" in set(problems["berkas"])
    st.cache_resource.clear()
