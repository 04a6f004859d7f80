"""Unit tests of analysis.periods: parsing, ordering and relating canonical periods."""

from __future__ import annotations

import pytest

from analysis.periods import (
    Period,
    find_period,
    is_period,
    normalise_period,
    parse_period,
    period_sort_key,
    period_year,
    same_period_in_year,
    sort_periods,
    title_period,
)

MESSAGE = r"tidak dikenali: gunakan 2024, 2024-S1, 2024-Q3 atau 2024-08\."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", Period(2024, 1, 12, "tahun", 0)),
        ("2024-S1", Period(2024, 1, 6, "semester", 1)),
        ("2024-S2", Period(2024, 7, 12, "semester", 2)),
        ("2024-Q1", Period(2024, 1, 3, "triwulan", 1)),
        ("2024-Q3", Period(2024, 7, 9, "triwulan", 3)),
        ("2024-Q4", Period(2024, 10, 12, "triwulan", 4)),
        ("2024-01", Period(2024, 1, 1, "bulan", 1)),
        ("2024-08", Period(2024, 8, 8, "bulan", 8)),
        ("2024-12", Period(2024, 12, 12, "bulan", 12)),
    ],
)
def test_parse_period_canonical_forms(text, expected):
    """Every canonical form parses to its year, month span, kind and number."""
    assert parse_period(text) == expected


def test_parse_period_strips_surrounding_whitespace():
    """Whitespace around a canonical period is ignored."""
    assert parse_period("  2025-Q2 \n") == Period(2025, 4, 6, "triwulan", 2)


def test_parse_period_accepts_an_integer_year():
    """A year given as an int (as read from a numeric column) is a whole-year period."""
    assert parse_period(2023) == Period(2023, 1, 12, "tahun", 0)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "24",
        "20245",
        "2024-Q5",
        "2024-Q0",
        "2024-S3",
        "2024-13",
        "2024-00",
        "2024-8",
        "2024-q3",
        "2024-s1",
        "2024/08",
        "Triwulan II 2024",
        "Agustus 2024",
        "2024-Q3-01",
    ],
)
def test_parse_period_rejects_non_canonical_text(text):
    """Non-canonical text raises ValueError with the Indonesian list of accepted forms."""
    with pytest.raises(ValueError, match=MESSAGE):
        parse_period(text)


def test_parse_period_error_names_the_input():
    """The error message quotes the text that was rejected."""
    with pytest.raises(ValueError, match=r"^Periode 'TW 2 2024' tidak dikenali"):
        parse_period("TW 2 2024")


def test_parse_period_rejects_non_ascii_digits():
    """Full-width digits are not a canonical period."""
    assert not is_period("２０２４")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2024", True), ("2024-S2", True), ("2024-Q3", True), ("2024-08", True)]
    + [("2024-Q5", False), ("Semester I", False), ("", False), ("2024-13", False)],
)
def test_is_period(text, expected):
    """is_period is True exactly for canonical periods and never raises."""
    assert is_period(text) is expected


@pytest.mark.parametrize(
    ("text", "year"), [("2021", 2021), ("2022-S2", 2022), ("2023-Q1", 2023), ("2025-12", 2025)]
)
def test_period_year(text, year):
    """period_year returns the calendar year of every kind of period."""
    assert period_year(text) == year


def test_period_year_rejects_invalid_text():
    """period_year raises the same ValueError as parse_period."""
    with pytest.raises(ValueError, match=MESSAGE):
        period_year("2024-Q9")


def test_sort_key_orders_by_end_month_then_shorter_first():
    """The key is (year, end month, months spanned − 1)."""
    assert period_sort_key("2024-S1") == (2024, 6, 5)
    assert period_sort_key("2024-Q2") == (2024, 6, 2)
    assert period_sort_key("2024-06") == (2024, 6, 0)
    assert period_sort_key("2024") == (2024, 12, 11)


def test_sort_periods_chronological_with_mixed_kinds():
    """Periods sort by year and end month; at the same end month the shorter comes first."""
    shuffled = ["2024", "2024-S2", "2023", "2024-Q4", "2024-12", "2024-S1", "2024-Q2", "2024-06"]
    shuffled += ["2024-01", "2024-Q1", "2024-03", "2022-Q4"]
    assert sort_periods(shuffled) == [
        "2022-Q4",
        "2023",
        "2024-01",
        "2024-03",
        "2024-Q1",
        "2024-06",
        "2024-Q2",
        "2024-S1",
        "2024-12",
        "2024-Q4",
        "2024-S2",
        "2024",
    ]


