"""Keycloak access-token verification against the realm's JWKS (python-keycloak).

Keys are cached; a token signed with a key id we have not seen triggers one JWKS refresh
(rate limited), which is how Keycloak key rotation is picked up without a restart.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from jwcrypto import jwk
from jwcrypto.common import JWException
from keycloak import KeycloakOpenID
from pydantic import BaseModel, SecretStr

from newsroom_core.errors import Unauthenticated
from newsroom_core.identity import Identity

log = logging.getLogger(__name__)


class KeycloakSettings(BaseModel):
    url: str = "http://127.0.0.1:58080"
    realm: str = "newsroom"
    client_id: str = "newsroom-gateway"
    client_secret: SecretStr = SecretStr("newsroom-gateway-dev-secret")
    audience: str = "newsroom-gateway"
    leeway_s: int = 10
    jwks_min_refresh_s: float = 10.0

    @property
    def issuer(self) -> str:
        return f"{self.url.rstrip('/')}/realms/{self.realm}"


def openid_client(settings: KeycloakSettings) -> KeycloakOpenID:
    return KeycloakOpenID(
        server_url=settings.url.rstrip("/") + "/",
        realm_name=settings.realm,
        client_id=settings.client_id,
        client_secret_key=settings.client_secret.get_secret_value(),
    )


class TokenVerifier:
    def __init__(self, settings: KeycloakSettings, client: KeycloakOpenID | None = None) -> None:
        self.settings = settings
        self._client = client or openid_client(settings)
        self._keys: jwk.JWKSet | None = None
        self._fetched_at = 0.0
        self._lock = threading.Lock()

    def _jwks(self, *, refresh: bool = False) -> jwk.JWKSet:
        with self._lock:
            stale = time.monotonic() - self._fetched_at >= self.settings.jwks_min_refresh_s
            if self._keys is None or (refresh and stale):
                keys = jwk.JWKSet()
                for cert in self._client.certs()["keys"]:
                    if cert.get("use", "sig") == "sig":
                        keys.add(jwk.JWK(**cert))
                self._keys = keys
                self._fetched_at = time.monotonic()
                log.info("fetched realm JWKS", extra={"keys": len(cert_ids(keys))})
            return self._keys

    def claims(self, token: str) -> dict[str, Any]:
        """Verified claims of an access token, or Unauthenticated."""
        try:
            try:
                claims = self._client.decode_token(
                    token, key=self._jwks(), leeway=self.settings.leeway_s
                )
            except JWException as exc:
                if "key" not in str(exc).lower():
                    raise
                claims = self._client.decode_token(
                    token, key=self._jwks(refresh=True), leeway=self.settings.leeway_s
                )
        except Unauthenticated:
            raise
        except Exception as exc:
            raise Unauthenticated(_describe(exc), reason="TOKEN_INVALID") from exc
        if claims.get("iss") != self.settings.issuer:
            raise Unauthenticated("token issued by another realm", reason="TOKEN_ISSUER")
        audience = claims.get("aud", [])
        audiences = [audience] if isinstance(audience, str) else list(audience)
        if self.settings.audience not in audiences and claims.get("azp") != self.settings.audience:
            raise Unauthenticated("token not meant for this API", reason="TOKEN_AUDIENCE")
        if claims.get("typ", "Bearer") != "Bearer":
            raise Unauthenticated("not an access token", reason="TOKEN_TYPE")
        return claims

    def identity(self, token: str) -> Identity:
        return identity_from_claims(self.claims(token))


def cert_ids(keys: jwk.JWKSet) -> list[str]:
    return [str(k.get("kid", "")) for k in keys["keys"]]


def _describe(exc: Exception) -> str:
    text = str(exc)
    if "Expired" in text or "expired" in text:
        return "token expired"
    if "signature" in text.lower() or "Verification failed" in text:
        return "token signature invalid"
    return "token invalid"


def identity_from_claims(claims: dict[str, Any]) -> Identity:
    name = " ".join(p for p in (claims.get("given_name"), claims.get("family_name")) if p)
    return Identity.from_groups(
        user_id=str(claims["sub"]),
        username=str(claims.get("preferred_username", "")),
        display_name=name or str(claims.get("name", "")),
        groups=list(claims.get("groups", [])),
        realm_roles=list(claims.get("realm_access", {}).get("roles", [])),
    )
