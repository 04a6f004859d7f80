"""Region packs (``manage.py new-region``): the folder of any kabupaten/kota from the national list
passes check-data, carries the templates of any region, gets demo data only with ``--demo``, and
its database serves that region only."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import func, select

import manage
from analysis import schema as s
from analysis.region_pack import DEMO_LOKUS_BASIS, demo_lokus_count
from demo.generate import _block, _row
from demo.measurements import children_per_kelurahan
from services.bootstrap import describe_error, initialise
from services.region_pack import RegionError, write_region_pack
from settings import REFERENCE_DIR, TEMPLATE_DIR
from store import tables
from store.national import national_list
from store.region_store import OtherRegion
from text.strings import REGION_WORDS

# (code, name, kecamatan, desa/kelurahan, unit word): counts from the national list's rows.
REGIONS = [
    ("31.01", "Kabupaten Administrasi Kepulauan Seribu", 2, 6, "kelurahan"),
    ("53.71", "Kota Kupang", 6, 51, "kelurahan"),
    ("32.73", "Kota Bandung", 30, 151, "kelurahan"),
    ("11.08", "Kabupaten Aceh Utara", 27, 852, "desa"),
]


@pytest.fixture(scope="module", autouse=True)
def _keep_region_words():
    """Loading a pack switches the words of every text; give the other tests North Jakarta's back."""
    saved = dict(REGION_WORDS)
    yield
    REGION_WORDS.clear()
    REGION_WORDS.update(saved)


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    """``pack(kode, demo=False)``: the folder of a region, built once per module."""
    built: dict[tuple[str, bool], object] = {}

    def build(kode: str, demo: bool = False):
        if (kode, demo) not in built:
            out = tmp_path_factory.mktemp(f"r{kode}{'demo' if demo else ''}")
            ref = write_region_pack(kode, out, demo=demo)
            built[kode, demo] = (out, ref)
        return built[kode, demo]

    return build


@pytest.mark.parametrize(("kode", "nama", "n_kec", "n_desa", "unit"), REGIONS)
def test_pack_holds_the_region(pack, kode, nama, n_kec, n_desa, unit):
    """The folder names its region and lists every kecamatan and desa/kelurahan of it, all
    with codes under the region's code; without --demo no demo data and no lokus."""
    _, ref = pack(kode)
    region = ref.wilayah
    assert (region.kode, region.nama, region.sebutan_desa) == (kode, nama, unit)
    assert not region.data_contoh
    assert len(ref.kelurahan) == n_desa
    assert ref.kelurahan[s.KODE_KECAMATAN].nunique() == n_kec
    assert ref.kelurahan[s.KODE_KELURAHAN].str.startswith(kode + ".").all()
    assert ref.lokus.empty


@pytest.mark.parametrize(("kode", "nama", "n_kec", "n_desa", "unit"), REGIONS)
def test_check_data_passes_and_names_the_region(  # noqa: PLR0913
    pack, monkeypatch, capsys, kode, nama, n_kec, n_desa, unit
):
    """``check-data`` on the pack exits 0 and prints the region with its counts."""
    out, _ = pack(kode)
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(out))
    assert manage.main(["check-data"]) == 0
    printed = capsys.readouterr().out
    assert f"wilayah: {nama} ({kode}), kode BPS belum diisi; {n_kec} kecamatan, " in printed
    assert f"{n_desa} {unit} (0 tanpa titik label)" in printed
    assert "lokus per tahun: belum ditetapkan" in printed


