"""Reference data files: the shipped files load and are typed; broken files report every problem."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis import schema as s
from ingest.reference_problems import ReferenceDataError
from services.reference import load_reference
from settings import REFERENCE_DIR
from tests.expected import LOKUS_2022_NAMES

SHARED_KELURAHAN = REFERENCE_DIR.parents[2] / "shared" / "docs" / "kelurahan_jakarta_utara.csv"


@pytest.fixture()
def ref_copy(tmp_path):
    """A writable copy of the reference folder."""
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, folder)
    return folder


def edit_csv(path, row, column, value):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    frame.to_csv(path, index=False)


def test_kelurahan_are_the_31_of_jakarta_utara(ref):
    """Thirty-one kelurahan in six kecamatan with both code forms consistent."""
    kel = ref.kelurahan
    assert len(kel) == 31
    assert kel[s.KECAMATAN].nunique() == 6
    assert (kel[s.KODE_KELURAHAN].str.replace(".", "") == kel[s.KODE_KELURAHAN_10]).all()
    assert kel.loc[kel[s.KELURAHAN] == "Warakas", s.KODE_KELURAHAN_10].item() == "3172021007"
    assert kel[s.AREA_KM2].dtype == float


@pytest.mark.skipif(not SHARED_KELURAHAN.exists(), reason="shared/docs not beside the project")
def test_kelurahan_match_the_shared_facts(ref):
    """Every fact of the shared kelurahan file is copied unchanged."""
    shared = pd.read_csv(SHARED_KELURAHAN, dtype={"kode_kelurahan_10": str})
    merged = shared.merge(ref.kelurahan, on=s.KODE_KELURAHAN, suffixes=("", "_ref"))
    assert len(merged) == 31
    for col in (
        s.KELURAHAN,
        s.KECAMATAN,
        s.KODE_KELURAHAN_10,
        s.LABEL_LAT,
        s.LABEL_LON,
        s.AREA_KM2,
    ):
        assert (merged[col] == merged[f"{col}_ref"]).all(), col


def test_lokus_2022_are_the_seven(ref):
    """The 2022 lokus are the seven kelurahan named in July 2022."""
    lokus = ref.lokus.merge(
        ref.kelurahan[[s.KODE_KELURAHAN, s.KELURAHAN]], on=s.KODE_KELURAHAN, suffixes=("_file", "")
    )
    assert set(lokus.loc[lokus[s.TAHUN] == 2022, s.KELURAHAN]) == LOKUS_2022_NAMES


def test_catalogue_covers_domain_indicators(ref):
    """Nine spesifik, eleven sensitif, 8 + 10 scorecard items, and stunting's 14% target."""
    counts = ref.indikator.groupby(s.KELOMPOK).size().to_dict()
    assert counts["spesifik"] == 9 and counts["sensitif"] == 11
    scorecard = ref.indikator.loc[ref.indikator[s.KELOMPOK] == "scorecard"]
    assert scorecard.groupby(s.KELOMPOK_SCORECARD).size().to_dict() == {
        "anak_0_23": 10,
        "ibu_hamil": 8,
    }
    stunting = ref.indikator.set_index(s.KODE).loc[s.IND_STUNTING]
    assert stunting[s.TARGET] == 14 and stunting[s.ARAH] == s.ARAH_RENDAH_BAIK
    ktd = ref.indikator.set_index(s.KODE).loc["SEN02"]
    assert ktd[s.TARGET] == 15.5 and ktd[s.ARAH] == s.ARAH_RENDAH_BAIK


def test_remaja_ttd_keeps_both_targets_with_sources(ref):
    """Perpres 58% in the catalogue and BKKBN 80% as another target, each with its source."""
    main = ref.indikator.set_index(s.KODE).loc["SPE03"]
    other = ref.target_lain.set_index(s.KODE_INDIKATOR).loc["SPE03"]
    assert (main[s.TARGET], other[s.TARGET]) == (58, 80)
    assert "Perpres" in main[s.SUMBER_TARGET] and "BKKBN" in other[s.SUMBER_TARGET]


def test_stunting_keeps_the_2024_and_the_rpjmn_2029_target(ref):
    """14 % by 2024 in the catalogue (RPJMN 2020–2024) and 14,2 % by 2029 (RPJMN 2025–2029,
    Perpres 12/2025) as another target, each with its year and source."""
    other = ref.target_lain.set_index(s.KODE_INDIKATOR).loc[s.IND_STUNTING]
    assert (other[s.TARGET], other[s.TAHUN_TARGET]) == (14.2, 2029)
    assert "RPJMN 2025-2029" in other[s.SUMBER_TARGET]


