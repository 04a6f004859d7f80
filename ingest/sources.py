"""Matching what a file calls a source (a code, a name or an office name of
``sumber_alias.csv``) to its code; re-exported by ``ingest.matching``."""

from __future__ import annotations

import re

import pandas as pd
from rapidfuzz import fuzz, process

from analysis import schema as s
from ingest.national import name_key

MAX_NAME_CHARS = 300  # longer text is no name: it is not compared (its cost grows with it)


class SourceMatcher:
    """Matches a source cell to its code: a code (``EPPGBM``), a name (``e-PPGBM``) or an office
    name of ``sumber_alias.csv`` ("Sudin Kesehatan"), also followed by more words ("Puskesmas
    Cibeunying", "Dinas Kesehatan Kota Bandung": the longest known leading words count)."""

    SHOWN_OFFICES = 12  # office names listed in the fix of an unknown source

    def __init__(self, sumber: pd.DataFrame, aliases: pd.DataFrame | None = None):
        self.codes = list(sumber[s.KODE])
        self.offices = [] if aliases is None else list(dict.fromkeys(aliases["alias"]))
        self.known: dict[str, str] = {}
        if aliases is not None and len(aliases):
            self.known |= {
                name_key(a): k
                for a, k in zip(aliases["alias"], aliases["kode_sumber"], strict=True)
            }
        for kode, nama in zip(sumber[s.KODE], sumber[s.NAMA], strict=True):
            self.known[name_key(nama)] = kode
            self.known[name_key(kode)] = kode

    def match(self, value: object) -> str | None:
        words = re.findall(r"[0-9a-z]+", str(value).casefold())[:20]
        for n in range(len(words), 0, -1):
            if (kode := self.known.get("".join(words[:n]))) is not None:
                return kode
        return None

    def hint(self, value: object) -> str:
        """The fix for an unknown source cell: the close office names first (rapidfuzz), then
        the codes and the office names understood."""
        close = process.extract(
            str(value)[:MAX_NAME_CHARS],
            self.offices,
            scorer=fuzz.token_sort_ratio,
            processor=str.casefold,
            limit=3,
            score_cutoff=70,
        )
        hint = f"Gunakan salah satu kode: {', '.join(self.codes)}"
        if self.offices:
            shown = self.offices[: self.SHOWN_OFFICES]
            more = len(self.offices) - len(shown)
            hint += ", atau nama instansi yang dikenali: " + ", ".join(shown)
            hint += f" (dan {more} lainnya, lihat sumber_alias.csv)" if more else ""
        hint += "; atau pilih sumber data untuk seluruh berkas."
        if close:
            hint = f"Mungkin maksudnya: {', '.join(c for c, _, _ in close)}. " + hint
        return hint


def match_source(
    value: object, sumber: pd.DataFrame, aliases: pd.DataFrame | None = None
) -> str | None:
    """A source cell (code, name or office name, ``SourceMatcher``) as its code, or None."""
    return SourceMatcher(sumber, aliases).match(value)
