"""Headline cards of the Ringkasan page as plain data (label, value, caption), built from an
``Overview`` without streamlit so the texts are unit-testable."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.overview import CoverageSummary, Overview
from ui.fmt import MISSING, fmt_change, fmt_number, fmt_percent, fmt_period
from ui.strings import t


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
    )
    return Card("card_prevalensi", t("card.prevalence"), fmt_percent(p.persen), caption)


def _change(o: Overview) -> Card:
    b = o.baseline
    caption = (
        t("card.change_caption", baseline=fmt_period(b.periode), value=fmt_percent(b.persen))
        if b
        else ""
    )
    return Card("card_perubahan", t("card.change"), fmt_change(o.change), caption)


def _survey(o: Overview) -> Card:
    sv = o.survey
    if sv is None:
        return Card("card_survei", t("card.survey"), t("card.no_data"), t("card.survey_none"))
    caption = t("card.survey_caption", periode=fmt_period(sv.periode), den=fmt_number(sv.penyebut))
    return Card("card_survei", t("card.survey"), fmt_percent(sv.persen), caption)


def _lokus(o: Overview, tahun: int) -> Card:
    suffix = "" if o.lokus_tahun in (tahun, None) else t("card.lokus_from", tahun=o.lokus_tahun)
    return Card(
        "card_lokus",
        t("card.lokus", tahun=tahun),
        fmt_number(o.n_lokus),
        t("card.lokus_caption", total=o.n_kelurahan, suffix=suffix),
    )


def _stage(o: Overview, tahun: int) -> Card:
    st_ = o.stage
    label = t("card.stage", tahun=tahun)
    if st_ is None:
        return Card("card_tahap", label, MISSING, t("card.stage_none"))
    value = (
        t("card.stage_done", total=st_.total)
        if st_.semua_selesai
        else t("card.stage_value", nomor=st_.nomor, total=st_.total)
    )
    return Card("card_tahap", label, value, f"{st_.aksi} · {st_.nama_kerangka}")


def _coverage(kelompok: str, summary: CoverageSummary | None) -> Card:
    label = t("card.coverage", kelompok=kelompok)
    if summary is None or summary.n_indikator == 0:
        return Card(f"card_{kelompok}", label, t("card.no_data"))
    caption = t(
        "card.coverage_caption",
        reached=summary.n_tercapai,
        with_target=summary.n_bertarget,
        target=fmt_percent(summary.rata_target),
    )
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
