"""One import pipeline for the Data page and ``manage.py import``: bytes → plan → (commit).

``prepare`` reads, recognises and validates a file without touching the database; ``compare``
tells what the plan would add, update or leave unchanged against the stored values. Committing
is ``services.uploads.commit`` (which stores the plan through ``Store.commit_import``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from analysis import schema as s
from ingest.early import (
    SAMPLE_ROWS,
    count_rows,
    first_rows,
    mostly_bad,
    oversize,
    refusal,
    rows_in_error,
)
from ingest.foreign import foreign_problem, foreign_tables
from ingest.indicator_names import IndicatorMatcher
from ingest.layout import HEADER_SEARCH_ROWS
from ingest.layout_report import column_letter, preview_rows
from ingest.layout_types import LONG, Layout
from ingest.limits import shown, thousands
from ingest.mapping import UNCLEAR, ColumnInfo, NameInfo, header_signature
from ingest.matching import AreaMatcher
from ingest.national import NationalLookup
from ingest.options import Catalogue, ImportOptions
from ingest.personal import describe
from ingest.problems import (
    PERINGATAN,
    PROBLEM_COLUMNS,
    ProblemCounts,
    stopped_checking,
    whole_file,
)
from ingest.reader import FileProblem, RawTable, Workbook, read_sheets
from ingest.sheets import (
    SheetScan,
    chosen,
    extract_sheets,
    in_sheet,
    scan,
    skipped_note,
    worst_failure,
)
from ingest.validate import extract

KEY = s.VALUE_KEY
Progress = Callable[[float, str], None]


def build_catalogue(ref, national: NationalLookup | None = None) -> Catalogue:
    """The matchers for an ``analysis.reference.Reference`` (places within its region,
    ``ref.wilayah``); with ``national`` a file of another region is told as such
    (``ingest.foreign``)."""
    return Catalogue(
        AreaMatcher(ref.kelurahan, ref.kelurahan_alias, ref.wilayah, national),
        IndicatorMatcher(ref.indikator, ref.indikator_alias),
        ref.indikator[[s.KODE, s.NAMA, s.SATUAN, s.SUMBER_DATA]],
        ref.sumber_data,
        ref.sumber_alias,
    )


@dataclass
class ImportPlan(ProblemCounts):
    """What a file holds and what importing it would do; nothing is stored yet."""

    nama_berkas: str
    ukuran: int
    sha256: str
    options: ImportOptions
    values: pd.DataFrame  # baris + value columns, valid values only
    problems: pd.DataFrame  # baris, kolom, nilai, pesan, saran, tingkat
    rows_read: int = 0
    rows_ignored: int = 0
    records: int = 0
    format: str | None = None
    jenis: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    personal_columns: list[str] = field(default_factory=list)  # headers
    personal_kinds: list[str] = field(default_factory=list)  # what each holds (ingest.personal)
    needs_period: bool = False
    unknown_indicators: list[str] = field(default_factory=list)
    # For the mapping step (``ingest.mapping``): every column and indicator name as read, the
    # header signature a profile is found by, the sheets holding a table and those skipped
    # (name, why), and the first rows as text when no header row was found.
    columns: list[ColumnInfo] = field(default_factory=list)
    names: list[NameInfo] = field(default_factory=list)
    signature: str | None = None
    table_sheets: list[str] = field(default_factory=list)
    skipped_sheets: list[tuple[str, str]] = field(default_factory=list)
    first_rows: list[list[str]] = field(default_factory=list)
    stopped: bool = False  # checking stopped on a file that is no indicator table: no choices
    # Percent-only values left out to keep the stored counts (``ImportOptions.pertahankan_hitungan``).
    hitungan_dipertahankan: int = 0

    @property
    def n_ignored_values(self) -> int:
        return self.records - len(self.values)

    @property
    def can_commit(self) -> bool:
        return len(self.values) > 0

    @property
    def names_to_add(self) -> list[str]:
        """What the file calls an indicator that no catalogue indicator was taken for (unknown
        codes and names, names that fit several, unclear columns): each may be added as new."""
        found = [
            *self.unknown_indicators,
            *(n.text for n in self.names if n.kode is None),
            *(c.header for c in self.columns if c.status == UNCLEAR and c.header),
        ]
        return list(dict.fromkeys(found))

    @property
    def keeps_original(self) -> bool:
        """Original bytes are archived unless the file holds personal data columns (recognised
        by header or by content, ``ingest.personal``)."""
        return not self.personal_columns


def personal_note(columns: list[str], kinds: list[str]) -> str:
    """What the dry run says of a file's personal columns (named by header, never by value)."""
    return (
        "Berkas memuat data pribadi di kolom "
        + describe([shown(c) for c in columns], kinds)
        + ": kolom itu diabaikan dan tidak disimpan, dan berkas aslinya tidak diarsipkan."
    )


