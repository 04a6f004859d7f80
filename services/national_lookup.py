"""The national Kemendagri list as the imports' lookup of other regions
(``ingest.national.NationalLookup``), built once per process from ``store.national``."""

from __future__ import annotations

from functools import cache

from ingest.national import NationalLookup
from store.national import national_list


@cache
def national_lookup() -> NationalLookup:
    """Every kabupaten/kota, kecamatan and desa/kelurahan of Indonesia by code and name (the
    list is read on the first place not found in the region)."""
    return NationalLookup(national_list)
