"""Matching what a file calls a place or a source to the reference codes (indicators:
``ingest.indicator_names``).

Kelurahan are matched by Kemendagri code (``31.72.02.1007`` or ``3172021007``) or by name with
the known variants (case, "Kel." prefix, spacing, alternative spellings of
``kelurahan_alias.csv``). Nothing is guessed: ambiguous and unknown names come back as a problem
with the closest candidates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

import pandas as pd
from rapidfuzz import fuzz, process

from analysis import schema as s

KOTA_KEYS = {
    "jakartautara",
    "kotajakartautara",
    "kotaadministrasijakartautara",
    "jakut",
    "kotajakut",
}
_PREFIX = re.compile(r"^\s*(kelurahan|kel\.?|desa|kec\.?|kecamatan)\s+", re.IGNORECASE)
_KECAMATAN_PREFIX = re.compile(r"^\s*(kecamatan|kec\.?)\s+", re.IGNORECASE)
# Close names are ranked by rapidfuzz. For a kelurahan that costs about 4 µs (difflib took
# 95 µs), so every unknown name gets its suggestions; a close indicator name costs 110 µs
# (garbage) to 340 µs (wordy names), so an indicator matcher searches this many distinct unknown
# names, and a file of a million distinct garbage names is still checked in seconds.
MAX_SUGGESTIONS = 10_000
# Longer text is no name: it is not compared (its cost grows with its length).
MAX_NAME_CHARS = 300


def name_key(text: object) -> str:
    """Comparable form of a name: no "Kel."/"Kelurahan" prefix, case, spaces or punctuation."""
    t = _PREFIX.sub("", unicodedata.normalize("NFKC", str(text)).strip())  # "Ｐｌｕｉｔ" too
    return re.sub(r"[^0-9a-z]", "", t.lower())


def code_digits(value: object) -> str:
    """Digits of a code cell: ``31.72.02.1007``, ``3172021007`` and Excel's ``3172021007.0``."""
    text = str(value).strip()
    if re.fullmatch(r"[0-9]+\.0", text):
        text = text[:-2]
    return re.sub(r"[.\s]", "", text)


@dataclass(frozen=True)
class AreaMatch:
    """The outcome of matching one place: a code and level, or a problem with a fix."""

    kode: str | None
    tingkat: str | None  # kelurahan | kecamatan | kota
    pesan: str | None = None
    saran: str | None = None
    bps: bool = False  # a BPS code (3175…): the name beside it can tell the Kemendagri code


