"""Lokus and local targets set in the app (issue #26, point 3): the store's round trip and its
audit rows, a restart keeping what the user set, the effective target in attainment (by hand),
the Data Referensi editors as editor and as viewer, and the notice on a region without lokus."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from analysis import schema as s
from analysis.attainment import KELURAHAN, KOTA, STATUS, StatusRules, coverage_by_area
from analysis.reference import with_local_targets
from services import region_admin
from services.bootstrap import initialise
from services.reference import load_reference
from services.region_pack import write_region_pack
from settings import REFERENCE_DIR
from store.database import Store
from store.users_store import PEMBACA, User
from tests.apps import ROOT
from tests.users import signed_in
from text.strings import t, use_region
from ui.sidebar import Filters


def code(ref, name: str) -> str:
    kel = ref.kelurahan
    return kel.loc[kel[s.KELURAHAN] == name, s.KODE_KELURAHAN].item()


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The one table of the page with ``column``."""
    [frame] = [d.value for d in at.dataframe if column in d.value.columns]
    return frame


def audit_rows(store: Store, jenis: str) -> list[tuple[str, str, str]]:
    with store.engine.connect() as conn:
        query = text("select oleh, objek, rincian from log_audit where jenis = :j order by id")
        return [tuple(r) for r in conn.execute(query, {"j": jenis})]


def test_set_lokus_replaces_the_year_and_logs_before_and_after(empty_store, ref):
    """A year's list is replaced as a whole (rows of the user), logged with the lists before
    and after; saving the same list again writes nothing."""
    warakas, cilincing, marunda = (code(ref, n) for n in ("Warakas", "Cilincing", "Marunda"))
    names = dict(zip(ref.kelurahan[s.KODE_KELURAHAN], ref.kelurahan[s.KELURAHAN], strict=True))
    assert empty_store.set_lokus(2026, [warakas, cilincing], "SK 1/2026", "rina", names)
    assert not empty_store.set_lokus(2026, [cilincing, warakas], "SK 1/2026", "rina", names)
    assert empty_store.set_lokus(2026, [cilincing, marunda], "SK 2/2026", "budi", names)
    year = empty_store.lokus().query("tahun == 2026")
    assert year[[s.KODE_KELURAHAN, s.DASAR_PENETAPAN, "asal"]].values.tolist() == [
        [cilincing, "SK 2/2026", "pengguna"],
        [marunda, "SK 2/2026", "pengguna"],
    ]
    assert audit_rows(empty_store, "ubah lokus") == [
        ("rina", "lokus 2026", "— → Cilincing, Warakas (ditambah: Cilincing, Warakas); "
                               "dasar penetapan: — → SK 1/2026"),
        ("budi", "lokus 2026", "Cilincing, Warakas → Cilincing, Marunda (ditambah: Marunda; "
                               "dihapus: Warakas); dasar penetapan: SK 1/2026 → SK 2/2026"),
    ]  # fmt: skip
    assert empty_store.lokus_years_set_in_app()[s.TAHUN].tolist() == [2026]
    # The reference year 2022 is untouched.
    assert len(empty_store.lokus().query("tahun == 2022")) == len(ref.lokus)


def test_a_restart_keeps_the_lokus_set_in_the_app(store_url, ref):
    """Removing reference lokus of 2022 in the app (down to two, then to none) survives a
    restart; a year the app never set still follows the reference file."""
    store, _, _ = initialise(store_url, with_demo=False)
    warakas, marunda = code(ref, "Warakas"), code(ref, "Marunda")
    assert store.set_lokus(2022, [warakas, marunda], "Rembuk 2022 (revisi)", "rina")
    store.dispose()
    store, _, _ = initialise(store_url, with_demo=False)  # the start-up syncs lokus.csv again
    assert set(store.lokus().query("tahun == 2022")[s.KODE_KELURAHAN]) == {warakas, marunda}
    assert store.set_lokus(2022, [], "", "rina")
    store.dispose()
    store, _, _ = initialise(store_url, with_demo=False)
    assert store.lokus().query("tahun == 2022").empty
    later = ref.lokus.assign(**{s.TAHUN: 2023})  # a new year in the reference file
    store.sync_lokus(pd.concat([ref.lokus, later]))
    lokus = store.lokus()
    assert lokus.query("tahun == 2022").empty
    assert set(lokus.query("tahun == 2023")["asal"]) == {"referensi"}
    assert len(lokus.query("tahun == 2023")) == len(ref.lokus)
    store.dispose()


