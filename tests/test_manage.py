"""The manage.py command line: init-db and check-data."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import manage
from store.migrations import MIGRATIONS
from store.settings import REFERENCE_DIR

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

    from store import settings

    for name in UPLOAD_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == settings.largest_upload_mb() == 100
