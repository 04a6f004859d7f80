"""Import matching by region (issue #26, point 6): places matched within the reference folder's
kabupaten/kota, a file of another region refused in one message naming it, the BPS trap from the
folder's BPS code, names used twice in a kabupaten told by their kecamatan."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from ingest.foreign import foreign_region
from ingest.matching import AreaMatcher
from ingest.national import NationalLookup, name_key, name_keys
from ingest.options import ImportOptions
from ingest.pipeline import build_catalogue, prepare
from services import measure_uploads, uploads
from services.national_lookup import national_lookup
from services.region_pack import write_region_pack
from store.national import national_list
from tests import ingest_files as f

TODAY = date(2025, 3, 1)
OPTIONS = ImportOptions(periode="2024-Q2")
NAMES = {"53.71": "Kota Kupang", "32.73": "Kota Bandung", "11.08": "Kabupaten Aceh Utara"}
# The region each pack gets a file of (its own file is checked beside it).
OTHER = {"53.71": "32.73", "32.73": "53.71", "11.08": "32.73"}


@pytest.fixture(scope="session")
def packs(tmp_path_factory):
    """The reference of each test region, written by ``new-region``'s service."""
    root = tmp_path_factory.mktemp("packs")
    return {kode: write_region_pack(kode, root / kode) for kode in NAMES}


@pytest.fixture(scope="session")
def national():
    return national_lookup()


def desa_of(kode: str, n: int = 12) -> pd.DataFrame:
    """The first ``n`` desa/kelurahan (kode, nama) of kabupaten/kota ``kode`` in the national list."""
    table = national_list()
    rows = table.loc[
        table["kode"].str.startswith(kode + ".") & (table["kode"].str.count(r"\.") == 3)
    ]
    return rows[["kode", "nama"]].head(n).reset_index(drop=True)


def indicator_file(rows: pd.DataFrame, codes: bool = True, names: bool = True) -> bytes:
    """A long indicator file with one SPE02 value per place of ``rows``."""
    lines = [
        f"{r.kode if codes else ''};{r.nama if names else ''};SPE02;2024-Q2;8;10;"
        for r in rows.itertuples()
    ]
    return f.long_csv(*lines)


def dry_run(ref, data: bytes, national):
    return prepare(data, "berkas.csv", build_catalogue(ref, national), OPTIONS)


def errors(plan) -> pd.DataFrame:
    return plan.problems.loc[plan.problems["tingkat"] == "galat"]


@pytest.mark.parametrize("kode", list(NAMES))
@pytest.mark.parametrize("by", ["kode", "nama"])
def test_a_file_of_another_region_is_refused_in_one_message(packs, national, kode, by):
    """Twelve rows of another kabupaten/kota, by code (no names) or by name (no codes): one
    problem naming that region and ours, nothing to store."""
    other = OTHER[kode]
    data = indicator_file(desa_of(other), codes=by == "kode", names=by == "nama")
    plan = dry_run(packs[kode], data, national)
    assert len(plan.problems) == 1 and not plan.can_commit and plan.stopped
    message = plan.problems["pesan"].iloc[0]
    assert message.startswith(
        f"Berkas ini berisi data {NAMES[other]} ({other}), bukan {NAMES[kode]} ({kode}): "
        "12 dari 12 baris"
    )
    assert f"new-region {other}" in plan.problems["saran"].iloc[0]


@pytest.mark.parametrize("kode", list(NAMES))
def test_the_regions_own_file_imports(packs, national, kode):
    """The same file built from the region's own desa imports every row without a problem."""
    data = indicator_file(desa_of(kode))
    plan = dry_run(packs[kode], data, national)
    assert errors(plan).empty
    assert len(plan.values) == 12
    assert set(plan.values["kode_wilayah"]) == set(desa_of(kode)["kode"])


def test_a_few_rows_of_another_region_get_row_problems_naming_it(packs, national):
    """Ten Kupang rows and two Bandung rows (under 50%): no file refusal; each Bandung row has
    its own problem naming Kota Bandung, the Kupang rows import."""
    rows = pd.concat([desa_of("53.71", 10), desa_of("32.73", 2)], ignore_index=True)
    plan = dry_run(packs["53.71"], indicator_file(rows, names=False), national)
    bad = errors(plan)
    assert bad["baris"].tolist() == [12, 13]
    first = desa_of("32.73", 1).iloc[0]
    assert bad["pesan"].iloc[0] == (
        f"Kode '{first.kode}' adalah kode Kemendagri {first.nama}, Kota Bandung (32.73), "
        "bukan kelurahan Kota Kupang (53.71)."
    )
    assert len(plan.values) == 10


