"""Audit: every write and sign-in (who, when, what), filtered and exported; editors and admins
only. Admins also see the users and their roles. The log is read a page at a time, filtered in
the database, so a log of millions of rows opens as fast as a short one; an export holds the
newest ``MAX_AUDIT_EXPORT`` matching rows and is built only when asked for."""

from __future__ import annotations

import math

import streamlit as st

from analysis.audit_log import export_frame
from store.audit_store import AuditFilter
from text.fmt import fmt_datetime
from text.strings import t
from text.tables import users_table
from ui import auth, data
from ui.router import ensure_router

PAGE_ROWS = 200

ensure_router()
st.title(t("audit.title"))
user = auth.editor(t("audit.what"))
if user is None:
    st.stop()
st.caption(t("audit.intro"))
kinds, who = data.audit_choices()
left, mid, right = st.columns(3)
jenis = left.multiselect(t("audit.jenis"), kinds, key="audit.jenis", placeholder=t("audit.all"))
oleh = mid.multiselect(t("audit.oleh"), who, key="audit.oleh", placeholder=t("audit.all"))
days = right.date_input(t("audit.days"), value=[], key="audit.hari", format="DD/MM/YYYY")
text = st.text_input(t("audit.search"), key="audit.cari", max_chars=200)
start, end = (list(days) + [None, None])[:2] if days else (None, None)
where = AuditFilter(tuple(jenis), tuple(oleh), start, end or start, text)
total, n = data.audit_count(), data.audit_count(where)
pages = max(1, math.ceil(n / PAGE_ROWS))
page = st.number_input(
    t("audit.page", pages=pages, rows=PAGE_ROWS), min_value=1, max_value=pages, value=1, step=1,
    key="audit.halaman",
)  # fmt: skip
# Times as "2 Desember 2026 06.40 WIB" (the exports keep sortable ISO text).
shown = export_frame(data.audit_page(where, PAGE_ROWS, (int(page) - 1) * PAGE_ROWS), fmt_datetime)
st.markdown(t("audit.count", n=n, total=total))
st.dataframe(shown, hide_index=True, width="stretch", key="audit.tabel")
if n > data.MAX_AUDIT_EXPORT:
    st.caption(t("audit.export_cut", n=f"{data.MAX_AUDIT_EXPORT:,}".replace(",", ".")))
a, b = st.columns(2)
a.download_button(
    t("audit.csv"), data.audit_download(where, "csv"), file_name="log_audit.csv",
    mime="text/csv", key="audit.unduh_csv", width="stretch",
)  # fmt: skip
b.download_button(
    t("audit.xlsx"), data.audit_download(where, "xlsx"), file_name="log_audit.xlsx",
    key="audit.unduh_xlsx", width="stretch",
)  # fmt: skip
if user.is_admin:
    st.subheader(t("audit.users"))
    st.caption(t("audit.users_help"))
    st.dataframe(users_table(data.users()), hide_index=True, width="stretch", key="audit.pengguna")
