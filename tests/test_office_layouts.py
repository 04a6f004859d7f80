"""Office-shaped layouts through ``prepare``: indicator names as headers, two-row headers in any
order, workbooks with cover and period sheets, the period from titles and sheet names, the
user's column mapping and header row, and the messages when a file is still not understood."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from analysis.mapping import INDICATOR_COLUMN, ColumnSpec, Mapping
from ingest.indicator_names import IndicatorMatcher, NameMatch
from ingest.layout import detect_layout
from ingest.mapping import (
    BY_NAME,
    KNOWN_IGNORED,
    MAPPED,
    PERSONAL,
    RECOGNISED,
    UNCLEAR,
    header_signature,
)
from ingest.options import ImportOptions
from ingest.pipeline import build_catalogue, prepare

IDL = "Balita memperoleh imunisasi dasar lengkap"  # SPE09, persen
TTD = "Ibu hamil mengonsumsi TTD minimal 90 tablet"  # SPE02, persen
KELUARGA = "Jumlah keluarga"  # SAS01, jumlah
WARAKAS, PAPANGGO, SUNTER_JAYA = "31.72.02.1007", "31.72.02.1003", "31.72.02.1002"


@pytest.fixture(scope="module")
def cat(ref):
    return build_catalogue(ref)


def book(sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> bytes:
    """A workbook with ``sheets`` in order (None = empty cell), ``merges`` per sheet."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def values(plan) -> set[tuple]:
    """(kode_wilayah, kode_indikator, periode, pembilang, penyebut, nilai) of every value."""
    return {
        (
            r.kode_wilayah,
            r.kode_indikator,
            r.periode,
            *(None if pd.isna(x) else float(x) for x in (r.pembilang, r.penyebut)),
            round(float(r.nilai), 4),
        )
        for r in plan.values.itertuples()
    }


def errors(plan) -> list[str]:
    return list(plan.problems.loc[plan.problems["tingkat"] == "galat", "pesan"])


def two_row(sub: list, rows: list[list], name: str = IDL) -> bytes:
    """One indicator ``name`` merged over the sub-headers ``sub``; "No" and "Kelurahan" merged
    down over both header rows; a title row naming the period."""
    last = chr(ord("C") + len(sub) - 1)
    return book(
        {
            "Rekap": [
                ["REKAP TRIWULAN II 2024"],
                ["No", "Kelurahan", name, *[None] * (len(sub) - 1)],
                [None, None, *sub],
                *rows,
            ]
        },
        {"Rekap": ["A2:A3", "B2:B3", f"C2:{last}2"]},
    )


def test_names_as_headers_in_a_wide_csv_are_read_and_shown(cat):
    """A wide CSV headed by the indicators' catalogue names gets in; each name is shown as read."""
    data = f"Kelurahan;{IDL} (%);{TTD}\nWarakas;85,5%;70\nPapanggo;90;\n".encode()
    plan = prepare(data, "nama.csv", cat, ImportOptions(periode="2024"))
    assert values(plan) == {
        (WARAKAS, "SPE09", "2024", None, None, 85.5),
        (WARAKAS, "SPE02", "2024", None, None, 70.0),
        (PAPANGGO, "SPE09", "2024", None, None, 90.0),
    }
    assert f"Kolom '{IDL}' dibaca sebagai SPE09 {IDL}." in plan.notes
    statuses = {c.header: (c.status, c.spec) for c in plan.columns}
    assert statuses[f"{IDL} (%)"] == (BY_NAME, ColumnSpec(INDICATOR_COLUMN, "SPE09", "nilai"))
    assert statuses["Kelurahan"] == (RECOGNISED, ColumnSpec("nama_wilayah"))


