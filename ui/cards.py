"""Headline cards as plain data (label, value, caption), built without streamlit so the texts
are unit-testable: the Ringkasan page's from an ``Overview``, the Profil Kelurahan page's from a
``ProfileView``."""

from __future__ import annotations

from dataclasses import dataclass

import settings
from analysis.change import change_verdict
from analysis.overview import BASELINE_YEAR, Change, CoverageSummary, Overview
from analysis.periods import period_year
from analysis.profile_view import ProfileView
from text.fmt import (
    MISSING,
    fmt_change,
    fmt_change_between,
    fmt_number,
    fmt_percent,
    fmt_period,
)
from text.strings import t


@dataclass(frozen=True)
class Card:
    key: str
    label: str
    value: str
    caption: str = ""


def _prevalence(o: Overview) -> Card:
    p = o.prevalence
    if p is None:
        return Card("card_prevalensi", t("card.prevalence"), t("card.no_data"))
    caption = t(
        "card.prevalence_caption",
        num=fmt_number(p.pembilang),
        den=fmt_number(p.penyebut),
        periode=fmt_period(p.periode),
        n=o.n_melapor,
        total=o.n_kelurahan,
    )
    return Card("card_prevalensi", t("card.prevalence"), fmt_percent(p.persen), caption)


def _change(o: Overview) -> Card:
    label = t("card.change")
    if o.periode is not None and period_year(o.periode) == BASELINE_YEAR:
        return Card(
            "card_perubahan", label, t("card.change_base_year"), t("card.change_base_caption")
        )
    c = o.change
    if c.baseline is None or c.current is None:
        return Card("card_perubahan", label, MISSING, t("card.change_none"))
    caption = t(
        "card.change_caption",
        now=fmt_percent(c.current.persen),
        baseline=fmt_period(c.baseline.periode),
        value=fmt_percent(c.baseline.persen),
        n=c.n_wilayah,
    )
    shown = fmt_change_between(c.baseline.persen, c.current.persen)  # as the caption's figures
    verdict = verdict_text(c)
    return Card("card_perubahan", label, shown, f"{caption} · {verdict}" if verdict else caption)


def verdict_text(c: Change) -> str:
    """``membaik (uji Newcombe 95%, ≥ 2 poin)``: the verdict of a change in stunting (lower
    is better) by ``analysis.change``; "" without both counts."""
    if c.baseline is None or c.current is None:
        return ""
    a, b, poin = c.baseline, c.current, settings.perubahan_poin()
    verdict = change_verdict(a.pembilang, a.penyebut, b.pembilang, b.penyebut, True, poin)
    return t("card.change_verdict", verdict=verdict, poin=f"{poin:g}") if verdict else ""


def _survey(o: Overview) -> Card:
    sv = o.survey
    if sv is None:
        return Card("card_survei", t("card.survey"), t("card.no_data"), t("card.survey_none"))
    caption = t("card.survey_caption", periode=fmt_period(sv.periode), den=fmt_number(sv.penyebut))
    return Card("card_survei", t("card.survey"), fmt_percent(sv.persen), caption)


def _lokus(o: Overview, tahun: int) -> Card:
    suffix = "" if o.lokus_tahun in (tahun, None) else t("card.lokus_from", tahun=o.lokus_tahun)
    caption = t("card.lokus_caption", total=o.n_kelurahan, suffix=suffix)
    return Card("card_lokus", t("card.lokus", tahun=tahun), fmt_number(o.n_lokus), caption)


def _stage(o: Overview, tahun: int) -> Card:
    stage = o.stage
    label = t("card.stage", tahun=tahun)
    if stage is None:
        return Card("card_tahap", label, MISSING, o.stage_error or t("card.stage_none"))
    if stage.semua_selesai:
        value = t("card.stage_done", total=stage.total)
    else:
        value = t("card.stage_value", nomor=stage.nomor, total=stage.total)
    return Card("card_tahap", label, value, f"{stage.aksi} · {stage.nama_kerangka}")


def _coverage(kelompok: str, summary: CoverageSummary | None) -> Card:
    label = t("card.coverage", kelompok=kelompok)
    if summary is None or summary.n_indikator == 0:
        return Card(f"card_{kelompok}", label, t("card.no_data"))
    caption = t(
        "card.coverage_caption",
        reached=summary.n_tercapai,
        with_target=summary.n_bertarget,
        target=fmt_percent(summary.rata_target),
        periode=fmt_period(summary.periode),
    )
    if summary.n_hanya_persen:
        caption += t("card.coverage_percent_only", n=summary.n_hanya_persen)
    return Card(f"card_{kelompok}", label, fmt_percent(summary.rata_cakupan), caption)


def headline_cards(o: Overview, tahun: int) -> tuple[list[Card], list[Card]]:
    """Two rows: outcome (prevalence, change, survey) and process (lokus, aksi, coverage)."""
    outcome = [_prevalence(o), _change(o), _survey(o)]
    process = [
        _lokus(o, tahun),
        _stage(o, tahun),
        _coverage("spesifik", o.spesifik),
        _coverage("sensitif", o.sensitif),
    ]
    return outcome, process


def _card(label: str, value: str, caption: str) -> Card:
    return Card(f"profil_{label[:12]}", label, value, caption)


def profile_cards(v: ProfileView) -> list[Card]:
    """Prevalence (against the city), change since the baseline, priority rank and indeks
    konvergensi of one kelurahan."""
    prevalence = t(
        "profil.prevalence_caption",
        num=fmt_number(v.pembilang),
        den=fmt_number(v.penyebut),
        kota=fmt_percent(v.kota),
    )
    priority = t(
        "profil.priority_caption",
        skor=fmt_number(v.score, 1),
        prev_rank=MISSING if v.prevalence_rank is None else v.prevalence_rank,
        total=v.n_scored,
    )
    index = t(
        "profil.index_caption", reached=v.reached, assessed=v.assessed, rate=fmt_percent(v.rate)
    )
    return [
        _card(t("profil.prevalence"), fmt_percent(v.prevalence), prevalence),
        _card(t("profil.change"), fmt_change(v.change), verdict_text(v.change_counts)),
        _card(
            t("profil.priority"),
            t("profil.priority_value", rank=v.rank, total=v.n_scored),
            priority,
        ),  # fmt: skip
        _card(t("profil.index"), fmt_percent(v.index, 0), index),
    ]
