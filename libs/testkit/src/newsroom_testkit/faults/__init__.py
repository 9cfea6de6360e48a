"""Faults on the real local stack, for ``tests/fault`` and ``bench/recovery.py``.

``stack``: a PostgreSQL and a Kafka of our own (``deploy/local/infra.sh`` with its own state
dir and ports, so killing them never touches the shared stack) and the platform's processes
on them, with ``make dev``'s environment. ``stream``: stories pushed through the gateway by
a few clients, every acknowledged command journaled, a watcher that notes when the portal
shows each change. ``chaos``: the kill driver. ``verify``: the checks after a run.
"""
