"""The test OIDC provider (tests/oidc_provider.py) speaks the protocol as Authlib, the library
behind st.login, expects it, and refuses what a real provider refuses: a wrong client secret, a
code used twice or with the wrong PKCE verifier, a redirect URI that is not registered."""

from __future__ import annotations

import base64
import http.client
import json
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.jwk import KeySet

from tests.oidc_provider import OidcProvider

REDIRECT = "http://127.0.0.1:8599/oauth2callback"
IDENTITY = {"sub": "pegawai-1", "email": "editor@contoh.go.id", "email_verified": True,
            "name": "Editor Kantor"}  # fmt: skip


def fetch(method: str, url: str, body: dict | None = None, auth: tuple | None = None):
    """One request without following redirects: (status, headers, JSON body or None)."""
    parts = urlparse(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
    if auth:
        headers["Authorization"] = "Basic " + base64.b64encode(":".join(auth).encode()).decode()
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    conn.request(method, path, urlencode(body) if body else None, headers)
    resp = conn.getresponse()
    raw = resp.read()
    conn.close()
    return resp.status, dict(resp.getheaders()), json.loads(raw) if raw else None


@pytest.fixture()
def idp():
    with OidcProvider() as provider:
        provider.redirect_uris.add(REDIRECT)
        provider.identity = dict(IDENTITY)
        yield provider


def authorize(idp: OidcProvider, verifier: str, nonce: str = "nonce-1") -> dict[str, str]:
    """Ask for a code with PKCE S256 as Authlib builds the request; the redirect's query."""
    client = OAuth2Session(idp.client_id, idp.client_secret, scope="openid email profile",
                           redirect_uri=REDIRECT, code_challenge_method="S256")  # fmt: skip
    url, state = client.create_authorization_url(
        f"{idp.issuer}/authorize", nonce=nonce, code_verifier=verifier
    )
    status, headers, _ = fetch("GET", url)
    assert status == 302 and headers["Location"].startswith(REDIRECT + "?")
    query = {k: v[0] for k, v in parse_qs(urlparse(headers["Location"]).query).items()}
    assert query["state"] == state
    return query


def test_code_flow_as_authlib_checks_it(idp):
    """Discovery, a PKCE code, the token exchange with the client secret, an RS256 ID token
    that Authlib's own claims check accepts (issuer, audience, nonce, at_hash, times), and the
    userinfo endpoint."""
    status, _, meta = fetch("GET", idp.metadata_url)
    assert status == 200 and meta["issuer"] == idp.issuer
    assert meta["code_challenge_methods_supported"] == ["S256"]
    verifier = generate_token(48)
    query = authorize(idp, verifier)
    client = OAuth2Session(idp.client_id, idp.client_secret, redirect_uri=REDIRECT)
    token = client.fetch_token(meta["token_endpoint"], code=query["code"], code_verifier=verifier)
    keys = KeySet.import_key_set(fetch("GET", meta["jwks_uri"])[2])
    decoded = jwt.decode(token["id_token"], keys, algorithms=["RS256"])
    claims = CodeIDToken(
        decoded.claims,
        decoded.header,
        {"iss": {"values": [idp.issuer]}},
        {"nonce": "nonce-1", "client_id": idp.client_id, "access_token": token["access_token"]},
    )
    claims.validate()
    assert {k: claims[k] for k in IDENTITY} == IDENTITY and claims["aud"] == idp.client_id
    assert client.get(meta["userinfo_endpoint"]).json() == IDENTITY
    # Another client's token is not accepted, and a code works only once.
    assert fetch("GET", meta["userinfo_endpoint"])[0] == 401
    again = fetch("POST", meta["token_endpoint"], {"grant_type": "authorization_code",
                  "code": query["code"], "redirect_uri": REDIRECT, "code_verifier": verifier},
                  (idp.client_id, idp.client_secret))  # fmt: skip
    assert again[0] == 400 and again[2] == {"error": "invalid_grant"}


def test_refusals(idp):
    """Wrong secret (basic or form), wrong PKCE verifier, unknown redirect URI or client."""
    verifier = generate_token(48)
    code = authorize(idp, verifier)["code"]
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
            "code_verifier": verifier}  # fmt: skip
    token_url = f"{idp.issuer}/token"
    assert fetch("POST", token_url, form, (idp.client_id, "salah"))[0] == 401
    wrong_form = {**form, "client_id": idp.client_id, "client_secret": "salah"}
    assert fetch("POST", token_url, wrong_form)[0] == 401
    bad_pkce = fetch("POST", token_url, {**form, "code_verifier": generate_token(48)},
                     (idp.client_id, idp.client_secret))  # fmt: skip
    assert bad_pkce[2] == {"error": "invalid_grant"}  # and the code is spent
    code = authorize(idp, verifier)["code"]
    ok = fetch("POST", token_url, {**form, "code": code, "client_id": idp.client_id,
               "client_secret": idp.client_secret})  # fmt: skip
    assert ok[0] == 200 and ok[2]["token_type"] == "Bearer"  # client_secret_post works too
    for query in ({"redirect_uri": "http://127.0.0.1:1/lain"}, {"client_id": "lain"}):
        params = {"response_type": "code", "client_id": idp.client_id,
                  "redirect_uri": REDIRECT, "scope": "openid", "state": "s", **query}  # fmt: skip
        status, headers, body = fetch("GET", f"{idp.issuer}/authorize?{urlencode(params)}")
        assert (status, body["error"], "Location" in headers) == (400, "invalid_request", False)
    status, _, body = fetch(
        "GET", f"{idp.issuer}/logout?{urlencode({'post_logout_redirect_uri': 'http://x/'})}"
    )
    assert (status, body["error"]) == (400, "invalid_request")
