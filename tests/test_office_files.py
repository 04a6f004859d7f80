"""Office-shaped files (issue #22, ``tests/office_corpus.py``) through the import service as the
Data page runs it: each stores exactly its expected values, or stops for the expected choice and
stores them once the choice is made; workbook sheets and title periods; a mapping profile saved
from one file and applied to the next with the same headers; the CLI's mapping flags."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import manage
from analysis import schema as s
from analysis.mapping import Mapping, text_key
from ingest.mapping import MAPPED, UNCLEAR
from ingest.options import ImportOptions
from services import uploads
from services.bootstrap import initialise
from tests.office_corpus import AMBIGUOUS_IDL, OfficeFile, corpus, frame, idl_recap, value

AUTOMATIC = ("nama", "alias", "mirip")
GOOD = [f for f in corpus() if f.choice is None]
STOPS = [f for f in corpus() if f.choice is not None]


def office(name: str) -> OfficeFile:
    return next(f for f in corpus() if f.name == name)


@pytest.fixture()
def store_ref(tmp_path):
    """A new SQLite store without demo data, and its reference."""
    store, ref, _ = initialise(f"sqlite:///{tmp_path / 'kantor.sqlite'}", with_demo=False)
    yield store, ref
    store.dispose()


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    """One empty store for dry runs only (a dry run writes nothing)."""
    path = tmp_path_factory.mktemp("kantor") / "baca.sqlite"
    store, ref, _ = initialise(f"sqlite:///{path}", with_demo=False)
    yield store, ref
    store.dispose()


def dry_run(store_ref, f: OfficeFile, mapping: Mapping | None = None, **options):
    store, ref = store_ref
    opts = ImportOptions(**{**f.options, **options}, mapping=mapping or Mapping())
    return uploads.dry_run(store, ref, f.data, f.name, opts)


def values(found: pd.DataFrame) -> pd.DataFrame:
    """Stored or planned values in the corpus's order and types."""
    out = found[s.VALUE_COLUMNS].astype(
        dict.fromkeys(s.VALUE_COLUMNS[:4], object) | dict.fromkeys(s.VALUE_COLUMNS[4:], float)
    )
    return frame(out.to_dict("records"))


def assert_values(found: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        values(found), values(expected), check_dtype=False, check_exact=False, rtol=0, atol=1e-9
    )


def explain(plan) -> str:
    """The plan's problems and how its names were read, for a failing assertion."""
    names = [(n.text, n.kode, n.how, n.candidates) for n in plan.names]
    return f"{plan.problems.head(12).to_string()}\nnames: {names}\nnotes: {plan.notes}"


def key(text: str) -> str:
    """A header or name compared with the unit "(%)" left out (how ``NameInfo.text`` shows it
    is the matcher's business)."""
    return text_key(re.sub(r"\(\s*%\s*\)|%", " ", text))


def name_info(plan, text: str):
    return next((n for n in plan.names if key(n.text) == key(text)), None)


def column_info(plan, header: str):
    return next((c for c in plan.columns if key(c.header) == key(header)), None)


def chosen(f: OfficeFile) -> Mapping:
    c = f.choice
    if c.kind == "kolom":
        return Mapping().with_column(c.text, c.answer)
    return Mapping().with_name(c.text, c.answer)


def test_corpus_has_at_least_twenty_files_with_distinct_names():
    """The corpus holds at least 20 files, of which some stop for a choice, each named once."""
    names = [f.name for f in corpus()]
    assert len(names) >= 20 and len(set(names)) == len(names)
    assert len(STOPS) >= 3
    assert {n.rsplit(".", 1)[1] for n in names} == {"csv", "txt", "xlsx", "xls"}


