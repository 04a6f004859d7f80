"""The rembuk stunting deck: ten slides computed from the data of one year and period.

Each slide carries one message (a generated headline), a few supporting points, a chart to
draw (``charts.slides``), a short table for the slide and the full tables behind it (PDF,
Excel). Nothing here draws or writes; the page and the exporters share the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

import settings
from analysis import schema as s
from analysis.activities import intervention_codes
from analysis.aksi import aksi_status, status_date
from analysis.attainment import (
    BELUM,
    HANYA_PERSEN,
    KELURAHAN,
    KOTA,
    MENDEKATI,
    N_KELURAHAN,
    STATUS,
    TERCAPAI,
    coverage_by_area,
)
from analysis.change import change_verdict
from analysis.classes import KUANTIL, class_edges
from analysis.longlists import worst_groups
from analysis.overview import (
    ALL_LABEL,
    GROUP,
    LOKUS_LABEL,
    NON_LOKUS_LABEL,
    Ratio,
    build_overview,
    lokus_for_year,
    paired_change,
    primary_source_values,
    resolve_period,
    trend_by_lokus,
)
from analysis.periods import period_end_date, period_year, same_period_in_year, sort_periods
from analysis.programs import (
    CELL_GAP,
    DAFTAR_OPD,
    N_KEGIATAN,
    SEL,
    activity_reach,
    convergence_matrix,
    coverage_periods,
    filter_activities,
    untargeted_gaps,
)
from analysis.situation import SKOR, priority_scores, recommend_lokus
from analysis.synthetic import synthetic_in
from charts.maps import MapData, palette
from report import narrative as n
from report import trust
from report.inputs import Sources
from text.clock import today_wib
from text.fmt import (
    MISSING,
    PERCENT_ONLY,
    fmt_against,
    fmt_change_between,
    fmt_date,
    fmt_number,
    fmt_percent,
    fmt_period,
    fmt_target,
    join_some,
    target_sign,
)
from text.program_tables import kelurahan_label
from text.strings import t, word

SLIDE_KEYS = (
    "judul",
    "situasi",
    "percaya",
    "peta",
    "cakupan",
    "lokus",
    "program",
    "aksi",
    "rekomendasi",
    "ringkasan",
)

TARGET_ARAH = "Arah target"  # next to a numeric "Target (%)": ≥ (at least) or ≤ (at most)
# A city figure not pooled because every kelurahan value is a bare percentage (no counts).
# At most this many desa/kelurahan named or listed on one slide (852 desa, 100 lokus): the
# worst first; the Excel and PDF tables hold them all.
DECK_N = 10
# Slides with a table AND points under it (7 program, 9 recommendation) fit 1366×768 with this
# many rows (two-line names of a kabupaten's "Desa (Kecamatan)"); a city's 7 lokus all fit.
DECK_ROWS = 7
PERCENT_ONLY_NOTE = f"nilainya {PERCENT_ONLY} (tanpa pembilang/penyebut)"


@dataclass(frozen=True)
class Chart:
    """What ``charts.slides.render_chart`` draws: a ``kind`` and its data."""

    kind: str  # trend, map, coverage, lokus, matrix, aksi
    data: pd.DataFrame | MapData
    title: str = ""
    target: float | None = None
    arah: str | None = None  # the target's direction (schema.ARAH_*), shown with it


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    headline: str
    points: tuple[str, ...] = ()
    table: pd.DataFrame | None = None  # short, formatted: what the slide shows
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # sheet name → full table
    chart: Chart | None = None
    method: str = ""


@dataclass(frozen=True)
class Deck:
    tahun: int
    periode: str  # the period asked for
    title: str
    subtitle: str
    synthetic: bool
    made: date
    slides: tuple[Slide, ...]

    def slide(self, key: str) -> Slide:
        return next(x for x in self.slides if x.key == key)


@dataclass(frozen=True)
class _Context:
    """What several slides share."""

    src: Sources
    tahun: int
    periode: str
    today: date
    lokus: frozenset[str]
    lokus_year: int | None
    names: dict[str, str]  # kode_kelurahan → kelurahan
    indicators: dict[str, str]  # kode → nama
    coverage: pd.DataFrame  # kelurahan level, every period
    primary: pd.DataFrame

    def kelurahan_label(self, code: str) -> str:
        return kelurahan_label(self.names.get(code, code), code in self.lokus)

    def indicator_label(self, code: str) -> str:
        return f"{code} · {self.indicators.get(code, code)}"


def default_period(src: Sources, tahun: int) -> str | None:
    """The latest period of ``tahun`` with kelurahan data: the sidebar's default."""
    codes = set(src.ref.kelurahan[s.KODE_KELURAHAN])
    periods = src.values.loc[src.values[s.KODE_WILAYAH].isin(codes), s.PERIODE].unique()
    inside = [p for p in sort_periods(periods) if period_year(p) == tahun]
    return inside[-1] if inside else None


