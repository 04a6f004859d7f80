"""The Data page's mapping step (AppTest): a choice for an unclear column, a profile saved from
one file and applied to the next with the same headers, profiles listed and deleted."""

from __future__ import annotations

from tests.office_corpus import AMBIGUOUS_IDL, idl_recap
from tests.test_uploads import data_app, metric, read_sql  # noqa: F401 - the fixture is used by name
from ui.mapping_step import likely_header_row

SUBMIT = "Periksa ulang dengan pilihan ini"


def total_values(at) -> int:
    return sum(
        int(metric(at, x).replace(".", ""))
        for x in ("Nilai baru", "Nilai diperbarui", "Nilai sama")
    )


def upload(at, f) -> None:
    at.file_uploader(key="data.upload").set_value((f.name, f.data, "text/csv")).run()
    at.text_input(key="data.periode").input(f.options["periode"]).run()
    assert not at.exception


def name_choice(at, name: str):
    return next(s for s in at.selectbox if s.label == f"Indikator '{name}'")


def test_mapping_step_choice_profile_and_second_file(data_app):  # noqa: F811
    """The IDL column stops for a choice; once mapped to SPE09 and saved as a profile, the next
    recap with the same headers is read with it at once, and the profile can be deleted."""
    at, url = data_app
    first, second = idl_recap("tw2_2024", "2024-Q2", 22), idl_recap("tw3_2024", "2024-Q3", 23)
    upload(at, first)
    assert any("1 kolom atau nama indikator belum dikenali" in w.value for w in at.warning)
    assert total_values(at) == 31  # the SPE02 column only
    choice = name_choice(at, AMBIGUOUS_IDL)
    assert choice.options[:1] == ["— pilih —"]
    choice.set_value("SPE09")
    next(b for b in at.button if b.label == SUBMIT).click().run()
    assert not at.exception
    assert total_values(at) == 62
    assert name_choice(at, AMBIGUOUS_IDL).value == "SPE09"
    at.text_input(key=next(k for k in keys(at) if k.startswith("data.profil_nama_"))).input(
        "Sudin IDL"
    ).run()
    next(b for b in at.button if b.label == "Simpan profil").click().run()
    assert any(s.value == "Profil pemetaan 'Sudin IDL' disimpan." for s in at.success)
    if any(c.key == "data.skip_confirm" for c in at.checkbox):
        at.checkbox(key="data.skip_confirm").check().run()
    at.button(key="data.simpan").click().run()
    assert not at.exception
    upload(at, second)
    assert any("Profil pemetaan 'Sudin IDL' diterapkan" in i.value for i in at.info)
    assert total_values(at) == 62
    profiles = read_sql(url, "select nama from profil_pemetaan")
    assert profiles["nama"].tolist() == ["Sudin IDL"]
    at.checkbox(key="data.profil_yakin_Sudin IDL").check().run()
    at.button(key="data.profil_hapus").click().run()
    assert not at.exception
    assert read_sql(url, "select nama from profil_pemetaan").empty


def keys(at) -> list[str]:
    return [w.key for w in at.text_input if w.key]


def test_new_indicator_chosen_for_an_ambiguous_name_warns_of_the_close_ones(data_app):  # noqa: F811
    """Choosing "new indicator" for 'Cakupan TTD' opens the catalogue form on that name, which
    warns that it is close to SPE02, SPE03 and SKI02 (adding it would store one indicator
    twice)."""
    from tests.office_corpus import grouped_ambiguous_xlsx

    at, _ = data_app
    f = grouped_ambiguous_xlsx()
    at.file_uploader(key="data.upload").set_value((f.name, f.data, "application/vnd.ms-excel"))
    at.run()
    at.text_input(key="data.periode").input("2024-Q3").run()
    name = next(s for s in at.selectbox if s.label == "Indikator 'Cakupan TTD'")
    assert name.options[1:4] == [
        "SPE02 · Ibu hamil mengonsumsi TTD minimal 90 tablet",
        "SPE03 · Remaja putri mengonsumsi TTD",
        "SKI02 · Ibu hamil mendapat dan minum TTD minimal 90 hari",
    ]
    name.set_value("__baru__")
    next(b for b in at.button if b.label == SUBMIT).click().run()
    assert not at.exception
    assert at.selectbox(key="data.ind_asal").value == "Cakupan TTD"
    [warning] = [
        w.value.replace("\\", "") for w in at.warning if w.value.startswith("Nama ini mirip")
    ]  # shown through md_text: brackets escaped
    assert "SPE02 (Ibu hamil mengonsumsi TTD minimal 90 tablet)" in warning
    assert "SPE03 (Remaja putri mengonsumsi TTD)" in warning


NO_HEADER = (
    b"Rekap Sudin Kesehatan TW II 2024\n\nLokasi;TTD bumil (%);Jumlah posyandu\n"
    b"Warakas;85,5%;12\nSunter Agung;70%;9\n"
)


def test_likely_header_row_is_the_first_fullest_row():
    """The header row offered first is the first row with the most filled cells."""
    assert likely_header_row([["Judul"], [], ["a", "b", "c"], ["1", "2", "3"]]) == 3
    assert likely_header_row([]) == 1


def test_header_row_then_columns_chosen_in_the_app(data_app):  # noqa: F811
    """A recap whose place column is called 'Lokasi': the header row is chosen (row 3 offered),
    then 'Lokasi' as the kelurahan name and 'TTD bumil' (SPE02 or SKI02) as SPE02; the values
    are read with the title's period, 'Jumlah posyandu' left unread."""
    at, _ = data_app
    at.file_uploader(key="data.upload").set_value(("tanpa_header.csv", NO_HEADER, "text/csv"))
    at.run()
    assert any(w.value.startswith("Pilih baris judul kolom") for w in at.warning)
    row = next(n for n in at.number_input if n.label == "Nomor baris judul kolom")
    assert row.value == 3
    next(b for b in at.button if b.label == SUBMIT).click().run()
    next(s for s in at.selectbox if s.label.startswith("Kolom 'Lokasi'")).set_value("nama_wilayah")
    name_choice(at, "TTD bumil").set_value("SPE02")
    next(b for b in at.button if b.label == SUBMIT).click().run()
    assert not at.exception
    assert total_values(at) == 2
    notes = next(m.value for m in at.markdown if "Periode dibaca dari judul" in m.value)
    assert "Periode dibaca dari judul berkas\\: 2024\\-Q2" in notes  # through md_text