def test_expected_values_follow_the_numbers_rule():
    """A percent with counts is stored as pembilang ÷ penyebut × 100 to 4 decimals; alone as
    written; a count as pembilang and nilai."""
    rows = frame(
        [
            value("31.72.02.1007", "SPE02", "2024-Q2", pembilang=1, penyebut=3),
            value("31.72.02.1007", "SPE04", "2024-Q2", persen=85.5),
            value("31.72.02.1007", "SAS02", "2024-Q2", "PK_BKKBN", pembilang=120),
        ]
    )
    assert rows[s.NILAI].tolist() == [120.0, 33.3333, 85.5]
    assert rows[s.SUMBER_DATA].tolist() == ["PK_BKKBN", "LAPRUT", "LAPRUT"]
    assert rows[s.PENYEBUT].isna().tolist() == [True, False, True]


@pytest.mark.parametrize("f", GOOD, ids=lambda f: f.name)
def test_office_file_stores_exactly_its_values(store_ref, f):
    """An office-shaped file goes in as one dataset holding exactly the expected values."""
    store, ref = store_ref
    plan, comparison = dry_run(store_ref, f)
    assert plan.n_errors == 0, explain(plan)
    uploads.commit(store, plan, comparison, f.data, "uji")
    assert len(store.datasets()) == 1
    assert_values(store.indicator_values(), f.expected)


@pytest.mark.parametrize("f", [f for f in corpus() if f.automatic], ids=lambda f: f.name)
def test_automatic_name_matches_are_shown_in_the_dry_run(reader, f):
    """Every indicator name read without the user is listed in plan.names with its code."""
    plan, _ = dry_run(reader, f)
    for text, kode in f.automatic:
        info = name_info(plan, text)
        assert info is not None, f"'{text}' not in plan.names\n{explain(plan)}"
        assert (info.kode, info.how in AUTOMATIC) == (kode, True), info


@pytest.mark.parametrize("f", STOPS, ids=lambda f: f.name)
def test_office_file_stops_for_the_right_choice(reader, f):
    """An ambiguous or unknown name stops for a choice offering the right indicators, and
    nothing is held for it until chosen."""
    plan, _ = dry_run(reader, f)
    c = f.choice
    # A header no indicator comes near is an unclear column, not an indicator name.
    if c.kind == "nama" or c.how == "ganda":
        info = name_info(plan, c.text)
        assert info is not None, f"'{c.text}' not in plan.names\n{explain(plan)}"
        assert (info.kode, info.how) == (None, c.how), info
        assert set(c.candidates) <= set(info.candidates), info
    if c.kind == "kolom":
        column = column_info(plan, c.text)
        assert column is not None, [x.header for x in plan.columns]
        assert column.status == UNCLEAR, column
        assert set(c.candidates) <= set(column.candidates), column
    assert_values(plan.values, f.before_choice)


@pytest.mark.parametrize("f", STOPS, ids=lambda f: f.name)
def test_office_file_round_trips_after_the_choice(store_ref, f):
    """With the choice made (column or name mapped), the file stores exactly its values and the
    dry run shows the choice as the user's."""
    store, ref = store_ref
    plan, comparison = dry_run(store_ref, f, chosen(f))
    assert plan.n_errors == 0, explain(plan)
    if f.choice.kind == "kolom":
        assert column_info(plan, f.choice.text).status == MAPPED
    else:
        assert name_info(plan, f.choice.text).how == "pemetaan"
    uploads.commit(store, plan, comparison, f.data, "uji")
    assert_values(store.indicator_values(), f.expected)


def test_ambiguous_idl_header_is_never_guessed(reader):
    """'Cakupan imunisasi dasar lengkap (IDL)' is read as neither SPE09 nor SKA01 until chosen."""
    plan, _ = dry_run(reader, office("rekap_idl_tw2_2024.csv"))
    assert not set(plan.values[s.KODE_INDIKATOR]) & {"SPE09", "SKA01"}


@pytest.mark.parametrize(
    ("name", "tables", "skipped"),
    [
        ("rekap_tw2_2024_sampul.xlsx", ["Rekap TW II"], ["Sampul"]),
        ("rekap_ttd_2025_triwulan.xlsx", ["Triwulan 1 2025", "Triwulan 2 2025"], ["Sampul"]),
        (
            "rekap_krs_2025_semester.xlsx",
            ["Semester I 2025", "Semester II 2025"],
            ["Catatan", "Grafik"],
        ),
    ],
)
def test_workbook_lists_table_sheets_and_skips_the_others_with_a_reason(
    reader, name, tables, skipped
):
    """Every sheet is scanned: table sheets are listed, cover/notes/empty sheets skipped with a note."""
    plan, _ = dry_run(reader, office(name))
    assert plan.table_sheets == tables
    assert [sheet for sheet, _ in plan.skipped_sheets] == skipped
    assert all(why.strip() for _, why in plan.skipped_sheets)


