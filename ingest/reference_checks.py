"""The checks of the reference files (``data/reference``) and of a new indicator entered in the app.

Each ``_check_*`` adds to a ``Checker`` every problem of one file (or two files that refer to
each other), so a user editing the files sees all of them at once; ``check_reference`` runs them
all, ``user_indicator`` checks one catalogue row like a row of ``indikator.csv``.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis import schema as s
from analysis.reference import COLUMNS, Reference, typed_indikator
from ingest.indicator_names import indicator_key
from ingest.matching import name_key
from ingest.reference_problems import Checker, Problem, ReferenceDataError

# Generous bounding box around Indonesia (label points must lie inside it).
LAT_RANGE = (-11.5, 6.5)
LON_RANGE = (94.5, 141.5)
UNIT_WORDS = ("kelurahan", "desa", "desa/kelurahan")
ALERT_OPERATORS = ("<", "<=", ">", ">=")


def _is_number(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return True


def _is_int(v: str) -> bool:
    return v.strip().lstrip("-").isdigit()


def _check_wilayah(df: pd.DataFrame, c: Checker) -> str | None:
    """``wilayah.csv``: one row naming the kabupaten/kota; returns its code when well formed."""
    n = "wilayah.csv"
    if len(df) != 1:
        c.add(n, None, None, None, "harus berisi tepat satu baris (kabupaten/kota yang dilayani).")
        return None
    c.each(n, df, "kode", lambda v: bool(re.fullmatch(r"\d{2}\.\d{2}", v)),
           "kode Kemendagri kabupaten/kota harus berbentuk NN.NN (mis. 32.73).")  # fmt: skip
    c.each(n, df, "nama", bool, "nama kabupaten/kota wajib diisi (mis. Kota Bandung).")
    c.each(n, df, "kode_bps", lambda v: v == "" or bool(re.fullmatch(r"\d{4}", v)),
           "kode BPS kabupaten/kota harus 4 angka (mis. 3273) atau dikosongkan.")  # fmt: skip
    c.each(n, df, "sebutan_desa", lambda v: v in UNIT_WORDS,
           f"sebutan_desa harus salah satu dari {', '.join(UNIT_WORDS)}.")  # fmt: skip
    c.each(n, df, "data_contoh", lambda v: v in ("0", "1", ""), "data_contoh harus 0 atau 1.")
    kode = df.iloc[0]["kode"]
    return kode if re.fullmatch(r"\d{2}\.\d{2}", kode) else None


def _check_kelurahan(df: pd.DataFrame, c: Checker, region: str | None) -> None:
    n = "kelurahan.csv"
    if region:
        pattern = re.compile(rf"^{re.escape(region)}\.\d{{2}}\.[12]\d{{3}}$")
        c.each(
            n,
            df,
            s.KODE_KELURAHAN,
            lambda v: bool(pattern.match(v)),
            f"kode Kemendagri harus berbentuk {region}.KK.NNNN, kode kabupaten/kota di wilayah.csv "
            "(bukan kode BPS).",
        )
    for i, row in df.iterrows():
        if row[s.KODE_KELURAHAN_10] != row[s.KODE_KELURAHAN].replace(".", ""):
            c.add(
                n,
                int(i) + 2,
                s.KODE_KELURAHAN_10,
                row[s.KODE_KELURAHAN_10],
                "harus sama dengan kode_kelurahan tanpa titik.",
            )
        if not row[s.KODE_KELURAHAN].startswith(row[s.KODE_KECAMATAN] + "."):
            c.add(
                n,
                int(i) + 2,
                s.KODE_KECAMATAN,
                row[s.KODE_KECAMATAN],
                "harus menjadi awalan kode_kelurahan.",
            )
        if (row[s.LABEL_LAT] == "") != (row[s.LABEL_LON] == ""):
            c.add(n, int(i) + 2, s.LABEL_LON, row[s.LABEL_LON],
                  "lintang dan bujur diisi keduanya atau dikosongkan keduanya (tanpa titik label).")  # fmt: skip
    c.each(n, df, s.KELURAHAN, bool, "nama desa/kelurahan wajib diisi.")
    c.each(n, df, s.KECAMATAN, bool, "nama kecamatan wajib diisi.")
    c.each(
        n,
        df,
        s.LABEL_LAT,
        lambda v: v == "" or (_is_number(v) and LAT_RANGE[0] <= float(v) <= LAT_RANGE[1]),
        f"lintang harus kosong atau angka desimal antara {LAT_RANGE[0]} dan {LAT_RANGE[1]} "
        "(titik desimal).",
    )
    c.each(
        n,
        df,
        s.LABEL_LON,
        lambda v: v == "" or (_is_number(v) and LON_RANGE[0] <= float(v) <= LON_RANGE[1]),
        f"bujur harus kosong atau angka desimal antara {LON_RANGE[0]} dan {LON_RANGE[1]} "
        "(titik desimal).",
    )
    c.each(
        n,
        df,
        s.AREA_KM2,
        lambda v: v == "" or (_is_number(v) and float(v) > 0),
        "luas harus kosong atau angka > 0 (km²).",
    )
    c.unique(
        n, df, [s.KODE_KELURAHAN], "kode desa/kelurahan ganda; setiap desa/kelurahan satu baris."
    )
    c.unique(
        n,
        df,
        [s.KELURAHAN],
        "nama desa/kelurahan ganda; bedakan, mis. dengan nama kecamatan dalam kurung.",
    )


ALIAS_KINDS = ("ejaan", "bukan_kelurahan")


def _check_alias(df: pd.DataFrame, kel: pd.DataFrame, c: Checker) -> None:
    name = "kelurahan_alias.csv"
    known = set(kel[s.KODE_KELURAHAN])
    c.each(name, df, "alias", bool, "alias kosong; isi ejaan nama yang dipakai di berkas.")
    c.each(
        name, df, "jenis", lambda v: v in ALIAS_KINDS, f"jenis harus salah satu dari {ALIAS_KINDS}."
    )
    c.each(
        name,
        df,
        s.KODE_KELURAHAN,
        lambda v: bool(v) and set(v.split()) <= known,
        "kode kelurahan tidak ada di kelurahan.csv (beberapa kode dipisah spasi).",
    )
    c.unique(name, df, ["alias"], "alias ganda.")
    official = set(kel[s.KELURAHAN].str.lower())
    c.each(
        name,
        df,
        "alias",
        lambda v: v.lower() not in official,
        "alias sama dengan nama resmi kelurahan; hapus barisnya.",
    )


def _check_indicator_aliases(df: pd.DataFrame, ind: pd.DataFrame, c: Checker) -> None:
    """Other wordings of catalogue indicators: known codes, filled in, each once per code, and
    never another indicator's catalogue name (an alias shared by two codes is allowed: such a
    name is then asked, never guessed)."""
    n = "indikator_alias.csv"
    c.each(n, df, s.KODE, lambda v: v in set(ind[s.KODE]), "kode tidak ada di indikator.csv.")
    c.each(n, df, "alias", bool, "alias kosong; isi nama indikator seperti ditulis di berkas.")
    keyed = df.assign(_key=[indicator_key(a, strip_lead=False) for a in df["alias"]])
    for i in keyed.index[keyed.duplicated(subset=[s.KODE, "_key"]) & keyed["alias"].ne("")]:
        c.add(n, int(i) + 2, "alias", df.at[i, "alias"], f"alias ganda untuk {df.at[i, s.KODE]}.")
    names = {
        indicator_key(v, strip_lead=False): k for k, v in zip(ind[s.KODE], ind[s.NAMA], strict=True)
    }
    for i, row in keyed.iterrows():
        other = names.get(row["_key"])
        if row["alias"] and other is not None and other != row[s.KODE]:
            c.add(
                n,
                int(i) + 2,
                "alias",
                row["alias"],
                f"alias sama dengan nama katalog {other}; hapus barisnya atau ubah kodenya.",
            )


def _check_source_aliases(df: pd.DataFrame, sumber: pd.DataFrame, c: Checker) -> None:
    """Office names of data sources: known source codes, filled in, each once."""
    n = "sumber_alias.csv"
    known = set(sumber[s.KODE])
    c.each(n, df, "kode_sumber", lambda v: v in known, "kode_sumber tidak ada di sumber_data.csv.")
    c.each(n, df, "alias", bool, "alias kosong; isi nama instansi seperti ditulis di berkas.")
    keyed = df.assign(_key=[name_key(a) for a in df["alias"]])
    for i in keyed.index[keyed.duplicated(subset=["_key"]) & keyed["alias"].ne("")]:
        c.add(n, int(i) + 2, "alias", df.at[i, "alias"], "alias ganda; setiap nama satu baris.")


def _check_lokus(df: pd.DataFrame, kel: pd.DataFrame, c: Checker) -> None:
    n = "lokus.csv"
    c.each(
        n,
        df,
        s.TAHUN,
        lambda v: _is_int(v) and 2000 <= int(v) <= 2100,
        "tahun harus 4 digit, mis. 2022.",
    )
    known = set(kel[s.KODE_KELURAHAN])
    c.each(
        n,
        df,
        s.KODE_KELURAHAN,
        lambda v: v in known,
        "kode kelurahan tidak ada di kelurahan.csv; salin kodenya dari sana.",
    )
    c.unique(
        n,
        df,
        [s.TAHUN, s.KODE_KELURAHAN],
        "kelurahan yang sama tercantum dua kali untuk tahun ini.",
    )


def _check_code_list(name: str, df: pd.DataFrame, c: Checker, what: str) -> None:
    """A list of codes with names (indicators, units, funding sources): codes well-formed and
    unique, names (and short names, where the file has them) filled in."""
    c.each(
        name,
        df,
        s.KODE,
        lambda v: bool(re.match(r"^[A-Za-z0-9_]+$", v)),
        "kode wajib diisi, hanya huruf, angka dan garis bawah.",
    )
    c.unique(name, df, [s.KODE], f"kode {what} ganda; beri kode unik.")
    c.each(name, df, s.NAMA, bool, f"nama {what} wajib diisi.")
    if "singkatan" in df.columns:
        c.each(name, df, "singkatan", bool, "singkatan wajib diisi (dipakai di grafik dan tabel).")


def _check_indikator(df: pd.DataFrame, sumber: pd.DataFrame, c: Checker) -> None:
    n = "indikator.csv"
    _check_code_list(n, df, c, "indikator")
    c.each(
        n,
        df,
        s.KELOMPOK,
        lambda v: v in s.KELOMPOK_VALUES,
        f"kelompok harus salah satu dari: {', '.join(s.KELOMPOK_VALUES)}.",
    )
    c.each(n, df, s.SATUAN, lambda v: v in s.SATUAN_VALUES, "satuan harus 'persen' atau 'jumlah'.")
    c.each(
        n,
        df,
        s.TARGET,
        lambda v: v == "" or _is_number(v),
        "target harus angka (titik desimal) atau kosong.",
    )
    c.each(
        n, df, s.TARGET_TERKONFIRMASI, lambda v: v in ("0", "1"), "isi 1 (terkonfirmasi) atau 0."
    )
    known = set(sumber[s.KODE])
    c.each(n, df, s.SUMBER_DATA, lambda v: v in known, "sumber_data tidak ada di sumber_data.csv.")
    for i, row in df.iterrows():
        r = int(i) + 2
        if row[s.SATUAN] == "persen" and row[s.ARAH] not in s.ARAH_VALUES:
            c.add(
                n,
                r,
                s.ARAH,
                row[s.ARAH],
                "indikator persen wajib punya arah 'tinggi_baik' atau 'rendah_baik'.",
            )
        if row[s.TARGET] and not _is_int(row[s.TAHUN_TARGET]):
            c.add(
                n,
                r,
                s.TAHUN_TARGET,
                row[s.TAHUN_TARGET],
                "target yang diisi wajib punya tahun_target.",
            )
        is_sc = row[s.KELOMPOK] == "scorecard"
        if is_sc != (row[s.KELOMPOK_SCORECARD] in s.SCORECARD_GROUPS):
            c.add(
                n,
                r,
                s.KELOMPOK_SCORECARD,
                row[s.KELOMPOK_SCORECARD],
                "isi 'ibu_hamil' atau 'anak_0_23' untuk indikator scorecard, kosongkan untuk lainnya.",
            )


def _check_target_lain(df: pd.DataFrame, ind: pd.DataFrame, c: Checker) -> None:
    n = "target_lain.csv"
    known = set(ind[s.KODE])
    c.each(
        n, df, s.KODE_INDIKATOR, lambda v: v in known, "kode indikator tidak ada di indikator.csv."
    )
    c.each(n, df, s.TARGET, _is_number, "target harus angka (titik desimal).")
    c.each(n, df, s.SUMBER_TARGET, bool, "sumber target wajib diisi.")
    c.each(
        n,
        df,
        s.TAHUN_TARGET,
        lambda v: _is_int(v) and 2000 <= int(v) <= 2100,
        "tahun_target wajib diisi: tahun empat angka (lintasan menuju target memakainya).",
    )


def _check_alert_rules(df: pd.DataFrame, ind: pd.DataFrame, c: Checker) -> None:
    n = "aturan_peringatan.csv"
    persen = set(ind.loc[ind[s.SATUAN] == "persen", s.KODE])
    c.each(
        n,
        df,
        s.KODE_INDIKATOR,
        lambda v: v in persen,
        "kode indikator tidak ada di indikator.csv atau bukan indikator persen.",
    )
    c.each(n, df, "operator", lambda v: v in ALERT_OPERATORS, "operator harus <, <=, > atau >=.")
    c.each(n, df, "ambang", _is_number, "ambang harus angka persen (titik desimal).")
    c.each(n, df, "pesan", bool, "pesan peringatan wajib diisi.")


def _check_kerangka(df: pd.DataFrame, tahapan: pd.DataFrame, c: Checker) -> None:
    n = "kerangka_aksi.csv"
    c.each(n, df, s.NOMOR_AKSI, _is_int, "nomor_aksi harus bilangan bulat.")
    c.each(
        n,
        df,
        "jenis",
        lambda v: v in ("utama", "pendukung"),
        "jenis harus 'utama' atau 'pendukung'.",
    )
    c.unique(n, df, [s.KERANGKA, s.NOMOR_AKSI], "nomor aksi ganda dalam kerangka ini.")
    known = set(zip(df[s.KERANGKA], df[s.NOMOR_AKSI], strict=True))
    t = "tahapan_aksi.csv"
    for i, row in tahapan.iterrows():
        r = int(i) + 2
        if (row[s.KERANGKA], row[s.NOMOR_AKSI]) not in known:
            c.add(t, r, s.NOMOR_AKSI, row[s.NOMOR_AKSI], "aksi ini tidak ada di kerangka_aksi.csv.")
        months = [row["bulan_mulai"], row["bulan_selesai"]]
        if not all(_is_int(m) and 1 <= int(m) <= 12 for m in months):
            c.add(t, r, "bulan_mulai, bulan_selesai", " / ".join(months), "bulan harus 1–12.")
        elif int(months[0]) > int(months[1]):
            c.add(
                t, r, "bulan_selesai", months[1], "bulan selesai tidak boleh sebelum bulan mulai."
            )
    c.each(t, tahapan, s.NOMOR_TAHAPAN, _is_int, "nomor_tahapan harus bilangan bulat.")
    c.unique(t, tahapan, [s.KERANGKA, s.NOMOR_AKSI, s.NOMOR_TAHAPAN], "nomor tahapan ganda.")


# Codes the dashboard's headline figures are defined on; they must stay in the reference data.
REQUIRED_CODES = (
    ("indikator.csv", s.IND_STUNTING, "prevalensi stunting"),
    ("sumber_data.csv", s.SUMBER_REGISTER, "register e-PPGBM"),
    ("sumber_data.csv", s.SUMBER_SURVEI, "survei SSGI/SKI"),
)


def _check_required_codes(raw: dict[str, pd.DataFrame], c: Checker) -> None:
    for name, code, meaning in REQUIRED_CODES:
        if code not in set(raw[name][s.KODE]):
            c.add(
                name,
                None,
                s.KODE,
                code,
                f"kode {code} ({meaning}) wajib ada karena dipakai halaman Ringkasan; pulihkan barisnya.",
            )


def check_reference(raw: dict[str, pd.DataFrame], c: Checker) -> None:
    """Add to ``c`` every problem of the reference files read (text, by file name)."""
    region = _check_wilayah(raw["wilayah.csv"], c)
    _check_kelurahan(raw["kelurahan.csv"], c, region)
    _check_alias(raw["kelurahan_alias.csv"], raw["kelurahan.csv"], c)
    _check_lokus(raw["lokus.csv"], raw["kelurahan.csv"], c)
    c.unique("sumber_data.csv", raw["sumber_data.csv"], [s.KODE], "kode sumber data ganda.")
    _check_indikator(raw["indikator.csv"], raw["sumber_data.csv"], c)
    _check_target_lain(raw["target_lain.csv"], raw["indikator.csv"], c)
    _check_kerangka(raw["kerangka_aksi.csv"], raw["tahapan_aksi.csv"], c)
    _check_alert_rules(raw["aturan_peringatan.csv"], raw["indikator.csv"], c)
    _check_code_list("opd.csv", raw["opd.csv"], c, "OPD")
    _check_code_list("sumber_dana.csv", raw["sumber_dana.csv"], c, "sumber dana")
    _check_indicator_aliases(raw["indikator_alias.csv"], raw["indikator.csv"], c)
    _check_source_aliases(raw["sumber_alias.csv"], raw["sumber_data.csv"], c)
    _check_plausibility(raw["plausibilitas.csv"], c)
    _check_required_codes(raw, c)


PLAUSIBILITY_CHECKS = (
    "flag_whz",
    "sd_whz",
    "rasio_jenis_kelamin",
    "rasio_umur",
    "dps_berat",
    "dps_tinggi",
    "kemencengan_whz",
    "keruncingan_whz",
    "sd_haz",
    "sd_waz",
    "total",
)


def _check_plausibility(df: pd.DataFrame, c: Checker) -> None:
    """The plausibility thresholds: known checks, each once, a comparison the report knows and
    numbers in every limit and points column (an empty file is allowed: no report then)."""
    name = "plausibilitas.csv"
    c.each(name, df, "uji", lambda v: v in PLAUSIBILITY_CHECKS,
           f"uji tidak dikenal; pilih salah satu dari {', '.join(PLAUSIBILITY_CHECKS)}.")  # fmt: skip
    c.unique(name, df, ["uji"], "uji ganda; satu baris per uji.")
    c.each(name, df, "banding", lambda v: v in ("<=", "<", ">"), "banding harus <=, < atau >.")
    for col in COLUMNS[name][3:]:
        c.each(name, df, col, _is_number, "harus berupa angka (titik desimal, mis. 2.5).")
    if len(df) and "total" not in set(df["uji"]):
        c.add(name, None, "uji", None, "baris 'total' (batas skor total) tidak ada; tambahkan.")


# Codes of indicators added in the app: three letters and two digits, so that file headers such
# as "ABC01_pembilang" are recognised like the catalogue's own codes.
USER_CODE_RE = re.compile(r"^[A-Z]{3}[0-9]{2}$")
USER_KELOMPOK = ("spesifik", "sensitif", "outcome", "sasaran")
NEW_INDICATOR = "indikator baru"


def user_indicator(fields: dict[str, object], ref: Reference) -> pd.DataFrame:
    """A new catalogue row entered in the app, checked like a row of ``indikator.csv``.

    Returns the typed one-row frame; raises ``ReferenceDataError`` listing every problem.
    """
    row = {c: str(fields.get(c) or "").strip() for c in COLUMNS["indikator.csv"]}
    row[s.KODE] = row[s.KODE].upper()
    row[s.TARGET] = row[s.TARGET].replace(",", ".")
    row |= {s.TARGET_TERKONFIRMASI: "0", s.KELOMPOK_SCORECARD: ""}
    row[s.SUMBER_TARGET] = row[s.SUMBER_TARGET] or (
        "ditambahkan di aplikasi" if row[s.TARGET] else ""
    )
    frame = pd.DataFrame([row])
    c = Checker()
    _check_indikator(frame, ref.sumber_data, c)
    if not USER_CODE_RE.match(row[s.KODE]):
        c.add(
            "indikator.csv",
            2,
            s.KODE,
            row[s.KODE],
            "kode baru harus 3 huruf dan 2 angka, mis. SEN12.",
        )
    if row[s.KODE] in set(ref.indikator[s.KODE]):
        c.add(
            "indikator.csv", 2, s.KODE, row[s.KODE], "kode sudah ada di katalog; pilih kode lain."
        )
    if row[s.KELOMPOK] not in USER_KELOMPOK:
        c.add(
            "indikator.csv",
            2,
            s.KELOMPOK,
            row[s.KELOMPOK],
            f"pilih salah satu dari {USER_KELOMPOK}.",
        )
    if c.problems:
        problems = [Problem(NEW_INDICATOR, None, p.kolom, p.nilai, p.pesan) for p in c.problems]
        raise ReferenceDataError(list(dict.fromkeys(problems)))
    return typed_indikator(frame)
