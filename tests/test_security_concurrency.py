"""Security: concurrent and stale writes (issue 21, points 7 and 8). A screen that read rows
before someone else saved them cannot overwrite them without a warning (aksi progress, the
activity register, meeting notes; in the store on SQLite and PostgreSQL, and on the pages); the
same file saved twice at once becomes one active dataset; the register download holds the
register; the Aksi page reads evidence bytes only when one is downloaded.

New names of the code under test are imported inside the tests, so that on code without them
each test fails on its own assertion."""

from __future__ import annotations

import hashlib
import io
import threading
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from analysis import schema as s
from analysis.aksi import changes
from analysis.edits import field_changes
from ingest.evidence import Evidence
from ingest.options import ImportOptions
from services import measure_uploads, uploads
from services.bootstrap import initialise
from store.database import Store
from tests import ingest_files as f
from tests.users import signed_in
from ui.sidebar import Filters

ROOT = Path(__file__).resolve().parent.parent
STALE = "sudah diubah orang lain"


def aksi_row(store: Store, tahun: int = 2025) -> pd.DataFrame:
    """The year's first aksi row (the aksi itself, no tahapan or kelurahan), as stored."""
    rows = store.aksi_progress()
    rows = rows.loc[(rows[s.TAHUN] == tahun) & rows[s.NOMOR_TAHAPAN].isna()]
    return rows.head(1).reset_index(drop=True)


def save_aksi(store: Store, read: pd.DataFrame, oleh: str, versions=None, **values) -> int:
    """Save ``values`` over the row as ``read``, naming its versions unless None."""
    edited = read.assign(**values)
    extra = () if versions is None else (versions,)
    return store.update_aksi_progress(2025, edited, changes(read, edited), oleh, *extra)


def versions(rows: pd.DataFrame) -> dict[int, int]:
    return dict(zip(rows["id"].astype(int), rows["versi"].astype(int), strict=True))


def test_stale_aksi_progress_save_is_refused_and_changes_nothing(demo_copy_url):
    """Rina read the row, Budi saved it since: Rina's save is refused (who and what are told),
    nothing of it is written, and only an explicit overwrite (no versions) goes through."""
    store = Store(demo_copy_url)
    read = aksi_row(store)
    row_id = int(read.loc[0, "id"])
    save_aksi(store, read, "budi", catatan="rapat Budi")
    log_before = len(store.aksi_audit())
    with pytest.raises(Exception, match=STALE) as refused:
        save_aksi(store, read, "rina", versions(read), catatan="rapat Rina", progres_persen=40.0)
    now = refused.value.current.set_index("id").loc[row_id]
    assert (now["diubah_oleh"], now["catatan"]) == ("budi", "rapat Budi")
    stored = store.aksi_progress().set_index("id").loc[row_id]
    assert (stored["catatan"], stored["progres_persen"]) == ("rapat Budi", read.loc[0, s.PROGRES])
    assert len(store.aksi_audit()) == log_before
    fresh = aksi_row(store)
    assert save_aksi(store, fresh, "rina", versions(fresh), catatan="rapat Rina") == 1
    assert store.aksi_progress().set_index("id").loc[row_id, "catatan"] == "rapat Rina"
    store.dispose()


def test_a_save_over_a_removed_aksi_row_is_refused(demo_copy_url):
    """A row that no longer exists (its year got another framework) is reported, not skipped."""
    store = Store(demo_copy_url)
    read = aksi_row(store)
    with store.engine.begin() as conn:
        from store import tables

        conn.execute(
            tables.aksi_progress.delete().where(tables.aksi_progress.c.id == int(read.loc[0, "id"]))
        )
    with pytest.raises(Exception, match=STALE) as refused:
        save_aksi(store, read, "rina", versions(read), catatan="x")
    assert refused.value.missing == [int(read.loc[0, "id"])]
    store.dispose()


