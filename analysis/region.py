"""The region a reference folder serves (one kabupaten/kota) and the words the UI uses for it.

A reference folder's ``wilayah.csv`` names its kabupaten/kota: Kemendagri code, name as published
("Kota Bandung", "Kabupaten Aceh Utara", "Kota Administrasi …" in DKI Jakarta), province, BPS kab/kota code (may be
empty) and what its villages are called ("kelurahan", "desa" or "desa/kelurahan"). Kemendagri
desa/kelurahan codes tell the two apart: the fourth part starts with 1 for a kelurahan and 2 for a
desa. Pure: no file access (the national list comes from ``store.national``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

WILAYAH_COLUMNS = ["kode", "nama", "provinsi", "kode_bps", "sebutan_desa", "data_contoh"]
UNIT_WORDS = ("kelurahan", "desa", "desa/kelurahan")


@dataclass(frozen=True)
class Region:
    """One kabupaten/kota: ``kode`` ``"32.73"``, ``nama`` ``"Kota Bandung"``."""

    kode: str
    nama: str
    provinsi: str = ""
    kode_bps: str = ""  # BPS kab/kota code: its digits may differ from the Kemendagri code
    sebutan_desa: str = "kelurahan"  # kelurahan | desa | desa/kelurahan
    data_contoh: bool = False  # whether an empty database gets the synthetic demo data

    @property
    def digits(self) -> str:
        """The code without dots (``"3273"``), how 10-digit desa codes begin."""
        return self.kode.replace(".", "")

    @property
    def is_kota(self) -> bool:
        return self.nama.startswith("Kota")

    @property
    def kind(self) -> str:
        """ "kota" or "kabupaten" (lower case, for running text)."""
        return "kota" if self.is_kota else "kabupaten"

    @property
    def short_name(self) -> str:
        """The name without "Administrasi" ("Kota Administrasi X" → "Kota X"): "Kota Bandung",
        "Kabupaten Aceh Utara"."""
        return self.nama.replace("Kota Administrasi ", "Kota ").replace(
            "Kabupaten Administrasi ", "Kabupaten "
        )

    @property
    def title_name(self) -> str:
        """The name in the app's title: DKI Jakarta's administrative kota by their bare name
        (unique), any other with its kind ("Kota Kupang" is not Kabupaten
        Kupang)."""
        return self.bare_name if "Administrasi" in self.nama else self.short_name

    @property
    def bare_name(self) -> str:
        """The name without its kind: "Aceh Utara", "Bandung"."""
        for prefix in ("Kota Administrasi ", "Kabupaten Administrasi ", "Kota ", "Kabupaten "):
            if self.nama.startswith(prefix):
                return self.nama[len(prefix) :]
        return self.nama

    def words(self) -> dict[str, str]:
        """The placeholders every UI text may use (``text.strings.t``): ``{unit}`` "kelurahan" /
        "desa" / "desa/kelurahan", ``{Unit}`` capitalised, ``{wilayah}`` "Kota Bandung",
        ``{wilayah_resmi}`` the official name, ``{nama_wilayah}`` "Bandung", ``{judul_wilayah}``
        the name in titles, ``{kabkota}`` "kota"/"kabupaten", ``{Kabkota}`` capitalised."""
        unit = self.sebutan_desa
        return {
            "unit": unit,
            "Unit": "/".join(w.capitalize() for w in unit.split("/")),
            "wilayah": self.short_name,
            "wilayah_resmi": self.nama,
            "nama_wilayah": self.bare_name,
            "judul_wilayah": self.title_name,
            "kabkota": self.kind,
            "Kabkota": self.kind.capitalize(),
        }


def level_of(kode: str) -> int:
    """1 province, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan (parts of a dotted code)."""
    return kode.count(".") + 1


def unit_word(desa_codes: pd.Series) -> str:
    """What a region's villages are called, from their Kemendagri codes (``xx.xx.xx.1nnn``
    kelurahan, ``xx.xx.xx.2nnn`` desa)."""
    kinds = set(desa_codes.str.split(".").str[3].str[0])
    if kinds == {"1"}:
        return "kelurahan"
    if kinds == {"2"}:
        return "desa"
    return "desa/kelurahan"


def region_of_code(digits: str, national: pd.DataFrame) -> pd.Series | None:
    """The kabupaten/kota row of the national list whose code begins ``digits`` (a 10-digit desa
    code, ``3273011001``, or its dotted form); ``None`` when no kabupaten/kota has that code."""
    plain = digits.replace(".", "")
    if len(plain) < 4 or not plain[:4].isdigit():
        return None
    dotted = f"{plain[:2]}.{plain[2:4]}"
    hit = national.loc[national["kode"] == dotted]
    return None if hit.empty else hit.iloc[0]


def region_from_national(kode: str, national: pd.DataFrame, kode_bps: str = "") -> Region:
    """The ``Region`` of kabupaten/kota ``kode`` (``"32.73"``) from the national list; raises
    ``KeyError`` when the list has no such kabupaten/kota."""
    row = national.loc[(national["kode"] == kode)]
    if row.empty or level_of(kode) != 2:  # noqa: PLR2004 - kabupaten/kota level
        raise KeyError(kode)
    province = national.loc[national["kode"] == kode.split(".")[0], "nama"]
    desa = national.loc[
        national["kode"].str.startswith(kode + ".") & (national["kode"].str.count(r"\.") == 3),
        "kode",
    ]  # noqa: PLR2004
    return Region(
        kode=kode,
        nama=row.iloc[0]["nama"],
        provinsi=province.iloc[0] if len(province) else "",
        kode_bps=kode_bps,
        sebutan_desa=unit_word(desa) if len(desa) else "desa/kelurahan",
    )


def explain_not_a_region(kode: str, national: pd.DataFrame) -> str:
    """Why ``kode`` is not a kabupaten/kota of the national list, and which code to use: a
    province ("32" → its kabupaten/kota), a kecamatan or desa (→ its kabupaten/kota), digits
    without the dot ("3273" → "32.73"), or a code the list does not hold."""
    names = national.set_index("kode")["nama"]
    plain = kode.strip()
    if plain.isdigit() and len(plain) == 4 and f"{plain[:2]}.{plain[2:]}" in names.index:  # noqa: PLR2004
        dotted = f"{plain[:2]}.{plain[2:]}"
        return (
            f"'{kode}': maksud Anda {dotted} ({names[dotted]})? Tulis kode Kemendagri dengan titik."
        )
    if plain in names.index and level_of(plain) == 1:
        kabkota = national.loc[
            national["kode"].str.startswith(plain + ".") & (national["kode"].str.count(r"\.") == 1)
        ].head(3)
        examples = ", ".join(
            f"{k} {n}" for k, n in zip(kabkota["kode"], kabkota["nama"], strict=True)
        )
        return (f"'{kode}' adalah kode provinsi {names[plain]}, bukan kabupaten/kota; pilih "
                f"kabupaten/kotanya, mis. {examples}.")  # fmt: skip
    if plain in names.index and level_of(plain) > 2:  # noqa: PLR2004
        parent = ".".join(plain.split(".")[:2])
        kind = "kecamatan" if level_of(plain) == 3 else "desa/kelurahan"  # noqa: PLR2004
        return (f"'{kode}' adalah kode {kind} {names[plain]}; kabupaten/kotanya {parent} "
                f"({names.get(parent, '?')}).")  # fmt: skip
    return (f"'{kode}' tidak ada di daftar kabupaten/kota Kemendagri 2025 (data/wilayah); kode "
            "berbentuk NN.NN, mis. 32.73 untuk Kota Bandung.")  # fmt: skip
