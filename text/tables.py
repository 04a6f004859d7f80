"""Display tables: analysis frames turned into Indonesian-formatted text columns (pure pandas)."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd

from analysis import schema as s
from analysis.attainment import HANYA_PERSEN, N_KELURAHAN
from analysis.measure_quality import Z_NAMES
from analysis.region import Region
from analysis.zscore import status_label
from text.fmt import (
    BULAN,
    MISSING,
    PERCENT_ONLY,
    fmt_amount,
    fmt_change,
    fmt_change_between,
    fmt_datetime,
    fmt_number,
    fmt_percent,
    fmt_period,
    fmt_target,
)
from text.standard import DECIMALS, check_name
from text.strings import group_label, t, word

LOKUS_MARK = "★ Lokus"


def ranking_table(ranking: pd.DataFrame) -> pd.DataFrame:
    """The kelurahan ranking with Indonesian headers and formatted numbers, in ranking order."""
    return pd.DataFrame(
        {
            "Peringkat": [MISSING if pd.isna(r) else str(int(r)) for r in ranking[s.PERINGKAT]],
            word("Unit"): ranking[s.KELURAHAN],
            "Profil": [profile_url(n) for n in ranking[s.KELURAHAN]],
            "Kecamatan": ranking[s.KECAMATAN],
            "Lokus": [LOKUS_MARK if x else "" for x in ranking[s.LOKUS]],
            "Prevalensi stunting": [fmt_percent(v) for v in ranking[s.CAKUPAN]],
            "Balita stunting / diukur": [
                f"{fmt_number(n)} / {fmt_number(d)}"
                for n, d in zip(ranking[s.PEMBILANG], ranking[s.PENYEBUT], strict=True)
            ],
            "Perubahan sejak 2022": [fmt_change(v) for v in ranking["perubahan"]],
            "Tingkat konvergensi": [fmt_percent(v) for v in ranking[s.TINGKAT_KONVERGENSI]],
        }
    )


ARAH_LABEL = {
    s.ARAH_TINGGI_BAIK: "lebih tinggi lebih baik",
    s.ARAH_RENDAH_BAIK: "lebih rendah lebih baik",
}


def kelurahan_table(kelurahan: pd.DataFrame) -> pd.DataFrame:
    """The kelurahan reference with readable headers and Indonesian decimals."""
    return pd.DataFrame(
        {
            "Kode Kemendagri": kelurahan[s.KODE_KELURAHAN],
            "Kode 10 digit": kelurahan[s.KODE_KELURAHAN_10],
            word("Unit"): kelurahan[s.KELURAHAN],
            "Kecamatan": kelurahan[s.KECAMATAN],
            "Lintang": [fmt_number(v, 5) for v in kelurahan[s.LABEL_LAT]],
            "Bujur": [fmt_number(v, 5) for v in kelurahan[s.LABEL_LON]],
            "Luas (km²)": [fmt_number(v, 2) for v in kelurahan[s.AREA_KM2]],
        }
    )


def indicator_table(catalogue: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The indicator catalogue with readable headers, targets with unit and source names."""
    source_name = sources.set_index(s.KODE)[s.NAMA]

    def target(row: pd.Series) -> str:
        if pd.isna(row[s.TARGET]):
            return MISSING
        if row[s.SATUAN] == "persen":
            return f"{fmt_target(row[s.TARGET], row[s.ARAH])} ({row[s.TAHUN_TARGET]})"
        return f"{fmt_number(row[s.TARGET], 1 if row[s.TARGET] % 1 else 0)} ({row[s.TAHUN_TARGET]})"

    return pd.DataFrame(
        {
            "Kode": catalogue[s.KODE],
            "Indikator": catalogue[s.NAMA],
            "Kelompok": catalogue[s.KELOMPOK],
            "Sasaran": catalogue[s.SASARAN],
            "Arah": [ARAH_LABEL.get(a, MISSING) for a in catalogue[s.ARAH]],
            "Target": [target(row) for _, row in catalogue.iterrows()],
            "Sumber target": [v or MISSING for v in catalogue[s.SUMBER_TARGET]],
            "Target terkonfirmasi": [
                "ya" if v else "belum" for v in catalogue[s.TARGET_TERKONFIRMASI]
            ],
            "Sumber data": [source_name.get(c, c) for c in catalogue[s.SUMBER_DATA]],
        }
    )