def test_a_framework_switch_does_not_drop_a_save_made_while_it_checked(
    empty_store, ref, monkeypatch
):
    """Budi records progress after Rina's switch checked that the year is untouched but before
    it replaced the rows: the switch is refused and Budi's progress stays."""
    from analysis.aksi import year_template

    def template(kerangka):
        return year_template(ref.kerangka, ref.tahapan, kerangka, 2026, set())

    empty_store.add_aksi_year(2026, "8AKSI", template("8AKSI"), "Rina")
    first = empty_store.aksi_progress().iloc[[0]]
    original = Store.aksi_evidence

    def budi_saves_meanwhile(self, ids):
        found = original(self, ids)
        edited = first.assign(**{s.STATUS: "berjalan", s.PROGRES: 10.0})
        self.update_aksi_progress(2026, edited, changes(first, edited), "budi")
        return found

    monkeypatch.setattr(Store, "aksi_evidence", budi_saves_meanwhile)
    with pytest.raises(ValueError, match="progresnya sudah diisi"):
        empty_store.switch_aksi_framework(2026, "SKEMA2025", template("SKEMA2025"), "rina")
    monkeypatch.undo()
    kept = empty_store.aksi_progress().set_index("id").loc[int(first["id"].iloc[0])]
    assert (kept[s.KERANGKA], kept[s.PROGRES]) == ("8AKSI", 10.0)


def two_activities(store: Store) -> pd.DataFrame:
    new = pd.DataFrame(
        [
            {s.TAHUN: 2025, s.NAMA_KEGIATAN: "PMT lokal", s.OPD: "SUDINKES", s.INDIKATOR: "SPE08",
             s.KELURAHAN_SASARAN: "semua", s.VOLUME: 120.0, s.SATUAN_VOLUME: "balita",
             s.PAGU: 250_000_000.0, s.REALISASI: None, s.SUMBER_DANA: "APBD",
             s.STATUS: s.KEGIATAN_RENCANA, s.CATATAN: None},
        ]
        * 2
    )  # fmt: skip
    store.save_activities("ani", new=new)
    return store.activities()


def save_register(store, read, oleh, versions_read, removed=(), **values):
    """Save ``values`` over the rows as ``read``; without ``versions_read``, as any save did
    before versions existed (how "Budi", the other user, saves in these tests)."""
    edited = read.assign(**values) if values else read
    diff = field_changes(read, edited, s.ACTIVITY_FIELDS)
    extra = {} if versions_read is None else {"versions": versions_read}
    return store.save_activities(oleh, edited=edited, diff=diff, removed=list(removed), **extra)


def test_stale_register_edit_or_removal_is_refused(empty_store):
    """Budi changed activity 1: Rina's stale edit of it and her stale removal of it are refused
    whole (her change to activity 2 in the same save is not written either)."""
    read = two_activities(empty_store)
    first = read.loc[[0]]
    save_register(empty_store, first, "budi", None, **{s.CATATAN: "oleh Budi"})
    mine = read.assign(**{s.CATATAN: "oleh Rina"})
    with pytest.raises(Exception, match=STALE) as refused:
        empty_store.save_activities(
            "rina", edited=mine, diff=field_changes(read, mine, s.ACTIVITY_FIELDS),
            versions=versions(read),
        )  # fmt: skip
    assert refused.value.current["diubah_oleh"].tolist() == ["budi"]
    with pytest.raises(Exception, match=STALE):
        save_register(
            empty_store, read.loc[[1]], "rina", versions(read), removed=[read.loc[0, "id"]]
        )
    now = empty_store.activities()
    assert now[s.CATATAN].fillna("").tolist() == ["oleh Budi", ""]
    assert set(empty_store.activity_audit()["oleh"]) == {"ani", "budi"}