def test_chosen_period_sheets_only_are_imported(store_ref):
    """With one of two period sheets chosen, only that sheet's values are stored."""
    store, ref = store_ref
    f = office("rekap_krs_2025_semester.xlsx")
    plan, comparison = dry_run(store_ref, f, sheets=("Semester II 2025",))
    assert plan.n_errors == 0, explain(plan)
    uploads.commit(store, plan, comparison, f.data, "uji")
    assert_values(store.indicator_values(), f.expected[f.expected[s.PERIODE] == "2025-S2"])


def test_period_from_the_title_is_shown_and_can_be_overridden(reader):
    """'Periode: Triwulan II 2024' in the title is used and said; a chosen period wins."""
    f = office("rekap_mpasi_pmt.csv")
    plan, _ = dry_run(reader, f)
    assert any("2024-Q2" in note for note in plan.notes), plan.notes
    plan, _ = dry_run(reader, f, periode="2024-Q3")
    assert plan.n_errors == 0, explain(plan)
    assert_values(plan.values, f.expected.assign(periode="2024-Q3"))


# Mapping profiles: saved from one file, applied to the next with the same headers.

PROFILE = "Rekap IDL Sudinkes"


def idl_files() -> tuple[OfficeFile, OfficeFile]:
    return office("rekap_idl_tw2_2024.csv"), idl_recap("tw3_2024", "2024-Q3", 2230)


def save_profile_from_first(store_ref) -> tuple[OfficeFile, OfficeFile, str]:
    """Import the first IDL recap with its column mapped and save the choice as a profile."""
    store, ref = store_ref
    first, second = idl_files()
    mapping = chosen(first)
    plan, comparison = dry_run(store_ref, first, mapping)
    uploads.commit(store, plan, comparison, first.data, "uji")
    store.save_mapping_profile(PROFILE, mapping, plan.signature, "uji")
    return first, second, plan.signature


def test_profile_saved_from_one_file_is_applied_to_the_next_with_the_same_headers(store_ref):
    """The second recap with the same headers is read with the saved profile and round-trips."""
    store, ref = store_ref
    first, second, signature = save_profile_from_first(store_ref)
    plan, comparison, profile = uploads.dry_run_with_profile(
        store, ref, second.data, second.name, ImportOptions(**second.options)
    )
    assert (profile, plan.signature) == (PROFILE, signature)
    assert plan.n_errors == 0, explain(plan)
    column = column_info(plan, AMBIGUOUS_IDL)
    assert (column.status, str(column.spec)) == (MAPPED, "SPE09")
    uploads.commit(store, plan, comparison, second.data, "uji")
    assert_values(store.indicator_values(), pd.concat([first.expected, second.expected]))


def test_a_choice_made_over_a_profile_wins(store_ref):
    """The profile is shown and changeable: the user's own choice for a column overrides it."""
    store, ref = store_ref
    _, second, _ = save_profile_from_first(store_ref)
    mine = Mapping().with_column(AMBIGUOUS_IDL, "SKA01")
    plan, _, profile = uploads.dry_run_with_profile(
        store,
        ref,
        second.data,
        second.name,
        ImportOptions(**second.options, mapping=mine),
        use_profile=True,
    )
    assert profile == PROFILE
    kode = second.expected[s.KODE_INDIKATOR]
    expected = second.expected.assign(
        kode_indikator=kode.replace({"SPE09": "SKA01"}),
        sumber_data=second.expected[s.SUMBER_DATA].where(kode != "SPE09", "SCORECARD"),
    )
    assert_values(plan.values, expected)