def aksi_kelurahan_table(rows: pd.DataFrame, kelurahan: pd.DataFrame) -> pd.DataFrame:
    """The Aksi page's per-kelurahan table of ``analysis.aksi.kelurahan_rows``."""
    names = kelurahan.set_index(s.KODE_KELURAHAN)[s.KELURAHAN]
    return pd.DataFrame(
        {
            "Aksi": rows[s.NOMOR_AKSI],
            word("Unit"): rows[s.KODE_KELURAHAN].map(names),
            "Progres": [fmt_percent(p, 0) for p in rows["progres_tampil"]],
            "Status": rows["status_tampil"],
        }
    )


def lokus_table(lokus: pd.DataFrame, kelurahan: pd.DataFrame) -> pd.DataFrame:
    """Lokus per year with kelurahan and kecamatan names."""
    names = kelurahan[[s.KODE_KELURAHAN, s.KELURAHAN, s.KECAMATAN]]
    table = lokus.merge(names, on=s.KODE_KELURAHAN, how="left")
    return pd.DataFrame(
        {
            "Tahun": table[s.TAHUN],
            word("Unit"): table[s.KELURAHAN],
            "Kecamatan": table[s.KECAMATAN],
            "Kode Kemendagri": table[s.KODE_KELURAHAN],
            "Dasar penetapan": table[s.DASAR_PENETAPAN],
            "Asal": table["asal"],
        }
    )


def framework_tables(
    kerangka: pd.DataFrame, tahapan: pd.DataFrame
) -> list[tuple[str, pd.DataFrame]]:
    """Per framework its name and one table of aksi with their tahapan and planned months."""
    out = []
    for code, aksi in kerangka.groupby(s.KERANGKA, sort=False):
        steps = tahapan.loc[tahapan[s.KERANGKA] == code]
        table = aksi.merge(steps, on=[s.KERANGKA, s.NOMOR_AKSI], how="left")
        months = [
            MISSING
            if pd.isna(a)
            else f"{BULAN[int(a) - 1]}–{BULAN[int(b) - 1]}"
            if a != b
            else BULAN[int(a) - 1]
            for a, b in zip(table["bulan_mulai"], table["bulan_selesai"], strict=True)
        ]
        shown = pd.DataFrame(
            {
                "Aksi": [
                    f"{n}. {a}" for n, a in zip(table[s.NOMOR_AKSI], table[s.AKSI], strict=True)
                ],
                "Jenis": table["jenis"],
                "Keluaran": table["keluaran"],
                "Tingkat": table["tingkat"],
                "Tahapan": table[s.TAHAPAN].fillna(MISSING),
                "Bulan rencana": months,
            }
        )
        out.append((str(aksi["nama_kerangka"].iloc[0]), shown))
    return out


def datasets_table(datasets: pd.DataFrame) -> pd.DataFrame:
    """Dataset provenance and upload counts with Indonesian headers, dates and times."""

    def count(col: str) -> list[str]:
        if col not in datasets:
            return [MISSING] * len(datasets)
        return [MISSING if pd.isna(n) else fmt_number(n) for n in datasets[col]]

    return pd.DataFrame(
        {
            "No.": datasets["id"],
            "Nama": datasets["nama"],
            "Status": datasets["status"],
            "Jenis": datasets["jenis"],
            "Dibuat": [fmt_datetime(pd.Timestamp(d)) for d in datasets["dibuat_pada"]],
            "Oleh": datasets["dibuat_oleh"],
            "Nilai": [fmt_number(n) for n in datasets["jumlah_baris"]],
            "Baru": count("nilai_baru"),
            "Diperbarui": count("nilai_diperbarui"),
            "Diabaikan": count("nilai_diabaikan"),
            "Sintetis": ["ya" if v else "tidak" for v in datasets["sintetis"]],
        }
    )


USER_HEADERS = {
    "nama_pengguna": "Nama pengguna",
    "nama_tampil": "Nama tampilan",
    "peran": "Peran",
    "sumber": "Cara masuk",
    "aktif": "Aktif",
    "dibuat_pada": "Dibuat",
    "diubah_pada": "Diubah",
}