def test_sort_periods_removes_duplicates_and_accepts_a_set():
    """Duplicates are dropped and a set is accepted as input."""
    assert sort_periods(["2024-Q3", "2022-Q3", "2024-Q3", "2023-Q3"]) == [
        "2022-Q3",
        "2023-Q3",
        "2024-Q3",
    ]
    assert sort_periods({"2025-02", "2024-08"}) == ["2024-08", "2025-02"]


def test_sort_periods_rejects_invalid_period():
    """An invalid period in the list raises ValueError instead of being sorted silently."""
    with pytest.raises(ValueError, match=MESSAGE):
        sort_periods(["2024-Q1", "Q2 2024"])


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("2025-Q4", 2022, "2022-Q4"),
        ("2024-S1", 2022, "2022-S1"),
        ("2024-08", 2022, "2022-08"),
        ("2024", 2022, "2022"),
        (" 2024-Q2 ", 2021, "2021-Q2"),
        ("2022-Q3", 2022, "2022-Q3"),
    ],
)
def test_same_period_in_year(text, year, expected):
    """The same kind and number of period is returned for the other year."""
    assert same_period_in_year(text, year) == expected


def test_same_period_in_year_rejects_invalid_text():
    """same_period_in_year validates its input."""
    with pytest.raises(ValueError, match=MESSAGE):
        same_period_in_year("TW IV 2025", 2022)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Periode: Triwulan II 2024", "2024-Q2"),
        ("REKAP TW IV 2024", "2024-Q4"),
        ("Triwulan 1 2025", "2025-Q1"),
        ("Semester I 2025", "2025-S1"),
        ("Jan–Mar 2025", "2025-Q1"),
        ("Januari - Maret 2025", "2025-Q1"),
        ("Apr-Jun 2025", "2025-Q2"),
        ("Juli s.d. September 2024", "2024-Q3"),
        ("Okt—Des 2023", "2023-Q4"),
        ("Jan-Jun 2025", "2025-S1"),
        ("Juli sampai Desember 2025", "2025-S2"),
        ("Januari-Desember 2024", "2024"),
        ("Rekap Agustus 2024", "2024-08"),
        ("Rekap Tahun 2024", "2024"),
        ("TW III Tahun Anggaran 2025", "2025-Q3"),
    ],
)
def test_find_period_in_titles(text, expected):
    """Title rows name quarters, semesters and months, also as month ranges."""
    assert find_period(text) == expected


@pytest.mark.parametrize(
    "text", ["Jan-Feb 2025", "TW I", "Rekap Kelurahan Semper", "Sumber: laporan puskesmas"]
)
def test_find_period_finds_none(text):
    """A range that is no reporting period (not its last month either), a label without a
    year, and text without a period give None."""
    assert find_period(text) is None


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("TW I", 2025, "2025-Q1"),
        ("Triwulan IV", "2024", "2024-Q4"),
        ("Semester 2", 2024, "2024-S2"),
        ("Apr-Jun", 2025, "2025-Q2"),
        ("TW II 2023", 2025, "2023-Q2"),  # the text's own year wins
        ("Rekap 2023 TW I", 2025, "2023-Q1"),
        ("Data", 2025, None),  # a year found elsewhere alone is no period of this text
    ],
)
def test_find_period_completes_a_label_without_year(text, year, expected):
    """A quarter or semester written without a year takes the year found elsewhere."""
    assert find_period(text, year) == expected


@pytest.mark.parametrize(
    ("title", "sheet", "year", "expected"),
    [
        ("REKAP CAKUPAN 2025", "TW I", None, "2025-Q1"),  # the title's year, the sheet's quarter
        ("Rekap Triwulan II 2024", "TW I", None, "2024-Q2"),  # a full title label wins
        ("", "TW III", "2024", "2024-Q3"),  # the year of the file's other sheets
        ("Rekap 2024", "Data", None, "2024"),
        ("", "Sheet1", "2024", None),
    ],
)
def test_title_period_of_a_sheet(title, sheet, year, expected):
    """A sheet's period from its title rows and name, more specific labels first."""
    assert title_period(title, sheet, year) == expected


def test_normalise_period_reads_a_month_range_cell():
    """A period cell written as a month range is its quarter."""
    assert normalise_period("Jan - Mar 2025") == "2025-Q1"
