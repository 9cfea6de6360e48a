"""End-to-end walks through the in-process gateway (the stack itself: tests/conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from gateway.settings import GatewaySettings
from newsroom_testkit.gateway import gateway_client


@pytest.fixture(scope="session")
async def gateway(
    gateway_settings: GatewaySettings,
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    async with gateway_client(gateway_settings) as pair:
        yield pair


@pytest.fixture(scope="session")
def client(gateway: tuple[FastAPI, httpx.AsyncClient]) -> httpx.AsyncClient:
    return gateway[1]


@pytest.fixture(scope="session")
def app(gateway: tuple[FastAPI, httpx.AsyncClient]) -> FastAPI:
    return gateway[0]
