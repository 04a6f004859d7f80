"""The slides' generated headlines: hand-built figures, exact Indonesian sentences."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from report import narrative as n
from text.fmt import join_names


def test_prevalence_falling():
    """A fall is worded with both figures and both periods, the Indonesian way."""
    assert (
        n.prevalence_headline(18.456, "2022-Q4", 14.2, "2025-Q4")
        == "Prevalensi stunting turun dari 18,5% (Triwulan IV 2022) menjadi 14,2% (Triwulan IV 2025)"
    )


def test_prevalence_rising():
    """A rise says ``naik``."""
    assert (
        n.prevalence_headline(10.0, "2022-08", 11.25, "2025-08")
        == "Prevalensi stunting naik dari 10,0% (Agustus 2022) menjadi 11,3% (Agustus 2025)"
    )


def test_prevalence_steady_when_the_change_rounds_to_zero():
    """A change below 0,05 points is ``tetap``."""
    assert (
        n.prevalence_headline(12.03, "2022-Q4", 12.0, "2025-Q4")
        == "Prevalensi stunting tetap 12,0% sejak Triwulan IV 2022"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            (None, None, None, "2025-Q4"),
            "Belum ada data prevalensi stunting untuk Triwulan IV 2025",
        ),
        (
            (None, None, 9.04, "2025-Q4"),
            "Prevalensi stunting Triwulan IV 2025: 9,0% (belum ada data pembanding tahun dasar)",
        ),
    ],
)
def test_prevalence_missing_data(args, expected):
    """Missing figures are said to be missing, never guessed."""
    assert n.prevalence_headline(*args) == expected


def test_lokus_target_counts():
    """``3 dari 7 lokus belum mencapai target …``, the name's first letter lowered."""
    assert (
        n.lokus_target_headline(3, 7, "Ibu hamil mengonsumsi TTD minimal 90 tablet")
        == "3 dari 7 lokus belum mencapai target ibu hamil mengonsumsi TTD minimal 90 tablet"
    )


def test_lokus_target_single_lokus_and_none_below():
    """One lokus is named; every lokus on target gets its own sentence; no data is said."""
    assert n.lokus_target_headline(1, 1, "TTD remaja putri", "Warakas") == (
        "Lokus Warakas belum mencapai target TTD remaja putri"
    )
    assert n.lokus_target_headline(0, 1, "X", "Warakas") == (
        "Lokus Warakas mencapai target setiap intervensi yang dinilai"
    )
    assert n.lokus_target_headline(0, 7, "X") == (
        "Semua 7 lokus mencapai target setiap intervensi yang dinilai"
    )
    assert n.lokus_target_headline(0, 0, None) == (
        "Belum ada data cakupan intervensi bertarget untuk lokus"
    )


def test_lokus_progress():
    """Both groups' changes with their direction; a missing pair is named."""
    assert n.lokus_progress_headline((13.2, 7.87), (9.3, 9.3), "Triwulan IV 2022") == (
        "Sejak Triwulan IV 2022, prevalensi stunting di lokus turun 5,3 poin, di bukan lokus tetap"
    )
    assert n.lokus_progress_headline(None, (9.0, 9.5), "2022") == (
        "Sejak 2022, prevalensi stunting di lokus belum ada data pembanding, "
        "di bukan lokus naik 0,5 poin"
    )
    assert n.lokus_progress_headline(None, None, "Triwulan IV 2022") == (
        "Perubahan lokus dan bukan lokus belum dapat dihitung: data Triwulan IV 2022 tidak ada"
    )


def test_map_headline():
    """The highest kelurahan, and how many lokus lie above the city figure."""
    assert n.map_headline("Kalibaru", 24.06, 5, 7, 17.96) == (
        "Prevalensi tertinggi di Kalibaru (24,1%); 5 dari 7 lokus di atas angka kota (18,0%)"
    )
    assert n.map_headline("Kalibaru", 24.06, 0, 1, 17.96) == (
        "Prevalensi tertinggi di Kalibaru (24,1%); lokus tidak di atas angka kota (18,0%)"
    )
    assert n.map_headline(None, None, 0, 7, float("nan")) == (
        "Belum ada data prevalensi per kelurahan untuk dipetakan"
    )


def test_program_headline():
    """Gaps without activities, or their absence, or no activities at all."""
    assert n.program_headline(3, 7, 40, 2025) == (
        "3 dari 7 lokus punya intervensi di bawah target tanpa kegiatan apa pun"
    )
    assert n.program_headline(0, 7, 40, 2025) == (
        "Setiap intervensi di bawah target di lokus sudah punya kegiatan"
    )
    assert n.program_headline(0, 7, 0, 2026) == "Belum ada kegiatan tercatat untuk 2026"


