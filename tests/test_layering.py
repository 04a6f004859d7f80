"""The layering rules of the README's "Struktur / Layout", enforced: imports run down the
layers only (``MAY_IMPORT``), no module imports itself through others, nothing below ``ui/``
imports streamlit, only ``store/`` touches the database, ``analysis/`` does no I/O, and every
literal text key exists."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PURE = ["analysis", "text", "ingest", "store", "charts", "demo", "report", "services"]
PURE_FILES = ["ui/cards.py", "settings.py"]
# The layers from the top down: a module imports only from its own layer or the ones below.
LAYERS = [
    {"app", "manage", "pages"},
    {"ui"},
    {"services"},
    {"report", "charts"},
    {"ingest", "store", "demo"},
    {"analysis", "text", "settings"},
]
BELOW_UI = {
    "services",
    "report",
    "charts",
    "ingest",
    "store",
    "demo",
    "analysis",
    "text",
    "settings",
}
# What each folder may import besides itself: the README's "Struktur / Layout" table. Every
# entry runs down the layers (a test checks the table itself); within a layer only these
# sideways imports: the report draws charts, the demo seeds through the reference checks, text
# formats analysis's periods. Storage and importers never import each other (a service passes
# data between them), nor the storage the demo.
MAY_IMPORT = {
    "app": {"ui", *BELOW_UI},
    "manage": {"ui", *BELOW_UI},
    "pages": {"ui", *BELOW_UI},
    "ui": BELOW_UI,
    "services": BELOW_UI - {"services"},
    "report": {"charts", "analysis", "text", "settings"},
    "charts": {"analysis", "text"},
    "ingest": {"analysis", "text", "settings"},
    "store": {"analysis", "text", "settings"},
    "demo": {"ingest", "store", "analysis", "text", "settings"},
    "analysis": set(),
    "text": {"analysis"},
    "settings": set(),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def pure_files() -> list[Path]:
    files = [p for pkg in PURE for p in (ROOT / pkg).rglob("*.py")]
    return files + [ROOT / f for f in PURE_FILES]


@pytest.mark.parametrize("path", pure_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_modules_do_not_import_streamlit(path):
    """analysis/, the storage layer, figure builders and formatters stay free of streamlit."""
    bad = {m for m in imported_modules(path) if m == "streamlit" or m.startswith("streamlit.")}
    assert not bad, f"{path} imports {bad}"


@pytest.mark.parametrize("path", sorted((ROOT / "analysis").rglob("*.py")), ids=lambda p: p.name)
def test_analysis_does_no_io(path):
    """analysis/ reaches neither the database nor the file system."""
    forbidden = {"sqlalchemy", "sqlite3", "store", "pathlib", "os", "io", "shutil"}
    modules = {m.split(".")[0] for m in imported_modules(path)}
    assert not modules & forbidden
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {
        node.func.id if isinstance(node.func, ast.Name) else node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute)
    }
    assert not calls & {"open", "read_csv", "to_csv", "read_excel", "to_excel", "read_sql"}


def test_only_the_store_touches_the_database():
    """No module outside store/ imports sqlalchemy or sqlite3 (tests excepted, and
    ingest/geopackage.py, which reads an uploaded GeoPackage's bytes in memory, never the
    app's database)."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in ("store", "tests", ".venv") or rel.as_posix() == "ingest/geopackage.py":
            continue
        if {m.split(".")[0] for m in imported_modules(path)} & {"sqlalchemy", "sqlite3"}:
            offenders.append(str(rel))
    assert offenders == []


def project_modules() -> dict[str, Path]:
    """Every module of the app's packages by its dotted name."""
    modules = {}
    for layer in LAYERS:
        for top in layer:
            paths = [ROOT / f"{top}.py"] if (ROOT / f"{top}.py").exists() else []
            for path in paths + sorted((ROOT / top).rglob("*.py")):
                name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
                modules[name.removesuffix(".__init__")] = path
    return modules


def import_graph() -> dict[str, set[str]]:
    """Module → the project modules it imports (type-checking imports too: a circle of types
    is a circle to a reader)."""
    modules = project_modules()
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def test_no_module_imports_itself_through_others():
    """No import circle between modules (e.g. ingest.checks ⇄ ingest.validate, report.export ⇄
    report.pdf_file were one): the types both sides take live in a module of their own."""
    graph = import_graph()
    circles = []
    for start in graph:
        seen, todo = set(), list(graph[start])
        while todo:
            module = todo.pop()
            if module == start:
                circles.append(start)
                break
            if module not in seen:
                seen.add(module)
                todo.extend(graph[module])
    assert circles == []


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    return next(i for i, layer in enumerate(LAYERS) if top in layer)


def test_the_allowed_imports_run_down_the_layers():
    """The table of allowed imports itself never lets a folder import one above it."""
    upward = [
        f"{here} → {there}"
        for here, allowed in MAY_IMPORT.items()
        for there in allowed
        if layer_of(there) < layer_of(here)
    ]
    assert upward == []
    assert set(MAY_IMPORT) == set().union(*LAYERS)


def test_imports_run_down_the_layers_only():
    """pages → ui → services → report/charts → ingest/store/demo → analysis/text/settings: every
    import is one ``MAY_IMPORT`` allows, so none runs back up (``charts`` importing ``ui.fmt``
    was one) and none sideways but those listed (``store`` importing ``ingest`` was one)."""
    wrong = []
    for module, imports in import_graph().items():
        here = module.split(".")[0]
        for target in imports:
            there = target.split(".")[0]
            if there != here and there not in MAY_IMPORT[here]:
                wrong.append(f"{module} → {target}")
    assert sorted(wrong) == []


def test_every_literal_text_key_exists():
    """Every ``t("…")`` with a literal key names a text of ``text.strings`` (a typo would
    raise KeyError on the page only when that branch runs)."""
    from text.strings import STRINGS  # noqa: PLC0415

    missing = []
    for path in [ROOT / "app.py", ROOT / "manage.py", *project_modules().values()]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value not in STRINGS
            ):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.args[0].value}")
    assert missing == []


def test_texts_are_sorted_in_one_block_per_prefix():
    """``text.strings`` lists each page's texts together (one block per key prefix, blocks
    in alphabetical order), so a reader finds a page's words in one place."""
    from text.strings import STRINGS  # noqa: PLC0415

    prefixes = [key.split(".")[0] for key in STRINGS]
    blocks = [p for i, p in enumerate(prefixes) if i == 0 or prefixes[i - 1] != p]
    assert blocks == sorted(set(prefixes))


def test_the_readme_table_is_the_allowed_imports():
    """The README's "Struktur / Layout" table states ``MAY_IMPORT`` folder by folder."""
    import re  # noqa: PLC0415

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Struktur / Layout") :]
    stated = {}
    for line in section.splitlines()[4:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) != 3 or not cells[2]:
            continue
        folders = [f.strip("/").removesuffix(".py") for f in re.findall(r"`([^`]+)`", cells[0])]
        allowed = set(re.findall(r"`([a-z]+)`", cells[2].split("(bukan")[0]))
        if "semua di bawahnya" in cells[2]:
            first = next(iter(allowed))
            allowed |= {f for f in MAY_IMPORT if layer_of(f) > layer_of(first)}
        stated |= {folder: allowed for folder in folders}
    assert stated == MAY_IMPORT