def users_table(users: pd.DataFrame) -> pd.DataFrame:
    """The user list with Indonesian headers, "ya"/"tidak" for active and the creation and
    change times as "2 Desember 2026 06.40 WIB" (columns not named above keep their name)."""
    times = {c: users[c].map(fmt_datetime) for c in ("dibuat_pada", "diubah_pada")}
    shown = users.assign(**times)
    if "aktif" in shown:
        shown = shown.assign(aktif=["ya" if v else "tidak" for v in shown["aktif"]])
    return shown.rename(columns=USER_HEADERS)


def problems_table(problems: pd.DataFrame) -> pd.DataFrame:
    """Import problems with Indonesian headers, errors first within each row."""
    return pd.DataFrame(
        {
            "Baris": [MISSING if pd.isna(b) else str(int(b)) for b in problems["baris"]],
            "Kolom": problems["kolom"],
            "Nilai": problems["nilai"],
            "Masalah": problems["pesan"],
            "Saran perbaikan": problems["saran"],
            "Tingkat": problems["tingkat"],
        }
    )


def preview_table(
    detail: pd.DataFrame, kelurahan: pd.DataFrame, region: Region, limit: int = 500
) -> pd.DataFrame:
    """The first planned values with the names of the desa/kelurahan (and of kabupaten/kota
    ``region`` for its own rows) and what committing does to each."""
    names = dict(zip(kelurahan[s.KODE_KELURAHAN], kelurahan[s.KELURAHAN], strict=True))
    names[region.kode] = region.short_name
    head = detail.head(limit)
    sheet = {"Lembar": head["lembar"]} if "lembar" in head else {}  # several sheets read
    return pd.DataFrame(
        {
            **sheet,
            "Baris": head["baris"],
            "Wilayah": head[s.KODE_WILAYAH].map(names),
            "Indikator": head[s.KODE_INDIKATOR],
            "Periode": [fmt_period(p) for p in head[s.PERIODE]],
            "Sumber": head[s.SUMBER_DATA],
            "Pembilang": [fmt_amount(v) for v in head[s.PEMBILANG]],
            "Penyebut": [fmt_amount(v) for v in head[s.PENYEBUT]],
            "Nilai": [fmt_number(v, 1) for v in head[s.NILAI]],
            "Nilai tersimpan": [fmt_number(v, 1) for v in head["nilai_lama"]],
            "Status": head["status"],
        }
    )


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """The dataset change log: uploads, roll-backs and restores, in Jakarta time."""
    words = {"unggah": "diunggah", "batalkan": "dibatalkan", "pulihkan": "dipulihkan"}
    return pd.DataFrame(
        {
            "Waktu": [fmt_datetime(pd.Timestamp(w)) for w in history["waktu"]],
            "Dataset": history["dataset_id"],
            "Kejadian": history["aksi"].map(words),
            "Oleh": history["oleh"],
            "Catatan": history["catatan"].fillna(""),
        }
    )


def profile_url(name: str) -> str:
    """Relative link to a kelurahan's profile page (its selector is bound to the URL)."""
    return f"profil?kelurahan={quote(name)}"


def fmt_ratio(value: float, num: float, den: float) -> str:
    """A percentage with the counts behind it: "9,2% (662/7.215)"; the dash when missing;
    "85,0% (hanya persen)" for a percentage written without its counts."""
    if pd.isna(value):
        return MISSING
    if pd.isna(num) or pd.isna(den):
        return f"{fmt_percent(value)} ({PERCENT_ONLY})"
    return f"{fmt_percent(value)} ({fmt_number(num)}/{fmt_number(den)})"


def reason_text(nama: str, cakupan: float, target: float, arah: str) -> str:
    """ "Ibu hamil mengonsumsi TTD … 52% vs target ≥ 80%" (``fmt_target``: with its direction)."""
    return f"{nama} {fmt_percent(cakupan)} vs target {fmt_target(target, arah)}"


def reasons_by_kelurahan(reasons: pd.DataFrame, catalogue: pd.DataFrame) -> dict[str, str]:
    """The reason texts of each kelurahan joined with "; " (``analysis.situation.reasons_table``)."""
    names = catalogue.set_index(s.KODE)[s.NAMA]
    texts: dict[str, list[str]] = {}
    for r in reasons.itertuples(index=False):
        text = reason_text(
            names.get(r.kode_indikator, r.kode_indikator), r.cakupan, r.target, r.arah
        )
        texts.setdefault(r.kode_kelurahan, []).append(text)
    return {k: "; ".join(v) for k, v in texts.items()}


