"""Issue 23, point 11: the app on a 1366×768 projector — grouped navigation, tables that fit
the main column, the Panduan list, file pickers that take tab-separated files and refuse
others in Indonesian, map labels that do not collide."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.apps import app_on
from tests.test_analysis_pages import open_page
from tests.users import signed_in

ROOT = Path(__file__).resolve().parent.parent
PATHS = {"beranda", "indikator", "profil", "situasi", "peta", "pengukuran", "program", "aksi",
         "presentasi", "data", "audit", "panduan", "referensi", "masuk"}  # fmt: skip
MAIN_WIDTH = 906  # the main column at 1366 px with the sidebar open


def test_navigation_is_grouped_in_the_header(app, monkeypatch):
    """The 14 pages are grouped in a menu in the header (the sidebar keeps only the filters),
    each under its unchanged URL path."""
    seen = {}
    real = st.navigation

    def record(pages, **kwargs):
        seen.update(pages=pages, **kwargs)
        return real(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", record)
    at = signed_in(app)
    at.run()
    assert not at.exception
    assert seen["position"] == "top"
    assert list(seen["pages"]) == ["", "Analisis", "Program & aksi", "Kelola data", "Bantuan"]
    paths = [p._url_path for group in seen["pages"].values() for p in group]  # noqa: SLF001
    assert sorted(paths) == sorted([*PATHS, "ringkasan"])  # /ringkasan: the home page by name
    assert seen["pages"][""][0]._default  # noqa: SLF001 - /: Ringkasan
    assert (
        seen["pages"][""][1]._url_path == "ringkasan"
        and seen["pages"][""][1]._visibility == "hidden"
    )  # noqa: SLF001


def widths(frame) -> tuple[list[str], dict]:
    """The shown columns of a rendered dataframe and their column config."""
    config = json.loads(frame.proto.columns)
    shown = list(frame.proto.column_order) or [c for c in frame.value.columns if c in config]
    return shown, config


def assert_fits(frame, must_show: set[str]) -> None:
    shown, config = widths(frame)
    assert must_show <= set(shown)
    assert all(isinstance(config[c].get("width"), int) for c in shown), config
    assert sum(config[c]["width"] for c in shown) <= MAIN_WIDTH


@pytest.mark.parametrize(
    ("page", "column", "must_show", "wrapped"),
    [
        ("pages/ringkasan.py", "Perubahan sejak 2022",
         {"Kelurahan", "Profil", "Tingkat konvergensi"}, False),
        ("pages/ringkasan.py", "Diabaikan", {"Nama", "Dibuat", "Sintetis"}, True),
        ("pages/ringkasan.py", "Alasan", {"Kelurahan", "Pembilang/penyebut", "Alasan"}, True),
        ("pages/situasi.py", "Alasan utama", {"Kelurahan", "Alasan utama", "Profil"}, True),
        ("pages/profil.py", "Selisih dari kota", {"Indikator", "Penyebut kecil"}, True),
        ("pages/profil.py", "AARR dibutuhkan",
         {"Wilayah", "Sumber", "AARR sejauh ini", "AARR dibutuhkan", "Tren mencapai target"}, True),
        ("pages/pengukuran.py", "Anak dinilai",
         {"Tingkat", "Wilayah", "Skor", "Penilaian", "Kemencengan WHZ", "SD HAZ", "SD WAZ"}, True),
    ],
)  # fmt: skip
def test_tables_fit_the_projector(app, page, column, must_show, wrapped):
    """Each table's shown columns have pixel widths summing to at most the 1366 px main column;
    long text wraps (rows taller than 4rem, where the grid starts wrapping)."""
    at = open_page(app, page)
    frame = next(d for d in at.dataframe if column in d.value.columns)
    assert_fits(frame, must_show)
    assert (frame.proto.row_height > 64) == wrapped


def show_problems_app():
    """A page showing 31 problems of an uploaded file (more than the static table takes)."""
    from types import SimpleNamespace  # noqa: PLC0415 - AppTest runs this function's source

    import pandas as pd  # noqa: PLC0415

    from ui.upload import show_problems  # noqa: PLC0415

    problems = pd.DataFrame(
        {"baris": range(2, 33), "kolom": "penyebut (H)", "nilai": "abc", "pesan": "Bukan angka.",
         "saran": "Tulis angka saja, mis. 85 atau 1.234,5 (koma desimal, titik ribuan).",
         "tingkat": "galat"}
    )  # fmt: skip
    plan = SimpleNamespace(problems=problems, n_errors=31, n_warnings=0, nama_berkas="x.csv")
    show_problems(plan, "data")


def test_long_problem_list_wraps_the_fix_column():
    """With more than 30 problems the scrolling table shows "Saran perbaikan" at least 300 px
    wide with wrapped rows, every column within the 1366 px main column."""
    at = AppTest.from_function(show_problems_app).run()
    assert not at.exception
    frame = at.dataframe[0]
    assert_fits(frame, {"Masalah", "Saran perbaikan"})
    assert json.loads(frame.proto.columns)["Saran perbaikan"]["width"] >= 300
    assert frame.proto.row_height > 64


def test_panduan_steps_start_at_one(app):
    """The numbered steps of "Cara memperbarui data" are 1, 2, 3, … (Markdown renumbers a list
    from its first number, so a list starting at 0 showed 0)."""
    at = open_page(app, "pages/panduan.py")
    body = next(m.value for m in at.markdown if "Buka halaman **Data**" in m.value)
    numbers = [int(n) for n in re.findall(r"^(\d+)\. ", body, flags=re.M)]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 9


TAB_FILE = (
    b"kode_kelurahan\tkode_indikator\tperiode\tpembilang\tpenyebut\n"
    b"31.72.02.1005\tSPE02\t2024-Q2\t80\t100\n"
    b"31.72.02.1007\tSPE02\t2024-Q2\t45\t50\n"
)


@pytest.mark.parametrize("name", ["rekap.tsv", "rekap.TXT"])
def test_data_page_takes_tab_separated_files(data_app, name):
    """A .tsv or .txt file of tab-separated columns goes to the dry run (2 new values); the
    picker's label names the accepted types."""
    at, _ = data_app
    picker = at.file_uploader(key="data.upload")
    assert ".tsv" in picker.proto.label and ".txt" in picker.proto.label
    assert "pemisah tab" in picker.proto.help
    picker.set_value((name, TAB_FILE, "text/tab-separated-values")).run()
    assert not at.exception
    assert not at.error
    assert next(m.value for m in at.metric if m.label == "Baris dibaca") == "2"


