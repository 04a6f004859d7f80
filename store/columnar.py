"""The values of one dataset as one Arrow IPC file (Feather v2), bytes kept in the database.

A dataset never changes once stored, so its values are written together: a million values are
encoded in a few hundredths of a second, where inserting them as rows takes many seconds. The
schema is fixed (text dictionary-encoded, zstd-compressed) and carries no pandas metadata, so
any Arrow reader (pyarrow, R arrow, DuckDB, polars) opens it.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.ipc as ipc

from analysis import schema as s

FORMAT = "arrow"
NUMBERS = [s.PEMBILANG, s.PENYEBUT, s.NILAI]
SCHEMA = pa.schema(
    [(c, pa.dictionary(pa.int32(), pa.string())) for c in s.VALUE_KEY]
    + [(c, pa.float64()) for c in NUMBERS]
)
PLAIN = pa.schema([(c, pa.string()) for c in s.VALUE_KEY] + [(c, pa.float64()) for c in NUMBERS])


def _text(column: pd.Series) -> pa.DictionaryArray:
    """A text column (categorical or not) as a dictionary array without copying its strings."""
    cat = column if isinstance(column.dtype, pd.CategoricalDtype) else column.astype("category")
    codes = cat.cat.codes.to_numpy()
    return pa.DictionaryArray.from_arrays(
        pa.array(codes.astype(np.int32), mask=codes < 0),
        pa.array(cat.cat.categories.astype(str), type=pa.string()),
    )


def encode(values: pd.DataFrame) -> bytes:
    """``VALUE_COLUMNS`` of ``values`` as Arrow IPC file bytes."""
    arrays = [_text(values[c]) for c in s.VALUE_KEY]
    arrays += [pa.array(values[c].to_numpy(dtype=float, na_value=np.nan)) for c in NUMBERS]
    table = pa.Table.from_arrays(arrays, schema=SCHEMA)
    buffer = io.BytesIO()
    options = ipc.IpcWriteOptions(compression="zstd")
    with ipc.new_file(buffer, SCHEMA, options=options) as writer:
        writer.write_table(table)
    return buffer.getvalue()


def decode(data: bytes) -> pd.DataFrame:
    """The values of ``encode``'s bytes, text columns as ``str``."""
    table = ipc.open_file(io.BytesIO(data)).read_all()
    return table.cast(PLAIN).to_pandas()


def stored_row(dataset_id: int, values: pd.DataFrame) -> dict:
    """The ``dataset_nilai`` row holding ``values``."""
    return {
        "dataset_id": dataset_id,
        "format": FORMAT,
        "jumlah": len(values),
        "isi": encode(values),
    }
