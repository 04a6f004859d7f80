"""Mapping profiles on real temporary databases, SQLite and PostgreSQL: saved, overwritten or
refused as stale, found by header signature, deleted, each write in the audit log; the
migration; and the import service that applies a profile to a file with the same headers."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import inspect

from analysis.mapping import Mapping, mapping_from_pairs
from ingest.options import ImportOptions
from services import uploads
from services.bootstrap import initialise
from store import audit_store as audit
from store.audit_store import WriterRefused
from store.database import Store
from store.errors import EditConflict
from tests import ingest_files as f

SUDIN = mapping_from_pairs(["Cakupan X=SPE09", "No=abaikan"]).with_name("IDL", "SPE09")
OTHER = mapping_from_pairs(["Cakupan X=SPE02"])


def profile_events(store) -> list[list]:
    """The audit rows of mapping profiles, oldest first: oleh, jenis, objek."""
    log = store.audit_log()
    log = log[log["jenis"].isin([audit.SIMPAN_PEMETAAN, audit.HAPUS_PEMETAAN])]
    return log[["oleh", "jenis", "objek"]].iloc[::-1].values.tolist()


def test_migration_15_adds_the_profile_table_to_an_older_database(store_url, monkeypatch):
    """A database at version 14 has no profile table; the next start creates it (once)."""
    from store import migrations

    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:14])
    store = Store(store_url)  # a database an older version left: its schema only
    store.migrate()
    assert "profil_pemetaan" not in inspect(store.engine).get_table_names()
    store.dispose()
    monkeypatch.undo()
    store, _, report = initialise(store_url, with_demo=False)
    assert report.migrations[0] == 15
    assert "profil_pemetaan" in inspect(store.engine).get_table_names()
    assert store.mapping_profiles().empty
    store.dispose()


def test_a_new_profile_is_stored_listed_and_read_back(empty_store):
    """A new name is inserted at version 1 with its counts; its mapping reads back equal; the save
    is in the audit log under the saver's name."""
    store = empty_store
    assert (
        store.save_mapping_profile("  Rekap \x0b Sudin  ", SUDIN, "ea6247f6b173800e", "rina") == 1
    )
    listed = store.mapping_profiles()
    assert listed.drop(columns="diubah_pada").values.tolist() == [
        ["Rekap Sudin", "ea6247f6b173800e", 2, 1, "rina", 1]
    ]
    assert str(listed["diubah_pada"].dt.tz) == "UTC"
    assert store.mapping_profile("Rekap Sudin") == SUDIN
    assert store.mapping_profile(" Rekap  Sudin") == SUDIN
    assert store.mapping_profile("Rekap") is None
    assert profile_events(store) == [["rina", audit.SIMPAN_PEMETAAN, "profil pemetaan Rekap Sudin"]]
    detail = store.audit_log()["rincian"].iloc[0]
    assert detail.startswith("baru; tanda header ea6247f6b173800e;") and "cakupan x" in detail


def test_saving_an_existing_name_overwrites_it(empty_store):
    """Without ``seen`` a save of a stored name replaces its mapping (version 2, one row), keeps
    who created it, and keeps its signature when the new save has none."""
    store = empty_store
    store.save_mapping_profile("Rekap Sudin", SUDIN, "sig1", "rina")
    assert store.save_mapping_profile("Rekap Sudin", OTHER, None, "budi") == 2
    listed = store.mapping_profiles()
    assert listed[["nama", "tanda_header", "n_kolom", "n_nama", "diubah_oleh", "versi"]].values.tolist() == [
        ["Rekap Sudin", "sig1", 1, 0, "budi", 2]
    ]  # fmt: skip
    assert store.mapping_profile("Rekap Sudin") == OTHER
    assert store.save_mapping_profile("Rekap Sudin", SUDIN, "sig2", "budi") == 3
    assert store.mapping_profiles()["tanda_header"].tolist() == ["sig2"]
    assert [e[0] for e in profile_events(store)] == ["rina", "budi", "budi"]


