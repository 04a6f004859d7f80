"""Cached loaders: how pages reach the store and the reference data.

``st.cache_resource`` holds the store (one per process). Each stored frame a page reads has one
named loader here (``indicator_values()``, ``measurements()``, …), held by ``st.cache_data``
until ``clear_caches()`` after anything is written. The audit log and the user list are read
fresh on every call (sign-ins are written without clearing the caches). Writes, sign-in
sessions, the reads cached elsewhere (map boundaries, the presentation's sources, meeting
notes) and the editors' own fresh reads (boundary versions, mapping profiles, aksi evidence)
take the store itself from ``context()``.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Hashable

import pandas as pd
import streamlit as st

from analysis import schema as s
from analysis.audit_log import export_frame
from analysis.periods import sort_periods
from analysis.reference import Reference
from analysis.synthetic import synthetic_in
from ingest.reference_problems import ReferenceDataError
from services.bootstrap import describe_error, initialise
from services.reference import use_reference_words
from services.region_admin import effective_reference
from services.region_admin import national_reference as national_reference_of
from store.audit_store import AuditFilter
from store.database import Store
from store.errors import database_label
from text.files import to_csv_bytes, to_xlsx_bytes
from text.strings import t

MAX_AUDIT_EXPORT = 50_000  # rows in one export of the audit log (newest first)


@st.cache_resource(show_spinner="Menyiapkan basis data…")
def _context() -> tuple[Store, Reference]:
    store, ref, _ = initialise()
    return store, ref


def warm_up() -> None:
    """Open the store and read what every page reads, before the server takes its first
    visitor (``manage.py serve``); a failure is left for the page to show."""
    try:
        store, _ = _context()
        store.indicator_values()
    except Exception:  # noqa: BLE001, S110 - the first page run reports it properly
        pass


def context() -> tuple[Store, Reference]:
    """The store and the reference data; shows a clear error and stops the page on failure."""
    try:
        store, ref = _context()
    except ReferenceDataError as err:
        st.error(t("error.reference"))
        st.dataframe(
            pd.DataFrame([vars(p) for p in err.problems]), hide_index=True, width="stretch"
        )
        st.stop()
    except Exception as err:  # noqa: BLE001 - any database failure gets a readable message
        st.error(t("error.database", url=database_label(), detail=describe_error(err)))
        st.stop()
        raise AssertionError("unreachable") from err
    use_reference_words(ref)
    return store, ref


def reference() -> Reference:
    """The reference data with the indicators added in the app in the catalogue and the
    region's own targets in place of the catalogue's."""
    return _reference(version())


# Shared, not copied: a page reads the reference dozens of times a run, and ``st.cache_data``
# would unpickle it on every read (3.5 ms each). Nothing changes a Reference in place (the
# store's own, from ``context()``, is shared the same way); a write makes a new version.
@st.cache_resource(show_spinner=False, max_entries=2)
def _reference(data_version: int) -> Reference:
    """The reference data every page works from: the indicators added in the app in the
    catalogue and the region's own targets in place of the catalogue's."""
    store, ref = context()
    return effective_reference(store, ref)


@st.cache_data(show_spinner=False)
def national_reference() -> Reference:
    """The catalogue with the indicators added in the app and the national targets (what the
    region's own targets replace; the target editor shows both)."""
    store, ref = context()
    return national_reference_of(store, ref)


@st.cache_data(show_spinner=False)
def local_targets() -> pd.DataFrame:
    """The region's own targets as stored (``Store.local_targets``)."""
    return context()[0].local_targets()


@st.cache_data(show_spinner=False)
def lokus_years_set_in_app() -> pd.DataFrame:
    """The years whose lokus were set in the app, by whom and when."""
    return context()[0].lokus_years_set_in_app()


# One cached loader per stored frame, each cleared by ``clear_caches()``.
@st.cache_data(show_spinner=False)
def indicator_values() -> pd.DataFrame:
    """Current indicator values of the active datasets (``Store.indicator_values``)."""
    return context()[0].indicator_values()


@st.cache_data(show_spinner=False)
def measurements() -> pd.DataFrame:
    """Current child measurement records (no personal data)."""
    return context()[0].measurements()


@st.cache_data(show_spinner=False)
def scorecard_values() -> pd.DataFrame:
    """Current scorecard (Y/T) values of the active datasets."""
    return context()[0].scorecard_values()


@st.cache_data(show_spinner=False)
def lokus() -> pd.DataFrame:
    """The lokus kelurahan per year."""
    return context()[0].lokus()


@st.cache_data(show_spinner=False)
def aksi_progress() -> pd.DataFrame:
    """Progress rows of the aksi konvergensi (city, tahapan and kelurahan rows)."""
    return context()[0].aksi_progress()


@st.cache_data(show_spinner=False)
def aksi_years() -> pd.DataFrame:
    """The years with aksi rows and their framework."""
    return context()[0].aksi_years()


@st.cache_data(show_spinner=False)
def aksi_audit() -> pd.DataFrame:
    """The change log of the aksi rows."""
    return context()[0].aksi_audit()


@st.cache_data(show_spinner=False)
def activities() -> pd.DataFrame:
    """The activity register (removed activities left out)."""
    return context()[0].activities()


@st.cache_data(show_spinner=False)
def activity_audit() -> pd.DataFrame:
    """The change log of the activity register."""
    return context()[0].activity_audit()


@st.cache_data(show_spinner=False)
def datasets() -> pd.DataFrame:
    """The uploaded datasets (active or rolled back)."""
    return context()[0].datasets()


def audit_page(where: AuditFilter, limit: int, offset: int) -> pd.DataFrame:
    """One page of the log. Read fresh every time (not cached): sign-ins are written without
    clearing the caches."""
    return context()[0].audit_page(where, limit, offset)


def audit_count(where: AuditFilter | None = None) -> int:
    return context()[0].audit_count(where)


def audit_choices() -> tuple[list[str], list[str]]:
    return context()[0].audit_choices()


def audit_download(where: AuditFilter, kind: str) -> Callable[[], bytes]:
    """The export of the newest ``MAX_AUDIT_EXPORT`` rows matching ``where`` as CSV or Excel,
    built only when the download button is clicked (``kind``: ``csv`` or ``xlsx``)."""
    store = context()[0]

    def build() -> bytes:
        frame = export_frame(store.audit_page(where, MAX_AUDIT_EXPORT, 0))
        return to_csv_bytes(frame) if kind == "csv" else to_xlsx_bytes({"log_audit": frame})

    return build


def users() -> pd.DataFrame:
    return context()[0].users()


@st.cache_data(show_spinner=False)
def dataset_history() -> pd.DataFrame:
    """The upload history with what each dataset changed."""
    return context()[0].dataset_history()


@st.cache_data(show_spinner=False)
def kelurahan_periods() -> list[str]:
    """The periods with a value for any reference kelurahan, in chronological order (the
    sidebar's choices; cached, as every run of every page draws the sidebar)."""
    codes = set(reference().kelurahan[s.KODE_KELURAHAN])
    values = indicator_values()
    return sort_periods(values.loc[values[s.KODE_WILAYAH].isin(codes), s.PERIODE].unique())


def stores_synthetic() -> bool:
    """Whether any current indicator value is synthetic (the demo data is still active)."""
    return bool(indicator_values()[s.SINTETIS].any())


def shows_synthetic(tahun: int) -> bool:
    """Whether anything a page shows for ``tahun`` comes from synthetic data (the rule of
    ``analysis.synthetic``, the presentation's too)."""
    return synthetic_in(
        indicator_values(), scorecard_values(), aksi_progress(), activities(), tahun
    )


def shows_uploaded() -> bool:
    """Whether any active indicator or scorecard value was uploaded (not synthetic)."""
    return not (indicator_values()[s.SINTETIS].all() and scorecard_values()[s.SINTETIS].all())


_seen: set[Hashable] = set()
_seen_lock = threading.Lock()
_version = [0]  # the data version: one more after every write (``clear_caches``)


def version() -> int:
    """The data version of this server process: caches that share one object between
    sessions (``st.cache_resource``) take it as an argument, so a write is seen at once."""
    return _version[0]


def first_since_load(key: Hashable) -> bool:
    """True the first time ``key`` is given since the data was last loaded (server start or
    ``clear_caches``): for work done once per data load, such as filling a cache ahead."""
    with _seen_lock:
        if key in _seen:
            return False
        _seen.add(key)
        return True


# Seconds background work waits after a page is drawn, leaving the server to the browser's
# requests for the page first.
AHEAD_DELAY = 1.0


def ahead(key: Hashable, work: Callable[[], object]) -> None:
    """Run ``work`` (filling caches a visitor is about to ask for) in a background thread,
    once per data load for ``key``, ``AHEAD_DELAY`` seconds from now. A failure is left for the
    page, which computes the same thing again when it asks."""
    if first_since_load(key):
        thread = threading.Thread(
            target=_later, args=(work, AHEAD_DELAY), name=f"{key[0]}-ahead", daemon=True
        )
        thread.start()


def _later(work: Callable[[], object], delay: float) -> None:
    time.sleep(delay)
    with contextlib.suppress(Exception):
        work()


def every_area() -> list[str | None]:
    """The whole kabupaten/kota (None) and each kecamatan: the sidebar's areas."""
    return [None, *sorted(reference().kelurahan[s.KECAMATAN].unique())]


def clear_caches() -> None:
    """Forget cached frames after a write, so every page shows the stored data."""
    with _seen_lock:
        _seen.clear()
        _version[0] += 1
    st.cache_data.clear()
    _reference.clear()
