"""File pickers that say in Indonesian which files they take and why one is refused.

Streamlit's uploader refuses a file whose name does not end in one of its ``type`` list in
English, in the browser, before the app sees it. These pickers give Streamlit no list: the
accepted types are in the label, and a file of another type is refused here, by its name,
with an Indonesian message naming the file and what to upload instead."""

from __future__ import annotations

from pathlib import PurePosixPath

import streamlit as st

from text.fmt import md_text
from text.strings import t

# Tables: comma/semicolon CSV, tab-separated TSV or TXT (the reader sniffs the delimiter), Excel.
TABLE_TYPES = ("csv", "tsv", "txt", "xlsx", "xls")
BOUNDARY_TYPES = ("geojson", "json", "zip", "gpkg")


def types_text(types: tuple[str, ...]) -> str:
    """``.csv, .tsv, .txt, .xlsx, .xls``: the accepted names, as the label shows them."""
    return ", ".join(f".{x}" for x in types)


def refusal(name: str, types: tuple[str, ...]) -> str | None:
    """The Indonesian message refusing ``name`` when it does not end in one of ``types``
    (case-insensitive), or None when it does."""
    suffix = PurePosixPath(name).suffix.lower().lstrip(".")
    if suffix in types:
        return None
    jenis = f".{suffix}" if suffix else t("picker.no_suffix")
    return t("picker.refused", file=md_text(name), jenis=md_text(jenis), types=types_text(types))


# Streamlit writes its uploader's button ("Upload") and limit ("50MB per file") in English with
# no option to change them: the texts are hidden and Indonesian ones drawn in their place (CSS
# ``content``), the limit going into the label. Screen readers get the label (aria-label).
DROPZONE = "[data-testid='stFileUploaderDropzone']"
UPLOADER_CSS = f"""<style>
{DROPZONE} button [data-testid='stMarkdownContainer'] p {{ font-size: 0; }}
{DROPZONE} button [data-testid='stMarkdownContainer'] p::after {{
  content: "{{button}}"; font-size: 0.875rem; }}
[data-testid='stFileUploaderDropzoneInstructions'] span {{ font-size: 0; }}
[data-testid='stFileUploaderDropzoneInstructions'] span::after {{
  content: "{{drop}}"; font-size: 0.875rem; }}
</style>"""


def uploader(label: str, key: str, help: str | None, max_upload_size: int | None):  # noqa: A002
    """``st.file_uploader`` with its button and drop hint in Indonesian and the size limit
    (``max_upload_size`` MB) in the label."""
    st.html(
        UPLOADER_CSS.replace("{button}", t("picker.button")).replace("{drop}", t("picker.drop"))
    )
    if max_upload_size:
        label = f"{label} · {t('picker.limit', mb=max_upload_size)}"
    return st.file_uploader(label, key=key, help=help, max_upload_size=max_upload_size)


def file_picker(
    label: str,
    key: str,
    types: tuple[str, ...] = TABLE_TYPES,
    help: str | None = None,  # noqa: A002 - Streamlit's own parameter name
    max_upload_size: int | None = None,
):
    """``st.file_uploader`` with the accepted types in its label and help; a file of another
    type is refused with ``st.error`` (None is returned, as for no file)."""
    accepted = t("picker.help_tables") if types == TABLE_TYPES else ""
    file = uploader(
        f"{label} ({types_text(types)})",
        key=key,
        help=" ".join(x for x in (help, accepted) if x) or None,
        max_upload_size=max_upload_size,
    )
    if file is None:
        return None
    if message := refusal(file.name, types):
        st.error(message)
        return None
    return file