def test_a_stale_save_or_delete_is_refused_and_writes_nothing(empty_store):
    """With ``seen``: a profile saved by someone else since (or created since, ``seen=0``)
    raises EditConflict naming who saved it; nothing stored, nothing logged."""
    store = empty_store
    store.save_mapping_profile("Rekap Sudin", SUDIN, "sig", "rina")  # version 1
    store.save_mapping_profile("Rekap Sudin", OTHER, "sig", "budi", seen=1)  # version 2
    before = (store.mapping_profiles(), len(store.audit_log()))
    for seen in (1, 0):
        with pytest.raises(EditConflict) as conflict:
            store.save_mapping_profile("Rekap Sudin", SUDIN, "sig", "ani", seen=seen)
        assert conflict.value.current["diubah_oleh"].tolist() == ["budi"]
    with pytest.raises(EditConflict):
        store.delete_mapping_profile("Rekap Sudin", "ani", seen=1)
    assert store.mapping_profiles().equals(before[0]) and len(store.audit_log()) == before[1]
    assert store.mapping_profile("Rekap Sudin") == OTHER
    assert store.save_mapping_profile("Rekap Sudin", SUDIN, "sig", "ani", seen=2) == 3


def test_a_profile_removed_since_the_screen_read_it_is_saved_again(empty_store):
    """``seen`` of a profile deleted since: the save creates it anew (nothing of anyone's lost)."""
    store = empty_store
    store.save_mapping_profile("Rekap Sudin", SUDIN, "sig", "rina")
    assert store.delete_mapping_profile("Rekap Sudin", "budi")
    assert store.save_mapping_profile("Rekap Sudin", OTHER, "sig", "rina", seen=1) == 1
    assert store.mapping_profile("Rekap Sudin") == OTHER


def test_the_newest_profile_of_a_signature_is_found(empty_store):
    """Of two profiles with a file's signature the one changed last is found; another
    signature, an unknown one and none (a file without a header) find nothing."""
    store = empty_store
    store.save_mapping_profile("Sudin lama", OTHER, "sig", "rina")
    store.save_mapping_profile("Sudin baru", SUDIN, "sig", "rina")
    store.save_mapping_profile("Lain", OTHER, "sig-lain", "rina")
    assert store.mapping_profile_for("sig") == ("Sudin baru", SUDIN)
    store.save_mapping_profile("Sudin lama", OTHER, None, "budi")  # changed last now
    assert store.mapping_profile_for("sig") == ("Sudin lama", OTHER)
    assert store.mapping_profile_for("sig-lain") == ("Lain", OTHER)
    assert store.mapping_profile_for("tidak-ada") is None
    assert store.mapping_profile_for(None) is None
    assert store.mapping_profiles()["nama"].tolist() == ["Lain", "Sudin baru", "Sudin lama"]


def test_delete_removes_the_profile_and_is_logged(empty_store):
    """A deleted profile is neither listed, read nor found by signature; the delete is logged
    with its mapping; deleting an unknown name is False and logs nothing."""
    store = empty_store
    store.save_mapping_profile("Rekap Sudin", SUDIN, "sig", "rina")
    assert store.delete_mapping_profile(" Rekap Sudin ", "budi") is True
    assert store.mapping_profiles().empty and store.mapping_profile("Rekap Sudin") is None
    assert store.mapping_profile_for("sig") is None
    assert store.delete_mapping_profile("Rekap Sudin", "budi") is False
    assert profile_events(store) == [
        ["rina", audit.SIMPAN_PEMETAAN, "profil pemetaan Rekap Sudin"],
        ["budi", audit.HAPUS_PEMETAAN, "profil pemetaan Rekap Sudin"],
    ]
    assert '"cakupan x": "SPE09"' in store.audit_log()["rincian"].iloc[0]


@pytest.mark.parametrize(
    ("nama", "mapping", "message"),
    [
        ("   ", SUDIN, "Nama profil pemetaan harus 1–100 karakter"),
        ("x" * 101, SUDIN, "Nama profil pemetaan harus 1–100 karakter"),
        ("Kosong", Mapping(), "Pemetaan kosong"),
    ],
)
def test_bad_names_and_empty_mappings_are_refused(empty_store, nama, mapping, message):
    """An empty or too long name, or a mapping without any choice, is a ValueError; nothing
    stored."""
    with pytest.raises(ValueError, match=message):
        empty_store.save_mapping_profile(nama, mapping, "sig", "rina")
    assert empty_store.mapping_profiles().empty


def test_a_reader_cannot_save_a_profile(empty_store):
    """A stored user who may not change data is refused by the audit check; nothing stored."""
    store = empty_store
    store.add_user("dewi", "pembaca", "admin", "kata-sandi-panjang-sekali")
    with pytest.raises(WriterRefused):
        store.save_mapping_profile("Rekap Sudin", SUDIN, "sig", "dewi")
    assert store.mapping_profiles().empty