def build_deck(src: Sources, tahun: int, periode: str, today: date | None = None) -> Deck:
    """The ten slides for ``tahun`` and ``periode`` (a period without data falls back to the
    latest earlier one, which the slides then name)."""
    today = today or today_wib()
    cat, kel = src.ref.indikator, src.ref.kelurahan
    lokus_year, lokus = lokus_for_year(src.lokus, tahun)
    primary = primary_source_values(src.values, cat)
    ctx = _Context(
        src=src,
        tahun=tahun,
        periode=periode,
        today=today,
        lokus=frozenset(lokus),
        lokus_year=lokus_year,
        names=dict(zip(kel[s.KODE_KELURAHAN], kel[s.KELURAHAN], strict=True)),
        indicators=dict(zip(cat[s.KODE], cat[s.NAMA], strict=True)),
        coverage=coverage_by_area(primary, kel, cat, KELURAHAN, src.rules),
        primary=primary,
    )
    overview = build_overview(
        src.values,
        src.scorecard,
        kel,
        src.lokus,
        cat,
        src.progress,
        src.ref.kerangka,
        tahun,
        periode,
        src.ref.wilayah.kode,
    )
    program, matrix = _program_slide(ctx)
    body = [
        _situation_slide(ctx, overview),
        _trust_slide(ctx, overview.periode),
        _map_slide(ctx, overview),
        _coverage_slide(ctx),
        _lokus_slide(ctx, overview.periode),
        program,
        _aksi_slide(ctx),
        _recommendation_slide(ctx, matrix),
    ]
    synthetic = synthetic_in(src.values, src.scorecard, src.progress, src.activities, tahun)
    title = f"Rembuk Stunting {src.ref.wilayah.nama} {tahun}"
    subtitle = f"Konvergensi percepatan penurunan stunting · data {fmt_period(periode)}"
    return Deck(
        tahun=tahun,
        periode=periode,
        title=title,
        subtitle=subtitle,
        synthetic=synthetic,
        made=today,
        slides=(
            _title_slide(ctx, title, subtitle, synthetic, overview.periode),
            *body,
            _closing_slide(ctx, body),
        ),
    )


def _title_slide(
    ctx: _Context, title: str, subtitle: str, synthetic: bool, used: str | None
) -> Slide:
    lokus = sorted(ctx.names[c] for c in ctx.lokus if c in ctx.names)
    points = [
        f"Lokus {ctx.lokus_year}: {join_some(lokus, DECK_N)}"
        if lokus
        else f"Belum ada lokus ditetapkan untuk {ctx.tahun}",
        f"Disusun {fmt_date(ctx.today)} dari {t('app.title')}",
    ]
    if used and used != ctx.periode:
        points.append(f"Data {fmt_period(ctx.periode)} belum ada; slide memakai {fmt_period(used)}")
    if synthetic:
        points.append(t("badge.synthetic"))
    return Slide("judul", "Rembuk stunting", title, tuple(points), method=subtitle)


def _situation_slide(ctx: _Context, ov) -> Slide:
    target = ctx.src.ref.indicator(s.IND_STUNTING)
    periode = ov.periode or ctx.periode
    base, now = ov.change.baseline, ov.change.current
    headline = n.prevalence_headline(
        base.persen if base else None,
        base.periode if base else None,
        now.persen if now else (ov.prevalence.persen if ov.prevalence else None),
        periode,
        verdict=_verdict(base, now, ctx.src.min_points),
    )
    points = []
    if ov.prevalence:
        points.append(
            f"e-PPGBM {fmt_period(periode)}: {fmt_percent(ov.prevalence.persen)} "
            f"({fmt_number(ov.prevalence.pembilang)} dari {fmt_number(ov.prevalence.penyebut)} "
            f"balita diukur; {ov.n_melapor} dari {ov.n_kelurahan} {word('unit')} melapor)"
        )
    if ov.survey:
        points.append(
            f"Survei SSGI/SKI {fmt_period(ov.survey.periode)}: {fmt_percent(ov.survey.persen)} "
            "(sumber lain, tidak dibandingkan langsung dengan e-PPGBM)"
        )
    points.append(
        f"Target: {fmt_target(target[s.TARGET], target.get(s.ARAH))} ({target[s.SUMBER_TARGET]}, "
        f"{target[s.TAHUN_TARGET]})"
    )
    trend = ov.trend
    city = trend.loc[trend[GROUP] == ALL_LABEL]
    short = pd.DataFrame(
        {
            "Periode": [fmt_period(p, short=True) for p in city[s.PERIODE]],
            "Prevalensi": [fmt_percent(x) for x in city[s.CAKUPAN]],
            "Balita diukur": [fmt_number(x) for x in city[s.PENYEBUT]],
        }
    ).tail(6)
    return Slide(
        "situasi",
        "Situasi stunting",
        headline,
        tuple(points),
        table=short,
        tables={"prevalensi_tren": _trend_table(trend)},
        chart=Chart(
            "trend",
            city,
            "Prevalensi stunting (e-PPGBM)",
            float(target[s.TARGET]),
            target.get(s.ARAH),
        ),
        method=(
            f"Prevalensi = Σ balita stunting ÷ Σ balita diukur (e-PPGBM) atas {word('unit')} yang "
            "melapor. Perubahan dibandingkan dengan periode yang sama tahun 2022, hanya atas "
            f"{word('unit')} yang melapor di kedua periode; disebut membaik/memburuk hanya bila "
            "interval 95% selisih kedua proporsi (metode Newcombe) tidak memuat nol dan "
            f"perubahannya paling sedikit {ctx.src.min_points:g} poin. Angka survei SSGI/SKI "
            f"disebut terpisah. {word('Unit')} yang perlu dicek, kelengkapan laporan dan lintasan "
            "menuju target: slide berikutnya."
        ),
    )


