"""Command-line management of the dashboard: ``python manage.py --help``."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

import settings
from analysis.mapping import (
    Mapping,
    MappingError,
    mapping_from_json,
    mapping_from_pairs,
    merge,
    text_key,
)
from analysis.periods import normalise_period
from analysis.reference import with_user_indicators
from analysis.text_clean import clean_text
from ingest.headers import split_suffix, sub_field
from ingest.limits import shown
from ingest.mapping import AUTOMATIC, UNCLEAR
from ingest.matching import match_source
from ingest.options import ImportOptions
from ingest.reference_problems import ReferenceDataError
from services import uploads
from services.bootstrap import describe_error, initialise
from services.reference import load_reference
from store.errors import database_label
from store.profiles_store import profile_name
from store.users_store import LOKAL, OIDC, ROLES, normalise
from text.fmt import fmt_number

MAX_LISTED = 10  # headers listed when a --map header is not in the file


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


def cmd_new_region(args: argparse.Namespace) -> int:
    """Write and validate the reference folder of a kabupaten/kota from the national list."""
    from services.region_pack import RegionError, write_region_pack

    out = args.out or Path("data") / "regions" / args.kode
    try:
        ref = write_region_pack(args.kode, out, args.bps or "", args.demo)
    except RegionError as err:
        print(err, file=sys.stderr)
        return 1
    except ReferenceDataError as err:
        print(err, file=sys.stderr)
        return 1
    region = ref.wilayah
    placed = int(ref.kelurahan["label_lat"].notna().sum())
    print(f"Folder referensi {region.nama} ({region.kode}) ditulis ke {out}:")
    print(f"  {ref.kelurahan['kode_kecamatan'].nunique()} kecamatan, {len(ref.kelurahan)} {region.sebutan_desa}"
          f" ({placed} dengan titik label)")  # fmt: skip
    if region.data_contoh:
        print(f"  data contoh (sintetis): {len(ref.lokus)} lokus contoh; dimuat pada awal pertama")
    else:
        print("  lokus belum ditetapkan: tetapkan di aplikasi (Data Referensi → Lokus)")
    print(
        f"  opd.csv adalah templat umum, belum dikonfirmasi: sesuaikan dengan SK TPPS ({out}/opd.csv)"
    )
    print(f"Jalankan: DASBOR_REFERENCE_DIR={out} make run")
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
    print(_region_line(ref))
    for name, count in ref.summary().items():
        print(f"  {name:<16} {count:>4} baris")
    per_year = ", ".join(f"{year}: {n}" for year, n in ref.lokus.groupby("tahun").size().items())
    print("  lokus per tahun: " + (per_year or "belum ditetapkan (tetapkan di Data Referensi)"))
    print(
        "  indikator per kelompok: "
        + ", ".join(f"{k}: {n}" for k, n in ref.indikator.groupby("kelompok").size().items())
    )
    return 0


def _region_line(ref) -> str:
    """ "  wilayah: Kabupaten Aceh Utara (11.08), kode BPS 1108; 27 kecamatan, 852 desa (0 tanpa
    titik label)" — the region the folder serves, for check-data."""
    region, kel = ref.wilayah, ref.kelurahan
    bps = f"kode BPS {region.kode_bps}" if region.kode_bps else "kode BPS belum diisi"
    unplaced = int(kel["label_lat"].isna().sum())
    demo = "; berisi data contoh (sintetis)" if region.data_contoh else ""
    return (
        f"  wilayah: {region.nama} ({region.kode}), {bps}; "
        f"{kel['kode_kecamatan'].nunique()} kecamatan, {len(kel)} {region.sebutan_desa} "
        f"({unplaced} tanpa titik label){demo}"
    )