def test_stale_meeting_note_is_refused_and_can_be_overwritten(empty_store):
    """Both read the empty note; Budi saves first; Rina's save is refused until she overwrites."""
    seen = empty_store.meeting_note_versions(2025, "2025-Q4").get("situasi", 0)
    empty_store.save_meeting_notes(2025, "2025-Q4", {"situasi": "Budi"}, "budi", {"situasi": seen})
    with pytest.raises(Exception, match=STALE) as refused:
        empty_store.save_meeting_notes(
            2025, "2025-Q4", {"situasi": "Rina"}, "rina", {"situasi": seen}
        )
    assert refused.value.current[["diubah_oleh", "teks"]].values.tolist() == [["budi", "Budi"]]
    assert empty_store.meeting_notes(2025, "2025-Q4") == {"situasi": "Budi"}
    assert empty_store.save_meeting_notes(2025, "2025-Q4", {"situasi": "Rina"}, "rina") == [
        "situasi"
    ]
    assert empty_store.meeting_note_history()["diubah_oleh"].tolist() == ["rina", "budi"]


def at_once(n: int, work) -> list:
    """Run ``work(i)`` in ``n`` threads released together; their results or exceptions."""
    start, results = threading.Barrier(n), [None] * n

    def run(i):
        start.wait()
        try:
            results[i] = work(i)
        except Exception as err:  # noqa: BLE001 - the test inspects it
            results[i] = err

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    return results


def racing_check(monkeypatch) -> None:
    """Hold the first two duplicate checks until both have run, so that both saves pass the
    check before either inserts: only the database's unique index can then stop the second."""
    original, gate, calls = getattr(Store, "_active_with_file", None), threading.Barrier(2), []
    if original is None:  # code without the check: nothing to hold
        return

    def checked(self, conn, sha256):
        found = original(self, conn, sha256)
        calls.append(found)
        if len(calls) <= 2:
            gate.wait(30)
        return found

    monkeypatch.setattr(Store, "_active_with_file", checked)


def active_with(store: Store, sha256: str) -> list[int]:
    files = store.datasets()
    return files.loc[(files["sha256"] == sha256) & (files["status"] == "aktif"), "id"].tolist()


@pytest.mark.parametrize("race", [False, True], ids=["bersamaan", "lolos-cek"])
def test_the_same_indicator_file_saved_twice_at_once_is_one_dataset(store_url, monkeypatch, race):
    """Two saves of the same bytes at once: one dataset, the other told its number."""
    store, ref, _ = initialise(store_url, with_demo=False)
    content = f.long_csv("3172021007;;SPE02;2024-Q2;8;10;")
    plan, comparison = uploads.dry_run(store, ref, content, "a.csv", ImportOptions())
    stores = [Store(store_url), Store(store_url)]
    if race:
        racing_check(monkeypatch)
    results = at_once(2, lambda i: uploads.commit(stores[i], plan, comparison, content, f"u{i}"))
    ids = [r for r in results if isinstance(r, int)]
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(ids) == 1 and len(errors) == 1, results
    assert f"sudah disimpan sebagai dataset #{ids[0]}" in str(errors[0])
    assert active_with(store, hashlib.sha256(content).hexdigest()) == ids
    with pytest.raises(Exception, match=f"dataset #{ids[0]}"):  # and later, too
        uploads.commit(store, plan, comparison, content, "u3")
    for x in [store, *stores]:
        x.dispose()


def test_a_rolled_back_file_can_be_saved_again_but_not_restored_twice(empty_store, ref):
    """After a roll-back the same file may be stored again; restoring the old dataset then is
    refused with the active one's number."""
    content = f.long_csv("3172021007;;SPE02;2024-Q2;8;10;")
    plan, comparison = uploads.dry_run(empty_store, ref, content, "a.csv", ImportOptions())
    first = uploads.commit(empty_store, plan, comparison, content, "u")
    empty_store.set_dataset_active(first, False, "u")
    second = uploads.commit(empty_store, plan, comparison, content, "u")
    with pytest.raises(ValueError, match=f"sudah disimpan sebagai dataset #{second}"):
        empty_store.set_dataset_active(first, True, "u")


