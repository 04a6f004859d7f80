"""What a planner met trying office files (issue #22 review): a workbook's other sheet imported
later, a profile with a chosen header row found again, values of another source than the
catalogue's, unclear columns, automatic matches after a re-check, full-width names."""

from __future__ import annotations

from dataclasses import replace

from analysis.mapping import Mapping
from ingest.mapping import UNCLEAR
from ingest.options import ImportOptions
from ingest.pipeline import build_catalogue, prepare
from services import uploads
from tests.test_office_files import office, store_ref  # noqa: F401 - the fixture is used by name
from tests.test_uploads import data_app, metric  # noqa: F401

TRIWULAN = "rekap_ttd_2025_triwulan.xlsx"


def test_a_sheet_imported_later_is_not_taken_for_the_stored_file(store_ref):  # noqa: F811
    """'Triwulan 1 2025' saved alone does not make 'Triwulan 2 2025' of the same workbook look
    already stored; the same sheet again does, and so does the whole workbook once saved."""
    store, ref = store_ref
    f = office(TRIWULAN)

    def plan_of(sheets):
        options = ImportOptions(sheets=sheets)
        return uploads.dry_run(store, ref, f.data, f.name, options)

    first, comparison = plan_of(("Triwulan 1 2025",))
    dataset = uploads.commit(store, first, comparison, f.data, "uji")
    second, _ = plan_of(("Triwulan 2 2025",))
    assert len(second.values) == 31
    assert store.active_dataset_for_file(second.sha256) is None
    assert store.active_dataset_for_file(plan_of(("Triwulan 1 2025",))[0].sha256)[0] == dataset
    whole, _ = plan_of(None)
    assert whole.sha256 not in (first.sha256, second.sha256)


NO_HEADER = (
    "Rekap Sudin Kesehatan TW II 2024\n\nLokasi;TTD bumil (%)\nWarakas;85,5%\nSunter Agung;70%\n"
)


def test_a_profile_with_a_chosen_header_row_is_applied_to_the_next_file(store_ref):  # noqa: F811
    """A profile saved with header row 3 is found for the next recap of that shape (no header
    is found there alone) and reads it whole."""
    store, ref = store_ref
    chosen = replace(
        Mapping().with_column("Lokasi", "nama_wilayah").with_name("TTD bumil", "SPE02"),
        header_row=3,
    )
    plan, _ = uploads.dry_run(store, ref, NO_HEADER.encode(), "a.csv", ImportOptions())
    assert plan.signature is None and plan.first_rows
    done, _ = uploads.dry_run(
        store, ref, NO_HEADER.encode(), "a.csv", ImportOptions(mapping=chosen)
    )
    assert uploads.save_profile(store, "Sudin lokasi", chosen, done.signature, "uji") == "disimpan"
    other = NO_HEADER.replace("85,5%", "90%").encode()
    plan, _, profile = uploads.dry_run_with_profile(store, ref, other, "b.csv", ImportOptions())
    assert profile == "Sudin lokasi"
    assert sorted(plan.values["nilai"]) == [70.0, 90.0]


def test_values_of_another_source_than_the_catalogues_are_warned(ref):
    """SPE07 is shown from e-PPGBM: two values read as LAPRUT ("Puskesmas Koja") are stored
    beside it, and the dry run warns of it once, by number."""
    data = (
        b"kelurahan;kode_indikator;periode;pembilang;penyebut;sumber_data\n"
        b"Warakas;SPE07;2024-Q3;5;10;Puskesmas Koja\nPluit;SPE07;2024-Q3;6;10;Puskesmas Koja\n"
        b"Warakas;SPE02;2024-Q3;5;10;Puskesmas Koja\n"
    )
    plan = prepare(data, "x.csv", build_catalogue(ref), ImportOptions())
    [warning] = plan.problems.loc[plan.problems["baris"].isna(), "pesan"]
    assert warning.startswith(
        "2 nilai SPE07 bersumber Laporan rutin program (LAPRUT), sedangkan halaman dasbor "
        "menampilkan SPE07 dari sumber katalognya, e-PPGBM (EPPGBM)"
    )
    assert (plan.n_errors, plan.n_warnings, len(plan.values)) == (0, 1, 3)