def test_a_profile_is_not_applied_to_a_file_with_other_headers(store_ref):
    """A file whose headers differ from the profile's is not read with it and still stops."""
    store, ref = store_ref
    save_profile_from_first(store_ref)
    f = office("rekap_kolom_tak_dikenal.csv")
    plan, _, profile = uploads.dry_run_with_profile(
        store, ref, f.data, f.name, ImportOptions(**f.options)
    )
    assert profile is None
    assert column_info(plan, f.choice.text).status == UNCLEAR


# The command line: --map, --mapping NAME|FILE.json, manage.py mappings.


@pytest.fixture()
def cli_db(tmp_path):
    """URL of a migrated SQLite database without demo data, and the IDL recap written to disk."""
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    store, _, _ = initialise(url, with_demo=False)
    store.dispose()
    f = office("rekap_idl_tw2_2024.csv")
    path = tmp_path / f.name
    path.write_bytes(f.data)
    return url, path, f


def stored(url: str) -> pd.DataFrame:
    store, _, _ = initialise(url, with_demo=False)
    try:
        return store.indicator_values()
    finally:
        store.dispose()


def test_cli_import_stops_at_an_ambiguous_header_and_says_what_to_choose(cli_db, capsys):
    """Without a mapping the CLI stores nothing and names the header, its candidates and --map."""
    url, path, _ = cli_db
    assert manage.main(["import", str(path), "--db-url", url, "--period", "2024-Q2"]) == 1
    out = capsys.readouterr().out
    assert AMBIGUOUS_IDL in out and "SPE09" in out and "SKA01" in out and "--map" in out
    assert stored(url).empty


def test_cli_map_flag_maps_a_header(cli_db, capsys):
    """``--map "HEADER=SPE09"`` maps the ambiguous column and the file is stored exactly."""
    url, path, f = cli_db
    args = ["import", str(path), "--db-url", url, "--period", "2024-Q2"]
    assert manage.main([*args, "--map", f"{AMBIGUOUS_IDL}=SPE09"]) == 0, capsys.readouterr()
    assert_values(stored(url), f.expected)


def test_cli_map_flag_refuses_an_unknown_code(cli_db, capsys):
    """``--map`` with a code not in the catalogue stops before reading, naming the code."""
    url, path, _ = cli_db
    args = ["import", str(path), "--db-url", url, "--period", "2024-Q2"]
    assert manage.main([*args, "--map", f"{AMBIGUOUS_IDL}=SPE99"]) == 2
    assert "SPE99" in capsys.readouterr().err
    assert stored(url).empty


def test_cli_mapping_file(cli_db, tmp_path, capsys):
    """``--mapping FILE.json`` (a mapping's JSON form) maps the column like the UI would."""
    url, path, f = cli_db
    json_path = tmp_path / "pemetaan.json"
    json_path.write_text(chosen(f).to_json(), encoding="utf-8")
    args = ["import", str(path), "--db-url", url, "--period", "2024-Q2"]
    assert manage.main([*args, "--mapping", str(json_path)]) == 0, capsys.readouterr()
    assert_values(stored(url), f.expected)


def test_cli_mapping_profile_by_name_and_mappings_listing(cli_db, capsys):
    """A saved profile is used by ``--mapping NAME`` and listed by ``manage.py mappings``."""
    url, path, f = cli_db
    store, ref, _ = initialise(url, with_demo=False)
    plan, _ = uploads.dry_run(store, ref, f.data, f.name, ImportOptions(**f.options))
    store.save_mapping_profile(PROFILE, chosen(f), plan.signature, "uji")
    store.dispose()
    args = ["import", str(path), "--db-url", url, "--period", "2024-Q2"]
    assert manage.main([*args, "--mapping", PROFILE]) == 0, capsys.readouterr()
    assert_values(stored(url), f.expected)
    capsys.readouterr()
    assert manage.main(["mappings", "--db-url", url]) == 0
    assert PROFILE in capsys.readouterr().out
    assert manage.main([*args, "--mapping", "Profil yang tidak ada"]) == 2
    assert "Profil yang tidak ada" in capsys.readouterr().err