def names_read(matcher: IndicatorMatcher) -> tuple[list[NameInfo], list[str]]:
    """Every indicator name a long file's cells were read by (not by an exact code), and a
    dry-run note per automatic match ("indikator 'Cakupan IDL balita' dibaca sebagai SPE09
    Balita memperoleh imunisasi dasar lengkap"). A wide file's headers are told by its layout."""
    infos, notes = [], []
    for text, found in matcher.seen.items():
        if found.how == "kode" or not text:
            continue
        infos.append(NameInfo(text, found.kode, found.how, found.candidates))
        if found.automatic:
            name = matcher.names[found.kode]
            notes.append(f"Indikator '{shown(text, 160)}' dibaca sebagai {found.kode} {name}.")
    return infos, notes


def not_shown_sources(values: pd.DataFrame, catalogue: Catalogue, problems: pd.DataFrame):
    """``problems`` after a warning (whole file) per indicator whose values come from another
    source than the catalogue's: pages show each indicator from its catalogue source, so those
    values are stored beside it, not in its place; the planner must know before saving. Survey
    values (SSGI, city level) are shown as such and not warned of."""
    usual = dict(zip(catalogue.indikator[s.KODE], catalogue.indikator[s.SUMBER_DATA], strict=False))
    names = dict(zip(catalogue.sumber_data[s.KODE], catalogue.sumber_data[s.NAMA], strict=False))
    pairs = values[[s.KODE_INDIKATOR, s.SUMBER_DATA]].drop_duplicates()
    survey = set(catalogue.sumber_data.loc[catalogue.sumber_data["jenis"] == "survei", s.KODE])
    other = pairs[  # a survey (SSGI) is shown beside the register, as its own figure
        [
            usual.get(k) not in (None, v) and v not in survey
            for k, v in pairs.itertuples(index=False)
        ]
    ]
    for kode, sumber in other.itertuples(index=False):
        n = int(((values[s.KODE_INDIKATOR] == kode) & (values[s.SUMBER_DATA] == sumber)).sum())
        main = usual[kode]
        problems = whole_file(
            f"{thousands(n)} nilai {kode} bersumber {names.get(sumber, sumber)} ({sumber}), "
            f"sedangkan halaman dasbor menampilkan {kode} dari sumber katalognya, "
            f"{names.get(main, main)} ({main}): nilai ini disimpan terpisah dan tidak tampil di "
            "grafik dan peta.",
            f"Bila angkanya memang dari {names.get(main, main)}, pilih sumber data itu untuk "
            "seluruh berkas; bila tidak, tidak perlu tindakan.",
            problems,
        )
        problems.loc[0, "tingkat"] = PERINGATAN
    return problems


def part_sha256(data: bytes, sheets: list[str]) -> str:
    """The identity of some sheets of a workbook imported on their own: a dataset of sheet
    "TW I" does not make the same file's "TW II" look already stored (``plan.sha256``)."""
    digest = hashlib.sha256(data)
    digest.update(b"\0lembar\0" + "\x1f".join(sorted(sheets)).encode())
    return digest.hexdigest()


def _file_problem(plan: ImportPlan, message: str) -> ImportPlan:
    plan.problems = whole_file(message)
    return plan


