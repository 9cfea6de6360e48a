"""Keycloak's admin API that does not answer in time is a 504, not a 503."""

from __future__ import annotations

import socket

from keycloak import KeycloakOpenIDConnection
from keycloak.exceptions import KeycloakConnectionError

from gateway.people import _timed_out


def test_a_silent_keycloak_is_a_timeout_and_a_closed_port_is_not() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # accepts the connection, never answers
        port = silent.getsockname()[1]
        connection = KeycloakOpenIDConnection(
            server_url=f"http://127.0.0.1:{port}", realm_name="newsroom", timeout=1
        )
        try:
            connection.raw_get("/realms/newsroom")
        except KeycloakConnectionError as exc:
            assert _timed_out(exc)
        else:
            raise AssertionError("a server that never answers answered")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]  # bound, not listening: connection refused
        refused = KeycloakOpenIDConnection(
            server_url=f"http://127.0.0.1:{closed}", realm_name="newsroom", timeout=1
        )
        try:
            refused.raw_get("/realms/newsroom")
        except KeycloakConnectionError as exc:
            assert not _timed_out(exc)
        else:
            raise AssertionError("a closed port answered")
