"""A file of another kabupaten/kota, told at file level: when most rows' codes or names belong
to one other region (``AreaMatch.lain``), the dry run says so in one message naming that region
and the chosen one, instead of one problem per row, and nothing is stored.

Judged on the first ``SAMPLE_ROWS`` rows that name a place (codes and names are matched once per
distinct pair): a file is one region's data or another's from its first rows, and a file that
mixes in a few rows of another region still gets its row problems.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from analysis.region import Region
from ingest.cells import cell_text
from ingest.layout_types import Layout
from ingest.matching import AreaMatcher
from ingest.problems import whole_file

SAMPLE_ROWS = 5_000
SHARE = 0.5  # of the rows naming a place: at least this many of one other region


@dataclass(frozen=True)
class Foreign:
    """The other region most rows belong to: ``rows`` of the ``total`` rows naming a place."""

    kode: str
    nama: str
    rows: int
    total: int


def foreign_region(
    matcher: AreaMatcher, codes: pd.Series, names: pd.Series, kecamatan_level: bool = False
) -> Foreign | None:
    """The other kabupaten/kota that at least ``SHARE`` of the rows (a code or a name written)
    belong to, by code or by a name found there and not in the region; None when there is none
    or no national list was given to the matcher."""
    if matcher.national is None:
        return None
    frame = pd.DataFrame(
        {"c": codes.astype(str).str.strip().to_numpy(), "n": names.astype(str).str.strip()}
    )
    frame = frame[(frame["c"] != "") | (frame["n"] != "")].head(SAMPLE_ROWS)
    if frame.empty:
        return None
    votes: Counter[str] = Counter()
    for (code, name), count in frame.value_counts(["c", "n"], sort=False).items():
        if code:
            found = matcher.check_pair(matcher.by_code(code), name)
        else:
            found = matcher.by_name(name, kecamatan_level, suggest=False)
        for kode in found.lain:
            votes[kode] += int(count)
    if not votes:
        return None
    kode, rows = votes.most_common(1)[0]
    if rows < SHARE * len(frame):
        return None
    return Foreign(kode, matcher.national.region_name(kode), rows, len(frame))


def foreign_problem(found: Foreign, region: Region) -> pd.DataFrame:
    """The one problem of a file of another region (``ingest.problems.whole_file``)."""
    other = Region(found.kode, found.nama).short_name
    ours = f"{region.short_name} ({region.kode})"
    bps = ""
    if region.kode_bps and region.kode_bps == found.kode.replace(".", ""):
        bps = (
            f" Bila kodenya kode BPS {region.short_name} ({region.kode_bps}…), ganti dengan kode "
            f"Kemendagri ({region.kode}…) atau tambahkan kolom nama {region.sebutan_desa}."
        )
    return whole_file(
        f"Berkas ini berisi data {other} ({found.kode}), bukan {ours}: {found.rows} dari "
        f"{found.total} baris memuat kode atau nama wilayah itu. Tidak ada yang disimpan.",
        f"Pilih folder referensi/wilayah yang sesuai: buat dengan 'python manage.py new-region "
        f"{found.kode}' lalu jalankan dasbor dengan DASBOR_REFERENCE_DIR menunjuk ke folder itu; "
        f"atau unggah berkas {region.short_name}.{bps}",
    )


def table_places(cells: pd.DataFrame, layout: Layout) -> tuple[pd.Series, pd.Series, bool] | None:
    """The code and name cells of an indicator table's first ``SAMPLE_ROWS`` data rows, and
    whether the names are kecamatan (a table with only a kecamatan column); None when the
    table has no place column."""
    roles = layout.roles
    body = cells.iloc[layout.data_start : layout.data_start + SAMPLE_ROWS]
    code_col, name_col = roles.get("kode_wilayah"), roles.get("nama_wilayah")
    kec_only = code_col is None and name_col is None
    if kec_only:
        name_col = roles.get("kecamatan")
    if code_col is None and name_col is None:
        return None
    blank = pd.Series("", index=body.index)
    codes = cell_text(body[code_col]).astype(str) if code_col is not None else blank
    names = cell_text(body[name_col]).astype(str) if name_col is not None else blank
    return codes, names, kec_only


def foreign_tables(
    matcher: AreaMatcher, tables: list[tuple[pd.DataFrame, Layout]]
) -> Foreign | None:
    """``foreign_region`` of the place columns of indicator tables (``(cells, layout)``)."""
    codes, names = [], []
    kec_only = False
    for cells, layout in tables:
        found = table_places(cells, layout)
        if found is not None:
            codes.append(found[0])
            names.append(found[1])
            kec_only |= found[2]
    if not codes:
        return None
    return foreign_region(
        matcher, pd.concat(codes, ignore_index=True), pd.concat(names, ignore_index=True), kec_only
    )
