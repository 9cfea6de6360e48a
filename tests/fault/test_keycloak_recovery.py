"""``make infra-up`` after Keycloak crashes, and what the gateway does meanwhile.

A Keycloak of this module's own (its first start imports the realm: minutes on a busy
machine, hence a module apart, and as few restarts as the checks need). kc.sh runs java
as its child: either may die alone.
"""

from __future__ import annotations

import os
import signal
import uuid
from collections.abc import Iterator

import pytest
from keycloak.exceptions import KeycloakError

from gateway.settings import CacheSettings, GatewaySettings, UpstreamSettings
from newsroom_core.auth import KeycloakSettings
from newsroom_core.localstack import state_dir
from newsroom_testkit.faults.stack import (
    PrivateInfra,
    child_pids,
    private_infra,
    up_healthy,
    wait_gone,
)
from newsroom_testkit.gateway import Tokens, bearer, gateway_client, problem, unused_target

pytestmark = [pytest.mark.fault, pytest.mark.slow, pytest.mark.heavy, pytest.mark.timeout(1200)]

KEYCLOAK = ("keycloak",)


@pytest.fixture(scope="module")
def stack() -> Iterator[PrivateInfra]:
    with private_infra(
        state_dir() / "faults" / f"keycloak-{uuid.uuid4().hex[:6]}", KEYCLOAK
    ) as infra:
        yield infra


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_keycloak_comes_back_whichever_process_dies(stack: PrivateInfra) -> None:
    tokens = Tokens(stack.keycloak_url)
    wrapper = stack.pid("keycloak")
    assert wrapper is not None
    (java,) = child_pids(wrapper)
    # kc.sh killed alone: its java still serves; up keeps it instead of a 30 s restart
    os.kill(wrapper, signal.SIGKILL)
    wait_gone(wrapper)
    output = up_healthy(stack, KEYCLOAK)
    assert "still serves; keeping it" in output
    assert stack.pid("keycloak") == java
    # the java itself: up starts Keycloak again
    os.kill(java, signal.SIGKILL)
    wait_gone(java)
    up_healthy(stack, KEYCLOAK)
    assert tokens.grant("halong.editor")["access_token"]


def gateway_settings(stack: PrivateInfra) -> GatewaySettings:
    return GatewaySettings(
        keycloak=KeycloakSettings(url=stack.keycloak_url),
        content=UpstreamSettings(target=unused_target()),
        editorial=UpstreamSettings(target=unused_target()),
        cache=CacheSettings(invalidate_from_kafka=False),
    )


@pytest.mark.anyio
async def test_one_keycloak_outage_as_signed_in_people_and_a_new_gateway_see_it(
    stack: PrivateInfra,
) -> None:
    """One outage (each Keycloak start costs minutes on a busy machine), two gateways.

    ADR 0008: the realm's signing keys, once known, verify tokens without Keycloak. The
    gateway that saw them before the outage keeps accepting tokens issued earlier
    (readiness reports Keycloak in its advisory section only) while a new sign-in fails.
    A gateway started during the outage answers 503 + Retry-After and is not ready. Once
    Keycloak is back both are ready and accept tokens, without a restart."""
    up_healthy(stack, KEYCLOAK)  # whatever an earlier test left
    tokens = Tokens(stack.keycloak_url)
    token = tokens("halong.editor")
    async with gateway_client(gateway_settings(stack)) as (_, seen):
        before = await seen.get("/v1/me", headers=bearer(token))
        assert before.status_code == 200, before.text

        wrapper = stack.pid("keycloak")
        assert wrapper is not None
        os.kill(wrapper, signal.SIGTERM)  # kc.sh forwards it: Keycloak stops
        wait_gone(wrapper, timeout_s=60)
        with pytest.raises(KeycloakError):
            tokens.grant("halong.contributor")

        during = await seen.get("/v1/me", headers=bearer(token))
        assert during.status_code == 200, during.text
        assert "halong" in during.text
        ready = (await seen.get("/readyz")).json()
        assert ready["checks"]["keycloak"] is True
        assert ready["advisory"]["keycloak"] is False
        forged = await seen.get("/v1/me", headers=bearer(token[:-4] + "AAAA"))
        assert forged.status_code == 401, forged.text

        async with gateway_client(gateway_settings(stack)) as (_, fresh):
            down = await fresh.get("/v1/me", headers=bearer(token))
            assert down.status_code == 503
            assert down.headers["retry-after"].isdigit()
            assert problem(down)["reason"] == "AUTH_UNAVAILABLE"
            assert (await fresh.get("/readyz")).json()["checks"]["keycloak"] is False

            up_healthy(stack, KEYCLOAK)
            ready = (await fresh.get("/readyz")).json()
            assert ready["checks"]["keycloak"] is True
            assert ready["advisory"]["keycloak"] is True
            me = await fresh.get("/v1/me", headers=bearer(token))
            assert me.status_code == 200, me.text
            assert "halong" in me.text
        assert (await seen.get("/readyz")).json()["advisory"]["keycloak"] is True
    assert tokens.grant("halong.contributor")["access_token"]
