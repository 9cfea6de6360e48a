from __future__ import annotations

import hashlib
import urllib.request

import pytest

from newsroom_core.localstack import Infra
from newsroom_core.storage import (
    StorageSettings,
    ensure_bucket,
    make_client,
    presigned_get,
    presigned_put,
)
from newsroom_core.testing.run import bucket_name

pytestmark = pytest.mark.s3


def test_presigned_put_then_get_round_trip(infra: Infra, s3_endpoint: str) -> None:
    settings = StorageSettings(
        endpoint=s3_endpoint,
        access_key=infra["NEWSROOM_S3_ACCESS_KEY"],
        secret_key=infra["NEWSROOM_S3_SECRET_KEY"],
    )
    client = make_client(settings)
    bucket = bucket_name("storage")
    ensure_bucket(client, bucket)
    ensure_bucket(client, bucket)  # idempotent
    key = "tenants/halong/assets/a1/original.bin"
    body = ("ảnh gốc " * 1000).encode()
    try:
        put = urllib.request.Request(
            presigned_put(client, bucket, key, 60), data=body, method="PUT"
        )
        with urllib.request.urlopen(put, timeout=10) as reply:
            assert reply.status == 200
        with urllib.request.urlopen(presigned_get(client, bucket, key, 60), timeout=10) as reply:
            assert hashlib.sha256(reply.read()).hexdigest() == hashlib.sha256(body).hexdigest()
        stat = client.stat_object(bucket, key)
        assert stat.size == len(body)
    finally:
        for obj in client.list_objects(bucket, recursive=True):
            client.remove_object(bucket, obj.object_name or "")
        client.remove_bucket(bucket)
