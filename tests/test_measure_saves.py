"""AppTests of the Pengukuran upload around a save (issue #23): no traceback when the records
change during a run, no second save of a stored file, and the replacement the dry run shows."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from demo.measurements import eppgbm_export, synthetic_measurements
from services import measure_uploads
from store.database import Store
from store.growth import growth_tables
from tests.test_analysis_pages import table_with
from tests.test_measure_page import count_datasets
from tests.test_uploads import ROOT
from tests.users import signed_in
from ui.sidebar import Filters


@pytest.fixture()
def ukur(demo_copy_url, monkeypatch):
    """The Pengukuran page on its own, on a private copy of the demo database, with an editor
    signed in (as ``ukur_app`` in test_measure_page); yields the page and the database URL."""
    monkeypatch.setenv("DASBOR_DB_URL", demo_copy_url)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = signed_in(AppTest.from_file(str(ROOT / "pages/pengukuran.py"), default_timeout=60))
    at.session_state["filters"] = Filters(2025, "2025-Q4", None)
    yield at, demo_copy_url
    st.cache_resource.clear()
    st.cache_data.clear()


def smaller_august(ref, n: int = 5) -> bytes:
    """An e-PPGBM export of ``n`` children of Warakas, Agustus 2025 (the demo holds 150)."""
    kel = ref.kelurahan.loc[ref.kelurahan["kelurahan"] == "Warakas"]
    records = synthetic_measurements(growth_tables(), kel, set(), n, [(2025, 8)])
    return eppgbm_export(records, ref.kelurahan).to_csv(index=False).encode()


def test_records_saved_during_a_run_give_no_traceback(ukur, ref, monkeypatch):
    """Another session saving a smaller August file (Warakas 150 → 5 records) between the
    page's read of the records and its month view: the page draws from one read, no error."""
    at, url = ukur
    import ui.measurements

    def save_elsewhere() -> None:  # in place of the upload tab, as another session's save
        store = Store(url)
        plan = measure_uploads.dry_run(ref, smaller_august(ref), "warakas.csv")
        measure_uploads.commit(store, ref, plan, "budi")
        store.dispose()
        ui.measurements.data.clear_caches()

    monkeypatch.setattr(ui.measurements, "render_upload", save_elsewhere)
    at.query_params["ukur_periode"] = "2025-08"
    at.run()
    assert not at.exception
    assert count_datasets(url) == 3


def choose(at: AppTest, content: bytes, name: str = "warakas_agustus.csv") -> AppTest:
    at.run()
    return at.file_uploader(key="ukur.file").set_value((name, content, "text/csv")).run()


def test_dry_run_warns_of_a_kelurahan_losing_records_and_asks_what_to_replace(ukur, ref):
    """The demo holds 150 records per kelurahan for Agustus 2025 (31 × 150 = 4,650). A file of
    5 Warakas children: Warakas loses 145 > 150/5, so a warning names it and the save waits for
    a choice; replacing only Warakas replaces 150 records, the whole month 4,650 of 31."""
    at, _ = ukur
    choose(at, smaller_august(ref))
    assert not at.exception
    [warning] = [w.value for w in at.warning]
    assert warning.startswith(
        "**Perhatian: 1 kelurahan × bulan akan kehilangan lebih dari seperlima rekamannya**: "
        "Warakas Agustus 2025 (150 → 5)."
    )
    # The dry run lists every personal column dropped, the birth date too (issue #23 review).
    assert any(
        i.value.startswith("Kolom data pribadi dibuang sebelum disimpan: NIK, Nama")
        and i.value.endswith(
            "Tanggal lahir (kolom 'Tgl Lahir') hanya dipakai untuk menghitung umur, lalu "
            "dibuang; yang disimpan hanya umur anak."
        )
        for i in at.info
    )
    radio = at.radio(key="ukur.cakupan")
    assert radio.value is None
    assert at.button(key="ukur.save").disabled
    assert any(i.value == "Pilih dulu apa yang diganti, lalu simpan." for i in at.info)
    radio.set_value("kelurahan").run()
    assert not at.button(key="ukur.save").disabled
    summary = "**{} rekaman tersimpan** dari **{} kelurahan × bulan** akan diganti"
    assert any(m.value.startswith(summary.format("150", "1")) for m in at.markdown)
    at.radio(key="ukur.cakupan").set_value("bulan").run()
    assert any(m.value.startswith(summary.format("4.650", "31")) for m in at.markdown)
    table = table_with(at, "Lebih dari seperlima")
    assert len(table) == 31 and table["Berkurang"].tolist().count("150") == 30


def test_saving_the_whole_month_leaves_only_the_file_in_that_month(ukur, ref):
    """Saved for the whole month, August holds the file's 5 records; February keeps 4,650."""
    at, url = ukur
    choose(at, smaller_august(ref))
    at.radio(key="ukur.cakupan").set_value("bulan").run()
    at.button(key="ukur.save").click().run()
    assert not at.exception
    store = Store(url)
    per_month = store.measurements().groupby("periode").size().to_dict()
    store.dispose()
    assert per_month == {"2025-02": 4650, "2025-08": 5}


def test_a_file_adding_a_new_month_replaces_nothing(ukur, ref):
    """September 2025 has no stored record: the dry run says nothing is replaced, no choice."""
    at, _ = ukur
    kel = ref.kelurahan.loc[ref.kelurahan["kelurahan"] == "Warakas"]
    records = synthetic_measurements(growth_tables(), kel, set(), 5, [(2025, 9)])
    choose(at, eppgbm_export(records, ref.kelurahan).to_csv(index=False).encode())
    assert any(c.value.startswith("Belum ada rekaman tersimpan untuk bulan") for c in at.caption)
    assert not at.radio or all(r.key != "ukur.cakupan" for r in at.radio)
    assert not at.button(key="ukur.save").disabled
