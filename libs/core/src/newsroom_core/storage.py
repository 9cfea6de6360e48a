"""Object storage (S3 API) through the minio client: the only place that builds one."""

from __future__ import annotations

from datetime import timedelta

from minio import Minio
from pydantic import BaseModel, SecretStr


class StorageSettings(BaseModel):
    endpoint: str = "127.0.0.1:59000"
    access_key: str = "newsroom"
    secret_key: SecretStr = SecretStr("newsroom-dev-secret")
    secure: bool = False
    region: str = "us-east-1"
    bucket: str = "newsroom"
    presign_expiry_s: int = 900


def make_client(settings: StorageSettings) -> Minio:
    return Minio(
        settings.endpoint,
        access_key=settings.access_key,
        secret_key=settings.secret_key.get_secret_value(),
        secure=settings.secure,
        region=settings.region,
    )


def ensure_bucket(client: Minio, bucket: str) -> None:
    if not client.bucket_exists(bucket):
        client.make_bucket(bucket)


def tenant_prefix(tenant: str) -> str:
    """Every object of a tenant lives under ``tenants/<slug>/``."""
    return f"tenants/{tenant}/"


def presigned_get(client: Minio, bucket: str, key: str, expiry_s: int) -> str:
    return str(client.presigned_get_object(bucket, key, expires=timedelta(seconds=expiry_s)))


def presigned_put(client: Minio, bucket: str, key: str, expiry_s: int) -> str:
    return str(client.presigned_put_object(bucket, key, expires=timedelta(seconds=expiry_s)))
