"""AppTest of the changes that mean something (issue #25 point 6) on the demo data: the list
of changes to check on Ringkasan, the verdict on the change cards, the flag on Profil and
the map tooltip — each checked against the counts stored in the database, judged with
``analysis.change`` (itself tested against hand-computed intervals)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.change import change_verdict
from services.reference import load_reference
from settings import REFERENCE_DIR
from tests.stored import values_db
from text.fmt import fmt_number

ROOT = Path(__file__).resolve().parent.parent
NAMES = load_reference(REFERENCE_DIR).kelurahan.set_index("kode_kelurahan")["kelurahan"].to_dict()
KELURAHAN = "kode_wilayah GLOB '31.72.[0-9][0-9].[0-9][0-9][0-9][0-9]'"


def open_page(at, page: str):
    at.run()
    at.switch_page(str(ROOT / page))
    at.run()
    assert not at.exception
    return at


def stunting_counts(db_url: str, periode: str) -> dict[str, tuple[float, float]]:
    """Per kelurahan code: Σ stunted, Σ measured (e-PPGBM) in ``periode``, straight from SQL."""
    con = values_db(db_url)
    rows = con.execute(
        "select kode_wilayah, sum(pembilang), sum(penyebut) from indicator_value where "
        f"kode_indikator='OUT01' and sumber_data='EPPGBM' and periode='{periode}' and {KELURAHAN} "
        "group by kode_wilayah"
    ).fetchall()
    con.close()
    return {code: (num, den) for code, num, den in rows}


@pytest.fixture(scope="module")
def flagged(demo_db) -> dict[str, str]:
    """Kelurahan name → "x1/n1 → x2/n2" of every stunting change from 2025-Q3 to 2025-Q4 that
    is meaningful (``change_verdict``, 2 points) or whose denominator halved; and the others."""
    before, after = stunting_counts(demo_db, "2025-Q3"), stunting_counts(demo_db, "2025-Q4")
    names = NAMES
    out = {}
    for code, (x2, n2) in after.items():
        x1, n1 = before[code]
        verdict = change_verdict(x1, n1, x2, n2, True, 2.0)
        counts = f"{fmt_number(x1)}/{fmt_number(n1)} → {fmt_number(x2)}/{fmt_number(n2)}"
        out[names[code]] = (counts, verdict != "tidak berubah bermakna" or n2 <= n1 / 2)
    return out


def recomputed_flags(db_url: str) -> dict[tuple[str, str], str]:
    """(kelurahan name, indicator code) → "x1/n1 → x2/n2" of every recomputed prevalence
    (``EPPGBM_HITUNG``) flagged between the last two weighing months up to 2025-12, straight
    from SQL and ``change_verdict``."""
    con = values_db(db_url)
    months = [m for (m,) in con.execute(
        "select distinct periode from indicator_value where sumber_data='EPPGBM_HITUNG' "
        "and periode <= '2025-12' order by periode"
    )]  # fmt: skip
    rows = con.execute(
        "select kode_wilayah, kode_indikator, periode, sum(pembilang), sum(penyebut) from "
        f"indicator_value where sumber_data='EPPGBM_HITUNG' and periode in (?, ?) and {KELURAHAN} "
        "group by kode_wilayah, kode_indikator, periode",
        months[-2:],
    ).fetchall()
    con.close()
    by_key: dict[tuple[str, str], dict[str, tuple[float, float]]] = {}
    for code, kode, periode, num, den in rows:
        by_key.setdefault((code, kode), {})[periode] = (num, den)
    out = {}
    for (code, kode), pair in by_key.items():
        if len(pair) < 2:
            continue
        (x1, n1), (x2, n2) = pair[months[-2]], pair[months[-1]]
        verdict = change_verdict(x1, n1, x2, n2, True, 2.0)
        if verdict != "tidak berubah bermakna" or n2 <= n1 / 2:
            counts = f"{fmt_number(x1)}/{fmt_number(n1)} → {fmt_number(x2)}/{fmt_number(n2)}"
            out[(NAMES[code], kode)] = counts
    return out


def test_ringkasan_lists_the_changes_a_meeting_checks(app, flagged, demo_db):
    """The expander lists exactly the kelurahan whose reported stunting change is meaningful
    or whose denominator halved, and the flagged recomputed prevalences (labelled with their
    own source, between weighing months), with both rounds' counts; of the other indicators
    only halved denominators; the change card states its verdict."""
    app.run()
    expected = {name: counts for name, (counts, flag) in flagged.items() if flag}
    label = next(e.label for e in app.expander if e.label.startswith("Perubahan yang perlu"))
    table = next(d.value for d in app.dataframe if "Alasan" in d.value.columns)
    assert label == f"Perubahan yang perlu dicek ({len(table)})"
    reported = table.loc[table["Sumber"] == "e-PPGBM"]
    stunting = reported.loc[reported["Indikator"] == "Prevalensi stunting balita"]
    assert dict(zip(stunting["Kelurahan"], stunting["Pembilang/penyebut"], strict=True)) == expected
    assert set(stunting["Periode"]) <= {"TW III 2025 → TW IV 2025"}
    names = load_reference(REFERENCE_DIR).indikator.set_index("kode")["nama"]
    recomputed = table.loc[table["Sumber"] == "e-PPGBM (dihitung ulang)"]
    assert recomputed_flags(demo_db) == {
        (r.Kelurahan, names[names == r.Indikator].index[0]): r._6 for r in recomputed.itertuples()
    }
    assert len(recomputed) and set(recomputed["Periode"]) == {"Feb 2025 → Agu 2025"}
    outcome = {"Prevalensi stunting balita", *names[names.index.str.startswith("OUT")]}
    rest = table.loc[~table["Indikator"].isin(outcome)]
    assert (rest["Alasan"].str.contains("penyebut ≤ ½ putaran lalu")).all()
    assert any(
        c.value.endswith("tidak didaftar di sini: lihat tabel perubahan di halaman Indikator.")
        for c in app.caption
    )
    assert any(
        "· membaik (uji Newcombe 95%, ≥ 2 poin)" in c.value
        or "· memburuk (uji Newcombe 95%, ≥ 2 poin)" in c.value
        or "· tidak berubah bermakna (uji Newcombe 95%, ≥ 2 poin)" in c.value
        for c in app.caption
    )


def test_profil_flags_the_kelurahan_with_both_rounds_counts(app, flagged, demo_db):
    """A flagged kelurahan's Profil warns with both rounds' counts, and its change card states
    the verdict of its counts since 2022-Q4; an unflagged one has no stunting warning."""
    name, (counts, _) = next((n, v) for n, v in sorted(flagged.items()) if v[1])
    open_page(app, "pages/profil.py")
    app.selectbox(key="kelurahan").select(name).run()
    assert not app.exception
    warnings = [w.value for w in app.warning if w.value.startswith("Perlu dicek")]
    assert any("Prevalensi stunting balita" in w and counts in w for w in warnings)
    code = next(c for c, n in NAMES.items() if n == name)
    (x1, n1), (x2, n2) = (stunting_counts(demo_db, p)[code] for p in ("2022-Q4", "2025-Q4"))
    verdict = change_verdict(x1, n1, x2, n2, True, 2.0)
    assert f"{verdict} (uji Newcombe 95%, ≥ 2 poin)" in [c.value for c in app.caption]
    calm = next(n for n, v in sorted(flagged.items()) if not v[1])
    app.selectbox(key="kelurahan").select(calm).run()
    stunting = [w.value for w in app.warning if "Prevalensi stunting balita" in w.value]
    assert not stunting


def test_profil_flags_a_recomputed_prevalence_with_its_source(app, demo_db):
    """A kelurahan whose recomputed prevalence is flagged between weighing months gets a
    warning naming the source "e-PPGBM (dihitung ulang)", with both months' counts."""
    (name, kode), counts = sorted(recomputed_flags(demo_db).items())[0]
    indikator = load_reference(REFERENCE_DIR).indikator.set_index("kode").loc[kode, "nama"]
    open_page(app, "pages/profil.py")
    app.selectbox(key="kelurahan").select(name).run()
    assert not app.exception
    want = f"Perlu dicek — {indikator} · e-PPGBM (dihitung ulang) · Februari 2025 → Agustus 2025: "
    shown = [w.value.replace("\\", "") for w in app.warning]  # markdown escapes dropped
    assert any(w.startswith(want) and counts in w for w in shown)