def test_the_same_measurement_file_saved_twice_at_once_is_one_dataset(store_url, monkeypatch, ref):
    """Measurement files too: two saves racing past the check give one active dataset."""
    from demo.measurements import eppgbm_export, synthetic_measurements
    from store.growth import growth_tables
    from tests.test_measurements import TODAY, csv_bytes

    store, _, _ = initialise(store_url, with_demo=False)
    records = synthetic_measurements(growth_tables(), ref.kelurahan.head(2), set(), 5, [(2025, 8)])
    content = csv_bytes(eppgbm_export(records, ref.kelurahan.head(2)))
    plan = measure_uploads.dry_run(ref, content, "ukur.csv", TODAY)
    assert plan.can_commit
    stores = [Store(store_url), Store(store_url)]
    racing_check(monkeypatch)
    results = at_once(2, lambda i: measure_uploads.commit(stores[i], ref, plan, f"u{i}"))
    ids = [r for r in results if isinstance(r, int)]
    assert len(ids) == 1, results
    assert any(f"sudah disimpan sebagai dataset #{ids[0]}" in str(r) for r in results)
    batches = store.measurement_batches()
    assert batches.loc[batches["status"] == "aktif", "dataset_id"].tolist() == ids
    for x in [store, *stores]:
        x.dispose()


@pytest.fixture()
def page(demo_copy, monkeypatch):
    """Open a page (the file itself: through app.py AppTest loses clicks) on a writable copy of
    the demo data, signed in as Rina, with the sidebar's filters as app.py sets them."""
    monkeypatch.setenv("DASBOR_DB_URL", demo_copy)
    st.cache_resource.clear()
    st.cache_data.clear()

    def open_page(name: str) -> AppTest:
        at = signed_in(AppTest.from_file(str(ROOT / "pages" / name), default_timeout=90))
        at.session_state["filters"] = Filters(2025, "2025-Q4", None)
        at.run()
        assert not at.exception
        return at

    yield open_page
    st.cache_resource.clear()
    st.cache_data.clear()


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def stale_aksi_edit(page, demo_copy, field: str = "catatan"):
    """The Aksi page with Rina's edit of aksi 3's ``field`` ("oleh Rina") refused because Budi
    saved it ("oleh Budi") after her screen read it: the app, the store, the row id, its
    index in the editor and the row as read."""
    from ui.aksi import _rows

    app = page("aksi.py")
    store = Store(demo_copy)
    rows = _rows(store.aksi_progress(), 2025)
    i = int(rows.index[(rows[s.NOMOR_AKSI] == 3) & rows[s.NOMOR_TAHAPAN].isna()][0])
    row_id = int(rows.loc[i, "id"])
    read = store.aksi_progress().set_index("id").loc[[row_id]].reset_index()
    save_aksi(store, read, "budi", **{field: "oleh Budi"})
    app.session_state["aksi_editor_2025"] = {
        "edited_rows": {i: {field: "oleh Rina"}}, "added_rows": [], "deleted_rows": []
    }  # fmt: skip
    app.run()
    app.button(key="aksi.simpan").click().run()
    assert not app.exception
    assert any(STALE in w.value for w in app.warning)
    return app, store, row_id, rows.loc[i]


def test_aksi_page_refuses_a_stale_save_then_overwrites_on_request(page, demo_copy):
    """Rina's editor was open when Budi saved the same row: her save is refused with Budi's
    name and values, nothing changes; "Timpa" then writes her value, logged over Budi's."""
    app, store, row_id, read = stale_aksi_edit(page, demo_copy)
    shown = table_with(app, "Diubah oleh")
    assert shown[
        ["Isian", "Dibaca layar Anda", "Tersimpan sekarang", "Diubah oleh"]
    ].values.tolist() == [["Catatan", read["catatan"] or "", "oleh Budi", "budi"]]
    assert store.aksi_progress().set_index("id").loc[row_id, "catatan"] == "oleh Budi"
    app.button(key="aksi_editor_2025.timpa").click().run()
    assert not app.exception and not app.warning
    assert store.aksi_progress().set_index("id").loc[row_id, "catatan"] == "oleh Rina"
    last = store.aksi_audit().iloc[0]
    assert (last["oleh"], last["nilai_lama"], last["nilai_baru"]) == (
        "rina",
        "oleh Budi",
        "oleh Rina",
    )
    store.dispose()