def priority_table(
    scores: pd.DataFrame,
    reasons: dict[str, str],
    index: pd.DataFrame,
    rates: pd.DataFrame,
    lokus_codes: set[str],
) -> pd.DataFrame:
    """The priority ranking: rank, kelurahan (★ = lokus), score (¹ = incomplete), its components
    with their counts, convergence index and rate, reasons and a link to the profile."""
    idx = index.set_index(s.KODE_WILAYAH)
    rate = rates.set_index(s.KODE_KELURAHAN)[s.TINGKAT_KONVERGENSI] if len(rates) else {}
    rows = []
    for r in scores.itertuples(index=False):
        code = r.kode_kelurahan
        rows.append(
            {
                "Peringkat": MISSING if pd.isna(r.peringkat) else str(int(r.peringkat)),
                word("Unit"): ("★ " if code in lokus_codes else "") + r.kelurahan,
                "Skor": fmt_number(r.skor_prioritas, 1) + ("" if r.lengkap else " ¹"),
                "Prevalensi (stunting/diukur)": fmt_ratio(
                    r.prevalensi, r.jumlah_stunting, r.penyebut_prevalensi
                ),
                "Alasan utama": reasons.get(code, "Semua indikator bertarget tercapai"),
                "Profil": profile_url(r.kelurahan),
                "Kesenjangan (poin)": fmt_number(r.kesenjangan, 1),
                "Indeks konvergensi": (
                    f"{fmt_percent(idx.loc[code, 'indeks_konvergensi'], 0)} "
                    f"({int(idx.loc[code, 'n_tercapai'])}/{int(idx.loc[code, 'n_dinilai'])})"
                    if code in idx.index
                    else MISSING
                ),
                "Tingkat konvergensi": fmt_percent(rate.get(code, float("nan"))),
                "Kecamatan": r.kecamatan,
            }
        )
    return pd.DataFrame(rows)


def recommendation_table(recommended: pd.DataFrame, tahun_lokus: int | None = None) -> pd.DataFrame:
    """Recommended and leaving lokus: rank, kelurahan, kecamatan, score, lokus now, change.
    ``tahun_lokus``: the year of the lokus compared with when they are already set for the
    recommended year (the column then says "Lokus 2026", not "Lokus sekarang")."""
    shown = recommended.loc[recommended["rekomendasi"] | recommended["lokus_sekarang"]]
    labels = {"tetap": "Tetap lokus", "masuk": "Masuk (lokus baru)", "keluar": "Keluar"}
    return pd.DataFrame(
        {
            "Peringkat": [MISSING if pd.isna(r) else str(int(r)) for r in shown[s.PERINGKAT]],
            word("Unit"): shown[s.KELURAHAN],
            "Kecamatan": shown[s.KECAMATAN],
            "Skor": [fmt_number(v, 1) for v in shown["skor_prioritas"]],
            f"Lokus {tahun_lokus}" if tahun_lokus else "Lokus sekarang": [
                "Ya" if x else "Tidak" for x in shown["lokus_sekarang"]
            ],
            "Rekomendasi": [labels.get(c, "") for c in shown["perubahan"]],
        }
    )


