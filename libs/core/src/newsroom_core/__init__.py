"""Shared platform library for Newsroom services.

Everything cross-cutting lives here once: settings, JSON logging, request context,
the domain error hierarchy, gRPC server/client bootstrap, database helpers, the
CloudEvents/Kafka event plumbing (outbox relay and idempotent consumer) and the
metrics/health HTTP endpoint. Services stay thin and wire these together.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