def test_aksi_conflict_table_shows_my_edit_next_to_the_stored_value(page, demo_copy):
    """The refused save's table shows, per field, what the screen read, Rina's own edit (what
    she would overwrite with) and what Budi stored, with his name."""
    app, store, _, read = stale_aksi_edit(page, demo_copy, "bukti")
    shown = table_with(app, "Diubah oleh")
    assert shown[
        ["Isian", "Dibaca layar Anda", "Isian Anda", "Tersimpan sekarang", "Diubah oleh"]
    ].values.tolist() == [["Bukti (tautan)", read["bukti"] or "", "oleh Rina", "oleh Budi", "budi"]]
    store.dispose()


def editor_section(app: AppTest, label: str) -> tuple[int, object]:
    """Where the expander ``label`` is in the page's main area (its place decides whether the
    browser keeps it open across a rerun)."""
    return next((n, e.label) for n, e in app.main.children.items()
                if getattr(e, "type", "") == "expander" and e.label == label)  # fmt: skip


def test_aksi_overwrite_is_confirmed_and_keeps_the_editor_in_place(page, demo_copy):
    """After "Timpa dengan isian saya" the page says so (whose change was replaced, when) like a
    normal save does, and the editor's expander keeps its place so it stays open."""
    app, store, row_id, _ = stale_aksi_edit(page, demo_copy)
    before = editor_section(app, "Perbarui progres 2025")
    app.button(key="aksi_editor_2025.timpa").click().run()
    assert not app.exception and not app.warning
    assert store.aksi_progress().set_index("id").loc[row_id, "catatan"] == "oleh Rina"
    done = [m.value for m in app.success]
    assert any("Perubahan Anda disimpan, menimpa perubahan oleh budi pada" in m for m in done)
    assert any("1 isian disimpan" in m for m in done)
    assert editor_section(app, "Perbarui progres 2025") == before
    store.dispose()


def editor_frames(monkeypatch) -> list[pd.DataFrame]:
    """Every frame the pages give st.data_editor (the real editor still runs)."""
    frames, original = [], st.data_editor

    def recorded(data, *args, **kwargs):
        frames.append(data)
        return original(data, *args, **kwargs)

    monkeypatch.setattr(st, "data_editor", recorded)
    return frames


def test_aksi_editor_shows_empty_text_cells_empty(page, monkeypatch):
    """Empty text cells reach the editor as "" (it would write "None" for a missing value);
    saving the untouched editor finds nothing to save."""
    from analysis.aksi import NOTE_FIELDS, TEXT_FIELDS

    frames = editor_frames(monkeypatch)
    app = page("aksi.py")
    frame = frames[-1]
    text = [s.KODE_KELURAHAN, *TEXT_FIELDS, *NOTE_FIELDS]
    assert frame[text].isna().sum().sum() == 0
    assert (frame[text] == "").any().any()  # the demo has empty ones (bukti, kelurahan)
    app.button(key="aksi.simpan").click().run()
    assert not app.exception
    assert [m.value for m in app.info] == ["Tidak ada perubahan untuk disimpan."]


def test_register_editor_shows_empty_text_cells_empty(page, monkeypatch, demo_copy):
    """The register editor too: no None in its text cells, and an untouched save is nothing."""
    store = Store(demo_copy)
    rows = store.activities()
    rows = rows.loc[rows[s.TAHUN] == 2025].reset_index(drop=True)
    save_register(store, rows.loc[[0]], "budi", None, **{s.SATUAN_VOLUME: None, s.CATATAN: None})
    frames = editor_frames(monkeypatch)
    app = page("program.py")
    frame = frames[-1]
    text = [s.NAMA_KEGIATAN, s.SATUAN_VOLUME, s.CATATAN]
    assert frame[text].isna().sum().sum() == 0
    assert frame.loc[0, s.CATATAN] == "" and frame.loc[0, s.SATUAN_VOLUME] == ""
    app.button(key="prog.simpan_ubah").click().run()
    assert not app.exception
    assert [m.value for m in app.info] == ["Tidak ada perubahan untuk disimpan."]
    store.dispose()


