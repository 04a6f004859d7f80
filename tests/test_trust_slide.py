"""The trust slide's pieces (``report.trust``) on a small hand-made frame: who is flagged (the
reported and the recomputed series, each labelled with its source), the slide's table of at
most five, the count of the rest and the headline."""

from __future__ import annotations

import pandas as pd

from report import narrative as n
from report import trust

CATALOGUE = pd.DataFrame(
    {"kode": ["OUT01"], "satuan": ["persen"], "arah": ["rendah_baik"], "sumber_data": ["EPPGBM"],
     "kelompok": ["outcome"]}
)  # fmt: skip
SOURCES = {"EPPGBM": "e-PPGBM", "EPPGBM_HITUNG": "e-PPGBM (dihitung ulang)"}


def _values() -> pd.DataFrame:
    """Eight kelurahan, 2025-Q3 → 2025-Q4 stunted/measured:
    K1 10/100 → 30/100 (+20 points, significant: flagged, memburuk);
    K2 1/10 → 3/10 (+20 points on 10 children: not significant, not flagged);
    K3 100/1000 → 50/400 (12,5 − 10 = +2,5 points, not significant; 400 ≤ 1000/2: halved);
    K4–K8 200/1000 → 100/1000 (−10 points, significant: flagged, membaik)."""
    before = {"K1": (10, 100), "K2": (1, 10), "K3": (100, 1000)}
    after = {"K1": (30, 100), "K2": (3, 10), "K3": (50, 400)}
    for k in ("K4", "K5", "K6", "K7", "K8"):
        before[k], after[k] = (200, 1000), (100, 1000)
    rows = [
        (k, "OUT01", periode, x, d)
        for periode, counts in (("2025-Q3", before), ("2025-Q4", after))
        for k, (x, d) in counts.items()
    ]
    return pd.DataFrame(
        rows, columns=["kode_wilayah", "kode_indikator", "periode", "pembilang", "penyebut"]
    ).assign(sumber_data="EPPGBM")


def test_flagged_kelurahan_five_on_the_slide_and_the_rest_counted():
    """Seven of eight flagged (all but K2); the slide shows the five largest changes (K1 +20,
    then K4–K7 −10 by code), the Excel table all seven, one point counts the two left out."""
    names = {f"K{i}": f"Kel {i}" for i in range(1, 9)}
    changes = trust.stunting_changes(_values(), set(names), CATALOGUE, "2025-Q4", 2.0, SOURCES)
    assert (changes.judged, len(changes.flagged)) == (8, 7)
    assert changes.rounds == "Triwulan III 2025 → Triwulan IV 2025"
    table = trust.changes_table(changes, names)
    assert list(table.columns) == [
        "Kelurahan", "Sumber", "Putaran", "Sebelumnya", "Sekarang", "Perubahan", "Alasan"
    ]  # fmt: skip
    assert list(table["Kelurahan"]) == ["Kel 1", "Kel 4", "Kel 5", "Kel 6", "Kel 7"]
    first = table.iloc[0].to_dict()
    assert (first["Sumber"], first["Putaran"]) == ("e-PPGBM", "TW III 2025 → TW IV 2025")
    assert (first["Sebelumnya"], first["Sekarang"]) == ("10/100 (10,0%)", "30/100 (30,0%)")
    assert first["Alasan"] == "memburuk bermakna"
    assert table.iloc[1]["Sekarang"] == "100/1.000 (10,0%)"
    full = trust.changes_full(changes, names)
    assert list(full["Kelurahan"]) == [f"Kel {i}" for i in (1, 4, 5, 6, 7, 8, 3)]
    halved = full.set_index("Kelurahan").loc["Kel 3"]
    assert halved["Alasan"] == "penyebut turun ke separuh atau kurang"
    assert (halved["Balita diukur awal"], halved["Balita diukur"]) == (1000, 400)
    assert trust.more_point(changes) == (
        "Dan 2 kelurahan lain perlu dicek: daftar lengkap di laporan PDF dan tabel Excel",
    )
    assert n.trust_headline(len(changes.flagged), changes.judged, changes.rounds) == (
        "7 dari 8 angka stunting kelurahan perlu dicek sebelum dibaca "
        "(Triwulan III 2025 → Triwulan IV 2025)"
    )