def _verdict(base: Ratio | None, now: Ratio | None, min_points: float) -> str | None:
    """membaik / memburuk / tidak berubah bermakna of a stunting change (lower is better) from
    its counts; None without both ends."""
    if base is None or now is None:
        return None
    verdict = change_verdict(
        base.pembilang, base.penyebut, now.pembilang, now.penyebut, True, min_points
    )
    return verdict or None


def _trust_slide(ctx: _Context, periode: str | None) -> Slide:
    """Can the situation slide's figure be trusted: the kelurahan whose stunting changed
    meaningfully from the previous round or whose denominator halved (both rounds' counts),
    how completely the kelurahan reported, and the city's trajectory in one sentence."""
    periode = periode or ctx.periode
    src = ctx.src
    changes = trust.stunting_changes(
        src.values, set(ctx.names), src.ref.indikator, periode, src.min_points,
        src.ref.sumber_data.set_index(s.KODE)[s.NAMA].to_dict(),
    )  # fmt: skip
    points = (
        *trust.more_point(changes),
        *trust.reporting_point(src.values, src.datasets, src.ref.kelurahan, periode,
                               settings.batas_lapor_hari()),
        *trust.trajectory_point(src.values, src.ref, ctx.tahun),
    )  # fmt: skip
    table = trust.changes_table(changes, ctx.names)
    return Slide(
        "percaya",
        "Dapatkah angka ini dipercaya?",
        n.trust_headline(len(changes.flagged), changes.judged, changes.rounds),
        points,
        table=table if len(table) else None,
        tables={"perlu_dicek": trust.changes_full(changes, ctx.names)},
        method=(
            f"Perlu dicek (aturan yang sama dengan halaman Ringkasan): {word('unit')} yang melapor di "
            "kedua putaran dan prevalensi stuntingnya berubah bermakna dari putaran sebelumnya — "
            "interval 95% selisih kedua proporsi (metode Newcombe) tidak memuat nol dan "
            f"perubahannya paling sedikit {src.min_points:g} poin — atau penyebutnya turun ke "
            "separuh atau kurang. Setiap sumber dinilai sendiri: e-PPGBM seperti dilaporkan "
            "(putaran = periode laporan) dan e-PPGBM dihitung ulang dari rekaman pengukuran "
            "(putaran = bulan penimbangan), tidak pernah dipasangkan satu sama lain. "
            f"Kelengkapan laporan: {word('unit')} yang melaporkan semua indikator yang diharapkan pada "
            f"periode itu. Lintasan: AARR {word('kabkota')} dari nilai tahunan survei SSGI/SKI (sumber target "
            "nasional), atau e-PPGBM bila survei belum ada; halaman Profil menampilkan keduanya."
        ),
    )


def _trend_table(trend: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Periode": [fmt_period(p) for p in trend[s.PERIODE]],
            "Kelompok wilayah": trend[GROUP].to_numpy(),
            "Balita stunting": trend[s.PEMBILANG].to_numpy(),
            "Balita diukur": trend[s.PENYEBUT].to_numpy(),
            "Prevalensi (%)": trend[s.CAKUPAN].round(2).to_numpy(),
        }
    )


def _map_slide(ctx: _Context, ov) -> Slide:
    periode = ov.periode or ctx.periode
    ranking = ov.ranking
    shown = ranking.dropna(subset=[s.CAKUPAN])
    city = ov.prevalence.persen if ov.prevalence else float("nan")
    top = shown.iloc[0] if len(shown) else None
    above = shown.loc[shown[s.LOKUS] & (shown[s.CAKUPAN] > city)]
    headline = n.map_headline(
        None if top is None else str(top[s.KELURAHAN]),
        None if top is None else float(top[s.CAKUPAN]),
        len(above),
        len(ctx.lokus),
        city,
    )
    values = pd.DataFrame(
        {
            s.KODE_KELURAHAN: ranking[s.KODE_KELURAHAN].astype(str).to_numpy(),
            "nilai": ranking[s.CAKUPAN].to_numpy(dtype=float),
            s.PEMBILANG: ranking[s.PEMBILANG].to_numpy(dtype=float),
            s.PENYEBUT: ranking[s.PENYEBUT].to_numpy(dtype=float),
        }
    )
    edges = class_edges(values["nilai"], KUANTIL, 5)
    if len(edges) == 1:
        edges = [edges[0], edges[0]]
    data = MapData(
        areas=ctx.src.areas,
        values=values,
        title=t("peta.m_prevalensi", periode=fmt_period(periode)),
        unit="%",
        source="e-PPGBM",
        edges=edges,
        colors=palette(max(len(edges) - 1, 0), True),
        lokus=ctx.lokus,
        lokus_label=t("profil.lokus_yes", tahun=ctx.lokus_year or ctx.tahun),
        note=ctx.src.boundary_note,
    )
    short = pd.DataFrame(
        {
            "#": [str(x) for x in shown[s.PERINGKAT]],
            word("Unit"): [ctx.kelurahan_label(c) for c in shown[s.KODE_KELURAHAN]],
            "Prevalensi": [fmt_percent(x) for x in shown[s.CAKUPAN]],
        }
    ).head(10)
    full = pd.DataFrame(
        {
            "Peringkat": ranking[s.PERINGKAT].to_numpy(),
            word("Unit"): ranking[s.KELURAHAN].to_numpy(),
            "Kecamatan": ranking[s.KECAMATAN].to_numpy(),
            "Lokus": np.where(ranking[s.LOKUS], "ya", ""),
            "Balita stunting": ranking[s.PEMBILANG].to_numpy(),
            "Balita diukur": ranking[s.PENYEBUT].to_numpy(),
            "Prevalensi (%)": ranking[s.CAKUPAN].round(2).to_numpy(),
            "Perubahan sejak 2022 (poin)": ranking["perubahan"].round(2).to_numpy(),
        }
    )
    return Slide(
        "peta",
        "Peta prevalensi dan lokus",
        headline,
        (f"Garis tebal: lokus {ctx.lokus_year or ctx.tahun}", ctx.src.boundary_note),
        table=short,
        tables={"peringkat_kelurahan": full},
        chart=Chart("map", data, data.title),
        method=(
            f"Warna: lima kelas kuantil prevalensi per {word('unit')} (e-PPGBM). Angka {word('kabkota')} = Σ balita "
            "stunting ÷ Σ balita diukur. ★ = lokus."
        ),
    )


