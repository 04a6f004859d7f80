"""Stored values read straight from a SQLite database file, without the app's code.

Each dataset's values are an Arrow IPC file in ``dataset_nilai.isi``; this opens them with
pyarrow and puts every stored value (all datasets, with ``dataset_id``) into an in-memory
``indicator_value`` table, so tests can check the app's figures with plain SQL.
"""

from __future__ import annotations

import sqlite3

import pyarrow as pa


def values_db(db_url: str) -> sqlite3.Connection:
    """An in-memory database with table ``indicator_value`` of every stored value."""
    source = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    blobs = source.execute(
        "select dataset_id, isi from dataset_nilai order by dataset_id"
    ).fetchall()
    source.close()
    con = sqlite3.connect(":memory:")
    con.execute(
        "create table indicator_value (dataset_id integer, kode_wilayah text, kode_indikator text, "
        "periode text, sumber_data text, pembilang real, penyebut real, nilai real)"
    )
    for dataset_id, blob in blobs:
        table = pa.ipc.open_file(pa.BufferReader(blob)).read_all()
        rows = zip(*[table.column(i).to_pylist() for i in range(table.num_columns)], strict=True)
        con.executemany(
            "insert into indicator_value values (?, ?, ?, ?, ?, ?, ?, ?)",
            [(dataset_id, *row) for row in rows],
        )
    return con
