"""Unit tests of text.fmt (Indonesian number, period and date formats) and text.tables."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from analysis import schema as s
from text.fmt import (
    MISSING,
    fmt_change,
    fmt_date,
    fmt_number,
    fmt_percent,
    fmt_period,
    fmt_rupiah,
    fmt_rupiah_short,
)
from text.tables import LOKUS_MARK, ranking_table

NAN = np.nan


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (1234.5, 1, "1.234,5"),
        (1234567, 0, "1.234.567"),
        (1234567.891, 2, "1.234.567,89"),
        (0, 0, "0"),
        (12, 2, "12,00"),
        (0.456, 1, "0,5"),
        (999.96, 1, "1.000,0"),
        (-1234.5, 1, "-1.234,5"),
        (-7, 0, "-7"),
        (np.float64(18.5), 1, "18,5"),
        (np.int64(4200), 0, "4.200"),
    ],
)
def test_fmt_number_uses_decimal_comma_and_thousands_dot(x, decimals, expected):
    """Thousands are separated by dots and decimals by a comma."""
    assert fmt_number(x, decimals) == expected


@pytest.mark.parametrize("missing", [None, NAN, float("nan"), np.float64("nan")])
def test_missing_values_format_as_dash(missing):
    """None and NaN show the en dash in every number formatter."""
    assert fmt_number(missing) == MISSING == "–"
    assert fmt_percent(missing) == "–"
    assert fmt_change(missing) == "–"


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [(18.456, 1, "18,5%"), (18.456, 2, "18,46%"), (20, 1, "20,0%"), (1234.5, 0, "1.235%")]
    + [(0, 1, "0,0%"), (-3.26, 1, "-3,3%")],
)
def test_fmt_percent(x, decimals, expected):
    """A percentage gets the Indonesian number format and a % sign without a space."""
    assert fmt_percent(x, decimals) == expected


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (-1.23, "-1,2 poin"),
        (0.4, "+0,4 poin"),
        (3, "+3,0 poin"),
        (1234.56, "+1.234,6 poin"),
        (0, "0,0 poin"),
        (0.0, "0,0 poin"),
        # Rounds to 0,0: no plus sign; from 0.05 it rounds to +0,1.
        (0.04, "0,0 poin"),
        (0.05, "+0,1 poin"),
        (-0.05, "-0,1 poin"),
    ],
)
def test_fmt_change_signs(x, expected):
    """Positive changes get a plus sign unless they round to zero; negative keep the minus."""
    assert fmt_change(x) == expected


def test_fmt_change_decimals_and_unit():
    """The number of decimals and the unit are parameters."""
    assert fmt_change(2.6, decimals=0, unit="") == "+3"
    assert fmt_change(0.4, decimals=0, unit="") == "0"
    assert fmt_change(-12.345, decimals=2, unit=" pp") == "-12,35 pp"


def test_fmt_change_small_negative_rounds_to_unsigned_zero():
    """A change of −0.04 points rounds to 0,0 and is shown without a sign."""
    assert fmt_change(-0.04) == "0,0 poin"


@pytest.mark.parametrize(
    ("text", "long", "short"),
    [
        ("2025-Q4", "Triwulan IV 2025", "TW IV 2025"),
        ("2024-Q1", "Triwulan I 2024", "TW I 2024"),
        ("2024-Q2", "Triwulan II 2024", "TW II 2024"),
        ("2024-Q3", "Triwulan III 2024", "TW III 2024"),
        ("2024-S1", "Semester I 2024", "Sem I 2024"),
        ("2024-S2", "Semester II 2024", "Sem II 2024"),
        ("2024-08", "Agustus 2024", "Agu 2024"),
        ("2024-02", "Februari 2024", "Feb 2024"),
        ("2023-01", "Januari 2023", "Jan 2023"),
        ("2023-12", "Desember 2023", "Des 2023"),
        ("2022", "Tahun 2022", "2022"),
    ],
)
def test_fmt_period_long_and_short(text, long, short):
    """Every kind of period has an Indonesian long and short label."""
    assert fmt_period(text) == long
    assert fmt_period(text, short=True) == short


def test_fmt_period_rejects_non_canonical_text():
    """A non-canonical period raises the parser's ValueError."""
    with pytest.raises(ValueError, match="tidak dikenali"):
        fmt_period("Triwulan IV 2025")


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2022, 7, 20), "20 Juli 2022"),
        (date(2022, 8, 9), "9 Agustus 2022"),
        (date(2025, 3, 1), "1 Maret 2025"),
        (date(2024, 5, 31), "31 Mei 2024"),
        (None, "–"),
    ],
)
def test_fmt_date(d, expected):
    """Dates read day, Indonesian month name and year, without a leading zero."""
    assert fmt_date(d) == expected