def _print_plan(plan, comparison, titles: dict[str, str] | None = None) -> None:
    """The dry run as text; ``titles``: indicator code → name, for the names read."""
    kind = ", ".join(
        part for part in (plan.jenis, f"format {plan.format}" if plan.format else None) if part
    )
    print(f"Berkas: {plan.nama_berkas}" + (f" ({kind})" if kind else ""))
    automatic = _automatic_notes(plan)
    for note in plan.notes:
        if not note.startswith(automatic):
            print(f"  · {note}")
    _print_mapping_step(plan, titles or {})
    print(
        f"Baris dibaca: {plan.rows_read} · nilai baru: {comparison.added} · diperbarui: "
        f"{comparison.updated} · sama: {comparison.unchanged} · diabaikan: {plan.n_ignored_values}"
    )
    if len(plan.problems):
        print(f"Masalah: {plan.n_errors} galat, {plan.n_warnings} peringatan")
        for p in plan.problems.itertuples(index=False):
            where = (
                f"baris {p.baris}" if p.baris is not None and str(p.baris) != "<NA>" else "berkas"
            )
            column = f", kolom {p.kolom}" if p.kolom else ""
            value = f" [{p.nilai}]" if p.nilai else ""
            advice = f" → {p.saran}" if isinstance(p.saran, str) and p.saran.strip() else ""
            print(f"  {p.tingkat.upper()} {where}{column}{value}: {p.pesan}{advice}")


def _automatic_notes(plan) -> tuple[str, ...]:
    """The beginnings of the dry-run notes telling a name read automatically ("Kolom '…' dibaca
    sebagai SPE09 …"): the mapping step prints each such name once, so the note is left out."""
    starts = []
    for info in plan.names:
        if info.kode and info.how in AUTOMATIC:
            starts += [
                f"Kolom '{shown(info.text)}' dibaca sebagai {info.kode} ",
                f"Indikator '{shown(info.text, 160)}' dibaca sebagai {info.kode} ",
            ]
    return tuple(starts)


def _under(header: str, name: str) -> bool:
    """Whether a column belongs to an indicator name of the header: the name itself, the name
    with a suffix ("Cakupan IDL (%)", "SPE02_pembilang"), or a two-row header's sub-column
    ("Cakupan TTD Pembilang")."""
    key, stem = text_key(header), text_key(name)
    if key == stem or text_key(split_suffix(header)[0]) == stem:
        return True
    return key.startswith(stem + " ") and sub_field(header[len(name) :].strip()) is not None


def _where(columns, word: str = "kolom ") -> str:
    """Where columns are: "lembar Rekap, kolom C, D"."""
    sheets = sorted({c.sheet for c in columns if c.sheet})
    sheet = f"lembar {', '.join(sheets)}, " if sheets else ""
    return f"{sheet}{word}{', '.join(dict.fromkeys(c.letter for c in columns))}"


def _mapping_file_hint(text: str) -> str:
    example = json.dumps({"nama": {text: "KODE"}}, ensure_ascii=False)
    return f"tulis di berkas --mapping BERKAS.json: {example}"


def _print_mapping_step(plan, titles: dict[str, str]) -> None:
    """One line per indicator name read automatically, and one per thing left to choose, saying
    what to write: an indicator name not recognised (with the columns under it: a two-row
    header's Pembilang/Penyebut are one choice), then each column of unclear role not under such
    a name."""
    unclear = [c for c in plan.columns if c.status == UNCLEAR]
    covered: set[int] = set()
    for info in plan.names:
        if info.kode and info.how in AUTOMATIC:
            title = f" {titles[info.kode]}" if info.kode in titles else ""
            print(f"  · '{shown(info.text, 160)}' dibaca sebagai {info.kode}{title}")
    for info in plan.names:
        if info.kode:
            continue
        text = shown(info.text, 160)
        under = [
            i for i, c in enumerate(unclear) if i not in covered and _under(c.header, info.text)
        ]
        covered.update(under)
        columns = [unclear[i] for i in under]
        found = f"; calon: {', '.join(info.candidates)}" if info.candidates else ""
        if len(columns) == 1:
            where = _where(columns)
            hint = f'tulis --map "{shown(columns[0].header, 200)}=KODE"'
        elif columns:
            where, hint = _where(columns), _mapping_file_hint(info.text)
        else:
            where = "isi sel" if plan.format == "panjang" else "judul kolom"
            hint = _mapping_file_hint(info.text)
        print(f"  ? Indikator '{text}' ({where}) belum dikenali{found}. Pilih kodenya: {hint}")
    for i, column in enumerate(unclear):
        if i in covered:
            continue
        found = f"; calon: {', '.join(column.candidates)}" if column.candidates else ""
        print(
            f"  ? Kolom {_where([column], '')} '{shown(column.header, 160)}' "
            f"belum jelas perannya"
            f'{found}. Tulis --map "{shown(column.header, 200)}=PILIHAN" (kode indikator, mis. '
            "SPE09 atau SPE09:pembilang; peran kolom, mis. nama_wilayah; atau abaikan)."
        )


