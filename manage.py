"""Command-line management of the dashboard: ``python manage.py --help``."""

from __future__ import annotations

import argparse
import sys

from store import settings
from store.bootstrap import describe_error, initialise
from store.reference import ReferenceDataError, load_reference
from store.settings import database_label


def cmd_init_db(args: argparse.Namespace) -> int:
    """Create/migrate the database, sync lokus and load the demo data into an empty database."""
    try:
        store, ref, report = initialise(args.db_url, with_demo=not args.no_demo)
    except ReferenceDataError as err:
        print(err, file=sys.stderr)
        return 1
    except Exception as err:  # noqa: BLE001 - a readable line instead of a traceback
        label = database_label(args.db_url)
        print(f"Basis data {label} tidak dapat disiapkan: {describe_error(err)}", file=sys.stderr)
        return 1
    url = store.engine.url.render_as_string(hide_password=True)
    print(f"Basis data: {url}")
    print(f"Migrasi diterapkan: {report.migrations or 'tidak ada (sudah terbaru)'}")
    if report.demo_dataset_id is not None:
        print(f"Data contoh (sintetis) dimuat sebagai dataset #{report.demo_dataset_id}.")
    elif not args.no_demo:
        print("Data indikator sudah ada; data contoh tidak dimuat ulang.")
    if report.demo_aksi_loaded:
        print("Progres aksi konvergensi contoh (sintetis) dimuat.")
    values = store.indicator_values()
    print(f"Nilai indikator aktif: {len(values)} baris; kelurahan referensi: {len(ref.kelurahan)}.")
    store.dispose()
    return 0


def cmd_check_data(args: argparse.Namespace) -> int:
    """Validate the reference files and print a summary; exit 1 listing every problem."""
    folder = settings.reference_dir()
    try:
        ref = load_reference(folder)
    except ReferenceDataError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"Data referensi valid ({folder}):")
    for name, count in ref.summary().items():
        print(f"  {name:<16} {count:>4} baris")
    print(
        "  lokus per tahun: "
        + ", ".join(f"{year}: {n}" for year, n in ref.lokus.groupby("tahun").size().items())
    )
    print(
        "  indikator per kelompok: "
        + ", ".join(f"{k}: {n}" for k, n in ref.indikator.groupby("kelompok").size().items())
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="manage.py", description="Pengelolaan Dasbor Konvergensi Stunting Jakarta Utara."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init-db", help="buat/migrasi basis data, muat data referensi dan contoh")
    init.add_argument(
        "--db-url", help="URL SQLAlchemy (bawaan: DASBOR_DB_URL atau var/dasbor.sqlite)"
    )
    init.add_argument("--no-demo", action="store_true", help="jangan muat data contoh (sintetis)")
    init.set_defaults(func=cmd_init_db)
    check = sub.add_parser(
        "check-data", help="periksa berkas data referensi dan tampilkan ringkasan"
    )
    check.set_defaults(func=cmd_check_data)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
