"""The whole stack for end-to-end walks: this suite's own content and editorial-approval
services (``stack_factory`` in ``tests/conftest.py``) and the gateway in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from gateway.settings import GatewaySettings
from newsroom_testkit.gateway import gateway_client


@pytest.fixture(scope="package")
def stack(stack_factory: Callable[[str], AbstractContextManager[Any]]) -> Iterator[Any]:
    with stack_factory("e2e") as stack:
        yield stack


@pytest.fixture(scope="package")
def gateway_settings(
    stack: object, gateway_settings_factory: Callable[[object, str], GatewaySettings]
) -> GatewaySettings:
    return gateway_settings_factory(stack, "e2e.gateway.cache")


@pytest.fixture(scope="package")
async def gateway(
    gateway_settings: GatewaySettings,
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    async with gateway_client(gateway_settings) as pair:
        yield pair


@pytest.fixture(scope="package")
def client(gateway: tuple[FastAPI, httpx.AsyncClient]) -> httpx.AsyncClient:
    return gateway[1]


@pytest.fixture(scope="package")
def app(gateway: tuple[FastAPI, httpx.AsyncClient]) -> FastAPI:
    return gateway[0]