def test_map_tooltip_states_the_change_from_the_previous_round():
    """The map tooltip carries the change lines, escaped; without a note nothing is added."""
    import geopandas as gpd  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415
    from shapely.geometry import box  # noqa: PLC0415

    from charts.maps import MapData, features  # noqa: PLC0415

    areas = gpd.GeoDataFrame(
        {"kode_kelurahan": ["A", "B"], "kelurahan": ["Alfa", "Beta"], "kecamatan": ["K", "K"]},
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)],
    )
    values = pd.DataFrame(
        {
            "kode_kelurahan": ["A", "B"],
            "nilai": [12.0, 5.0],
            "pembilang": [30.0, 5.0],
            "penyebut": [250.0, 100.0],
            "catatan": [
                "Dari 2024: 12/240 → 30/250 (+7,0 poin, memburuk)\n⚠ perlu dicek: <b>",
                None,
            ],
        }
    )
    data = MapData(areas, values, "Prevalensi", "%", "e-PPGBM", [0, 20], ["#fff"],
                   frozenset(), "lokus")  # fmt: skip
    tips = features(data).set_index("kode_kelurahan")["tooltip"]
    assert (
        "<br>Dari 2024: 12/240 → 30/250 (+7,0 poin, memburuk)<br>⚠ perlu dicek: &lt;b&gt;"
        in (tips["A"])
    )
    assert "Dari" not in tips["B"]