def _refuse_garbage(  # noqa: PLR0913
    cells, layout, catalogue, options, filename, count: Callable[[], int] | None = None
) -> pd.DataFrame | None:
    """The problems of the first ``SAMPLE_ROWS`` rows of ``cells`` and one about the whole file
    (``count()`` rows in all, counted only then; default ``len(cells)``), when those rows give no
    value and nearly all have an error (``ingest.early``); None when the file looks usable."""
    head = cells.iloc[: layout.data_start + SAMPLE_ROWS]
    if count is None and len(cells) <= len(head):
        return None
    sample = extract(head, layout, catalogue, options)
    problems = sample.problems
    bad = rows_in_error(problems)
    if len(sample.values) or not mostly_bad(bad):
        return None
    rows = len(cells) if count is None else count()
    if rows <= len(head):
        return None
    return refusal(
        filename,
        bad,
        SAMPLE_ROWS,
        rows - len(head),
        problems,
        check="berkasnya benar (bandingkan dengan templat)",
        reason=" dan tidak ada nilai yang terbaca",
    )


def _refuse_on_head(  # noqa: PLR0913
    plan, data, table, filename, catalogue, options
) -> ImportPlan | pd.DataFrame | None:
    """A file refused on its first lines alone (``table``; the plan with its problem and first
    rows, or the problems of its first rows), before all of it is parsed; None when they look
    usable."""
    found = scan(Workbook([table], table.jenis, table.sheets), catalogue, options)
    if not found.tables:
        return _no_table(plan, found, filename, False, catalogue.areas.place_keys)
    if _refuse_foreign(plan, [(table.cells, found.tables[0][1])], catalogue):
        return plan
    return _refuse_garbage(
        table.cells, found.tables[0][1], catalogue, options, filename, lambda: count_rows(data)
    )


def _refuse_foreign(plan: ImportPlan, tables, catalogue: Catalogue) -> bool:
    """Whether the tables (``(cells, layout)``) are mostly another region's rows: the plan
    then holds the one problem naming that region (``ingest.foreign``) and stops."""
    found = foreign_tables(catalogue.areas, tables)
    if found is None:
        return False
    plan.problems, plan.stopped = foreign_problem(found, catalogue.areas.region), True
    return True


def _describe(plan: ImportPlan, tables: list[tuple[RawTable, Layout]]) -> None:
    """What the dry run tells of the sheets read: format, columns (for the mapping step), the
    header signature, personal and ignored columns."""
    several = len(tables) > 1
    table, layout = tables[0]
    plan.sheet, plan.format = table.sheet, layout.format
    plan.columns, plan.names, labels, seen = [], [], [], set()
    for table, layout in tables:
        where = f"lembar '{shown(table.sheet or '')}': " if several else ""
        plan.notes += [n for n in table.notes if n not in plan.notes]
        for info in layout.columns:
            if (info.header, info.status) not in seen:  # the same header in every sheet: once
                seen.add((info.header, info.status))
                plan.columns.append(info)
        plan.names += [n for n in layout.names if n not in plan.names]
        labels += [lab for lab in layout.labels if lab]
        personal = [
            where + (layout.labels[c] or f"kolom {column_letter(c)}")
            for c in layout.personal_columns
        ]
        plan.personal_columns += personal
        plan.personal_kinds += [layout.personal_kinds[c] for c in layout.personal_columns]
        ignored = [c for c in layout.ignored_columns if layout.status.get(c) != UNCLEAR]
        if ignored:  # an unclear column is no knowing omission: it has its own warning
            plan.notes.append(
                ("Lembar '" + shown(table.sheet or "") + "': " if several else "")
                + "Kolom diabaikan: "
                + ", ".join(layout.labels[c] or f"kolom {c + 1}" for c in ignored)
                + "."
            )
    plan.signature = header_signature(dict.fromkeys(labels))
    if plan.personal_columns:
        plan.notes.append(personal_note(plan.personal_columns, plan.personal_kinds))


