"""The national Kemendagri list as a lookup for imports: which kabupaten/kota a code or a
desa/kelurahan name belongs to, when a file's place is not in the chosen region.

Built once per process from the national frame (``kode``, ``nama``) or its loader
(``store.national`` reads it, a service passes it in: ``ingest`` does no file access). Codes are looked up by their digits
(``3273011001`` or ``32.73.01.1001``); names by ``name_key`` (the index of 83,000 names is built
on the first name looked up, so a file matched by codes alone never pays for it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

_PREFIX = re.compile(r"^\s*(kelurahan|kel\.?|desa|kec\.?|kecamatan)\s+", re.IGNORECASE)
KABKOTA_DIGITS = 4
DESA_DOTS = 3


def name_key(text: object) -> str:
    """Comparable form of a name: no "Kel."/"Kelurahan" prefix, case, spaces or punctuation."""
    t = _PREFIX.sub("", unicodedata.normalize("NFKC", str(text)).strip())  # "Ｐｌｕｉｔ" too
    return re.sub(r"[^0-9a-z]", "", t.lower())


def name_keys(names: pd.Series) -> pd.Series:
    """``name_key`` of every name of ``names`` (vectorised, the same keys)."""
    text = names.astype(str).str.normalize("NFKC").str.strip()
    text = text.str.replace(_PREFIX, "", regex=True).str.lower()
    return text.str.replace(r"[^0-9a-z]", "", regex=True)


@dataclass(frozen=True)
class Place:
    """A place of the national list: ``kode`` ``"32.73.01.1001"``, ``nama`` ``"Sukarasa"``, and
    its kabupaten/kota (``kabkota`` ``"32.73"``, ``nama_kabkota`` ``"Kota Bandung"``)."""

    kode: str
    nama: str
    kabkota: str
    nama_kabkota: str

    @property
    def region_label(self) -> str:
        """ "Kota Bandung (32.73)"."""
        return f"{self.nama_kabkota} ({self.kabkota})"


class NationalLookup:
    """Kabupaten/kota, kecamatan and desa/kelurahan of all Indonesia by code digits and by
    desa/kelurahan name. Given a loader (``store.national.national_list``), the list is read
    on the first question only: a file whose places are all the region's never reads it."""

    def __init__(self, national: pd.DataFrame | Callable[[], pd.DataFrame]):
        self._source = national
        self._names: dict[str, str] = {}
        self._codes: dict[str, str] = {}
        self._desa: list[tuple[str, str]] = []
        self._loaded = False
        self._by_name: dict[str, tuple[str, ...]] | None = None

    def _load(self) -> None:
        if self._loaded:
            return
        table = self._source() if callable(self._source) else self._source
        codes = table["kode"].astype(str).tolist()
        names = table["nama"].astype(str).tolist()
        self._names = {c.replace(".", ""): n for c, n in zip(codes, names, strict=True)}
        self._codes = {c.replace(".", ""): c for c in codes}
        self._desa = [
            (c, n) for c, n in zip(codes, names, strict=True) if c.count(".") == DESA_DOTS
        ]
        self._loaded = True

    def kabkota(self, digits: str) -> Place | None:
        """The kabupaten/kota whose code begins ``digits`` (any level); None when none."""
        self._load()
        head = digits.replace(".", "")[:KABKOTA_DIGITS]
        if len(head) < KABKOTA_DIGITS or head not in self._names:
            return None
        kode = self._codes[head]
        return Place(kode, self._names[head], kode, self._names[head])

    def place(self, digits: str) -> Place | None:
        """The place with exactly this code (kabupaten/kota, kecamatan or desa/kelurahan)."""
        plain = digits.replace(".", "")
        region = self.kabkota(plain)
        if region is None or plain not in self._names:
            return None
        return Place(self._codes[plain], self._names[plain], region.kode, region.nama)

    def regions_named(self, key: str) -> tuple[str, ...]:
        """Codes of the kabupaten/kota having a desa/kelurahan whose ``name_key`` is ``key``."""
        self._load()
        if self._by_name is None:
            keys = name_keys(pd.Series([n for _, n in self._desa], dtype=object))
            found: dict[str, dict[str, None]] = {}
            for k, (kode, _) in zip(keys.tolist(), self._desa, strict=True):
                found.setdefault(k, {})[kode[:5]] = None
            self._by_name = {k: tuple(r) for k, r in found.items()}
        return self._by_name.get(key, ())

    def region_name(self, kode: str) -> str:
        """The name of kabupaten/kota ``kode`` (``"32.73"``), or the code when unknown."""
        self._load()
        return self._names.get(kode.replace(".", ""), kode)