def _targeted(ctx: _Context) -> list[str]:
    cat = ctx.src.ref.indikator
    codes = intervention_codes(cat)
    has_target = set(cat.loc[cat[s.TARGET].notna() & (cat[s.SATUAN] == "persen"), s.KODE])
    return [c for c in codes if c in has_target]


def _shorten(text: str, at_most: int = 40) -> str:
    """A label cut at a word for a slide's narrow column (the full name is in the tables)."""
    if len(text) <= at_most:
        return text
    return text[: text.rfind(" ", 0, at_most)] + " …"


def _coverage_slide(ctx: _Context) -> Slide:
    codes = _targeted(ctx)
    periode = resolve_period(ctx.coverage, codes, ctx.periode)
    rows, city = ctx.coverage.iloc[0:0], ctx.coverage.iloc[0:0]
    if periode:
        kel = ctx.src.ref.kelurahan
        city_all = coverage_by_area(
            ctx.primary, kel, ctx.src.ref.indikator, KOTA, ctx.src.rules, ctx.src.ref.wilayah
        )
        city = city_all.loc[
            (city_all[s.PERIODE] == periode) & city_all[s.KODE_INDIKATOR].isin(codes)
        ]
        rows = ctx.coverage.loc[
            (ctx.coverage[s.PERIODE] == periode)
            & ctx.coverage[s.KODE_INDIKATOR].isin(codes)
            & ctx.coverage[s.KODE_WILAYAH].isin(ctx.lokus)
        ]
    status = rows[STATUS].astype(str)
    judged = status.isin([BELUM, MENDEKATI, TERCAPAI]).to_numpy()
    assessed = rows.assign(
        _below=status.isin([BELUM, MENDEKATI]).to_numpy(),
        _assessed=judged,
        _pct=judged & (rows[HANYA_PERSEN] > 0).to_numpy(),
    )
    per = (
        assessed.astype({s.KODE_INDIKATOR: str})
        .groupby(s.KODE_INDIKATOR)[["_below", "_assessed", "_pct"]]
        .sum()
        .astype(int)
    )
    city = city.astype({s.KODE_INDIKATOR: str}).set_index(s.KODE_INDIKATOR)
    table = pd.DataFrame({s.KODE_INDIKATOR: [c for c in codes if c in city.index]})
    # A city of percent-only kelurahan alone has no pooled figure: it says so, and is not
    # among the interventions counted (as on Ringkasan).
    not_pooled = [
        int(city.loc[c, N_KELURAHAN]) == 0 and int(city.loc[c, HANYA_PERSEN]) > 0
        for c in table[s.KODE_INDIKATOR]
    ]
    table = table.assign(
        cakupan=[float(city.loc[c, s.CAKUPAN]) for c in table[s.KODE_INDIKATOR]],
        target=[float(city.loc[c, s.TARGET]) for c in table[s.KODE_INDIKATOR]],
        selisih=[float(city.loc[c, s.SELISIH_TARGET]) for c in table[s.KODE_INDIKATOR]],
        status=[
            f"{PERCENT_ONLY} (tidak dijumlahkan ke {word('kabkota')})"
            if pct
            else str(city.loc[c, STATUS])
            for c, pct in zip(table[s.KODE_INDIKATOR], not_pooled, strict=True)
        ],
        not_pooled=not_pooled,
        kel_pct=[int(city.loc[c, HANYA_PERSEN]) for c in table[s.KODE_INDIKATOR]],
        below=[int(per["_below"].get(c, 0)) for c in table[s.KODE_INDIKATOR]],
        assessed=[int(per["_assessed"].get(c, 0)) for c in table[s.KODE_INDIKATOR]],
        lokus_pct=[int(per["_pct"].get(c, 0)) for c in table[s.KODE_INDIKATOR]],
    )
    # The message: the intervention most lokus miss; ties go to the larger city shortfall.
    table = table.sort_values(["below", "selisih"], ascending=[False, True], kind="stable")
    table = table.reset_index(drop=True)
    lead = table.iloc[0] if len(table) and table["assessed"].max() > 0 else None
    only = next(iter(ctx.lokus)) if len(ctx.lokus) == 1 else None
    headline = n.lokus_target_headline(
        0 if lead is None else int(lead["below"]),
        0 if lead is None else int(lead["assessed"]),
        None if lead is None else ctx.indicators[lead[s.KODE_INDIKATOR]],
        ctx.names.get(only) if only else None,
        n_hanya_persen=0 if lead is None else int(lead["lokus_pct"]),
    )
    points = _coverage_points(table, periode)
    arah = ctx.src.ref.indikator.set_index(s.KODE)[s.ARAH]
    lokus_col = [
        f"{b} dari {a}{_percent_only_mark(p, a)}" if a else MISSING
        for b, a, p in zip(table["below"], table["assessed"], table["lokus_pct"], strict=True)
    ]
    short = pd.DataFrame(
        {
            "Intervensi": [_shorten(ctx.indicator_label(c)) for c in table[s.KODE_INDIKATOR]],
            f"Cakupan {word('kabkota')}": [
                f"{MISSING} ({PERCENT_ONLY})" if pct else fmt_against(x, y)
                for x, y, pct in zip(
                    table["cakupan"], table["target"], table["not_pooled"], strict=True
                )
            ],
            "Target": [
                fmt_target(x, arah.get(c))
                for x, c in zip(table["target"], table[s.KODE_INDIKATOR], strict=True)
            ],
            "Lokus di bawah target": lokus_col,
        }
    )
    full = pd.DataFrame(
        {
            "Kode": table[s.KODE_INDIKATOR].to_numpy(),
            "Intervensi": [ctx.indicators[c] for c in table[s.KODE_INDIKATOR]],
            f"Cakupan {word('kabkota')} (%)": table["cakupan"].round(2).to_numpy(),
            TARGET_ARAH: [target_sign(arah.get(c)) for c in table[s.KODE_INDIKATOR]],
            "Target (%)": table["target"].to_numpy(),
            "Selisih ke target (poin)": table["selisih"].round(2).to_numpy(),
            f"Status {word('kabkota')}": table["status"].to_numpy(),
            f"{word('Unit')} hanya persen": table["kel_pct"].to_numpy(),
            "Lokus di bawah target": table["below"].to_numpy(),
            "Lokus dinilai": table["assessed"].to_numpy(),
            "Lokus hanya persen": table["lokus_pct"].to_numpy(),
        }
    )
    return Slide(
        "cakupan",
        "Kesenjangan cakupan intervensi",
        headline,
        points,
        table=short.head(5),
        tables={"cakupan_intervensi": full},
        chart=Chart(
            "coverage", full, f"Cakupan {word('kabkota')} {fmt_period(periode) if periode else ''}"
        ),
        method=(
            "Cakupan = Σ pembilang ÷ Σ penyebut tiap intervensi bertarget dari sumber utamanya "
            "(katalog). Lokus di bawah target: status 'belum' atau 'mendekati' pada lokus "
            f"yang punya data. 'Hanya persen': nilai {word('unit')} tanpa pembilang/penyebut; dinilai "
            f"per {word('unit')} apa adanya tetapi tidak dijumlahkan ke {word('kabkota')}, dan intervensi yang "
            f"semua nilainya hanya persen tidak ikut dihitung di tingkat {word('kabkota')}."
        ),
    )


