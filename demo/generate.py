"""Seeded generator of plausible *synthetic* data for all 31 kelurahan, 2022-Q1 … 2025-Q4.

The numbers are invented. They are shaped to exercise the dashboard the way real data would:
lokus kelurahan start worse in 2022 and improve faster; register prevalence (e-PPGBM, per
kelurahan, quarterly) and survey prevalence (SSGI, city level, yearly) are separate sources;
every coverage value has its numerator and denominator; scorecard indicators have Y/T/TS counts;
aksi progress 2022 stands at the 4th aksi in mid-year, as the seed article reports.

Run ``python -m demo.generate --out FOLDER`` to write the tables as CSV files.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import schema as s
from analysis.aksi import month_end
from demo.measurements import CITY_SIZE, children_per_kelurahan

SEED = 20220720  # the day of Jakarta Utara's 2022 analisis situasi
YEARS = (2022, 2023, 2024, 2025)
PERIODS = [f"{y}-Q{q}" for y in YEARS for q in (1, 2, 3, 4)]
MIN_BALITA = 30  # per desa, when balita are scaled down for a region of many desa
DEMO_AUTHOR = "data contoh (sintetis)"

# Coverage indicators: (denominator factor × balita, baseline %, spread by disadvantage, ceiling %).
COVERAGE = {
    "SPE01": (0.006, 72, 25, 95),
    "SPE02": (0.06, 70, 25, 92),
    "SPE03": (0.8, 45, 20, 75),
    "SPE04": (0.1, 65, 20, 88),
    "SPE05": (0.3, 72, 20, 92),
    "SPE06": (0.004, 80, 20, 98),
    "SPE08": (0.03, 70, 25, 95),
    "SPE09": (0.2, 80, 15, 95),
    "SEN01": (0.05, 50, 20, 75),
    "SEN03": (0.02, 55, 25, 92),
    "SEN05": (3.5, 80, 20, 95),
    "SEN04": (3.5, 93, 10, 99.5),
    "SEN06": (1.5, 75, 15, 95),
    "SEN08": (0.4, 60, 15, 85),
    "SEN09": (0.02, 50, 20, 85),
    "SEN10": (0.4, 65, 15, 90),
}
# Outcome prevalences on e-PPGBM: (baseline %, extra % at full disadvantage, yearly fall lokus, non-lokus).
PREVALENCE = {
    "OUT01": (7.0, 9.0, 1.6, 0.7),
    "OUT02": (3.5, 3.0, 0.6, 0.2),
    "OUT03": (7.0, 5.0, 1.0, 0.4),
}
SSGI_PATH = {"OUT01": (18.5, -1.2), "OUT02": (7.5, -0.4), "OUT03": (15.0, -0.6)}
# Scorecard: share of target persons for whom the indicator does not apply (TS).
SCORECARD_TS = {"SKI03": 0.6, "SKI05": 0.8, "SKA05": 0.85}
AKSI_OPD = {
    1: "Sudin Kesehatan",
    2: "Bagian Perekonomian dan Pembangunan Setko",
    3: "Asisten Kesra Setko",
    4: "Bagian Hukum Setko",
    5: "Sudin PPAPP",
    6: "Sudin Kominfotik",
    7: "Sudin Kesehatan",
    8: "Bagian Kesra Setko",
}
# The same in a kabupaten/kota with Dinas instead of North Jakarta's Suku Dinas and Setko.
AKSI_OPD_ANY_REGION = {
    1: "Dinas Kesehatan",
    2: "Bappeda",
    3: "Bappeda",
    4: "Bagian Hukum Setda",
    5: "DPPKB",
    6: "Diskominfo",
    7: "Dinas Kesehatan",
    8: "Bappeda",
}


@dataclass(frozen=True)
class DemoData:
    """The generated tables, ready for the store."""

    values: pd.DataFrame
    scorecard: pd.DataFrame
    aksi_years: pd.DataFrame
    aksi_progress: pd.DataFrame


def _trend(start: np.ndarray, ceiling: float, rate: np.ndarray, years: float) -> np.ndarray:
    """Saturating approach from ``start`` towards ``ceiling``."""
    return start + (ceiling - start) * (1 - np.exp(-rate * years))


def _row(kode: str, ind: str, period: str, source: str, num: float, den: float | None) -> dict:
    value = num if den is None else (num / den * 100 if den else np.nan)
    return {
        s.KODE_WILAYAH: kode,
        s.KODE_INDIKATOR: ind,
        s.PERIODE: period,
        s.SUMBER_DATA: source,
        s.PEMBILANG: float(num),
        s.PENYEBUT: None if den is None else float(den),
        s.NILAI: round(float(value), 4),
    }


Block = dict[str, np.ndarray]  # demo value rows as columns, joined into one frame at the end


def _block(codes: np.ndarray, ind: str, period, source: str, num: np.ndarray, den=None) -> Block:
    """``_row`` for every kelurahan at once (one row per code, in code order): value
    ``num / den`` in percent, or ``num`` itself without a denominator, rounded as ``_row``."""
    num = np.asarray(num, dtype=float)
    n = len(codes)
    if den is None:
        value, penyebut = num, np.full(n, np.nan)
    else:
        penyebut = np.broadcast_to(np.asarray(den, dtype=float), num.shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(penyebut != 0, num / penyebut * 100, np.nan)
    return {
        s.KODE_WILAYAH: np.asarray(codes, dtype=object),
        s.KODE_INDIKATOR: np.full(n, ind, dtype=object),
        s.PERIODE: np.broadcast_to(np.asarray(period, dtype=object), (n,)),
        s.SUMBER_DATA: np.full(n, source, dtype=object),
        s.PEMBILANG: num,
        s.PENYEBUT: penyebut,
        # Python's round, as _row: exact decimal rounding, not numpy's scaled rint.
        s.NILAI: np.array([round(v, 4) for v in value.tolist()], dtype=float),
    }


def _interleave(*blocks: Block) -> Block:
    """Blocks of equal length merged row by row: the first row of each, then the second …"""
    return {col: np.stack([b[col] for b in blocks], axis=1).ravel() for col in blocks[0]}


def _frame(blocks: list[Block]) -> pd.DataFrame:
    """The blocks one under the other as one frame (built once: frames are slow to make)."""
    return pd.DataFrame({col: np.concatenate([b[col] for b in blocks]) for col in blocks[0]})


def _values(
    kel: pd.DataFrame,
    is_lokus: np.ndarray,
    rng: np.random.Generator,
    kota: str | None = None,
    scale: float = 1.0,
) -> pd.DataFrame:
    """Every demo indicator value per kelurahan and quarter, plus yearly SSGI rows for the
    ``kota``. ``scale`` shrinks each kelurahan's balita (and so every count drawn from them)
    for regions with many small desa, so that totals stay those of a city (1 for 31)."""
    n = len(kel)
    codes = kel[s.KODE_KELURAHAN].to_numpy()
    disadvantage = np.where(is_lokus, rng.uniform(0.6, 1.0, n), rng.uniform(0.0, 0.55, n))
    rate = np.where(is_lokus, rng.uniform(0.45, 0.7, n), rng.uniform(0.12, 0.25, n))
    balita = rng.integers(2500, 9000, n)
    if scale != 1.0:
        balita = np.maximum(np.rint(balita * scale).astype(int), MIN_BALITA)
    keluarga = (balita * rng.uniform(3.2, 3.8, n)).astype(int)
    odf_year = np.where(is_lokus, rng.integers(2023, 2026, n), rng.integers(2021, 2025, n))
    blocks: list[Block] = []
    for t, period in enumerate(PERIODS):
        years = t / 4
        year = int(period[:4])
        growth = 1 + 0.01 * years
        pantau = _trend(78 - 20 * disadvantage, 95, rate, years) + rng.normal(0, 1.5, n)
        diukur = rng.binomial((balita * growth).astype(int), np.clip(pantau, 1, 99.5) / 100)
        sasaran = (balita * growth).astype(int)
        blocks.append(
            _interleave(
                _block(codes, "SPE07", period, "EPPGBM", diukur, sasaran),
                _block(codes, "SAS03", period, "EPPGBM", diukur),
            )
        )
        for ind, (factor, base, spread, ceiling) in COVERAGE.items():
            den = np.maximum(rng.poisson(balita * factor * growth), 1)
            cov = _trend(base - spread * disadvantage, ceiling, rate, years) + rng.normal(0, 2.0, n)
            num = rng.binomial(den, np.clip(cov, 1, min(ceiling + 2, 100)) / 100)
            blocks.append(_block(codes, ind, period, "LAPRUT", num, den))
        kehamilan = np.maximum(rng.poisson(balita * 0.06), 1)
        ktd = 20 + 6 * disadvantage - (9 * disadvantage + 2) * (1 - np.exp(-rate * years))
        num = rng.binomial(kehamilan, np.clip(ktd + rng.normal(0, 1.5, n), 1, 60) / 100)
        blocks.append(_block(codes, "SEN02", period, "PK_BKKBN", num, kehamilan))
        krs = (keluarga * (0.08 + 0.1 * disadvantage) * (1 - 0.05 * years)).astype(int)
        pendampingan = _trend(50 - 20 * disadvantage, 90, rate, years) + rng.normal(0, 2, n)
        num = rng.binomial(krs, np.clip(pendampingan, 1, 99) / 100)
        blocks.append(
            _interleave(
                _block(codes, "SEN07", period, "PK_BKKBN", num, krs),
                _block(codes, "SAS01", period, "PK_BKKBN", (keluarga * growth).astype(int)),
                _block(codes, "SAS02", period, "PK_BKKBN", krs),
                _block(codes, "SEN11", period, "LAPRUT", (year >= odf_year).astype(int), 1),
            )
        )
        for ind, (base, extra, fall_lokus, fall_other) in PREVALENCE.items():
            fall = np.where(is_lokus, fall_lokus, fall_other)
            prev = np.maximum(
                base + extra * disadvantage - fall * years + rng.normal(0, 0.6, n), 1.0
            )
            cases = rng.binomial(diukur, prev / 100)
            blocks.append(_block(codes, ind, period, "EPPGBM", cases, diukur))
            if ind == "OUT01":
                severe = rng.binomial(cases, 0.3)
                blocks.append(
                    _interleave(
                        _block(codes, "OUT04", period, "EPPGBM", severe, diukur),
                        _block(codes, "SAS04", period, "EPPGBM", severe),
                        _block(codes, "SAS05", period, "EPPGBM", cases - severe),
                    )
                )
    rows: list[dict] = []
    for i, year in enumerate(YEARS):
        for ind, (start, step) in SSGI_PATH.items():
            sample = int(rng.integers(650, 900))
            cases = rng.binomial(sample, (start + step * i + rng.normal(0, 0.4)) / 100)
            rows.append(_row(kota, ind, str(year), "SSGI", cases, sample))
    blocks.append({c: np.array([r[c] for r in rows], dtype=blocks[0][c].dtype) for c in rows[0]})
    return _frame(blocks)


def _sasaran(kel: pd.DataFrame, is_lokus: np.ndarray, seed: int, children: int) -> pd.DataFrame:
    """``SAS06`` (sasaran balita) per kelurahan and quarter, consistent with the synthetic
    measurements (``children`` a kelurahan a weighing month): the sasaran is those children
    divided by a coverage of measurement drawn per kelurahan (lokus 65–92%, others 78–100%),
    so that the Pengukuran page shows low, middling and trusted coverage. Its own generator, so
    that the other demo values stay as they were."""
    rng = np.random.default_rng([seed, 6])
    n = len(kel)
    coverage = np.where(is_lokus, rng.uniform(0.65, 0.92, n), rng.uniform(0.78, 1.0, n))
    base = children / coverage
    codes = kel[s.KODE_KELURAHAN].to_numpy()
    blocks = []
    for period in PERIODS:
        # about 1% fewer children a year before 2025, the year of the synthetic measurements
        amount = np.rint(base * (1 - 0.01 * (2025 - int(period[:4]))))
        blocks.append(_block(codes, "SAS06", period, "EPPGBM", amount))
    return _frame(blocks)


# The posyandu SKDN recap: the kelurahan whose recap of the last quarter is left out, so that
# the reporting-completeness section of the demo shows gaps to chase.
SKDN_MISSING_LAST = 3


def _skdn(values: pd.DataFrame, seed: int) -> pd.DataFrame:
    """SKDN ratios consistent with the weighing (SPE07) rows: D/S with SPE07's counts (D =
    balita weighed, S = sasaran balita), N/D with N ~ Binomial(D, 60–85%), N/D′ with
    D′ ~ Binomial(D, 85%) weighed two months running and N drawn within D′ (so N ≤ D′ ≤ D).
    Drawn from their own generator (``seed`` + 1): the other demo tables stay as they were.
    The last quarter's recap of ``SKDN_MISSING_LAST`` kelurahan is missing."""
    rng = np.random.default_rng(seed + 1)
    weighed = values.loc[values[s.KODE_INDIKATOR] == "SPE07"].reset_index(drop=True)
    d = weighed[s.PEMBILANG].to_numpy(dtype=int)
    d_prime = rng.binomial(d, 0.85)
    n = rng.binomial(d_prime, rng.uniform(0.6, 0.85, len(d)))
    codes = sorted(weighed[s.KODE_WILAYAH].unique())
    missing = set(rng.choice(codes, min(SKDN_MISSING_LAST, len(codes)), replace=False))
    kept = ~((weighed[s.PERIODE] == PERIODS[-1]) & weighed[s.KODE_WILAYAH].isin(missing))
    kept = kept.to_numpy()
    kode, period = weighed[s.KODE_WILAYAH].to_numpy()[kept], weighed[s.PERIODE].to_numpy()[kept]
    d, d_prime, n = d[kept], d_prime[kept], n[kept]
    return _frame(
        [
            _interleave(
                _block(kode, "SKD01", period, "LAPRUT", d, weighed[s.PENYEBUT].to_numpy()[kept]),
                _block(kode, "SKD02", period, "LAPRUT", n, d),
                _block(kode, "SKD03", period, "LAPRUT", n, d_prime),
            )
        ]
    )


