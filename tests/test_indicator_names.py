"""Indicator names and aliases, close names, sources named by office (issue #22, points 1, 6, 7).

Every expectation is chosen by hand: the official wording a file may carry and the code a
planner would read it as, or that a name fits two indicators and must be asked.
"""

from __future__ import annotations

import shutil
import time

import pandas as pd
import pytest

from analysis import schema as s
from analysis.mapping import Mapping
from analysis.reference import with_user_indicators
from ingest.indicator_names import CANDIDATE, CONFIDENT, MAX_SEEN, IndicatorMatcher, indicator_key
from ingest.matching import AreaMatcher, SourceMatcher, match_source
from ingest.options import ImportOptions
from ingest.pipeline import build_catalogue, prepare
from ingest.reference_problems import ReferenceDataError
from services.reference import load_reference
from settings import REFERENCE_DIR
from tests import ingest_files as f


@pytest.fixture(scope="module")
def names(ref):
    """The catalogue's indicator matcher with the shipped aliases."""
    return IndicatorMatcher(ref.indikator, ref.indikator_alias)


# The Perpres 72/2021 lampiran wording of each indicator, as offices copy it into headers.
PERPRES = {
    "Persentase ibu hamil Kurang Energi Kronik (KEK) yang mendapatkan tambahan asupan gizi": "SPE01",
    "Persentase ibu hamil yang mengonsumsi Tablet Tambah Darah (TTD) minimal 90 tablet selama "
    "masa kehamilan": "SPE02",
    "Persentase remaja putri yang mengonsumsi Tablet Tambah Darah (TTD)": "SPE03",
    "Persentase bayi usia kurang dari 6 (enam) bulan mendapat Air Susu Ibu (ASI) eksklusif": "SPE04",
    "Persentase anak usia 6-23 bulan yang mendapat Makanan Pendamping Air Susu Ibu (MP-ASI)": "SPE05",
    "Persentase anak berusia di bawah lima tahun (balita) gizi buruk yang mendapat pelayanan tata "
    "laksana gizi buruk": "SPE06",
    "Persentase anak berusia di bawah lima tahun (balita) yang dipantau pertumbuhan dan "
    "perkembangannya": "SPE07",
    "Persentase anak berusia di bawah lima tahun (balita) gizi kurang yang mendapat tambahan asupan "
    "gizi": "SPE08",
    "Persentase balita yang memperoleh imunisasi dasar lengkap": "SPE09",
    "Persentase pelayanan Keluarga Berencana (KB) pascapersalinan": "SEN01",
    "Persentase kehamilan yang tidak diinginkan": "SEN02",
    "Cakupan calon Pasangan Usia Subur (PUS) yang memperoleh pemeriksaan kesehatan sebagai bagian "
    "dari pelayanan nikah": "SEN03",
    "Persentase rumah tangga yang mendapatkan akses air minum layak di kabupaten/kota lokasi "
    "prioritas": "SEN04",
    "Persentase rumah tangga yang mendapatkan akses sanitasi (air limbah domestik) layak di "
    "kabupaten/kota lokasi prioritas": "SEN05",
    "Cakupan Penerima Bantuan Iuran (PBI) Jaminan Kesehatan Nasional": "SEN06",
    "Cakupan keluarga berisiko stunting yang memperoleh pendampingan": "SEN07",
    "Jumlah keluarga miskin dan rentan yang memperoleh bantuan tunai bersyarat": "SEN08",
    "Persentase target sasaran yang memiliki pemahaman yang baik tentang stunting di lokasi "
    "prioritas": "SEN09",
    "Jumlah keluarga miskin dan rentan yang menerima bantuan sosial pangan": "SEN10",
    "Persentase desa/kelurahan stop Buang Air Besar Sembarangan (BABS) atau Open Defecation Free "
    "(ODF)": "SEN11",
    "Prevalensi stunting pada anak berusia di bawah lima tahun (balita)": "OUT01",
}


