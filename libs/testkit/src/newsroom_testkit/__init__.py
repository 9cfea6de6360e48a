"""Helpers for the tests only (a dev dependency of the workspace; no service or image
ships it): demo identities and the demo password, calls made as a user, editorial events
as editorial-approval emits them, outbox and audit reads, an in-process gateway.

The pytest fixtures of the real stack are ``newsroom_core.testing``'s plugin.
"""