def _check_map_headers(pairs: list[str], plan) -> None:
    """Warn (on stderr) of each ``--map`` header that names no column of the file."""
    headers = list(dict.fromkeys(c.header for c in plan.columns))
    known = {text_key(h) for h in headers}
    for pair in pairs:
        header = pair.rpartition("=")[0].strip()
        if text_key(header) in known:
            continue
        listed = ", ".join(f"'{shown(h)}'" for h in headers[:MAX_LISTED])
        more = f" dan {len(headers) - MAX_LISTED} lainnya" if len(headers) > MAX_LISTED else ""
        print(
            f"--map: kolom '{shown(header)}' tidak ada di berkas; judul kolom yang ada: "
            + (f"{listed}{more}." if headers else "tidak ada (baris judul tidak ditemukan)."),
            file=sys.stderr,
        )


def cmd_import(args: argparse.Namespace) -> int:
    """Dry-run and (unless --dry-run) import an indicator file, like the Data page."""
    path = Path(args.file)
    if not path.is_file():
        print(f"Berkas {path} tidak ditemukan.", file=sys.stderr)
        return 2
    if args.save_mapping:
        try:
            profile_name(args.save_mapping)
        except ValueError as err:
            print(f"--save-mapping: {err}", file=sys.stderr)
            return 2
    periode = None
    if args.period:
        periode = normalise_period(args.period)
        if periode is None:
            print(
                f"--period '{args.period}' tidak dikenali (contoh: 2024-Q2, 'Agustus 2024').",
                file=sys.stderr,
            )
            return 2
    try:
        store, ref, _ = initialise(args.db_url, with_demo=False)
    except ReferenceDataError as err:
        print(err, file=sys.stderr)
        return 2
    ref = with_user_indicators(ref, store.user_indicators())
    source = None
    if args.source:
        source = match_source(args.source, ref.sumber_data, ref.sumber_alias)
        if source is None:
            known = ", ".join(ref.sumber_data["kode"])
            print(
                f"--source '{args.source}' tidak dikenal; pilih salah satu: {known}.",
                file=sys.stderr,
            )
            return 2
    codes = set(ref.indikator["kode"])
    try:
        chosen = merge(_mapping_option(store, args.mapping, codes), _map_pairs(args.map, codes))
    except MappingError as err:
        print(err, file=sys.stderr)
        store.dispose()
        return 2
    data = path.read_bytes()
    options = ImportOptions(
        periode,
        source,
        args.proporsi,
        args.sheet,
        mapping=chosen,
        pertahankan_hitungan=args.pertahankan_hitungan,
    )
    plan, comparison, profile = uploads.dry_run_with_profile(
        store, ref, data, path.name, options, use_profile=not args.mapping
    )
    if profile is not None:
        print(f"Profil pemetaan '{profile}' diterapkan (header sama).")
    _check_map_headers(args.map, plan)
    if comparison.hitungan_diganti:
        print(
            f"Perhatian: {comparison.hitungan_diganti} nilai berhitungan (pembilang/penyebut) akan "
            "diganti nilai persen saja; pakai --pertahankan-hitungan untuk mempertahankannya."
        )
    _print_plan(
        plan, comparison, dict(zip(ref.indikator["kode"], ref.indikator["nama"], strict=True))
    )
    blocked = plan.n_errors and not args.skip_invalid
    if args.save_mapping:
        code = _save_mapping(store, args, plan, ok=plan.can_commit and not blocked)
        if code:
            store.dispose()
            return code
    if args.dry_run or blocked or not plan.can_commit:
        if blocked:
            print(
                "Tidak ada yang disimpan: perbaiki galat di atas, atau pakai --skip-invalid untuk menyimpan nilai yang valid saja."
            )
        elif not plan.can_commit:
            print("Tidak ada nilai valid untuk disimpan.")
        else:
            print("Uji coba (--dry-run): nilai tidak disimpan.")
        store.dispose()
        return 1 if plan.n_errors or not plan.can_commit else 0
    try:
        dataset_id = uploads.commit(store, plan, comparison, data, args.user)
    except Exception as err:  # noqa: BLE001 - a duplicate file or a store failure: one line
        print(describe_error(err), file=sys.stderr)
        return 1
    finally:
        store.dispose()
    print(f"Disimpan sebagai dataset #{dataset_id} ({len(plan.values)} nilai).")
    return 0