def test_cover_sheet_then_two_row_names_header_with_text_counts(cat):
    """The issue's workbook: a cover first, then names merged over Pembilang | Penyebut (and
    Penyebut | Pembilang), counts written with thousand dots, a total row."""
    data = book(
        {
            "Sampul": [["Laporan Konvergensi Stunting"], ["Sudin Kesehatan Jakarta Utara"]],
            "Data": [
                ["REKAP CAKUPAN TRIWULAN II 2024"],
                [],
                ["No", "Kelurahan", IDL, None, TTD, None],
                [None, None, "Pembilang", "Penyebut", "Penyebut", "Pembilang"],
                [1, "Warakas", "1.234", "2.000", 50, 40],
                [2, "Papanggo", "15", "20", "-", ""],
                [None, "Jumlah", "1.249", "2.020", 50, 40],
            ],
        },
        {"Data": ["A3:A4", "B3:B4", "C3:D3", "E3:F3"]},
    )
    plan = prepare(data, "rekap.xlsx", cat)
    # 1234 / 2000 = 61.7 %; 40 / 50 = 80 %; 15 / 20 = 75 %
    assert values(plan) == {
        (WARAKAS, "SPE09", "2024-Q2", 1234.0, 2000.0, 61.7),
        (WARAKAS, "SPE02", "2024-Q2", 40.0, 50.0, 80.0),
        (PAPANGGO, "SPE09", "2024-Q2", 15.0, 20.0, 75.0),
    }
    assert plan.skipped_sheets == [("Sampul", "tanpa tabel (tidak ada header)")]
    assert plan.table_sheets == ["Data"]
    assert "Kolom diabaikan: No." in plan.notes
    assert any("Sampul" in n for n in plan.notes)
    assert list(plan.problems["pesan"]) == ["Baris total/jumlah tidak diimpor sebagai kelurahan."]


@pytest.mark.parametrize(
    ("sub", "row", "expected"),
    [
        (["Sasaran", "Capaian"], [200, 150], (150.0, 200.0, 75.0)),
        (["Capaian", "Sasaran"], [150, 200], (150.0, 200.0, 75.0)),
        (["Sasaran", "Hasil", "%"], [200, 150, "75%"], (150.0, 200.0, 75.0)),
        (["Jumlah Sasaran", "Jumlah Dilayani"], [40, 10], (10.0, 40.0, 25.0)),
        # "Jumlah" beside a sasaran is the pembilang of a percent indicator: 30 / 40 = 75 %.
        (["Sasaran", "Jumlah"], [40, 30], (30.0, 40.0, 75.0)),
    ],
    ids=[
        "sasaran_capaian",
        "capaian_sasaran",
        "sasaran_hasil_persen",
        "jumlah_words",
        "jumlah_pembilang",
    ],
)
def test_sub_headers_in_any_order(cat, sub, row, expected):
    """Every order and wording of sub-headers gives the same pembilang, penyebut and value."""
    plan = prepare(two_row(sub, [[1, "Warakas", *row]]), "dua_baris.xlsx", cat)
    assert values(plan) == {(WARAKAS, "SPE09", "2024-Q2", *expected)}


def test_left_columns_left_blank_in_the_sub_row(cat):
    """ "No" and "Kelurahan" only in the top row (nothing merged): the sub row's blanks keep them."""
    data = (
        f"No;Kelurahan;{IDL};\n;;Penyebut;Pembilang\n1;Warakas;1 234;617\n2;Sunter Jaya;40;10\n"
    ).encode()
    plan = prepare(data, "csv_dua_baris.csv", cat, ImportOptions(periode="2025-S1"))
    # 617 / 1234 = 50 %; 10 / 40 = 25 %
    assert values(plan) == {
        (WARAKAS, "SPE09", "2025-S1", 617.0, 1234.0, 50.0),
        (SUNTER_JAYA, "SPE09", "2025-S1", 10.0, 40.0, 25.0),
    }


def test_jumlah_and_percent_of_a_percent_indicator_reads_only_the_percent(cat):
    """Jumlah | % of a percent indicator without a sasaran: the % is read, the count is not."""
    plan = prepare(two_row(["Jumlah", "%"], [[1, "Warakas", 12, "85,5 %"]]), "jp.xlsx", cat)
    assert values(plan) == {(WARAKAS, "SPE09", "2024-Q2", None, None, 85.5)}
    assert any(n.startswith(f"Kolom '{IDL} Jumlah' tidak dibaca") for n in plan.notes)