def ranking() -> pd.DataFrame:
    """A ranking as returned by rank_kelurahan plus the scorecard rate."""
    return pd.DataFrame(
        {
            s.PERINGKAT: pd.array([1, 2, 3, pd.NA], dtype="Int64"),
            s.KODE_KELURAHAN: ["31.72.01.1001", "31.72.02.1005", "31.72.01.1002", "31.72.02.1007"],
            s.KELURAHAN: ["Penjaringan", "Kebon Bawang", "Kamal Muara", "Warakas"],
            s.KECAMATAN: ["Penjaringan", "Tanjung Priok", "Penjaringan", "Tanjung Priok"],
            s.LOKUS: [True, True, False, False],
            s.PEMBILANG: [40.0, 15.0, 1234.0, NAN],
            s.PENYEBUT: [200.0, 100.0, 12340.0, NAN],
            s.CAKUPAN: [20.0, 15.0, 10.0, NAN],
            "cakupan_baseline": [30.0, 10.0, 10.0, 40.0],
            "perubahan": [-10.0, 5.0, 0.0, NAN],
            s.TINGKAT_KONVERGENSI: [75.0, 200 / 3, NAN, NAN],
        }
    )


def test_ranking_table_headers_marks_and_cells():
    """Indonesian headers, ★ Lokus marks and formatted cells in ranking order."""
    expected = pd.DataFrame(
        {
            "Peringkat": ["1", "2", "3", "–"],
            "Kelurahan": ["Penjaringan", "Kebon Bawang", "Kamal Muara", "Warakas"],
            "Profil": [
                "profil?kelurahan=Penjaringan",
                "profil?kelurahan=Kebon%20Bawang",
                "profil?kelurahan=Kamal%20Muara",
                "profil?kelurahan=Warakas",
            ],
            "Kecamatan": ["Penjaringan", "Tanjung Priok", "Penjaringan", "Tanjung Priok"],
            "Lokus": ["★ Lokus", "★ Lokus", "", ""],
            "Prevalensi stunting": ["20,0%", "15,0%", "10,0%", "–"],
            "Balita stunting / diukur": ["40 / 200", "15 / 100", "1.234 / 12.340", "– / –"],
            "Perubahan sejak 2022": ["-10,0 poin", "+5,0 poin", "0,0 poin", "–"],
            "Tingkat konvergensi": ["75,0%", "66,7%", "–", "–"],
        }
    )
    result = ranking_table(ranking())
    pd.testing.assert_frame_equal(result, expected)
    assert LOKUS_MARK == "★ Lokus"


def test_ranking_table_does_not_mutate_input():
    """The ranking frame is left unchanged."""
    frame = ranking()
    ranking_table(frame)
    pd.testing.assert_frame_equal(frame, ranking())


def test_halves_round_up_as_written():
    """12,25 rounds to 12,3 (half up on the written number), not to even."""
    assert fmt_percent(12.25) == "12,3%"
    assert fmt_number(2.5) == "3"


def test_missing_values_of_any_kind():
    """pd.NA, None and NaN all show the dash; a tiny negative shows as 0."""
    import pandas as pd

    assert fmt_number(pd.NA) == fmt_number(None) == fmt_number(float("nan")) == "–"
    assert fmt_number(-0.4) == "0"


def test_framework_tables_list_aksi_with_tahapan_and_months(ref):
    """Each framework becomes one table: aksi with their tahapan and planned months in words."""
    from text.tables import framework_tables

    tables = dict(framework_tables(ref.kerangka, ref.tahapan))
    eight = tables["8 Aksi Konvergensi (pedoman 2018 / penamaan 2022)"]
    assert len(eight) == 25  # 25 tahapan across the 8 aksi
    first = eight.iloc[0]
    assert (first["Aksi"], first["Bulan rencana"]) == ("1. Analisis Situasi", "Juni")
    assert eight.iloc[1]["Bulan rencana"] == "Juni–Juli"