def _profile_list(store) -> str:
    names = store.mapping_profiles()["nama"].tolist()
    return f"Profil tersimpan: {', '.join(names)}." if names else "Belum ada profil tersimpan."


def _mapping_option(store, value: str | None, codes: set[str]) -> Mapping:
    """``--mapping``: a path to an existing .json file is read as a mapping file, anything else
    names a saved profile; ``MappingError`` says what is wrong."""
    if not value:
        return Mapping()
    path = Path(value)
    if path.suffix.casefold() == ".json" and path.is_file():
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            raise MappingError(f"Berkas pemetaan {path} tidak dapat dibaca: {err}") from err
        try:
            return mapping_from_json(text, codes)
        except MappingError as err:
            raise MappingError(f"{path}: {err}") from err
    mapping = store.mapping_profile(value)
    if mapping is None:
        raise MappingError(
            f"--mapping '{value}' bukan berkas .json yang ada dan bukan profil pemetaan tersimpan. "
            f"{_profile_list(store)} Lihat: python manage.py mappings."
        )
    return mapping


def _map_pairs(pairs: list[str], codes: set[str]) -> Mapping:
    """``--map`` pairs as one mapping; ``MappingError`` names the pair that is wrong."""
    mapping = Mapping()
    for pair in pairs:
        try:
            mapping = merge(mapping, mapping_from_pairs([pair], codes))
        except MappingError as err:
            text = str(err)
            raise MappingError(
                text if text.startswith("--map") else f"--map '{pair}': {text}"
            ) from None
    return mapping


def _save_mapping(store, args: argparse.Namespace, plan, ok: bool) -> int:
    """``--save-mapping NAME``: store the mapping the dry run used, keyed by the file's header
    signature, when the dry run found values to store and no blocking errors (with --dry-run
    too: the profile is saved, the values are not). Returns 0, or the exit code when the
    profile is refused (2: the name is taken by files with other headers) or not written (1)."""
    mapping = plan.options.mapping
    if not ok:
        print(f"Profil pemetaan '{args.save_mapping}' tidak disimpan: uji coba belum berhasil.")
        return 0
    if not mapping:
        print(
            f"Profil pemetaan '{args.save_mapping}' tidak disimpan: berkas terbaca tanpa "
            "pemetaan (tidak ada pilihan untuk diingat)."
        )
        return 0
    try:
        what = uploads.save_profile(store, args.save_mapping, mapping, plan.signature, args.user)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    except Exception as err:  # noqa: BLE001 - a store failure: one line, no traceback
        print(f"Profil pemetaan tidak disimpan: {describe_error(err)}", file=sys.stderr)
        return 1
    name = profile_name(args.save_mapping)
    if args.dry_run:
        print(f"Profil pemetaan '{name}' {what} (nilai belum disimpan: uji coba).")
    else:
        key = f"tanda header {plan.signature}" if plan.signature else "tanpa tanda header"
        print(f"Profil pemetaan '{name}' {what} ({key}).")
    return 0


