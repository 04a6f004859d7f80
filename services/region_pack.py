"""Writing a new region's reference folder (``manage.py new-region KODE``).

The region's own files come from the national list (``store.national``) through
``analysis.region_pack``; the national ones (indicator catalogue and targets, aksi frameworks,
data sources, alert rules, plausibility thresholds) are copied from the project's reference
folder; the units, source names and funding sources of any kabupaten/kota (Dinas Kesehatan,
DPPKB, dana desa … instead of North Jakarta's "Suku Dinas") from ``data/templat_wilayah``;
lokus and spelling aliases start empty — or, with ``demo``, the pack is marked
``data_contoh`` and gets synthetic lokus so that the first start loads labelled demo data.
The folder is then validated like ``check-data``.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd

from analysis.reference import COLUMNS, Reference
from analysis.region import explain_not_a_region, region_from_national
from analysis.region_pack import demo_lokus, desa_table, wilayah_table
from services.reference import load_reference
from settings import REFERENCE_DIR, TEMPLATE_DIR
from store.national import national_list

# The same for every kabupaten/kota: copied from the project's reference folder.
NATIONAL_FILES = (
    "indikator.csv",
    "indikator_alias.csv",
    "target_lain.csv",
    "kerangka_aksi.csv",
    "tahapan_aksi.csv",
    "sumber_data.csv",
    "sumber_dana.csv",
    "aturan_peringatan.csv",
    "plausibilitas.csv",
)
# The same for every kabupaten/kota but unlike North Jakarta's: from data/templat_wilayah.
TEMPLATE_FILES = ("opd.csv", "sumber_alias.csv", "sumber_dana.csv")
EMPTY_FILES = ("kelurahan_alias.csv",)


class RegionError(ValueError):
    """A code that is not a kabupaten/kota of the national list, or a folder in the way."""


def _bps_fits(kode_bps: str, kode: str) -> bool:
    """Whether a BPS kab/kota code can be ``kode``'s: four digits starting with its province
    (BPS and Kemendagri share the province numbers; the kab/kota numbers may differ)."""
    return kode_bps.isdigit() and len(kode_bps) == 4 and kode_bps[:2] == kode.split(".")[0]  # noqa: PLR2004


def write_region_pack(kode: str, out: Path, kode_bps: str = "", demo: bool = False) -> Reference:
    """Write the reference folder of kabupaten/kota ``kode`` (``"32.73"``) to ``out`` and return
    it loaded and validated; raise ``RegionError`` for an unknown code or a non-empty ``out``."""
    national = national_list()
    try:
        region = region_from_national(kode, national, kode_bps)
    except KeyError:
        raise RegionError(explain_not_a_region(kode, national)) from None
    if kode_bps and not _bps_fits(kode_bps, kode):
        raise RegionError(
            f"Kode BPS '{kode_bps}' tidak cocok: kode BPS kabupaten/kota 4 angka dan diawali kode "
            f"provinsi {kode.split('.')[0]} (mis. 3273 untuk Kota Bandung, 32.73)."
        )
    if out.exists() and any(out.iterdir()):
        raise RegionError(f"Folder {out} sudah berisi berkas; pilih folder baru atau kosongkan.")
    out.mkdir(parents=True, exist_ok=True)
    region = replace(region, data_contoh=demo)
    desa = desa_table(region, national)
    desa.to_csv(out / "kelurahan.csv", index=False)
    wilayah_table(region).to_csv(out / "wilayah.csv", index=False)
    for name in NATIONAL_FILES:
        shutil.copyfile(REFERENCE_DIR / name, out / name)
    for name in TEMPLATE_FILES:
        shutil.copyfile(TEMPLATE_DIR / name, out / name)
    for name in EMPTY_FILES:
        pd.DataFrame(columns=COLUMNS[name]).to_csv(out / name, index=False)
    lokus = demo_lokus(region, desa) if demo else pd.DataFrame(columns=COLUMNS["lokus.csv"])
    lokus.to_csv(out / "lokus.csv", index=False)
    return load_reference(out)
