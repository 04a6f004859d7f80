"""Nothing North-Jakarta-specific in the code: a grep of every tracked file outside the data,
demo, tests and documentation for North Jakarta's kelurahan names, its codes (Kemendagri 31.72,
BPS 3172… NIK prefix) and its name; and Ringkasan of another region's pack speaks of that
region ("desa", "Kabupaten Aceh Utara")."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.apps import app_on

ROOT = Path(__file__).resolve().parent.parent
EXCLUDED_DIRS = ("data/", "demo/", "tests/", "docs/")


def kelurahan_names() -> list[str]:
    """The 31 names of the project's reference kelurahan."""
    with (ROOT / "data/reference/kelurahan.csv").open(encoding="utf-8") as f:
        return [row["kelurahan"] for row in csv.DictReader(f)]


def mention_pattern(names: list[str]) -> re.Pattern[str]:
    """Word-bounded, case-insensitive: any of ``names``, 31.72, 3172, Jakarta Utara, Jakut."""
    words = [re.escape(n) for n in names] + [r"31\.72", "3172", "Jakarta Utara", "Jakut"]
    return re.compile(r"\b(" + "|".join(words) + r")\b", re.IGNORECASE)


def mentions(paths: list[Path], pattern: re.Pattern[str], root: Path) -> list[str]:
    """``path:line: text`` of every line of ``paths`` that ``pattern`` finds."""
    found = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary files (images, compressed data)
        for number, line in enumerate(text.splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()[:120]}")
    return found


def checked_files() -> list[str]:
    """Tracked files the rule covers: not data/, demo/, tests/, docs/ or any *.md."""
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [f for f in listed if not f.startswith(EXCLUDED_DIRS) and not f.endswith(".md")]


def test_the_grep_finds_a_planted_name(tmp_path):
    """A kelurahan name, the code and the city's name are found; a neutral line is not."""
    (tmp_path / "a.py").write_text('x = "Kel. WARAKAS"\ny = "32.73.01.1001"\n', encoding="utf-8")
    (tmp_path / "b.py").write_text("# kode 31.72.02.1007\nname = 'Kota Jakarta Utara'\n")
    (tmp_path / "c.py").write_text("Sukapuraan = 131.721\n")  # not word-bounded matches
    found = mentions(sorted(tmp_path.iterdir()), mention_pattern(kelurahan_names()), tmp_path)
    assert [f.split(":")[0:2] for f in found] == [["a.py", "1"], ["b.py", "1"], ["b.py", "2"]]


def test_no_north_jakarta_in_code():
    """No file outside data/, demo/, tests/, docs/ and *.md names North Jakarta's kelurahan,
    its codes or its name."""
    files = [ROOT / f for f in checked_files()]
    assert mentions(files, mention_pattern(kelurahan_names()), ROOT) == []


@pytest.fixture(scope="session")
def aceh_utara(tmp_path_factory) -> Path:
    """A reference pack of Kabupaten Aceh Utara (11.08, 852 desa) with demo data."""
    out = tmp_path_factory.mktemp("packs") / "11.08"
    subprocess.run(
        [sys.executable, "manage.py", "new-region", "11.08", "--out", str(out), "--demo"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    return out


@pytest.fixture()
def aceh_app(aceh_utara, tmp_path, monkeypatch):
    monkeypatch.setenv("DASBOR_REFERENCE_DIR", str(aceh_utara))
    yield from app_on(f"sqlite:///{tmp_path / 'aceh.sqlite'}", monkeypatch)


def page_texts(at) -> list[str]:
    """Every text Ringkasan shows: markdown, captions, headers, card labels, table headers."""
    texts = [
        e.value for kind in ("markdown", "caption", "subheader", "title") for e in getattr(at, kind)
    ]
    texts += [e.value for e in at.sidebar.markdown]
    texts += [m.label for m in at.metric]
    texts += [str(c) for d in at.dataframe for c in d.value.columns]
    return texts


def test_ringkasan_speaks_of_the_packs_region(aceh_app):
    """Ringkasan of an Aceh Utara pack: its name in the sidebar title, "desa" in the ranking's
    title and table, the survey card at "kabupaten" level; never "kelurahan" or North Jakarta."""
    at = aceh_app.run(timeout=600)
    assert not at.exception
    assert "**Dasbor Konvergensi Stunting Kabupaten Aceh Utara**" in [
        m.value for m in at.sidebar.markdown
    ]
    assert "Peringkat desa menurut prevalensi stunting" in [h.value for h in at.subheader]
    ranking = next(d.value for d in at.dataframe if "Peringkat" in d.value.columns)
    assert "Desa" in ranking.columns
    assert any(c.value.startswith("Kabupaten Aceh Utara") for c in at.caption)
    assert any(c.value.startswith("Tingkat kabupaten") for c in at.caption)
    assert "Desa lokus 2025" in [m.label for m in at.metric]
    texts = page_texts(at)
    assert [x for x in texts if re.search(r"kelurahan|jakarta utara|\bkota\b", x, re.I)] == []