def test_an_unclear_column_is_warned_not_listed_as_ignored(ref):
    """A column no indicator or role fits is a warning (its data is not read) and is not in the
    "Kolom diabaikan" note, which names only what is never read ("No")."""
    data = b"No;Kelurahan;SPE02 (%);Keterangan rapat\n1;Warakas;80;baik\n"
    plan = prepare(data, "x.csv", build_catalogue(ref), ImportOptions(periode="2024"))
    assert [(c.header, c.status) for c in plan.columns if c.status == UNCLEAR] == [
        ("Keterangan rapat", UNCLEAR)
    ]
    [problem] = plan.problems.to_dict("records")
    assert (problem["kolom"], problem["tingkat"]) == ("Keterangan rapat (D)", "peringatan")
    assert problem["pesan"] == "Arti kolom ini belum jelas; kolom ini tidak diimpor."
    assert "Kolom diabaikan: No." in plan.notes


def test_full_width_kelurahan_name_is_read(ref):
    """'Ｐｌｕｉｔ' typed in full-width letters is Pluit."""
    data = "kelurahan;SPE02 (%)\nＰｌｕｉｔ;80\n".encode()
    plan = prepare(data, "x.csv", build_catalogue(ref), ImportOptions(periode="2024"))
    assert plan.values["kode_wilayah"].tolist() == ["31.72.01.1005"]


def test_an_automatic_match_stays_automatic_after_a_re_check(data_app):  # noqa: F811
    """Re-checking with a choice for one name keeps the others as automatic matches, listed as
    such (not turned into the user's choices)."""
    from tests.office_corpus import grouped_ambiguous_xlsx

    at, _ = data_app
    f = grouped_ambiguous_xlsx()
    at.file_uploader(key="data.upload").set_value((f.name, f.data, "application/vnd.ms-excel"))
    at.run()
    at.text_input(key="data.periode").input("2024-Q3").run()
    next(s for s in at.selectbox if s.label == "Indikator 'Cakupan TTD'").set_value("SPE03")
    next(b for b in at.button if b.label == "Periksa ulang dengan pilihan ini").click().run()
    assert not at.exception
    automatic = next(m.value for m in at.markdown if m.value.startswith("Dibaca otomatis"))
    assert "SPE09" in automatic
    state = at.session_state["data.mapping"]
    assert state.mapping.names == (("cakupan ttd", "SPE03"),)
    assert int(metric(at, "Nilai baru")) + int(metric(at, "Nilai diperbarui")) == 62


def test_an_unknown_indicator_column_does_not_hide_the_files_other_problems(store_ref):  # noqa: F811
    """Under a name that fits no indicator, the cells are still checked: the unknown kelurahan,
    the unreadable period and the non-number are listed in the same round (issue #23 point 10),
    and nothing is kept."""
    _, ref = store_ref
    data = (
        b"kelurahan;periode;Cakupan layanan ajaib\n"
        b"Warakas;2024-Q2;85,5%\n"
        b"Antah Berantah;2024-Q2;70\n"
        b"Sunter Agung;kemarin;60\n"
        b"Papanggo;2024-Q2;abc\n"
    )
    plan = prepare(data, "ajaib.csv", build_catalogue(ref), ImportOptions())
    found = plan.problems[["baris", "pesan"]].values.tolist()
    assert found == [
        [1, "Indikator 'Cakupan layanan ajaib' tidak ada di katalog. Kolom ini tidak diimpor."],
        [3, "Kelurahan 'Antah Berantah' tidak dikenal di Kota Jakarta Utara."],
        [4, "Periode tidak dikenali."],
        [5, "Bukan angka."],
    ]
    assert plan.values.empty and not plan.can_commit