def cmd_mappings(args: argparse.Namespace) -> int:
    """List the mapping profiles, print one as JSON (usable as --mapping FILE.json) or delete one."""

    def run(store) -> str:
        name = args.show or args.delete
        if name:
            mapping = store.mapping_profile(name)
            if mapping is None:
                raise ValueError(f"Profil pemetaan '{name}' tidak ada. {_profile_list(store)}")
            if args.show:
                return mapping.to_json()
            store.delete_mapping_profile(name, args.user)
            return f"Profil pemetaan '{profile_name(name)}' dihapus."
        profiles = store.mapping_profiles()
        if profiles.empty:
            return (
                "Belum ada profil pemetaan. Simpan dengan: python manage.py import BERKAS "
                '--map "JUDUL=SPE09" --save-mapping NAMA'
            )
        shown = profiles.assign(diubah_pada=profiles["diubah_pada"].dt.strftime("%Y-%m-%d %H:%M"))
        return shown.drop(columns="versi").to_string(index=False)

    return _user_command(args, run)


def cmd_report(args: argparse.Namespace) -> int:
    """Write the rembuk stunting presentation of a year as PowerPoint, PDF or Excel."""
    from report.deck import build_deck, default_period  # noqa: PLC0415 - only this command
    from report.export import build_report  # noqa: PLC0415
    from services.sources import load_sources  # noqa: PLC0415

    try:
        store, ref, _ = initialise(args.db_url, with_demo=False)
    except ReferenceDataError as err:
        print(err, file=sys.stderr)
        return 2
    sources = load_sources(store, ref)
    periode = normalise_period(args.period) if args.period else default_period(sources, args.year)
    if periode is None:
        what = f"--period '{args.period}' tidak dikenali" if args.period else "Tidak ada data"
        print(f"{what} untuk tahun {args.year}.", file=sys.stderr)
        store.dispose()
        return 2
    deck = build_deck(sources, args.year, periode)
    data = build_report(deck, args.format, store.meeting_notes(args.year, periode))
    store.dispose()
    try:
        Path(args.out).write_bytes(data)
    except OSError as err:
        print(f"Berkas {args.out} tidak dapat ditulis: {err}", file=sys.stderr)
        return 1
    print(
        f"{len(deck.slides)} slide ({periode}) ditulis ke {args.out} ({fmt_number(len(data))} bita)."
    )
    return 0


PACKAGES = ("analysis", "charts", "ingest", "report", "store", "ui")
# Modules declaring a Streamlit component (streamlit-folium's map): imported before the server
# runs, the component is registered outside the server's registry and its frame answers 404.
AFTER_START = frozenset({"ui.maps"})


def warm_up() -> None:
    """Import every module of the app, open its store and compute the Ringkasan figures of the
    view opened first, as the first page view would: done before the server starts, the first
    visitor does not wait for pandas, plotly, the app or those figures."""
    import importlib  # noqa: PLC0415 - only the server needs these
    import logging  # noqa: PLC0415
    import pkgutil  # noqa: PLC0415

    # Outside a script run Streamlit warns about every cached function and missing context.
    quiet = [
        logging.getLogger(n) for n in list(logging.root.manager.loggerDict) if "streamlit" in n
    ]
    levels = [logger.level for logger in quiet]
    for logger in quiet:
        logger.setLevel(logging.ERROR)
    root = Path(__file__).resolve().parent
    for package in PACKAGES:
        for module in pkgutil.iter_modules([str(root / package)]):
            if f"{package}.{module.name}" not in AFTER_START:
                importlib.import_module(f"{package}.{module.name}")
    from ui import data, views  # noqa: PLC0415

    data.warm_up()
    views.warm_up()
    for logger, level in zip(quiet, levels, strict=True):
        logger.setLevel(level)


