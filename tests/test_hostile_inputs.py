"""Hostile uploads (``tests.hostile_corpus``): each gets a clear Bahasa Indonesia message or a
sanitised acceptance, memory stays bounded, and a refused file leaves the database as it was.

The database digest is taken over a logical dump (``sqlite3.iterdump``), so a write that still
sits in SQLite's write-ahead log is seen too.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import sqlite3
import subprocess
import sys
import tracemalloc
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis import schema as s
from analysis.aksi import year_template
from analysis.attainment import STATUS
from analysis.geometry import approximate_areas
from analysis.programs import CELL_ORDER, DAFTAR_OPD, N_KEGIATAN, SEL
from charts.maps import MapData, build_map, features
from charts.programs import build_budget_figure, build_matrix_figure
from ingest import activities as activity_file
from ingest.aksi_file import export_frame as aksi_export
from ingest.limits import shown
from ingest.problems import MAX_PROBLEMS, Problems
from services.bootstrap import initialise
from store.database import Store
from tests.hostile_corpus import (
    AKSI,
    BATAS,
    BUKTI,
    CORPUS,
    FORMULAS,
    HTML,
    INDIKATOR,
    KEGIATAN,
    PAYLOADS,
    PENGUKURAN,
    REFUSED,
    SANITISED,
    TAHUN,
    aksi_progress,
    check,
)
from text.files import FORMULA_START, to_csv_bytes, to_xlsx_bytes

ROOT = Path(__file__).resolve().parent.parent
SMALL = [h for h in CORPUS if not h.big]
BIG = [h for h in CORPUS if h.big]
MB = 1024 * 1024
# What a message tells the user to do (the fix may also be in the problem's ``saran``).
FIX_WORDS = ("Simpan", "Pastikan", "Unggah", "unggah", "Pakai", "Periksa", "Bagi", "Buka", "Hapus", "Isi",
             "Sertakan", "Tulis", "Pilih", "Perbaiki", "minta admin", "Buat ulang", "Gunakan",
             "Perkecil", "Tambahkan", "Sederhanakan")  # fmt: skip


def test_corpus_covers_every_upload_kind_with_at_least_40_files():
    """The corpus is large enough and reaches every upload path of the app."""
    assert len(CORPUS) >= 40
    assert {h.kind for h in CORPUS} == {INDIKATOR, PENGUKURAN, AKSI, KEGIATAN, BUKTI, BATAS}
    assert len({h.name for h in CORPUS}) == len(CORPUS)
    assert {h.outcome for h in CORPUS} == {REFUSED, SANITISED}


@pytest.fixture(scope="session")
def baseline(tmp_path_factory, ref):
    """A database holding a year of aksi progress and one activity (what imports update)."""
    path = tmp_path_factory.mktemp("hostile") / "baseline.sqlite"
    store, _, _ = initialise(f"sqlite:///{path}", with_demo=False)
    rows = year_template(ref.kerangka, ref.tahapan, "SKEMA2025", TAHUN, {"31.72.02.1007"})
    store.add_aksi_year(TAHUN, "SKEMA2025", rows, "ani")
    activity = {s.TAHUN: 2026, s.NAMA_KEGIATAN: "PMT lokal", s.OPD: "SUDINKES",
                s.INDIKATOR: "SPE02", s.KELURAHAN_SASARAN: "31.72.02.1007", s.VOLUME: 10.0,
                s.SATUAN_VOLUME: "balita", s.PAGU: 1e8, s.REALISASI: None, s.SUMBER_DANA: "APBD",
                s.STATUS: s.KEGIATAN_RENCANA, s.CATATAN: None}  # fmt: skip
    store.save_activities("ani", new=pd.DataFrame([activity]))
    store.dispose()
    return path


def digest(path: Path) -> str:
    """Every row of every table (write-ahead log included)."""
    with sqlite3.connect(path) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def dump(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return "\n".join(conn.iterdump())


def assert_no_live_formula(frame: pd.DataFrame) -> None:
    """The CSV and XLSX exports of ``frame`` hold no cell a spreadsheet would run."""
    text = to_csv_bytes(frame).decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"x": frame})))
    for row in book.active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
            assert not (isinstance(cell.value, str) and cell.value.startswith(FORMULA_START))


def assert_clear(problems: pd.DataFrame, hostile) -> None:
    """The first error says what is wrong where (file, or row and column) and what to do."""
    errors = problems.loc[problems["tingkat"] == "galat"]
    assert len(errors), problems.to_dict("records")
    if hostile.row is None:
        whole = errors.loc[errors["baris"].isna()]
        assert len(whole), errors.to_dict("records")
        first = whole.iloc[0]
        assert shown(hostile.name) in first["pesan"], first["pesan"]
    else:
        first = errors.iloc[0]
        assert first["baris"] == hostile.row, errors.head(3).to_dict("records")
        assert hostile.column in first["kolom"], first.to_dict()
    assert hostile.expect in first["pesan"], first["pesan"]
    says = first["pesan"].lower()
    assert first["saran"].strip() or any(w.lower() in says for w in FIX_WORDS), first["pesan"]
    for text in (*errors["pesan"], *errors["saran"]):
        assert all(ch.isprintable() for ch in text), repr(text)  # no U+202E, NUL, tab …


@pytest.mark.parametrize("hostile", SMALL, ids=[h.name for h in SMALL])
def test_hostile_file(hostile, db, ref):
    """Refused with a clear message and nothing stored, or accepted with its text stored as
    typed and exported safely; peak memory bounded (a bomb is refused before unpacking)."""
    data = hostile.build(ref)
    store = Store(f"sqlite:///{db}")
    before = digest(db)
    tracemalloc.start()
    try:
        outcome = check(hostile.kind, data, hostile.name, store, ref)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < (32 * MB if hostile.bomb else 300 * MB), f"{peak / MB:.0f} MB"
    assert digest(db) == before  # checking never writes
    if len(outcome.problems):
        from text.tables import problems_table  # noqa: PLC0415 - the download of the Data page

        assert_no_live_formula(problems_table(outcome.problems))
    if hostile.outcome == REFUSED:
        assert outcome.commit is None
        assert_clear(outcome.problems, hostile)
    else:
        assert outcome.errors.empty, outcome.errors.to_dict("records")
        assert outcome.commit is not None
        assert any(hostile.expect in n for n in outcome.notes) or not hostile.expect, outcome.notes
        outcome.commit()
        assert digest(db) != before
        STORED[hostile.kind](store, ref, db, hostile)
    store.dispose()


def stored_indicator(store, _ref, _db, _hostile):
    """Only codes and numbers are stored, never a payload."""
    values = store.indicator_values()
    assert len(values)
    text = values.select_dtypes(exclude="number").astype(str).to_numpy().ravel()
    assert not any(p.strip() in v for v in text for p in PAYLOADS)


def stored_measurements(store, _ref, db, hostile):
    records = store.measurements()
    assert len(records)
    # The stored z-scores are numbers (a negative one is no formula); the text cells are checked.
    assert_no_live_formula(records.drop(columns=s.SCORE_COLUMNS))
    if "posyandu" in hostile.name:  # payloads kept as plain text, cut and stripped, not escaped
        assert set(records[s.POSYANDU]) == {p.strip()[:100] for p in PAYLOADS}
    if "serial" in hostile.name:
        assert records[s.TANGGAL_UKUR].dt.date.tolist() == [date(2026, 2, 12)]
        # 733 days (month 24) is stored as the middle of month 24: the birth date is not kept
        assert (date(2026, 2, 12) - date(2024, 2, 10)).days == 733
        assert records[s.UMUR_HARI].tolist() == [746]
    text = dump(db)
    assert "3172010101010001" not in text and "Budi" not in text  # personal data never stored


def stored_aksi(store, ref, _db, hostile):
    rows = aksi_progress(store)
    assert_no_live_formula(aksi_export(rows))
    if "serial" in hostile.name:
        assert rows.loc[0, "realisasi_mulai"] == date(2026, 2, 3)
        return
    stored = rows[["opd", "dokumen_keluaran", "bukti", "catatan"]].to_numpy().ravel()
    kept = {v for v in stored if isinstance(v, str)}
    assert {p.strip() for p in PAYLOADS} <= kept  # as typed, never escaped or mangled
    assert "javascript:alert('xss')" in kept


def stored_activities(store, ref, _db, _hostile):
    acts = store.activities()
    assert {p.strip() for p in PAYLOADS} <= set(acts[s.NAMA_KEGIATAN])
    assert_no_live_formula(activity_file.export_frame(acts, ref))


def stored_evidence(store, _ref, _db, hostile):
    rows = aksi_progress(store)
    files = store.aksi_evidence(rows["id"].tolist())
    assert files["nama_berkas"].tolist() == [hostile.expect]


def stored_boundaries(store, _ref, db, _hostile):
    """Only kelurahan codes and geometry are kept: no attribute name or value of the file."""
    meta, geometries = store.current_boundaries()
    assert len(geometries) == 31
    text = dump(db)
    assert not any(p in text for p in ("<script", "onerror", "onload", "HYPERLINK", "cmd|"))


STORED = {
    INDIKATOR: stored_indicator,
    PENGUKURAN: stored_measurements,
    AKSI: stored_aksi,
    KEGIATAN: stored_activities,
    BUKTI: stored_evidence,
    BATAS: stored_boundaries,
}


@pytest.fixture(scope="session")
def big_files(tmp_path_factory):
    """The files of 50–100 MB, written once per session."""
    folder = tmp_path_factory.mktemp("besar")
    paths = {}
    for hostile in BIG:
        paths[hostile.name] = folder / hostile.name
        with open(paths[hostile.name], "wb") as target:
            hostile.write(target)
    return paths


@pytest.mark.parametrize("hostile", BIG, ids=[h.name for h in BIG])
def test_big_file_is_refused_in_bounded_memory(hostile, big_files, db, monkeypatch):
    """Over the size limit, or just under it and garbage: one clear message, the process never
    above 700 MB (file bytes included; 540–600 MB measured since the personal-data content check), the database unchanged."""
    for name in ("DASBOR_MAX_UPLOAD_MB", "DASBOR_MAX_PENGUKURAN_MB", "DASBOR_MAX_ARSIP_MB"):
        monkeypatch.delenv(name, raising=False)
    path = big_files[hostile.name]
    before = digest(db)
    run = subprocess.run(
        [sys.executable, "-m", "tests.hostile_corpus", hostile.name, str(path), f"sqlite:///{db}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout)
    assert result["peak_mb"] < 700, result["peak_mb"]
    assert not result["can_commit"]
    assert_clear(pd.DataFrame(result["problems"]), hostile)
    assert digest(db) == before


def hostile_areas(ref):
    areas = approximate_areas(ref.kelurahan)
    names = [PAYLOADS[i % len(PAYLOADS)] for i in range(len(areas))]
    return areas.assign(**{s.KELURAHAN: names, s.KECAMATAN: HTML[1]})


def test_map_escapes_every_text(ref):
    """Names, title, source, note and labels reach the folium map's HTML only escaped."""
    areas = hostile_areas(ref)
    values = pd.DataFrame({s.KODE_KELURAHAN: areas[s.KODE_KELURAHAN], "nilai": 50.0,
                           "pembilang": 5.0, "penyebut": 10.0})  # fmt: skip
    counts = values.assign(jumlah=3)[[s.KODE_KELURAHAN, "jumlah"]]
    data = MapData(areas, values, HTML[2], "%", HTML[0], [0.0, 50.0, 100.0], ["#fff", "#000"],
                   frozenset(areas[s.KODE_KELURAHAN][:3]), HTML[1], note=HTML[0], counts=counts,
                   counts_label=HTML[2])  # fmt: skip
    rendered = build_map(data, "/app/static").get_root().render()
    for payload in HTML:
        assert payload not in rendered
        assert html.escape(payload) not in rendered or "&lt;" in html.escape(payload)
    tips = features(data)["tooltip"]
    assert all(html.escape(n) in tip for n, tip in zip(areas[s.KELURAHAN], tips, strict=True))
    assert all("<script" not in tip and "<img" not in tip and "<svg" not in tip for tip in tips)


