"""Audit: every write and sign-in (who, when, what), filtered and exported; editors and admins
only. Admins also see the users and their roles."""

from __future__ import annotations

import streamlit as st

from analysis.audit_log import export_frame, filter_log
from ingest.templates import to_csv_bytes, to_xlsx_bytes
from ui import auth, data
from ui.router import ensure_router
from ui.strings import t

ensure_router()
st.title(t("audit.title"))
user = auth.editor(t("audit.what"))
if user is None:
    st.stop()
st.caption(t("audit.intro"))
log = data.audit_log()
left, mid, right = st.columns(3)
jenis = left.multiselect(t("audit.jenis"), sorted(log["jenis"].unique()), key="audit.jenis",
                         placeholder=t("audit.all"))  # fmt: skip
oleh = mid.multiselect(t("audit.oleh"), sorted(log["oleh"].unique()), key="audit.oleh",
                       placeholder=t("audit.all"))  # fmt: skip
days = right.date_input(t("audit.days"), value=[], key="audit.hari")
text = st.text_input(t("audit.search"), key="audit.cari")
start, end = (list(days) + [None, None])[:2] if days else (None, None)
shown = export_frame(filter_log(log, jenis, oleh, start, end or start, text))
st.markdown(t("audit.count", n=len(shown), total=len(log)))
st.dataframe(shown, hide_index=True, width="stretch", key="audit.tabel")
a, b = st.columns(2)
a.download_button(
    t("audit.csv"), to_csv_bytes(shown), file_name="log_audit.csv", mime="text/csv",
    key="audit.unduh_csv", width="stretch",
)  # fmt: skip
b.download_button(
    t("audit.xlsx"), to_xlsx_bytes({"log_audit": shown}), file_name="log_audit.xlsx",
    key="audit.unduh_xlsx", width="stretch",
)  # fmt: skip
if user.is_admin:
    st.subheader(t("audit.users"))
    st.caption(t("audit.users_help"))
    st.dataframe(data.users(), hide_index=True, width="stretch", key="audit.pengguna")
