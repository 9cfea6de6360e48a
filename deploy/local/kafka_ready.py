#!/usr/bin/env python3
"""Is a Kafka broker really serving? Stdlib only, so it runs before any venv exists.

Sends ApiVersions v0, then a Metadata request (highest non-flexible version the broker
offers, v1..v8) and succeeds when the broker answers both, with no error, reports at
least one live broker, and every partition of every topic (internal ones included) has a
leader. The last part matters after a crash: the restarted broker answers Metadata while
the controller still fences it, with every partition leaderless, and clients cannot
produce or join a group until it is unfenced. `--list-topics` prints the topic names
(internal ones excluded).

    python3 deploy/local/kafka_ready.py [--bootstrap 127.0.0.1:59092] [--list-topics]
"""

from __future__ import annotations

import argparse
import os
import socket
import struct
import sys

API_METADATA = 3
API_VERSIONS = 18
CLIENT_ID = b"newsroom-kafka-ready"


class Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, fmt: str) -> int:
        (value,) = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return int(value)

    def int8(self) -> int:
        return self.take(">b")

    def int16(self) -> int:
        return self.take(">h")

    def int32(self) -> int:
        return self.take(">i")

    def string(self) -> str | None:
        length = self.int16()
        if length < 0:
            return None
        raw = self.data[self.pos : self.pos + length]
        self.pos += length
        return raw.decode()

    def int32_array(self) -> list[int]:
        return [self.int32() for _ in range(max(self.int32(), 0))]


def request(sock: socket.socket, api_key: int, version: int, corr: int, body: bytes) -> Reader:
    header = struct.pack(">hhih", api_key, version, corr, len(CLIENT_ID)) + CLIENT_ID
    payload = header + body
    sock.sendall(struct.pack(">i", len(payload)) + payload)
    size = struct.unpack(">i", recv_exact(sock, 4))[0]
    reader = Reader(recv_exact(sock, size))
    if reader.int32() != corr:
        raise RuntimeError("correlation id mismatch")
    return reader


def recv_exact(sock: socket.socket, n: int) -> bytes:
    chunks = []
    while n:
        chunk = sock.recv(n)
        if not chunk:
            raise RuntimeError("connection closed by broker")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def api_versions(sock: socket.socket) -> dict[int, tuple[int, int]]:
    r = request(sock, API_VERSIONS, 0, 1, b"")
    error = r.int16()
    if error:
        raise RuntimeError(f"ApiVersions error code {error}")
    return {r.int16(): (r.int16(), r.int16()) for _ in range(r.int32())}


def metadata(
    sock: socket.socket, version: int
) -> tuple[list[tuple[int, str, int]], list[str], list[str]]:
    body = struct.pack(">i", -1)  # null topic array: every topic
    if version >= 4:
        body += struct.pack(">b", 0)  # allow_auto_topic_creation
    if version >= 8:
        body += struct.pack(">bb", 0, 0)  # include cluster / topic authorized operations
    r = request(sock, API_METADATA, version, 2, body)
    if version >= 3:
        r.int32()  # throttle_time_ms
    brokers = []
    for _ in range(r.int32()):
        node_id, host, port = r.int32(), r.string() or "", r.int32()
        r.string()  # rack
        brokers.append((node_id, host, port))
    if version >= 2:
        r.string()  # cluster_id
    r.int32()  # controller_id
    topics = []
    leaderless = []
    for _ in range(r.int32()):
        topic_error = r.int16()
        name = r.string() or ""
        internal = r.int8()
        if topic_error:
            leaderless.append(f"{name} (error {topic_error})")
        for _ in range(r.int32()):
            error = r.int16()
            index = r.int32()
            leader = r.int32()
            if error or leader < 0:
                leaderless.append(f"{name}-{index}")
            if version >= 7:
                r.int32()  # leader_epoch
            r.int32_array()  # replicas
            r.int32_array()  # isr
            if version >= 5:
                r.int32_array()  # offline_replicas
        if version >= 8:
            r.int32()  # topic_authorized_operations
        if not internal:
            topics.append(name)
    return brokers, sorted(topics), leaderless


def main() -> int:
    default = os.environ.get("NEWSROOM_KAFKA_BOOTSTRAP", "127.0.0.1:59092")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", default=default, help=f"host:port (default {default})")
    parser.add_argument("--timeout", type=float, default=3.0)
    parser.add_argument("--list-topics", action="store_true")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args()
    host, _, port = args.bootstrap.rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=args.timeout) as sock:
            versions = api_versions(sock)
            low, high = versions.get(API_METADATA, (0, -1))
            chosen = min(high, 8)
            if chosen < max(low, 1):
                raise RuntimeError(f"no Metadata version in 1..8 (broker offers {low}..{high})")
            brokers, topics, leaderless = metadata(sock, chosen)
    except (OSError, RuntimeError, struct.error) as exc:
        if not args.quiet:
            print(f"kafka at {args.bootstrap}: not ready: {exc}", file=sys.stderr)
        return 1
    if not brokers:
        if not args.quiet:
            print(f"kafka at {args.bootstrap}: no live broker in metadata yet", file=sys.stderr)
        return 1
    if leaderless:
        if not args.quiet:
            shown = ", ".join(leaderless[:5]) + (" ..." if len(leaderless) > 5 else "")
            print(
                f"kafka at {args.bootstrap}: partitions without a leader: {shown}", file=sys.stderr
            )
        return 1
    if args.list_topics:
        print("\n".join(topics))
    elif not args.quiet:
        print(f"kafka at {args.bootstrap}: ok, {len(versions)} APIs, brokers {brokers}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