def test_data_page_refuses_another_type_in_indonesian(data_app):
    """A PDF given to the indicator picker is refused by the app in Indonesian, naming the file
    and the types to upload instead (Streamlit's own refusal is English)."""
    at, _ = data_app
    at.file_uploader(key="data.upload").set_value(("laporan.pdf", b"%PDF-1.4", "application/pdf"))
    at.run()
    assert not at.exception
    assert [e.value.replace("\\", "") for e in at.error] == [  # markdown escapes dropped
        "Berkas laporan.pdf tidak diterima: jenisnya .pdf. Unggah berkas .csv, .tsv, .txt, .xlsx, "
        ".xls; dari aplikasi lain, simpan dulu sebagai CSV atau Excel."
    ]
    assert not at.metric  # no dry run


def test_refusal_by_name():
    """Names are matched on their last suffix, case-insensitively; no suffix is said so."""
    from ui.pickers import refusal  # noqa: PLC0415 - new with the pickers

    types = ("csv", "tsv")
    assert refusal("Rekap.TSV", types) is None
    assert (
        refusal("rekap.tsv.exe", types)
        .replace("\\", "")
        .startswith("Berkas rekap.tsv.exe tidak diterima: jenisnya .exe.")
    )
    assert "jenisnya tanpa akhiran." in refusal("rekap", types)


@pytest.fixture()
def data_app(demo_copy, monkeypatch):
    """The Data page on a copy of the demo database, signed in as an editor."""
    for at in app_on(demo_copy, monkeypatch, "pages/data.py"):
        signed_in(at).run()
        yield at, demo_copy


def test_slide_map_names_do_not_overlap(areas):
    """On the slide map's figure, no two placed kelurahan names overlap, names left out are the
    smaller areas', and the largest area is always named."""
    import matplotlib.pyplot as plt  # noqa: PLC0415

    from charts.static_map import place_labels  # noqa: PLC0415 - new with the decluttering

    fig, ax = plt.subplots(figsize=(11, 5.6), dpi=120)
    areas.plot(ax=ax)
    placed = place_labels(fig, ax, areas, fontsize=11)
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    plt.close(fig)
    assert len(boxes) == len(placed) >= 10
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    largest = areas.to_crs(3857).area.idxmax()
    assert areas.loc[largest, "kelurahan"] in placed
    assert len(placed) < len(areas)  # at this size some names do not fit: left out