def test_without_the_national_list_a_foreign_file_gets_row_problems(packs):
    """Without the national list (``build_catalogue(ref)``) nothing names the other region: one
    problem per row, no file refusal."""
    plan = dry_run(packs["53.71"], indicator_file(desa_of("32.73"), names=False), None)
    assert len(errors(plan)) == 12
    assert not plan.problems["pesan"].str.startswith("Berkas ini berisi").any()


@pytest.fixture(scope="session")
def nj(ref, national):
    """North Jakarta's matcher (BPS 3175, Kemendagri 31.72) with the national list."""
    return AreaMatcher(ref.kelurahan, ref.kelurahan_alias, ref.wilayah, national)


def test_bps_code_beside_a_north_jakarta_name_is_the_bps_trap(nj):
    """3175021007 is both North Jakarta's BPS prefix and East Jakarta's Kemendagri Jati; beside
    'Warakas' it is our BPS code, answered with Warakas's Kemendagri code."""
    found = nj.check_pair(nj.by_code("3175021007"), "Warakas")
    assert found.kode is None and found.bps and found.lain == ()
    assert found.pesan == (
        "'3175021007' adalah kode BPS (3175…), bukan kode Kemendagri (31.72…); nama Warakas "
        "cocok dengan kelurahan Kota Jakarta Utara."
    )
    assert found.saran == "Ganti dengan kode Kemendagri 31.72.02.1007 (Warakas)."


def test_east_jakarta_code_beside_an_east_jakarta_name_is_east_jakartas_row(nj):
    """31.75.02.1007 beside 'Jati' (its name in East Jakarta) is East Jakarta's row."""
    found = nj.check_pair(nj.by_code("31.75.02.1007"), "Jati")
    assert found.kode is None and found.lain == ("31.75",)
    assert found.pesan == (
        "Baris ini data Kota Administrasi Jakarta Timur (31.75): 31.75.02.1007 adalah Jati, "
        "bukan kelurahan Kota Jakarta Utara."
    )
    assert "new-region 31.75" in found.saran


def test_bps_code_alone_names_both_possibilities(nj):
    """Without a name, a 3175… code that East Jakarta also has is told both ways; a BPS-shaped
    code East Jakarta has not (3175040006: kecamatan 040, desa 006) is the plain BPS trap."""
    both = nj.by_code("3175021007")
    assert both.pesan == (
        "'3175021007' bisa kode BPS Kota Jakarta Utara (3175…) atau kode Kemendagri Jati, "
        "Kota Administrasi Jakarta Timur (31.75)."
    )
    plain = nj.by_code("3175040006")
    assert plain.bps and plain.lain == ()
    assert plain.pesan == "'3175040006' adalah kode BPS (3175…), bukan kode Kemendagri (31.72…)."


def test_another_regions_code_beside_our_name_is_a_typo(nj):
    """A Bandung code beside 'Warakas' is a wrong code for our Warakas, not Bandung's row."""
    found = nj.check_pair(nj.by_code("32.73.01.1001"), "Warakas")
    assert found.lain == ()
    assert found.pesan.endswith(
        "tetapi nama 'Warakas' adalah kelurahan Kota Jakarta Utara: kodenya salah ketik?"
    )
    assert found.saran == "Ganti dengan kode Kemendagri 31.72.02.1007 (Warakas)."


def test_bps_trap_in_a_north_jakarta_file_is_per_row(ref, national):
    """A North Jakarta file written with BPS codes and names is no other region's file: each
    row gets the BPS fix."""
    data = f.long_csv(
        "3175021007;Warakas;SPE02;2024-Q2;8;10;", "3175021005;Kebon Bawang;SPE02;2024-Q2;8;10;"
    )
    plan = dry_run(ref, data, national)
    assert errors(plan)["saran"].tolist() == [
        "Ganti dengan kode Kemendagri 31.72.02.1007 (Warakas).",
        "Ganti dengan kode Kemendagri 31.72.02.1005 (Kebon Bawang).",
    ]


def test_an_east_jakarta_file_into_north_jakarta_names_jakarta_timur(ref, national):
    """East Jakarta's codes with their names: one message naming Kota Jakarta Timur."""
    plan = dry_run(ref, indicator_file(desa_of("31.75")), national)
    assert len(plan.problems) == 1
    assert (
        plan.problems["pesan"]
        .iloc[0]
        .startswith(
            "Berkas ini berisi data Kota Jakarta Timur (31.75), bukan Kota Jakarta Utara (31.72)"
        )
    )


