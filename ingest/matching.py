"""Matching what a file calls a place to the reference codes of the chosen region (sources:
``ingest.sources``, re-exported here; indicators: ``ingest.indicator_names``).

Desa/kelurahan are matched within the region of the reference folder (``Region``): by Kemendagri
code (``32.73.01.1001`` or ``3273011001``) or by name with the known variants (case, "Kel."
prefix, spacing, alternative spellings of ``kelurahan_alias.csv``; a name used twice in the
region, "Alue (Samudera)", by its kecamatan). Nothing is guessed: ambiguous and unknown names
come back as a problem with the closest candidates. With the national list
(``ingest.national.NationalLookup``, passed in by a service) a code or name of another
kabupaten/kota is named as such (``AreaMatch.lain``), and the region's BPS code (``3273…`` for
Kota Bandung, whose Kemendagri code is 32.73) is told from a Kemendagri code of another region
(the same four digits can be one region's BPS code and another's Kemendagri code) by the exact
code and the name beside it.
"""

from __future__ import annotations

import re

import pandas as pd
from rapidfuzz import fuzz, process

from analysis import schema as s
from analysis.region import Region, unit_word
from ingest.area_match import AreaMatch, OtherRegions, code_digits
from ingest.national import NationalLookup, name_key
from ingest.sources import MAX_NAME_CHARS, SourceMatcher, match_source

__all__ = [
    "MAX_NAME_CHARS",
    "MAX_SUGGESTIONS",
    "AreaMatch",
    "AreaMatcher",
    "SourceMatcher",
    "code_digits",
    "match_source",
    "name_key",
]

_KECAMATAN_PREFIX = re.compile(r"^\s*(kecamatan|kec\.?)\s+", re.IGNORECASE)
_TWIN = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")  # "Alue (Samudera)": a name used twice
# Close names are ranked by rapidfuzz. For a kelurahan that costs about 4 µs (difflib took
# 95 µs), so every unknown name gets its suggestions; a close indicator name costs 110 µs
# (garbage) to 340 µs (wordy names), so an indicator matcher searches this many distinct unknown
# names, and a file of a million distinct garbage names is still checked in seconds.
MAX_SUGGESTIONS = 10_000
SHOWN_REGIONS = 3  # other kabupaten/kota named beside an unknown name


def _default_region(kelurahan: pd.DataFrame) -> Region:
    """The region of a kelurahan table, for a matcher built without one (its code only)."""
    codes = kelurahan[s.KODE_KELURAHAN].astype(str)
    kode = ".".join(codes.iloc[0].split(".")[:2]) if len(codes) else ""
    unit = unit_word(codes) if len(codes) else "kelurahan"
    return Region(kode=kode, nama=f"wilayah {kode}", sebutan_desa=unit)