def test_jumlah_of_a_count_indicator_is_its_value(cat):
    """Jumlah | % of an indicator counted in "jumlah": the count is the value, the % not read."""
    plan = prepare(
        two_row(["Jumlah", "%"], [[1, "Warakas", "1.500", "12%"]], name=KELUARGA), "j.xlsx", cat
    )
    assert values(plan) == {(WARAKAS, "SAS01", "2024-Q2", 1500.0, None, 1500.0)}
    assert any(n.startswith(f"Kolom '{KELUARGA} %' tidak dibaca") for n in plan.notes)


def test_one_row_headers_with_field_suffixes_still_work(cat):
    """``SPE02_pembilang``, ``SPE02_penyebut`` and ``SPE09 (%)`` in one header row."""
    data = b"kode_kelurahan,SPE02_pembilang,SPE02_penyebut,SPE09 (%)\n31.72.02.1007,3,4,85\n"
    plan = prepare(data, "satu_baris.csv", cat, ImportOptions(periode="2024"))
    assert values(plan) == {
        (WARAKAS, "SPE02", "2024", 3.0, 4.0, 75.0),
        (WARAKAS, "SPE09", "2024", None, None, 85.0),
    }


def test_tab_separated_with_bom_and_percent_strings_under_a_name(cat):
    """The issue's TSV: BOM, tabs, "85,5%" under an indicator name, period from the title."""
    data = (
        "\ufeffRekap Triwulan I 2025\n"
        f"Kelurahan\t{IDL}\n"
        "Warakas\t85,5%\n"
        "Papanggo\t90 %\n"
        "Sunter Jaya\t–\n"
    ).encode()
    plan = prepare(data, "rekap.txt", cat)
    assert values(plan) == {
        (WARAKAS, "SPE09", "2025-Q1", None, None, 85.5),
        (PAPANGGO, "SPE09", "2025-Q1", None, None, 90.0),
    }
    assert errors(plan) == []
    assert "Periode dibaca dari judul berkas: 2025-Q1." in plan.notes


def test_period_sheets_are_one_dataset_with_each_sheets_period(cat):
    """Two period sheets are read together; "TW I" takes its year from the other sheets' title."""
    data = book(
        {
            "Sampul": [["Rekap Cakupan Imunisasi"]],
            "TW I": [["Kelurahan", "SPE09"], ["Warakas", 80], ["Papanggo", 70]],
            "TW II": [["Rekap Triwulan II 2025"], ["Kelurahan", "SPE09"], ["Warakas", 85]],
        }
    )
    plan = prepare(data, "tw.xlsx", cat)
    assert values(plan) == {
        (WARAKAS, "SPE09", "2025-Q1", None, None, 80.0),
        (PAPANGGO, "SPE09", "2025-Q1", None, None, 70.0),
        (WARAKAS, "SPE09", "2025-Q2", None, None, 85.0),
    }
    assert list(plan.values["lembar"]) == ["TW I", "TW I", "TW II"]
    assert plan.table_sheets == ["TW I", "TW II"]
    assert plan.skipped_sheets == [("Sampul", "tanpa tabel (tidak ada header)")]
    assert "Lembar 'TW II': Periode dibaca dari judul berkas: 2025-Q2." in plan.notes


def test_chosen_sheets_and_the_cli_sheet(cat):
    """``options.sheets`` picks among the table sheets; ``options.sheet`` reads only that one."""
    data = book(
        {
            "TW I 2025": [["Kelurahan", "SPE09"], ["Warakas", 80]],
            "TW II 2025": [["Kelurahan", "SPE09"], ["Warakas", 85]],
        }
    )
    chosen = prepare(data, "tw.xlsx", cat, ImportOptions(sheets=("TW II 2025",)))
    assert values(chosen) == {(WARAKAS, "SPE09", "2025-Q2", None, None, 85.0)}
    assert chosen.table_sheets == ["TW I 2025", "TW II 2025"]
    one = prepare(data, "tw.xlsx", cat, ImportOptions(sheet="TW I 2025"))
    assert values(one) == {(WARAKAS, "SPE09", "2025-Q1", None, None, 80.0)}