def test_lokus_table_names_kelurahan(ref):
    """Lokus rows get their kelurahan and kecamatan names."""
    from text.tables import lokus_table

    lokus = ref.lokus.assign(asal="referensi").drop(columns="kelurahan")
    table = lokus_table(lokus, ref.kelurahan)
    assert len(table) == 7 and set(table["Tahun"]) == {2022}
    assert table.loc[table["Kode Kemendagri"] == "31.72.02.1007", "Kelurahan"].item() == "Warakas"


def test_reason_text_keeps_the_decimals_that_matter():
    """69,5% against 70% is not shown as '70% vs 70%'; a 15,5% ceiling keeps its decimal."""
    from text.tables import reason_text

    assert reason_text("KB pascapersalinan", 69.5, 70.0, "tinggi_baik") == (
        "KB pascapersalinan 69,5% vs target ≥ 70%"
    )
    assert reason_text("Kehamilan tidak diinginkan", 18.04, 15.5, "rendah_baik") == (
        "Kehamilan tidak diinginkan 18,0% vs target ≤ 15,5%"
    )


@pytest.mark.parametrize(
    ("value", "full", "short"),
    [
        (1234567890, "Rp1.234.567.890", "Rp1,2 M"),
        (1_250_000_000, "Rp1.250.000.000", "Rp1,3 M"),  # half up, as written
        (350_000_000, "Rp350.000.000", "Rp350 jt"),
        (15_500_000, "Rp15.500.000", "Rp15,5 jt"),
        (999_960_000, "Rp999.960.000", "Rp1 M"),  # rounds up into the next scale
        (2e12, "Rp2.000.000.000.000", "Rp2 T"),
        (750_000, "Rp750.000", "Rp750.000"),
        (0, "Rp0", "Rp0"),
        (None, "–", "–"),
    ],
)
def test_rupiah_is_written_the_indonesian_way(value, full, short):
    """Full rupiah with thousands dots; short form with juta/miliar/triliun and a decimal comma."""
    assert fmt_rupiah(value) == full
    assert fmt_rupiah_short(value) == short


def test_profile_and_program_tables_show_every_target_with_its_direction():
    """Profil's indicator table and the program tables write "≥ 90%" for a higher-is-better target
    and "≤ 14%" for a lower-is-better one, never a bare "90%"."""
    from text.program_tables import _targets  # noqa: PLC0415
    from text.tables import profile_indicator_table  # noqa: PLC0415

    catalogue = pd.DataFrame(
        {s.KODE: ["SPE09", "OUT01"], s.NAMA: ["Imunisasi", "Stunting"],
         s.KELOMPOK: ["spesifik", "outcome"], s.SATUAN: ["persen", "persen"],
         s.TARGET: [90.0, 14.0], s.ARAH: ["tinggi_baik", "rendah_baik"]}
    )  # fmt: skip
    mine = pd.DataFrame(
        {s.KODE_INDIKATOR: ["SPE09"], s.CAKUPAN: [85.0], s.PEMBILANG: [17.0],
         s.PENYEBUT: [20.0], "status_target": ["mendekati"], "penyebut_kecil": [False]}
    )  # fmt: skip
    city = pd.DataFrame({s.KODE_INDIKATOR: ["SPE09", "OUT01"], s.CAKUPAN: [88.0, 15.0]})
    table = profile_indicator_table(mine, city, catalogue)
    assert list(table["Target"]) == ["≥ 90%", "≤ 14%"]
    gaps = pd.DataFrame({s.TARGET: [90.0, 15.5], s.ARAH: ["tinggi_baik", "rendah_baik"]})
    assert _targets(gaps) == ["≥ 90%", "≤ 15,5%"]  # the program tables' "Target" column


def test_a_change_beside_its_two_figures_is_their_difference_as_shown():
    """13,16 → 7,83 is shown 13,2% → 7,8%, so its change reads -5,4 poin (not the exact -5,33
    rounded to -5,3); 79,96 → 80,04 reads 80,0% → 80,0%: 0,0 poin; a missing end gives a dash."""
    from text.fmt import fmt_change_between, shown_change  # noqa: PLC0415

    assert fmt_change_between(13.16, 7.83) == "-5,4 poin"
    assert fmt_change_between(7.83, 13.16) == "+5,4 poin"
    assert fmt_change_between(79.96, 80.04) == "0,0 poin"
    assert fmt_change_between(None, 80.0) == "–"
    assert shown_change(13.16, 7.83) == -5.4