def test_save_lokus_checks_codes_and_dasar(empty_store, ref):
    """An unknown code or a list without dasar penetapan is refused and nothing is stored."""
    saved = region_admin.save_lokus(empty_store, ref, 2026, ["31.72.99.9999"], "SK", "rina")
    assert saved.problems == [t("regionadmin.unknown_codes", codes="31.72.99.9999")]
    saved = region_admin.save_lokus(empty_store, ref, 2026, [code(ref, "Warakas")], " ", "rina")
    assert saved.problems == [t("regionadmin.need_dasar")]
    assert empty_store.lokus().query("tahun == 2026").empty


def test_local_target_round_trip_reset_and_audit(empty_store, ref):
    """A local target is stored, saving it again changes nothing, resetting goes back to the
    national one; each change is logged before → after."""
    assert region_admin.save_local_target(
        empty_store, ref, s.IND_STUNTING, "12,5", 2026, "Perbup 12/2024", "rina"
    ) == region_admin.Saved([], True)
    assert not region_admin.save_local_target(
        empty_store, ref, s.IND_STUNTING, 12.5, 2026, "Perbup 12/2024", "rina"
    ).changed
    local = empty_store.local_targets()
    assert local[[s.KODE_INDIKATOR, s.TARGET, s.TAHUN_TARGET, s.SUMBER_TARGET]].values.tolist() == [
        [s.IND_STUNTING, 12.5, 2026, "Perbup 12/2024"]
    ]
    assert region_admin.reset_local_target(empty_store, s.IND_STUNTING, "budi").changed
    assert not region_admin.reset_local_target(empty_store, s.IND_STUNTING, "budi").changed
    assert empty_store.local_targets().empty
    assert audit_rows(empty_store, "target daerah") == [
        ("rina", "target OUT01", "target nasional (katalog) → 12.5 (2026, Perbup 12/2024)"),
        ("budi", "target OUT01", "12.5 (2026, Perbup 12/2024) → target nasional (katalog)"),
    ]


def test_save_local_target_refuses_bad_input(empty_store, ref):
    """A percentage above 100, a year outside 2000–2100 and an empty source are all named."""
    saved = region_admin.save_local_target(empty_store, ref, s.IND_STUNTING, 120, 1999, " ", "r")
    assert saved.problems == [
        t("regionadmin.bad_percent"),
        t("regionadmin.bad_year", tahun=1999),
        t("regionadmin.need_source"),
    ]
    assert empty_store.local_targets().empty


def test_with_local_targets_replaces_only_the_named_indicators(ref):
    """The local row replaces target, year and source of its indicator and marks it confirmed;
    the other indicators keep the catalogue's; an unknown code is ignored."""
    local = pd.DataFrame({s.KODE_INDIKATOR: [s.IND_STUNTING, "XXX99"], s.TARGET: [12.0, 1.0],
                          s.TAHUN_TARGET: [2026, 2026],
                          s.SUMBER_TARGET: ["target daerah (Perbup 12/2024)", "x"]})  # fmt: skip
    merged = with_local_targets(ref, local).indikator.set_index(s.KODE)
    assert merged.loc[s.IND_STUNTING, [s.TARGET, s.TAHUN_TARGET, s.SUMBER_TARGET]].tolist() == [
        12.0, 2026, "target daerah (Perbup 12/2024)"]  # fmt: skip
    assert merged.loc[s.IND_STUNTING, s.TARGET_TERKONFIRMASI]
    pd.testing.assert_frame_equal(
        merged.drop(index=s.IND_STUNTING),
        ref.indikator.set_index(s.KODE).drop(index=s.IND_STUNTING),
    )
    assert with_local_targets(ref, local.iloc[0:0]) is ref


