"""The Data page's "Batas wilayah" tab: import official kelurahan boundaries (dry run, then
save as a new version) and roll a version back. Text from the file or its name is shown as plain
text: notes through ``md_text``, problems and versions in ``st.dataframe`` (never HTML)."""

from __future__ import annotations

import streamlit as st

import settings
from analysis.geometry import to_geojson_texts
from ingest.boundaries import read_boundaries
from ingest.limits import shown
from ingest.pipeline import build_catalogue
from services.national_lookup import national_lookup
from store.database import Store
from text.fmt import md_text
from text.strings import t
from text.tables import problems_table
from ui import auth, data
from ui.checking import run_check
from ui.pickers import BOUNDARY_TYPES, file_picker
from ui.upload import show_whole_file


@st.cache_data(show_spinner=False, max_entries=4)
def _dry_run(content: bytes, name: str):
    ref = data.reference()
    return read_boundaries(
        content,
        name,
        build_catalogue(ref, national_lookup()).areas,  # a code of another region is named
        ref.kelurahan,
        settings.max_upload_bytes(),
        region=ref.wilayah,
    )


def render_boundaries(store: Store) -> None:
    st.markdown(t("batas.intro"))
    current = store.current_boundaries()
    if current is None:
        st.caption(t("batas.current_none"))
    else:
        name = md_text(shown(current[0]["nama_berkas"]))  # a visitor's file name, as plain text
        st.caption(t("batas.current", id=current[0]["id"], file=name))
    user = auth.editor(t("auth.what_boundaries"))
    upload = user and file_picker(
        t("batas.upload"),
        key="data.batas",
        types=BOUNDARY_TYPES,
        max_upload_size=settings.upload_mb(settings.max_upload_bytes()),
    )
    plan = upload and run_check(upload.name, lambda: _dry_run(upload.getvalue(), upload.name))
    if plan:
        # A problem of the whole file first and in full (a table cell would cut it); a file
        # that could not be read gets no match counts, only its reason.
        refused = show_whole_file(plan.problems)
        read = plan.n_features > 0 or not refused
        if read:
            st.markdown(
                t(
                    "batas.summary",
                    matched=len(plan.areas),
                    features=plan.n_features,
                    total=len(data.reference().kelurahan),
                )
            )
        for note in plan.notes:
            st.caption(md_text(note))
        if read and len(plan.problems):
            st.dataframe(problems_table(plan.problems), hide_index=True, key="data.batas_masalah")
        if not plan.can_commit:
            if not refused:
                st.error(t("batas.none"))
        else:
            if st.button(t("batas.save"), key="data.batas_simpan"):
                version = store.commit_boundaries(
                    plan.nama_berkas, plan.ukuran, plan.sha256, plan.crs,
                    to_geojson_texts(plan.areas), user.nama_pengguna,
                )  # fmt: skip
                data.clear_caches()
                st.session_state["data.batas_flash"] = t("batas.saved", id=version)
                st.rerun()
    if flash := st.session_state.pop("data.batas_flash", None):
        st.success(flash)
    versions = store.boundary_versions()
    if versions.empty:
        return
    st.markdown(f"**{t('batas.versions')}**")
    st.dataframe(
        versions[
            ["id", "nama_berkas", "jumlah", "crs_asal", "dibuat_pada", "dibuat_oleh", "status"]
        ],
        hide_index=True,
        key="data.batas_versi",
    )
    active = versions.loc[versions["status"] == "aktif", "id"]
    if len(active) and user:
        newest = int(active.iloc[0])
        if st.button(t("batas.rollback", id=newest), key="data.batas_batalkan"):
            store.set_boundaries_active(newest, False, user.nama_pengguna)
            data.clear_caches()
            st.session_state["data.batas_flash"] = t("batas.rolled_back", id=newest)
            st.rerun()