@pytest.mark.parametrize(("text", "kode"), PERPRES.items(), ids=list(PERPRES.values()))
def test_each_perpres_wording_is_its_indicator(names, text, kode):
    """The Perpres 72/2021 wording of an indicator is read as its code, as a known alias."""
    found = names.resolve(text)
    assert (found.kode, found.how) == (kode, "alias")


LABELS = {
    # e-PPGBM / SIGIZI labels, scorecard labels, Aksi Bangda wording
    "Balita ditimbang (D)": "SPE07",
    "Balita diukur": "SAS03",
    "Balita pendek": "SAS05",
    "Balita sangat pendek": "SAS04",
    "Prevalensi balita stunting (TB/U)": "OUT01",
    "Wasting (BB/TB)": "OUT02",
    "Underweight (BB/U)": "OUT03",
    "Ibu hamil yang melakukan pemeriksaan kehamilan minimal 4 kali": "SKI01",
    "Anak usia 0-23 bulan yang memiliki akta kelahiran": "SKA08",
    "Persentase ibu hamil KEK yang mendapatkan PMT": "SPE01",
    # short forms offices write
    "ASI eksklusif": "SPE04",
    "TTD rematri": "SPE03",
    "K4": "SKI01",
    "K6": "SKI01",
    "KEK": "SPE01",
    "PMT bumil KEK": "SPE01",
    "PMT balita gizi kurang": "SPE08",
    "MP-ASI": "SPE05",
    "Pantau tumbang": "SPE07",
    "Air minum layak": "SEN04",
    "Jamban sehat": "SEN05",
    "Sanitasi layak": "SEN05",
    "PAUD": "SKA10",
    "PBI JKN": "SEN06",
    "JKN/PBI": "SEN06",  # the words of "PBI JKN" in another order
    "BPNT": "SEN10",
    "PKH": "SEN08",
    "KRS": "SAS02",
    "Pendampingan KRS": "SEN07",
    "Catin": "SEN03",
    "KBPP": "SEN01",
    "ODF": "SEN11",
    "SBS": "SEN11",
    "Akta kelahiran": "SKA08",
    "IDL baduta": "SKA01",
    # the posyandu SKDN ratios of an office recap; the prime tells N/D′ from N/D
    "D/S": "SKD01",
    "N/D": "SKD02",
    "N/D'": "SKD03",
    "N/D′": "SKD03",
    "Balita naik timbangan (N/D)": "SKD02",
}


@pytest.mark.parametrize(("text", "kode"), LABELS.items(), ids=list(LABELS))
def test_register_scorecard_labels_and_short_forms(names, text, kode):
    """Labels of e-PPGBM/SIGIZI, the scorecard and the short forms offices write are aliases."""
    found = names.resolve(text)
    assert (found.kode, found.how) == (kode, "alias")


def test_catalogue_name_without_lead_word_case_or_spacing(names):
    """A catalogue name with "Persentase … yang", other case and spacing is the name itself."""
    found = names.resolve("  PERSENTASE   balita yang  dipantau pertumbuhan dan perkembangannya ")
    # "Persentase balita yang dipantau …" is also an Aksi Bangda alias: written as the catalogue
    # has it (without the lead word) it is the name.
    assert names.resolve("Balita dipantau pertumbuhan dan perkembangannya").how == "nama"
    assert found.kode == "SPE07"
    assert names.resolve("balita MEMPEROLEH imunisasi, dasar lengkap").how == "nama"


def test_normalisation_key():
    """The key drops case, punctuation, the lead word, "yang", units and number words in
    brackets, and sorts the words."""
    assert indicator_key("Persentase bayi usia < 6 (enam) bulan yang mendapat ASI (%)") == (
        "6 asi bayi bulan mendapat usia"
    )
    assert indicator_key("Cakupan IDL (jiwa)") == "idl"
    assert indicator_key("Jumlah keluarga") == "keluarga"
    assert indicator_key("Jumlah keluarga", strip_lead=False) == "jumlah keluarga"
    assert indicator_key("Jumlah") == "jumlah"  # a lone lead word stays
    assert indicator_key("ASI eksklusif") == indicator_key("eksklusif, ASI")
    assert indicator_key("Anak usia 12 (dua belas) bulan") == "12 anak bulan usia"
    assert indicator_key("Usia 6 (bulan)") == "6 bulan usia"  # no number word: kept


