"""The manage.py command line: init-db and check-data."""

from __future__ import annotations

import shutil

import manage
from store.migrations import MIGRATIONS
from store.settings import REFERENCE_DIR


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