def test_a_name_used_twice_is_told_by_its_kecamatan(packs, national):
    """Aceh Utara has six desa 'Keutapang': with kecamatan Nisam it is 11.08.16.2043; without a
    kecamatan the problem lists all six and the fix."""
    areas = AreaMatcher(
        packs["11.08"].kelurahan, packs["11.08"].kelurahan_alias, packs["11.08"].wilayah, national
    )
    assert areas.by_name("Keutapang", kecamatan="Kec. Nisam").kode == "11.08.16.2043"
    assert areas.by_name("Keutapang (Nisam)").kode == "11.08.16.2043"
    alone = areas.by_name("KEUTAPANG")
    assert alone.kode is None
    assert alone.pesan.startswith(
        "Ada 6 desa bernama 'KEUTAPANG' di Kabupaten Aceh Utara: Keutapang (Lhoksukon) "
        "11.08.04.2038, Keutapang (Syamtalira Aron) 11.08.10.2012"
    )
    assert alone.saran.startswith("Isi kolom kecamatan, tulis nama lengkapnya")


def test_a_file_with_twice_used_names_and_a_kecamatan_column_imports(packs, national):
    """A file naming 'Keutapang' with a kecamatan column imports to the right desa; a row
    without its kecamatan cell gets the listing problem."""
    data = f.csv(
        [
            "kelurahan;kecamatan;kode_indikator;periode;pembilang;penyebut",
            "Keutapang;Nisam;SPE02;2024-Q2;8;10",
            "Keutapang;Tanah Luas;SPE02;2024-Q2;7;10",
            "Keutapang;;SPE02;2024-Q2;6;10",
        ]
    )
    plan = dry_run(packs["11.08"], data, national)
    assert plan.values["kode_wilayah"].tolist() == ["11.08.16.2043", "11.08.12.2035"]
    assert errors(plan)["baris"].tolist() == [4]
    assert errors(plan)["pesan"].iloc[0].startswith("Ada 6 desa bernama 'Keutapang'")


def measurement_file(places: pd.DataFrame) -> bytes:
    rows = pd.DataFrame(
        {
            "kode_kelurahan": places["kode"],
            "kelurahan": places["nama"],
            "jenis_kelamin": "L",
            "tanggal_lahir": "2023-02-10",
            "tanggal_ukur": "2025-02-12",
            "tinggi_cm": "82,5",
            "berat_kg": "10,9",
        }
    )
    return rows.to_csv(index=False).encode("utf-8")


def test_a_measurement_file_of_another_region_is_refused_in_one_message(packs):
    """An e-PPGBM-style file of Bandung children into the Kupang folder: one message."""
    plan = measure_uploads.dry_run(
        packs["53.71"], measurement_file(desa_of("32.73")), "ukur.csv", TODAY
    )
    assert len(plan.problems) == 1 and not plan.can_commit
    assert (
        plan.problems["pesan"]
        .iloc[0]
        .startswith("Berkas ini berisi data Kota Bandung (32.73), bukan Kota Kupang (53.71)")
    )
    own = measure_uploads.dry_run(
        packs["53.71"], measurement_file(desa_of("53.71")), "ukur.csv", TODAY
    )
    assert own.n_errors == 0 and len(own.records) == 12


def test_foreign_region_needs_half_the_rows(packs, national):
    """Five of ten rows of one other region refuse the file (at least half); four do not."""
    areas = AreaMatcher(
        packs["53.71"].kelurahan, packs["53.71"].kelurahan_alias, packs["53.71"].wilayah, national
    )
    ours, theirs = desa_of("53.71", 10)["kode"], desa_of("32.73", 5)["kode"]
    half = pd.concat([ours.head(5), theirs], ignore_index=True)
    blank = pd.Series([""] * 10)
    found = foreign_region(areas, half, blank)
    assert (found.kode, found.nama, found.rows, found.total) == ("32.73", "Kota Bandung", 5, 10)
    fewer = pd.concat([ours.head(6), theirs.head(4)], ignore_index=True)
    assert foreign_region(areas, fewer, blank) is None


def test_national_lookup_by_code_and_name():
    """Codes by their digits, names by their key; the vectorised keys equal ``name_key``."""
    table = pd.DataFrame(
        {
            "kode": ["32", "32.73", "32.73.01", "32.73.01.1001", "53.71", "53.71.01.1001"],
            "nama": [
                "Jawa Barat",
                "Kota Bandung",
                "Sukasari",
                "Sukarasa",
                "Kota Kupang",
                "Kel. Sukarasa",
            ],
        }
    )
    lookup = NationalLookup(table)
    place = lookup.place("3273011001")
    assert (place.kode, place.nama, place.region_label) == (
        "32.73.01.1001",
        "Sukarasa",
        "Kota Bandung (32.73)",
    )
    assert lookup.kabkota("5371019999").kode == "53.71"
    assert lookup.place("5371019999") is None and lookup.kabkota("9999") is None
    assert lookup.regions_named("sukarasa") == ("32.73", "53.71")
    names = pd.Series(["Kel. Sukarasa", "ＰＬＵＩＴ", " Desa  Alue-Ie "])
    assert (
        name_keys(names).tolist() == [name_key(n) for n in names] == ["sukarasa", "pluit", "alueie"]
    )


