"""Start-up: validate the reference files, create/migrate the database, load demo data once.

Demo data goes only into an empty database of a reference folder marked ``data_contoh`` in its
``wilayah.csv`` (the project's North Jakarta folder, a ``new-region --demo`` pack), never into a
real region's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import settings
from analysis import schema as s
from analysis.reference import Reference
from demo.activities import OPD_ANY_REGION, synthetic_activities
from demo.generate import AKSI_OPD, AKSI_OPD_ANY_REGION, DEMO_AUTHOR, generate_demo
from demo.measurements import DEMO_PERIODS, children_per_kelurahan, synthetic_measurements
from services.measure_uploads import store_records
from services.reference import load_reference
from store.database import Store
from store.errors import DuplicateFile, StoreWriteError
from store.growth import growth_tables
from store.locks import startup_lock
from store.records import DatasetInfo, MeasurementBatch
from store.region_store import OtherRegion

DEMO_DATASET_NAME = "Data contoh (sintetis) 2022–2025"
DEMO_MEASUREMENTS_NAME = "Pengukuran balita contoh (sintetis) 2025"


def describe_error(err: Exception) -> str:
    """A one-line description of a failure: a write error's (or a refused duplicate file's)
    own message, else the type and first line of the message."""
    if isinstance(err, StoreWriteError):
        return err.pesan
    if isinstance(err, DuplicateFile | OtherRegion):
        return str(err)
    first = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{type(err).__name__}: {first[:300]}" if first else type(err).__name__


@dataclass(frozen=True)
class InitReport:
    """What ``initialise`` did."""

    migrations: list[int]
    demo_dataset_id: int | None
    demo_aksi_loaded: bool


def load_demo(store: Store, ref: Reference) -> tuple[int | None, bool]:
    """Load the synthetic demo data (values, scorecard, aksi progress) into an *empty* database.

    A database holding any dataset or any aksi year gets nothing, so synthetic rows never mix
    with real ones.
    """
    if store.has_data() or not store.aksi_years().empty:
        return None, False
    lokus = store.lokus()
    lokus_2022 = set(lokus.loc[lokus[s.TAHUN] == 2022, s.KODE_KELURAHAN])
    # North Jakarta's own units where its opd.csv lists them, else those of any kabupaten/kota.
    own_units = set(OPD_ANY_REGION) <= set(ref.opd[s.KODE])
    demo = generate_demo(
        ref.kelurahan,
        lokus_2022,
        ref.indikator,
        ref.kerangka,
        ref.tahapan,
        kota=ref.wilayah.kode,
        aksi_units=AKSI_OPD if own_units else AKSI_OPD_ANY_REGION,
    )
    info = DatasetInfo(
        nama=DEMO_DATASET_NAME,
        jenis="contoh",
        dibuat_oleh=DEMO_AUTHOR,
        sintetis=True,
        catatan="Dibuat oleh demo/generate.py (seed tetap).",
    )
    dataset_id = store.add_dataset(info, demo.values, demo.scorecard)
    store.add_aksi_progress(demo.aksi_years, demo.aksi_progress)
    load_demo_measurements(store, ref, lokus_2022)
    load_demo_activities(store, ref, lokus_2022)
    return dataset_id, True


ACTIVITY_MIGRATION = 9


def load_demo_activities(store: Store, ref: Reference, lokus_codes: set[str]) -> int:
    """The synthetic activity register (2023–2026); returns the number of activities."""
    rows = synthetic_activities(ref.kelurahan, lokus_codes, set(ref.opd[s.KODE]))
    return len(store.save_activities(DEMO_AUTHOR, new=rows, sintetis=True))


def _holds_demo(store: Store) -> bool:
    """Whether the synthetic demo dataset is stored and active."""
    sets = store.datasets()
    return bool(((sets["jenis"] == "contoh") & (sets["status"] == "aktif")).any())


def load_demo_measurements(store: Store, ref: Reference, lokus_codes: set[str]) -> int:
    """Synthetic child measurements (Feb and Aug 2025) with their recomputed prevalence."""
    children = children_per_kelurahan(len(ref.kelurahan))
    records = synthetic_measurements(
        growth_tables(), ref.kelurahan, lokus_codes, children, DEMO_PERIODS
    )
    batch = MeasurementBatch(
        nama_berkas=DEMO_MEASUREMENTS_NAME,
        sha256=hashlib.sha256(records.to_csv(index=False).encode()).hexdigest(),
        format="contoh",
        oleh=DEMO_AUTHOR,
        baris_dibaca=len(records),
        sintetis=True,
        catatan="Dibuat oleh demo/measurements.py (seed tetap).",
    )
    return store_records(store, ref, records, batch)


def initialise(
    url: str | None = None, with_demo: bool | None = None
) -> tuple[Store, Reference, InitReport]:
    """Validate reference data, open and migrate the store, check it serves the folder's
    region, sync lokus, load demo data if empty (``with_demo``, by default ``DASBOR_DEMO``, and
    only for a reference folder marked ``data_contoh``).

    Raises ``ReferenceDataError`` (listing every problem) before touching the database when the
    reference files are invalid, ``OtherRegion`` when the database was created for another
    kabupaten/kota.
    """
    ref = load_reference(settings.reference_dir())
    store = Store(url or settings.database_url())
    # Two workers starting together: the second waits here, then finds the work done.
    with startup_lock(store.engine):
        applied = store.migrate()
        # Before anything of the region is written: a database serves one region only.
        store.claim_region(ref.wilayah.kode, ref.wilayah.nama)
        store.sync_lokus(ref.lokus)
        demo_id, aksi_loaded = None, False
        wanted = settings.load_demo_data() if with_demo is None else with_demo
        if wanted and ref.wilayah.data_contoh:
            demo_id, aksi_loaded = load_demo(store, ref)
            # A demo database made before the register existed gets the demo activities once.
            if demo_id is None and ACTIVITY_MIGRATION in applied and _holds_demo(store):
                lokus = store.lokus()
                load_demo_activities(
                    store, ref, set(lokus.loc[lokus[s.TAHUN] == 2022, s.KODE_KELURAHAN])
                )
    return store, ref, InitReport(applied, demo_id, aksi_loaded)
