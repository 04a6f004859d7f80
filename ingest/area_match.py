"""What a place code or a code-and-name pair of a file is when it is not the region's own:
the region's BPS code (BPS ``3273…`` for Kota Bandung, Kemendagri 32.73) or a Kemendagri code of
another kabupaten/kota (BPS and Kemendagri numbers can collide: BPS 3175 is one city, Kemendagri 31.75 another), told by the exact code and the name beside it.
``OtherRegions`` is the part of ``ingest.matching.AreaMatcher`` that decides (it reads the
matcher's ``region``, ``words``, ``national``, ``kel`` and ``by_name``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis import schema as s
from analysis.region import Region
from ingest.national import Place, name_key


def code_digits(value: object) -> str:
    """Digits of a code cell: ``32.73.01.1001``, ``3273011001`` and Excel's ``3273011001.0``."""
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
    bps: bool = False  # the region's BPS code: the name beside it can tell the Kemendagri code
    lain: tuple[str, ...] = ()  # kabupaten/kota codes of another region the place may be of
    teks: str = ""  # the code as written (for ``check_pair``)


class OtherRegions:
    """The BPS trap and other regions' codes, for ``AreaMatcher``."""

    def _other_code(self, value: str, digits: str) -> AreaMatch | None:
        """A Kemendagri code of another kabupaten/kota named as such (``lain``), or None."""
        unit, wilayah, kode = self.words["unit"], self.words["wilayah"], self.region.kode
        other = self.national.kabkota(digits) if self.national is not None else None
        if other is not None and other.kode != kode:
            place = self.national.place(digits)
            what = other.region_label
            if place is not None and place.kode != other.kode:
                what = f"{place.nama}, {other.region_label}"
            return AreaMatch(
                None,
                None,
                f"Kode '{value}' adalah kode Kemendagri {what}, bukan {unit} {wilayah} ({kode}).",
                f"Berkas untuk {other.nama_kabkota}? Pilih folder referensi wilayah itu. Bila "
                f"kodenya salah ketik, perbaiki dengan kode dari templat atau isi nama {unit}.",
                lain=(other.kode,),
                teks=value,
            )
        return None

    def _is_bps(self, digits: str) -> bool:
        """Whether ``digits`` (not a code of the region) looks like the region's BPS code. When
        BPS and Kemendagri share the digits (3273 is Kota Bandung in both), only a BPS desa code
        (kecamatan part 3 digits ending in 0: 3273010001) counts."""
        bps = self.region.kode_bps
        if not bps or not digits.startswith(bps):
            return False
        return bps != self.region.digits or digits[6:7] == "0"

    def _bps(self, value: str, digits: str) -> AreaMatch:
        """The BPS trap: also a Kemendagri code of another region when that region has exactly
        this code (BPS 3175… is North Jakarta, Kemendagri 31.75… East Jakarta)."""
        bps, kode, unit, wilayah = (
            self.region.kode_bps,
            self.region.kode,
            self.words["unit"],
            self.words["wilayah"],
        )
        place = self.national.place(digits) if self.national is not None else None
        if place is None or place.kabkota == kode:
            return AreaMatch(
                None,
                None,
                f"'{value}' adalah kode BPS ({bps}…), bukan kode Kemendagri ({kode}…).",
                f"Gunakan kode Kemendagri dari templat, mis. {self._example()}, atau isi nama {unit}.",
                bps=True,
                teks=value,
            )
        other = Region(place.kabkota, place.nama_kabkota).short_name
        return AreaMatch(
            None,
            None,
            f"'{value}' bisa kode BPS {wilayah} ({bps}…) atau kode Kemendagri {place.nama}, "
            f"{place.region_label}.",
            f"Bila baris ini {unit} {wilayah}, ganti dengan kode Kemendagri ({kode}…) atau isi "
            f"nama {unit}; bila data {other}, pilih folder referensi wilayah itu.",
            bps=True,
            lain=(place.kabkota,),
            teks=value,
        )

    def _foreign_pair(self, code_match: AreaMatch, name: str) -> AreaMatch:
        """``check_pair`` for a BPS code or another region's code (``code_match.teks``)."""
        unit, wilayah, kode = self.words["unit"], self.words["wilayah"], self.region.kode
        named = self.by_name(name, suggest=False)
        if named.tingkat == "kelurahan":
            right = f"Ganti dengan kode Kemendagri {named.kode} ({self.kel.at[named.kode, s.KELURAHAN]})."
            if code_match.bps:
                return AreaMatch(
                    None,
                    None,
                    f"'{code_match.teks}' adalah kode BPS ({self.region.kode_bps}…), bukan kode "
                    f"Kemendagri ({kode}…); nama {name} cocok dengan {unit} {wilayah}.",
                    right,
                    bps=True,
                )
            return AreaMatch(
                None,
                None,
                f"Kode '{code_match.teks}' bukan kode {wilayah} ({kode}), tetapi nama '{name}' "
                f"adalah {unit} {wilayah}: kodenya salah ketik?",
                right,
            )
        place = self.national.place(code_match.teks) if self.national is not None else None
        if place is not None and code_match.lain and self._names_place(place, name):
            other = Region(place.kabkota, place.nama_kabkota).short_name
            return AreaMatch(
                None,
                None,
                f"Baris ini data {place.region_label}: {place.kode} adalah {place.nama}, bukan "
                f"{unit} {wilayah}.",
                f"Pilih folder referensi {other} (manage.py new-region {place.kabkota}), atau "
                "hapus baris ini.",
                lain=code_match.lain,
            )
        return code_match

    def _names_place(self, place: Place, name: str) -> bool:
        """Whether ``name`` is ``place``'s name, or a desa/kelurahan name of its region."""
        key = name_key(name)
        return key == name_key(place.nama) or place.kabkota in self.national.regions_named(key)
