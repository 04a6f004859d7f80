"""A small but real OpenID Connect provider for the tests (authorization-code flow, PKCE S256,
RS256 ID tokens), served on 127.0.0.1 from a thread. It approves every sign-in as the identity
set in ``identity`` (no login form), the way a provider does for a user who is already signed in.

Endpoints: ``/.well-known/openid-configuration``, ``/authorize``, ``/token``, ``/jwks``,
``/userinfo`` and ``/logout`` (RP-initiated logout). Standard library plus ``joserfc``, which
Authlib (a runtime dependency for ``st.login``) already requires.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey

KEY_ID = "uji-1"
TOKEN_LIFETIME = 600  # seconds


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def s256(verifier: str) -> str:
    """The PKCE S256 code challenge of a code verifier (RFC 7636)."""
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


@dataclass
class _Grant:
    identity: dict
    client_id: str
    redirect_uri: str
    nonce: str | None
    code_challenge: str | None
    scope: str


@dataclass
class OidcProvider:
    """An OIDC provider for one client. Set ``redirect_uris`` (exact match, as real providers
    require) and ``identity`` (sub, email, email_verified, name) before the browser arrives."""

    client_id: str = "dasbor-uji"
    client_secret: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    identity: dict = field(default_factory=dict)
    redirect_uris: set[str] = field(default_factory=set)
    events: list[tuple[str, str]] = field(default_factory=list)  # (endpoint, detail)
    _codes: dict[str, _Grant] = field(default_factory=dict)
    _access: dict[str, dict] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.key = RSAKey.generate_key(
            2048, parameters={"kid": KEY_ID, "use": "sig", "alg": "RS256"}
        )
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.issuer = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def __enter__(self) -> OidcProvider:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    # What the endpoints answer -----------------------------------------------------------

    def metadata(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "end_session_endpoint": f"{self.issuer}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "email", "email_verified", "name", "nonce"],
        }

    def jwks(self) -> dict:
        return {"keys": [self.key.as_dict(private=False)]}

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], dict | None]:
        """The redirect for an authorization request: (status, headers, JSON error or None)."""
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id or redirect_uri not in self.redirect_uris:
            # Never redirect to a URI that is not registered for the client.
            return 400, {}, {"error": "invalid_request", "error_description": "client/redirect"}
        back: dict[str, str] = {"state": query["state"]} if "state" in query else {}
        scope = query.get("scope", "")
        challenge = query.get("code_challenge")
        if query.get("response_type") != "code":
            back["error"] = "unsupported_response_type"
        elif "openid" not in scope.split():
            back["error"] = "invalid_scope"
        elif challenge and query.get("code_challenge_method") != "S256":
            back["error"] = "invalid_request"
        else:
            code = secrets.token_urlsafe(24)
            with self._lock:
                self._codes[code] = _Grant(
                    dict(self.identity),
                    self.client_id,
                    redirect_uri,
                    query.get("nonce"),
                    challenge,
                    scope,
                )
            back["code"] = code
        self.events.append(("authorize", back.get("error") or self.identity.get("email", "")))
        return 302, {"Location": f"{redirect_uri}?{urlencode(back)}"}, None

    def token(self, form: dict[str, str], authorization: str | None) -> tuple[int, dict]:
        """Exchange an authorization code: (status, JSON body)."""
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization[6:]).decode("utf-8")
            client_id, _, client_secret = (unquote(part) for part in decoded.partition(":"))
        if client_id != self.client_id or not hmac.compare_digest(
            client_secret or "", self.client_secret
        ):
            self.events.append(("token", "invalid_client"))
            return 401, {"error": "invalid_client"}
        if form.get("grant_type") != "authorization_code":
            return 400, {"error": "unsupported_grant_type"}
        with self._lock:
            grant = self._codes.pop(form.get("code", ""), None)  # a code works once
        problem = None
        if grant is None or grant.redirect_uri != form.get("redirect_uri"):
            problem = "invalid_grant"
        elif grant.code_challenge and s256(form.get("code_verifier", "")) != grant.code_challenge:
            problem = "invalid_grant"  # PKCE: the verifier does not match the challenge
        if problem:
            self.events.append(("token", problem))
            return 400, {"error": problem}
        access_token = secrets.token_urlsafe(32)
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + TOKEN_LIFETIME,
            "at_hash": _b64url(hashlib.sha256(access_token.encode()).digest()[:16]),
            **grant.identity,
        }
        if grant.nonce is not None:
            claims["nonce"] = grant.nonce
        id_token = jwt.encode({"alg": "RS256", "kid": KEY_ID}, claims, self.key)
        with self._lock:
            self._access[access_token] = dict(grant.identity)
        self.events.append(("token", grant.identity.get("email", "")))
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": TOKEN_LIFETIME,
            "scope": grant.scope,
            "id_token": id_token,
        }

    def userinfo(self, authorization: str | None) -> tuple[int, dict]:
        token = (authorization or "").removeprefix("Bearer ")
        with self._lock:
            identity = self._access.get(token)
        self.events.append(("userinfo", (identity or {}).get("email", "invalid_token")))
        if identity is None:
            return 401, {"error": "invalid_token"}
        return 200, identity

    def logout(self, query: dict[str, str]) -> tuple[int, dict[str, str], dict | None]:
        target = query.get("post_logout_redirect_uri")
        self.events.append(("logout", query.get("client_id", "")))
        if target not in self.redirect_uris:
            return 400, {}, {"error": "invalid_request"}
        return 302, {"Location": target}, None


def _handler(provider: OidcProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep pytest output quiet
            pass

        def _send(self, status: int, body: dict | None, headers: dict[str, str] | None = None):
            payload = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                provider.events.append(("metadata", ""))
                self._send(200, provider.metadata())
            elif url.path == "/jwks":
                provider.events.append(("jwks", ""))
                self._send(200, provider.jwks())
            elif url.path == "/authorize":
                status, headers, body = provider.authorize(query)
                self._send(status, body, headers)
            elif url.path == "/userinfo":
                self._send(*provider.userinfo(self.headers.get("Authorization")))
            elif url.path == "/logout":
                status, headers, body = provider.logout(query)
                self._send(status, body, headers)
            else:
                self._send(404, {"error": "not_found"})

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8")).items()}
            if urlparse(self.path).path == "/token":
                self._send(*provider.token(form, self.headers.get("Authorization")))
            else:
                self._send(404, {"error": "not_found"})

    return Handler
