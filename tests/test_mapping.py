"""analysis/mapping.py: column specs, mappings from JSON and ``HEADER=SPEC`` pairs, merging and the
header signature profiles are found by (ingest/mapping.py)."""

from __future__ import annotations

import json

import pytest

from analysis.mapping import (
    IGNORE,
    INDICATOR_COLUMN,
    ColumnSpec,
    Mapping,
    MappingError,
    mapping_from_dict,
    mapping_from_json,
    mapping_from_pairs,
    merge,
    parse_spec,
)
from ingest.mapping import header_signature

CODES = {"SPE09", "SPE02", "SAS01"}


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("nama_wilayah", ColumnSpec("nama_wilayah")),
        (" Periode ", ColumnSpec("periode")),
        ("Abaikan", ColumnSpec(IGNORE)),
        ("ignore", ColumnSpec(IGNORE)),
        ("spe09", ColumnSpec(INDICATOR_COLUMN, "SPE09", "nilai")),
        ("SPE09:persen", ColumnSpec(INDICATOR_COLUMN, "SPE09", "nilai")),
        ("SPE09 : Pembilang", ColumnSpec(INDICATOR_COLUMN, "SPE09", "pembilang")),
        ("SPE09:penyebut", ColumnSpec(INDICATOR_COLUMN, "SPE09", "penyebut")),
        ("SPE09:", ColumnSpec(INDICATOR_COLUMN, "SPE09", "nilai")),
    ],
)
def test_parse_spec_reads_roles_ignore_and_indicator_fields(spec, expected):
    """Role words, the ignore word and CODE[:field] specs parse to the expected ColumnSpec."""
    assert parse_spec(spec, CODES) == expected


def test_spec_text_round_trips():
    """A spec written back (``str``) parses to the same ColumnSpec; a percent is the value."""
    for spec in ("SPE09", "SPE09:pembilang", "SPE09:penyebut", "kecamatan", IGNORE):
        assert str(parse_spec(spec)) == spec
    assert str(parse_spec("SPE09:persen")) == "SPE09"


@pytest.mark.parametrize("spec", ["SPX99", "SPE09:jumlah", ":pembilang", ""])
def test_parse_spec_refuses_unknown_codes_and_fields(spec):
    """An unknown code (catalogue given), field or an empty code is a MappingError naming it."""
    with pytest.raises(MappingError, match="tidak dikenali"):
        parse_spec(spec, CODES)


def test_unknown_code_is_accepted_without_a_catalogue():
    """Without ``codes`` (a stored profile read back) any code-shaped spec is kept."""
    assert parse_spec("SPX99:pembilang") == ColumnSpec(INDICATOR_COLUMN, "SPX99", "pembilang")


def test_mapping_from_json_keys_headers_and_names_by_text_key():
    """Headers and names are stored case- and space-folded; codes upper-cased; JSON round trip."""
    text = json.dumps(
        {"kolom": {"  Cakupan   IDL ": "SPE09", "No": "abaikan"}, "nama": {"IDL Balita": "spe09"},
         "baris_judul": 3}
    )  # fmt: skip
    mapping = mapping_from_json(text, CODES)
    assert mapping.columns == (("cakupan idl", "SPE09"), ("no", "abaikan"))
    assert mapping.names == (("idl balita", "SPE09"),)
    assert mapping.header_row == 3
    assert mapping.column("CAKUPAN IDL") == ColumnSpec(INDICATOR_COLUMN, "SPE09", "nilai")
    assert mapping.name("idl  BALITA") == "SPE09"
    assert mapping_from_json(mapping.to_json(), CODES) == mapping


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"kolom": {"A": "SPE09"', "bukan JSON yang sah (baris 1)"),
        ("[1, 2]", "objek JSON"),
        ('{"kolom": ["SPE09"]}', "'kolom' dan 'nama' harus"),
        ('{"kolom": {"A": "SPX99"}}', "Pemetaan 'SPX99' tidak dikenali"),
        ('{"nama": {"IDL": "SPX99"}}', "Nama 'IDL' dipetakan ke 'SPX99'"),
        ('{"baris_judul": 0}', "'baris_judul' harus nomor baris"),
        ('{"baris_judul": "2"}', "'baris_judul' harus nomor baris"),
    ],
)
def test_mapping_from_json_errors_say_what_is_wrong(text, message):
    """Bad JSON, a non-object, bad sections, unknown specs or codes and a bad header row are each
    refused with a message naming the problem."""
    with pytest.raises(MappingError, match=message.replace("(", r"\(").replace(")", r"\)")):
        mapping_from_json(text, CODES)


def test_from_pairs_splits_at_the_last_equals_sign():
    """A header holding '=' keeps it: only the last '=' separates header and spec."""
    mapping = mapping_from_pairs(["Rasio A=B = SPE09:pembilang", "Kel.=nama_wilayah"], CODES)
    assert dict(mapping.columns) == {"rasio a=b": "SPE09:pembilang", "kel.": "nama_wilayah"}


@pytest.mark.parametrize("pair", ["SPE09", "=SPE09", "  =SPE09"])
def test_from_pairs_refuses_a_pair_without_a_header(pair):
    """A pair without '=' or without a header says how to write it."""
    with pytest.raises(MappingError, match="tulis JUDUL=PILIHAN"):
        mapping_from_pairs([pair], CODES)


def test_from_pairs_refuses_an_unknown_code():
    with pytest.raises(MappingError, match="'SPX99' tidak dikenali"):
        mapping_from_pairs(["Cakupan=SPX99"], CODES)


def test_merge_puts_the_later_choices_on_top():
    """The second mapping wins where both choose; the first's other choices stay; a header row
    of the second wins, else the first's is kept."""
    base = mapping_from_dict(
        {"kolom": {"A": "SPE09", "B": "abaikan"}, "nama": {"x": "SPE02"}, "baris_judul": 2}
    )
    over = mapping_from_pairs(["a=SPE02:pembilang", "C=periode"])
    merged = merge(base, over)
    assert dict(merged.columns) == {"a": "SPE02:pembilang", "b": "abaikan", "c": "periode"}
    assert merged.names == (("x", "SPE02"),) and merged.header_row == 2
    assert merge(base, Mapping(header_row=5)).header_row == 5
    assert merge(Mapping(), Mapping()) == Mapping() and not merge(Mapping(), Mapping())


def test_mapping_is_hashable_and_a_removed_choice_is_gone():
    """Equal mappings hash alike (a dry run is cached per mapping); ``None`` removes a choice."""
    one = Mapping().with_column("A", "SPE09").with_name("IDL", "SPE09")
    two = Mapping().with_name("idl", "SPE09").with_column(" a ", "SPE09")
    assert {one: 1}[two] == 1
    assert one.with_column("a", None).columns == () and bool(one.with_column("a", None))


def test_header_signature_is_stable_and_ignores_case_spacing_and_empty_headers():
    """The signature is the first 16 hex digits of SHA-256 over the folded headers joined by
    U+001F (hand-computed for these two headers): a stored profile keeps being found."""
    assert header_signature(["Kelurahan", "Cakupan X"]) == "ea6247f6b173800e"
    assert header_signature(["kelurahan", "  cakupan   X ", "", "  "]) == "ea6247f6b173800e"
    assert header_signature(["Cakupan X", "Kelurahan"]) != "ea6247f6b173800e"
    assert header_signature(["Kelurahan", "Cakupan Y"]) != "ea6247f6b173800e"