@pytest.mark.parametrize("kode", ["99.99", "11", "11.08.01", "11.08.01.2001", "Aceh"])
def test_codes_other_than_a_kabupaten_kota_are_refused(tmp_path, kode):
    """Unknown codes and codes of a province, kecamatan or desa write nothing."""
    with pytest.raises(RegionError, match="kabupaten/kota"):
        write_region_pack(kode, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_command_reports_a_refusal(tmp_path, capsys):
    """The command exits 1 with the message on stderr."""
    assert manage.main(["new-region", "11", "--out", str(tmp_path / "x")]) == 1
    assert "adalah kode provinsi Aceh, bukan kabupaten/kota" in capsys.readouterr().err


def test_a_folder_with_files_is_refused(tmp_path):
    """An --out folder that holds anything is never written into."""
    (tmp_path / "catatan.txt").write_text("punya saya")
    with pytest.raises(RegionError, match="sudah berisi berkas"):
        write_region_pack("31.01", tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["catatan.txt"]


def test_bps_code_must_fit_the_province(tmp_path):
    """A BPS code is four digits starting with the province's number: 1108 for 11.08 is kept,
    3175 (another province) refused."""
    with pytest.raises(RegionError, match="Kode BPS '3175x' tidak cocok"):
        write_region_pack("31.01", tmp_path / "a", kode_bps="3175x")
    with pytest.raises(RegionError, match="diawali kode provinsi 11"):
        write_region_pack("11.73", tmp_path / "b", kode_bps="3175")
    ref = write_region_pack("11.73", tmp_path / "c", kode_bps="1173")
    assert ref.wilayah.kode_bps == "1173"


def test_duplicate_desa_names_get_their_kecamatan(pack):
    """Aceh Utara has 147 desa whose name another desa also bears; each gets its kecamatan in
    brackets ("Alue" in Tanah Luas and in Tanah Pasir), so every name is unique."""
    _, ref = pack("11.08")
    kel = ref.kelurahan.set_index(s.KODE_KELURAHAN)
    assert kel[s.KELURAHAN].is_unique
    assert kel.loc["11.08.12.2016", s.KELURAHAN] == "Alue (Tanah Luas)"
    assert kel.loc["11.08.13.2001", s.KELURAHAN] == "Alue (Tanah Pasir)"
    national = national_list().set_index("kode")["nama"]
    renamed = kel[s.KELURAHAN] != national.reindex(kel.index)
    assert int(renamed.sum()) == 147


@pytest.mark.parametrize("kode", ["31.01", "53.71", "32.73", "11.08"])
def test_every_placed_desa_has_an_area(pack, kode):
    """Each desa/kelurahan with a label point gets an approximate area above zero."""
    _, ref = pack(kode)
    placed = ref.kelurahan.loc[ref.kelurahan[s.LABEL_LAT].notna()]
    assert len(placed) == len(ref.kelurahan)
    assert (placed[s.AREA_KM2] > 0).all()


def test_a_desa_without_a_point_is_left_empty(pack):
    """Kota Lhokseumawe's Seuneubok has no label point in the national list: its point and
    area stay empty and the other 67 desa get theirs."""
    _, ref = pack("11.73")
    kel = ref.kelurahan.set_index(s.KODE_KELURAHAN)
    row = kel.loc["11.73.03.2022"]
    assert row[s.KELURAHAN] == "Seuneubok"
    assert pd.isna(row[s.LABEL_LAT]) and pd.isna(row[s.LABEL_LON]) and pd.isna(row[s.AREA_KM2])
    others = kel.drop(index="11.73.03.2022")
    assert len(others) == 67 and (others[s.AREA_KM2] > 0).all()


def test_templates_of_any_region(pack):
    """The units and source names are those of any kabupaten/kota, not North Jakarta's
    "Suku Dinas"; the project's own files stay as they were."""
    out, ref = pack("53.71")
    assert (out / "opd.csv").read_bytes() == (TEMPLATE_DIR / "opd.csv").read_bytes()
    codes = set(ref.opd[s.KODE])
    assert {"DINKES", "PUSKESMAS", "DPPKB", "DINSOS", "DISDIK", "BAPPEDA", "DPMD"} <= codes
    assert {"PUPR", "PANGAN", "DISDUKCAPIL", "KEMENAG", "PKK", "KECAMATAN", "DESA"} <= codes
    assert not ref.opd[s.NAMA].str.contains("Suku Dinas").any()
    assert ref.opd["keterangan"].str.contains("sesuaikan dengan SK TPPS").all()
    alias = dict(zip(ref.sumber_alias["alias"], ref.sumber_alias["kode_sumber"], strict=True))
    assert alias["Dinkes"] == alias["Dinas Kesehatan"] == alias["Puskesmas"] == "LAPRUT"
    assert alias["DPPKB"] == alias["DP3AP2KB"] == "PK_BKKBN"
    assert not any("Sudin" in a for a in alias)
    assert "DANA_DESA" in set(ref.sumber_dana[s.KODE])
    assert "SUDINKES" in (REFERENCE_DIR / "opd.csv").read_text()


@pytest.mark.parametrize(
    ("n_desa", "expected"), [(2, 2), (6, 3), (31, 3), (51, 5), (151, 15), (852, 15)]
)
def test_demo_lokus_count(n_desa, expected):
    """A tenth of the desa, rounded, at least 3 and at most 15 (never more than there are)."""
    assert demo_lokus_count(n_desa) == expected


@pytest.mark.parametrize(
    ("n_desa", "expected"), [(6, 150), (31, 150), (51, 91), (151, 31), (852, 10)]
)
def test_children_per_desa_keep_a_city_total(n_desa, expected):
    """150 children a desa up to 31 desa, then 150 × 31 / n (51 → 91.2 → 91, 151 → 30.8 → 31),
    never fewer than 10 (852 → 5.5 → 10)."""
    assert children_per_kelurahan(n_desa) == expected


def test_demo_pack_has_labelled_synthetic_lokus(pack, tmp_path):
    """--demo marks the pack and picks 5 of Kota Kupang's 51 kelurahan as 2022 lokus, labelled
    synthetic, the same choice on every run."""
    out, ref = pack("53.71", demo=True)
    assert ref.wilayah.data_contoh
    assert len(ref.lokus) == 5 and set(ref.lokus[s.TAHUN]) == {2022}
    assert set(ref.lokus[s.DASAR_PENETAPAN]) == {DEMO_LOKUS_BASIS}
    assert set(ref.lokus[s.KODE_KELURAHAN]) <= set(ref.kelurahan[s.KODE_KELURAHAN])
    write_region_pack("53.71", tmp_path / "again", demo=True)
    assert (tmp_path / "again" / "lokus.csv").read_bytes() == (out / "lokus.csv").read_bytes()


def test_plain_pack_gets_no_demo_data(pack, monkeypatch, tmp_path):
    """Without --demo an empty database stays empty, even when demo data is asked for."""
    out, _ = pack("31.01")
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(out))
    store, _, report = initialise(f"sqlite:///{tmp_path / 'db.sqlite'}", with_demo=True)
    assert report.demo_dataset_id is None and not report.demo_aksi_loaded
    assert not store.has_data() and store.lokus().empty
    store.dispose()


def _count(store, table) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)))