@pytest.mark.parametrize(
    ("text", "kode", "how"),
    [
        ("Cakupan ASI Eksklusif (%)", "SPE04", "alias"),  # lead word and unit
        ("Eksklusif ASI", "SPE04", "alias"),  # word order
        ("Persentase  ibu hamil KEK yg mendapat tambahan asupan gizi", "SPE01", "mirip"),
        ("Asi esklusif", "SPE04", "mirip"),  # typo
        ("Kehamilan tidak diingnkan", "SEN02", "mirip"),
        ("anak 6-23 bln dapat MP ASI", "SPE05", "mirip"),
        ("Persentase balita memperoleh imunisasi dasar lengkap tahun 2024", "SPE09", "mirip"),
        ("Lengkap imunisasi dasar, balita", "SPE09", "alias"),  # word order
        ("Keluarga penerima PKH", "SEN08", "mirip"),
        ("Keluarga penerima BPNT", "SEN10", "mirip"),
        ("Jumlah Keluarga Berisiko Stunting (KRS)", "SAS02", "mirip"),
        ("Persentase balita yang memperoleh imunisasi dasar lenkap", "SPE09", "mirip"),
    ],
)
def test_typos_extra_words_and_spacing_are_close_names(names, text, kode, how):
    """Typos, extra words and spaces: read as the one indicator clearly closest."""
    found = names.resolve(text)
    assert (found.kode, found.how) == (kode, how)
    if how == "mirip":
        assert found.score >= CONFIDENT
        assert found.candidates[0] == kode


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("IDL", ("SPE09", "SKA01")),
        ("Imunisasi dasar lengkap", ("SPE09", "SKA01")),
        ("TTD ibu hamil", ("SPE02", "SKI02")),
        ("TTD bumil", ("SPE02", "SKI02")),
        ("Air minum", ("SEN04", "SKI06", "SKA06")),
        ("Jamban layak", ("SEN05", "SKI07", "SKA07")),
        ("JKN", ("SEN06", "SKI08", "SKA09")),
        ("Persentase balita pendek", ("OUT01", "SAS05")),  # prevalence or count: asked
    ],
)
def test_names_fitting_several_indicators_are_asked(names, text, codes):
    """A known name of several indicators is ``ganda`` with all of them, in catalogue order."""
    found = names.resolve(text)
    assert (found.kode, found.how, found.candidates) == (None, "ganda", codes)


@pytest.mark.parametrize(
    "text", ["Imunisasi Dasar Lengkap (IDL)", "Cakupan IDL balita/baduta", "TTD ibu hamil (%)"]
)
def test_close_names_of_several_indicators_are_asked(names, text):
    """A close name scoring alike for two indicators is ``ganda``, the two ranked first."""
    found = names.resolve(text)
    assert found.how == "ganda" and found.kode is None
    assert {"SPE09", "SKA01"} <= set(found.candidates[:2]) or {"SPE02", "SKI02"} <= set(
        found.candidates[:2]
    )


@pytest.mark.parametrize(
    "text",
    ["qwertyuiop", "Keterangan", "Angka kematian ibu", "Persentase lansia mendapat layanan", "x"],
)
def test_garbage_and_other_indicators_are_unknown(names, text):
    """Names of no catalogue indicator are ``tidak_dikenal``, never a guess."""
    assert names.resolve(text).how == "tidak_dikenal"


def test_unknown_name_gets_ranked_candidates(names):
    """An unknown but near name lists the close codes, best first, at most five."""
    found = names.resolve("Persentase balita yang dipantau tumbuh kembangnya")
    assert found.how == "tidak_dikenal"
    assert found.candidates[0] == "SPE07"
    assert CANDIDATE <= found.score < CONFIDENT
    assert 1 <= len(found.candidates) <= 5
    assert names.resolve("qwertyuiop").candidates == ()


