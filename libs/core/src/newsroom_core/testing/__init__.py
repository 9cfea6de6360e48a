"""Pytest plugin and helpers for tests against the real local stack (make infra-up)."""