def test_demo_of_852_desa_loads_labelled_synthetic_data(pack, monkeypatch, tmp_path):
    """The first start of Aceh Utara's demo pack stores the synthetic dataset for every desa,
    survey rows under 11.08, 10 children a desa in each of the two weighing months, and
    activities and aksi led by the units of any kabupaten/kota."""
    out, ref = pack("11.08", demo=True)
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(out))
    monkeypatch.delenv("DASBOR_DEMO", raising=False)
    store, _, report = initialise(f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert report.demo_dataset_id is not None and report.demo_aksi_loaded
    sets = store.datasets()
    assert set(sets["jenis"]) == {"contoh", "pengukuran"} and sets["sintetis"].all()
    values = store.indicator_values()
    desa = set(ref.kelurahan[s.KODE_KELURAHAN])
    assert set(values[s.KODE_WILAYAH]) == desa | {"11.08"}
    assert set(values.loc[values[s.SUMBER_DATA] == "SSGI", s.KODE_WILAYAH]) == {"11.08"}
    assert _count(store, tables.pengukuran) == 852 * 10 * 2
    activities = store.activities()
    assert len(activities) and set(activities[s.OPD]) <= set(ref.opd[s.KODE])
    assert "Dinas Kesehatan" in set(store.aksi_progress()["opd"])
    assert set(store.lokus()[s.KODE_KELURAHAN]) == set(ref.lokus[s.KODE_KELURAHAN])
    store.dispose()


def test_a_database_serves_one_region(pack, monkeypatch, tmp_path):
    """The first start records the region; a start with the same folder is fine, one with
    another region's folder is refused naming both, before any lokus is written."""
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    out, _ = pack("53.71", demo=True)
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(out))
    store, _, _ = initialise(url, with_demo=False)
    assert store.database_region() == ("53.71", "Kota Kupang")
    store.dispose()
    store, _, _ = initialise(url, with_demo=False)
    store.dispose()
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(REFERENCE_DIR))
    with pytest.raises(OtherRegion) as refused:
        initialise(url, with_demo=False)
    message = describe_error(refused.value)
    assert message.startswith("basis data ini dibuat untuk Kota Kupang (53.71), bukan untuk ")
    assert "Kota Administrasi Jakarta Utara (31.72)" in message
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(out))
    store, _, _ = initialise(url, with_demo=False)
    assert store.lokus()[s.KODE_KELURAHAN].str.startswith("53.71.").all()
    store.dispose()