def test_code_beats_names_and_unknown_code_suggests_close_codes(names):
    """A catalogue code is read as the code; an unknown code suggests the nearest codes."""
    assert names.resolve("spe-09 Air minum").how == "kode"
    found = names.resolve("SPE99")
    assert found.how == "tidak_dikenal" and found.candidates[0] == "SPE09"
    # "TTD 90 tablet" starts code-shaped (TTD90) but is an alias.
    assert names.resolve("TTD 90 tablet").kode == "SPE02"


def test_mapping_overrides_and_is_pemetaan(names):
    """The user's mapping reads an ambiguous or unknown name as chosen; the original is untouched."""
    mapping = Mapping().with_name("IDL", "SKA01").with_name("Cakupan Gizi  X", "SPE08")
    mapped = names.with_mapping(mapping)
    assert (mapped.resolve("idl").kode, mapped.resolve("idl").how) == ("SKA01", "pemetaan")
    assert mapped.resolve("cakupan gizi x").kode == "SPE08"
    assert mapped.resolve("SPE09").how == "kode"  # a code stays a code
    assert names.resolve("IDL").how == "ganda"
    unknown = names.with_mapping(Mapping(names=(("idl", "XYZ99"),)))
    assert unknown.resolve("IDL").how == "ganda"  # a mapping to no catalogue code is not used


def test_seen_records_each_distinct_text_once(ref):
    """``seen`` maps each stripped text to its match; a copy from ``with_mapping`` starts empty."""
    matcher = IndicatorMatcher(ref.indikator, ref.indikator_alias)
    for text in ["SPE02", " IDL ", "IDL", "ASI eksklusif", "xyz"]:
        matcher.resolve(text)
    assert list(matcher.seen) == ["SPE02", "IDL", "ASI eksklusif", "xyz"]
    assert matcher.seen["ASI eksklusif"].kode == "SPE04"
    assert matcher.with_mapping(Mapping()).seen == {}


def test_match_messages_for_ambiguous_and_unknown(names):
    """``match`` keeps its (code, message, fix) shape with the new wording."""
    assert names.match("ASI eksklusif") == ("SPE04", None, None)
    kode, pesan, saran = names.match("IDL")
    assert kode is None
    assert pesan == (
        "Indikator 'IDL' cocok dengan lebih dari satu indikator: SPE09 (Balita memperoleh "
        "imunisasi dasar lengkap), SKA01 (Anak 0-23 bulan mendapat imunisasi dasar lengkap)."
    )
    assert saran == (
        "Pilih indikatornya di langkah pemetaan (halaman Data) atau --map di baris perintah."
    )
    _, pesan, saran = names.match("Persentase balita yang dipantau tumbuh kembangnya")
    assert (
        pesan
        == "Indikator 'Persentase balita yang dipantau tumbuh kembangnya' tidak ada di katalog."
    )
    assert saran.startswith("Mungkin maksudnya: SPE07 (Balita dipantau pertumbuhan")
    assert "tambahkan indikator baru bila memang baru" in saran


def test_close_to_warns_of_an_existing_indicator(names):
    """The new-indicator form's warning: existing indicators close to the name, best first."""
    close = names.close_to("Persentase balita imunisasi dasar lengkap")
    assert close[0] == ("SPE09", 100.0)
    assert "SKA01" in dict(close)
    assert names.close_to("Cakupan posyandu aktif purnama mandiri") == []


def test_user_indicators_are_matched_by_name(ref):
    """An indicator added in the app is found by its name like the catalogue's own."""
    user = pd.DataFrame(
        [
            {
                s.KODE: "SEN12",
                s.NAMA: "Posyandu aktif",
                s.KELOMPOK: "sensitif",
                s.SASARAN: "Posyandu",
                s.SATUAN: "persen",
                s.ARAH: "tinggi_baik",
                s.TARGET: None,
                s.TAHUN_TARGET: None,
                s.SUMBER_TARGET: "",
                s.SUMBER_DATA: "LAPRUT",
            }
        ]
    )
    matcher = build_catalogue(with_user_indicators(ref, user)).indicators
    assert matcher.resolve("Persentase posyandu yang aktif").kode == "SEN12"


