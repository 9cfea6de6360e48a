"""Staff sign-in: OpenID Connect authorization code flow with PKCE, done by the server.

``/dang-nhap`` makes a state, a nonce and a PKCE verifier, keeps them in a short-lived
encrypted cookie and sends the browser to Keycloak's own login page. ``/auth/callback``
checks the state, exchanges the code (with the verifier and the client secret) for
tokens, verifies them against the realm's keys and the nonce, and keeps the access token
in an encrypted, HttpOnly session cookie: no token ever reaches page scripts, and any
portal replica can read the session (nothing is stored server-side). The access token is
what the portal sends to the gateway's staff read; when it expires the reader signs in
again (Keycloak's own session makes that a redirect, not a password prompt).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import orjson
from cryptography.fernet import Fernet, InvalidToken
from keycloak import KeycloakOpenID

from portal.settings import OidcSettings

SESSION_COOKIE = "portal_session"
LOGIN_COOKIE = "portal_login"
LOGIN_TTL_S = 600
# Refresh a little before expiry so a page never starts with a token about to die.
EXPIRY_MARGIN_S = 20


@dataclass(frozen=True, slots=True)
class Session:
    access_token: str
    expires_at: float
    username: str
    name: str

    @property
    def valid(self) -> bool:
        return self.expires_at - EXPIRY_MARGIN_S > time.time()


@dataclass(frozen=True, slots=True)
class LoginStart:
    redirect_url: str
    cookie: str


class SignInFailed(Exception):
    pass


def _fernet(secret: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()))


def pkce_pair() -> tuple[str, str]:
    """(verifier, S256 challenge), RFC 7636."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.decode().rstrip("=")


def safe_next(target: str | None) -> str:
    """Only same-site paths: never an open redirect."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "\\" in target:
        return "/"
    return target


class StaffAuth:
    def __init__(self, settings: OidcSettings) -> None:
        self.settings = settings
        self._crypto = _fernet(settings.session_secret.get_secret_value())
        self._openid = KeycloakOpenID(
            server_url=settings.url.rstrip("/") + "/",
            realm_name=settings.realm,
            client_id=settings.client_id,
            client_secret_key=settings.client_secret.get_secret_value(),
        )

    @property
    def enabled(self) -> bool:
        return self.settings.enabled

    # -- cookies -----------------------------------------------------------------------
    def _seal(self, data: dict[str, Any]) -> str:
        return self._crypto.encrypt(orjson.dumps(data)).decode()

    def _open(self, value: str | None, ttl: int | None = None) -> dict[str, Any] | None:
        if not value:
            return None
        try:
            raw = self._crypto.decrypt(value.encode(), ttl=ttl)
            data = orjson.loads(raw)
        except (InvalidToken, orjson.JSONDecodeError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def session(self, cookie: str | None) -> Session | None:
        data = self._open(cookie)
        if data is None:
            return None
        try:
            session = Session(
                str(data["t"]), float(data["e"]), str(data.get("u", "")), str(data.get("n", ""))
            )
        except (KeyError, TypeError, ValueError):
            return None
        return session if session.valid else None

    def seal_session(self, session: Session) -> str:
        return self._seal(
            {
                "t": session.access_token,
                "e": session.expires_at,
                "u": session.username,
                "n": session.name,
            }
        )

    # -- the flow -----------------------------------------------------------------------
    def _browser_base(self) -> str:
        return (self.settings.public_url or self.settings.url).rstrip("/")

    def start(self, redirect_uri: str, next_path: str) -> LoginStart:
        state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        verifier, challenge = pkce_pair()
        query = urlencode(
            {
                "client_id": self.settings.client_id,
                "response_type": "code",
                "scope": "openid profile email",
                "redirect_uri": redirect_uri,
                "state": state,
                "nonce": nonce,
                "code_challenge": challenge,
                "code_challenge_method": "S256",
            }
        )
        url = (
            f"{self._browser_base()}/realms/{self.settings.realm}"
            f"/protocol/openid-connect/auth?{query}"
        )
        cookie = self._seal(
            {"s": state, "v": verifier, "n": nonce, "r": redirect_uri, "x": safe_next(next_path)}
        )
        return LoginStart(url, cookie)

    async def finish(self, login_cookie: str | None, code: str, state: str) -> tuple[Session, str]:
        """The session and the path to go back to; SignInFailed when anything is off."""
        login = self._open(login_cookie, ttl=LOGIN_TTL_S)
        if login is None or not code or not secrets.compare_digest(str(login["s"]), state):
            raise SignInFailed("state mismatch or expired login")
        try:
            tokens = await self._openid.a_token(
                grant_type="authorization_code",
                code=code,
                redirect_uri=login["r"],
                code_verifier=login["v"],
            )
            claims = await self._openid.a_decode_token(tokens["access_token"], validate=True)
            id_claims = await self._openid.a_decode_token(tokens["id_token"], validate=True)
        except Exception as exc:  # any failure of the exchange or the checks: no session
            raise SignInFailed(type(exc).__name__) from exc
        if id_claims.get("nonce") != login["n"]:
            raise SignInFailed("nonce mismatch")
        session = Session(
            access_token=tokens["access_token"],
            expires_at=float(claims.get("exp", time.time())),
            username=str(claims.get("preferred_username", "")),
            name=str(claims.get("name") or claims.get("preferred_username", "")),
        )
        return session, str(login["x"])

    def logout_url(self, back_to: str) -> str:
        query = urlencode(
            {"client_id": self.settings.client_id, "post_logout_redirect_uri": back_to}
        )
        return (
            f"{self._browser_base()}/realms/{self.settings.realm}"
            f"/protocol/openid-connect/logout?{query}"
        )
