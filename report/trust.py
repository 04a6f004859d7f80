"""What the deck's third slide says about the stunting figure of the situation slide: the
kelurahan whose prevalence should be checked before it is read (``analysis.jumps``: a
meaningful change from the previous round or a halved denominator, both rounds' counts), how
completely the kelurahan reported (``analysis.completeness``) and the city's trajectory toward
the national target (``analysis.trajectory_view``), in one sentence.

Kept apart from the situation slide so that each slide fits a 1366×768 projector; the
functions take plain frames and return text or display tables, the deck assembles the slide.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import schema as s
from analysis.completeness import (
    DIUNGGAH,
    PERSEN_LENGKAP,
    PERSEN_TEPAT,
    completeness_by,
    kelurahan_reporting,
    reporting_matrix,
    upload_times,
)
from analysis.jumps import PERIODE_AWAL, kelurahan_changes, latest_round, meeting_checks
from analysis.reference import Reference
from analysis.trajectories import up_to_year
from analysis.trajectory_view import city_trajectories
from text.change_tables import reason_text, rounds_text
from text.fmt import fmt_change, fmt_number, fmt_percent, fmt_period
from text.strings import t, word
from text.trajectory_tables import trajectory_sentence

AT_MOST = 5  # flagged kelurahan shown on the slide; the PDF and Excel list them all


@dataclass(frozen=True)
class StuntingChanges:
    """The round in view against the previous one, per series (the reported e-PPGBM and the
    prevalence recomputed from the records, each on its own — ``analysis.jumps``):
    ``pairs`` (source name, previous round, this round) of each series judged, ``judged``
    (kelurahan × series judged in their latest round), ``flagged`` (Ringkasan's stunting rows
    of ``jumps.meeting_checks``, in its order, with the source's name in ``sumber``)."""

    periode: str
    pairs: tuple[tuple[str, str, str], ...]
    judged: int
    flagged: pd.DataFrame

    @property
    def before(self) -> str | None:
        """The reported series' previous round (the first series'); None without one."""
        return self.pairs[0][1] if self.pairs else None

    @property
    def rounds(self) -> str | None:
        """ "Triwulan III 2025 → Triwulan IV 2025" for one series, "e-PPGBM: TW III 2025 → TW IV
        2025; e-PPGBM (dihitung ulang): Jul 2025 → Agu 2025" for several; None without any."""
        if not self.pairs:
            return None
        if len(self.pairs) == 1:
            return rounds_text(self.pairs[0][1], self.pairs[0][2])
        return "; ".join(f"{name}: {rounds_text(a, b, short=True)}" for name, a, b in self.pairs)


def stunting_changes(
    values: pd.DataFrame, kelurahan: set[str], catalogue: pd.DataFrame, periode: str,
    min_points: float, sources: dict[str, str] | None = None,
) -> StuntingChanges:  # fmt: skip
    """The kelurahan's stunting changes into ``periode`` from every source's values ``values``
    (``Sources.values``: the reported series and the stored recomputed prevalence), by the
    same rule and series as Ringkasan (``jumps.kelurahan_changes`` + ``jumps.meeting_checks``),
    judged with ``min_points``; ``sources``: source code → name."""
    sources = sources or {}
    changes = kelurahan_changes(values, catalogue, kelurahan, min_points)
    listed, _ = meeting_checks(changes, catalogue, periode, kelurahan) if len(changes) else (
        changes, 0)  # fmt: skip
    flagged = listed.loc[listed[s.KODE_INDIKATOR] == s.IND_STUNTING].reset_index(drop=True)
    flagged = flagged.assign(sumber=[sources.get(c, c) for c in flagged[s.SUMBER_DATA]])
    judged = latest_round(changes, periode, kelurahan) if len(changes) else changes
    judged = judged.loc[judged[s.KODE_INDIKATOR] == s.IND_STUNTING]
    primary = catalogue.set_index(s.KODE)[s.SUMBER_DATA].get(s.IND_STUNTING)
    pairs = sorted(
        {(str(c), str(a), str(b)) for c, a, b in
         judged[[s.SUMBER_DATA, PERIODE_AWAL, s.PERIODE]].itertuples(index=False)},
        key=lambda x: (x[0] != primary, x[0]),
    )  # fmt: skip
    named = tuple((sources.get(c, c), a, b) for c, a, b in pairs)
    return StuntingChanges(periode, named, len(judged), flagged)


def _cell(x: float, n: float) -> str:
    """ "508/4.869 (10,4%)"."""
    return f"{fmt_number(x)}/{fmt_number(n)} ({fmt_percent(x / n * 100 if n else float('nan'))})"


def _reasons(rows: pd.DataFrame) -> list[str]:
    return [
        reason_text(v, bool(h))
        for v, h in zip(rows["arah_perubahan"], rows["penyebut_separuh"], strict=True)
    ]


def changes_table(changes: StuntingChanges, names: dict[str, str]) -> pd.DataFrame:
    """The slide's table: at most ``AT_MOST`` flagged kelurahan (Ringkasan's order), each with
    its source, its two rounds, each round's stunted/measured (prevalence) and why it is
    flagged."""
    rows = changes.flagged.head(AT_MOST)
    return pd.DataFrame(
        {
            word("Unit"): [names.get(c, c) for c in rows[s.KODE_WILAYAH]],
            "Sumber": rows["sumber"].to_numpy(),
            "Putaran": [rounds_text(a, b, short=True) for a, b in zip(rows[PERIODE_AWAL], rows[s.PERIODE], strict=True)],
            "Sebelumnya": [_cell(x, n) for x, n in zip(rows["pembilang_awal"], rows["penyebut_awal"], strict=True)],
            "Sekarang": [_cell(x, n) for x, n in zip(rows[s.PEMBILANG], rows[s.PENYEBUT], strict=True)],
            "Perubahan": [fmt_change(x) for x in rows["perubahan"]],
            "Alasan": _reasons(rows),
        }
    )  # fmt: skip


def changes_full(changes: StuntingChanges, names: dict[str, str]) -> pd.DataFrame:
    """Every flagged kelurahan with its source and both rounds' counts, for the PDF and
    Excel."""
    rows = changes.flagged
    return pd.DataFrame(
        {
            word("Unit"): [names.get(c, c) for c in rows[s.KODE_WILAYAH]],
            "Sumber": rows["sumber"].to_numpy(),
            "Periode awal": [fmt_period(p) for p in rows[PERIODE_AWAL]],
            "Balita stunting awal": rows["pembilang_awal"].to_numpy(),
            "Balita diukur awal": rows["penyebut_awal"].to_numpy(),
            "Periode": [fmt_period(p) for p in rows[s.PERIODE]],
            "Balita stunting": rows[s.PEMBILANG].to_numpy(),
            "Balita diukur": rows[s.PENYEBUT].to_numpy(),
            "Perubahan (poin)": rows["perubahan"].round(2).to_numpy(),
            "Alasan": _reasons(rows),
        }
    )


def more_point(changes: StuntingChanges) -> tuple[str, ...]:
    """ "Dan 3 kelurahan lainnya …" when the slide's table leaves some out."""
    more = len(changes.flagged) - AT_MOST
    return (t("pres.trust_more", n=more),) if more > 0 else ()


def trajectory_point(values: pd.DataFrame, ref: Reference, tahun: int) -> tuple[str, ...]:
    """ONE sentence on the city's trajectory, from its values up to ``tahun``: the survey
    (SSGI/SKI) where it has one — the national target (RPJMN) is set and measured on the
    survey's prevalence — else the register (e-PPGBM). Profil shows both side by side."""
    rows = city_trajectories(up_to_year(values, tahun), ref.kelurahan, ref.indikator,
                             ref.target_lain, ref.wilayah)  # fmt: skip
    if rows.empty:
        return ()
    survey = rows.loc[rows[s.SUMBER_DATA] == s.SUMBER_SURVEI]
    row = (survey if len(survey) else rows).iloc[0]
    names = ref.sumber_data.set_index(s.KODE)[s.NAMA]
    source = str(names.get(row[s.SUMBER_DATA], row[s.SUMBER_DATA]))
    return (trajectory_sentence(row, ref.wilayah.kind.capitalize(), source),)


def reporting_point(
    values: pd.DataFrame, datasets: pd.DataFrame | None, kelurahan: pd.DataFrame,
    periode: str | None, days: int,
) -> tuple[str, ...]:  # fmt: skip
    """ "Kelengkapan laporan …: kelurahan melapor lengkap 28/31 (…)" for ``periode``, with the
    completeness and on-time % (without the dataset list nothing is late); nothing without
    data of that period."""
    if not periode:
        return ()
    uploads = (
        upload_times(datasets)
        if datasets is not None and len(datasets)
        else pd.DataFrame({s.DATASET_ID: pd.Series(dtype=int), DIUNGGAH: pd.Series(dtype="M8[ns]")})
    )
    # Each period's expected reports depend on that period alone: build only this one's.
    matrix = reporting_matrix(values.loc[values[s.PERIODE] == periode], uploads, kelurahan, days)
    one = matrix
    if one.empty:
        return ()
    done, total = kelurahan_reporting(matrix, periode, len(kelurahan))
    city = completeness_by(one.assign(_kota=1), "_kota").iloc[0]
    return (
        t("lengkap.deck", n=done, total=total, periode=fmt_period(periode),
          lengkap=fmt_percent(city[PERSEN_LENGKAP]), tepat=fmt_percent(city[PERSEN_TEPAT])),
    )  # fmt: skip