def wrapped_lines(text: str, width: int, px_per_char: float = 7.0, padding: int = 16) -> int:
    """Lines ``text`` takes in a grid cell ``width`` px wide, wrapped on spaces: a conservative
    7 px per character of the grid's 14 px font (the walk-through's shots: "ke separuh atau",
    15 characters, fits the 99 px inside a 115 px column — 6.6 px each) and 8 px padding a side.
    A word longer than the line takes one line of its own (the grid breaks it)."""
    room = max(int((width - padding) / px_per_char), 1)
    lines, current = 0, ""
    for word in text.split():
        if current and len(current) + 1 + len(word) <= room:
            current = f"{current} {word}"
        else:
            lines, current = lines + 1, word
    return lines


def test_wrapped_lines_by_hand():
    """115 px - 16 px padding = 99 px / 7 = 14 characters a line: "memburuk bermakna; penyebut
    turun ke separuh atau kurang" → "memburuk" / "bermakna;" / "penyebut turun" (14) /
    "ke separuh" / "atau kurang" = 5 lines (the clipped cell of the walk-through)."""
    assert wrapped_lines("memburuk bermakna; penyebut turun ke separuh atau kurang", 115) == 5
    assert wrapped_lines("ab cd", 51) == 1  # 35 px / 7 = 5 characters: "ab cd" is 5
    assert wrapped_lines("ab cd", 50) == 2  # 34 / 7 = 4 (rounded down): "ab" / "cd"


def test_changes_to_check_fit_their_rows():
    """Ringkasan's "Perubahan yang perlu dicek": the longest texts each column can hold — the
    longest reason ("memburuk bermakna" and the halved denominator), the longest prevalence name,
    the recomputed source, the longest kelurahan and kecamatan names, five-digit counts — wrap
    within the row's ``WRAP`` lines at the column widths, which fit the main column."""
    import pandas as pd  # noqa: PLC0415

    from analysis.change import MEMBURUK  # noqa: PLC0415
    from services.reference import load_reference  # noqa: PLC0415
    from settings import REFERENCE_DIR  # noqa: PLC0415
    from text.change_tables import to_check_table  # noqa: PLC0415
    from ui.changes import WRAP, unit_widths  # noqa: PLC0415

    ref = load_reference(REFERENCE_DIR)
    kel = ref.kelurahan
    longest_kel = kel.loc[kel["kelurahan"].str.len().idxmax()]
    longest_kec = kel.loc[kel["kecamatan"].str.len().idxmax()]
    outcome = ref.indikator.loc[ref.indikator["kode"].str.startswith("OUT")]
    longest_ind = outcome.loc[outcome["nama"].str.len().idxmax(), "kode"]
    rows = pd.DataFrame(
        {"kode_wilayah": [longest_kel["kode_kelurahan"], longest_kec["kode_kelurahan"]],
         "kode_indikator": [longest_ind, longest_ind], "sumber_data": ["EPPGBM_HITUNG"] * 2,
         "periode_awal": ["2025-Q3", "2025-02"], "periode": ["2025-Q4", "2025-08"],
         "pembilang_awal": [38_400.0, 25.0], "penyebut_awal": [56_680.0, 149.0],
         "pembilang": [45_200.0, 3.0], "penyebut": [58_700.0, 5.0],
         "perubahan": [-38.7, 43.2], "arah_perubahan": [MEMBURUK] * 2,
         "penyebut_separuh": [True, True]}
    )  # fmt: skip
    names = ref.sumber_data.set_index("kode")["nama"].to_dict()
    table = to_check_table(rows, kel, ref.indikator, names)
    assert table["Alasan"].iloc[1] == "memburuk bermakna; penyebut ≤ ½ putaran lalu"
    widths = unit_widths()  # the region's word heads the desa/kelurahan column
    assert sum(widths.values()) <= MAIN_WIDTH
    too_tall = {
        (column, text): wrapped_lines(text, widths[column])
        for column in widths
        for text in table[column]
        if wrapped_lines(text, widths[column]) > WRAP
    }
    assert not too_tall
