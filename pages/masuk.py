"""Masuk: sign in (built-in users or SSO through st.login), see who is signed in, sign out."""

from __future__ import annotations

import streamlit as st

from analysis.text_clean import clean_text
from text.fmt import md_text
from text.strings import t
from ui import auth, data
from ui.router import ensure_router

ensure_router()
st.title(t("auth.title"))
user = auth.current_user()
if user is not None:
    st.success(t("auth.signed_in_as", nama=md_text(user.nama_tampil), peran=user.peran))
    st.markdown(t(f"auth.role_{user.peran}"))
    if st.button(t("auth.sign_out"), key="auth.keluar_halaman", icon=":material/logout:"):
        auth.sign_out()
        st.rerun()
    st.stop()

st.markdown(t("auth.intro"))
if auth.oidc_refused():
    st.warning(t("auth.sso_refused"))
    if st.button(t("auth.sso_sign_out"), key="auth.sso_keluar", icon=":material/logout:"):
        st.logout()  # no st.rerun() after it: a rerun would drop the redirect (ui/auth.sign_out)
        st.stop()
if auth.oidc_configured() and st.button(
    t("auth.sso"), key="auth.sso", type="primary", icon=":material/key:"
):
    st.login()
with st.form("auth.form"):
    nama = st.text_input(t("auth.username"), key="auth.nama", max_chars=200)
    sandi = st.text_input(t("auth.password"), key="auth.sandi", type="password", max_chars=200)
    sent = st.form_submit_button(t("auth.sign_in"), key="auth.masuk")
if sent:
    problem = auth.sign_in(clean_text(nama), sandi)
    if problem is None:
        st.rerun()
    st.error(problem)
if not data.context()[0].has_users():
    st.info(t("auth.no_users"))