def test_chosen_period_wins_over_sheet_names_and_duplicates_across_sheets_are_caught(cat):
    """A period chosen for a workbook of two period sheets makes their keys equal: the duplicate
    check names both sheets; the note says the chosen period differs from the sheet's."""
    data = book(
        {
            "TW I 2025": [["Kelurahan", "SPE09"], ["Warakas", 80]],
            "TW II 2025": [["Kelurahan", "SPE09"], ["Warakas", 85]],
        }
    )
    plan = prepare(data, "tw.xlsx", cat, ImportOptions(periode="2025"))
    assert values(plan) == set()
    dup = plan.problems[plan.problems["pesan"].str.startswith("Data ganda")]
    assert list(dup["pesan"]) == [
        "Data ganda: kelurahan, indikator, periode dan sumber yang sama muncul di lembar "
        "'TW I 2025' baris 2, lembar 'TW II 2025' baris 2."
    ]
    assert (
        "Lembar 'TW I 2025': Periode dipilih (2025) berbeda dengan judul berkas (2025-Q1); "
        "yang dipakai: 2025." in plan.notes
    )


def test_problems_name_their_sheet(cat):
    """A problem in the second sheet has its column prefixed with that sheet's name."""
    data = book(
        {
            "TW I 2025": [["Kelurahan", "SPE09"], ["Warakas", 80]],
            "TW II 2025": [["Kelurahan", "SPE09"], ["Warakas", "banyak"]],
        }
    )
    plan = prepare(data, "tw.xlsx", cat)
    bad = plan.problems[plan.problems["pesan"] == "Bukan angka."]
    assert list(bad["kolom"]) == ["Lembar 'TW II 2025' · SPE09 (B)"]
    assert list(bad["baris"]) == [2]


def test_no_header_found_offers_the_first_rows_with_personal_data_masked(cat):
    """No row has a place column: the message says what was recognised and what to do; the
    first rows are given for choosing the header row, a column of NIKs masked."""
    data = book(
        {
            "Data": [
                ["Laporan"],
                ["Lokasi", "NIK", IDL],
                ["Warakas", "3172010101900001", 80],
            ]
        }
    )
    plan = prepare(data, "tanpa_header.xlsx", cat, ImportOptions(periode="2024"))
    message = plan.problems["pesan"].iloc[0]
    assert "Baris judul kolom (header) tidak ditemukan" in message
    assert f"baris 2 memuat '{IDL}' (SPE09)" in message
    assert "langkah pemetaan kolom" in message
    assert plan.first_rows == [
        ["Laporan", "", ""],
        ["Lokasi", "NIK", IDL],
        ["Warakas", "•••", "80"],
    ]


def test_header_row_and_columns_chosen_in_the_mapping_step(cat):
    """The header row forced by the mapping, an unclear place column and an unknown indicator
    header mapped, a column ignored: the values come in and each column says how it was read."""
    data = book(
        {
            "Data": [
                ["Laporan"],
                ["Lokasi", "Cakupan IDL Bayi", "Catatan petugas", "NIK"],
                ["Warakas", 80, "baik", "3172010101900001"],
            ]
        }
    )
    mapping = (
        Mapping(header_row=2)
        .with_column("Lokasi", "nama_wilayah")
        .with_column("Cakupan IDL Bayi", "SPE09")
        .with_column("Catatan petugas", "abaikan")
        .with_column("NIK", "nama_wilayah")
    )
    plan = prepare(data, "dipetakan.xlsx", cat, ImportOptions(periode="2024", mapping=mapping))
    assert values(plan) == {(WARAKAS, "SPE09", "2024", None, None, 80.0)}
    assert [(c.header, c.status, c.spec) for c in plan.columns] == [
        ("Lokasi", MAPPED, ColumnSpec("nama_wilayah")),
        ("Cakupan IDL Bayi", MAPPED, ColumnSpec(INDICATOR_COLUMN, "SPE09", "nilai")),
        ("Catatan petugas", MAPPED, ColumnSpec("abaikan")),
        ("NIK", PERSONAL, None),
    ]
    assert plan.signature == header_signature(
        ["Lokasi", "Cakupan IDL Bayi", "Catatan petugas", "NIK"]
    )