def _percent_only_mark(n_pct: int, n_all: int) -> str:
    """`` (hanya persen)`` when all ``n_all`` values are bare percentages, `` (2 hanya
    persen)`` when some are, else nothing."""
    if not n_pct:
        return ""
    return f" ({PERCENT_ONLY})" if n_pct == n_all else f" ({n_pct} {PERCENT_ONLY})"


def _coverage_points(table: pd.DataFrame, periode: str | None) -> tuple[str, ...]:
    """How many pooled interventions reach their target (the percent-only ones left out and
    counted, as on Ringkasan), and which indicators have kelurahan values not summed."""
    if not periode:
        return ()
    pooled = table.loc[~table["not_pooled"]]
    met = int((pooled["status"] == TERCAPAI).sum())
    left_out = int(table["not_pooled"].sum())
    first = (
        f"{fmt_period(periode)}: {met} dari {len(pooled)} intervensi bertarget tercapai "
        f"di tingkat {word('kabkota')}"
    )
    if left_out:
        first += f"; {left_out} indikator tidak dihitung: {PERCENT_ONLY_NOTE}"
    notes = [
        f"{c}: {k} nilai {word('unit')} hanya persen, tidak dijumlahkan ke {word('kabkota')}"
        for c, k in zip(table[s.KODE_INDIKATOR], table["kel_pct"], strict=True)
        if k
    ]
    return (first, *notes)