def cmd_serve(args: argparse.Namespace) -> int:
    """``streamlit run SCRIPT [options]`` after ``warm_up``, with Streamlit's upload cap set to
    the largest upload limit of the settings (options given here come later and win)."""
    from streamlit.web import cli  # noqa: PLC0415

    warm_up()
    cap = ["--server.maxUploadSize", str(settings.largest_upload_mb())]
    sys.argv = ["streamlit", "run", args.script, *cap, *args.streamlit_options]
    return cli.main()


def _cli_user() -> str:
    """Who ran a command, for the audit log."""
    return f"cli:{getpass.getuser()}"


def _read_password(args: argparse.Namespace) -> str:
    """The new password: one line of stdin with --password-stdin, else asked twice."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Kata sandi baru: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise ValueError("Kedua kata sandi tidak sama.")
    return first


def _user_command(args: argparse.Namespace, change) -> int:
    """Open the store, apply ``change(store)`` and report; a refused change exits 2."""
    try:
        store, _, _ = initialise(args.db_url, with_demo=False)
    except ReferenceDataError as err:
        print(err, file=sys.stderr)
        return 2
    try:
        print(change(store))
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    finally:
        store.dispose()
    return 0


def cmd_add_user(args: argparse.Namespace) -> int:
    """Create a local user (salted password hash) or an OIDC user matched by e-mail."""

    def add(store) -> str:
        sumber = OIDC if args.oidc else LOKAL
        password = None if args.oidc else _read_password(args)
        store.add_user(
            args.name, args.role, _cli_user(), password, clean_text(args.display_name), sumber
        )
        return f"Pengguna '{normalise(args.name)}' ({sumber}) dibuat dengan peran {args.role}."

    return _user_command(args, add)


def cmd_set_user(args: argparse.Namespace) -> int:
    """Change a user's role, password or status."""

    def change(store) -> str:
        password = _read_password(args) if args.reset_password else None
        aktif = {"enable": True, "disable": False}.get(args.status)
        store.set_user(args.name, _cli_user(), args.role, password, aktif)
        return f"Pengguna '{normalise(args.name)}' diperbarui."

    return _user_command(args, change)


def cmd_users(args: argparse.Namespace) -> int:
    """List the users (never their hashes)."""

    def listing(store) -> str:
        users = store.users()
        if users.empty:
            return "Belum ada pengguna. Buat dengan: python manage.py add-user NAMA --role admin"
        return users[["nama_pengguna", "nama_tampil", "peran", "sumber", "aktif"]].to_string(
            index=False
        )

    return _user_command(args, listing)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db-url", help="URL SQLAlchemy (bawaan: DASBOR_DB_URL atau var/dasbor.sqlite)"
    )


