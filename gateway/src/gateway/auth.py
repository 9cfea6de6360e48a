"""Bearer-token authentication: Keycloak access tokens verified against the realm JWKS.

Verification (``newsroom_core.auth.TokenVerifier``: signature, expiry, issuer, audience)
is synchronous and may fetch the JWKS, so it runs in a worker thread. A verified token is
kept in a small LRU until its ``exp``, so a client's repeated calls cost one dict lookup.
"""

from __future__ import annotations

import asyncio
import threading
import time
import urllib.error
import urllib.request
from collections import OrderedDict
from dataclasses import dataclass

from gateway.errors import ApiError, unauthenticated
from gateway.metrics import TOKEN_CHECKS
from newsroom_core.auth import KeycloakSettings, TokenVerifier, identity_from_claims
from newsroom_core.errors import Unauthenticated
from newsroom_core.identity import Identity

MAX_TOKEN_LENGTH = 16 * 1024


@dataclass(frozen=True, slots=True)
class _Verified:
    identity: Identity
    expires_at: float


class Authenticator:
    def __init__(
        self,
        settings: KeycloakSettings,
        *,
        cache_size: int = 4096,
        verifier: TokenVerifier | None = None,
    ) -> None:
        self.settings = settings
        self.verifier = verifier or TokenVerifier(settings)
        self._cache: OrderedDict[str, _Verified] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self._keys_loaded = False

    def _cached(self, token: str, now: float) -> Identity | None:
        with self._lock:
            entry = self._cache.get(token)
            if entry is None:
                return None
            if entry.expires_at <= now:
                del self._cache[token]
                return None
            self._cache.move_to_end(token)
            return entry.identity

    def _remember(self, token: str, entry: _Verified) -> None:
        with self._lock:
            self._cache[token] = entry
            self._cache.move_to_end(token)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    async def authenticate(self, token: str) -> Identity:
        """The caller's identity, or a 401 ApiError (expired, wrongly signed, garbage)."""
        if not token or len(token) > MAX_TOKEN_LENGTH or token.count(".") != 2:
            TOKEN_CHECKS.labels("rejected").inc()
            raise unauthenticated(
                "Mã truy cập không hợp lệ (malformed token).", reason="TOKEN_INVALID"
            )
        now = time.time()
        identity = self._cached(token, now)
        if identity is not None:
            TOKEN_CHECKS.labels("cached").inc()
            return identity
        if not await asyncio.to_thread(self.jwks_ready):
            # Keycloak unreachable before we ever had its keys: not the caller's fault.
            raise ApiError(
                503,
                "Không kiểm tra được mã truy cập: Keycloak không phản hồi (auth unavailable).",
                reason="AUTH_UNAVAILABLE",
            )
        try:
            claims = await asyncio.to_thread(self.verifier.claims, token)
        except Unauthenticated as exc:
            TOKEN_CHECKS.labels("rejected").inc()
            raise unauthenticated(_vietnamese(exc.message), reason=exc.reason) from exc
        identity = identity_from_claims(claims)
        expires_at = float(claims.get("exp", now))
        self._remember(token, _Verified(identity, expires_at))
        TOKEN_CHECKS.labels("verified").inc()
        return identity

    def keycloak_reachable(self) -> bool:
        """Keycloak answers its discovery document (for readiness reports only)."""
        url = f"{self.settings.issuer}/.well-known/openid-configuration"
        try:
            with urllib.request.urlopen(url, timeout=1.0) as response:  # noqa: S310 - our IdP
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError, ValueError):
            return False

    def jwks_ready(self) -> bool:
        """The realm's signing keys are known (fetched once, then cached by the verifier)."""
        if self._keys_loaded:
            return True
        try:
            self.verifier._jwks()  # warms the verifier's own key cache (no public API for it)
        except Exception:
            return False
        self._keys_loaded = True
        return True


def _vietnamese(message: str) -> str:
    return {
        "token expired": "Mã truy cập đã hết hạn (token expired).",
        "token signature invalid": "Chữ ký mã truy cập không hợp lệ (token signature invalid).",
        "token invalid": "Mã truy cập không hợp lệ (token invalid).",
        "token issued by another realm": "Mã truy cập của realm khác (wrong issuer).",
        "token not meant for this API": "Mã truy cập không dành cho API này (wrong audience).",
        "not an access token": "Không phải mã truy cập (not an access token).",
    }.get(message, f"Xác thực thất bại ({message}).")


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise unauthenticated(
            "Cần đăng nhập: thiếu header Authorization (missing bearer token).",
            reason="TOKEN_MISSING",
        )
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthenticated(
            "Header Authorization phải có dạng 'Bearer <token>'.", reason="TOKEN_MISSING"
        )
    return token.strip()


__all__ = ["ApiError", "Authenticator", "bearer_token"]