# The import service: uploads.dry_run_with_profile.


@pytest.fixture()
def fake_dry_run(monkeypatch):
    """``uploads.dry_run`` replaced by one giving every file signature "sig" and recording the
    mapping of each run."""
    runs: list[Mapping] = []

    def dry_run(store, ref, data, filename, options, progress=None):
        runs.append(options.mapping)
        return SimpleNamespace(signature="sig", options=options, first_rows=[]), "perbandingan"

    monkeypatch.setattr(uploads, "dry_run", dry_run)
    return runs


def test_service_applies_the_profile_of_the_signature_under_the_callers_choices(
    empty_store, fake_dry_run
):
    """No mapping given: the dry run runs again with the profile; with ``use_profile`` the
    caller's choices stay on top of it."""
    store = empty_store
    plan, _, name = uploads.dry_run_with_profile(store, None, b"", "a.csv", ImportOptions())
    assert (name, fake_dry_run) == (None, [Mapping()])  # no profile yet: one run
    store.save_mapping_profile("Rekap Sudin", SUDIN, "sig", "rina")
    fake_dry_run.clear()
    plan, _, name = uploads.dry_run_with_profile(store, None, b"", "a.csv", ImportOptions())
    assert (name, fake_dry_run, plan.options.mapping) == ("Rekap Sudin", [Mapping(), SUDIN], SUDIN)
    fake_dry_run.clear()
    mine = ImportOptions(mapping=OTHER)
    plan, _, name = uploads.dry_run_with_profile(store, None, b"", "a.csv", mine, use_profile=True)
    expected = SUDIN.with_column("Cakupan X", "SPE02")
    assert (name, fake_dry_run) == ("Rekap Sudin", [OTHER, expected])


def test_service_leaves_a_callers_mapping_alone_by_default(empty_store, fake_dry_run):
    """A caller who gave a mapping (or said not to) gets no profile: one run, no name."""
    store = empty_store
    store.save_mapping_profile("Rekap Sudin", SUDIN, "sig", "rina")
    mine = ImportOptions(mapping=OTHER)
    assert uploads.dry_run_with_profile(store, None, b"", "a.csv", mine)[2] is None
    off = uploads.dry_run_with_profile(
        store, None, b"", "a.csv", ImportOptions(), use_profile=False
    )
    assert off[2] is None and fake_dry_run == [OTHER, Mapping()]


def test_service_runs_once_when_the_profile_adds_nothing(empty_store, fake_dry_run):
    """A profile whose choices the caller already made is named but not run again."""
    store = empty_store
    store.save_mapping_profile("Rekap Sudin", OTHER, "sig", "rina")
    mine = ImportOptions(mapping=OTHER)
    result = uploads.dry_run_with_profile(store, None, b"", "a.csv", mine, use_profile=True)
    assert result[2] == "Rekap Sudin" and fake_dry_run == [OTHER]


WIDE_A = f.csv(["kelurahan;Cakupan X", "Warakas;85,5", "Papanggo;70"])
WIDE_B = f.csv(["kelurahan;Cakupan X", "Warakas;90", "Papanggo;60,25"])


def test_a_profile_saved_from_one_file_reads_the_next_with_the_same_headers(empty_store, ref):
    """A wide file with an unrecognisable header is read with a chosen mapping, saved as a
    profile under its signature; a second file with the same headers gets the profile and its
    values (hand-written) without any choice."""
    store = empty_store
    chosen = ImportOptions(periode="2024-Q2", mapping=mapping_from_pairs(["Cakupan X=SPE09"]))
    plan, _ = uploads.dry_run(store, ref, WIDE_A, "a.csv", chosen)
    assert plan.n_errors == 0 and plan.signature
    store.save_mapping_profile("Rekap X", plan.options.mapping, plan.signature, "rina")
    plan, comparison, name = uploads.dry_run_with_profile(
        store, ref, WIDE_B, "b.csv", ImportOptions(periode="2024-Q2")
    )
    assert name == "Rekap X" and plan.n_errors == 0
    uploads.commit(store, plan, comparison, WIDE_B, "rina")
    v = store.indicator_values()
    assert sorted(zip(v["kode_indikator"], v["nilai"], strict=True)) == [
        ("SPE09", 60.25),
        ("SPE09", 90.0),
    ]
