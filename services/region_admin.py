"""What the region sets for itself in the app: the year's lokus desa/kelurahan and its own
targets in place of the catalogue's (Perpres 72/2021, RPJMN).

``effective_reference`` is the reference data every page, the presentation and the map work
from: the catalogue with the indicators added in the app and the region's targets merged in
(their source shown as "target daerah (…)"). The save functions check what an editor entered,
store it (the store logs it) and say what happened."""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd

from analysis import schema as s
from analysis.overview import lokus_for_year
from analysis.reference import Reference, with_local_targets, with_user_indicators
from store.database import Store
from text.strings import t

MAX_SOURCE = 300  # characters of a target's source (the column's length)
MAX_DASAR = 500  # characters of a lokus list's dasar penetapan
YEARS = (2000, 2100)  # a target year or lokus year outside is a typing error


def national_reference(store: Store, ref: Reference) -> Reference:
    """The catalogue as shipped plus the indicators added in the app, with national targets."""
    return with_user_indicators(ref, store.user_indicators())


def local_source(sumber: str) -> str:
    """How a local target's source is shown wherever a target is shown with its source."""
    return t("regionadmin.target_daerah", sumber=sumber)


def effective_reference(store: Store, ref: Reference) -> Reference:
    """The reference data the app works from: the catalogue with the indicators added in the
    app, the region's own targets in place of the catalogue's."""
    local = store.local_targets()
    local = local.assign(**{s.SUMBER_TARGET: [local_source(v) for v in local[s.SUMBER_TARGET]]})
    return with_local_targets(national_reference(store, ref), local)


@dataclass(frozen=True)
class Saved:
    """What a save did: the problems that stopped it (nothing stored), else whether anything
    changed (False: the same was stored already)."""

    problems: list[str]
    changed: bool = False


def save_lokus(  # noqa: PLR0913
    store: Store, ref: Reference, tahun: int, codes: Collection[str], dasar: str, oleh: str
) -> Saved:
    """Replace the lokus of ``tahun`` with ``codes`` (kelurahan of the reference folder) set
    on ``dasar`` (dasar penetapan: required when the list is not empty)."""
    dasar = " ".join(str(dasar or "").split())
    known = set(ref.kelurahan[s.KODE_KELURAHAN])
    problems = []
    if not YEARS[0] <= int(tahun) <= YEARS[1]:
        problems.append(t("regionadmin.bad_year", tahun=tahun))
    if unknown := sorted(set(codes) - known):
        problems.append(t("regionadmin.unknown_codes", codes=", ".join(unknown[:5])))
    if codes and not dasar:
        problems.append(t("regionadmin.need_dasar"))
    if len(dasar) > MAX_DASAR:
        problems.append(t("regionadmin.too_long", n=MAX_DASAR))
    if problems:
        return Saved(problems)
    names = dict(zip(ref.kelurahan[s.KODE_KELURAHAN], ref.kelurahan[s.KELURAHAN], strict=True))
    return Saved([], store.set_lokus(int(tahun), codes, dasar, oleh, names))


def _number(value: object) -> float | None:
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def save_local_target(  # noqa: PLR0913
    store: Store,
    ref: Reference,
    kode: str,
    target: object,
    tahun_target: object,
    sumber: str,
    oleh: str,
) -> Saved:
    """Set the region's target of catalogue indicator ``kode`` (``ref``: the national
    catalogue): a number (0–100 for a percentage), a four-digit year and a source."""
    catalogue = ref.indikator.set_index(s.KODE)
    sumber = " ".join(str(sumber or "").split())
    value, year = _number(target), _number(tahun_target)
    problems = []
    if kode not in catalogue.index:
        return Saved([t("regionadmin.unknown_indicator", kode=kode)])
    persen = catalogue.loc[kode, s.SATUAN] == "persen"
    if value is None or value < 0 or (persen and value > 100):  # noqa: PLR2004
        problems.append(t("regionadmin.bad_target" if not persen else "regionadmin.bad_percent"))
    if year is None or year % 1 or not YEARS[0] <= year <= YEARS[1]:
        problems.append(t("regionadmin.bad_year", tahun=tahun_target))
    if not sumber:
        problems.append(t("regionadmin.need_source"))
    if len(sumber) > MAX_SOURCE:
        problems.append(t("regionadmin.too_long", n=MAX_SOURCE))
    if problems:
        return Saved(problems)
    return Saved([], store.set_local_target(kode, value, int(year), sumber, oleh))


def reset_local_target(store: Store, kode: str, oleh: str) -> Saved:
    """Back to the catalogue's (national) target for ``kode``."""
    return Saved([], store.reset_local_target(kode, oleh))


def lokus_notice(lokus: pd.DataFrame, tahun: int) -> str | None:
    """The notice every page shows while no lokus are in force in ``tahun`` (none set for it
    or any earlier year), else None."""
    if lokus_for_year(lokus, tahun)[0] is not None:
        return None
    return t("regionadmin.notice", tahun=tahun)