class AreaMatcher:
    """Matches place codes and names against the 31 kelurahan, their kecamatan and the city."""

    def __init__(self, kelurahan: pd.DataFrame, aliases: pd.DataFrame):
        self.kel = kelurahan.set_index(s.KODE_KELURAHAN)
        self.by_digits = dict(
            zip(kelurahan[s.KODE_KELURAHAN_10], kelurahan[s.KODE_KELURAHAN], strict=False)
        )
        kec = kelurahan.drop_duplicates(s.KODE_KECAMATAN)
        self.kec_by_digits = {k.replace(".", ""): k for k in kec[s.KODE_KECAMATAN]}
        self.kec_names = dict(zip(kec[s.KODE_KECAMATAN], kec[s.KECAMATAN], strict=False))
        self.kec_by_key = {name_key(n): k for k, n in self.kec_names.items()}
        self.kel_by_key = {
            name_key(n): k
            for k, n in zip(kelurahan[s.KODE_KELURAHAN], kelurahan[s.KELURAHAN], strict=False)
        }
        self.alias = {}
        self.not_kelurahan = {}
        for row in aliases.itertuples(index=False):
            key = name_key(row.alias)
            if row.jenis == "ejaan":
                self.alias[key] = row.kode_kelurahan
            else:
                self.not_kelurahan[key] = (row.kode_kelurahan.split(), row.catatan)
        self.choices = {name_key(n): n for n in kelurahan[s.KELURAHAN]}
        self.choices |= {k: self.kel.at[v, s.KELURAHAN] for k, v in self.alias.items()}
        self.choice_keys = list(self.choices)
        # Keys of every place name known (kelurahan, their spellings, kecamatan, the city), for
        # telling a column of place names from one of people's names (``ingest.personal``).
        self.place_keys = frozenset(
            [*self.choices, *self.kec_by_key, *self.not_kelurahan, "jakartautara", "jakut"]
        )

    def label(self, kode: str) -> str:
        return f"{self.kel.at[kode, s.KELURAHAN]} ({kode})"

    def _kelurahan_of(self, kec_code: str) -> str:
        names = self.kel.loc[self.kel[s.KODE_KECAMATAN] == kec_code, s.KELURAHAN]
        return ", ".join(names)

    def by_code(self, value: object) -> AreaMatch:
        """Match a Kemendagri code (kelurahan, kecamatan or city; dotted or digits only)."""
        digits = code_digits(value)
        if digits.startswith("3175"):
            return AreaMatch(
                None,
                None,
                f"'{value}' adalah kode BPS (3175…), bukan kode Kemendagri (31.72…).",
                "Gunakan kode Kemendagri dari templat, mis. 31.72.02.1007 (Warakas), atau isi nama kelurahan.",
                bps=True,
            )
        if not digits.isdigit():
            return AreaMatch(
                None,
                None,
                f"'{value}' bukan kode wilayah.",
                "Isi kode Kemendagri seperti 31.72.02.1007.",
            )
        if digits in self.by_digits:
            return AreaMatch(self.by_digits[digits], "kelurahan")
        if digits in self.kec_by_digits:
            return AreaMatch(self.kec_by_digits[digits], "kecamatan")
        if digits == s.KODE_KOTA.replace(".", ""):
            return AreaMatch(s.KODE_KOTA, "kota")
        where = (
            "Jakarta Utara" if digits.startswith("3172") else "wilayah lain (bukan Jakarta Utara)"
        )
        return AreaMatch(
            None,
            None,
            f"Kode '{value}' tidak ada di daftar 31 kelurahan Jakarta Utara ({where}).",
            "Periksa kode di templat atau di halaman Data Referensi.",
        )

    def by_name(
        self, value: object, kecamatan_level: bool = False, suggest: bool = True
    ) -> AreaMatch:
        """Match a name; ``kecamatan_level`` when the file reports kecamatan, not kelurahan;
        ``suggest=False`` when only the match matters (no close names for an unknown one)."""
        raw = str(value).strip()
        key = name_key(raw)
        explicit_kec = bool(_KECAMATAN_PREFIX.match(raw))
        if key in KOTA_KEYS:
            return AreaMatch(s.KODE_KOTA, "kota")
        kel = self.kel_by_key.get(key) or self.alias.get(key)
        kec = self.kec_by_key.get(key)
        if kel and kec and (kecamatan_level or explicit_kec):
            if explicit_kec:
                return AreaMatch(kec, "kecamatan")
            return AreaMatch(
                None,
                None,
                f"'{raw}' bisa berarti Kelurahan {self.label(kel)} atau Kecamatan {self.kec_names[kec]} ({kec}); berkas ini memuat nama kecamatan.",
                "Tulis kode Kemendagri, atau 'Kel. …' / 'Kec. …' di depan nama.",
            )
        if kel:
            return AreaMatch(kel, "kelurahan")
        if kec:
            return AreaMatch(kec, "kecamatan")
        if key in self.not_kelurahan:
            codes, note = self.not_kelurahan[key]
            return AreaMatch(
                None,
                None,
                f"'{raw}' bukan kelurahan: {note}.",
                "Gunakan kelurahan: " + ", ".join(self.label(c) for c in codes) + ".",
            )
        close = []
        if suggest:
            found = process.extract(
                key, self.choice_keys, scorer=fuzz.ratio, limit=3, score_cutoff=60
            )
            close = [c for c, _, _ in found]
        names = list(dict.fromkeys(self.choices[c] for c in close))
        return AreaMatch(
            None,
            None,
            f"Kelurahan '{raw}' tidak dikenal di Jakarta Utara.",
            (
                "Mungkin maksudnya: " + ", ".join(names) + "."
                if names
                else "Periksa ejaan nama dengan daftar di templat."
            )
            + " Kode Kemendagri selalu dikenali.",
        )

    def is_kecamatan_only(self, value: object) -> bool:
        key = name_key(value)
        return key in self.kec_by_key and key not in self.kel_by_key and key not in self.alias

    def check_pair(self, code_match: AreaMatch, name: object) -> AreaMatch:
        """A code must agree with the name written beside it; a BPS code beside a known
        kelurahan name is answered with that kelurahan's Kemendagri code."""
        if code_match.bps and str(name).strip():
            named = self.by_name(name, suggest=False)
            if named.tingkat == "kelurahan":
                return replace(
                    code_match,
                    saran=f"Ganti dengan kode Kemendagri {named.kode} ({self.kel.at[named.kode, s.KELURAHAN]}).",
                )
        if code_match.kode is None or code_match.tingkat != "kelurahan" or not str(name).strip():
            return code_match
        by_name = self.by_name(name)
        if by_name.kode is not None and by_name.kode != code_match.kode:
            return AreaMatch(
                None,
                None,
                f"Kode {code_match.kode} adalah {self.kel.at[code_match.kode, s.KELURAHAN]}, tetapi namanya ditulis '{name}'.",
                "Perbaiki kode atau nama agar sesuai (lihat templat).",
            )
        return code_match

    def check_kecamatan(self, match: AreaMatch, kecamatan: object) -> AreaMatch:
        """A kelurahan must lie in the kecamatan written beside it (when that is a known kecamatan)."""
        kec = self.kec_by_key.get(name_key(kecamatan))
        if match.tingkat != "kelurahan" or kec is None:
            return match
        actual = self.kel.at[match.kode, s.KODE_KECAMATAN]
        if kec == actual:
            return match
        return AreaMatch(
            None,
            None,
            f"{self.kel.at[match.kode, s.KELURAHAN]} berada di Kecamatan {self.kec_names[actual]}, bukan {self.kec_names[kec]}.",
            "Perbaiki kolom kecamatan atau kelurahan.",
        )


class SourceMatcher:
    """Matches a source cell to its code: a code (``EPPGBM``), a name (``e-PPGBM``) or an office
    name of ``sumber_alias.csv`` ("Sudin Kesehatan"), also followed by more words ("Puskesmas
    Koja", "Sudin Kesehatan Jakarta Utara": the longest known leading words count)."""

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
