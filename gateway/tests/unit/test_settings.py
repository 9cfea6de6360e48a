"""Gateway settings read from the environment the way the chart and compose.yaml write them."""

from __future__ import annotations

import pytest

from gateway.settings import GatewaySettings


@pytest.mark.parametrize(
    ("value", "origins"),
    [
        # the chart: the newsroom app's public URL, one origin
        ("https://newsroom.news.tkv.example", ["https://newsroom.news.tkv.example"]),
        (
            "https://a.example, http://127.0.0.1:8081",
            ["https://a.example", "http://127.0.0.1:8081"],
        ),
        ('["https://a.example"]', ["https://a.example"]),
        ("", []),
    ],
)
def test_cors_origins_from_one_variable(
    monkeypatch: pytest.MonkeyPatch, value: str, origins: list[str]
) -> None:
    monkeypatch.setenv("GATEWAY_CORS__ORIGINS", value)
    assert GatewaySettings().cors.origins == origins
