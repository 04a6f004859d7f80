"""The import corpus: every awkward or malformed file gets exactly the expected report, and the
database file is byte-for-byte unchanged by checking it (and by a refused import)."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import manage
from ingest.options import ImportOptions
from ingest.pipeline import build_catalogue, prepare
from ingest.validate import blocks
from services.bootstrap import initialise
from tests import ingest_files as f

ROW = "3172021007;Warakas;SPE02;2024-Q2"


@pytest.fixture(scope="session")
def baseline(tmp_path_factory):
    """A database holding one earlier upload (so 'updated' and 'unchanged' can be seen)."""
    path = tmp_path_factory.mktemp("corpus") / "baseline.sqlite"
    store, ref, _ = initialise(f"sqlite:///{path}", with_demo=False)
    store.dispose()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def problems(content: bytes, name: str, ref, **options) -> list[tuple]:
    plan = prepare(content, name, build_catalogue(ref), ImportOptions(**options))
    return [
        (None if pd.isna(p.baris) else int(p.baris), p.tingkat, p.pesan)
        for p in plan.problems.itertuples()
    ]


def cli(db: Path, tmp_path: Path, name: str, content: bytes, *args: str) -> int:
    """Run ``manage.py import`` and check the database file did not change."""
    path = tmp_path / name
    path.write_bytes(content)
    before = digest(db)
    code = manage.main(["import", str(path), "--db-url", f"sqlite:///{db}", *args])
    assert digest(db) == before
    return code


# (file name, content, options, expected [(row, level, message start)])
MALFORMED = [
    ("kosong.csv", b"", {}, [(None, "galat", "kosong.csv: Berkas kosong (0 baris)")]),
    ("spasi.csv", b"\n \n\t\n", {}, [(None, "galat", "spasi.csv: Berkas kosong (0 baris)")]),
    (
        "biner.csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        {},
        [(None, "galat", "biner.csv: Berkas ini bukan tabel teks")],
    ),
    (
        "satu_kolom.csv",
        b"halo\ndunia\n",
        {},
        [(None, "galat", "satu_kolom.csv: Berkas ini bukan tabel: setiap baris")],
    ),
    (
        "tanpa_header.csv",
        f.csv(["1;2;3", "4;5;6"]),
        {},
        [(None, "galat", "tanpa_header.csv: Baris judul kolom (header) tidak ditemukan")],
    ),
    (
        "rusak.xlsx",
        b"PK\x03\x04bukan-zip",
        {},
        [(None, "galat", "rusak.xlsx: Berkas Excel tidak dapat dibuka")],
    ),
    (
        "rusak.xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
        {},
        [(None, "galat", "rusak.xls: Berkas .xls tidak dapat dibuka")],
    ),
    (
        "tanpa_indikator.csv",
        f.csv(["kelurahan;kecamatan", "Warakas;Tanjung Priok"]),
        {},
        [(None, "galat", "tanpa_indikator.csv: Tidak ada kolom indikator")],
    ),
    (
        "tanpa_periode.csv",
        f.csv(["kode_kelurahan;kode_indikator;pembilang;penyebut", "3172021007;SPE02;8;10"]),
        {},
        [(1, "galat", "Periode tidak diketahui")],
    ),
    ("bukan_angka.csv", f.long_csv(f"{ROW};delapan;10;"), {}, [(2, "galat", "Bukan angka.")]),
    ("negatif.csv", f.long_csv(f"{ROW};-3;10;"), {}, [(2, "galat", "Nilai negatif.")]),
    (
        "pembilang_besar.csv",
        f.long_csv(f"{ROW};12;10;"),
        {},
        [(2, "galat", "Pembilang lebih besar dari penyebut.")],
    ),
    ("persen_150.csv", f.long_csv(f"{ROW};;;150"), {}, [(2, "galat", "Persentase di luar 0–100.")]),
    (
        "ganda.csv",
        f.long_csv(f"{ROW};8;10;", f"{ROW};9;10;"),
        {},
        [
            (
                2,
                "galat",
                "Data ganda: kelurahan, indikator, periode dan sumber yang sama muncul di baris 2, 3.",
            ),
            (
                3,
                "galat",
                "Data ganda: kelurahan, indikator, periode dan sumber yang sama muncul di baris 2, 3.",
            ),
        ],
    ),
    (
        "periode_salah.csv",
        f.long_csv("3172021007;Warakas;SPE02;Triwulan V 2024;8;10;"),
        {},
        [(2, "galat", "Periode tidak dikenali.")],
    ),
    (
        "kode_bps.csv",
        f.long_csv("3175021007;;SPE02;2024-Q2;8;10;"),
        {},
        [(2, "galat", "'3175021007' adalah kode BPS (3175…), bukan kode Kemendagri (31.72…).")],
    ),
    (
        "nama_salah.csv",
        f.long_csv(";Warakass;SPE02;2024-Q2;8;10;"),
        {},
        [(2, "galat", "Kelurahan 'Warakass' tidak dikenal di Kota Jakarta Utara.")],
    ),
    (
        "muara_angke.csv",
        f.long_csv(";Muara Angke;SPE02;2024-Q2;8;10;"),
        {},
        [
            (
                2,
                "galat",
                "'Muara Angke' bukan kelurahan: Muara Angke adalah bagian dari Kelurahan Pluit, bukan kelurahan.",
            )
        ],
    ),
    (
        "kecamatan.csv",
        f.long_csv(";Kelapa Gading;SPE02;2024-Q2;8;10;", ";Cilincing;SPE02;2024-Q2;8;10;"),
        {},
        [
            (2, "galat", "Data tingkat kecamatan tidak diimpor"),
            (
                3,
                "galat",
                "'Cilincing' bisa berarti Kelurahan Cilincing (31.72.04.1001) atau Kecamatan Cilincing (31.72.04)",
            ),
        ],
    ),
    (
        "indikator_asing.csv",
        f.long_csv("3172021007;Warakas;SPE99;2024-Q2;8;10;"),
        {},
        [(2, "galat", "Indikator 'SPE99' tidak ada di katalog.")],
    ),
    (
        "kolom_asing.csv",
        f.csv(["kelurahan;SPE99_pembilang;SPE99_penyebut", "Warakas;8;10"]),
        {"periode": "2024-Q2"},
        [
            (
                1,
                "galat",
                "Indikator 'SPE99_pembilang' tidak ada di katalog. Kolom ini tidak diimpor.",
            ),
            (
                1,
                "galat",
                "Indikator 'SPE99_penyebut' tidak ada di katalog. Kolom ini tidak diimpor.",
            ),
        ],
    ),
    (
        "kode_nama_beda.csv",
        f.long_csv("3172021007;Cilincing;SPE02;2024-Q2;8;10;"),
        {},
        [(2, "galat", "Kode 31.72.02.1007 adalah Warakas, tetapi namanya ditulis 'Cilincing'.")],
    ),
    (
        "kecamatan_salah.csv",
        f.csv(["kelurahan;kecamatan;SPE02_pembilang;SPE02_penyebut", "Warakas;Koja;8;10"]),
        {"periode": "2024-Q2"},
        [(2, "galat", "Warakas berada di Kecamatan Tanjung Priok, bukan Koja.")],
    ),
    (
        "nilai_beda.csv",
        f.long_csv(f"{ROW};8;10;95"),
        {},
        [(2, "galat", "Nilai tidak sesuai pembilang ÷ penyebut × 100.")],
    ),
    (
        "penyebut_kosong.csv",
        f.long_csv(f"{ROW};8;;"),
        {},
        [(2, "galat", "Penyebut kosong padahal pembilang diisi.")],
    ),
    (
        "sumber_asing.csv",
        f.csv([f.LONG_HEADER + ";sumber_data", f"{ROW};8;10;;XYZ"]),
        {},
        [(2, "galat", "Sumber data tidak dikenal.")],
    ),
    (
        "ssgi_kelurahan.csv",
        f.csv([f.LONG_HEADER + ";sumber_data", "3172021007;Warakas;OUT01;2024;8;100;;SSGI"]),
        {},
        [(2, "galat", "Data survei (mis. SSGI) hanya berlaku tingkat kota")],
    ),
    (
        "tidak_rata.csv",
        f.csv(
            [f.LONG_HEADER]
            + [f"{ROW[:-2]}{q};8;10;" for q in ["Q1", "Q2", "Q3", "Q4"] * 20]
            + [f"{ROW};8;10;;x;y;z"]
        ),
        {},
        [(None, "galat", "tidak_rata.csv: Baris berkas tidak konsisten")],
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "options", "expected"), MALFORMED, ids=[c[0] for c in MALFORMED]
)
def test_malformed_file_is_reported_and_nothing_changes(
    name, content, options, expected, ref, db, tmp_path
):
    """A bad file gets exactly these problems; the import is refused and the database untouched."""
    got = problems(content, name, ref, **options)
    assert [(b, lvl) for b, lvl, _ in got] == [(b, lvl) for b, lvl, _ in expected]
    for (_, _, message), (_, _, start) in zip(got, expected, strict=True):
        assert message.startswith(start), message
    args = ["--period", options["periode"]] if "periode" in options else []
    assert cli(db, tmp_path, name, content, *args) == 1


def test_too_large_file_is_refused(ref, db, tmp_path, monkeypatch):
    """Above DASBOR_MAX_UPLOAD_MB the file is refused with its size and the limit named."""
    monkeypatch.setenv("DASBOR_MAX_UPLOAD_MB", "0.001")
    content = f.long_csv(*[f"{ROW};8;10;"] * 100)
    assert cli(db, tmp_path, "besar.csv", content) == 1
    import settings

    plan = prepare(
        content, "besar.csv", build_catalogue(ref), max_bytes=settings.max_upload_bytes()
    )
    assert plan.problems["pesan"].tolist() == [
        "Berkas besar.csv berukuran 0,0 MB, melebihi batas 0 MB. Bagi berkas menjadi beberapa bagian (mis. per tahun), atau minta admin menaikkan DASBOR_MAX_UPLOAD_MB."
    ]


def values(content: bytes, name: str, ref, **options) -> pd.DataFrame:
    plan = prepare(content, name, build_catalogue(ref), ImportOptions(**options))
    return plan


AWKWARD_TITLE = f.csv(
    [
        "Rekap Cakupan TTD Ibu Hamil – Sudin Kesehatan",
        "Periode: Triwulan II 2024",
        "No;Kelurahan;Kecamatan;SPE02 pembilang;SPE02 penyebut",
        "1;WARAKAS;Tanjung Priok;80;100",
        "2;Kel. Kali Baru;Cilincing;1.200;1.500",
        "",
        "Jumlah;;;1.280;1.600",
        "Sumber: Sudin Kesehatan Jakarta Utara;;;;",
    ],
    encoding="cp1252",
)


def kv(plan) -> set[tuple]:
    v = plan.values
    return {
        (
            r.kode_wilayah,
            r.kode_indikator,
            r.periode,
            r.sumber_data,
            *(None if pd.isna(x) else x for x in (r.pembilang, r.penyebut)),
            round(r.nilai, 4),
        )
        for r in v.itertuples()
    }


AWKWARD = [
    (
        "judul_total_cp1252.csv",
        AWKWARD_TITLE,
        {},
        {
            ("31.72.02.1007", "SPE02", "2024-Q2", "LAPRUT", 80.0, 100.0, 80.0),
            ("31.72.04.1004", "SPE02", "2024-Q2", "LAPRUT", 1200.0, 1500.0, 80.0),
        },
        [
            (7, "peringatan", "Baris total/jumlah tidak diimpor"),
            (8, "peringatan", "Baris tanpa nilai dan tanpa kelurahan"),
        ],
    ),
    (
        "bom_koma.csv",
        b"\xef\xbb\xbf"
        + f.csv(
            [
                "kode_kelurahan,kode_indikator,periode,pembilang,penyebut",
                '31.72.02.1007,SPE02,TW 2 2024,"1.234,0","2.000"',
            ]
        ),
        {},
        {("31.72.02.1007", "SPE02", "2024-Q2", "LAPRUT", 1234.0, 2000.0, 61.7)},
        [],
    ),
    (
        "tab_persen.txt",
        f.csv(
            [
                "kelurahan\tindikator\tperiode\tnilai",
                "Sunterjaya\tSPE04\tAgustus 2024\t85%",
                "Suka Pura\tSPE04\tAgt 2024\t85,5",
            ]
        ),
        {},
        {
            ("31.72.02.1002", "SPE04", "2024-08", "LAPRUT", None, None, 85.0),
            ("31.72.04.1002", "SPE04", "2024-08", "LAPRUT", None, None, 85.5),
        },
        [],
    ),
    (
        "proporsi.csv",
        f.csv(
            [
                "kelurahan;indikator;periode;nilai",
                "Papango;SPE04;2024;0,85",
                "Warakas;SPE04;2024;0.5",
                "Koja;SPE04;2024;1",
            ]
        ),
        {"proporsi": True},
        {
            ("31.72.02.1003", "SPE04", "2024", "LAPRUT", None, None, 85.0),
            ("31.72.02.1007", "SPE04", "2024", "LAPRUT", None, None, 50.0),
            ("31.72.03.1001", "SPE04", "2024", "LAPRUT", None, None, 100.0),
        },
        [],
    ),
    (
        "proporsi_tanpa_pilihan.csv",
        f.csv(
            [
                "kelurahan;indikator;periode;nilai",
                "Papango;SPE04;2024;0,85",
                "Warakas;SPE04;2024;0.5",
                "Koja;SPE04;2024;1",
            ]
        ),
        {},
        {
            ("31.72.02.1003", "SPE04", "2024", "LAPRUT", None, None, 0.85),
            ("31.72.02.1007", "SPE04", "2024", "LAPRUT", None, None, 0.5),
            ("31.72.03.1001", "SPE04", "2024", "LAPRUT", None, None, 1.0),
        },
        [(2, "peringatan", "Semua nilai ≤ 1: mungkin ditulis sebagai proporsi")],
    ),
    (
        "rekap.xlsx",
        f.recap_xlsx(),
        {},
        {
            ("31.72.02.1007", "SPE02", "2024-Q2", "LAPRUT", 80.0, 100.0, 80.0),
            ("31.72.04.1004", "SPE02", "2024-Q2", "LAPRUT", 1200.0, 1500.0, 80.0),
            ("31.72.02.1003", "SPE02", "2024-Q2", "LAPRUT", 40.0, 45.0, 88.8889),
            ("31.72.02.1007", "SPE04", "2024-Q2", "LAPRUT", 30.0, 40.0, 75.0),
            ("31.72.04.1004", "SPE04", "2024-Q2", "LAPRUT", 50.0, 60.0, 83.3333),
            ("31.72.02.1001", "SPE04", "2024-Q2", "LAPRUT", 10.0, 20.0, 50.0),
            ("31.72.02.1003", "SPE04", "2024-Q2", "LAPRUT", 12.0, 15.0, 80.0),
        },
        [
            (8, "galat", "Pembilang lebih besar dari penyebut."),
            (10, "galat", "'Muara Angke' bukan kelurahan"),
            (11, "peringatan", "Baris total/jumlah tidak diimpor"),
        ],
    ),
    (
        "lembar_tw3.xlsx",
        f.xlsx(
            [["kode_kelurahan", "SPE04"], [3172021007, 0.85], [3172041001, 0.5]],
            title="TW 3 2023",
            percent_cells=["B2", "B3"],
        ),
        {},
        {
            ("31.72.02.1007", "SPE04", "2023-Q3", "LAPRUT", None, None, 85.0),
            ("31.72.04.1001", "SPE04", "2023-Q3", "LAPRUT", None, None, 50.0),
        },
        [],
    ),
    (
        "rekap_lama.xls",
        f.xls(
            [
                ["Rekap Pendataan Keluarga Semester II 2023", None, None],
                ["Kode Kelurahan", "Kelurahan", "SAS02"],
                [3172041004, "Kali Baru", 412],
                [3172021007, "Warakas", 233],
                ["Jumlah", None, 645],
            ],
            merges=[(0, 0, 0, 2)],
        ),
        {},
        {
            ("31.72.04.1004", "SAS02", "2023-S2", "PK_BKKBN", 412.0, None, 412.0),
            ("31.72.02.1007", "SAS02", "2023-S2", "PK_BKKBN", 233.0, None, 233.0),
        },
        [(5, "peringatan", "Baris total/jumlah tidak diimpor")],
    ),
    (
        "tahun_triwulan.csv",
        f.csv(
            [
                "kode_kelurahan;indikator;tahun;triwulan;pembilang;penyebut",
                "31.72.06.1002;SPE02;2023;IV;3;4",
                "31.72.06.1002;SPE02;2024;1;1;4",
            ]
        ),
        {},
        {
            ("31.72.06.1002", "SPE02", "2023-Q4", "LAPRUT", 3.0, 4.0, 75.0),
            ("31.72.06.1002", "SPE02", "2024-Q1", "LAPRUT", 1.0, 4.0, 25.0),
        },
        [],
    ),
    (
        "utf16.txt",
        "kelurahan\tSAS01\r\nPEGANGSAAN II\t1.500\r\nTanjung Priuk\t700\r\n".encode("utf-16"),
        {"periode": "2024"},
        {
            ("31.72.06.1002", "SAS01", "2024", "PK_BKKBN", 1500.0, None, 1500.0),
            ("31.72.02.1001", "SAS01", "2024", "PK_BKKBN", 700.0, None, 700.0),
        },
        [],
    ),
    (
        "ssgi_kota.csv",
        f.csv(
            [
                "wilayah;indikator;periode;nilai;sumber_data",
                "Kota Jakarta Utara;OUT01;2024;16,8;SSGI",
            ]
        ),
        {},
        {("31.72", "OUT01", "2024", "SSGI", None, None, 16.8)},
        [],
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "options", "expected", "issues"), AWKWARD, ids=[c[0] for c in AWKWARD]
)
def test_awkward_file_is_understood(name, content, options, expected, issues, ref, db, tmp_path):
    """Real-world layouts give exactly these values; a dry run leaves the database untouched."""
    plan = values(content, name, ref, **options)
    assert kv(plan) == expected
    got = [(int(p.baris), p.tingkat, p.pesan) for p in plan.problems.itertuples()]
    assert [(b, lvl) for b, lvl, _ in got] == [(b, lvl) for b, lvl, _ in issues]
    for (_, _, message), (_, _, start) in zip(got, issues, strict=True):
        assert message.startswith(start), message
    args = ["--dry-run"] + (["--period", options["periode"]] if "periode" in options else [])
    args += ["--proporsi"] if options.get("proporsi") else []
    assert cli(db, tmp_path, name, content, *args) == (
        1 if any(lvl == "galat" for _, lvl, _ in issues) else 0
    )


def test_excel_dates_in_period_column(ref):
    """An Excel date cell in the period column is read as its month."""
    content = f.xlsx(
        [
            ["kode_kelurahan", "indikator", "periode", "pembilang", "penyebut"],
            ["3172021007", "SPE02", date(2024, 8, 1), 1, 2],
        ]
    )
    plan = values(content, "tanggal.xlsx", ref)
    assert plan.values["periode"].tolist() == ["2024-08"]


def test_personal_columns_are_dropped_and_file_not_archived(ref):
    """NIK and names are never part of the plan, and such a file is not archived."""
    content = f.csv(["NIK;Nama Anak;kelurahan;SAS03", "3172010101010001;Budi;Warakas;1"])
    plan = values(content, "pribadi.csv", ref, periode="2024")
    assert plan.personal_columns == ["NIK", "Nama Anak"]
    assert not plan.keeps_original
    assert "Budi" not in plan.values.to_csv() and "3172010101010001" not in plan.values.to_csv()


# Files whose checking crosses blocks in ways the corpus above does not: a kecamatan name after
# the block that needed it, duplicate keys far apart, a period chosen for every block.
ACROSS_BLOCKS = [
    (
        "kecamatan_di_akhir.csv",
        f.long_csv(
            ";Cilincing;SPE02;2024-Q2;8;10;",
            ";Warakas;SPE02;2024-Q2;8;10;",
            ";Kelapa Gading;SPE02;2024-Q2;8;10;",
        ),
        {},
    ),
    (
        "ganda_berjauhan.csv",
        f.long_csv(f"{ROW};8;10;", "3172021001;;SPE02;2024-Q2;5;10;", f"{ROW};9;10;"),
        {},
    ),
    (
        "tanpa_periode_dua_baris.csv",
        f.csv(["kelurahan;SPE02_pembilang;SPE02_penyebut", "Warakas;8;10", "Koja;5;10"]),
        {},
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "options"),
    [c[:3] for c in MALFORMED + AWKWARD] + ACROSS_BLOCKS,
    ids=[c[0] for c in MALFORMED + AWKWARD + ACROSS_BLOCKS],
)
def test_checking_row_by_row_gives_the_plan_of_the_whole_file(
    name, content, options, ref, monkeypatch
):
    """Every file of the corpus checked one row per block (``BLOCK_CELLS`` = 1) gives the same
    values, problems (rows, order), notes and counts as checked at once."""
    whole = values(content, name, ref, **options)
    monkeypatch.setattr("ingest.validate.BLOCK_CELLS", 1)
    rows = values(content, name, ref, **options)
    pd.testing.assert_frame_equal(rows.values.astype(object), whole.values.astype(object))
    pd.testing.assert_frame_equal(rows.problems, whole.problems)
    for field in ("notes", "rows_read", "rows_ignored", "records", "unknown_indicators"):
        assert getattr(rows, field) == getattr(whole, field), field


def test_blocks_are_large_for_repeated_cells_and_small_for_distinct_ones(monkeypatch):
    """Blocks of at most MAX_BLOCK_ROWS rows and BLOCK_CELLS distinct cells (columns summed)."""
    monkeypatch.setattr("ingest.validate.MAX_BLOCK_ROWS", 8)
    monkeypatch.setattr("ingest.validate.BLOCK_CELLS", 6)
    body = pd.DataFrame(
        {
            "a": pd.Categorical(["x"] * 20),
            "b": pd.Categorical(["k"] * 10 + [f"g{i}" for i in range(10)]),
        }
    )
    # Rows 0–7: 1 + 1 distinct. Rows 8–15 would be 1 + 7 = 8 > 6, so 8–11 (1 + 4); 12–19 would
    # be 1 + 8, so 12–15 (1 + 4); 16–19 are the 4 left (1 + 4).
    assert list(blocks(body)) == [(0, 8), (8, 12), (12, 16), (16, 20)]
    assert list(blocks(body.iloc[:0])) == []


def periods_rows(n: int, start: int = 0) -> list[str]:
    """``n`` valid rows for Warakas, each of its own month (no duplicate keys)."""
    return [
        f"3172021007;Warakas;SPE02;{2000 + (start + i) // 12}-{(start + i) % 12 + 1:02d};8;10;"
        for i in range(n)
    ]


def test_checking_stops_when_most_rows_are_bad(ref, monkeypatch):
    """Once MAX_BAD_ROWS rows, and more than half of those checked, have errors, the rest is not
    checked: one message says so, and nothing can be stored."""
    monkeypatch.setattr("ingest.validate.MAX_BLOCK_ROWS", 4)
    monkeypatch.setattr("ingest.problems.MAX_BAD_ROWS", 3)
    bad = [f";Atlantis {i};SPE02;2024-Q2;8;10;" for i in range(6)]
    content = f.long_csv(*periods_rows(2), *bad, *periods_rows(2, start=2))
    plan = values(content, "campur.csv", ref)
    assert not plan.can_commit and plan.rows_read == 8
    first = plan.problems.iloc[0]
    assert pd.isna(first["baris"]) and first["tingkat"] == "galat" and first["saran"]
    # Blocks of file rows 2–5 (2 good, 2 bad) and 6–9 (4 bad): 6 of 8 rows bad, rows 10–11 left.
    assert first["pesan"] == (
        "campur.csv: 6 dari 8 baris data pertama bermasalah, jadi pemeriksaan dihentikan; sisa "
        "berkas (sekitar 2 baris) tidak diperiksa dan tidak ada yang disimpan."
    )
    assert plan.problems["baris"].dropna().tolist() == [4, 5, 6, 7, 8, 9]
    # 3 bad rows after 2 good ones and before 6 more: never more than half, all checked.
    content = f.long_csv(*periods_rows(2), *bad[:3], *periods_rows(6, start=2))
    plan = values(content, "campur.csv", ref)
    assert plan.can_commit and plan.rows_read == 11 and len(plan.values) == 8
    assert plan.n_errors == 3


def test_bps_code_beside_a_known_name_offers_that_kelurahans_kemendagri_code(ref):
    """A BPS code (3175…) written beside 'Kebon Bawang' gets the fix "Ganti dengan kode
    Kemendagri 31.72.02.1005 (Kebon Bawang)", not an example of another kelurahan."""
    content = f.long_csv("3175021005;Kebon Bawang;SPE02;2024-Q2;8;10;")
    plan = prepare(content, "kode_bps.csv", build_catalogue(ref), ImportOptions())
    row = plan.problems.loc[plan.problems["baris"] == 2].iloc[0]
    assert row["pesan"] == (
        "'3175021005' adalah kode BPS (3175…), bukan kode Kemendagri (31.72…); "
        "nama Kebon Bawang cocok dengan kelurahan Kota Jakarta Utara."
    )
    assert row["saran"] == "Ganti dengan kode Kemendagri 31.72.02.1005 (Kebon Bawang)."