def test_the_effective_target_decides_attainment(empty_store, ref):
    """Prevalence 30/200 = 15% and 10/100 = 10%, city 40/300 = 13.33%. Against the national
    14% (lower is better, mendekati within 1 point): city tercapai (+0.67), A mendekati (−1),
    B tercapai (+4). Against a local 12%: city belum (−1.33), A belum (−3), B tercapai (+2)."""
    a, b = ref.kelurahan[s.KODE_KELURAHAN].iloc[:2]
    values = pd.DataFrame({s.KODE_WILAYAH: [a, b], s.KODE_INDIKATOR: s.IND_STUNTING,
                           s.PERIODE: "2026-08", s.SUMBER_DATA: "EPPGBM",
                           s.PEMBILANG: [30.0, 10.0], s.PENYEBUT: [200.0, 100.0]})  # fmt: skip
    rules = StatusRules(mendekati_poin=1)

    def statuses(reference):
        kel = coverage_by_area(values, ref.kelurahan, reference.indikator, KELURAHAN, rules)
        city = coverage_by_area(
            values, ref.kelurahan, reference.indikator, KOTA, rules, ref.wilayah
        )
        return [*kel[STATUS].astype(str), *city[STATUS].astype(str)], city

    before, _ = statuses(region_admin.effective_reference(empty_store, ref))
    assert before == ["mendekati", "tercapai", "tercapai"]
    empty_store.set_local_target(s.IND_STUNTING, 12, 2026, "Perbup 12/2024", "rina")
    effective = region_admin.effective_reference(empty_store, ref)
    after, city = statuses(effective)
    assert after == ["belum", "tercapai", "belum"]
    assert city[s.SELISIH_TARGET].round(2).tolist() == [-1.33]
    assert effective.indicator(s.IND_STUNTING)[s.SUMBER_TARGET] == "target daerah (Perbup 12/2024)"


@pytest.fixture()
def referensi_page(demo_copy, monkeypatch):
    """The Data Referensi page itself on a writable demo copy (through app.py AppTest loses
    form clicks), the sidebar's year 2025."""
    monkeypatch.setenv("DASBOR_DB_URL", demo_copy)
    st.cache_resource.clear()
    st.cache_data.clear()

    def page(user: User | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "pages" / "referensi.py"), default_timeout=60)
        at = signed_in(at) if user is None else signed_in(at, user)
        at.session_state["filters"] = Filters(2025, "2025-Q4", None)
        return at.run()

    yield page
    st.cache_resource.clear()
    st.cache_data.clear()


