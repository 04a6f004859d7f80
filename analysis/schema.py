"""Column names shared by the storage layer, the analysis functions and the pages.

Names are the Indonesian domain nouns used in the reference files, so a CSV column and a
DataFrame column are the same string.
"""

from __future__ import annotations

# Kelurahan reference
KODE_KELURAHAN = "kode_kelurahan"
KODE_KELURAHAN_10 = "kode_kelurahan_10"
KELURAHAN = "kelurahan"
KODE_KECAMATAN = "kode_kecamatan"
KECAMATAN = "kecamatan"
LABEL_LAT = "label_lat"
LABEL_LON = "label_lon"
AREA_KM2 = "area_km2"

# Lokus
TAHUN = "tahun"
LOKUS = "lokus"
DASAR_PENETAPAN = "dasar_penetapan"

# Indicator catalogue
KODE = "kode"
NAMA = "nama"
KELOMPOK = "kelompok"
SASARAN = "sasaran"
SATUAN = "satuan"
ARAH = "arah"
TARGET = "target"
TAHUN_TARGET = "tahun_target"
SUMBER_TARGET = "sumber_target"
TARGET_TERKONFIRMASI = "target_terkonfirmasi"
KELOMPOK_SCORECARD = "kelompok_scorecard"

# Indicator values (one row per wilayah x indicator x period x source x dataset)
KODE_WILAYAH = "kode_wilayah"
KODE_INDIKATOR = "kode_indikator"
PERIODE = "periode"
PEMBILANG = "pembilang"
PENYEBUT = "penyebut"
NILAI = "nilai"
SUMBER_DATA = "sumber_data"
DATASET_ID = "dataset_id"
SINTETIS = "sintetis"

# The key of a stored value and its columns
VALUE_KEY = [KODE_WILAYAH, KODE_INDIKATOR, PERIODE, SUMBER_DATA]
VALUE_COLUMNS = [*VALUE_KEY, PEMBILANG, PENYEBUT, NILAI]

# Scorecard counts
Y = "y"
T = "t"
TS = "ts"

# Aksi konvergensi
KERANGKA = "kerangka"
NOMOR_AKSI = "nomor_aksi"
AKSI = "aksi"
NOMOR_TAHAPAN = "nomor_tahapan"
TAHAPAN = "tahapan"
STATUS = "status"
PROGRES = "progres_persen"

# Child measurement records (e-PPGBM or the template), as stored: never a NIK, a name, an
# address or the birth date. The age is stored rounded to the middle of its month
# (``analysis.zscore.month_rounded_days``), so that measure date − age does not give the birth
# date back; the z-scores computed at import from the exact age are stored beside it.
POSYANDU = "posyandu"
JENIS_KELAMIN = "jenis_kelamin"  # L | P
UMUR_HARI = "umur_hari"
TANGGAL_UKUR = "tanggal_ukur"
TINGGI_CM = "tinggi_cm"
BERAT_KG = "berat_kg"
CARA_UKUR = "cara_ukur"  # L (terlentang) | H (berdiri) | empty
EDEMA = "edema"
ZS_TBU_BERKAS = "zs_tbu_berkas"  # the register's own z-scores and status, kept for comparison
STATUS_TBU_BERKAS = "status_tbu_berkas"
ZS_BBU_BERKAS = "zs_bbu_berkas"
ZS_BBTB_BERKAS = "zs_bbtb_berkas"
MEASUREMENT_COLUMNS = [
    KODE_WILAYAH,
    POSYANDU,
    JENIS_KELAMIN,
    UMUR_HARI,
    TANGGAL_UKUR,
    PERIODE,
    TINGGI_CM,
    BERAT_KG,
    CARA_UKUR,
    EDEMA,
    ZS_TBU_BERKAS,
    STATUS_TBU_BERKAS,
    ZS_BBU_BERKAS,
    ZS_BBTB_BERKAS,
]

# z-scores of a measurement computed at import from the exact age (``analysis.zscore``); NaN
# where not computable.
HAZ, WAZ, WHZ = "haz", "waz", "whz"
SCORE_COLUMNS = [HAZ, WAZ, WHZ]

# Codes of the reference data that analyses rely on
SUMBER_REGISTER = "EPPGBM"
SUMBER_SURVEI = "SSGI"
IND_STUNTING = "OUT01"
SUMBER_HITUNG_ULANG = "EPPGBM_HITUNG"  # prevalence recomputed here from e-PPGBM records

# Derived columns
CAKUPAN = "cakupan"
SELISIH_TARGET = "selisih_target"
TERCAPAI = "tercapai"
PERINGKAT = "peringkat"
TINGKAT_KONVERGENSI = "tingkat_konvergensi"

# Controlled vocabularies
KELOMPOK_VALUES = ("spesifik", "sensitif", "outcome", "sasaran", "scorecard", "posyandu")
ARAH_TINGGI_BAIK = "tinggi_baik"
ARAH_RENDAH_BAIK = "rendah_baik"
ARAH_VALUES = (ARAH_TINGGI_BAIK, ARAH_RENDAH_BAIK)
SATUAN_VALUES = ("persen", "jumlah")
SCORECARD_GROUPS = ("ibu_hamil", "anak_0_23")
STATUS_SELESAI = "selesai"
STATUS_BERJALAN = "berjalan"
STATUS_BELUM = "belum mulai"
STATUS_TERLAMBAT = "terlambat"
STATUS_TIDAK_BERLAKU = "tidak berlaku"
STATUS_VALUES = (
    STATUS_BELUM,
    STATUS_BERJALAN,
    STATUS_SELESAI,
    STATUS_TERLAMBAT,
    STATUS_TIDAK_BERLAKU,
)

# Activity register (rencana kegiatan, Aksi 2). ``indikator`` and ``kelurahan_sasaran`` hold
# codes separated by ";" (``kelurahan_sasaran`` may be ``semua``: every kelurahan of the city);
# money is in whole rupiah.
NAMA_KEGIATAN = "nama_kegiatan"
OPD = "opd"
INDIKATOR = "indikator"
KELURAHAN_SASARAN = "kelurahan_sasaran"
VOLUME = "volume_target"
SATUAN_VOLUME = "satuan_volume"
PAGU = "pagu"
REALISASI = "realisasi"
SUMBER_DANA = "sumber_dana"
CATATAN = "catatan"
SEMUA_KELURAHAN = "semua"
KODE_SEP = ";"
KEGIATAN_RENCANA = "rencana"
KEGIATAN_BERJALAN = "berjalan"
KEGIATAN_SELESAI = "selesai"
KEGIATAN_BATAL = "batal"
KEGIATAN_STATUS_VALUES = (KEGIATAN_RENCANA, KEGIATAN_BERJALAN, KEGIATAN_SELESAI, KEGIATAN_BATAL)
ACTIVITY_FIELDS = [
    TAHUN,
    NAMA_KEGIATAN,
    OPD,
    INDIKATOR,
    KELURAHAN_SASARAN,
    VOLUME,
    SATUAN_VOLUME,
    PAGU,
    REALISASI,
    SUMBER_DANA,
    STATUS,
    CATATAN,
]
