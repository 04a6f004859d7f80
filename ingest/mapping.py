"""What the dry run tells the mapping step of a file (the mapping itself, the user's choices, is
``analysis.mapping``): the header signature a saved profile is found by, and how each column and
each indicator name written in the file was read (``ColumnInfo``, ``NameInfo`` and their
statuses), so that the page and ``manage.py import`` can ask only about what is unclear.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from analysis.mapping import ColumnSpec, text_key


def header_signature(labels: Iterable[str]) -> str:
    """The signature a profile is found by: the non-empty headers of a file's tables, in order
    (``text_key``), hashed. Two files with the same headers have the same signature."""
    keys = [text_key(label) for label in labels if str(label).strip()]
    return hashlib.sha256("\x1f".join(keys).encode()).hexdigest()[:16]


# How an indicator name was read (``indicator_names.NameMatch.how``) without the user's choice.
AUTOMATIC = ("nama", "alias", "mirip")
# What the dry run tells of each column and each indicator name, for the mapping step.
RECOGNISED = "dikenali"  # by its header (a role word or an indicator code)
BY_NAME = "nama"  # an indicator recognised by its name or an alias (shown in the dry run)
MAPPED = "pemetaan"  # as the mapping (a profile or the user) says
KNOWN_IGNORED = "diabaikan"  # a column the dashboard never reads ("No", "Keterangan")
UNCLEAR = "tidak_jelas"  # needs a choice
PERSONAL = "pribadi"  # personal data: never read, not mappable


@dataclass(frozen=True)
class ColumnInfo:
    """One column as the dry run read it."""

    header: str  # the header as shown (two-row headers joined)
    letter: str  # Excel column letter
    spec: ColumnSpec | None  # what it was read as; None when not read
    status: str  # RECOGNISED | BY_NAME | MAPPED | KNOWN_IGNORED | UNCLEAR | PERSONAL
    sheet: str | None = None
    candidates: tuple[str, ...] = ()  # ranked indicator codes, for an unclear indicator header


@dataclass(frozen=True)
class NameInfo:
    """One indicator name written in the file (a header's or a cell's) and how it was read."""

    text: str
    kode: str | None  # None: unknown or fits several indicators
    how: str  # indicator_names.NameMatch.how
    candidates: tuple[str, ...] = field(default_factory=tuple)  # ranked codes