def _lokus_slide(ctx: _Context, periode: str | None) -> Slide:
    register = ctx.src.values.loc[ctx.src.values[s.SUMBER_DATA] == s.SUMBER_REGISTER]
    kel = ctx.src.ref.kelurahan
    trend = trend_by_lokus(register, kel, set(ctx.lokus), s.IND_STUNTING)
    pairs, rows, verdicts = {}, [], {}
    base = same_period_in_year(periode, 2022) if periode else None
    for label, codes in (
        (LOKUS_LABEL, set(ctx.lokus)),
        (NON_LOKUS_LABEL, set(kel[s.KODE_KELURAHAN]) - set(ctx.lokus)),
    ):
        change = (
            paired_change(
                register.loc[register[s.KODE_WILAYAH].isin(codes)], s.IND_STUNTING, base, periode
            )
            if periode and base != periode
            else None
        )
        ok = change is not None and change.baseline is not None
        pairs[label] = (change.baseline.persen, change.current.persen) if ok else None
        verdicts[label] = (
            _verdict(change.baseline, change.current, ctx.src.min_points) if ok else None
        )
        rows.append(
            {
                "Kelompok": label,
                word("Unit"): change.n_wilayah if ok else 0,
                "Prevalensi awal (%)": round(change.baseline.persen, 2) if ok else np.nan,
                "Prevalensi sekarang (%)": round(change.current.persen, 2) if ok else np.nan,
                "Perubahan (poin)": round(change.poin, 2) if ok else np.nan,
            }
        )
    since = fmt_period(base) if base else "2022"
    headline = n.lokus_progress_headline(
        pairs[LOKUS_LABEL],
        pairs[NON_LOKUS_LABEL],
        since,
        (verdicts[LOKUS_LABEL], verdicts[NON_LOKUS_LABEL]),
    )
    full = pd.DataFrame(rows)
    short = pd.DataFrame(
        {
            "Kelompok": full["Kelompok"],
            since: [fmt_percent(x) for x in full["Prevalensi awal (%)"]],
            fmt_period(periode) if periode else "Sekarang": [
                fmt_percent(x) for x in full["Prevalensi sekarang (%)"]
            ],
            "Perubahan": [
                fmt_change_between(a, b)
                for a, b in zip(
                    full["Prevalensi awal (%)"], full["Prevalensi sekarang (%)"], strict=True
                )
            ],
        }
    )
    groups = trend.loc[trend[GROUP].isin([LOKUS_LABEL, NON_LOKUS_LABEL])]
    return Slide(
        "lokus",
        "Lokus dibanding bukan lokus",
        headline,
        (f"Lokus {ctx.lokus_year or ctx.tahun}: {len(ctx.lokus)} {word('unit')}",),
        table=short,
        tables={"lokus_vs_bukan": full, "tren_lokus": _trend_table(groups)},
        chart=Chart("lokus", groups, "Prevalensi stunting: lokus dan bukan lokus"),
        method=(
            "Tiap kelompok: Σ balita stunting ÷ Σ balita diukur (e-PPGBM). Perubahan dihitung "
            f"hanya atas {word('unit')} yang melapor di kedua periode. Lokus: penetapan tahun "
            f"{ctx.lokus_year or ctx.tahun}, dipakai untuk semua periode."
        ),
    )