def test_measurement_rows_speak_of_desa_in_a_kabupaten(packs):
    """In Aceh Utara an empty place cell says "desa", and the kabupaten's own name is refused
    as a place of a child ("kabupaten, bukan desa")."""
    places = pd.DataFrame({"kode": ["", ""], "nama": ["", "Kabupaten Aceh Utara"]})
    plan = measure_uploads.dry_run(packs["11.08"], measurement_file(places), "ukur.csv", TODAY)
    assert plan.problems["pesan"].tolist() == [
        "Kolom desa kosong.",
        "'Kabupaten Aceh Utara' adalah kabupaten, bukan desa.",
    ]


def test_the_national_list_is_read_only_for_places_outside_the_region(packs):
    """A file of the region's own places never reads the national list; a foreign code does."""
    reads = []

    def load():
        reads.append(1)
        return national_list()

    lookup = NationalLookup(load)
    ref = packs["53.71"]
    own = dry_run(ref, indicator_file(desa_of("53.71")), lookup)
    assert len(own.values) == 12 and reads == []
    dry_run(ref, indicator_file(desa_of("32.73")), lookup)
    assert reads == [1]


def test_a_twice_used_name_that_is_also_a_kecamatan(packs, national):
    """'Sawang' is two desa (in Samudera and in Sawang) and a kecamatan of Aceh Utara: beside a
    desa's code it is that desa; with kecamatan Samudera the Samudera one; alone it is a problem
    naming both desa and the kecamatan; written 'Kec. Sawang' the kecamatan; and it does not turn
    a file of desa names into one of kecamatan names."""
    ref = packs["11.08"]
    areas = AreaMatcher(ref.kelurahan, ref.kelurahan_alias, ref.wilayah, national)
    assert areas.check_pair(areas.by_code("1108082026"), "Sawang").kode == "11.08.08.2026"
    assert areas.by_name("Sawang", kecamatan="Samudera").kode == "11.08.08.2026"
    alone = areas.by_name("Sawang")
    assert alone.kode is None and alone.pesan.startswith("Ada 2 desa bernama 'Sawang'")
    assert alone.pesan.endswith("'Sawang' juga nama Kecamatan Sawang (11.08.15).")
    assert areas.by_name("Kec. Sawang").kode == "11.08.15"
    assert not areas.is_kecamatan_only("Sawang")


def test_the_data_pages_dry_run_refuses_a_file_of_another_region(packs, empty_store):
    """``services.uploads.dry_run`` (the Data page and ``manage.py import``) passes the national
    list in: a Bandung file into the Kupang folder gets the one message, nothing to store."""
    data = indicator_file(desa_of("32.73"), codes=False)
    plan, comparison = uploads.dry_run(empty_store, packs["53.71"], data, "bandung.csv", OPTIONS)
    assert plan.problems["pesan"].tolist() == [
        "Berkas ini berisi data Kota Bandung (32.73), bukan Kota Kupang (53.71): 12 dari 12 baris "
        "memuat kode atau nama wilayah itu. Tidak ada yang disimpan."
    ]
    assert not plan.can_commit and comparison.added == 0


def test_the_data_page_refuses_another_regions_file_in_one_box(demo_copy, monkeypatch):
    """On the Data page (North Jakarta) a Kota Bandung file gets the one refusal naming Bandung,
    and no second box pointing to a mapping step there is none of ("Tidak ada nilai valid … Pilih
    arti kolom …"): the mapping step is not drawn for a refused file."""
    from tests.apps import app_on
    from tests.users import signed_in

    data = indicator_file(desa_of("32.73"), codes=False)
    for at in app_on(demo_copy, monkeypatch, "pages/data.py"):
        signed_in(at).run()
        at.file_uploader(key="data.upload").set_value(("bandung.csv", data, "text/csv")).run()
        assert not at.exception
        boxes = [*at.error, *at.warning, *at.info]
        said = [e.value.replace("\\", "") for e in boxes]  # markdown-escaped
        assert any("Kota Bandung (32.73)" in s for s in said)
        assert not any("Tidak ada nilai valid" in s for s in said)
        assert not [b for b in at.button if b.key == "data.simpan"]