def _no_table(  # noqa: PLR0913
    plan: ImportPlan, found: SheetScan, filename: str, several: bool, places: frozenset[str]
) -> ImportPlan:
    """No sheet holds a table: the problem of the most promising one, its columns as far as
    recognised and its first rows (for choosing the header row in the mapping step)."""
    table, err = worst_failure(found)
    plan.sheet = table.sheet
    plan.first_rows = preview_rows(table.cells, places)
    if err.layout is not None:
        plan.columns = list(err.layout.columns)
        plan.names = list(err.layout.names)
        plan.signature = header_signature(err.layout.labels)
        plan.format = err.layout.format
    where = f"lembar '{shown(table.sheet or '')}': " if several else ""
    if several and plan.skipped_sheets:
        plan.notes.append(skipped_note(plan.skipped_sheets))
    return _file_problem(plan, f"{shown(filename)}: {where}{err}")


def prepare(
    data: bytes,
    filename: str,
    catalogue: Catalogue,
    options: ImportOptions | None = None,
    max_bytes: int | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read and validate a file; every problem is in ``plan.problems``, nothing raises."""
    options = options or ImportOptions()
    # A matcher of its own for this file: the user's name choices, and a fresh record of names.
    catalogue = replace(catalogue, indicators=catalogue.indicators.with_mapping(options.mapping))
    report = progress or (lambda _f, _m: None)
    empty = pd.DataFrame(columns=["baris", *KEY, s.PEMBILANG, s.PENYEBUT, s.NILAI])
    plan = ImportPlan(
        filename,
        len(data),
        hashlib.sha256(data).hexdigest(),
        options,
        empty,
        pd.DataFrame(columns=PROBLEM_COLUMNS),
    )
    too_big = None if max_bytes is None else oversize(shown(filename), len(data), max_bytes)
    if too_big:
        return _file_problem(
            plan,
            f"{too_big} Bagi berkas menjadi beberapa bagian (mis. per tahun), atau minta admin "
            "menaikkan DASBOR_MAX_UPLOAD_MB.",
        )
    head = first_rows(data, filename, HEADER_SEARCH_ROWS + 2 + SAMPLE_ROWS)
    refused = (
        None if head is None else _refuse_on_head(plan, data, head, filename, catalogue, options)
    )
    head_checked = head is not None
    if isinstance(refused, ImportPlan):
        return refused
    if isinstance(refused, pd.DataFrame):
        plan.problems, plan.stopped = refused, True
        return plan
    try:
        report(0.05, "Membaca berkas…")
        book = read_sheets(data, filename, options.sheet)
        plan.jenis, plan.sheets, plan.notes = book.jenis, book.sheets, list(book.notes)
        report(0.3, "Mengenali kolom…")
        found = scan(book, catalogue, options)
    except FileProblem as err:
        return _file_problem(plan, f"{shown(filename)}: {err}")
    except KeyError as err:  # a sheet name that does not exist
        return _file_problem(
            plan, f"{shown(filename)}: lembar {err} tidak ada. Pilih lembar yang ada di berkas."
        )
    plan.table_sheets = [t.sheet for t, _ in found.tables if t.sheet]
    plan.skipped_sheets = found.skipped
    if not found.tables:
        several = len(book.tables) + len(book.skipped) > 1
        return _no_table(plan, found, filename, several, catalogue.areas.place_keys)
    tables = chosen(found, options)
    if not tables:
        return _file_problem(
            plan,
            f"{shown(filename)}: tidak ada lembar terpilih yang berisi tabel. Pilih di antara: "
            + ", ".join(f"'{shown(n)}'" for n in plan.table_sheets) + ".",
        )  # fmt: skip
    if len(tables) < len(found.tables):
        plan.sha256 = part_sha256(data, [t.sheet or "" for t, _ in tables])
    if found.skipped:
        plan.notes.append(skipped_note(found.skipped))
    _describe(plan, tables)
    if _refuse_foreign(plan, [(t.cells, lay) for t, lay in tables], catalogue):
        return plan
    report(0.5, "Memeriksa nilai…")
    if not head_checked:
        for table, layout in tables:
            refused = _refuse_garbage(table.cells, layout, catalogue, options, filename)
            if refused is not None:
                plan.problems = in_sheet(refused, table.sheet) if len(tables) > 1 else refused
                plan.stopped = True
                return plan
    result = extract_sheets([(t.cells, lay) for t, lay in tables], catalogue, options)
    if result.stopped:  # no table of indicator values: nothing more to tell of it
        plan.rows_read = result.rows_read
        plan.problems = stopped_checking(filename, *result.stopped, result.problems)
        plan.stopped = True
        return plan
    plan.values, plan.problems = result.values, result.problems
    plan.problems = not_shown_sources(plan.values, catalogue, plan.problems)
    plan.rows_read, plan.rows_ignored, plan.records = (
        result.rows_read,
        result.rows_ignored,
        result.records,
    )
    plan.notes += result.notes
    if tables[0][1].format == LONG:  # names in cells; a wide file's headers are in plan.names
        known = {n.text for n in plan.names}
        cell_names, name_notes = names_read(catalogue.indicators)
        plan.names += [n for n in cell_names if n.text not in known]
        plan.notes += name_notes
    plan.unknown_indicators = result.unknown_indicators
    plan.needs_period = all(
        "periode" not in lay.roles and "tahun" not in lay.roles for _, lay in tables
    )
    if result.records == 0 and result.problems.empty:
        layout = tables[0][1]
        return _file_problem(
            plan,
            f"{shown(filename)}: tidak ada nilai yang terbaca di bawah baris judul (baris "
            f"{layout.header_row + 1}). Isi satu baris per kelurahan di bawah judul, atau "
            "tentukan arti kolomnya di langkah pemetaan kolom.",
        )
    report(0.9, "Selesai diperiksa.")
    return plan


@dataclass(frozen=True)
class Comparison:
    """What committing a plan changes among the current values."""

    added: int
    updated: int
    unchanged: int
    detail: (
        pd.DataFrame
    )  # the plan's values with ``status`` baru / diperbarui / sama, old values, and
    # ``mengganti_hitungan``: a percent-only value that would replace stored counts
    hitungan_diganti: int = 0  # how many of those: counts lost to a bare percentage


def compare(values: pd.DataFrame, current: pd.DataFrame) -> Comparison:
    """Classify each planned value against the current stored value of the same key."""
    fields = [s.PEMBILANG, s.PENYEBUT, s.NILAI]
    old = current[[*KEY, *fields]].rename(columns={c: c + "_lama" for c in fields})
    # Keys as categoricals sharing the plan's categories: the join then runs on integer codes,
    # and only stored values with the plan's kelurahan, indicators, periods and sources take part.
    keys = {c: values[c].astype("category") for c in KEY}
    for c in KEY:
        categories = keys[c].cat.categories
        old = old[old[c].isin(categories)]
        old = old.assign(**{c: pd.Categorical(old[c], categories=categories)})
    if old.empty:  # nothing stored under these keys: every value is new
        merged = values.assign(**dict.fromkeys(old.columns.drop(KEY), np.nan))
        exists = np.zeros(len(values), dtype=bool)
    else:
        merged = values.assign(**keys).merge(old, on=KEY, how="left", indicator=True)
        exists = merged.pop("_merge").eq("both").to_numpy()
    same = exists.copy()
    for c in fields:
        a, b = merged[c].to_numpy(dtype=float), merged[c + "_lama"].to_numpy(dtype=float)
        same &= (np.abs(a - b) <= 1e-9) | (np.isnan(a) & np.isnan(b))
    code = np.where(same, 2, np.where(exists, 1, 0))
    counts = np.bincount(code, minlength=3)
    status = pd.Categorical.from_codes(code, categories=["baru", "diperbarui", "sama"])
    replaces = exists & _has_counts(merged, "_lama") & ~_has_counts(merged, "")
    replaces &= ~np.isnan(merged[s.NILAI].to_numpy(dtype=float))
    detail = merged.assign(status=status, mengganti_hitungan=replaces)
    return Comparison(*map(int, counts), detail, int(replaces.sum()))


def _has_counts(frame: pd.DataFrame, suffix: str) -> np.ndarray:
    """Rows with both pembilang and penyebut (of the stored value with ``suffix="_lama"``)."""
    num = frame[s.PEMBILANG + suffix].to_numpy(dtype=float)
    return ~np.isnan(num) & ~np.isnan(frame[s.PENYEBUT + suffix].to_numpy(dtype=float))