def _view(done: int, total: int, late: tuple[int, int], all_done: bool = False):
    """An ``AksiStatus`` on 31 December 2025 at stage 5 (Pembinaan KPM) of ``total``."""
    from analysis.aksi import AksiStatus, Stage

    stage = Stage(2025, "K", "Kerangka", 5, total, "Pembinaan KPM", done, all_done)
    return AksiStatus(2025, date(2025, 12, 31), pd.DataFrame(), stage if total else None, None,
                      *late)  # fmt: skip


def test_aksi_headline():
    """The date, finished main aksi, the current stage and the late ones (main and supporting,
    as the chart shows them)."""
    assert n.aksi_headline(_view(4, 8, (1, 0))) == (
        "Per 31 Desember 2025: 4 dari 8 aksi utama 2025 selesai; tahap sekarang Aksi 5 · "
        "Pembinaan KPM; terlambat: 1 aksi utama"
    )
    assert n.aksi_headline(_view(2, 4, (1, 2))).endswith(
        "; terlambat: 1 aksi utama dan 2 aksi pendukung"
    )
    assert n.aksi_headline(_view(8, 8, (0, 0), all_done=True)) == (
        "Per 31 Desember 2025 ke-8 aksi utama konvergensi 2025 selesai"
    )
    assert n.aksi_headline(_view(0, 0, (0, 0))) == (
        "Belum ada progres aksi konvergensi tercatat untuk 2025"
    )


def test_recommendation_headline_names_only_a_few():
    """Up to three names are listed; more are left to the table."""
    assert n.recommendation_headline(2026, 7, 5, ["Rorotan", "Koja"], ["A", "B"]) == (
        "Rekomendasi lokus 2026: 7 kelurahan, 5 tetap, 2 baru (Rorotan dan Koja); "
        "2 keluar (A dan B)"
    )
    assert n.recommendation_headline(2026, 7, 3, list("ABCD"), list("EFGH")) == (
        "Rekomendasi lokus 2026: 7 kelurahan, 3 tetap, 4 baru; 4 keluar"
    )
    assert n.recommendation_headline(2026, 0, 0, [], []) == (
        "Belum ada kelurahan yang dapat direkomendasikan sebagai lokus 2026"
    )


def test_gap_action_and_helpers():
    """A priority action reads for either direction; helpers join and lower as documented."""
    assert n.gap_action("Warakas", "Ibu hamil KEK mendapat tambahan asupan gizi", 61.04, 90) == (
        "Warakas: ibu hamil KEK mendapat tambahan asupan gizi 61,0% (target 90%), "
        "belum ada kegiatan"
    )
    assert join_names(["a", "b", "c"]) == "a, b dan c"
    assert n.lower_first("TTD remaja") == "TTD remaja"


def test_prevalence_headline_leads_with_the_verdict():
    """With a verdict the sentence names it; a change that is not meaningful is not called a
    fall (``analysis.change`` decides from the counts, the sentence only words it)."""
    assert n.prevalence_headline(10.2, "2022-Q4", 7.1, "2025-Q4", verdict="membaik") == (
        "Prevalensi stunting membaik: turun dari 10,2% (Triwulan IV 2022) menjadi 7,1% "
        "(Triwulan IV 2025)"
    )
    assert n.prevalence_headline(
        20.0, "2022-Q4", 50.0, "2025-Q4", verdict="tidak berubah bermakna"
    ) == (
        "Prevalensi stunting tidak berubah bermakna: 20,0% (Triwulan IV 2022) dan 50,0% "
        "(Triwulan IV 2025)"
    )


def test_lokus_progress_names_each_groups_verdict():
    """Each group's verdict, its move in brackets."""
    assert n.lokus_progress_headline(
        (13.2, 7.87), (9.3, 9.0), "Triwulan IV 2022", ("membaik", "tidak berubah bermakna")
    ) == (
        "Sejak Triwulan IV 2022, prevalensi stunting di lokus membaik (turun 5,3 poin), "
        "di bukan lokus tidak berubah bermakna (turun 0,3 poin)"
    )


def test_trust_headline():
    """The flagged figures are counted against those judged (kelurahan × series); none and no
    previous round are said."""
    assert n.trust_headline(2, 31, "TW III 2025 → TW IV 2025") == (
        "2 dari 31 angka stunting kelurahan perlu dicek sebelum dibaca (TW III 2025 → TW IV 2025)"
    )
    assert n.trust_headline(0, 31, "R") == "Tidak ada angka stunting kelurahan yang perlu dicek (R)"
    assert n.trust_headline(0, 0, None).startswith("Perubahan antarputaran belum")
