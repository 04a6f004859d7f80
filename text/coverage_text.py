"""Coverage of measurement (``analysis.measure_coverage``) as text beside a recomputed
prevalence: "83,3%", "72,0% ⚠ rendah", "97,0% ✓ terpercaya", or "sasaran tidak tersedia"."""

from __future__ import annotations

import pandas as pd

from analysis import schema as s
from text.fmt import fmt_number, fmt_percent
from text.strings import t


def coverage_label(persen: float, pita: str, tanpa_sasaran: int = 0, sasaran_ds: int = 0) -> str:
    """One coverage with its band's mark, and "(S dari D/S)" when (some of) its sasaran is the
    S of D/S rather than SAS06; without a (complete) sasaran the reason, naming how many
    measured kelurahan lack one when it is more than a single kelurahan's own figure."""
    if pita == "tanpa_sasaran" or pd.isna(persen):
        if tanpa_sasaran > 1:
            return t("ukur.cov_tanpa_n", n=fmt_number(tanpa_sasaran))
        return t("ukur.cov_tanpa_sasaran")
    mark = t(f"ukur.cov_{pita}")
    ds = t("ukur.cov_ds") if sasaran_ds else ""
    return " ".join(part for part in (fmt_percent(persen), mark, ds) if part)


def coverage_column(kode_wilayah: pd.Series, coverage: pd.DataFrame) -> list[str]:
    """The coverage label of each wilayah code (``coverage`` from
    ``analysis.measure_coverage.measurement_coverage``); "sasaran tidak tersedia" for a
    wilayah it does not hold."""
    by_code = coverage.set_index(s.KODE_WILAYAH)
    labels = []
    for kode in kode_wilayah:
        if kode in by_code.index:
            row = by_code.loc[kode]
            labels.append(
                coverage_label(
                    row["cakupan_ukur"], row["pita"], row["tanpa_sasaran"], row["sasaran_ds"]
                )
            )
        else:
            labels.append(t("ukur.cov_tanpa_sasaran"))
    return labels


def with_coverage(table: pd.DataFrame, prev: pd.DataFrame, coverage: pd.DataFrame) -> pd.DataFrame:
    """``text.tables.prevalence_table`` of ``prev`` with the column "Cakupan pengukuran"
    beside the prevalence (the table keeps ``prev``'s rows highest first, so the codes are
    taken in that order)."""
    rows = prev.sort_values("persen", ascending=False)
    labels = coverage_column(rows[s.KODE_WILAYAH], coverage)
    at = (
        list(table.columns).index("Prevalensi") + 1 if "Prevalensi" in table else len(table.columns)
    )
    out = table.copy()
    out.insert(at, t("ukur.cov_column"), labels)
    return out


def coverage_card(row: pd.Series | None) -> tuple[str, str]:
    """(value, caption) of the Pengukuran card of the area's coverage."""
    if row is None:
        return "–", t("ukur.cov_tanpa_sasaran")
    label = coverage_label(row["cakupan_ukur"], row["pita"], row["tanpa_sasaran"])
    if pd.isna(row["cakupan_ukur"]):
        return "–", t("ukur.cov_card_none", diukur=fmt_number(row["diukur"]), pita=label)
    caption = t(
        "ukur.cov_card_caption",
        diukur=fmt_number(row["diukur"]),
        sasaran=fmt_number(row["sasaran"]),
        pita=t(f"ukur.cov_{row['pita']}"),
    ).strip()
    if row["sasaran_ds"]:
        caption += " · " + t("ukur.cov_ds_n", n=fmt_number(row["sasaran_ds"]))
    return fmt_percent(row["cakupan_ukur"]), caption