def _user_parsers(sub) -> None:
    add = sub.add_parser("add-user", help="buat pengguna (kata sandi lokal atau e-mail SSO)")
    add.add_argument("name", help="nama pengguna (huruf kecil) atau e-mail untuk --oidc")
    add.add_argument("--role", choices=ROLES, required=True, help="peran di dasbor")
    add.add_argument("--display-name", help="nama yang ditampilkan")
    add.add_argument("--oidc", action="store_true", help="masuk lewat SSO (st.login), tanpa sandi")
    add.add_argument(
        "--password-stdin", action="store_true", help="baca kata sandi dari satu baris stdin"
    )
    add.set_defaults(func=cmd_add_user)
    upd = sub.add_parser("set-user", help="ubah peran, kata sandi atau status pengguna")
    upd.add_argument("name")
    upd.add_argument("--role", choices=ROLES)
    upd.add_argument(
        "--reset-password",
        action="store_true",
        help="tetapkan kata sandi baru (juga membuka kunci gagal masuk)",
    )
    upd.add_argument("--password-stdin", action="store_true")
    upd.add_argument("--status", choices=["enable", "disable"], help="izinkan/larang masuk")
    upd.set_defaults(func=cmd_set_user)
    lst = sub.add_parser("users", help="daftar pengguna dan perannya")
    lst.set_defaults(func=cmd_users)
    for parser in (add, upd, lst):
        _db_option(parser)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="manage.py", description="Pengelolaan Dasbor Konvergensi Stunting kabupaten/kota."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init-db", help="buat/migrasi basis data, muat data referensi dan contoh")
    _db_option(init)
    init.add_argument("--no-demo", action="store_true", help="jangan muat data contoh (sintetis)")
    init.set_defaults(func=cmd_init_db)
    check = sub.add_parser(
        "check-data", help="periksa berkas data referensi dan tampilkan ringkasan"
    )
    check.set_defaults(func=cmd_check_data)
    region = sub.add_parser(
        "new-region", help="buat folder referensi kabupaten/kota dari daftar wilayah nasional"
    )
    region.add_argument("kode", help="kode Kemendagri kabupaten/kota, mis. 32.73")
    region.add_argument("--out", type=Path, help="folder tujuan (bawaan data/regions/KODE)")
    region.add_argument("--bps", help="kode BPS kabupaten/kota (4 angka), bila diketahui")
    region.add_argument(
        "--demo", action="store_true", help="muat data contoh (sintetis) saat mulai"
    )
    region.set_defaults(func=cmd_new_region)
    imp = sub.add_parser(
        "import",
        help="impor berkas indikator (CSV/XLSX/XLS) lewat jalur yang sama dengan halaman Data",
    )
    imp.add_argument("file", help="berkas CSV, XLSX atau XLS")
    imp.add_argument("--dry-run", action="store_true", help="hanya periksa; jangan simpan")
    imp.add_argument("--period", help="periode untuk berkas tanpa kolom periode (mis. 2024-Q2)")
    imp.add_argument(
        "--source", help="kode sumber data untuk berkas tanpa kolom sumber (mis. LAPRUT)"
    )
    imp.add_argument("--sheet", help="nama lembar kerja (bawaan: lembar pertama)")
    imp.add_argument("--proporsi", action="store_true", help="nilai ditulis sebagai proporsi 0–1")
    imp.add_argument(
        "--pertahankan-hitungan",
        action="store_true",
        help="nilai persen tanpa pembilang/penyebut tidak menimpa hitungan yang tersimpan",
    )
    imp.add_argument(
        "--skip-invalid", action="store_true", help="simpan nilai valid walau ada galat"
    )
    imp.add_argument(
        "--mapping",
        metavar="NAMA|FILE.json",
        help="pemetaan kolom: nama profil tersimpan atau berkas JSON (lihat: mappings --show)",
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="JUDUL=PILIHAN",
        help='peran satu kolom, mis. "Cakupan IDL=SPE09" (boleh berulang; menimpa --mapping)',
    )
    imp.add_argument(
        "--save-mapping",
        metavar="NAMA",
        help="simpan pemetaan yang dipakai sebagai profil (dipakai lagi untuk header yang sama)",
    )
    imp.add_argument("--user", default=_cli_user(), help="nama pengunggah (dicatat di riwayat)")
    _db_option(imp)
    imp.set_defaults(func=cmd_import)
    maps = sub.add_parser("mappings", help="daftar, tampilkan atau hapus profil pemetaan kolom")
    what = maps.add_mutually_exclusive_group()
    what.add_argument(
        "--show", metavar="NAMA", help="cetak JSON profil (untuk --mapping FILE.json)"
    )
    what.add_argument("--delete", metavar="NAMA", help="hapus profil")
    maps.add_argument("--user", default=_cli_user(), help="nama pengguna untuk log audit")
    _db_option(maps)
    maps.set_defaults(func=cmd_mappings)
    rep = sub.add_parser(
        "report", help="tulis presentasi rembuk stunting (PowerPoint, PDF atau Excel)"
    )
    rep.add_argument("--year", type=int, required=True, help="tahun presentasi, mis. 2025")
    rep.add_argument(
        "--period", help="periode data (bawaan: periode terakhir tahun itu), mis. 2025-Q4"
    )
    rep.add_argument("--format", choices=["pptx", "pdf", "xlsx"], required=True)
    rep.add_argument("--out", required=True, help="berkas hasil")
    _db_option(rep)
    rep.set_defaults(func=cmd_report)
    zs = sub.add_parser(
        "zscore", help="tambahkan z-skor WHO (haz, waz, whz) dan tanda ke CSV templat"
    )
    zs.add_argument(
        "input",
        type=Path,
        help="CSV: sex, age_days atau birth_date + measure_date, height_cm, weight_kg, position",
    )
    zs.add_argument("output", type=Path, help="CSV hasil")
    zs.set_defaults(func=cmd_zscore)
    pv = sub.add_parser(
        "prevalence",
        help="tabel standar WHO dan plausibilitas dari CSV templat (seperti zscore) ke XLSX",
    )
    pv.add_argument("input", type=Path, help="CSV dengan kolom yang sama seperti perintah zscore")
    pv.add_argument("--out", type=Path, required=True, help="XLSX hasil")
    pv.set_defaults(func=cmd_prevalence)
    _user_parsers(sub)
    serve = sub.add_parser(
        "serve", help="jalankan dasbor (streamlit run app.py) dengan modul dan basis data siap"
    )
    serve.add_argument("script", nargs="?", default="app.py", help="skrip (bawaan app.py)")
    serve.add_argument(
        "streamlit_options",
        nargs=argparse.REMAINDER,
        help="opsi streamlit, mis. --server.port 8502",
    )
    serve.set_defaults(func=cmd_serve)
    return parser