def test_map_flag_note_names_indicator_source_and_both_counts():
    """A flagged change of another series than the one coloured: indicator and source, the
    rounds with both counts and the reason, one per line."""
    from types import SimpleNamespace  # noqa: PLC0415

    from text.change_tables import flag_note  # noqa: PLC0415

    row = SimpleNamespace(periode_awal="2025-02", periode="2025-08", pembilang_awal=25.0,
                          penyebut_awal=149.0, pembilang=2.0, penyebut=5.0, perubahan=23.2,
                          arah_perubahan="tidak berubah bermakna", penyebut_separuh=True)  # fmt: skip
    assert flag_note(row, "Prevalensi stunting balita", "e-PPGBM (dihitung ulang)") == (
        "⚠ perlu dicek · Prevalensi stunting balita\n"
        "e-PPGBM (dihitung ulang), Feb 2025 → Agu 2025:\n"
        "25/149 → 2/5 (+23,2 poin)\npenyebut turun ke separuh atau kurang"
    )


def test_change_texts_give_both_rounds_counts():
    """The tooltip lines, the Profil line and the table row of one flagged change."""
    import pandas as pd  # noqa: PLC0415

    from text.change_tables import change_line, map_note, to_check_table  # noqa: PLC0415

    rows = pd.DataFrame(
        {"kode_wilayah": ["31.72.01.1001"], "kode_indikator": ["OUT01"],
         "periode_awal": ["2024-Q1"], "periode": ["2024-Q2"], "pembilang_awal": [12.0],
         "penyebut_awal": [240.0], "pembilang": [30.0], "penyebut": [250.0],
         "perubahan": [7.0], "arah_perubahan": ["memburuk"], "penyebut_separuh": [False],
         "perlu_dicek": [True]}
    )  # fmt: skip
    row = next(rows.itertuples(index=False))
    assert map_note(row) == (
        "Dari Triwulan I 2024: 12/240 → 30/250\n+7,0 poin · memburuk\n"
        "⚠ perlu dicek: memburuk bermakna"
    )
    assert change_line(row) == (
        "Triwulan I 2024 → Triwulan II 2024: 12/240 → 30/250 (+7,0 poin) — memburuk bermakna"
    )
    halved = rows.assign(arah_perubahan=["tidak berubah bermakna"], penyebut_separuh=[True])
    ref = load_reference(REFERENCE_DIR)
    table = to_check_table(halved, ref.kelurahan, ref.indikator).iloc[0]
    assert table[["Indikator", "Periode", "Pembilang/penyebut", "Alasan"]].tolist() == [
        "Prevalensi stunting balita",
        "TW I 2024 → TW II 2024",
        "12/240 → 30/250",
        "penyebut ≤ ½ putaran lalu",  # the table's short wording, to fit its column
    ]