def coverage_table(coverage: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Coverage rows with Indonesian headers: numbers kept numeric for sorting and download."""
    names = catalogue.set_index(s.KODE)[s.NAMA]
    return pd.DataFrame(
        {
            "Wilayah": coverage["wilayah"],
            "Kode indikator": coverage[s.KODE_INDIKATOR],
            "Indikator": coverage[s.KODE_INDIKATOR].map(names),
            "Periode": [fmt_period(p) for p in coverage[s.PERIODE]],
            "Pembilang": coverage[s.PEMBILANG],
            "Penyebut": coverage[s.PENYEBUT],
            "Cakupan (%)": coverage[s.CAKUPAN].round(2),
            "Target (%)": coverage[s.TARGET],
            "Selisih target (poin)": coverage[s.SELISIH_TARGET].round(2),
            "Status": coverage["status_target"],
            "Penyebut kecil": ["ya" if x else "" for x in coverage["penyebut_kecil"]],
            "Hanya persen": [
                _percent_only(p, n, c)
                for p, n, c in zip(
                    coverage[HANYA_PERSEN], coverage[N_KELURAHAN], coverage[s.CAKUPAN], strict=True
                )
            ],
        }
    )


COVERAGE_DECIMALS = {"Cakupan (%)": 2, "Target (%)": 1, "Selisih target (poin)": 2}


def coverage_table_shown(table: pd.DataFrame) -> pd.DataFrame:
    """``coverage_table`` for the screen: its percentages and points with a decimal comma
    ("77,66"), as the other tables show them (whole counts stay numbers, for sorting); the
    download keeps ``coverage_table``'s numbers."""
    return table.assign(
        **{c: [fmt_number(v, d) for v in table[c]] for c, d in COVERAGE_DECIMALS.items()}
    )


def _percent_only(n_only: int, n_summed: int, value: float) -> str:
    """ "ya" for a kelurahan's percent-only value; for a kecamatan, how many were left out."""
    if not n_only:
        return ""
    own = not n_summed and pd.notna(value)
    return "ya" if own else f"{n_only} {word('unit')} tidak dijumlahkan"


def _ends(frame: pd.DataFrame, labels: tuple[str, str]) -> dict[str, list[str]]:
    """The value at each end of a change with its counts ("12,0% (30/250)"), by column label,
    and the change in points between them."""
    ends = {
        label: [
            fmt_ratio(*r)
            for r in zip(
                frame[f"cakupan_{end}"],
                frame[f"pembilang_{end}"],
                frame[f"penyebut_{end}"],
                strict=True,
            )
        ]
        for label, end in zip(labels, ("awal", "akhir"), strict=True)
    }
    ends["Perubahan"] = [
        fmt_change_between(a, b)
        for a, b in zip(frame["cakupan_awal"], frame["cakupan_akhir"], strict=True)
    ]
    return ends


def change_table(change: pd.DataFrame) -> pd.DataFrame:
    """Per wilayah: value before and after with their counts, change in points, and the verdict
    (``trends.change_between``: membaik / memburuk / tidak berubah bermakna, or untested)."""
    return pd.DataFrame(
        {
            "Wilayah": change["wilayah"],
            **_ends(change, ("Awal", "Akhir")),
            "Penilaian": change["arah_perubahan"],
        }
    )


def lokus_comparison_table(table: pd.DataFrame, before: str, after: str) -> pd.DataFrame:
    """Lokus against non-lokus: pooled values with their counts, and the change."""
    return pd.DataFrame(
        {
            "Kelompok": table["kelompok_wilayah"].map(group_label),
            f"{word('Unit')} (melapor di kedua periode)": table["n_kelurahan"],
            **_ends(table, (fmt_period(before), fmt_period(after))),
        }
    )


def alerts_table(found: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Alerts (``analysis.alerts.alerts``): wilayah, indicator, value with counts, message."""
    names = catalogue.set_index(s.KODE)[s.NAMA]
    return pd.DataFrame(
        {
            "Wilayah": found["wilayah"],
            "Indikator": found[s.KODE_INDIKATOR].map(names),
            "Periode": [fmt_period(p) for p in found[s.PERIODE]],
            "Nilai": [
                fmt_ratio(v, n, d)
                for v, n, d in zip(
                    found[s.CAKUPAN], found[s.PEMBILANG], found[s.PENYEBUT], strict=True
                )
            ],
            "Peringatan": found["pesan"],
        }
    )


def profile_indicator_table(
    mine: pd.DataFrame, city: pd.DataFrame, catalogue: pd.DataFrame
) -> pd.DataFrame:
    """Every indicator of one kelurahan in one period against its target and against the city
    (both Σnum ÷ Σden with their counts); indicators in catalogue order, missing ones shown."""
    cat = catalogue.loc[catalogue[s.SATUAN] == "persen"]
    cat = cat.loc[cat[s.KELOMPOK].isin(["outcome", "spesifik", "sensitif", "posyandu"])]
    mine = mine.set_index(s.KODE_INDIKATOR)
    city = city.set_index(s.KODE_INDIKATOR)
    rows = []
    for r in cat.itertuples(index=False):
        k = r.kode
        have = k in mine.index and not pd.isna(mine.loc[k, s.CAKUPAN])
        kota = city.loc[k, s.CAKUPAN] if k in city.index else float("nan")
        value = mine.loc[k, s.CAKUPAN] if have else float("nan")
        rows.append(
            {
                "Kelompok": r.kelompok,
                "Indikator": f"{k} · {r.nama}",
                "Nilai": (
                    fmt_ratio(value, mine.loc[k, s.PEMBILANG], mine.loc[k, s.PENYEBUT])
                    if have
                    else "tidak ada data"
                ),
                "Target": fmt_target(r.target, r.arah),
                "Status": mine.loc[k, "status_target"] if k in mine.index else "tidak ada data",
                word("Kabkota"): fmt_percent(kota),
                f"Selisih dari {word('kabkota')}": fmt_change_between(kota, value),
                "Penyebut kecil": "ya" if have and bool(mine.loc[k, "penyebut_kecil"]) else "",
            }
        )
    return pd.DataFrame(rows)


SCORECARD_LABELS = {"ibu_hamil": "Ibu hamil", "anak_0_23": "Anak 0–23 bulan", "total": "Total"}


def convergence_group_table(rates: pd.DataFrame) -> pd.DataFrame:
    """Tingkat konvergensi per target group with its Y / T / TS counts."""
    order = {k: i for i, k in enumerate(SCORECARD_LABELS)}
    rates = rates.sort_values(s.KELOMPOK_SCORECARD, key=lambda c: c.map(order))
    return pd.DataFrame(
        {
            "Sasaran": rates[s.KELOMPOK_SCORECARD].map(SCORECARD_LABELS),
            "Y (menerima)": [fmt_number(v) for v in rates[s.Y]],
            "T (tidak menerima)": [fmt_number(v) for v in rates[s.T]],
            "TS (tidak sesuai)": [fmt_number(v) for v in rates[s.TS]],
            "Tingkat konvergensi": [fmt_percent(v) for v in rates[s.TINGKAT_KONVERGENSI]],
        }
    )


def composition_text(comp: dict[str, float]) -> str:
    """One sentence on pendek vs sangat pendek (``analysis.trends.stunting_composition``)."""
    return t(
        "profil.composition",
        pendek=fmt_number(comp["pendek"]),
        sangat=fmt_number(comp["sangat_pendek"]),
        diukur=fmt_number(comp["diukur"]),
        persen_pendek=fmt_percent(comp["persen_pendek"]),
        persen_sangat=fmt_percent(comp["persen_sangat_pendek"]),
        porsi=fmt_percent(comp["porsi_sangat_pendek"]),
    )


def boundary_versions_table(versions: pd.DataFrame) -> pd.DataFrame:
    """Imported boundary versions with Indonesian headers and WIB times."""
    return pd.DataFrame(
        {
            "Versi": versions["id"],
            "Berkas": versions["nama_berkas"],
            word("Unit"): versions["jumlah"],
            "CRS asal": versions["crs_asal"].fillna(MISSING),
            "Diunggah": [fmt_datetime(v) for v in versions["dibuat_pada"]],
            "Oleh": versions["dibuat_oleh"],
            "Status": versions["status"],
        }
    )


def status_labels(z: pd.Series) -> pd.DataFrame:
    """One child's z-scores (a row of ``analysis.zscore.compute_zscores``) with their
    Permenkes 2/2020 category; implausible values are marked, missing ones explained."""
    rows = []
    for index, label in Z_NAMES.items():
        value = z[index]
        category = status_label(index, value)
        if category and z[f"flag_{index}"]:
            category += " — tidak masuk akal, periksa pengukuran"
        rows.append(
            {
                "Indeks": label,
                "z-skor": fmt_number(value, 2),
                "Kategori": category or "tidak dapat dihitung",
            }
        )
    return pd.DataFrame(rows).set_index("Indeks")


def prevalence_table(prev: pd.DataFrame, lokus_names: set[str]) -> pd.DataFrame:
    """Prevalence rows (``analysis.prevalence.prevalence``) of one indicator and period,
    highest first, as text columns."""
    rows = prev.sort_values("persen", ascending=False)
    return pd.DataFrame(
        {
            "Wilayah": rows["wilayah"],
            "Lokus": [LOKUS_MARK if n in lokus_names else "" for n in rows["wilayah"]],
            "Kasus": [fmt_number(v) for v in rows["kasus"]],
            "Anak (data valid)": [fmt_number(v) for v in rows["valid"]],
            "Prevalensi": [fmt_percent(v) for v in rows["persen"]],
            "IK 95% (Wilson)": [
                f"{fmt_percent(a)}–{fmt_percent(b)}"
                for a, b in zip(rows["ci_bawah"], rows["ci_atas"], strict=True)
            ],
            "Penyebut kecil": ["ya" if v else "" for v in rows["penyebut_kecil"]],
        }
    )


def quality_table(report: pd.DataFrame) -> pd.DataFrame:
    """The data-quality report (``analysis.measure_quality.quality_report``) as text."""

    def value(ukuran: str, x: float) -> str:
        if ukuran.startswith("%"):
            return fmt_percent(x)
        if float(x).is_integer():
            return fmt_number(x)
        return fmt_number(x, 2)

    return pd.DataFrame(
        {
            "Aspek": report["aspek"],
            "Ukuran": report["ukuran"],
            "Nilai": [value(u, x) for u, x in zip(report["ukuran"], report["nilai"], strict=True)],
            "Harapan": report["harapan"],
            "Penilaian": report["penilaian"],
        }
    )


def plausibility_table(table: pd.DataFrame) -> pd.DataFrame:
    """The plausibility checks (``analysis.plausibility.Plausibility.table``) as text: the value
    with two decimals (a p-value with three), its band and penalty points — "–" for both below
    100 children, where only the values are given."""
    return pd.DataFrame(
        {
            "Uji": table["nama"].map(check_name),
            "Nilai": [
                fmt_number(v, DECIMALS.get(u, 2))
                for u, v in zip(table["uji"], table["nilai"], strict=True)
            ],
            "Penilaian": table["penilaian"].replace("", MISSING),
            "Poin": [MISSING if pd.isna(p) else str(int(p)) for p in table["poin"]],
        }
    )


def position_table(table: pd.DataFrame) -> pd.DataFrame:
    """Position contradicting age per age group (``analysis.measure_position.position_by_age``)
    as text: each count with its share of the group's records."""

    def share(count: pd.Series) -> list[str]:
        return [
            fmt_number(c) + (f" ({fmt_percent(100 * c / n)})" if c and n else "")
            for c, n in zip(count, table["n"], strict=True)
        ]

    return pd.DataFrame(
        {
            "Kelompok umur (bulan)": table["kelompok"].replace({"semua": "Semua umur"}),
            "n": table["n"].map(fmt_number),
            "Berbaring, umur ≥ 24 bln": share(table["berbaring_24"]),
            "Berdiri, umur < 9 bln": share(table["berdiri_9"]),
        }
    )


def mapping_table(columns: list, spec_label) -> pd.DataFrame:
    """The mapping step's columns (``ingest.mapping.ColumnInfo``): header and letter, sheet,
    what each was read as (``spec_label`` of its spec) and how."""
    table = pd.DataFrame(
        {
            "Kolom": [f"{c.header or '(tanpa judul)'} ({c.letter})" for c in columns],
            "Lembar": [c.sheet or "" for c in columns],
            "Dibaca sebagai": [spec_label(str(c.spec)) if c.spec else MISSING for c in columns],
            "Keterangan": [t(f"map.status_{c.status}") for c in columns],
        }
    )
    return table.drop(columns="Lembar") if table["Lembar"].nunique() < 2 else table


def mapping_summary(mapping) -> str:
    """A profile's choices in one line: "Kolom 'Lokasi' → nama_wilayah; Nama 'Cakupan TTD' →
    SPE03; baris judul 3"."""
    if mapping is None:
        return MISSING
    parts = [f"Kolom '{h}' → {spec}" for h, spec in mapping.columns]
    parts += [f"Nama '{n}' → {kode}" for n, kode in mapping.names]
    if mapping.header_row:
        parts.append(f"baris judul {mapping.header_row}")
    return "; ".join(parts) or MISSING


def profiles_table(profiles: pd.DataFrame, contents: dict) -> pd.DataFrame:
    """The saved mapping profiles with their choices (``contents``: name → mapping),
    Indonesian headers and WIB times."""
    return pd.DataFrame(
        {
            "Nama profil": profiles["nama"],
            "Pilihan": [mapping_summary(contents.get(n)) for n in profiles["nama"]],
            "Pilihan kolom": [fmt_number(n) for n in profiles["n_kolom"]],
            "Pilihan nama indikator": [fmt_number(n) for n in profiles["n_nama"]],
            "Tanda header": profiles["tanda_header"],
            "Diubah oleh": profiles["diubah_oleh"],
            "Diubah pada": [fmt_datetime(v) for v in profiles["diubah_pada"]],
        }
    )