def cmd_zscore(args: argparse.Namespace) -> int:
    """Add WHO z-scores (unrounded) and flags to a template CSV."""
    from ingest.zscore_batch import add_zscores  # noqa: PLC0415
    from store.growth import growth_tables  # noqa: PLC0415
    from text.files import neutralise_formulas  # noqa: PLC0415

    frame = _read_template(args.input)
    if frame is None:
        return 1
    out = add_zscores(frame, growth_tables())
    neutralise_formulas(out).to_csv(args.output, index=False)
    noted = int((out["catatan"] != "").sum())
    print(f"{len(out)} baris ditulis ke {args.output}; {noted} baris dengan catatan.")
    return 0


def _read_template(path: Path):
    """The template CSV as text with lower-case headers, or None (reason on stderr)."""
    import pandas as pd  # noqa: PLC0415 - only the batch commands need it

    from ingest.zscore_batch import missing_columns  # noqa: PLC0415

    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as err:
        print(f"Berkas {path} tidak dapat dibaca: {err}", file=sys.stderr)
        return None
    frame.columns = [c.strip().lower() for c in frame.columns]
    missing = missing_columns(frame)
    if missing:
        print(f"{path}: kolom wajib tidak ada: {', '.join(missing)}.", file=sys.stderr)
        return None
    return frame


def cmd_prevalence(args: argparse.Namespace) -> int:
    """WHO standard tables and the plausibility report of a template CSV, as XLSX."""
    from services.standard_report import batch_report  # noqa: PLC0415
    from store.growth import growth_tables  # noqa: PLC0415

    frame = _read_template(args.input)
    if frame is None:
        return 1
    criteria = load_reference(settings.reference_dir()).plausibilitas
    report = batch_report(frame, growth_tables(), criteria)
    args.out.write_bytes(report.workbook)
    print(
        f"{report.rows} baris dibaca, {report.scored} anak dinilai; tabel standar WHO dan "
        f"plausibilitas ditulis ke {args.out}."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
