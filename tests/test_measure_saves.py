"""AppTests of the Pengukuran upload around a save (issue #23): no traceback when the records
change during a run, no second save of a stored file, and the replacement the dry run shows."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from demo.measurements import eppgbm_export, synthetic_measurements
from store import measure_uploads
from store.database import Store
from store.growth import growth_tables
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
