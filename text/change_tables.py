"""Display text of the changes a planner should check (``analysis.jumps``): the table of
Ringkasan, the lines of Profil and the Peta tooltip — both rounds' numerator and denominator
("12/240 → 30/250"), the change in points and why it is flagged."""

from __future__ import annotations

import pandas as pd

from analysis import schema as s
from analysis.change import MEMBAIK, MEMBURUK
from text.fmt import fmt_change, fmt_change_between, fmt_number, fmt_percent, fmt_period
from text.strings import t, word


def counts_text(x1: float, n1: float, x2: float, n2: float) -> str:
    """ "12/240 → 30/250": both rounds' numerator and denominator."""
    return f"{fmt_number(x1)}/{fmt_number(n1)} → {fmt_number(x2)}/{fmt_number(n2)}"


def rounds_text(before: str, after: str, short: bool = False) -> str:
    """ "Triwulan I 2024 → Triwulan II 2024" ("TW I 2024 → TW II 2024" when short)."""
    return f"{fmt_period(before, short)} → {fmt_period(after, short)}"


def reason_text(verdict: str, halved: bool, short: bool = False) -> str:
    """Why a change is flagged: the meaningful change, the halved denominator, or both
    (``short``: the table's wording, "penyebut ≤ ½ putaran lalu", which fits its column)."""
    reasons = []
    if verdict in (MEMBAIK, MEMBURUK):
        reasons.append(t("perubahan.reason_change", arah=verdict))
    if halved:
        reasons.append(t("perubahan.reason_halved_short" if short else "perubahan.reason_halved"))
    return "; ".join(reasons)


def change_line(row) -> str:
    """One flagged change in a sentence: rounds, counts, points and reason (a row of
    ``jumps.round_changes``, as a namedtuple or Series)."""
    return t(
        "perubahan.line",
        rounds=rounds_text(row.periode_awal, row.periode),
        counts=counts_text(row.pembilang_awal, row.penyebut_awal, row.pembilang, row.penyebut),
        poin=fmt_change(row.perubahan),
        reason=reason_text(row.arah_perubahan, bool(row.penyebut_separuh)),
    )


def to_check_table(
    rows: pd.DataFrame,
    kelurahan: pd.DataFrame,
    catalogue: pd.DataFrame,
    sources: dict[str, str] | None = None,
):
    """The flagged changes (``jumps.to_check``) as a table: kelurahan, kecamatan, indicator,
    source (its name from ``sources``; the indicator's catalogue source when ``rows`` has no
    ``sumber_data``), rounds, counts, change and reason (the short wording, to fit its column)."""
    kel = kelurahan.set_index(s.KODE_KELURAHAN)
    cat = catalogue.set_index(s.KODE)
    source = (
        rows[s.SUMBER_DATA]
        if s.SUMBER_DATA in rows.columns
        else rows[s.KODE_INDIKATOR].map(cat[s.SUMBER_DATA])
    )
    return pd.DataFrame(
        {
            word("Unit"): rows[s.KODE_WILAYAH].map(kel[s.KELURAHAN]).to_numpy(),
            "Kecamatan": rows[s.KODE_WILAYAH].map(kel[s.KECAMATAN]).to_numpy(),
            "Indikator": rows[s.KODE_INDIKATOR].map(cat[s.NAMA]).to_numpy(),
            "Sumber": [(sources or {}).get(str(c), str(c)) for c in source],
            "Periode": [
                rounds_text(a, b, short=True)
                for a, b in zip(rows["periode_awal"], rows[s.PERIODE], strict=True)
            ],
            "Pembilang/penyebut": [
                counts_text(*r)
                for r in zip(
                    rows["pembilang_awal"],
                    rows["penyebut_awal"],
                    rows[s.PEMBILANG],
                    rows[s.PENYEBUT],
                    strict=True,
                )
            ],
            "Perubahan": [fmt_change(v) for v in rows["perubahan"]],
            "Alasan": [
                reason_text(v, bool(h), short=True)
                for v, h in zip(rows["arah_perubahan"], rows["penyebut_separuh"], strict=True)
            ],
        }
    )


def map_note(row) -> str:
    """The map tooltip's lines about a kelurahan's change from the previous round, one per
    line: the counts and verdict, then "⚠ perlu dicek: …" when flagged."""
    lines = [
        t(
            "peta.tooltip_change",
            periode=fmt_period(row.periode_awal),
            counts=counts_text(row.pembilang_awal, row.penyebut_awal, row.pembilang, row.penyebut),
            poin=fmt_change(row.perubahan),
            verdict=row.arah_perubahan or t("peta.tooltip_untested"),
        )
    ]
    if row.perlu_dicek:
        reason = reason_text(row.arah_perubahan, bool(row.penyebut_separuh))
        lines.append(t("peta.tooltip_check", reason=reason))
    return "\n".join(lines)


def flag_note(row, indikator: str, sumber: str) -> str:
    """The map tooltip's lines on a flagged change of another indicator or source than the one
    shown (``jumps.for_meeting``): what, rounds with both counts, and why."""
    return t(
        "peta.tooltip_flag",
        indikator=indikator,
        sumber=sumber,
        rounds=rounds_text(row.periode_awal, row.periode, short=True),
        counts=counts_text(row.pembilang_awal, row.penyebut_awal, row.pembilang, row.penyebut),
        poin=fmt_change(row.perubahan),
        reason=reason_text(row.arah_perubahan, bool(row.penyebut_separuh)),
    )


def bare_note(before_period: str, before: float, after: float) -> str:
    """The map tooltip's lines on a change between bare percentages: stated, not judged."""
    return t(
        "peta.tooltip_bare",
        periode=fmt_period(before_period),
        a=fmt_percent(before),
        b=fmt_percent(after),
        poin=fmt_change_between(before, after),
    )


def split_notes(own: str | None, others: list[str]) -> tuple[str | None, str | None]:
    """The map's two texts of a kelurahan: the tooltip — the coloured series' own note in full
    (``own``, with its flag if any) and ONE line counting the ``others`` flags ("+2 perubahan lain
    perlu dicek — klik untuk rincian"), so it stays short enough to fit inside the map — and the
    details panel shown on click, with ``own`` and every other flag in full."""
    more = t("peta.tooltip_more", n=len(others)) if others else None
    tooltip = "\n".join(x for x in (own, more) if x) or None
    details = "\n".join(x for x in (own, *others) if x) or None
    return tooltip, details
