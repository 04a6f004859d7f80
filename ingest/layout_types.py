"""What a table's layout is (``Layout``, ``IndicatorColumn``, the formats ``LONG``/``WIDE``):
the types the layout readers and the checks take, in their own module so that
``ingest.layout``, ``ingest.headers`` and ``ingest.layout_report`` need not import each other."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.mapping import ColumnInfo, NameInfo

LONG = "panjang"
WIDE = "lebar"


@dataclass(frozen=True)
class IndicatorColumn:
    """A wide-format column: which indicator and which of its fields it holds."""

    col: int
    kode: str | None  # None: looks like an indicator code but is not in the catalogue
    field: str  # pembilang | penyebut | nilai
    label: str
    how: str = "kode"  # indicator_names.NameMatch.how, or "pemetaan" (the user's mapping)
    candidates: tuple[str, ...] = ()  # for an unknown or ambiguous one: ranked codes
    name: str = ""  # the indicator's text in the header (without the field)


@dataclass
class Layout:
    """Where the table is and what its columns mean."""

    header_row: int  # 0-based index into the cells
    data_start: int
    labels: list[str]  # header text per column, for messages
    roles: dict[str, int]
    format: str
    indicator_columns: list[IndicatorColumn] = field(default_factory=list)
    unknown_indicator_columns: list[IndicatorColumn] = field(default_factory=list)
    ignored_columns: list[int] = field(default_factory=list)
    personal_columns: list[int] = field(default_factory=list)  # by header or by content
    personal_kinds: dict[int, str] = field(default_factory=dict)  # column → personal.NIK, …
    title_period: str | None = None
    notes: list[str] = field(default_factory=list)
    columns: list[ColumnInfo] = field(default_factory=list)  # every non-empty column, as read
    names: list[NameInfo] = field(default_factory=list)  # indicator names of the header
    title: str = ""  # the text of the rows above the header
    status: dict[int, str] = field(default_factory=dict)  # column → mapping.RECOGNISED, …
    sheet: str | None = None
