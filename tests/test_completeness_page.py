"""AppTest of reporting completeness: the Data page's "Kelengkapan laporan" tab and the
Ringkasan caption, on the demo data (3 kelurahan miss the SKDN recap of 2025-Q4) and on a copy
with a late upload."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from demo.generate import SKDN_MISSING_LAST
from tests.stored import values_db

ROOT = Path(__file__).resolve().parent.parent
DATA = str(ROOT / "pages" / "data.py")


def _missing_skdn(db_url: str) -> list[str]:
    """Kelurahan codes without SKD01 in 2025-Q4, straight from the stored values."""
    con = values_db(db_url)
    have = {
        r[0]
        for r in con.execute(
            "select kode_wilayah from indicator_value where kode_indikator='SKD01' "
            "and periode='2025-Q4'"
        )
    }
    every = {r[0] for r in con.execute("select distinct kode_wilayah from indicator_value "
                                       "where kode_indikator='SPE07'")}  # fmt: skip
    con.close()
    return sorted(every - have)


def _frame(app: AppTest, first: str, second: str) -> pd.DataFrame:
    """The shown table whose first two columns are ``first`` and ``second`` (AppTest does not
    expose a dataframe's key)."""
    return next(d.value for d in app.dataframe if list(d.value.columns[:2]) == [first, second])


def _gaps(app: AppTest) -> pd.DataFrame:
    return next(d.value for d in app.dataframe if "Kode indikator" in d.value.columns)


def _data_tab(app: AppTest) -> AppTest:
    app.run()
    app.switch_page(DATA)
    return app.run()


def test_ringkasan_says_how_many_kelurahan_reported(app, demo_db):
    """The city: 31 − 3 kelurahan reported every indicator of 2025-Q4; a kecamatan counts only
    its own kelurahan."""
    app.run()
    assert not app.exception
    want = (
        "Kelurahan yang melaporkan semua indikator yang diharapkan: "
        f"{31 - SKDN_MISSING_LAST}/31 (Triwulan IV 2025)"
    )
    assert any(c.value.startswith(want) for c in app.caption)
    missing = _missing_skdn(demo_db)
    assert len(missing) == SKDN_MISSING_LAST
    kel = pd.read_csv(ROOT / "data" / "reference" / "kelurahan.csv", dtype=str)
    kec = kel.set_index("kode_kelurahan").loc[missing[0], "kecamatan"]
    mine = kel.loc[kel["kecamatan"] == kec, "kode_kelurahan"]
    done = len(mine) - len(set(missing) & set(mine))
    app.selectbox(key="kecamatan").select(kec).run()
    want = (
        "Kelurahan yang melaporkan semua indikator yang diharapkan: "
        f"{done}/{len(mine)} (Triwulan IV 2025)"
    )
    assert any(c.value.startswith(want) for c in app.caption)


def test_data_tab_lists_the_gaps_of_the_latest_period(app, demo_db):
    """2025-Q4 by default: 3 kelurahan × 3 SKDN indicators = 9 missing reports, per kecamatan
    and per indicator; an earlier quarter has none."""
    app = _data_tab(app)
    assert not app.exception
    assert app.selectbox(key="lengkap.periode").value == "2025-Q4"
    assert any(
        m.value.startswith(f"**Kelurahan melapor lengkap: {31 - SKDN_MISSING_LAST}/31**")
        for m in app.markdown
    )
    gaps = _gaps(app)
    assert len(gaps) == 3 * SKDN_MISSING_LAST
    assert set(gaps["Kode indikator"]) == {"SKD01", "SKD02", "SKD03"}
    assert set(gaps["Status"]) == {"belum melapor"}
    assert _frame(app, "Kecamatan", "Diharapkan")["Belum melapor"].sum() == 9
    per_ind = _frame(app, "Indikator", "Diharapkan").set_index("Indikator")
    # only the indicators with a gap: the three SKDN ratios, 28/31 = 90,3% each
    assert [i[:5] for i in per_ind.index] == ["SKD01", "SKD02", "SKD03"]
    assert (per_ind["Kelengkapan"] == "90,3%").all()
    # SKD03's long name wraps within the rows' lines at both tables' widths, not cut
    from tests.test_layout import wrapped_lines  # noqa: PLC0415
    from ui.completeness import GAP_WIDTHS, INDICATOR_WIDTHS, WRAP  # noqa: PLC0415

    longest = max(per_ind.index, key=len)
    assert longest.startswith("SKD03 · ") and wrapped_lines(longest, 310) == 2  # by hand: 42/line
    assert wrapped_lines(longest, INDICATOR_WIDTHS["Indikator"]) <= WRAP
    assert max(wrapped_lines(n, GAP_WIDTHS["Indikator"]) for n in _gaps(app)["Indikator"]) <= WRAP
    tables = [d for d in app.dataframe if "Indikator" in d.value.columns]
    assert len(tables) == 2 and all(d.proto.row_height == WRAP * 21 + 3 for d in tables)
    # the three SKDN ratios have gaps; the other 30 expected (SAS06 among them) are complete
    assert any(
        c.value.endswith("30 indikator lain lengkap dan tepat waktu (semua ada di unduhan XLSX).")
        for c in app.caption
    )
    labels = [b.label for b in app.get("download_button")]
    assert {"Unduh daftar (CSV)", "Unduh daftar dan ringkasan (XLSX)"} <= set(labels)
    app.selectbox(key="lengkap.periode").select("2025-Q3").run()
    assert "Semua kelurahan melapor semua indikator yang diharapkan, tepat waktu." in [
        s.value for s in app.success
    ]


@pytest.fixture()
def late_app(demo_copy, monkeypatch):
    """The demo copy with one SKD01 value of a kelurahan missing it uploaded now, long after
    2025-Q4's deadline (10 January 2026)."""
    from services.bootstrap import initialise
    from store.records import DatasetInfo

    kode = _missing_skdn(demo_copy)[0]
    store, _, _ = initialise(demo_copy, with_demo=False)
    row = pd.DataFrame(
        {"kode_wilayah": [kode], "kode_indikator": "SKD01", "periode": "2025-Q4",
         "sumber_data": "LAPRUT", "pembilang": [50.0], "penyebut": [100.0], "nilai": [50.0]}
    )  # fmt: skip
    store.add_dataset(DatasetInfo("Rekap SKDN", "unggahan", "tester", sintetis=False), row)
    store.dispose()
    monkeypatch.setenv("DASBOR_DB_URL", demo_copy)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), kode
    st.cache_resource.clear()
    st.cache_data.clear()


def test_a_late_upload_is_listed_as_late(late_app):
    """The late SKD01 shows as "terlambat" with its upload date and the 10 January deadline; the
    kelurahan's SKD02 and SKD03 are still missing, so it does not count as complete."""
    app, kode = late_app
    app = _data_tab(app)
    assert not app.exception
    gaps = _gaps(app)
    late = gaps.loc[gaps["Status"] == "terlambat"]
    assert len(late) == 1 and late.iloc[0]["Kode indikator"] == "SKD01"
    assert late.iloc[0]["Batas lapor"] == "10 Januari 2026"
    assert late.iloc[0]["Diunggah"] != "–"
    assert len(gaps) == 3 * SKDN_MISSING_LAST  # 8 missing + 1 late
    assert any(
        m.value.startswith(f"**Kelurahan melapor lengkap: {31 - SKDN_MISSING_LAST}/31**")
        for m in app.markdown
    )