def test_another_target_without_its_year_is_a_problem(ref_copy):
    """The trajectory needs the year of every target: an empty tahun_target is reported."""
    edit_csv(ref_copy / "target_lain.csv", 1, s.TAHUN_TARGET, "")
    with pytest.raises(ReferenceDataError) as info:
        load_reference(ref_copy)
    found = {(p.berkas, p.baris, p.kolom) for p in info.value.problems}
    assert found == {("target_lain.csv", 3, s.TAHUN_TARGET)}


def test_frameworks_have_8_aksi_and_the_2025_scheme(ref):
    """8AKSI has aksi 1–8 with tahapan; the 2025 scheme has 4 utama and 2 pendukung."""
    k = ref.kerangka
    assert list(k.loc[k[s.KERANGKA] == "8AKSI", s.NOMOR_AKSI]) == list(range(1, 9))
    scheme = k.loc[k[s.KERANGKA] == "SKEMA2025"].groupby("jenis").size().to_dict()
    assert scheme == {"pendukung": 2, "utama": 4}
    assert ref.tahapan.loc[ref.tahapan[s.KERANGKA] == "8AKSI", s.NOMOR_AKSI].nunique() == 8


def test_user_can_add_an_indicator_by_editing_data(ref_copy):
    """A new catalogue row is loaded with no code change."""
    path = ref_copy / "indikator.csv"
    with path.open("a", encoding="utf-8") as f:
        f.write(
            "LOK01,Posyandu aktif,sensitif,Posyandu,persen,tinggi_baik,85,2026,Renstra,0,LAPRUT,\n"
        )
    ref = load_reference(ref_copy)
    assert ref.indikator.set_index(s.KODE).loc["LOK01", s.TARGET] == 85


def test_every_problem_is_reported_with_file_row_and_column(ref_copy):
    """Several broken cells in several files are all reported at once."""
    edit_csv(ref_copy / "kelurahan.csv", 3, s.KODE_KELURAHAN, "3175.01.1004")
    edit_csv(ref_copy / "kelurahan.csv", 5, s.LABEL_LAT, "-6,11")
    edit_csv(ref_copy / "lokus.csv", 0, s.KODE_KELURAHAN, "31.72.09.1001")
    edit_csv(ref_copy / "indikator.csv", 1, s.KELOMPOK, "spesific")
    with pytest.raises(ReferenceDataError) as info:
        load_reference(ref_copy)
    found = {(p.berkas, p.baris, p.kolom) for p in info.value.problems}
    assert ("kelurahan.csv", 5, s.KODE_KELURAHAN) in found
    assert ("kelurahan.csv", 7, s.LABEL_LAT) in found
    assert ("lokus.csv", 2, s.KODE_KELURAHAN) in found
    assert ("indikator.csv", 3, s.KELOMPOK) in found
    assert "bukan kode BPS" in str(info.value)


def test_missing_column_and_missing_file_are_reported(ref_copy):
    """A renamed header and a deleted file each give a problem naming the fix."""
    frame = pd.read_csv(ref_copy / "sumber_data.csv", dtype=str).rename(columns={"nama": "Nama"})
    frame.to_csv(ref_copy / "sumber_data.csv", index=False)
    (ref_copy / "target_lain.csv").unlink()
    with pytest.raises(ReferenceDataError) as info:
        load_reference(ref_copy)
    messages = [str(p) for p in info.value.problems]
    assert any("sumber_data.csv, baris 1, kolom 'nama'" in m for m in messages)
    assert any(m.startswith("target_lain.csv") and "tidak ditemukan" in m for m in messages)