def test_the_practical_size_is_a_setting(monkeypatch):
    """``DASBOR_PERUBAHAN_POIN`` sets it; unset, unreadable or negative gives the default 2."""
    import settings  # noqa: PLC0415

    monkeypatch.delenv("DASBOR_PERUBAHAN_POIN", raising=False)
    assert settings.perubahan_poin() == 2.0
    for raw, expected in (("5", 5.0), ("0,5", 2.0), ("-1", 2.0), ("1.5", 1.5)):
        monkeypatch.setenv("DASBOR_PERUBAHAN_POIN", raw)
        assert settings.perubahan_poin() == expected, raw


def test_indikator_follows_the_practical_size_setting(app, monkeypatch):
    """With a practical size of 100 points no change can be called membaik or memburuk, and
    the caption says which size was used."""
    monkeypatch.setenv("DASBOR_PERUBAHAN_POIN", "100")
    open_page(app, "pages/indikator.py")
    app.multiselect(key="indikator").set_value(["OUT01"]).run()
    table = next(d.value for d in app.dataframe if "Penilaian" in d.value.columns)
    assert set(table["Penilaian"]) == {"tidak berubah bermakna"}
    assert any("paling sedikit 100 poin" in c.value for c in app.caption)


def test_map_tooltip_holds_one_flag_and_counts_the_others():
    """A kelurahan with its own flag and three flagged changes of other series: the tooltip holds
    the own flag in full and ONE line counting the other three (so it fits inside the map); the
    details panel shown on click holds all four in full. Without other flags no count line."""
    import geopandas as gpd  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415
    from shapely.geometry import box  # noqa: PLC0415

    from charts.maps import MapData, features  # noqa: PLC0415
    from text.change_tables import split_notes  # noqa: PLC0415

    own = "Dari Triwulan III 2025: 384/5.668 → 452/5.870\n+0,0 poin · tidak berubah bermakna"
    others = [
        f"⚠ perlu dicek · {what}\ne-PPGBM (dihitung ulang), Feb 2025 → Agu 2025:\n"
        f"25/149 → 3/5 (+43,2 poin)\nmemburuk bermakna"
        for what in ("Prevalensi stunting balita", "Prevalensi wasting", "Prevalensi underweight")
    ]
    own_flag = own + "\n⚠ perlu dicek: memburuk bermakna"
    tip, details = split_notes(own_flag, others)
    assert tip == own_flag + "\n+3 perubahan lain perlu dicek — klik untuk rincian"
    assert details == "\n".join([own_flag, *others])
    assert split_notes(own, []) == (own, own)
    assert split_notes(None, others[:1])[0] == "+1 perubahan lain perlu dicek — klik untuk rincian"
    assert split_notes(None, []) == (None, None)

    areas = gpd.GeoDataFrame(
        {"kode_kelurahan": ["A"], "kelurahan": ["Warakas"], "kecamatan": ["Tanjung Priok"]},
        geometry=[box(0, 0, 1, 1)],
    )
    values = pd.DataFrame({"kode_kelurahan": ["A"], "nilai": [7.7], "pembilang": [452.0],
                           "penyebut": [5870.0], "catatan": [tip], "rincian": [details]})  # fmt: skip
    data = MapData(areas, values, "Prevalensi", "%", "e-PPGBM", [0, 20], ["#fff"],
                   frozenset(), "lokus")  # fmt: skip
    html = features(data)["tooltip"].iloc[0]
    assert html.count("⚠ perlu dicek") == 1  # the own flag only
    assert "+3 perubahan lain perlu dicek — klik untuk rincian" in html
    assert "Prevalensi wasting" not in html and "Prevalensi underweight" not in html
    assert html.count("<br>") <= 8  # name, kecamatan, value, counts, 3 note lines, count, source
