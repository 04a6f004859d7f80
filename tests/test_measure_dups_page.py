"""AppTest of issue #25 point 5 on the Pengukuran page: a child measured twice in a month listed
in the dry run by row numbers, and measuring position contradicting age on the quality tab."""

from __future__ import annotations

from tests.test_analysis_pages import open_page, table_with
from tests.test_measure_page import ukur_app  # noqa: F401 - the fixture
from tests.test_uploads import read_sql

NIK = "3172010101200001"


def test_quality_tab_counts_position_contradicting_age(app, demo_db):
    """The table of the city in August 2025 has the six age groups and all ages; its counts
    are those of the stored records (SQL: lying at 731 days or more, standing before 9 months
    = 9 × 30.4375 = 273.9 days, i.e. stored age < 274)."""
    open_page(app, "pages/pengukuran.py")
    table = table_with(app, "Berbaring, umur ≥ 24 bln")
    assert table["Kelompok umur (bulan)"].tolist() == [
        "0–5", "6–11", "12–23", "24–35", "36–47", "48–59", "Semua umur"
    ]  # fmt: skip
    where = "periode = '2025-08' and umur_hari <= 1826"
    sql = read_sql(
        demo_db,
        "select count(*) as n, "
        "sum(case when cara_ukur = 'L' and umur_hari >= 731 then 1 else 0 end) as lying, "
        "sum(case when cara_ukur = 'H' and umur_hari < 274 then 1 else 0 end) as standing "
        f"from pengukuran where {where}",
    ).iloc[0]
    total = table.iloc[-1]
    assert total["n"] == f"{int(sql['n']):,}".replace(",", ".")
    assert int(sql["lying"]) > 0  # the demo mistypes a few positions
    assert total["Berbaring, umur ≥ 24 bln"].split(" ")[0] == str(int(sql["lying"]))
    assert total["Berdiri, umur < 9 bln"].split(" ")[0] == str(int(sql["standing"]))
    # No lying-at-24 count below 24 months, no standing-before-9 count from 12 months.
    assert set(table["Berbaring, umur ≥ 24 bln"].iloc[:3]) == {"0"}
    assert set(table["Berdiri, umur < 9 bln"].iloc[2:6]) == {"0"}


def test_dry_run_lists_children_measured_twice_by_row(ukur_app):  # noqa: F811
    """Rows 2 and 4 share a NIK (row 4 measured later), rows 3 and 5 have no NIK and the same
    sex, birth date and kelurahan with heights 90.0/90.3 and weights 13.0/13.1; row 6 differs
    from row 5 by its birth date only (counted): 5 rows read, 2 not counted, 3 records kept;
    the lines name rows only, never the NIK."""
    at, _ = ukur_app
    lines = [
        "NIK;kelurahan;jenis_kelamin;tanggal_lahir;tanggal_ukur;tinggi_cm;berat_kg;cara_ukur",
        f"{NIK};Warakas;L;2023-02-10;2025-08-12;86,5;11,9;H",
        ";Warakas;P;2022-05-10;2025-08-12;90,0;13,0;H",
        f"{NIK};Warakas;L;2023-02-10;2025-08-20;86,9;12,0;H",
        ";Warakas;P;2022-05-10;2025-08-13;90,3;13,1;H",
        ";Warakas;P;2022-05-11;2025-08-13;90,3;13,1;H",
    ]
    content = ("\n".join(lines) + "\n").encode()
    at.file_uploader(key="ukur.file").set_value(("ganda.csv", content, "text/csv")).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Baris dibaca"] == "5" and metrics["Rekaman akan disimpan"] == "3"
    assert metrics["Baris dilewati"] == "2" and metrics["Peringatan"] == "2"
    [warning] = [w.value for w in at.warning if "tidak dihitung karena" in w.value]
    assert warning.startswith("**2 baris tidak dihitung")
    listed = next(m.value for m in at.markdown if m.value.startswith("- baris"))
    assert listed.split("\n") == [
        "- baris 2 = baris 4 (NIK sama) — baris 2 tidak dihitung",
        "- baris 3 = baris 5 (tanpa NIK: data anak sama, ukuran hampir sama) — baris 3 tidak "
        "dihitung",
    ]
    shown = " ".join(str(e.value) for e in [*at.markdown, *at.warning, *at.info, *at.caption])
    shown += " ".join(d.value.to_string() for d in at.dataframe)
    assert NIK not in shown and "2023-02-10" not in shown