class AreaMatcher(OtherRegions):
    """Matches place codes and names against the region's desa/kelurahan, their kecamatan and
    the region itself."""

    def __init__(
        self,
        kelurahan: pd.DataFrame,
        aliases: pd.DataFrame,
        region: Region | None = None,
        national: NationalLookup | None = None,
    ):
        self.region = region or _default_region(kelurahan)
        self.national = national
        self.words = self.region.words()
        self.kel = kelurahan.set_index(s.KODE_KELURAHAN)
        self.by_digits = dict(
            zip(kelurahan[s.KODE_KELURAHAN_10], kelurahan[s.KODE_KELURAHAN], strict=False)
        )
        kec = kelurahan.drop_duplicates(s.KODE_KECAMATAN)
        self.kec_by_digits = {k.replace(".", ""): k for k in kec[s.KODE_KECAMATAN]}
        self.kec_names = dict(zip(kec[s.KODE_KECAMATAN], kec[s.KECAMATAN], strict=False))
        self.kec_by_key = {name_key(n): k for k, n in self.kec_names.items()}
        pairs = list(zip(kelurahan[s.KODE_KELURAHAN], kelurahan[s.KELURAHAN], strict=False))
        self.kel_by_key = {name_key(n): k for k, n in pairs}
        self.twins: dict[str, list[str]] = {}  # "alue" → the codes of "Alue (…)"
        for kode, nama in pairs:
            found = _TWIN.match(str(nama))
            if found and name_key(found[2]) == name_key(self.kel.at[kode, s.KECAMATAN]):
                self.twins.setdefault(name_key(found[1]), []).append(kode)
        self.alias = {}
        self.not_kelurahan = {}
        for row in aliases.itertuples(index=False):
            key = name_key(row.alias)
            if row.jenis == "ejaan":
                self.alias[key] = row.kode_kelurahan
            else:
                self.not_kelurahan[key] = (row.kode_kelurahan.split(), row.catatan)
        self.kota_keys = {
            name_key(n) for n in (self.region.nama, self.region.short_name) if name_key(n)
        }
        bare = name_key(self.region.bare_name)
        if bare and bare not in self.kel_by_key and bare not in self.kec_by_key:
            self.kota_keys.add(bare)
        self.choices = {name_key(n): n for n in kelurahan[s.KELURAHAN]}
        self.choices |= {k: self.kel.at[v, s.KELURAHAN] for k, v in self.alias.items()}
        self.choice_keys = list(self.choices)
        # Keys of every place name known (kelurahan, their spellings, kecamatan, the region),
        # for telling a column of place names from one of people's names (``ingest.personal``).
        self.place_keys = frozenset(
            [*self.choices, *self.twins, *self.kec_by_key, *self.not_kelurahan, *self.kota_keys]
        )

    def label(self, kode: str) -> str:
        return f"{self.kel.at[kode, s.KELURAHAN]} ({kode})"

    def _example(self) -> str:
        """A code of the region to show in a fix: "32.73.01.1001 (Sukarasa)"."""
        if self.kel.empty:
            return f"{self.region.kode}.01.1001"
        return f"{self.kel.index[0]} ({self.kel.iloc[0][s.KELURAHAN]})"

    def by_code(self, value: object) -> AreaMatch:
        """Match a Kemendagri code (desa/kelurahan, kecamatan or region; dotted or digits)."""
        digits = code_digits(value)
        unit, wilayah, kode = self.words["unit"], self.words["wilayah"], self.region.kode
        if not digits.isdigit():
            return AreaMatch(
                None,
                None,
                f"'{value}' bukan kode wilayah.",
                f"Isi kode Kemendagri seperti {self._example()}.",
            )
        if digits in self.by_digits:
            return AreaMatch(self.by_digits[digits], "kelurahan")
        if digits in self.kec_by_digits:
            return AreaMatch(self.kec_by_digits[digits], "kecamatan")
        if digits == self.region.digits:
            return AreaMatch(kode, "kota")
        if self._is_bps(digits):
            return self._bps(str(value), digits)
        other = self._other_code(str(value), digits)
        if other is not None:
            return other
        if digits.startswith(self.region.digits):
            where = f"daftar {len(self.kel)} {unit} {wilayah}"
        else:
            where = f"{wilayah} ({kode}…) maupun kode Kemendagri wilayah lain yang dikenal"
        return AreaMatch(
            None,
            None,
            f"Kode '{value}' tidak ada di {where}.",
            "Periksa kode di templat atau di halaman Data Referensi.",
        )

    def by_name(
        self,
        value: object,
        kecamatan_level: bool = False,
        suggest: bool = True,
        kecamatan: object = "",
    ) -> AreaMatch:
        """Match a name; ``kecamatan_level`` when the file reports kecamatan, not kelurahan;
        ``suggest=False`` when only the match matters (no close names for an unknown one);
        ``kecamatan``: the kecamatan written beside it (tells a name used twice)."""
        raw = str(value).strip()
        key = name_key(raw)
        unit, unit_cap, wilayah = self.words["unit"], self.words["Unit"], self.words["wilayah"]
        explicit_kec = bool(_KECAMATAN_PREFIX.match(raw))
        if key in self.kota_keys:
            return AreaMatch(self.region.kode, "kota")
        kel = self.kel_by_key.get(key) or self.alias.get(key)
        kec = self.kec_by_key.get(key)
        if kel and kec and (kecamatan_level or explicit_kec):
            if explicit_kec:
                return AreaMatch(kec, "kecamatan")
            return AreaMatch(
                None,
                None,
                f"'{raw}' bisa berarti {unit_cap} {self.label(kel)} atau Kecamatan {self.kec_names[kec]} ({kec}); berkas ini memuat nama kecamatan.",
                "Tulis kode Kemendagri, atau 'Kel. …' / 'Kec. …' di depan nama.",
            )
        if kel:
            return AreaMatch(kel, "kelurahan")
        if key in self.twins and not (kec and (kecamatan_level or explicit_kec)):
            return self._twin(raw, self.twins[key], kecamatan, kec)
        if kec:
            return AreaMatch(kec, "kecamatan")
        if key in self.not_kelurahan:
            codes, note = self.not_kelurahan[key]
            return AreaMatch(
                None,
                None,
                f"'{raw}' bukan {unit}: {note}.",
                f"Gunakan {unit}: " + ", ".join(self.label(c) for c in codes) + ".",
            )
        lain = ()
        if self.national is not None and key:
            lain = tuple(r for r in self.national.regions_named(key) if r != self.region.kode)
        pesan = f"{unit_cap} '{raw}' tidak dikenal di {wilayah}."
        if 0 < len(lain) <= SHOWN_REGIONS:
            names = [f"{self.national.region_name(r)} ({r})" for r in lain]
            pesan += f" Nama ini ada di {', '.join(names)}."
        if not suggest:
            return AreaMatch(None, None, pesan, None, lain=lain)
        found = process.extract(key, self.choice_keys, scorer=fuzz.ratio, limit=3, score_cutoff=60)
        names = list(dict.fromkeys(self.choices[c] for c, _, _ in found))
        return AreaMatch(
            None,
            None,
            pesan,
            (
                "Mungkin maksudnya: " + ", ".join(names) + "."
                if names
                else "Periksa ejaan nama dengan daftar di templat."
            )
            + " Kode Kemendagri selalu dikenali.",
            lain=lain,
        )

    def _twin(
        self, raw: str, codes: list[str], kecamatan: object, same_kec: str | None = None
    ) -> AreaMatch:
        """A name used by several desa of the region: the one in ``kecamatan``, else a problem
        listing them (``same_kec``: a kecamatan of that name too)."""
        kec = self.kec_by_key.get(name_key(kecamatan)) if str(kecamatan).strip() else None
        hits = [c for c in codes if self.kel.at[c, s.KODE_KECAMATAN] == kec]
        if len(hits) == 1:
            return AreaMatch(hits[0], "kelurahan")
        unit, wilayah = self.words["unit"], self.words["wilayah"]
        listed = ", ".join(f"{self.kel.at[c, s.KELURAHAN]} {c}" for c in codes)
        pesan = f"Ada {len(codes)} {unit} bernama '{raw}' di {wilayah}: {listed}."
        if str(kecamatan).strip():
            pesan += f" Tidak satu pun di Kecamatan '{kecamatan}'."
        if same_kec is not None:
            pesan += f" '{raw}' juga nama Kecamatan {self.kec_names[same_kec]} ({same_kec})."
        return AreaMatch(
            None,
            None,
            pesan,
            f"Isi kolom kecamatan, tulis nama lengkapnya (mis. '{self.kel.at[codes[0], s.KELURAHAN]}'), "
            "atau pakai kode Kemendagri.",
        )

    def is_kecamatan_only(self, value: object) -> bool:
        key = name_key(value)
        known = key in self.kel_by_key or key in self.alias or key in self.twins
        return key in self.kec_by_key and not known

    def check_pair(self, code_match: AreaMatch, name: object) -> AreaMatch:
        """A code must agree with the name written beside it. A BPS code or another region's
        code beside a name of the region is answered with that name's Kemendagri code; beside
        the other region's own name the row is that region's."""
        text = str(name).strip()
        if code_match.kode is None and text and (code_match.bps or code_match.lain):
            return self._foreign_pair(code_match, text)
        if code_match.kode is None or code_match.tingkat != "kelurahan" or not text:
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