def test_each_reference_folder_gets_its_own_database(monkeypatch, tmp_path):
    """Without DASBOR_DB_URL: var/dasbor.sqlite for the project's folder, var/dasbor-<folder>
    for another (odd characters of the folder name replaced)."""
    import settings

    monkeypatch.delenv("DASBOR_DB_URL", raising=False)
    monkeypatch.delenv("DASBOR_REFERENCE_DIR", raising=False)
    assert settings.database_url() == f"sqlite:///{settings.PROJECT_ROOT}/var/dasbor.sqlite"
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(tmp_path / "32.73"))
    assert settings.database_url() == f"sqlite:///{settings.PROJECT_ROOT}/var/dasbor-32.73.sqlite"
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(tmp_path / "Kota Bandung!"))
    assert settings.default_db_path().name == "dasbor-Kota-Bandung.sqlite"


def test_vectorised_rows_equal_the_row_helper():
    """The demo's column blocks give what one ``_row`` a kelurahan gives: 1/3 → 33.3333 %,
    a zero denominator → no value, no denominator → the count itself."""
    codes = np.array(["a", "b"], dtype=object)
    block = pd.DataFrame(
        _block(codes, "X", "2025-Q1", "LAPRUT", np.array([1, 2]), np.array([3, 0]))
    )
    rows = pd.DataFrame(
        [_row("a", "X", "2025-Q1", "LAPRUT", 1, 3), _row("b", "X", "2025-Q1", "LAPRUT", 2, 0)]
    )
    pd.testing.assert_frame_equal(block, rows)
    assert block[s.NILAI].iloc[0] == 33.3333 and pd.isna(block[s.NILAI].iloc[1])
    counts = pd.DataFrame(_block(codes, "S", "2025-Q1", "EPPGBM", np.array([7, 9])))
    assert list(counts[s.NILAI]) == [7.0, 9.0] and counts[s.PENYEBUT].isna().all()


@pytest.mark.parametrize(
    ("kode", "said"),
    [
        ("99.99", "tidak ada di daftar kabupaten/kota Kemendagri 2025"),
        ("32", "adalah kode provinsi Jawa Barat, bukan kabupaten/kota; pilih kabupaten/kotanya, mis. 32.01 Kabupaten Bogor"),
        ("1108", "maksud Anda 11.08 (Kabupaten Aceh Utara)?"),
        ("32.73.01", "adalah kode kecamatan Sukasari; kabupaten/kotanya 32.73 (Kota Bandung)"),
    ],
)  # fmt: skip
def test_a_code_that_is_not_a_region_says_which_to_use(kode, said):
    """Each refusal names what the code is and the kabupaten/kota code to give instead."""
    from analysis.region import explain_not_a_region  # noqa: PLC0415
    from store.national import national_list  # noqa: PLC0415

    assert said in explain_not_a_region(kode, national_list())


def test_the_title_keeps_the_kind_except_for_jakartas_administrative_kota():
    """ "Kota Kupang" (Kabupaten Kupang exists too) and "Kabupaten Aceh Utara" keep their kind;
    DKI's "Kota Administrasi Jakarta Utara" is "Jakarta Utara" as before."""
    from analysis.region import Region  # noqa: PLC0415

    assert Region("53.71", "Kota Kupang").title_name == "Kota Kupang"
    assert Region("11.08", "Kabupaten Aceh Utara").title_name == "Kabupaten Aceh Utara"
    assert Region("31.72", "Kota Administrasi Jakarta Utara").title_name == "Jakarta Utara"
