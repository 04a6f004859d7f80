"""The reference data (``data/reference``) as typed tables, and the catalogue with the indicators
added in the app.

``Reference`` holds one frame per reference file, typed from the validated text by
``typed_reference`` (``ingest.reference`` reads and checks the files' bytes, which
``store.reference_files`` reads from disk); ``COLUMNS`` names each file's columns. Pure: no file
access.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from analysis import schema as s
from analysis.region import WILAYAH_COLUMNS, Region

# The columns each reference file must have, by file name.
COLUMNS: dict[str, list[str]] = {
    "wilayah.csv": WILAYAH_COLUMNS,
    "kelurahan.csv": [
        s.KODE_KELURAHAN,
        s.KODE_KELURAHAN_10,
        s.KELURAHAN,
        s.KODE_KECAMATAN,
        s.KECAMATAN,
        s.LABEL_LAT,
        s.LABEL_LON,
        s.AREA_KM2,
    ],
    "kelurahan_alias.csv": ["alias", s.KODE_KELURAHAN, "jenis", "catatan"],
    "lokus.csv": [s.TAHUN, s.KODE_KELURAHAN, s.KELURAHAN, s.DASAR_PENETAPAN],
    "sumber_data.csv": [s.KODE, s.NAMA, "jenis", "keterangan"],
    "opd.csv": [s.KODE, "singkatan", s.NAMA, "sektor", "keterangan"],
    "sumber_dana.csv": [s.KODE, s.NAMA, "keterangan"],
    "indikator.csv": [
        s.KODE,
        s.NAMA,
        s.KELOMPOK,
        s.SASARAN,
        s.SATUAN,
        s.ARAH,
        s.TARGET,
        s.TAHUN_TARGET,
        s.SUMBER_TARGET,
        s.TARGET_TERKONFIRMASI,
        s.SUMBER_DATA,
        s.KELOMPOK_SCORECARD,
    ],
    "target_lain.csv": [s.KODE_INDIKATOR, s.TARGET, s.TAHUN_TARGET, s.SUMBER_TARGET, "keterangan"],
    "aturan_peringatan.csv": [s.KODE_INDIKATOR, "operator", "ambang", "pesan"],
    "kerangka_aksi.csv": [
        s.KERANGKA,
        "nama_kerangka",
        s.NOMOR_AKSI,
        s.AKSI,
        "jenis",
        "keluaran",
        "tingkat",
    ],
    "tahapan_aksi.csv": [
        s.KERANGKA,
        s.NOMOR_AKSI,
        s.NOMOR_TAHAPAN,
        s.TAHAPAN,
        "bulan_mulai",
        "bulan_selesai",
    ],
    "indikator_alias.csv": [s.KODE, "alias", "asal"],
    "sumber_alias.csv": ["alias", "kode_sumber", "catatan"],
    "plausibilitas.csv": [
        "uji",
        "nama",
        "banding",
        "batas_sangat_baik",
        "batas_baik",
        "batas_cukup",
        "poin_sangat_baik",
        "poin_baik",
        "poin_cukup",
        "poin_bermasalah",
    ],
}
PLAUSIBILITY_NUMBERS = COLUMNS["plausibilitas.csv"][3:]


@dataclass(frozen=True)
class Reference:
    """The validated reference data, typed."""

    kelurahan: pd.DataFrame
    kelurahan_alias: pd.DataFrame
    lokus: pd.DataFrame
    sumber_data: pd.DataFrame
    indikator: pd.DataFrame
    target_lain: pd.DataFrame
    kerangka: pd.DataFrame
    tahapan: pd.DataFrame
    aturan_peringatan: pd.DataFrame
    opd: pd.DataFrame
    sumber_dana: pd.DataFrame
    indikator_alias: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COLUMNS["indikator_alias.csv"])
    )
    sumber_alias: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COLUMNS["sumber_alias.csv"])
    )
    # The plausibility report's thresholds (``analysis.plausibility``).
    plausibilitas: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=COLUMNS["plausibilitas.csv"])
    )
    # The kabupaten/kota this folder serves (``wilayah.csv``).
    wilayah: Region = field(default_factory=lambda: Region("", ""))

    def indicator(self, kode: str) -> pd.Series:
        """The catalogue row of indicator ``kode`` (name, unit, target, direction, source)."""
        return self.indikator.set_index(s.KODE).loc[kode]

    def kelurahan_codes(self) -> dict[str, str]:
        """Kelurahan name → code, in alphabetical order of the names (the Profil picker)."""
        kel = self.kelurahan.sort_values(s.KELURAHAN)
        return dict(zip(kel[s.KELURAHAN], kel[s.KODE_KELURAHAN], strict=True))

    def summary(self) -> dict[str, int]:
        """Row counts per table, for ``manage.py check-data``."""
        return {
            name: len(getattr(self, name))
            for name in self.__dataclass_fields__
            if isinstance(getattr(self, name), pd.DataFrame)
        }


def typed_indikator(ind: pd.DataFrame) -> pd.DataFrame:
    """The catalogue rows with target, target year and confirmation typed (checked before)."""
    num = lambda col: pd.to_numeric(col, errors="coerce")  # noqa: E731 - checked by ingest.reference_checks
    return ind.assign(
        **{
            s.TARGET: num(ind[s.TARGET]),
            s.TAHUN_TARGET: num(ind[s.TAHUN_TARGET]).astype("Int64"),
            s.TARGET_TERKONFIRMASI: ind[s.TARGET_TERKONFIRMASI] == "1",
        }
    )


def typed_reference(ref: dict[str, pd.DataFrame]) -> Reference:
    """The checked reference files (text, by file name as in ``COLUMNS``) as a typed ``Reference``."""
    num = lambda col: pd.to_numeric(col, errors="coerce")  # noqa: E731 - checked by ingest.reference_checks
    kel = ref["kelurahan.csv"].assign(
        **{c: num(ref["kelurahan.csv"][c]) for c in (s.LABEL_LAT, s.LABEL_LON, s.AREA_KM2)}
    )
    lok = ref["lokus.csv"].assign(**{s.TAHUN: num(ref["lokus.csv"][s.TAHUN]).astype(int)})
    ind = typed_indikator(ref["indikator.csv"])
    tl = ref["target_lain.csv"]
    tl = tl.assign(
        **{s.TARGET: num(tl[s.TARGET]), s.TAHUN_TARGET: num(tl[s.TAHUN_TARGET]).astype("Int64")}
    )
    ker = ref["kerangka_aksi.csv"]
    ker = ker.assign(**{s.NOMOR_AKSI: num(ker[s.NOMOR_AKSI]).astype(int)})
    tah = ref["tahapan_aksi.csv"]
    tah = tah.assign(
        **{
            c: num(tah[c]).astype(int)
            for c in (s.NOMOR_AKSI, s.NOMOR_TAHAPAN, "bulan_mulai", "bulan_selesai")
        }
    )
    rules = ref["aturan_peringatan.csv"]
    rules = rules.assign(ambang=num(rules["ambang"]))
    plaus = ref["plausibilitas.csv"]
    plaus = plaus.assign(**{c: num(plaus[c]) for c in PLAUSIBILITY_NUMBERS})
    region = ref["wilayah.csv"].iloc[0]
    wilayah = Region(
        kode=region["kode"],
        nama=region["nama"],
        provinsi=region["provinsi"],
        kode_bps=region["kode_bps"],
        sebutan_desa=region["sebutan_desa"],
        data_contoh=region["data_contoh"] == "1",
    )
    return Reference(
        kel,
        ref["kelurahan_alias.csv"],
        lok,
        ref["sumber_data.csv"],
        ind,
        tl,
        ker,
        tah,
        rules,
        ref["opd.csv"],
        ref["sumber_dana.csv"],
        ref["indikator_alias.csv"],
        ref["sumber_alias.csv"],
        plaus,
        wilayah,
    )


def with_user_indicators(ref: Reference, user: pd.DataFrame) -> Reference:
    """The reference data with the indicators added in the app appended to the catalogue."""
    if user.empty:
        return ref
    added = user.assign(**{s.TARGET_TERKONFIRMASI: False, s.KELOMPOK_SCORECARD: ""})
    return replace(
        ref, indikator=pd.concat([ref.indikator, added[ref.indikator.columns]], ignore_index=True)
    )


def with_local_targets(ref: Reference, local: pd.DataFrame) -> Reference:
    """The reference data with the region's own targets in place of the catalogue's.

    ``local``: one row per indicator, ``kode_indikator``, ``target``, ``tahun_target`` and
    ``sumber_target`` — the source as it is to be shown (the caller words it, e.g. "target
    daerah (Perbup 12/2024)"). A local target counts as confirmed (the region states its
    source). Rows for indicators not in the catalogue are ignored; ``target_lain`` is left as
    it is."""
    if local.empty:
        return ref
    by_code = local.drop_duplicates(s.KODE_INDIKATOR, keep="last").set_index(s.KODE_INDIKATOR)
    ind = ref.indikator
    hit = ind[s.KODE].isin(by_code.index)
    if not hit.any():
        return ref
    codes = ind.loc[hit, s.KODE]
    ind = ind.assign(
        **{
            s.TARGET: ind[s.TARGET].where(~hit, codes.map(by_code[s.TARGET]).astype(float)),
            s.TAHUN_TARGET: ind[s.TAHUN_TARGET].where(
                ~hit, codes.map(by_code[s.TAHUN_TARGET]).astype("Int64")
            ),
            s.SUMBER_TARGET: ind[s.SUMBER_TARGET].where(~hit, codes.map(by_code[s.SUMBER_TARGET])),
            s.TARGET_TERKONFIRMASI: ind[s.TARGET_TERKONFIRMASI] | hit,
        }
    )
    return replace(ref, indikator=ind)