def test_an_editor_sets_the_lokus_and_a_local_target(referensi_page, demo_copy, ref):
    """As editor: the year's lokus picked from the list are saved with their dasar (and shown
    in the table), a local target is saved and shown with its source in the catalogue."""
    at = referensi_page()
    assert not at.exception
    warakas, cilincing = code(ref, "Warakas"), code(ref, "Cilincing")
    picker = at.multiselect(key="regionadmin.lokus_pilih.2025")
    assert len(picker.options) == len(ref.kelurahan)
    assert "Warakas — Tanjung Priok" in picker.options
    picker.set_value([warakas, cilincing])
    at.text_input(key="regionadmin.lokus_dasar.2025").input("SK Wali Kota 12/2025")
    at.button(key="regionadmin.lokus_simpan.2025").click().run()
    assert not at.exception and not at.error
    assert [x.value for x in at.success] == [t("regionadmin.lokus_saved", tahun=2025, n=2)]
    store = Store(demo_copy)
    assert set(store.lokus().query("tahun == 2025")[s.KODE_KELURAHAN]) == {warakas, cilincing}
    assert audit_rows(store, "ubah lokus")[0][:2] == ("rina", "lokus 2025")
    shown = table_with(at, "Dasar penetapan")
    assert set(shown.loc[shown["Tahun"] == 2025, "Dasar penetapan"]) == {"SK Wali Kota 12/2025"}
    at.button(key="regionadmin.lokus_simpan.2025").click().run()  # saving twice is harmless
    assert [x.value for x in at.info if "tidak berubah" in x.value] == [
        t("regionadmin.lokus_same", tahun=2025)
    ]
    at.selectbox(key="regionadmin.target_kode").set_value(s.IND_STUNTING).run()
    at.number_input(key="regionadmin.target_nilai.OUT01").set_value(12.0)
    at.number_input(key="regionadmin.target_tahun.OUT01").set_value(2026)
    at.text_input(key="regionadmin.target_sumber.OUT01").input("Perbup 12/2024")
    at.button(key="regionadmin.target_simpan.OUT01").click().run()
    assert not at.exception and not at.error
    assert store.local_targets()[s.TARGET].tolist() == [12.0]
    catalogue = table_with(at, "Sumber target").set_index("Kode")
    assert catalogue.loc[s.IND_STUNTING, "Sumber target"] == "target daerah (Perbup 12/2024)"
    at.button(key="regionadmin.target_reset.OUT01").click().run()
    assert store.local_targets().empty
    store.dispose()


def test_a_viewer_cannot_set_lokus_or_targets(referensi_page):
    """A viewer sees the lists and a note, no form."""
    at = referensi_page(User("budi", "Budi", PEMBACA, "lokal"))
    assert not at.exception
    keys = {w.key for w in [*at.multiselect, *at.selectbox, *at.button]}
    assert not {k for k in keys if k and k.startswith("regionadmin.")}
    notes = [i.value for i in at.info]
    assert t("auth.need_editor", what=t("regionadmin.lokus_what"), peran=PEMBACA) in notes
    assert t("auth.need_editor", what=t("regionadmin.target_what"), peran=PEMBACA) in notes


@pytest.fixture(scope="session")
def pack_3101(tmp_path_factory):
    """The reference folder of Kepulauan Seribu (31.01, 6 kelurahan) without lokus; the
    process's region words are put back to the project's afterwards."""
    folder = tmp_path_factory.mktemp("pack") / "31.01"
    yield folder, write_region_pack("31.01", folder)
    use_region(load_reference(REFERENCE_DIR).wilayah.words())


def test_a_region_without_lokus_shows_one_notice_until_they_are_set(pack_3101, tmp_path,
                                                                     monkeypatch):  # fmt: skip
    """On a new region's folder every page shows the notice once; after lokus are set for the
    year in view it is gone."""
    folder, pack = pack_3101
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(folder))
    monkeypatch.setenv("DASBOR_DB_URL", url)
    monkeypatch.setenv("DASBOR_DEMO", "0")
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        assert not at.exception
        year = pd.Timestamp.now(tz="Asia/Jakarta").year
        notice = (
            f"Lokus kelurahan tahun {year} belum ditetapkan — tetapkan di Data Referensi → Lokus."
        )
        assert [i.value for i in at.info if "Lokus" in i.value] == [notice]
        at.switch_page(str(ROOT / "pages" / "referensi.py"))
        at.run()
        assert not at.exception
        assert [i.value for i in at.info if "belum ditetapkan" in i.value] == [notice]
        store = Store(url)
        store.set_lokus(year, pack.kelurahan[s.KODE_KELURAHAN].iloc[:2], "SK", "rina")
        store.dispose()
        st.cache_data.clear()
        at.run()
        assert not at.exception
        assert not [i.value for i in at.info if "belum ditetapkan" in i.value]
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
