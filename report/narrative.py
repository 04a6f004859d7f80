"""The slides' headlines: deterministic Bahasa Indonesia sentences built from computed figures.

Every function takes numbers already computed in ``analysis/`` and only words them; a figure
that is missing is said to be missing, never guessed. Percentages are written the Indonesian way
(``18,5%``) through ``text.fmt``.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.aksi import AksiStatus
from analysis.change import TIDAK_BERMAKNA
from text.fmt import (
    fmt_against,
    fmt_date,
    fmt_number,
    fmt_percent,
    fmt_period,
    fmt_target,
    join_names,
    shown_change,
)
from text.strings import word

# A change smaller than this (in percentage points, after rounding to one decimal) is "tetap".
STEADY = 0.05


def lower_first(text: str) -> str:
    """``Ibu hamil …`` → ``ibu hamil …``; acronyms (``TTD …``) stay as written."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def direction(before: float, after: float, unit_word: str = "poin") -> tuple[str, str]:
    """(``turun``/``naik``/``tetap``, the size as text) of a change between two percentages;
    a change that rounds to 0,0 is ``tetap``."""
    change = shown_change(before, after)  # as the two figures are shown
    if abs(change) < STEADY:
        return "tetap", f"0 {unit_word}"
    return ("turun" if change < 0 else "naik"), f"{fmt_number(abs(change), 1)} {unit_word}"


def prevalence_headline(
    baseline: float | None,
    baseline_period: str | None,
    current: float | None,
    periode: str,
    verdict: str | None = None,
) -> str:
    """Prevalence now against the baseline (the same period of 2022). With ``verdict``
    (``analysis.change``: membaik / memburuk / tidak berubah bermakna, from the counts) the
    sentence leads with it, and a change that is not meaningful is not called a fall or rise."""
    now = fmt_period(periode)
    if current is None:
        return f"Belum ada data prevalensi stunting untuk {now}"
    if baseline is None or baseline_period is None:
        return (
            f"Prevalensi stunting {now}: {fmt_percent(current)} "
            "(belum ada data pembanding tahun dasar)"
        )
    then = fmt_period(baseline_period)
    word, _ = direction(baseline, current)
    if verdict == TIDAK_BERMAKNA:
        return (
            f"Prevalensi stunting tidak berubah bermakna: {fmt_percent(baseline)} ({then}) "
            f"dan {fmt_percent(current)} ({now})"
        )
    if verdict and word != "tetap":
        return (
            f"Prevalensi stunting {verdict}: {word} dari {fmt_percent(baseline)} ({then}) "
            f"menjadi {fmt_percent(current)} ({now})"
        )
    if word == "tetap":
        return f"Prevalensi stunting tetap {fmt_percent(current)} sejak {then}"
    return (
        f"Prevalensi stunting {word} dari {fmt_percent(baseline)} ({then}) "
        f"menjadi {fmt_percent(current)} ({now})"
    )


def map_headline(
    highest: str | None, highest_value: float | None, n_above: int, n_lokus: int, city: float
) -> str:
    """Where prevalence is highest, and how many lokus lie above the city figure."""
    if highest is None or highest_value is None:
        return f"Belum ada data prevalensi per {word('unit')} untuk dipetakan"
    text = f"Prevalensi tertinggi di {highest} ({fmt_percent(highest_value)})"
    if n_lokus == 0:
        return text
    if n_lokus == 1:
        where = "berada di atas" if n_above else "tidak di atas"
        return f"{text}; lokus {where} angka {word('kabkota')} ({fmt_percent(city)})"
    return f"{text}; {n_above} dari {n_lokus} lokus di atas angka {word('kabkota')} ({fmt_percent(city)})"


def lokus_target_headline(
    n_below: int,
    n_assessed: int,
    indicator: str | None,
    only_lokus: str | None = None,
    *,
    n_hanya_persen: int = 0,
) -> str:
    """The intervention that most lokus miss: ``3 dari 7 lokus belum mencapai target …``.

    ``n_assessed`` lokus had coverage and a target for it; ``only_lokus`` names the lokus when
    there is just one; ``n_hanya_persen`` of the assessed values were bare percentages, which
    the headline says (``(nilai hanya persen)`` or ``(2 nilai hanya persen)``).
    """
    if indicator is None or n_assessed == 0:
        return "Belum ada data cakupan intervensi bertarget untuk lokus"
    name = lower_first(indicator)
    if n_below == 0:
        if only_lokus:
            return f"Lokus {only_lokus} mencapai target setiap intervensi yang dinilai"
        return f"Semua {n_assessed} lokus mencapai target setiap intervensi yang dinilai"
    mark = ""
    if n_hanya_persen:
        some = "" if n_hanya_persen == n_assessed else f"{n_hanya_persen} "
        mark = f" ({some}nilai hanya persen)"
    if only_lokus:
        return f"Lokus {only_lokus} belum mencapai target {name}{mark}"
    return f"{n_below} dari {n_assessed} lokus belum mencapai target {name}{mark}"


