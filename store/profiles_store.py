"""Mapping profiles (``Store`` inherits ``ProfileStore``; table ``profil_pemetaan``, migration
15): the column and indicator-name choices made for one office's file, saved under a name and
found again by the file's header signature, so the next file with the same headers is read the
same way. Every save and delete is one transaction with its audit row.

A save may name the version (``versi``) its screen read (``seen``; 0: the screen saw no profile of
that name): a profile saved by someone else since makes the save fail with
``store.errors.EditConflict``, nothing written (``store.optimistic``); without ``seen`` the
profile is overwritten (the command line, an explicit overwrite)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError

from analysis.mapping import Mapping, mapping_from_json
from analysis.text_clean import clean_text
from store import audit_store as audit
from store import tables
from store.audit_store import log_event
from store.errors import EditConflict, writes
from store.optimistic import raise_conflicts, update_versioned

MAX_NAME = 100
PROFILE_COLUMNS = [
    "nama",
    "tanda_header",
    "n_kolom",
    "n_nama",
    "diubah_oleh",
    "diubah_pada",
    "versi",
]


def _normal(nama: str) -> str:
    return " ".join(str(clean_text(str(nama))).split())


def profile_name(nama: str) -> str:
    """A profile's name as stored (cleaned, spaces collapsed); ``ValueError`` when empty or
    too long."""
    name = _normal(nama)
    if not name or len(name) > MAX_NAME:
        raise ValueError(
            f"Nama profil pemetaan harus 1–{MAX_NAME} karakter, mis. 'Rekap Sudin Kesehatan'."
        )
    return name


def _compact(mapping: Mapping) -> str:
    """The mapping as one line of JSON, for the audit log."""
    return json.dumps(mapping.to_dict(), ensure_ascii=False, sort_keys=True)


class ProfileStore:
    engine: Engine

    @writes
    def save_mapping_profile(  # noqa: PLR0913
        self,
        nama: str,
        mapping: Mapping,
        tanda_header: str | None,
        oleh: str,
        seen: int | None = None,
    ) -> int:
        """Store ``mapping`` as profile ``nama`` (a new name is inserted, an existing one
        updated) keyed by ``tanda_header`` (``None`` keeps a stored profile's signature); return
        the profile's new version. ``ValueError`` for an empty mapping or a bad name;
        ``EditConflict`` when ``seen`` is given and the profile changed since (or, with
        ``seen=0``, was created by someone else since)."""
        name = profile_name(nama)
        if not mapping:
            raise ValueError("Pemetaan kosong: pilih peran kolom atau indikator dulu.")
        try:
            return self._save_profile(name, mapping, tanda_header, oleh, seen)
        except IntegrityError:  # the unique name: another save created the profile first
            if seen is not None:
                raise EditConflict(self._profile_rows(name)) from None
            return self._save_profile(name, mapping, tanda_header, oleh, seen)

    def _save_profile(  # noqa: PLR0913
        self, name: str, mapping: Mapping, tanda_header: str | None, oleh: str, seen: int | None
    ) -> int:
        t = tables.profil_pemetaan
        now = datetime.now(UTC)
        stamp = {"isi": mapping.to_json(), "diubah_oleh": oleh, "diubah_pada": now}
        with self.engine.begin() as conn:
            query = select(t.c.id, t.c.versi, t.c.tanda_header).where(t.c.nama == name)
            row = conn.execute(query).first()
            # A profile removed since the screen read it is saved again: nothing is lost.
            if row is None:
                conn.execute(
                    insert(t).values(
                        nama=name, tanda_header=tanda_header, versi=1, dibuat_oleh=oleh,
                        dibuat_pada=now, **stamp,
                    )
                )  # fmt: skip
                versi, what = 1, "baru"
            else:
                values = stamp | ({"tanda_header": tanda_header} if tanda_header else {})
                versions = None if seen is None else {row.id: seen}
                if not update_versioned(conn, t, row.id, values, versions):
                    raise_conflicts(conn, t, [row.id])
                versi = int(conn.scalar(select(t.c.versi).where(t.c.id == row.id)))
                what = f"versi {versi}"
                tanda_header = tanda_header or row.tanda_header
            detail = f"{what}; tanda header {tanda_header or '-'}; {_compact(mapping)}"
            log_event(conn, oleh, audit.SIMPAN_PEMETAAN, f"profil pemetaan {name}", detail, now)
        return versi

    def _profile_rows(self, name: str) -> pd.DataFrame:
        t = tables.profil_pemetaan
        with self.engine.connect() as conn:
            return pd.read_sql(select(t).where(t.c.nama == name), conn)

    @writes
    def delete_mapping_profile(self, nama: str, oleh: str, seen: int | None = None) -> bool:
        """Delete profile ``nama``; False when there is none. With ``seen``, a profile saved by
        someone else since raises ``EditConflict`` (nothing deleted)."""
        t = tables.profil_pemetaan
        name = _normal(nama)
        with self.engine.begin() as conn:
            row = conn.execute(select(t).where(t.c.nama == name)).first()
            if row is None:
                return False
            where = t.c.id == row.id
            if seen is not None:
                where &= t.c.versi == seen
            if conn.execute(delete(t).where(where)).rowcount != 1:
                raise_conflicts(conn, t, [row.id])
            detail = f"versi {row.versi}; {_compact(mapping_from_json(row.isi))}"
            log_event(conn, oleh, audit.HAPUS_PEMETAAN, f"profil pemetaan {name}", detail)
        return True

    def mapping_profiles(self) -> pd.DataFrame:
        """Every profile by name: ``nama``, ``tanda_header``, ``n_kolom`` and ``n_nama`` (how
        many column and indicator-name choices it holds), ``diubah_oleh``, ``diubah_pada``
        (UTC) and ``versi`` (what a screen passes back as ``seen``)."""
        t = tables.profil_pemetaan
        with self.engine.connect() as conn:
            frame = pd.read_sql(select(t), conn)
        if frame.empty:
            return pd.DataFrame(columns=PROFILE_COLUMNS)
        mappings = [mapping_from_json(isi) for isi in frame["isi"]]
        frame = frame.assign(
            n_kolom=[len(m.columns) for m in mappings],
            n_nama=[len(m.names) for m in mappings],
            diubah_pada=pd.to_datetime(frame["diubah_pada"], utc=True),
        )
        frame = frame.sort_values("nama", key=lambda c: c.str.casefold(), ignore_index=True)
        return frame[PROFILE_COLUMNS]

    def mapping_profile(self, nama: str) -> Mapping | None:
        """The mapping of profile ``nama`` (spaces as ``profile_name`` stores them), or None."""
        t = tables.profil_pemetaan
        name = _normal(nama)
        with self.engine.connect() as conn:
            isi = conn.scalar(select(t.c.isi).where(t.c.nama == name))
        return None if isi is None else mapping_from_json(isi)

    def mapping_profile_for(self, tanda_header: str | None) -> tuple[str, Mapping] | None:
        """The newest saved (last changed) profile of a header signature, as (name, mapping);
        None when there is none or the file has no signature."""
        if not tanda_header:
            return None
        t = tables.profil_pemetaan
        query = (
            select(t.c.nama, t.c.isi)
            .where(t.c.tanda_header == tanda_header)
            .order_by(t.c.diubah_pada.desc(), t.c.id.desc())
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else (row.nama, mapping_from_json(row.isi))
