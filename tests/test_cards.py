"""Headline card texts of the Ringkasan page, from a hand-made Overview."""

from __future__ import annotations

import pandas as pd

from analysis.aksi import Stage
from analysis.overview import Change, CoverageSummary, Overview, Ratio
from ui.cards import headline_cards


def overview(**changes) -> Overview:
    base = dict(
        periode_diminta="2024-Q2",
        periode="2024-Q2",
        prevalence=Ratio("2024-Q2", 123.0, 1000.0),
        n_melapor=29,
        change=Change(Ratio("2022-Q2", 150.0, 1000.0), Ratio("2024-Q2", 123.0, 1000.0), 29),
        survey=Ratio("2024", 90.0, 600.0),
        lokus_tahun=2022,
        n_lokus=7,
        n_kelurahan=31,
        stage=Stage(2024, "8AKSI", "8 Aksi", 4, 8, "Peraturan Wali Kota", 3, False),
        stage_error=None,
        spesifik=CoverageSummary("spesifik", "2024-Q2", 9, 9, 4, 81.25, 84.5),
        sensitif=CoverageSummary("sensitif", "2024-Q2", 11, 5, 1, 70.0, 90.0),
        ranking=pd.DataFrame(),
        trend=pd.DataFrame(),
    )
    return Overview(**{**base, **changes})


def texts(o: Overview, tahun: int = 2024):
    outcome, process = headline_cards(o, tahun)
    return {c.key: (c.label, c.value, c.caption) for c in [*outcome, *process]}


def test_full_overview_texts():
    """Every card shows its figure in Indonesian format with the counts behind it."""
    cards = texts(overview())
    assert cards["card_prevalensi"][1:] == (
        "12,3%",
        "123 dari 1.000 balita diukur · Triwulan II 2024 · 29 dari 31 kelurahan melapor",
    )
    assert cards["card_perubahan"][1] == "-2,7 poin"
    assert cards["card_perubahan"][2].startswith(
        "12,3% dibanding Triwulan II 2022 (15,0%), pada 29 kelurahan"
    )
    assert cards["card_survei"][1] == "15,0%" and "n = 600" in cards["card_survei"][2]
    assert cards["card_lokus"] == (
        "Kelurahan lokus 2024",
        "7",
        "dari 31 kelurahan (penetapan tahun 2022)",
    )
    assert cards["card_tahap"][1:] == ("Ke-4 dari 8", "Peraturan Wali Kota · 8 Aksi")
    assert cards["card_spesifik"][1:] == (
        "81,3%",
        "4 dari 9 indikator bertarget tercapai · rata-rata target 84,5% · Triwulan II 2024",
    )


def test_missing_pieces_say_so():
    """No data, no pair, no survey, no aksi rows and finished years each get their own text."""
    cards = texts(
        overview(
            prevalence=None, change=Change(None, None, 0), survey=None, stage=None, sensitif=None
        )
    )
    assert cards["card_prevalensi"][1] == "Tidak ada data"
    assert cards["card_perubahan"][1] == "–" and "2022" in cards["card_perubahan"][2]
    assert cards["card_survei"][2].startswith("Tidak ada data survei")
    assert cards["card_tahap"][1:] == ("–", "Belum ada data aksi untuk tahun ini.")
    assert cards["card_sensitif"][1] == "Tidak ada data"
    done = texts(
        overview(stage=Stage(2023, "8AKSI", "8 Aksi", 8, 8, "Reviu", 8, True), lokus_tahun=2023),
        2023,
    )
    assert done["card_tahap"][1] == "8 dari 8 selesai"
    assert done["card_lokus"][2] == "dari 31 kelurahan"


def test_baseline_year_and_stage_error():
    """In 2022 the change card says it is the base year; a framework error is shown as text."""
    cards = texts(
        overview(periode="2022-Q3", stage=None, stage_error="Kerangka 'X' tahun 2022 tidak ada"),
        2022,
    )
    assert cards["card_perubahan"][1] == "Tahun dasar"
    assert cards["card_tahap"][2] == "Kerangka 'X' tahun 2022 tidak ada"
