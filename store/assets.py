"""Third-party browser files the app serves itself (never from a CDN, never copied into git).

Leaflet 1.9.4 comes from the installed ``django-js-lib-leaflet`` wheel; at start-up its dist
files are copied to ``static/leaflet/``, which Streamlit serves at ``/app/static/leaflet/``
(``server.enableStaticServing`` in ``.streamlit/config.toml``).
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
LEAFLET_URL = "app/static/leaflet"  # relative: also works behind a path prefix
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images")
MARKER_IMAGES = ("marker-icon.png", "marker-icon-2x.png", "marker-shadow.png")


def leaflet_source() -> Path:
    """The installed Leaflet dist folder."""
    return Path(str(resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"))


def publish_leaflet(static_dir: Path = STATIC_DIR) -> Path:
    """Copy Leaflet's files to ``static_dir/leaflet`` when missing or changed; return the folder."""
    source, target = leaflet_source(), static_dir / "leaflet"
    for name in LEAFLET_FILES:
        src, dst = source / name, target / name
        if src.is_dir():
            for item in src.iterdir():
                _copy_if_changed(item, dst / item.name)
        else:
            _copy_if_changed(src, dst)
    # Leaflet creates a default marker icon before a label's DivIcon replaces it; when the CSS is
    # not yet applied its path heuristic asks for <static>/leafletmarker-icon.png: serve that too.
    for name in MARKER_IMAGES:
        _copy_if_changed(source / "images" / name, static_dir / f"leaflet{name}")
    return target


def _copy_if_changed(src: Path, dst: Path) -> None:
    if dst.exists() and dst.stat().st_size == src.stat().st_size:
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