def test_aksi_page_reload_drops_the_stale_edits(page, demo_copy):
    """After a refused save, "Muat ulang" shows the stored row and writes nothing."""
    from ui.aksi import _rows

    app = page("aksi.py")
    store = Store(demo_copy)
    rows = _rows(store.aksi_progress(), 2025)
    read = store.aksi_progress().set_index("id").loc[[int(rows.loc[0, "id"])]].reset_index()
    save_aksi(store, read, "budi", catatan="oleh Budi")
    app.session_state["aksi_editor_2025"] = {
        "edited_rows": {0: {"catatan": "oleh Rina"}}, "added_rows": [], "deleted_rows": []
    }  # fmt: skip
    app.run()
    app.button(key="aksi.simpan").click().run()
    assert any(STALE in w.value for w in app.warning)
    app.button(key="aksi_editor_2025.muat_ulang").click().run()
    assert not app.exception and not app.warning
    assert (
        store.aksi_progress().set_index("id").loc[int(rows.loc[0, "id"]), "catatan"] == "oleh Budi"
    )
    store.dispose()


def stale_register_save(page, demo_copy):
    """The Program page after Rina saved activity 1 of 2025 ("paket Rina") that Budi had saved
    ("paket Budi") since her register editor was drawn: (page, store, the 2025 rows read)."""
    app = page("program.py")
    store = Store(demo_copy)
    rows = store.activities()
    rows = rows.loc[rows[s.TAHUN] == 2025].reset_index(drop=True)
    save_register(store, rows.loc[[0]], "budi", None, **{s.SATUAN_VOLUME: "paket Budi"})
    app.session_state["prog.editor_2025"] = {
        "edited_rows": {0: {s.SATUAN_VOLUME: "paket Rina"}}, "added_rows": [], "deleted_rows": []
    }  # fmt: skip
    app.run()
    app.button(key="prog.simpan_ubah").click().run()
    assert not app.exception
    return app, store, rows


def test_program_page_refuses_a_stale_register_save(page, demo_copy):
    """The register editor: Budi saved activity 1 after Rina opened it; her save is refused."""
    app, store, rows = stale_register_save(page, demo_copy)
    assert any(STALE in w.value for w in app.warning)
    assert "budi" in table_with(app, "Diubah oleh")["Diubah oleh"].tolist()
    assert (
        store.activities().set_index("id").loc[rows.loc[0, "id"], s.SATUAN_VOLUME] == "paket Budi"
    )
    assert set(store.activity_audit()["oleh"]) == {"budi"}
    store.dispose()


def test_program_page_register_conflict_shows_my_edit_and_confirms_an_overwrite(page, demo_copy):
    """The register's refused save shows Rina's edit and Budi's stored value; "Timpa" saves
    hers and says whose change it replaced, with the register editor kept in place."""
    app, store, rows = stale_register_save(page, demo_copy)
    shown = table_with(app, "Diubah oleh")
    assert shown[
        ["Dibaca layar Anda", "Isian Anda", "Tersimpan sekarang", "Diubah oleh"]
    ].values.tolist() == [[rows.loc[0, s.SATUAN_VOLUME] or "", "paket Rina", "paket Budi", "budi"]]
    app.button(key="prog.editor_2025.timpa").click().run()
    assert not app.exception and not app.warning
    assert (
        store.activities().set_index("id").loc[rows.loc[0, "id"], s.SATUAN_VOLUME] == "paket Rina"
    )
    assert any(
        "Perubahan Anda disimpan, menimpa perubahan oleh budi pada" in m.value for m in app.success
    )
    store.dispose()