def test_first_round_has_nothing_to_compare():
    """With one round only nothing is judged and the headline says so."""
    one = _values().query("periode == '2025-Q3'")
    changes = trust.stunting_changes(one, {"K1"}, CATALOGUE, "2025-Q3", 2.0, SOURCES)
    assert (changes.before, changes.judged, changes.rounds) == (None, 0, None)
    assert trust.changes_table(changes, {}).empty and trust.more_point(changes) == ()


def _recomputed(x1: int, n1: int, x2: int, n2: int, kelurahan: str = "K1") -> pd.DataFrame:
    """One kelurahan's stunting recomputed from the records, July → August 2025."""
    return pd.DataFrame(
        {"kode_wilayah": [kelurahan] * 2, "kode_indikator": ["OUT01"] * 2,
         "periode": ["2025-07", "2025-08"], "pembilang": [x1, x2], "penyebut": [n1, n2],
         "sumber_data": ["EPPGBM_HITUNG"] * 2}
    )  # fmt: skip


def test_recomputed_flag_is_counted_and_labelled_with_its_source():
    """The walk-through's Warakas: recomputed 25/149 → 3/5 in August 2025. By hand: Wilson 95%
    of 25/149 = (0,1163; 0,2360), of 3/5 = (0,2307; 0,8824); difference 0,6 − 0,1678 = +0,4322,
    Newcombe lower bound 0,4322 − √((0,6 − 0,2307)² + (0,2360 − 0,1678)²) = 0,4322 − 0,3755 =
    +0,057 > 0 and +43,2 ≥ 2 points: memburuk; 5 ≤ 149/2: halved too. The reported series of
    K1, K2 (10/100 → 30/100 flagged; 1/10 → 3/10 not) is judged on its own (Q3 → Q4), never
    paired with the recomputed one: 2 of 3 figures flagged, the reported first (Ringkasan's
    order), the recomputed one labelled "e-PPGBM (dihitung ulang)" on the slide and in the
    PDF/Excel list."""
    reported = _values().query("kode_wilayah in ['K1', 'K2']")
    values = pd.concat([reported, _recomputed(25, 149, 3, 5)], ignore_index=True)
    names = {"K1": "Warakas", "K2": "Kel 2"}
    changes = trust.stunting_changes(values, set(names), CATALOGUE, "2025-Q4", 2.0, SOURCES)
    assert (changes.judged, len(changes.flagged)) == (3, 2)
    assert changes.rounds == (
        "e-PPGBM: TW III 2025 → TW IV 2025; e-PPGBM (dihitung ulang): Jul 2025 → Agu 2025"
    )
    table = trust.changes_table(changes, names)
    assert list(table["Sumber"]) == ["e-PPGBM", "e-PPGBM (dihitung ulang)"]
    warakas = table.iloc[1].to_dict()
    assert warakas["Kelurahan"] == "Warakas"
    assert warakas["Putaran"] == "Jul 2025 → Agu 2025"
    assert (warakas["Sebelumnya"], warakas["Sekarang"]) == ("25/149 (16,8%)", "3/5 (60,0%)")
    assert warakas["Perubahan"].startswith("+43,2")
    assert warakas["Alasan"] == "memburuk bermakna; penyebut turun ke separuh atau kurang"
    full = trust.changes_full(changes, names)
    assert list(full["Sumber"]) == ["e-PPGBM", "e-PPGBM (dihitung ulang)"]
    assert list(full.iloc[1][["Balita stunting awal", "Balita diukur awal"]]) == [25, 149]
    assert n.trust_headline(len(changes.flagged), changes.judged, changes.rounds).startswith(
        "2 dari 3 angka stunting kelurahan perlu dicek sebelum dibaca (e-PPGBM: TW III 2025"
    )


def test_recomputed_noise_is_not_flagged():
    """Recomputed 20/150 → 21/150 (13,3% → 14,0%, +0,7 points < 2): tidak berubah bermakna, the
    denominator unchanged — judged, not flagged."""
    changes = trust.stunting_changes(
        _recomputed(20, 150, 21, 150), {"K1"}, CATALOGUE, "2025-Q4", 2.0, SOURCES
    )
    assert (changes.judged, len(changes.flagged)) == (1, 0)
    assert changes.rounds == "Juli 2025 → Agustus 2025"
