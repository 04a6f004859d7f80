"""The trust slide's pieces (``report.trust``) on a small hand-made frame: who is flagged, the
slide's table of at most five, the count of the rest and the headline."""

from __future__ import annotations

import pandas as pd

from report import narrative as n
from report import trust

CATALOGUE = pd.DataFrame({"kode": ["OUT01"], "satuan": ["persen"], "arah": ["rendah_baik"]})


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
    changes = trust.stunting_changes(_values(), set(names), CATALOGUE, "2025-Q4", 2.0)
    assert (changes.judged, len(changes.flagged)) == (8, 7)
    assert changes.rounds == "Triwulan III 2025 → Triwulan IV 2025"
    table = trust.changes_table(changes, names)
    assert list(table.columns) == ["Kelurahan", "TW III 2025", "TW IV 2025", "Perubahan", "Alasan"]
    assert list(table["Kelurahan"]) == ["Kel 1", "Kel 4", "Kel 5", "Kel 6", "Kel 7"]
    first = table.iloc[0].to_dict()
    assert (first["TW III 2025"], first["TW IV 2025"]) == ("10/100 (10,0%)", "30/100 (30,0%)")
    assert first["Alasan"] == "memburuk bermakna"
    assert table.iloc[1]["TW IV 2025"] == "100/1.000 (10,0%)"
    full = trust.changes_full(changes, names)
    assert list(full["Kelurahan"]) == [f"Kel {i}" for i in (1, 4, 5, 6, 7, 8, 3)]
    halved = full.set_index("Kelurahan").loc["Kel 3"]
    assert halved["Alasan"] == "penyebut turun ke separuh atau kurang"
    assert (halved["Balita diukur awal"], halved["Balita diukur"]) == (1000, 400)
    assert trust.more_point(changes) == (
        "Dan 2 kelurahan lain perlu dicek: daftar lengkap di laporan PDF dan tabel Excel",
    )
    assert n.trust_headline(len(changes.flagged), changes.judged, changes.rounds) == (
        "7 dari 8 kelurahan: angka stunting perlu dicek sebelum dibaca "
        "(Triwulan III 2025 → Triwulan IV 2025)"
    )


def test_first_round_has_nothing_to_compare():
    """With one round only nothing is judged and the headline says so."""
    one = _values().query("periode == '2025-Q3'")
    changes = trust.stunting_changes(one, {"K1"}, CATALOGUE, "2025-Q3", 2.0)
    assert (changes.before, changes.judged, changes.rounds) == (None, 0, None)
    assert trust.changes_table(changes, {}).empty and trust.more_point(changes) == ()
