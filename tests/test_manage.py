"""The manage.py command line: init-db, check-data, zscore, serve, and the mapping flags of
import with ``mappings``."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import manage
from analysis.mapping import ColumnSpec, mapping_from_json, mapping_from_pairs, merge
from ingest.mapping import RECOGNISED, UNCLEAR, ColumnInfo, NameInfo, header_signature
from ingest.options import ImportOptions
from ingest.pipeline import ImportPlan
from ingest.problems import PROBLEM_COLUMNS
from services import uploads
from services.bootstrap import initialise
from settings import REFERENCE_DIR
from store import audit_store as audit
from store.errors import MESSAGES, PENUH, StoreWriteError
from store.migrations import MIGRATIONS
from tests.office_corpus import corpus

ROOT = Path(__file__).resolve().parents[1]
UPLOAD_SETTINGS = ("DASBOR_MAX_UPLOAD_MB", "DASBOR_MAX_PENGUKURAN_MB", "DASBOR_MAX_BUKTI_MB")


def test_init_db_creates_and_loads_demo(store_url, capsys):
    """init-db creates the database, loads demo data once and says so (SQLite and PostgreSQL)."""
    url = store_url
    assert manage.main(["init-db", "--db-url", url]) == 0
    first = capsys.readouterr().out
    assert f"Migrasi diterapkan: {[v for v, _, _ in MIGRATIONS]}" in first and "dataset #1" in first
    assert manage.main(["init-db", "--db-url", url]) == 0
    second = capsys.readouterr().out
    assert "sudah terbaru" in second and "tidak dimuat ulang" in second


def test_init_db_without_demo(store_url, capsys):
    """--no-demo leaves the database empty of indicator values."""
    assert manage.main(["init-db", "--db-url", store_url, "--no-demo"]) == 0
    assert "Nilai indikator aktif: 0 baris" in capsys.readouterr().out


def test_check_data_summary(capsys):
    """check-data prints row counts per reference table."""
    assert manage.main(["check-data"]) == 0
    out = capsys.readouterr().out
    assert "kelurahan          31 baris" in out and "2022: 7" in out


def test_check_data_reports_problems(tmp_path, monkeypatch, capsys):
    """check-data exits 1 and lists the problem with file and row."""
    folder = tmp_path / "ref"
    shutil.copytree(REFERENCE_DIR, folder)
    text = (folder / "lokus.csv").read_text().replace("31.72.02.1007", "31.72.02.9999")
    (folder / "lokus.csv").write_text(text)
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(folder))
    assert manage.main(["check-data"]) == 1
    assert "lokus.csv, baris" in capsys.readouterr().err


def test_init_db_unusable_path_is_one_readable_line(tmp_path, capsys):
    """A database path under a file gives exit 1 and a message naming the URL, no traceback."""
    (tmp_path / "berkas").write_text("x")
    url = f"sqlite:///{tmp_path / 'berkas' / 'db.sqlite'}"
    assert manage.main(["init-db", "--db-url", url]) == 1
    err = capsys.readouterr().err
    assert f"Basis data {url} tidak dapat disiapkan" in err and "Traceback" not in err


def test_init_db_missing_postgresql_database_is_one_readable_line(pg_server, capsys):
    """A PostgreSQL URL naming a database that does not exist: exit 1, one line naming the URL
    (password hidden) and the driver's reason, no traceback."""
    url = pg_server.url("tidak_ada").replace("postgres@", "postgres:rahasia@")
    assert manage.main(["init-db", "--db-url", url]) == 1
    err = capsys.readouterr().err
    assert "tidak dapat disiapkan: OperationalError" in err and "tidak_ada" in err
    assert "rahasia" not in err and "***" in err and "Traceback" not in err