def lokus_progress_headline(
    lokus: tuple[float, float] | None,
    others: tuple[float, float] | None,
    since: str,
    verdicts: tuple[str | None, str | None] = (None, None),
) -> str:
    """Prevalence change in lokus against non-lokus since ``since`` (each a before/after pair
    over the kelurahan reporting in both periods); with ``verdicts`` (``analysis.change``, per
    group) each group's change is named by its verdict, the move in brackets."""
    if lokus is None and others is None:
        return f"Perubahan lokus dan bukan lokus belum dapat dihitung: data {since} tidak ada"
    parts = []
    for (label, pair), verdict in zip(
        (("lokus", lokus), ("bukan lokus", others)), verdicts, strict=True
    ):
        if pair is None:
            parts.append(f"di {label} belum ada data pembanding")
            continue
        word, size = direction(*pair)
        moved = "" if word == "tetap" else f" {size}"
        if verdict:
            parts.append(f"di {label} {verdict} ({word}{moved})")
            continue
        parts.append(f"di {label} {word}{moved}")
    return f"Sejak {since}, prevalensi stunting {parts[0]}, {parts[1]}"


def program_headline(n_gap_lokus: int, n_lokus: int, n_activities: int, tahun: int) -> str:
    """How many lokus have an intervention below target that no activity aims at."""
    if n_activities == 0:
        return f"Belum ada kegiatan tercatat untuk {tahun}"
    if n_lokus == 0:
        return f"{n_activities} kegiatan tercatat untuk {tahun}; belum ada lokus ditetapkan"
    if n_gap_lokus == 0:
        return "Setiap intervensi di bawah target di lokus sudah punya kegiatan"
    return (
        f"{n_gap_lokus} dari {n_lokus} lokus punya intervensi di bawah target "
        "tanpa kegiatan apa pun"
    )


def aksi_headline(view: AksiStatus) -> str:
    """The year's main aksi (the stages) on the view's date: how many are finished, which stage
    the year is in, and how many aksi (main and supporting, as the chart shows them) are late."""
    stage, when = view.stage, fmt_date(view.as_of)
    if stage is None:
        return f"Belum ada progres aksi konvergensi tercatat untuk {view.tahun}"
    if stage.semua_selesai:
        text = f"Per {when} ke-{stage.total} aksi utama konvergensi {view.tahun} selesai"
    else:
        text = (
            f"Per {when}: {stage.n_selesai} dari {stage.total} aksi utama {view.tahun} selesai; "
            f"tahap sekarang Aksi {stage.nomor} · {stage.aksi}"
        )
    late = [
        f"{n} aksi {jenis}"
        for n, jenis in ((view.n_late_main, "utama"), (view.n_late_support, "pendukung"))
        if n
    ]
    if late:
        text += f"; terlambat: {' dan '.join(late)}"
    return text


def recommendation_headline(
    tahun: int, n: int, kept: int, entering: Sequence[str], leaving: Sequence[str]
) -> str:
    """The recommended lokus of ``tahun`` compared with the current ones."""
    if n == 0:
        return f"Belum ada {word('unit')} yang dapat direkomendasikan sebagai lokus {tahun}"
    text = f"Rekomendasi lokus {tahun}: {n} {word('unit')}, {kept} tetap"
    if entering:
        text += f", {len(entering)} baru{_named(entering)}"
    if leaving:
        text += f"; {len(leaving)} keluar{_named(leaving)}"
    return text


def _named(names: Sequence[str], at_most: int = 3) -> str:
    """`` (a, b dan c)`` for a few names; more are left to the slide's table."""
    return f" ({join_names(names)})" if len(names) <= at_most else ""


def gap_action(  # noqa: PLR0913
    kelurahan: str,
    indicator: str,
    coverage: float,
    target: float,
    arah: str | None = None,
    *,
    hanya_persen: bool = False,
) -> str:
    """One priority action: a gap that no activity aims at (worded for either direction of
    the indicator); a value written as a bare percentage says 'hanya persen'."""
    only = "hanya persen; " if hanya_persen else ""
    return (
        f"{kelurahan}: {lower_first(indicator)} {fmt_against(coverage, target)} "
        f"({only}target {fmt_target(target, arah)}), belum ada kegiatan"
    )


def trust_headline(n_check: int, n_judged: int, rounds: str | None) -> str:
    """The trust slide's message: how many of the kelurahan stunting figures judged in both
    rounds (``n_judged``: kelurahan × series, reported and recomputed; ``rounds``, "Triwulan
    III 2025 → Triwulan IV 2025") are to check before they are read — Ringkasan's count
    (``analysis.jumps``); None for ``rounds`` when there is no previous round."""
    if rounds is None:
        return "Perubahan antarputaran belum dapat dinilai: belum ada putaran sebelumnya"
    if not n_check:
        return f"Tidak ada angka stunting {word('unit')} yang perlu dicek ({rounds})"
    return f"{n_check} dari {n_judged} angka stunting {word('unit')} perlu dicek sebelum dibaca ({rounds})"