def test_program_charts_escape_names():
    """Hover texts of the convergence matrix and the budget chart hold names only escaped."""
    matrix = pd.DataFrame(
        [{s.KELURAHAN: HTML[0], s.LOKUS: True, s.KODE_INDIKATOR: HTML[1], SEL: CELL_ORDER[0],
          N_KEGIATAN: 1, s.CAKUPAN: 50.0, s.TARGET: 90.0, STATUS: HTML[2], DAFTAR_OPD: HTML[0]}]
    )  # fmt: skip
    fig = build_matrix_figure(matrix, {HTML[1]: HTML[2]})
    hover = str(fig.data[0].customdata.tolist())
    assert not any(p in hover for p in HTML)
    assert html.escape(HTML[0]) in hover
    budget = pd.DataFrame({s.OPD: ["X"], s.PAGU: [1e9], s.REALISASI: [5e8]})
    texts = [
        t for trace in build_budget_figure(budget, {"X": HTML[1]}).data for t in trace.hovertext
    ]
    assert texts and all(HTML[1] not in t and html.escape(HTML[1]) in t for t in texts)


def test_problems_beyond_the_limit_are_counted_in_one_closing_problem():
    """A file with more problems than ``MAX_PROBLEMS`` keeps those of its first rows."""
    probs = Problems(limit=5)
    probs.add(pd.Series(range(10, 0, -1)), "A", "x", "Salah.", "Perbaiki.")
    probs.add(pd.Series([None]), "", "", "Berkas rusak.", "Unggah ulang.")
    frame = probs.frame()
    assert [None if pd.isna(b) else b for b in frame["baris"]][:5] == [1, 2, 3, 4, None]
    assert frame["pesan"].iloc[-1].startswith("Masih ada 6 masalah lain")
    assert MAX_PROBLEMS >= 1_000


@pytest.mark.parametrize(
    ("name", "expected"),
    [("laporan\u202efdp.exe", "laporan?fdp.exe"), ("a\x00b\tc", "a?b?c"),
     ("x" * 200, "x" * 79 + "…"), ("Rekap TW II.xlsx", "Rekap TW II.xlsx")],
)  # fmt: skip
def test_names_in_messages_lose_control_characters(name, expected):
    assert shown(name) == expected


def test_formula_payloads_cover_every_prefix():
    """The payloads start with every character a spreadsheet runs as a formula."""
    assert {p[0] for p in FORMULAS} == set(FORMULA_START)


def test_openpyxl_parses_workbooks_through_defusedxml():
    """Defence in depth behind the DOCTYPE check: defusedxml (pinned) is what openpyxl uses."""
    from openpyxl.xml import DEFUSEDXML  # noqa: PLC0415

    requirements = (ROOT / "requirements.txt").read_text()
    assert DEFUSEDXML and "defusedxml==" in requirements