def test_garbage_is_cheap_and_the_record_bounded(ref):
    """Distinct garbage names cost well under a millisecond each; ``seen`` stops growing."""
    matcher = IndicatorMatcher(ref.indikator, ref.indikator_alias)
    texts = [f"zq{i} kx{i * 7} vv{i % 13}" for i in range(MAX_SEEN + 500)]
    started = time.perf_counter()
    for text in texts:
        matcher.resolve(text)
    assert time.perf_counter() - started < 0.5e-3 * len(texts)
    assert len(matcher.seen) == MAX_SEEN


def test_long_file_with_official_names_and_office_sources(ref):
    """A long file naming indicators in words and sources by office imports every value and the
    dry run lists each automatic reading."""
    content = f.long_csv(
        "3172021007;Warakas;Persentase balita yang memperoleh imunisasi dasar lengkap;2024-Q2;8;10;;Sudin Kesehatan",
        "3172021007;Warakas;Asi esklusif;2024-Q2;3;4;;Puskesmas Tanjung Priok",
        "3172021007;Warakas;SPE02;2024-Q2;5;10;;PKM Koja",
        header=f.LONG_HEADER + ";sumber_data",
    )
    plan = prepare(content, "nama.csv", build_catalogue(ref))
    assert plan.problems.empty, plan.problems.to_dict("records")
    values = plan.values.set_index(s.KODE_INDIKATOR)
    assert values.loc["SPE09", s.NILAI] == 80.0
    assert values.loc["SPE04", s.NILAI] == 75.0
    assert set(values[s.SUMBER_DATA]) == {"LAPRUT"}
    assert [(n.text, n.kode, n.how) for n in plan.names] == [
        ("Persentase balita yang memperoleh imunisasi dasar lengkap", "SPE09", "alias"),
        ("Asi esklusif", "SPE04", "mirip"),
    ]
    assert (
        "Indikator 'Persentase balita yang memperoleh imunisasi dasar lengkap' dibaca sebagai "
        "SPE09 Balita memperoleh imunisasi dasar lengkap." in plan.notes
    )
    assert (
        "Indikator 'Asi esklusif' dibaca sebagai SPE04 Bayi usia kurang dari 6 bulan mendapat "
        "ASI eksklusif." in plan.notes
    )


def test_ambiguous_name_stops_for_a_choice_and_the_mapping_resolves_it(ref):
    """ "IDL" is not imported until mapped; with the mapping it is, read as chosen."""
    content = f.long_csv("3172021007;Warakas;IDL;2024-Q2;8;10;")
    plan = prepare(content, "idl.csv", build_catalogue(ref))
    assert plan.values.empty
    assert plan.problems["pesan"].iloc[0].startswith("Indikator 'IDL' cocok dengan lebih dari")
    assert [(n.text, n.kode, n.how, n.candidates) for n in plan.names] == [
        ("IDL", None, "ganda", ("SPE09", "SKA01"))
    ]
    options = ImportOptions(mapping=Mapping().with_name("IDL", "SKA01"))
    plan = prepare(content, "idl.csv", build_catalogue(ref), options)
    assert plan.problems.empty
    assert list(plan.values[s.KODE_INDIKATOR]) == ["SKA01"]
    assert [(n.text, n.how) for n in plan.names] == [("IDL", "pemetaan")]
    assert not any("dibaca sebagai" in n for n in plan.notes)  # chosen, not automatic


# Sources named by office