def test_duplicate_codes_and_bad_months_are_reported(ref_copy):
    """Duplicate indicator codes and tahapan ending before they start are problems."""
    edit_csv(ref_copy / "indikator.csv", 5, s.KODE, "SPE01")
    edit_csv(ref_copy / "tahapan_aksi.csv", 0, "bulan_mulai", "9")
    with pytest.raises(ReferenceDataError, match="kode indikator ganda") as info:
        load_reference(ref_copy)
    assert any(p.berkas == "tahapan_aksi.csv" and p.baris == 2 for p in info.value.problems)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("kode,nama\n\xe9\xe9".encode("latin-1"), "bukan teks UTF-8"),
        (b"", "tidak dapat dibaca sebagai CSV"),
        (b'kode,nama,jenis,keterangan\nA,"tidak ditutup\n', "tidak dapat dibaca sebagai CSV"),
    ],
)
def test_unreadable_file_is_a_problem_not_a_crash(ref_copy, content, expected):
    """A file in another encoding, empty, or malformed is reported with its name."""
    (ref_copy / "sumber_data.csv").write_bytes(content)
    with pytest.raises(ReferenceDataError, match=expected) as info:
        load_reference(ref_copy)
    assert info.value.problems[0].berkas == "sumber_data.csv"


def test_codes_the_dashboard_needs_must_stay(ref_copy):
    """Removing the stunting indicator or a prevalence source is refused with the reason."""
    path = ref_copy / "indikator.csv"
    lines = [ln for ln in path.read_text().splitlines() if not ln.startswith("OUT01,")]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ReferenceDataError, match="kode OUT01 .prevalensi stunting. wajib ada"):
        load_reference(ref_copy)


def test_alert_rules_are_checked(ref_copy):
    """An unknown operator and a count indicator in aturan_peringatan.csv are named by row."""
    edit_csv(ref_copy / "aturan_peringatan.csv", 0, "operator", "=<")
    edit_csv(ref_copy / "aturan_peringatan.csv", 1, s.KODE_INDIKATOR, "SAS01")
    with pytest.raises(ReferenceDataError) as info:
        load_reference(ref_copy)
    found = {(p.berkas, p.baris, p.kolom) for p in info.value.problems}
    assert ("aturan_peringatan.csv", 2, "operator") in found
    assert ("aturan_peringatan.csv", 3, s.KODE_INDIKATOR) in found


def test_alert_rules_are_loaded_typed(ref):
    rules = ref.aturan_peringatan
    row = rules.loc[rules[s.KODE_INDIKATOR] == "SPE04"].iloc[0]
    assert (row["operator"], row["ambang"]) == ("<", 50.0)


def test_unit_and_funding_lists_are_checked(ref_copy):
    """A repeated OPD code, an empty short name and an empty funding name are each reported
    with file, spreadsheet row and column."""
    edit_csv(ref_copy / "opd.csv", 1, s.KODE, "SUDINKES")
    edit_csv(ref_copy / "opd.csv", 2, "singkatan", "")
    edit_csv(ref_copy / "sumber_dana.csv", 0, s.NAMA, "")
    with pytest.raises(ReferenceDataError) as err:
        load_reference(ref_copy)
    found = {(p.berkas, p.baris, p.kolom) for p in err.value.problems}
    assert found == {
        ("opd.csv", 3, s.KODE),
        ("opd.csv", 4, "singkatan"),
        ("sumber_dana.csv", 2, s.NAMA),
    }


def test_shipped_units_and_funding_sources(ref):
    """The shipped lists hold the units and funding sources the issue names."""
    assert {"SUDINKES", "SUDINPPAPP", "SUDINSOS", "SUDINSDA", "KELURAHAN"} <= set(ref.opd[s.KODE])
    assert {"APBD", "DAK", "DANA_KEL", "CSR"} <= set(ref.sumber_dana[s.KODE])


def test_store_reads_bytes_and_ingest_checks_them_without_disk(ref_copy):
    """The store gives each file's bytes (``None`` when absent); ingest reads and checks them
    from memory, naming the folder only in the message for a missing file."""
    from ingest.reference import reference_from_files  # noqa: PLC0415
    from store.reference_files import read_reference_files  # noqa: PLC0415

    (ref_copy / "target_lain.csv").unlink()
    files = read_reference_files(ref_copy)
    assert files["target_lain.csv"] is None
    assert files["opd.csv"] == (ref_copy / "opd.csv").read_bytes()
    with pytest.raises(ReferenceDataError) as info:
        reference_from_files(files, ref_copy)
    assert [str(p) for p in info.value.problems] == [
        f"target_lain.csv: berkas tidak ditemukan di {ref_copy}; pulihkan dari repositori."
    ]
    files["target_lain.csv"] = (REFERENCE_DIR / "target_lain.csv").read_bytes()
    assert len(reference_from_files(files, ref_copy).kelurahan) == 31