def _scorecard(
    kel: pd.DataFrame, is_lokus: np.ndarray, catalogue: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    items = catalogue.loc[catalogue[s.KELOMPOK] == "scorecard", [s.KODE, s.KELOMPOK_SCORECARD]]
    n = len(kel)
    codes = kel[s.KODE_KELURAHAN].to_numpy()
    start = np.where(is_lokus, rng.uniform(45, 60, n), rng.uniform(60, 75, n))
    rate = np.where(is_lokus, rng.uniform(0.5, 0.7, n), rng.uniform(0.15, 0.3, n))
    rows = []
    for t, period in enumerate(PERIODS):
        targets = {"ibu_hamil": rng.integers(20, 80, n), "anak_0_23": rng.integers(60, 250, n)}
        level = _trend(start, 95, rate, t / 4)
        for _, item in items.iterrows():
            size = targets[item[s.KELOMPOK_SCORECARD]]
            ts = rng.binomial(size, SCORECARD_TS.get(item[s.KODE], 0.02))
            y = rng.binomial(size - ts, np.clip(level + rng.normal(0, 4, n), 5, 99) / 100)
            rows.append(
                {
                    s.KODE_WILAYAH: codes,
                    s.KODE_INDIKATOR: np.full(n, item[s.KODE], dtype=object),
                    s.PERIODE: np.full(n, period, dtype=object),
                    s.Y: y.astype(np.int64),
                    s.T: (size - ts - y).astype(np.int64),
                    s.TS: ts.astype(np.int64),
                }
            )
    return _frame(rows)


# Recorded status per aksi: (status, progress %, actual start, actual end); missing = all done.
AKSI_2022 = {
    1: (s.STATUS_SELESAI, 100, date(2022, 6, 14), date(2022, 7, 20)),
    2: (s.STATUS_SELESAI, 100, date(2022, 7, 25), date(2022, 8, 10)),
    3: (s.STATUS_SELESAI, 100, date(2022, 8, 1), date(2022, 8, 10)),
    4: (s.STATUS_BERJALAN, 40, date(2022, 8, 15), None),
    5: (s.STATUS_BELUM, 0, None, None),
    6: (s.STATUS_BERJALAN, 50, date(2022, 3, 7), None),
    7: (s.STATUS_BERJALAN, 60, date(2022, 1, 17), None),
    8: (s.STATUS_BELUM, 0, None, None),
}
AKSI_2025 = {
    1: (s.STATUS_SELESAI, 100, date(2025, 2, 10), date(2025, 4, 25)),
    2: (s.STATUS_SELESAI, 100, date(2025, 4, 28), date(2025, 8, 29)),
    3: (s.STATUS_BERJALAN, 70, date(2025, 6, 2), None),
    4: (s.STATUS_BELUM, 0, None, None),
    5: (s.STATUS_BERJALAN, 60, date(2025, 1, 13), None),
    6: (s.STATUS_BERJALAN, 55, date(2025, 1, 13), None),
}
YEAR_FRAMEWORK = {2022: "8AKSI", 2023: "8AKSI", 2024: "8AKSI", 2025: "SKEMA2025"}


def _aksi(
    kel: pd.DataFrame,
    lokus_codes: set[str],
    frameworks: pd.DataFrame,
    tahapan: pd.DataFrame,
    rng: np.random.Generator,
    units: dict[int, str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = []
    for year, kerangka in YEAR_FRAMEWORK.items():
        recorded = {2022: AKSI_2022, 2025: AKSI_2025}.get(year, {})
        for _, aksi in frameworks.loc[frameworks[s.KERANGKA] == kerangka].iterrows():
            no = int(aksi[s.NOMOR_AKSI])
            steps = tahapan.loc[(tahapan[s.KERANGKA] == kerangka) & (tahapan[s.NOMOR_AKSI] == no)]
            plan_start = date(year, int(steps["bulan_mulai"].min()), 1)
            plan_end = month_end(year, int(steps["bulan_selesai"].max()))
            slip = int(rng.integers(-5, 20))
            status, pct, act_start, act_end = recorded.get(
                no,
                (
                    s.STATUS_SELESAI,
                    100,
                    plan_start + pd.Timedelta(days=max(slip, 0)),
                    plan_end + pd.Timedelta(days=slip),
                ),
            )
            base = {s.KERANGKA: kerangka, s.TAHUN: year, s.NOMOR_AKSI: no, "opd": units.get(no)}
            rows.append(
                {
                    **base,
                    s.NOMOR_TAHAPAN: None,
                    s.KODE_KELURAHAN: None,
                    "rencana_mulai": plan_start,
                    "rencana_selesai": plan_end,
                    "realisasi_mulai": act_start,
                    "realisasi_selesai": act_end,
                    s.STATUS: status,
                    s.PROGRES: float(pct),
                    "dokumen_keluaran": aksi["keluaran"] or None,
                }
            )
            done_steps = round(len(steps) * pct / 100)
            for i, (_, step) in enumerate(steps.iterrows()):
                step_status = (
                    s.STATUS_SELESAI
                    if i < done_steps
                    else s.STATUS_BERJALAN
                    if i == done_steps and status == s.STATUS_BERJALAN
                    else s.STATUS_BELUM
                )
                rows.append(
                    {
                        **base,
                        s.NOMOR_TAHAPAN: int(step[s.NOMOR_TAHAPAN]),
                        s.KODE_KELURAHAN: None,
                        "rencana_mulai": date(year, int(step["bulan_mulai"]), 1),
                        "rencana_selesai": month_end(year, int(step["bulan_selesai"])),
                        s.STATUS: step_status,
                        s.PROGRES: {s.STATUS_SELESAI: 100.0, s.STATUS_BERJALAN: 50.0}.get(
                            step_status, 0.0
                        ),
                    }
                )
            if aksi["tingkat"] == "kelurahan":
                for code in sorted(lokus_codes):
                    kel_pct = (
                        float(min(100, max(0, pct + rng.integers(-20, 20)))) if pct < 100 else 100.0
                    )
                    kel_status = (
                        s.STATUS_SELESAI
                        if kel_pct == 100
                        else s.STATUS_BELUM
                        if kel_pct == 0
                        else s.STATUS_BERJALAN
                    )
                    rows.append(
                        {
                            **base,
                            s.NOMOR_TAHAPAN: None,
                            s.KODE_KELURAHAN: code,
                            "rencana_mulai": plan_start,
                            "rencana_selesai": plan_end,
                            s.STATUS: kel_status,
                            s.PROGRES: kel_pct,
                        }
                    )
    progress = pd.DataFrame(rows)
    progress = progress.assign(
        **{s.NOMOR_TAHAPAN: progress[s.NOMOR_TAHAPAN].astype("Int64")},
        sintetis=True,
        diubah_oleh=DEMO_AUTHOR,
        catatan="Data contoh (sintetis)",
    )
    years = pd.DataFrame({s.TAHUN: list(YEAR_FRAMEWORK), s.KERANGKA: list(YEAR_FRAMEWORK.values())})
    return years, progress


def generate_demo(
    kelurahan: pd.DataFrame,
    lokus_codes: set[str],
    catalogue: pd.DataFrame,
    frameworks: pd.DataFrame,
    tahapan: pd.DataFrame,
    seed: int = SEED,
    kota: str | None = None,
    aksi_units: dict[int, str] | None = None,
) -> DemoData:
    """Generate every demo table from the reference data; the same seed gives the same data.

    ``kota`` is the kabupaten/kota code of the survey (SSGI) rows. A region of more than
    ``CITY_SIZE`` desa gets fewer balita and measured children per desa (``scale``,
    ``children_per_kelurahan``), so that its totals — and the time its first start takes —
    stay near a city's. ``aksi_units`` names the unit leading each aksi (``AKSI_OPD``,
    North Jakarta's, by default; ``AKSI_OPD_ANY_REGION`` elsewhere)."""
    rng = np.random.default_rng(seed)
    kel = kelurahan.sort_values(s.KODE_KELURAHAN).reset_index(drop=True)
    kota = kota or str(kel[s.KODE_KECAMATAN].iloc[0])[:5]  # the kabupaten/kota of the desa
    is_lokus = kel[s.KODE_KELURAHAN].isin(lokus_codes).to_numpy()
    scale = min(1.0, CITY_SIZE / len(kel))
    values = _values(kel, is_lokus, rng, kota, scale)
    children = children_per_kelurahan(len(kel))
    values = pd.concat(
        [values, _skdn(values, seed), _sasaran(kel, is_lokus, seed, children)], ignore_index=True
    )
    scorecard = _scorecard(kel, is_lokus, catalogue, rng)
    units = AKSI_OPD if aksi_units is None else aksi_units
    years, progress = _aksi(kel, lokus_codes, frameworks, tahapan, rng, units)
    return DemoData(values, scorecard, years, progress)


def main(argv: list[str] | None = None) -> None:
    from ingest.reference import reference_from_files
    from settings import reference_dir
    from store.reference_files import read_reference_files

    parser = argparse.ArgumentParser(description="Tulis data contoh (sintetis) sebagai CSV.")
    parser.add_argument("--out", type=Path, required=True, help="folder tujuan")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    folder = reference_dir()
    ref = reference_from_files(read_reference_files(folder), folder)
    lokus_2022 = set(ref.lokus.loc[ref.lokus[s.TAHUN] == 2022, s.KODE_KELURAHAN])
    demo = generate_demo(
        ref.kelurahan, lokus_2022, ref.indikator, ref.kerangka, ref.tahapan, args.seed
    )
    args.out.mkdir(parents=True, exist_ok=True)
    for name in ("values", "scorecard", "aksi_years", "aksi_progress"):
        getattr(demo, name).to_csv(args.out / f"contoh_sintetis_{name}.csv", index=False)
    print(f"Data contoh (sintetis) ditulis ke {args.out}")


if __name__ == "__main__":
    main()