def _program_slide(ctx: _Context) -> tuple[Slide, pd.DataFrame]:
    src, tahun = ctx.src, ctx.tahun
    kel = src.ref.kelurahan
    city = list(kel[s.KODE_KELURAHAN])
    acts = filter_activities(src.activities, tahun)
    codes = intervention_codes(src.ref.indikator)
    periode, _ = coverage_periods(ctx.primary, codes, tahun, ctx.periode)
    now = ctx.coverage.loc[ctx.coverage[s.PERIODE] == periode]
    reach = activity_reach(acts, city)
    matrix = convergence_matrix(reach, now, kel, ctx.lokus, codes)
    # Which cells hold a kelurahan's bare percentage (no counts), for the actions of slide 8.
    only = now.loc[now[HANYA_PERSEN] > 0, [s.KODE_WILAYAH, s.KODE_INDIKATOR]]
    only_keys = set(zip(only[s.KODE_WILAYAH], only[s.KODE_INDIKATOR], strict=True))
    matrix = matrix.assign(
        **{
            HANYA_PERSEN: [
                k in only_keys
                for k in zip(matrix[s.KODE_KELURAHAN], matrix[s.KODE_INDIKATOR], strict=True)
            ]
        }
    )
    gaps = untargeted_gaps(matrix)
    lokus_rows = matrix.loc[matrix[s.LOKUS]]
    all_lokus = lokus_rows[s.KODE_KELURAHAN].nunique()
    # Many lokus (a kabupaten): the slide shows the DECK_ROWS with most red cells, the Excel all.
    score = lokus_rows[SEL].eq(CELL_GAP).astype(float)
    lokus_rows = worst_groups(lokus_rows, s.KODE_KELURAHAN, score, DECK_ROWS, whole_up_to=DECK_ROWS)
    short_names = dict(zip(src.ref.opd[s.KODE], src.ref.opd["singkatan"], strict=True))
    table = []  # per lokus; the units by name are in the full matrix table
    for code in dict.fromkeys(lokus_rows[s.KODE_KELURAHAN]):
        here = reach.loc[reach[s.KODE_KELURAHAN] == code]
        missing = gaps.loc[gaps[s.KODE_KELURAHAN] == code]
        listed = [
            f"{c} ({PERCENT_ONLY})" if pct else str(c)
            for c, pct in zip(missing[s.KODE_INDIKATOR], missing[HANYA_PERSEN], strict=True)
        ]
        table.append(
            {
                "Lokus": ctx.names.get(code, code),
                "Kegiatan": str(here["id"].nunique()),
                "OPD": str(here[s.OPD].nunique()),
                "Di bawah target, tanpa kegiatan": ", ".join(listed) or MISSING,
            }
        )
    n_gap_lokus = int(gaps[s.KODE_KELURAHAN].nunique())
    headline = n.program_headline(n_gap_lokus, all_lokus, len(acts), tahun)
    points = [f"{len(acts)} kegiatan {tahun} (tanpa yang batal)"]
    if periode:
        points.append(f"Cakupan dari {fmt_period(periode)}")
    if len(gaps):
        n_pct = int(gaps[HANYA_PERSEN].sum())
        some = f"; {n_pct} di antaranya nilai hanya persen" if n_pct else ""
        points.append(f"{len(gaps)} sel merah: di bawah target tanpa kegiatan{some}")
    if all_lokus > DECK_ROWS:
        points.append(
            f"{DECK_ROWS} lokus dengan sel merah terbanyak; {all_lokus - DECK_ROWS} lainnya di Excel"
        )
    full_matrix = pd.DataFrame(
        {
            word("Unit"): matrix[s.KELURAHAN].to_numpy(),
            "Lokus": np.where(matrix[s.LOKUS], "ya", ""),
            "Kode": matrix[s.KODE_INDIKATOR].to_numpy(),
            "Intervensi": [ctx.indicators.get(c, c) for c in matrix[s.KODE_INDIKATOR]],
            "Kegiatan": matrix[N_KEGIATAN].to_numpy(),
            "OPD": [
                ", ".join(short_names.get(o, o) for o in str(v).split(", ") if o)
                for v in matrix[DAFTAR_OPD]
            ],
            "Cakupan (%)": matrix[s.CAKUPAN].round(2).to_numpy(),
            "Hanya persen": np.where(matrix[HANYA_PERSEN], "ya", ""),
            TARGET_ARAH: [target_sign(a) for a in matrix[s.ARAH]],
            "Target (%)": matrix[s.TARGET].to_numpy(),
            "Status": matrix[STATUS].astype(str).to_numpy(),
            "Sel": matrix[SEL].to_numpy(),
        }
    )
    gap_table = pd.DataFrame(
        {
            "Lokus": gaps[s.KELURAHAN].to_numpy(),
            "Kode": gaps[s.KODE_INDIKATOR].to_numpy(),
            "Intervensi": [ctx.indicators.get(c, c) for c in gaps[s.KODE_INDIKATOR]],
            "Cakupan (%)": gaps[s.CAKUPAN].round(2).to_numpy(),
            "Hanya persen": np.where(gaps[HANYA_PERSEN], "ya", ""),
            TARGET_ARAH: [target_sign(a) for a in gaps[s.ARAH]],
            "Target (%)": gaps[s.TARGET].to_numpy(),
            "Selisih ke target (poin)": gaps[s.SELISIH_TARGET].round(2).to_numpy(),
        }
    )
    slide = Slide(
        "program",
        "Konvergensi program di lokus",
        headline,
        tuple(points),
        table=pd.DataFrame(table),
        tables={"matriks_konvergensi": full_matrix, "kesenjangan_lokus": gap_table},
        chart=Chart("matrix", lokus_rows, f"Lokus × intervensi, kegiatan {tahun}"),
        method=(
            "Sel = lokus × intervensi: jumlah kegiatan (tidak termasuk yang batal) yang "
            f"menyasar {word('unit')} itu, dan status cakupannya. Merah: di bawah target tanpa "
            "kegiatan; jingga: di bawah target, ada kegiatan; hijau: target tercapai; "
            f"abu-abu: tanpa data atau target. Kegiatan untuk 'semua {word('unit')}' dihitung di "
            f"setiap {word('unit')}. Tanda * / 'hanya persen': cakupan {word('unit')} tanpa "
            "pembilang/penyebut, dinilai apa adanya."
        ),
    )
    return slide, matrix


def _aksi_slide(ctx: _Context) -> Slide:
    """The aksi on one date, the end of the chosen period (today while it has not ended): the
    headline, chart and tables all read the same ``analysis.aksi.aksi_status``."""
    src = ctx.src
    as_of = status_date(ctx.tahun, ctx.today, period_end_date(ctx.periode))
    view = aksi_status(src.progress, src.ref.kerangka, ctx.tahun, as_of)
    rows = view.rows
    columns = ["No", "Aksi", "Jenis", "Status", "Progres (%)", "Rencana selesai",
               "Realisasi selesai"]  # fmt: skip
    frame = pd.DataFrame(columns=columns)
    if len(rows):
        frame = pd.DataFrame(
            {
                "No": rows[s.NOMOR_AKSI].astype(int).to_numpy(),
                "Aksi": rows[s.AKSI].to_numpy(),
                "Jenis": rows["jenis"].to_numpy(),
                "Status": rows["status_tampil"].to_numpy(),
                "Progres (%)": rows["progres_tampil"].to_numpy(),
                "Rencana selesai": [_date(x) for x in rows["rencana_selesai"]],
                "Realisasi selesai": [_date(x) for x in rows["realisasi_selesai"]],
            }
        )
    when = f"Status per {fmt_date(as_of)}"
    points = [view.stage_error] if view.stage_error else []
    return Slide(
        "aksi",
        "Tahapan aksi konvergensi",
        n.aksi_headline(view),
        tuple(points),
        table=frame[["No", "Aksi", "Status"]],  # "pendukung" is marked in the chart
        tables={"aksi_konvergensi": frame},
        chart=Chart("aksi", frame, f"Aksi {ctx.tahun} · {when}") if len(frame) else None,
        method=(
            f"{when} (akhir periode yang dipilih, atau hari ini bila periode itu belum berakhir); "
            "halaman Aksi memakai dasar yang sama. Tahap sekarang: aksi utama pertama, "
            "berurutan, yang belum selesai pada tanggal itu. 'Terlambat': rencana selesai sudah "
            "lewat pada tanggal itu dan aksi belum selesai. Aksi yang selesai sesudah tanggal itu "
            "tampil 'berjalan'."
        ),
    )


