"""A second header row naming the period under an indicator header (review #23 N5): read as part
of the header, never as a data row with a galat; and the "save the valid values only"
confirmation counts what is really left out, as the dry run's "Nilai diabaikan" does."""

from __future__ import annotations

import io

import openpyxl

from ingest.options import ImportOptions
from ingest.pipeline import build_catalogue, prepare
from tests.test_uploads import data_app, metric  # noqa: F401 - the fixture is used by name

TTD_HEADER = (
    "Persentase ibu hamil yang mengonsumsi Tablet Tambah Darah (TTD) minimal 90 tablet selama "
    "masa kehamilan"
)
# Four rows of the reviewer's rekap_ttd_tw4_2025.xlsx: (no, kecamatan, kelurahan, cell), the
# kelurahan code and value checked by hand against the reference.
ROWS = [
    (1, "Penjaringan", "Penjaringan", "72,0%"),
    (2, "Penjaringan", "Kamal Muara", "65,6%"),
    (3, "Tanjung Priok", "Sunter Jaya", "62,1%"),
    (4, "Tanjung Priok", "Warakas", "63,4%"),
]
EXPECTED = {
    ("31.72.01.1001", 72.0),
    ("31.72.01.1002", 65.6),
    ("31.72.02.1002", 62.1),
    ("31.72.02.1007", 63.4),
}


def rekap(sub: str | None = "Triwulan IV 2025", title: str = "Periode: Triwulan IV 2025") -> bytes:
    """The reviewer's workbook shape: a cover sheet, then three title rows, an empty row, the
    header in row 5 ("No", "Kecamatan", "Kelurahan" merged down over rows 5–6) and ``sub`` under
    the indicator header in row 6; the values as text with a percent sign."""
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Sampul"
    for row in (
        ["REKAPITULASI CAPAIAN INDIKATOR GIZI"],
        ["SUKU DINAS KESEHATAN KOTA ADMINISTRASI JAKARTA UTARA"],
        ["Triwulan IV Tahun 2025"],
        [],
        ["Disusun oleh: Seksi Kesehatan Masyarakat"],
    ):
        cover.append(row)
    ws = wb.create_sheet("Rekap TW IV")
    for row in (
        ["REKAP CAPAIAN TTD IBU HAMIL PER KELURAHAN"],
        ["Sumber: Sudin Kesehatan Jakarta Utara"],
        [title],
        [],
        ["No", "Kecamatan", "Kelurahan", TTD_HEADER],
        [None, None, None, sub],
        *[list(r) for r in ROWS],
    ):
        ws.append(row)
    for rng in ("A5:A6", "B5:B6", "C5:C6"):
        ws.merge_cells(rng)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def read(plan) -> set[tuple[str, float]]:
    return {(r.kode_wilayah, round(float(r.nilai), 4)) for r in plan.values.itertuples()}


def test_a_period_row_under_the_header_is_part_of_the_header(ref):
    """Row 6 "Triwulan IV 2025" is no data row: no problem at all, the four values of rows 7–10
    read for SPE02 in 2025-Q4, and the dry run notes say how row 6 was read."""
    plan = prepare(rekap(), "rekap_ttd_tw4_2025.xlsx", build_catalogue(ref))
    assert plan.problems.empty
    assert read(plan) == EXPECTED
    assert set(plan.values["kode_indikator"]) == {"SPE02"}
    assert set(plan.values["periode"]) == {"2025-Q4"}
    assert plan.values["baris"].tolist() == [7, 8, 9, 10]
    assert plan.rows_read == 4 and plan.n_ignored_values == 0
    assert any("Baris 6 dibaca sebagai bagian header" in n for n in plan.notes)


def test_the_period_row_gives_the_period_when_the_title_has_none(ref):
    """With no period in the titles, "Triwulan III 2025" in row 6 is the period of the values."""
    plan = prepare(rekap("Triwulan III 2025", "Per kelurahan"), "r.xlsx", build_catalogue(ref))
    assert plan.problems.empty
    assert set(plan.values["periode"]) == {"2025-Q3"}
    assert read(plan) == EXPECTED


def test_a_quarter_without_a_year_takes_the_titles_year(ref):
    """ "TW IV" in row 6 under a title saying only "Tahun 2025" gives 2025-Q4."""
    plan = prepare(rekap("TW IV", "Tahun 2025"), "r.xlsx", build_catalogue(ref))
    assert plan.problems.empty
    assert set(plan.values["periode"]) == {"2025-Q4"}
    assert read(plan) == EXPECTED


def test_a_data_row_under_the_header_stays_a_data_row(ref):
    """A first row naming a kelurahan, with text under the indicator, is data: its non-number is
    a galat, counted as one value left out."""
    data = b"kelurahan;SPE02 (%)\nWarakas;tujuh puluh\nPapanggo;80\n"
    plan = prepare(data, "x.csv", build_catalogue(ref), ImportOptions(periode="2025-Q4"))
    assert plan.problems[["baris", "pesan"]].values.tolist() == [[2, "Bukan angka."]]
    assert read(plan) == {("31.72.02.1003", 80.0)}
    assert plan.records == 2 and plan.n_ignored_values == 1


def test_a_non_number_without_a_kelurahan_is_a_value_left_out(ref):
    """Text under the indicator in a row with no kelurahan, below a data row, is no header: its
    galat stays and "Nilai diabaikan" counts it (the confirmation then says 1 value)."""
    data = b"kelurahan;SPE02 (%)\nWarakas;80\n;abc\nPapanggo;70\n"
    plan = prepare(data, "x.csv", build_catalogue(ref), ImportOptions(periode="2025-Q4"))
    assert [3, "Bukan angka."] in plan.problems[["baris", "pesan"]].values.tolist()
    assert read(plan) == {("31.72.02.1007", 80.0), ("31.72.02.1003", 70.0)}
    assert plan.n_ignored_values == 1


def test_the_reviewers_file_needs_no_confirmation(data_app):  # noqa: F811
    """On the Data page the reviewer's workbook shows no galat, "Nilai diabaikan 0", no
    "ignore problems" confirmation, and Simpan is enabled."""
    at, _ = data_app
    at.file_uploader(key="data.upload").set_value(
        ("rekap_ttd_tw4_2025.xlsx", rekap(), "application/vnd.ms-excel")
    ).run()
    assert not at.exception
    assert metric(at, "Nilai diabaikan") == "0"
    assert not any("galat" in m.value for m in at.markdown if m.value.startswith("Masalah"))
    assert not [c for c in at.checkbox if c.key == "data.skip_confirm"]
    assert not at.button(key="data.simpan").disabled


def test_the_confirmation_counts_what_is_left_out(data_app):  # noqa: F811
    """A galat that leaves out no value (a second SPE02 column, not read) is confirmed by its
    galat count, as the dry run's "Masalah" line says it, never as "0 nilai bermasalah"."""
    at, _ = data_app
    data = b"kelurahan;SPE02 (%);SPE02 (%)\nWarakas;80;81\nPapanggo;70;71\n"
    at.file_uploader(key="data.upload").set_value(("x.csv", data, "text/csv")).run()
    at.text_input(key="data.periode").input("2025-Q4").run()
    assert not at.exception
    assert metric(at, "Nilai diabaikan") == "0"
    assert any("Masalah: 1 galat" in m.value for m in at.markdown)
    label = at.checkbox(key="data.skip_confirm").label
    assert "0 nilai bermasalah" not in label
    assert label == "Simpan 2 nilai yang valid saja; yang bergalat di atas (1 galat) tidak disimpan"