@pytest.mark.parametrize(
    ("text", "kode"),
    [
        ("Sudin Kesehatan", "LAPRUT"),
        ("Suku Dinas Kesehatan Kota Administrasi Jakarta Utara", "LAPRUT"),
        ("Dinkes", "LAPRUT"),
        ("Puskesmas Koja", "LAPRUT"),
        ("PKM Koja", "LAPRUT"),
        ("Sudin PPAPP", "PK_BKKBN"),
        ("DPPAPP/BKKBN", "PK_BKKBN"),
        ("PK21/PK23", "PK_BKKBN"),
        ("Sudin Dukcapil", "LAPRUT"),
        ("Dinsos", "LAPRUT"),
        ("Posyandu", "EPPGBM"),
        ("SIGIZI", "EPPGBM"),
        ("e-PPGBM", "EPPGBM"),
        ("SKI 2023", "SSGI"),
        ("Kemenkes (survei)", "SSGI"),
        ("e-HDW", "SCORECARD"),
        ("KPM", "SCORECARD"),
        ("laprut", "LAPRUT"),
        ("Kemenkes", None),  # survey or routine report: not guessed
        ("Kesehatan", None),
        ("Koja Puskesmas", None),  # the office name leads
    ],
)
def test_sources_named_by_office(ref, text, kode):
    """Office names (followed by more words too) are read as their source code."""
    assert match_source(text, ref.sumber_data, ref.sumber_alias) == kode


def test_unknown_source_lists_close_and_understood_office_names(ref):
    """The fix of an unknown source names the close office first, then what is understood."""
    hint = SourceMatcher(ref.sumber_data, ref.sumber_alias).hint("Sudin Kesehtan")
    assert hint.startswith("Mungkin maksudnya: Sudin Kesehatan.")
    assert "Gunakan salah satu kode: EPPGBM, EPPGBM_HITUNG, SSGI, LAPRUT" in hint
    assert "nama instansi yang dikenali: Sudin Kesehatan, Suku Dinas Kesehatan" in hint
    assert SourceMatcher(ref.sumber_data, ref.sumber_alias).hint("XYZ").startswith("Gunakan")


def test_file_level_source_overrides_a_source_column(ref):
    """A source chosen for the whole file wins over the column, and the dry run says so."""
    content = f.long_csv(
        "3172021007;Warakas;SPE02;2024-Q2;8;10;;Sudin Kesehatan",
        header=f.LONG_HEADER + ";sumber_data",
    )
    plan = prepare(content, "s.csv", build_catalogue(ref), ImportOptions(sumber_data="PK_BKKBN"))
    assert list(plan.values[s.SUMBER_DATA]) == ["PK_BKKBN"]
    assert any(
        n.startswith("Sumber data dipilih untuk seluruh berkas (PK_BKKBN)") for n in plan.notes
    )


def test_without_source_column_the_catalogue_source_is_said(ref):
    """Each indicator takes its usual source, listed in one note in catalogue order."""
    content = f.long_csv(
        "3172021007;Warakas;SPE07;2024-Q2;8;10;", "3172021007;Warakas;SPE02;2024-Q2;8;10;"
    )
    plan = prepare(content, "k.csv", build_catalogue(ref))
    assert list(plan.values[s.SUMBER_DATA]) == ["EPPGBM", "LAPRUT"]
    assert (
        "Berkas tanpa kolom sumber: sumber data diambil dari katalog: SPE02 → Laporan rutin "
        "program (LAPRUT), SPE07 → e-PPGBM (EPPGBM). Pilih sumber data untuk seluruh berkas "
        "bila berbeda."
    ) in plan.notes


# Kelurahan suggestions (point 7)


def test_every_unknown_kelurahan_gets_ranked_suggestions(ref):
    """Suggestions for every unknown name, not only the first thousand, best first."""
    areas = AreaMatcher(ref.kelurahan, ref.kelurahan_alias)
    for i in range(1_200):
        areas.by_name(f"zzq{i}")
    assert areas.by_name("Warakass").saran.startswith("Mungkin maksudnya: Warakas")
    assert areas.by_name("Sunter Agun").saran.startswith("Mungkin maksudnya: Sunter Agung")


# Reference files


@pytest.fixture()
def ref_copy(tmp_path):
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, folder)
    return folder