def test_presentasi_page_refuses_a_stale_note(page, demo_copy):
    """Budi saved the slide's note after Rina's page was drawn: her note is refused with his
    name and text; "Timpa" stores hers."""
    at = page("presentasi.py")
    store = Store(demo_copy)
    store.save_meeting_notes(2025, "2025-Q4", {"judul": "catatan Budi"}, "budi")
    at.text_area(key="pres_note_2025_2025-Q4_judul").input("catatan Rina")
    next(b for b in at.button if b.label == "Simpan catatan").click().run()
    assert not at.exception
    assert any("budi menyimpan catatan slide ini" in w.value for w in at.warning)
    assert store.meeting_notes(2025, "2025-Q4") == {"judul": "catatan Budi"}
    at.button(key="pres_note_2025_2025-Q4_judul.timpa").click().run()
    assert not at.exception
    assert store.meeting_notes(2025, "2025-Q4") == {"judul": "catatan Rina"}
    store.dispose()


def spy(monkeypatch, cls, name: str) -> list:
    """Record the arguments (positional, then keyword) of every call of ``cls.name``; the real
    method still runs."""
    calls, original = [], getattr(cls, name)

    def recorded(self, *args, **kwargs):
        calls.append((args, kwargs))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, recorded)
    return calls


def test_register_xlsx_download_holds_every_stored_activity(page, demo_copy, monkeypatch, ref):
    """The "Unduh daftar kegiatan (XLSX)" file lists the stored activities (all years), and it
    imports back without a change."""
    from ingest.activities import read_activity_file

    files = spy(monkeypatch, MediaFileManager, "add_deferred")  # built when pressed
    page("program.py")
    build = next(a[0] for a, kw in files if kw.get("file_name") == "daftar_kegiatan.xlsx")
    content = build()
    sheet = pd.read_excel(io.BytesIO(content), sheet_name="kegiatan")
    store = Store(demo_copy)
    stored = store.activities()
    assert sorted(sheet["ID"].astype(int)) == sorted(stored["id"].astype(int))
    assert set(sheet["Nama kegiatan"]) == set(stored[s.NAMA_KEGIATAN])
    assert "daftar_kode" in openpyxl.load_workbook(io.BytesIO(content)).sheetnames
    plan = read_activity_file(content, "daftar_kegiatan.xlsx", stored, ref, 50 * 1024 * 1024)
    assert plan.n_errors == 0 and plan.new.empty  # every row is a stored activity, by ID
    store.dispose()


def test_aksi_page_reads_evidence_bytes_only_on_download(page, demo_copy, monkeypatch):
    """Drawing the Aksi page reads no evidence file; the download button reads it when pressed."""
    store = Store(demo_copy)
    row_id = int(aksi_row(store).loc[0, "id"])
    body = b"%PDF-1.4 bukti rapat"
    evidence = Evidence("notulen.pdf", body, hashlib.sha256(body).hexdigest())
    store.add_aksi_evidence(2025, row_id, evidence, "budi")
    reads = spy(monkeypatch, Store, "aksi_evidence_file")
    deferred = spy(monkeypatch, MediaFileManager, "add_deferred")
    app = page("aksi.py")
    app.run()
    assert reads == []  # the page was drawn twice
    buttons = [b for b in app.get("download_button") if "notulen" in b.proto.label]
    assert len(buttons) == 1 and buttons[0].proto.deferred_file_id
    produce = next(a[0] for a, kw in deferred if kw.get("file_name") == "notulen.pdf")
    assert produce() == body and len(reads) == 1
    store.dispose()


def test_aksi_and_register_uploaders_promise_their_own_limits(page):
    """The evidence uploader says 10 MB (DASBOR_MAX_BUKTI_MB), the aksi and register imports
    50 MB (DASBOR_MAX_UPLOAD_MB), not Streamlit's server-wide cap."""
    aksi = page("aksi.py")
    assert sorted(u.proto.max_upload_size_mb for u in aksi.get("file_uploader")) == [10, 50]
    program = page("program.py")
    assert [u.proto.max_upload_size_mb for u in program.get("file_uploader")] == [50]
