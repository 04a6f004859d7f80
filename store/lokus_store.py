"""The lokus kelurahan per year (``Store`` inherits ``LokusStore``; tables ``lokus`` and
``lokus_penetapan``).

Two ways in: the reference file's ``lokus.csv``, synced at every start-up (``asal =
'referensi'``), and the Data Referensi page, where an editor sets a year's whole list
(``asal = 'pengguna'``). A year set in the app is marked in ``lokus_penetapan``: from then on
the start-up sync leaves that year alone, so a restart neither brings back a reference lokus
the user removed nor drops the user's. Every change made in the app is logged (who, when, the
list before → after)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, delete, insert, inspect, select

from analysis import schema as s
from store import audit_store as audit
from store import tables
from store.audit_store import log_event
from store.errors import writes

SYSTEM = "sistem"  # writes made by the app itself (start-up)
PENGGUNA = "pengguna"
REFERENSI = "referensi"


def _names(codes: Collection[str], names: Mapping[str, str]) -> str:
    """The kelurahan of ``codes`` by name (their code when unknown), sorted; "—" for none."""
    return ", ".join(sorted(names.get(c, c) for c in codes)) or "—"


def lokus_change(
    before: Mapping[str, str], after: Mapping[str, str], names: Mapping[str, str]
) -> str:
    """The audit description of a year's lokus going from ``before`` to ``after`` (code →
    dasar penetapan): the lists before → after, what was added and removed, and the dasar
    penetapan when it changed."""
    added, removed = set(after) - set(before), set(before) - set(after)
    text = f"{_names(before, names)} → {_names(after, names)}"
    parts = [f"ditambah: {_names(added, names)}"] if added else []
    parts += [f"dihapus: {_names(removed, names)}"] if removed else []
    if parts:
        text += f" ({'; '.join(parts)})"
    old, new = set(before.values()), set(after.values())
    if old != new and after:
        text += f"; dasar penetapan: {' / '.join(sorted(old)) or '—'} → {' / '.join(sorted(new))}"
    return text


class LokusStore:
    engine: Engine

    def lokus_years_set_in_app(self) -> pd.DataFrame:
        """The years whose lokus were set in the app: ``tahun``, ``diubah_pada``, ``diubah_oleh``."""
        p = tables.lokus_penetapan
        with self.engine.connect() as conn:
            return pd.read_sql(select(p).order_by(p.c.tahun), conn)

    @writes
    def sync_lokus(self, reference_lokus: pd.DataFrame) -> None:
        """Make the reference file's lokus the reference lokus of the years it lists — except
        the years whose lokus were set in the app, which keep exactly what was set there.

        Rows entered by users (``asal = 'pengguna'``) are never deleted; a reference row for a
        kelurahan a user already entered for that year is not added twice.
        """
        lokus = tables.lokus
        # A schema older than migration 19 (a start of an older version) has no such years.
        known = inspect(self.engine).has_table(tables.lokus_penetapan.name)
        with self.engine.connect() as conn:
            set_in_app = (
                set(conn.scalars(select(tables.lokus_penetapan.c.tahun))) if known else set()
            )
            stored = {
                (r.tahun, r.kode_kelurahan, r.dasar_penetapan)
                for r in conn.execute(select(lokus).where(lokus.c.asal == REFERENSI))
            }
        rows = [
            {
                s.TAHUN: int(r[s.TAHUN]),
                s.KODE_KELURAHAN: r[s.KODE_KELURAHAN],
                s.DASAR_PENETAPAN: r[s.DASAR_PENETAPAN],
                "asal": REFERENSI,
            }
            for _, r in reference_lokus.iterrows()
            if int(r[s.TAHUN]) not in set_in_app
        ]
        years = sorted({r[s.TAHUN] for r in rows})
        wanted = {(r[s.TAHUN], r[s.KODE_KELURAHAN], r[s.DASAR_PENETAPAN]) for r in rows}
        if wanted == {row for row in stored if row[0] in years}:
            return  # nothing to change: a start-up must not rewrite the database file
        with self.engine.begin() as conn:
            conn.execute(
                delete(lokus).where(lokus.c.tahun.in_(years) & (lokus.c.asal == REFERENSI))
            )
            kept = {
                (r.tahun, r.kode_kelurahan)
                for r in conn.execute(select(lokus.c.tahun, lokus.c.kode_kelurahan))
            }
            rows = [r for r in rows if (r[s.TAHUN], r[s.KODE_KELURAHAN]) not in kept]
            if rows:
                conn.execute(insert(lokus), rows)
            log_event(conn, SYSTEM, audit.LOKUS, "lokus referensi " + "–".join(dict.fromkeys(map(str, (years[0], years[-1])))),
                      f"{len(rows)} baris dari berkas referensi")  # fmt: skip

    def lokus(self) -> pd.DataFrame:
        """Lokus per year: ``tahun``, ``kode_kelurahan``, ``dasar_penetapan``, ``asal``."""
        query = select(tables.lokus).order_by(tables.lokus.c.tahun, tables.lokus.c.kode_kelurahan)
        with self.engine.connect() as conn:
            return pd.read_sql(query, conn)

    @writes
    def set_lokus(  # noqa: PLR0913
        self,
        tahun: int,
        codes: Collection[str],
        dasar_penetapan: str,
        oleh: str,
        names: Mapping[str, str] | None = None,
    ) -> bool:
        """Replace the lokus of ``tahun`` by ``codes`` (each with ``dasar_penetapan``), mark the
        year as set in the app and log the change (``names``: code → kelurahan name, for the
        log). Saving the list the year already has, with the same dasar penetapan, writes
        nothing and returns False; True when something was stored. An empty ``codes`` is a
        valid list: the year then has no lokus, and the reference file's do not come back."""
        tahun, dasar = int(tahun), dasar_penetapan.strip()
        after = dict.fromkeys(sorted(set(codes)), dasar)
        lokus, marks = tables.lokus, tables.lokus_penetapan
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            query = select(lokus.c.kode_kelurahan, lokus.c.dasar_penetapan)
            rows = conn.execute(query.where(lokus.c.tahun == tahun)).all()
            before = {code: dasar or "" for code, dasar in rows}
            marked = conn.scalar(select(marks.c.tahun).where(marks.c.tahun == tahun)) is not None
            if before == after and (marked or after):
                return False
            conn.execute(delete(lokus).where(lokus.c.tahun == tahun))
            if after:
                conn.execute(
                    insert(lokus),
                    [
                        {
                            s.TAHUN: tahun,
                            s.KODE_KELURAHAN: code,
                            s.DASAR_PENETAPAN: dasar,
                            "asal": PENGGUNA,
                        }
                        for code in after
                    ],  # fmt: skip
                )
            conn.execute(delete(marks).where(marks.c.tahun == tahun))
            conn.execute(insert(marks).values(tahun=tahun, diubah_pada=now, diubah_oleh=oleh))
            change = lokus_change(before, after, names or {})
            log_event(conn, oleh, audit.UBAH_LOKUS, f"lokus {tahun}", change, now)
        return True