def test_shipped_aliases_cover_every_indicator(ref):
    """Every catalogue indicator has at least three aliases, each with its origin."""
    per_code = ref.indikator_alias.groupby(s.KODE).size()
    assert set(per_code.index) == set(ref.indikator[s.KODE])
    assert per_code.min() >= 3
    assert ref.indikator_alias["asal"].ne("").all()
    assert set(ref.sumber_alias["kode_sumber"]) <= set(ref.sumber_data[s.KODE])


def test_check_data_counts_the_alias_files(ref):
    """``manage.py check-data`` lists the row counts of both alias files."""
    summary = ref.summary()
    assert summary["indikator_alias"] == len(ref.indikator_alias) > 200
    assert summary["sumber_alias"] == len(ref.sumber_alias) > 30


def test_reference_folder_without_alias_files_loads_empty(ref_copy):
    """An older reference pack without the alias files loads, with empty alias frames."""
    (ref_copy / "indikator_alias.csv").unlink()
    (ref_copy / "sumber_alias.csv").unlink()
    ref = load_reference(ref_copy)
    assert ref.indikator_alias.empty and ref.sumber_alias.empty
    assert list(ref.indikator_alias.columns) == [s.KODE, "alias", "asal"]
    matcher = build_catalogue(ref).indicators
    assert matcher.resolve("SPE09").kode == "SPE09"
    assert matcher.resolve("Balita memperoleh imunisasi dasar lengkap").how == "nama"


def test_bad_aliases_are_reported_with_row_and_fix(ref_copy):
    """Unknown codes, empty aliases, an alias twice for one code and another indicator's
    catalogue name are refused; the same alias for two codes is allowed."""
    path = ref_copy / "indikator_alias.csv"
    with path.open("a", encoding="utf-8") as out:
        out.write("XYZ01,Apa saja,singkatan\n")  # unknown code
        out.write("SPE04,,singkatan\n")  # empty alias
        out.write("SPE04,asi  EKSKLUSIF,singkatan\n")  # the same alias again, other spelling
        out.write("SPE04,Balita memperoleh imunisasi dasar lengkap,singkatan\n")  # SPE09's name
    src = ref_copy / "sumber_alias.csv"
    with src.open("a", encoding="utf-8") as out:
        out.write("Sudin Lain,XYZ,catatan\n")
        out.write("Sudin  kesehatan,LAPRUT,lagi\n")
    rows = len(pd.read_csv(path)) + 1
    with pytest.raises(ReferenceDataError) as err:
        load_reference(ref_copy)
    got = [(p.berkas, p.baris, p.nilai, p.pesan) for p in err.value.problems]
    assert got == [
        ("indikator_alias.csv", rows - 3, "XYZ01", "kode tidak ada di indikator.csv."),
        (
            "indikator_alias.csv",
            rows - 2,
            "",
            "alias kosong; isi nama indikator seperti ditulis di berkas.",
        ),
        ("indikator_alias.csv", rows - 1, "asi  EKSKLUSIF", "alias ganda untuk SPE04."),
        (
            "indikator_alias.csv",
            rows,
            "Balita memperoleh imunisasi dasar lengkap",
            "alias sama dengan nama katalog SPE09; hapus barisnya atau ubah kodenya.",
        ),
        ("sumber_alias.csv", 41, "XYZ", "kode_sumber tidak ada di sumber_data.csv."),
        ("sumber_alias.csv", 42, "Sudin  kesehatan", "alias ganda; setiap nama satu baris."),
    ]


def test_official_names_starting_with_jumlah_are_no_total_rows(ref):
    """A long file's indicator cell "Jumlah keluarga miskin …" is a name, not a total row; a
    "Jumlah" row is still one."""
    content = f.long_csv(
        "3172021007;Warakas;Jumlah keluarga miskin dan rentan yang menerima bantuan sosial pangan;"
        "2024-Q2;8;10;",
        ";Jumlah;;2024-Q2;80;100;",
    )
    plan = prepare(content, "jumlah.csv", build_catalogue(ref))
    assert list(plan.values[s.KODE_INDIKATOR]) == ["SEN10"]
    assert list(plan.problems["pesan"]) == ["Baris total/jumlah tidak diimpor sebagai kelurahan."]