def test_zscore_batch_adds_unrounded_scores_and_flags(tmp_path, capsys):
    """zscore keeps the rows and their columns, adds WHO z-scores (golden vectors), the flags
    and a note where a row cannot be scored; text that looks like a formula is neutralised."""
    import pandas as pd

    source = tmp_path / "in.csv"
    source.write_text(
        "sex,birth_date,measure_date,age_days,height_cm,weight_kg,position,posyandu\n"
        "F,,,1100,88,11,L,=HYPERLINK(1)\n"
        'M,2023-01-01,2024-12-31,,"80,0",10,H\n'
        "1,,,365,76,16.5,l,\n"
        "X,,,100,60,6,,\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.csv"
    assert manage.main(["zscore", str(source), str(target)]) == 0
    assert "4 baris ditulis" in capsys.readouterr().out
    out = pd.read_csv(target, dtype={"posyandu": str})
    assert out["haz"].round(4).tolist()[:3] == [-2.0575, -2.3249, 0.1098]
    assert out["whz"].round(4).tolist()[:3] == [-0.9675, -0.6840, 6.6165]
    assert out[["flag_waz", "flag_whz"]].iloc[2].tolist() == [1, 1]
    assert out["catatan"].fillna("").tolist() == ["", "", "", "jenis kelamin tidak dikenali"]
    assert out["posyandu"].iloc[0] == "'=HYPERLINK(1)"


def test_zscore_batch_names_missing_columns(tmp_path, capsys):
    """A file without weight or age columns is refused with the missing names."""
    source = tmp_path / "in.csv"
    source.write_text("sex,height_cm\nM,80\n", encoding="utf-8")
    assert manage.main(["zscore", str(source), str(tmp_path / "o.csv")]) == 1
    assert "kolom wajib tidak ada: weight_kg, age_days" in capsys.readouterr().err


def test_prevalence_batch_writes_standard_tables_and_plausibility(tmp_path, capsys):
    """prevalence scores a zscore template like zscore does and writes the workbook: sheet
    tabel_standar with the issue's columns (9 cut-offs × 21 groups), counted by hand for three
    children — a girl of 1100 days, a boy of 730 days (the golden vectors of the zscore test:
    HAZ −2,06, −2,32) and a boy of 365 days (HAZ 0,11; 365/30,4375 = 11,99 months, so
    6–11 bulan) with oedema; the fourth row has no sex and is not scored; sheet plausibilitas with
    'tidak bermakna' (3 children, under 100); a formula in the file stays text."""
    import pandas as pd

    source = tmp_path / "in.csv"
    source.write_text(
        "sex,birth_date,measure_date,age_days,height_cm,weight_kg,position,oedema\n"
        "F,,,1100,88,11,L,\n"
        'M,2023-01-01,2024-12-31,,"80,0",10,H,\n'
        "1,,,365,76,9,l,y\n"
        "X,,,100,60,6,,\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.xlsx"
    assert manage.main(["prevalence", str(source), "--out", str(target)]) == 0
    assert "4 baris dibaca, 3 anak dinilai" in capsys.readouterr().out
    sheets = pd.read_excel(target, sheet_name=None)
    table = sheets["tabel_standar"]
    assert list(table.columns) == [
        "indikator", "kelompok", "n", "kasus", "persen", "ci_bawah", "ci_atas", "rata_z", "sd_z"
    ]  # fmt: skip
    assert len(table) == 9 * 21
    stunting = table.set_index(["indikator", "kelompok"]).loc["TB/U < −2 SD (stunting)"]
    # Stunted: the girl of 1100 days (−2,06) and the boy of 730 days (−2,32); not the third.
    assert tuple(stunting.loc["Semua", ["n", "kasus"]]) == (3, 2)
    assert stunting.loc["Semua", "persen"] == pytest.approx(200 / 3, abs=0.01)
    assert tuple(stunting.loc["Perempuan", ["n", "kasus"]]) == (1, 1)
    # Oedema (third child): counted below −3 SD of weight-for-age.
    underweight = table.set_index(["indikator", "kelompok"]).loc["BB/U < −3 SD (underweight berat)"]
    assert tuple(underweight.loc["6–11 bulan", ["n", "kasus"]]) == (1, 1)
    plaus = sheets["plausibilitas"]
    assert set(plaus["penilaian_total"]) == {"tidak bermakna (< 100 anak)"}
    assert plaus["anak_dinilai"].iloc[0] == 3
    # Three children: each check's value only, no band ("–") and no points (empty cells).
    assert set(plaus["penilaian"]) == {"–"} and plaus["poin"].isna().all()
    assert "Rasio umur 6–29 : 30–59 bulan = 0,85 (p uji χ²)" in set(plaus["uji"])


def test_prevalence_batch_names_missing_columns(tmp_path, capsys):
    """prevalence refuses a file without the zscore columns, naming them."""
    source = tmp_path / "in.csv"
    source.write_text("sex,height_cm\nM,80\n", encoding="utf-8")
    assert manage.main(["prevalence", str(source), "--out", str(tmp_path / "o.xlsx")]) == 1
    assert "kolom wajib tidak ada: weight_kg, age_days" in capsys.readouterr().err


def test_serve_caps_streamlit_uploads_at_the_largest_upload_limit(monkeypatch):
    """``serve`` passes ``--server.maxUploadSize`` = the largest of the upload limits (the
    measurement limit by default: 100 MB, not Streamlit's 200), raised with any setting; the
    options given to serve come after it (and win)."""
    from streamlit.web import cli

    started = []
    monkeypatch.setattr(manage, "warm_up", lambda: None)
    monkeypatch.setattr(cli, "main", lambda: started.append(list(sys.argv)) or 0)
    monkeypatch.setattr(sys, "argv", ["manage.py"])
    for name in UPLOAD_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    assert manage.main(["serve"]) == 0
    monkeypatch.setenv("DASBOR_MAX_BUKTI_MB", "250.5")
    assert manage.main(["serve", "app.py", "--server.port", "8502"]) == 0
    monkeypatch.setenv("DASBOR_MAX_UPLOAD_MB", "300")
    assert manage.main(["serve"]) == 0
    cap = ["streamlit", "run", "app.py", "--server.maxUploadSize"]
    assert started == [[*cap, "100"], [*cap, "251", "--server.port", "8502"], [*cap, "300"]]


def test_streamlit_config_caps_uploads_at_the_default_measurement_limit(monkeypatch):
    """Without ``serve`` (``streamlit run app.py``) the cap is the largest default limit."""
    import tomllib

    import settings

    for name in UPLOAD_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == settings.largest_upload_mb() == 100


# Mapping profiles: manage.py import --mapping/--map/--save-mapping and manage.py mappings.

SUDIN = mapping_from_pairs(["Cakupan X=SPE09", "No=abaikan"]).with_name("IDL", "SPE09")
LONG = "kode_kelurahan;kelurahan;kode_indikator;periode;pembilang;penyebut;nilai\n"


def long_file(tmp_path: Path, name: str = "a.csv", rows: str = "3172021007;;SPE02;2024-Q2;8;10;\n"):
    path = tmp_path / name
    path.write_text(LONG + rows, encoding="utf-8")
    return path


def saved(url: str, *profiles: tuple) -> None:
    """Store profiles (name, mapping, signature) as rina."""
    store, _, _ = initialise(url, with_demo=False)
    for name, mapping, signature in profiles:
        store.save_mapping_profile(name, mapping, signature, "rina")
    store.dispose()


def opened(url: str):
    return initialise(url, with_demo=False)[0]


@pytest.fixture()
def signed_files(monkeypatch):
    """Every dry run gets the signature of its first line's headers when the layout gave none
    (this branch's layout does not sign files yet)."""
    original = uploads.dry_run

    def dry_run(store, ref, data, filename, options, progress=None):
        plan, comparison = original(store, ref, data, filename, options, progress)
        if plan.signature is None:
            plan.signature = header_signature(data.decode().splitlines()[0].split(";"))
        return plan, comparison

    monkeypatch.setattr(uploads, "dry_run", dry_run)


def test_mappings_lists_shows_and_deletes_profiles(store_url, capsys):
    """``mappings`` lists name, signature, counts and who saved; ``--show`` prints JSON that
    reads back as the same mapping; ``--delete`` removes it, logged as ``--user``; an unknown
    name exits 2 listing the saved ones."""
    url = store_url
    assert manage.main(["mappings", "--db-url", url]) == 0
    assert "Belum ada profil pemetaan" in capsys.readouterr().out
    saved(url, ("Rekap Sudin", SUDIN, "ea6247f6b173800e"))
    assert manage.main(["mappings", "--db-url", url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "nama",
        "tanda_header",
        "n_kolom",
        "n_nama",
        "diubah_oleh",
        "diubah_pada",
    ]
    assert lines[1].split()[:6] == ["Rekap", "Sudin", "ea6247f6b173800e", "2", "1", "rina"]
    assert manage.main(["mappings", "--db-url", url, "--show", "Rekap Sudin"]) == 0
    assert mapping_from_json(capsys.readouterr().out) == SUDIN
    assert manage.main(["mappings", "--db-url", url, "--show", "Rekap"]) == 2
    assert capsys.readouterr().err.strip() == (
        "Profil pemetaan 'Rekap' tidak ada. Profil tersimpan: Rekap Sudin."
    )
    assert (
        manage.main(["mappings", "--db-url", url, "--delete", "Rekap Sudin", "--user", "budi"]) == 0
    )
    assert "Profil pemetaan 'Rekap Sudin' dihapus." in capsys.readouterr().out
    assert manage.main(["mappings", "--db-url", url, "--delete", "Rekap Sudin"]) == 2
    assert "Belum ada profil tersimpan." in capsys.readouterr().err
    store = opened(url)
    log = store.audit_log()
    assert log[["oleh", "jenis"]].iloc[0].tolist() == ["budi", audit.HAPUS_PEMETAAN]
    assert store.mapping_profiles().empty
    store.dispose()


def test_import_refuses_bad_mapping_options_with_exit_2(store_url, tmp_path, capsys):
    """An unknown profile (the saved ones listed), a mapping file that is not JSON or names an
    unknown code, a bad --map pair or an empty --save-mapping name: exit 2, nothing stored."""
    url = store_url
    saved(url, ("Rekap Sudin", SUDIN, "sig"))
    path = long_file(tmp_path)
    bad = tmp_path / "rusak.json"
    bad.write_text('{"kolom": {"A": "SPE09"', encoding="utf-8")
    unknown = tmp_path / "asing.json"
    unknown.write_text('{"kolom": {"A": "SPX99"}}', encoding="utf-8")
    cases = [
        (["--mapping", "Rekap"], "--mapping 'Rekap' bukan berkas .json yang ada dan bukan profil "
         "pemetaan tersimpan. Profil tersimpan: Rekap Sudin."),
        (["--mapping", str(tmp_path / "hilang.json")], "Profil tersimpan: Rekap Sudin."),
        (["--mapping", str(bad)], f"{bad}: Berkas pemetaan bukan JSON yang sah (baris 1)."),
        (["--mapping", str(unknown)], f"{unknown}: Pemetaan 'SPX99' tidak dikenali."),
        (["--map", "Cakupan=SPX99"], "--map 'Cakupan=SPX99': Pemetaan 'SPX99' tidak dikenali."),
        (["--map", "SPE09"], "--map 'SPE09': tulis JUDUL=PILIHAN"),
        (["--save-mapping", "  "], "--save-mapping: Nama profil pemetaan harus 1–100 karakter"),
    ]  # fmt: skip
    for flags, message in cases:
        assert manage.main(["import", str(path), "--db-url", url, *flags]) == 2, flags
        assert message in capsys.readouterr().err, flags
    store = opened(url)
    assert store.datasets().empty
    store.dispose()


def test_shown_profile_is_usable_as_a_mapping_file(store_url, tmp_path, capsys):
    """``mappings --show`` output saved as a .json file is accepted by ``import --mapping``."""
    url = store_url
    saved(url, ("Puskesmas", mapping_from_pairs(["kelurahan=nama_wilayah"]), "sig"))
    assert manage.main(["mappings", "--db-url", url, "--show", "Puskesmas"]) == 0
    target = tmp_path / "puskesmas.json"
    target.write_text(capsys.readouterr().out, encoding="utf-8")
    path = long_file(tmp_path)
    assert manage.main(["import", str(path), "--db-url", url, "--mapping", str(target)]) == 0
    assert "Disimpan sebagai dataset #1 (1 nilai)." in capsys.readouterr().out


def test_save_mapping_stores_the_mapping_used_and_the_next_file_gets_it(
    store_url, tmp_path, capsys, signed_files
):
    """--save-mapping after a good dry run stores the mapping used under the file's signature,
    logged as --user; the next file with those headers gets it (printed), unless --mapping is
    given; a dry run with errors, or without any choice, saves nothing."""
    url = store_url
    path = long_file(tmp_path)
    args = ["import", str(path), "--db-url", url, "--dry-run"]
    assert (
        manage.main(
            [
                *args,
                "--map",
                "kelurahan=nama_wilayah",
                "--save-mapping",
                "Rekap Puskesmas",
                "--user",
                "rina",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.splitlines()[-2:] == [
        "Profil pemetaan 'Rekap Puskesmas' disimpan (nilai belum disimpan: uji coba).",
        "Uji coba (--dry-run): nilai tidak disimpan.",
    ]
    assert "diterapkan" not in out
    store = opened(url)
    assert store.mapping_profile("Rekap Puskesmas") == mapping_from_pairs(
        ["kelurahan=nama_wilayah"]
    )
    assert store.mapping_profiles()["tanda_header"].tolist() == [
        header_signature(LONG.strip().split(";"))
    ]
    assert store.audit_log()[["oleh", "jenis"]].iloc[0].tolist() == ["rina", audit.SIMPAN_PEMETAAN]
    store.dispose()
    second = long_file(tmp_path, "b.csv", "3172021003;;SPE02;2024-Q2;5;10;\n")
    assert manage.main(["import", str(second), "--db-url", url, "--dry-run"]) == 0
    assert "Profil pemetaan 'Rekap Puskesmas' diterapkan (header sama)." in capsys.readouterr().out
    mapping_file = tmp_path / "kosong.json"
    mapping_file.write_text(json.dumps({"kolom": {"nilai": "nilai"}}), encoding="utf-8")
    assert (
        manage.main(
            ["import", str(second), "--db-url", url, "--dry-run", "--mapping", str(mapping_file)]
        )
        == 0
    )
    assert "diterapkan" not in capsys.readouterr().out
    broken = long_file(tmp_path, "c.csv", "3172029999;;SPE02;2024-Q2;5;10;\n")
    assert (
        manage.main(
            [
                "import",
                str(broken),
                "--db-url",
                url,
                "--map",
                "kelurahan=nama_wilayah",
                "--save-mapping",
                "Rusak",
            ]
        )
        == 1
    )
    assert (
        "Profil pemetaan 'Rusak' tidak disimpan: uji coba belum berhasil."
        in capsys.readouterr().out
    )
    other = tmp_path / "d.csv"
    other.write_text("kelurahan;SPE02_pembilang;SPE02_penyebut\nWarakas;8;10\n", encoding="utf-8")
    assert (
        manage.main(
            [
                "import",
                str(other),
                "--db-url",
                url,
                "--period",
                "2024-Q2",
                "--save-mapping",
                "Kosong",
            ]
        )
        == 0
    )
    assert (
        "Profil pemetaan 'Kosong' tidak disimpan: berkas terbaca tanpa pemetaan"
        in capsys.readouterr().out
    )
    store = opened(url)
    assert store.mapping_profiles()["nama"].tolist() == ["Rekap Puskesmas"]
    store.dispose()


def plan_of(**fields) -> ImportPlan:
    """A dry run's plan as the import command prints it."""
    fields.setdefault("problems", pd.DataFrame(columns=PROBLEM_COLUMNS))
    return ImportPlan(
        nama_berkas="rekap.xlsx", ukuran=0, sha256="", options=ImportOptions(),
        values=pd.DataFrame(), **fields,
    )  # fmt: skip


NO_CHANGE = SimpleNamespace(added=0, updated=0, unchanged=0)
IDL = "Balita memperoleh imunisasi dasar lengkap"


def test_dry_run_prints_each_name_read_once_and_one_line_per_choice(capsys):
    """An automatic match is printed once (its dry-run note left out, other notes kept); each
    thing to choose is one line saying what to write: a header name with the columns under it
    (a two-row header's Pembilang/Penyebut: one line, the --mapping "nama" key; one column: its
    --map), a column of unclear role under no name (its --map); recognised columns and names
    read by code are not repeated."""
    plan = plan_of(
        jenis="xlsx", format="lebar",
        notes=[
            "Header dua baris (baris 1–2) digabung.",
            "Kolom 'Persentase balita imunisasi dasar lengkap' dibaca sebagai SPE09 " + IDL + ".",
        ],
        names=[
            NameInfo("Persentase balita imunisasi dasar lengkap", "SPE09", "alias"),
            NameInfo("SPE02", "SPE02", "kode"),
            NameInfo("Cakupan TTD", None, "ganda", ("SPE02", "SPE03")),
            NameInfo("Cakupan IDL", None, "ganda", ("SPE09", "SKA01")),
        ],
        columns=[
            ColumnInfo("kelurahan", "A", ColumnSpec("nama_wilayah"), RECOGNISED, "TW1"),
            ColumnInfo("Cakupan TTD Pembilang", "C", None, UNCLEAR, "TW1", ("SPE02", "SPE03")),
            ColumnInfo("Cakupan TTD Penyebut", "D", None, UNCLEAR, "TW1", ("SPE02", "SPE03")),
            ColumnInfo("Cakupan IDL (%)", "E", None, UNCLEAR, "TW1", ("SPE09", "SKA01")),
            ColumnInfo("Cakupan X", "F", None, UNCLEAR, "TW1", ("SPE09",)),
        ],
    )  # fmt: skip
    manage._print_plan(plan, NO_CHANGE, {"SPE09": IDL})
    assert capsys.readouterr().out.splitlines()[:7] == [
        "Berkas: rekap.xlsx (xlsx, format lebar)",
        "  · Header dua baris (baris 1–2) digabung.",
        f"  · 'Persentase balita imunisasi dasar lengkap' dibaca sebagai SPE09 {IDL}",
        "  ? Indikator 'Cakupan TTD' (lembar TW1, kolom C, D) belum dikenali; calon: SPE02, "
        'SPE03. Pilih kodenya: tulis di berkas --mapping BERKAS.json: {"nama": {"Cakupan TTD": '
        '"KODE"}}',
        "  ? Indikator 'Cakupan IDL' (lembar TW1, kolom E) belum dikenali; calon: SPE09, SKA01. "
        'Pilih kodenya: tulis --map "Cakupan IDL (%)=KODE"',
        "  ? Kolom lembar TW1, F 'Cakupan X' belum jelas perannya; calon: SPE09. Tulis --map "
        '"Cakupan X=PILIHAN" (kode indikator, mis. SPE09 atau SPE09:pembilang; peran kolom, '
        "mis. nama_wilayah; atau abaikan).",
        "Baris dibaca: 0 · nilai baru: 0 · diperbarui: 0 · sama: 0 · diabaikan: 0",
    ]


def test_dry_run_of_a_long_file_names_the_mapping_file_key_for_a_cell_name(capsys):
    """A name written in a long file's cells is one line naming the --mapping "nama" key; its
    automatic matches are printed once; a problem without advice has no bare arrow; an
    unreadable file is shown by its name only."""
    problems = pd.DataFrame(
        [
            {"baris": None, "kolom": None, "nilai": None, "pesan": "Berkas rusak.", "saran": "",
             "tingkat": "galat"},
        ],
        columns=PROBLEM_COLUMNS,
    )  # fmt: skip
    plan = plan_of(
        format="panjang",
        notes=[f"Indikator 'IDL balita' dibaca sebagai SPE09 {IDL}.", "Pengodean UTF-8."],
        names=[
            NameInfo("IDL balita", "SPE09", "mirip"),
            NameInfo("Imunisasi dasar lengkap", None, "ganda", ("SPE09", "SKA01")),
        ],
    )
    manage._print_plan(plan, NO_CHANGE, {"SPE09": IDL})
    assert capsys.readouterr().out.splitlines()[:5] == [
        "Berkas: rekap.xlsx (format panjang)",
        "  · Pengodean UTF-8.",
        f"  · 'IDL balita' dibaca sebagai SPE09 {IDL}",
        "  ? Indikator 'Imunisasi dasar lengkap' (isi sel) belum dikenali; calon: SPE09, SKA01. "
        'Pilih kodenya: tulis di berkas --mapping BERKAS.json: {"nama": {"Imunisasi dasar '
        'lengkap": "KODE"}}',
        "Baris dibaca: 0 · nilai baru: 0 · diperbarui: 0 · sama: 0 · diabaikan: 0",
    ]
    unreadable = plan_of(problems=problems)
    manage._print_plan(unreadable, NO_CHANGE)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Berkas: rekap.xlsx"
    assert out[-1] == "  GALAT berkas: Berkas rusak."


def test_ambiguous_two_row_header_is_one_line_in_the_dry_run(tmp_path, capsys):
    """A real two-row header whose name fits several indicators: one line for the name and its
    Pembilang/Penyebut columns; the name read automatically is printed once."""
    f = next(f for f in corpus() if f.name == "rekap_ttd_ganda.xlsx")
    path = tmp_path / f.name
    path.write_bytes(f.data)
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert manage.main(["import", str(path), "--db-url", url, "--period", "2024-Q3"]) == 1
    out = capsys.readouterr().out
    step = [line for line in out.splitlines() if line.startswith(("  ?", "  ·"))]
    assert len([line for line in step if "Cakupan TTD" in line]) == 1
    assert len([line for line in step if "dibaca sebagai SPE09" in line]) == 1
    assert "→ \n" not in out and not out.rstrip().endswith("→")


def test_import_with_map_reads_an_unrecognisable_wide_header(store_url, tmp_path, capsys):
    """A wide CSV whose indicator header the app cannot read is imported with
    --map "Cakupan X=SPE09": the percent values are stored as written."""
    url = store_url
    path = tmp_path / "rekap.csv"
    path.write_text("kelurahan;Cakupan X\nWarakas;85,5\nPapanggo;70\n", encoding="utf-8")
    args = ["import", str(path), "--db-url", url, "--period", "2024-Q2", "--user", "rina"]
    assert manage.main([*args, "--map", "Cakupan X=SPE09"]) == 0, capsys.readouterr().out
    store = opened(url)
    v = store.indicator_values()
    assert sorted(
        zip(v["kode_wilayah"], v["kode_indikator"], v["periode"], v["nilai"], strict=True)
    ) == [
        ("31.72.02.1003", "SPE09", "2024-Q2", 70.0),
        ("31.72.02.1007", "SPE09", "2024-Q2", 85.5),
    ]
    store.dispose()


def test_importing_the_same_file_twice_is_one_line_without_traceback(
    store_url, tmp_path, capsys, monkeypatch
):
    """The same file imported again: the duplicate refusal on stderr, exit 1, no traceback;
    any other store failure on commit is one line too (as the Data page says it)."""
    url = store_url
    path = long_file(tmp_path)
    args = ["import", str(path), "--db-url", url]
    assert manage.main(args) == 0
    capsys.readouterr()
    assert manage.main(args) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == (
        "Berkas ini sudah disimpan sebagai dataset #1 (aktif): tidak disimpan lagi. Bila perlu "
        "menyimpannya ulang, batalkan dataset #1 dulu."
    )
    assert "Traceback" not in captured.err + captured.out and "Disimpan" not in captured.out
    other = long_file(tmp_path, "b.csv", "3172021003;;SPE02;2024-Q2;5;10;\n")

    def fail(*_args, **_kwargs):
        raise StoreWriteError(PENUH, "disk full")

    monkeypatch.setattr(uploads, "commit", fail)
    assert manage.main(["import", str(other), "--db-url", url]) == 1
    assert capsys.readouterr().err.strip() == MESSAGES[PENUH]
    monkeypatch.setattr(uploads, "commit", lambda *_a: 1 / 0)
    assert manage.main(["import", str(other), "--db-url", url]) == 1
    assert capsys.readouterr().err.strip() == "ZeroDivisionError: division by zero"
    store = opened(url)
    assert len(store.datasets()) == 1
    store.dispose()


def test_map_header_not_in_the_file_is_warned_and_the_import_goes_on(store_url, tmp_path, capsys):
    """``--map`` naming no column of the file (headers compared ignoring case and spaces) warns
    on stderr listing the file's headers; the dry run still runs."""
    url = store_url
    path = long_file(tmp_path)
    args = ["import", str(path), "--db-url", url, "--dry-run"]
    assert (
        manage.main([*args, "--map", "Kelurahn=nama_wilayah", "--map", " KELURAHAN =nama_wilayah"])
        == 0
    )
    captured = capsys.readouterr()
    assert captured.err.strip() == (
        "--map: kolom 'Kelurahn' tidak ada di berkas; judul kolom yang ada: 'kode_kelurahan', "
        "'kelurahan', 'kode_indikator', 'periode', 'pembilang', 'penyebut', 'nilai'."
    )
    assert "Uji coba (--dry-run): nilai tidak disimpan." in captured.out
    wide = plan_of(columns=[ColumnInfo(f"Kolom {i}", "A", None, UNCLEAR) for i in range(12)])
    manage._check_map_headers(["kolom  3=abaikan", "Lain=abaikan"], wide)
    err = capsys.readouterr().err
    assert err.count("--map:") == 1 and "'Kolom 9' dan 2 lainnya." in err
    assert "'Kolom 10'" not in err


def test_save_mapping_refuses_a_name_of_other_headers_and_updates_same_headers(
    store_url, tmp_path, capsys, signed_files
):
    """--save-mapping NAME of a profile saved for files with other headers: exit 2, the profile
    untouched; for the same headers it is updated ("diperbarui"). ``uploads.save_profile`` is
    the one place of that check (the Data page's too)."""
    url = store_url
    path = long_file(tmp_path)
    signature = header_signature(LONG.strip().split(";"))
    saved(url, ("Rekap Sudin", SUDIN, "lain"), ("Puskesmas", SUDIN, signature))
    args = ["import", str(path), "--db-url", url, "--map", "kelurahan=nama_wilayah"]
    assert manage.main([*args, "--save-mapping", "Rekap  Sudin"]) == 2
    captured = capsys.readouterr()
    assert captured.err.strip() == (
        "Profil 'Rekap Sudin' sudah ada untuk berkas dengan judul kolom lain; pakai nama lain, "
        "atau hapus profil itu dulu (tab Profil pemetaan di halaman Data, atau manage.py "
        "mappings --delete 'Rekap Sudin')."
    )
    assert "Disimpan sebagai dataset" not in captured.out
    store = opened(url)
    assert store.mapping_profile("Rekap Sudin") == SUDIN and store.datasets().empty
    store.dispose()
    assert manage.main([*args, "--save-mapping", "Puskesmas", "--dry-run"]) == 0
    assert (
        "Profil pemetaan 'Puskesmas' diperbarui (nilai belum disimpan: uji coba)."
        in capsys.readouterr().out
    )
    store = opened(url)
    mapping = mapping_from_pairs(["kelurahan=nama_wilayah"])
    assert store.mapping_profile("Puskesmas") == merge(SUDIN, mapping)  # the profile applied
    assert uploads.save_profile(store, "Baru", mapping, "sig", "rina") == "disimpan"
    assert uploads.save_profile(store, "Baru", mapping, "sig", "rina") == "diperbarui"
    with pytest.raises(ValueError, match="Profil 'Baru' sudah ada untuk berkas dengan judul"):
        uploads.save_profile(store, "Baru", SUDIN, "sig2", "rina")
    assert store.mapping_profile("Baru") == mapping
    store.dispose()
