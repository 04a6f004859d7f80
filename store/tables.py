"""Database tables (SQLAlchemy Core), portable between SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.ext.compiler import compiles

metadata = MetaData()


@compiles(String, "postgresql")
def _varchar_without_limit(type_, compiler, **kw) -> str:
    """On PostgreSQL, ``String(n)`` columns are created without the limit: SQLite stores text of
    any length, and a longer name or note must not fail only on PostgreSQL. The lengths above stay
    as documentation of what the app expects (the import checks cap the longest ones)."""
    return "VARCHAR"


schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

# Every stored value belongs to a dataset: the provenance of an upload or of the demo data.
dataset = Table(
    "dataset",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("nama", String(300), nullable=False),
    Column("nama_berkas", String(300)),
    Column("jenis", String(40), nullable=False),  # contoh | unggahan
    Column("dibuat_pada", DateTime(timezone=True), nullable=False),
    Column("dibuat_oleh", String(200), nullable=False),
    Column("jumlah_baris", Integer, nullable=False),
    Column("status", String(40), nullable=False),  # aktif | dibatalkan
    Column("sintetis", Boolean, nullable=False),
    Column("catatan", Text),
    # The SHA-256 of the uploaded file (indicator or measurement file; migration 12): at most
    # one active dataset per file, so the same file saved twice at once is stored only once.
    Column("berkas_sha256", String(64)),
    Index(
        "ux_dataset_berkas_aktif",
        "berkas_sha256",
        unique=True,
        sqlite_where=text("status = 'aktif'"),
        postgresql_where=text("status = 'aktif'"),
    ),
)

# Values stored as rows until migration 4 moved them into ``dataset_nilai``; kept here only so
# that migration 1 can create it (migration 4 drops it).
indicator_value = Table(
    "indicator_value",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset_id", Integer, ForeignKey("dataset.id"), nullable=False),
    Column("kode_wilayah", String(20), nullable=False),
    Column("kode_indikator", String(40), nullable=False),
    Column("periode", String(10), nullable=False),
    Column("sumber_data", String(40), nullable=False),
    Column("pembilang", Float),
    Column("penyebut", Float),
    Column("nilai", Float),
    UniqueConstraint("dataset_id", "kode_wilayah", "kode_indikator", "periode", "sumber_data"),
    Index("ix_indicator_value_key", "kode_indikator", "periode", "kode_wilayah"),
)

# The values of a dataset, all together: an Arrow IPC file (``store.columnar``). A dataset never
# changes once stored, and a million values are written at once instead of row by row.
dataset_nilai = Table(
    "dataset_nilai",
    metadata,
    Column("dataset_id", Integer, ForeignKey("dataset.id"), primary_key=True),
    Column("format", String(20), nullable=False),
    Column("jumlah", Integer, nullable=False),
    Column("isi", LargeBinary, nullable=False),
)

scorecard_value = Table(
    "scorecard_value",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset_id", Integer, ForeignKey("dataset.id"), nullable=False),
    Column("kode_wilayah", String(20), nullable=False),
    Column("kode_indikator", String(40), nullable=False),
    Column("periode", String(10), nullable=False),
    Column("y", Integer, nullable=False),
    Column("t", Integer, nullable=False),
    Column("ts", Integer, nullable=False),
    UniqueConstraint("dataset_id", "kode_wilayah", "kode_indikator", "periode"),
)

lokus = Table(
    "lokus",
    metadata,
    Column("tahun", Integer, primary_key=True),
    Column("kode_kelurahan", String(20), primary_key=True),
    Column("dasar_penetapan", Text),
    Column("asal", String(40), nullable=False),  # referensi | pengguna
)

aksi_tahun = Table(
    "aksi_tahun",
    metadata,
    Column("tahun", Integer, primary_key=True, autoincrement=False),
    Column("kerangka", String(40), nullable=False),
)

aksi_progress = Table(
    "aksi_progress",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kerangka", String(40), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("nomor_aksi", Integer, nullable=False),
    Column("nomor_tahapan", Integer),
    Column("kode_kelurahan", String(20)),
    Column("rencana_mulai", Date),
    Column("rencana_selesai", Date),
    Column("realisasi_mulai", Date),
    Column("realisasi_selesai", Date),
    Column("status", String(40), nullable=False),
    Column("progres_persen", Float, nullable=False),
    Column("opd", String(200)),
    Column("dokumen_keluaran", String(300)),
    Column("bukti", String(500)),
    Column("catatan", Text),
    Column("sintetis", Boolean, nullable=False),
    Column("diubah_pada", DateTime(timezone=True), nullable=False),
    Column("diubah_oleh", String(200), nullable=False),
    # Raised by every save (migration 12): a save names the version its screen read and is
    # refused when the row has changed since (optimistic concurrency).
    Column("versi", Integer, nullable=False, server_default="0"),
    Index("ix_aksi_progress_year", "tahun", "nomor_aksi"),
)

# The uploaded file behind a dataset: its bytes (size-capped, never when it holds personal data
# columns) and what the dry run counted, for audit.
dataset_berkas = Table(
    "dataset_berkas",
    metadata,
    Column("dataset_id", Integer, ForeignKey("dataset.id"), primary_key=True),
    Column("nama_berkas", String(300), nullable=False),
    Column("ukuran", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("isi", LargeBinary),
    Column("kompresi", String(10)),  # codec of ``isi`` (store/archive.py); NULL: kept raw
    Column("diarsipkan", Boolean, nullable=False),
    Column("format", String(20)),
    Column("baris_dibaca", Integer, nullable=False),
    Column("nilai_baru", Integer, nullable=False),
    Column("nilai_diperbarui", Integer, nullable=False),
    Column("nilai_sama", Integer, nullable=False),
    Column("nilai_diabaikan", Integer, nullable=False),
    Column("opsi", Text),
)

# Indicators added to the catalogue from the app (the catalogue file stays as shipped).
indikator_pengguna = Table(
    "indikator_pengguna",
    metadata,
    Column("kode", String(40), primary_key=True),
    Column("nama", String(300), nullable=False),
    Column("kelompok", String(40), nullable=False),
    Column("sasaran", String(200)),
    Column("satuan", String(20), nullable=False),
    Column("arah", String(20)),
    Column("target", Float),
    Column("tahun_target", Integer),
    Column("sumber_target", String(300)),
    Column("sumber_data", String(40), nullable=False),
    Column("dibuat_pada", DateTime(timezone=True), nullable=False),
    Column("dibuat_oleh", String(200), nullable=False),
)

# What happened to each dataset: unggah (upload), batalkan (roll back), pulihkan (restore).
dataset_riwayat = Table(
    "dataset_riwayat",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset_id", Integer, ForeignKey("dataset.id"), nullable=False),
    Column("aksi", String(40), nullable=False),
    Column("waktu", DateTime(timezone=True), nullable=False),
    Column("oleh", String(200), nullable=False),
    Column("catatan", Text),
)

# Official kelurahan boundaries imported by users: one version per file, polygons as GeoJSON
# geometry text in EPSG:4326 (simplified for display). The newest active version is drawn.
batas_versi = Table(
    "batas_versi",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("nama_berkas", String(300), nullable=False),
    Column("ukuran", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("crs_asal", String(200)),
    Column("jumlah", Integer, nullable=False),
    Column("dibuat_pada", DateTime(timezone=True), nullable=False),
    Column("dibuat_oleh", String(200), nullable=False),
    Column("status", String(40), nullable=False),  # aktif | dibatalkan
)

batas_kelurahan = Table(
    "batas_kelurahan",
    metadata,
    Column("versi_id", Integer, ForeignKey("batas_versi.id"), primary_key=True),
    Column("kode_kelurahan", String(20), primary_key=True),
    Column("geometri", Text, nullable=False),
)

# Who changed which aksi progress field, from what to what (the Aksi page's audit log).
aksi_audit = Table(
    "aksi_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("waktu", DateTime(timezone=True), nullable=False),
    Column("oleh", String(200), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("progress_id", Integer),  # None for whole-year events (a new year)
    Column("kolom", String(60), nullable=False),
    Column("nilai_lama", Text),
    Column("nilai_baru", Text),
)

# Evidence files of aksi progress rows: bytes in the database (never a path on disk).
aksi_bukti = Table(
    "aksi_bukti",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("progress_id", Integer, ForeignKey("aksi_progress.id"), nullable=False),
    Column("nama_berkas", String(120), nullable=False),
    Column("ukuran", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("isi", LargeBinary, nullable=False),
    Column("diunggah_pada", DateTime(timezone=True), nullable=False),
    Column("diunggah_oleh", String(200), nullable=False),
)

# Child measurement records (migration 8). A batch is one uploaded file (or the demo data) and
# belongs to the dataset holding the prevalence recomputed from it, so rolling the dataset back
# withdraws its records too. Records keep no NIK, name, address or birth date: only what
# z-scores and prevalence need (schema.MEASUREMENT_COLUMNS).
pengukuran_berkas = Table(
    "pengukuran_berkas",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("dataset_id", Integer, ForeignKey("dataset.id"), nullable=False, unique=True),
    Column("nama_berkas", String(300), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("format", String(20), nullable=False),
    Column("baris_dibaca", Integer, nullable=False),
    Column("rekaman_disimpan", Integer, nullable=False),
    Column("kolom_pribadi_dibuang", Text),
    # What the file replaces: "kelurahan" (its kelurahan × month) or "bulan" (whole months).
    Column("cakupan", String(10), nullable=False, server_default="kelurahan"),
)

pengukuran = Table(
    "pengukuran",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("berkas_id", Integer, ForeignKey("pengukuran_berkas.id"), nullable=False),
    Column("kode_wilayah", String(20), nullable=False),
    Column("posyandu", String(100)),
    Column("jenis_kelamin", String(1), nullable=False),
    Column("umur_hari", Integer, nullable=False),
    Column("tanggal_ukur", Date, nullable=False),
    Column("periode", String(10), nullable=False),
    Column("tinggi_cm", Float),
    Column("berat_kg", Float),
    Column("cara_ukur", String(1)),
    Column("edema", Boolean, nullable=False),
    Column("zs_tbu_berkas", Float),
    Column("status_tbu_berkas", String(40)),
    Column("zs_bbu_berkas", Float),
    Column("zs_bbtb_berkas", Float),
    # z-scores computed at import from the exact age (migration 14); umur_hari is rounded to
    # the middle of its month (analysis.zscore.stored_form).
    Column("haz", Float),
    Column("waz", Float),
    Column("whz", Float),
    Index("ix_pengukuran_berkas", "berkas_id"),
)

# The activity register (rencana kegiatan, Aksi 2), migration 9. ``indikator`` and
# ``kelurahan_sasaran`` hold codes separated by ";" (``semua`` = every kelurahan). Activities are
# never deleted: ``dihapus`` hides them, and ``kegiatan_audit`` records every change.
kegiatan = Table(
    "kegiatan",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tahun", Integer, nullable=False),
    Column("nama_kegiatan", String(300), nullable=False),
    Column("opd", String(40), nullable=False),
    Column("indikator", Text, nullable=False),
    Column("kelurahan_sasaran", Text, nullable=False),
    Column("volume_target", Float),
    Column("satuan_volume", String(60)),
    Column("pagu", Float, nullable=False),
    Column("realisasi", Float),
    Column("sumber_dana", String(40), nullable=False),
    Column("status", String(40), nullable=False),
    Column("catatan", Text),
    Column("sintetis", Boolean, nullable=False),
    Column("dihapus", Boolean, nullable=False),
    Column("dibuat_pada", DateTime(timezone=True), nullable=False),
    Column("dibuat_oleh", String(200), nullable=False),
    Column("diubah_pada", DateTime(timezone=True), nullable=False),
    Column("diubah_oleh", String(200), nullable=False),
    Column("versi", Integer, nullable=False, server_default="0"),  # as aksi_progress.versi
    Index("ix_kegiatan_tahun", "tahun"),
)

kegiatan_audit = Table(
    "kegiatan_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("waktu", DateTime(timezone=True), nullable=False),
    Column("oleh", String(200), nullable=False),
    Column("kegiatan_id", Integer, ForeignKey("kegiatan.id"), nullable=False),
    Column("kolom", String(60), nullable=False),
    Column("nilai_lama", Text),
    Column("nilai_baru", Text),
)


# Meeting notes of the Presentasi page, one per slide of a (year, period) presentation. Every
# save appends a row; the newest row per slide is the note, older rows are its history.
# ``menggantikan`` is the id of the note a row replaces (0 for a slide's first note), unique per
# slide (migration 12): two saves from screens that read the same note cannot both be stored.
catatan_rapat = Table(
    "catatan_rapat",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tahun", Integer, nullable=False),
    Column("periode", String(20), nullable=False),
    Column("slide", String(40), nullable=False),
    Column("teks", Text, nullable=False),
    Column("diubah_pada", DateTime(timezone=True), nullable=False),
    Column("diubah_oleh", String(200), nullable=False),
    Column("menggantikan", Integer, nullable=False, server_default="0"),
    Index("ix_catatan_rapat_tahun", "tahun", "periode"),
    Index(
        "ux_catatan_rapat_menggantikan", "tahun", "periode", "slide", "menggantikan", unique=True
    ),
)


# Users of the built-in sign-in and the role of every user the app knows (migration 11). A
# local user has a salted scrypt hash (store/passwords.py); a user signing in through OIDC
# (st.login) is matched by e-mail and has no hash. Roles: pembaca | editor | admin.
pengguna = Table(
    "pengguna",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("nama_pengguna", String(200), nullable=False, unique=True),
    Column("nama_tampil", String(200)),
    Column("peran", String(20), nullable=False),
    Column("sumber", String(20), nullable=False),  # lokal | oidc
    Column("sandi_hash", String(300)),
    Column("aktif", Boolean, nullable=False),
    Column("dibuat_pada", DateTime(timezone=True), nullable=False),
    Column("diubah_pada", DateTime(timezone=True), nullable=False),
)

# Browser sessions of signed-in users: only the SHA-256 of the cookie's token is kept.
sesi = Table(
    "sesi",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("nama_pengguna", String(200), nullable=False),
    Column("dibuat_pada", DateTime(timezone=True), nullable=False),
    Column("berakhir_pada", DateTime(timezone=True), nullable=False),
)

# Failed sign-ins counted per (user, client address), per user and per address ("*" = any), in
# windows of store.users_store.LOCKOUT; a row is reserved before each password check (migration 13).
percobaan_masuk = Table(
    "percobaan_masuk",
    metadata,
    Column("akun", String(200), primary_key=True),
    Column("klien", String(100), primary_key=True),
    Column("gagal", Integer, nullable=False),
    Column("mulai", DateTime(timezone=True), nullable=False),
    Column("penolakan_dicatat", Boolean, nullable=False),
)

# One row per write and per sign-in, whatever it touched: the Audit page reads only this.
log_audit = Table(
    "log_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("waktu", DateTime(timezone=True), nullable=False),
    Column("oleh", String(200), nullable=False),
    Column("jenis", String(40), nullable=False),
    Column("objek", String(300), nullable=False),
    Column("rincian", Text),
    Index("ix_log_audit_waktu", "waktu"),
)

# Mapping profiles (migration 15): the column and indicator-name choices a user made for one
# office's file (``analysis.mapping.Mapping`` as JSON), found again by the file's header signature
# (``ingest.mapping.header_signature``; empty for a profile saved without a file) or by its
# name. ``versi`` counts saves (1 for a new profile): a screen saves over the version it read.
profil_pemetaan = Table(
    "profil_pemetaan",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("nama", String(100), nullable=False, unique=True),
    Column("tanda_header", String(64)),
    Column("isi", Text, nullable=False),
    Column("versi", Integer, nullable=False, server_default="1"),
    Column("dibuat_oleh", String(200), nullable=False),
    Column("dibuat_pada", DateTime(timezone=True), nullable=False),
    Column("diubah_oleh", String(200), nullable=False),
    Column("diubah_pada", DateTime(timezone=True), nullable=False),
    Index("ix_profil_pemetaan_tanda_header", "tanda_header"),
)

# Years whose lokus were set in the app (migration 19): ``store.lokus_store`` no longer syncs
# the reference file's lokus into such a year at start-up, so a kelurahan a user removed does
# not come back and the user's list is never dropped.
lokus_penetapan = Table(
    "lokus_penetapan",
    metadata,
    Column("tahun", Integer, primary_key=True, autoincrement=False),
    Column("diubah_pada", DateTime(timezone=True), nullable=False),
    Column("diubah_oleh", String(200), nullable=False),
)

# Targets the region sets for itself (Perbup/Perwali, RPJMD; migration 19): one per catalogue
# indicator, in place of the catalogue's (Perpres 72/2021, RPJMN) while the row exists.
target_daerah = Table(
    "target_daerah",
    metadata,
    Column("kode_indikator", String(40), primary_key=True),
    Column("target", Float, nullable=False),
    Column("tahun_target", Integer, nullable=False),
    Column("sumber_target", String(300), nullable=False),
    Column("diubah_pada", DateTime(timezone=True), nullable=False),
    Column("diubah_oleh", String(200), nullable=False),
)

# The region a database was created for (migration 18): one row, written at the first start-up
# (``store.region_store``); a start with another region's reference folder is refused.
wilayah_basis_data = Table(
    "wilayah_basis_data",
    metadata,
    Column("kode", String(20), primary_key=True),
    Column("nama", String(200), nullable=False),
    Column("dicatat", DateTime(timezone=True), nullable=False),
)