def test_no_indicator_column_says_which_columns_were_found(cat):
    """A header found by its place-like column, but neither that column nor the other is one
    the app knows: the message names the unclear columns and how to map them, and the columns
    are given for the mapping."""
    data = b"Desa/Kelurahan Lokus;Keterangan;Capaian Program\nWarakas;-;80\n"
    plan = prepare(data, "tidak_jelas.csv", cat, ImportOptions(periode="2024"))
    message = plan.problems["pesan"].iloc[0]
    assert message.startswith("tidak_jelas.csv: Tidak ada kolom kelurahan di header (baris 1)")
    assert "Kolom yang belum jelas: 'Desa/Kelurahan Lokus', 'Capaian Program'." in message
    assert '--map "JUDUL=nama_wilayah"' in message
    assert [(c.header, c.status) for c in plan.columns] == [
        ("Desa/Kelurahan Lokus", UNCLEAR),
        ("Keterangan", KNOWN_IGNORED),
        ("Capaian Program", UNCLEAR),
    ]
    mapping = Mapping().with_column("Desa/Kelurahan Lokus", "nama_wilayah")
    mapped = prepare(
        data,
        "tidak_jelas.csv",
        cat,
        ImportOptions(periode="2024", mapping=mapping.with_column("Capaian Program", "SPE09")),
    )
    assert values(mapped) == {(WARAKAS, "SPE09", "2024", None, None, 80.0)}


class AmbiguousMatcher(IndicatorMatcher):
    """The catalogue matcher, but "Cakupan imunisasi" fits SPE09 and SKA01 (as the fuzzy one
    may say of the balita and the 0–23-month items)."""

    def resolve(self, text: object) -> NameMatch:
        if str(text).strip().lower() == "cakupan imunisasi":
            return NameMatch(None, "ganda", ("SPE09", "SKA01"), 90.0)
        return super().resolve(text)


def test_an_ambiguous_name_header_stops_for_a_choice(ref):
    """A header that fits two indicators is an unclear column carrying both candidates."""
    cells = pd.DataFrame(
        [["Kelurahan", "Cakupan imunisasi", "SPE02"], ["Warakas", "80", "70"]], dtype=object
    )
    layout = detect_layout(cells, AmbiguousMatcher(ref.indikator))
    assert [ic.kode for ic in layout.indicator_columns] == ["SPE02"]
    assert [(ic.label, ic.candidates) for ic in layout.unknown_indicator_columns] == [
        ("Cakupan imunisasi", ("SPE09", "SKA01"))
    ]
    info = {c.header: c for c in layout.columns}["Cakupan imunisasi"]
    assert (info.status, info.candidates, info.spec) == (UNCLEAR, ("SPE09", "SKA01"), None)


def test_same_headers_give_the_same_signature(cat):
    """Two files with the same headers but other values share a header signature."""
    first = prepare(b"Kelurahan;SPE09\nWarakas;80\n", "a.csv", cat, ImportOptions(periode="2024"))
    second = prepare(b"Kelurahan;SPE09\nPapanggo;60\n", "b.csv", cat, ImportOptions(periode="2024"))
    other = prepare(b"Kelurahan;SPE02\nPapanggo;60\n", "c.csv", cat, ImportOptions(periode="2024"))
    assert first.signature == second.signature == header_signature(["Kelurahan", "SPE09"])
    assert other.signature != first.signature


def test_a_data_row_of_percentages_is_no_sub_header(ref):
    """A first data row with a blank place and "85%" is data, not a second header row."""
    cells = pd.DataFrame([["Kelurahan", "SPE09"], ["", "85%"], ["Warakas", "80"]], dtype=object)
    layout = detect_layout(cells, IndicatorMatcher(ref.indikator))
    assert (layout.header_row, layout.data_start, layout.labels) == (0, 1, ["Kelurahan", "SPE09"])
