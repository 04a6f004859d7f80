"""Safe spreadsheet exports: text that a spreadsheet would run as a formula is neutralised, and
characters a worksheet cannot hold (control characters such as ``\\x0b``, stored before input was
cleaned) are dropped, so an export never fails on a stored value."""

from __future__ import annotations

import io

import pandas as pd

from analysis.text_clean import clean_frame

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe."""

    def safe(v):
        return "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v

    return frame.apply(
        lambda col: (
            col.map(safe) if col.dtype == object or pd.api.types.is_string_dtype(col) else col
        )
    )


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for Excel in Indonesian settings: ``;`` separated, decimal comma, UTF-8 with BOM;
    formulas neutralised, control characters dropped."""
    safe = neutralise_formulas(clean_frame(frame))
    return safe.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook, one sheet per frame, formulas neutralised, characters a worksheet
    cannot hold dropped (``analysis.text_clean``)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            neutralise_formulas(clean_frame(frame)).to_excel(
                writer, sheet_name=name[:31], index=False
            )
            ws = writer.sheets[name[:31]]
            for col in ws.columns:
                width = max(len(str(c.value or "")) for c in col[:50])
                ws.column_dimensions[col[0].column_letter].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()