def _date(value: object) -> str:
    return MISSING if value is None or pd.isna(value) else fmt_date(pd.Timestamp(value).date())


def _recommendation_slide(ctx: _Context, matrix: pd.DataFrame) -> Slide:
    """Next year's lokus and the priority actions *in those kelurahan* (the program slide's
    ``matrix``: cells below target without an activity), so that no action is proposed for a
    kelurahan the same slide drops; a bare percentage is marked 'hanya persen'."""
    src = ctx.src
    periode = resolve_period(ctx.coverage, [s.IND_STUNTING], ctx.periode)
    now = ctx.coverage.loc[ctx.coverage[s.PERIODE] == periode]
    scores = priority_scores(now, src.ref.kelurahan, src.ref.indikator)
    # Lokus already set for next year are what the recommendation is compared with.
    compared_year, compared = lokus_for_year(src.lokus, ctx.tahun + 1)
    chosen = recommend_lokus(scores, compared, len(compared) or 7)
    compared_note = (
        f" Dibanding lokus {compared_year} yang sudah ditetapkan."
        if compared_year == ctx.tahun + 1
        else (f" Dibanding lokus {compared_year}." if compared_year else "")
    )
    counts = chosen["perubahan"].value_counts()

    def names(what: str) -> list[str]:
        return list(chosen.loc[chosen["perubahan"] == what, s.KELURAHAN])

    headline = n.recommendation_headline(
        ctx.tahun + 1,
        int(chosen["rekomendasi"].sum()),
        int(counts.get("tetap", 0)),
        names("masuk"),
        names("keluar"),
    )
    recommended = set(chosen.loc[chosen["rekomendasi"], s.KODE_KELURAHAN])
    gaps = matrix.loc[(matrix[SEL] == CELL_GAP) & matrix[s.KODE_KELURAHAN].isin(recommended)]
    worst = gaps.sort_values(s.SELISIH_TARGET, kind="stable").head(3)
    points = [
        n.gap_action(
            r[s.KELURAHAN],
            ctx.indicators[r[s.KODE_INDIKATOR]],
            r[s.CAKUPAN],
            r[s.TARGET],
            r[s.ARAH],
            hanya_persen=bool(r[HANYA_PERSEN]),
        )
        for _, r in worst.iterrows()
    ]
    if names("keluar"):
        points.append(f"Tidak direkomendasikan lagi: {join_some(names('keluar'), DECK_ROWS)}")
    shown = chosen.loc[chosen["rekomendasi"]]
    more = ""
    if len(shown) > DECK_ROWS:  # the highest priorities; all of them in the Excel table
        more = f" Tabel: {DECK_ROWS} teratas; {len(shown) - DECK_ROWS} lainnya di tabel Excel."
        shown = shown.head(DECK_ROWS)
    full = pd.DataFrame(
        {
            "Peringkat": chosen[s.PERINGKAT].to_numpy(),
            word("Unit"): chosen[s.KELURAHAN].to_numpy(),
            "Kecamatan": chosen[s.KECAMATAN].to_numpy(),
            "Skor prioritas": chosen[SKOR].round(1).to_numpy(),
            "Direkomendasikan": np.where(chosen["rekomendasi"], "ya", ""),
            f"Lokus {compared_year or ctx.tahun}": np.where(chosen["lokus_sekarang"], "ya", ""),
            "Perubahan": chosen["perubahan"].to_numpy(),
        }
    )
    short = pd.DataFrame(
        {
            "#": [str(x) for x in shown[s.PERINGKAT]],
            word("Unit"): shown[s.KELURAHAN].to_numpy(),
            "Skor": [fmt_number(x, 1) for x in shown[SKOR]],
            "Usulan": shown["perubahan"].replace("", MISSING).to_numpy(),
        }
    )
    return Slide(
        "rekomendasi",
        "Rekomendasi lokus dan aksi prioritas",
        headline,
        tuple(points),
        table=short,
        tables={"rekomendasi_lokus": full},
        method=(
            "Skor prioritas (0–100) = 40% prevalensi + 30% jumlah balita stunting + 30% rata-rata "
            "kekurangan cakupan intervensi terhadap target (bobot bawaan halaman Analisis "
            f"Situasi), {fmt_period(periode) if periode else 'periode terakhir'}. Aksi prioritas: "
            f"kesenjangan terbesar yang belum punya kegiatan di {word('unit')} yang direkomendasikan; "
            "'hanya persen': nilai tanpa pembilang/penyebut." + more + compared_note
        ),
    )


def _closing_slide(ctx: _Context, body: list[Slide]) -> Slide:
    picks = ("situasi", "percaya", "cakupan", "lokus", "program", "aksi", "rekomendasi")
    points = tuple(x.headline for x in body if x.key in picks)
    return Slide(
        "ringkasan",
        "Ringkasan",
        f"{len(points)} pesan untuk rembuk stunting {ctx.tahun}",
        points,
        method="Kalimat ringkasan diambil dari judul setiap slide.",
    )
