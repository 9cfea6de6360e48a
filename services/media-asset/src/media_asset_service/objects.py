"""The bucket as this service uses it: multipart uploads the browser fills through
presigned part URLs, ranged reads, streamed downloads, prefixes deleted and copied.

Built on the ``minio`` client (``newsroom_core.storage.make_client``). The multipart
calls the client keeps private (create, list parts, complete, abort, list uploads) are
the S3 API itself; they are wrapped here, in one place.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from minio import Minio
from minio.commonconfig import CopySource
from minio.datatypes import Part
from minio.deleteobjects import DeleteObject
from minio.error import S3Error

from newsroom_core.storage import StorageSettings, ensure_bucket, make_client

log = logging.getLogger(__name__)

CHUNK = 1024 * 1024
# ListParts and ListMultipartUploads answer at most 1000 entries a page.
LIST_PAGE = 1000


@dataclass(frozen=True, slots=True)
class StoredPart:
    number: int
    size: int
    etag: str


@dataclass(frozen=True, slots=True)
class PendingUpload:
    key: str
    upload_id: str
    initiated: datetime | None


@dataclass(frozen=True, slots=True)
class ObjectStore:
    client: Minio
    bucket: str

    @classmethod
    def connect(cls, settings: StorageSettings) -> ObjectStore:
        client = make_client(settings)
        ensure_bucket(client, settings.bucket)
        return cls(client, settings.bucket)

    # --- multipart uploads ---------------------------------------------------------------

    def create_multipart(self, key: str, content_type: str) -> str:
        # The declared type is only a label here: every object is served with the type
        # detected from its bytes.
        return self.client._create_multipart_upload(
            self.bucket, key, {"Content-Type": "application/octet-stream"}
        )

    def presign_part(self, key: str, upload_id: str, number: int, expires_s: int) -> str:
        return str(
            self.client.get_presigned_url(
                "PUT",
                self.bucket,
                key,
                expires=timedelta(seconds=expires_s),
                extra_query_params={"partNumber": str(number), "uploadId": upload_id},
            )
        )

    def list_parts(self, key: str, upload_id: str) -> list[StoredPart]:
        """Every part the store has, in order (pages of 1000 followed)."""
        parts: list[StoredPart] = []
        marker: str | None = None
        while True:
            result = self.client._list_parts(
                self.bucket, key, upload_id, max_parts=LIST_PAGE, part_number_marker=marker
            )
            parts.extend(StoredPart(p.part_number, p.size or 0, p.etag) for p in result.parts)
            if not result.is_truncated or not result.next_part_number_marker:
                return parts
            marker = result.next_part_number_marker

    def complete_multipart(self, key: str, upload_id: str, parts: list[StoredPart]) -> None:
        self.client._complete_multipart_upload(
            self.bucket, key, upload_id, [Part(p.number, p.etag) for p in parts]
        )

    def abort_multipart(self, key: str, upload_id: str) -> None:
        try:
            self.client._abort_multipart_upload(self.bucket, key, upload_id)
        except S3Error as exc:
            if exc.code != "NoSuchUpload":
                raise

    def pending_uploads(self, prefix: str) -> Iterator[PendingUpload]:
        """Multipart uploads started under ``prefix`` and neither completed nor aborted."""
        key_marker: str | None = None
        upload_marker: str | None = None
        while True:
            result = self.client._list_multipart_uploads(
                self.bucket,
                prefix=prefix,
                key_marker=key_marker,
                upload_id_marker=upload_marker,
                max_uploads=LIST_PAGE,
            )
            for upload in result.uploads:
                if upload.upload_id:
                    yield PendingUpload(upload.object_name, upload.upload_id, upload.initiated_time)
            if not result.is_truncated or not result.uploads:
                return
            key_marker = result.uploads[-1].object_name
            upload_marker = result.uploads[-1].upload_id

    # --- objects -------------------------------------------------------------------------

    def size_of(self, key: str) -> int | None:
        try:
            return int(self.client.stat_object(self.bucket, key).size or 0)
        except S3Error as exc:
            if exc.code in ("NoSuchKey", "NoSuchObject"):
                return None
            raise

    def read_range(self, key: str, offset: int, length: int) -> bytes:
        response = self.client.get_object(self.bucket, key, offset=offset, length=length)
        try:
            return bytes(response.read())
        finally:
            response.close()
            response.release_conn()

    def read_all(self, key: str) -> bytes:
        response = self.client.get_object(self.bucket, key)
        try:
            return bytes(response.read())
        finally:
            response.close()
            response.release_conn()

    def download(self, key: str, path: Path, on_chunk: Callable[[bytes], None]) -> int:
        """Stream ``key`` into ``path`` (1 MiB at a time: memory stays flat whatever the
        size), calling ``on_chunk`` with each piece (a running checksum); bytes read."""
        response = self.client.get_object(self.bucket, key)
        total = 0
        try:
            with path.open("wb") as out:
                for chunk in response.stream(CHUNK):
                    out.write(chunk)
                    on_chunk(chunk)
                    total += len(chunk)
        finally:
            response.close()
            response.release_conn()
        return total

    def upload_file(self, key: str, path: Path, content_type: str) -> None:
        self.client.fput_object(self.bucket, key, str(path), content_type=content_type)

    def put_bytes(self, key: str, data: bytes, content_type: str) -> None:
        self.client.put_object(
            self.bucket, key, io.BytesIO(data), len(data), content_type=content_type
        )

    def copy(self, source: str, target: str) -> None:
        self.client.copy_object(self.bucket, target, CopySource(self.bucket, source))

    def keys(self, prefix: str) -> list[str]:
        return [
            str(o.object_name)
            for o in self.client.list_objects(self.bucket, prefix=prefix, recursive=True)
            if o.object_name
        ]

    def delete_keys(self, keys: list[str]) -> None:
        if not keys:
            return
        errors = list(self.client.remove_objects(self.bucket, [DeleteObject(k) for k in keys]))
        if errors:
            raise RuntimeError(f"could not delete {len(errors)} objects: {errors[0]}")

    def delete_prefix(self, prefix: str) -> int:
        """Delete every object under ``prefix``; how many there were."""
        doomed = self.keys(prefix)
        self.delete_keys(doomed)
        return len(doomed)

    def delete(self, key: str) -> None:
        self.client.remove_object(self.bucket, key)

    def presign_get(self, key: str, expires_s: int, *, content_type: str = "") -> str:
        params: dict[str, str | list[str] | tuple[str]] | None = (
            {"response-content-type": content_type} if content_type else None
        )
        return str(
            self.client.get_presigned_url(
                "GET",
                self.bucket,
                key,
                expires=timedelta(seconds=expires_s),
                extra_query_params=params,
            )
        )

    def allow_public_reads(self, prefix: str) -> None:
        """Anonymous GET on ``prefix`` (public delivery mode); nothing else is public."""
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": ["*"]},
                    "Action": ["s3:GetObject"],
                    "Resource": [f"arn:aws:s3:::{self.bucket}/{prefix}*"],
                }
            ],
        }
        self.client.set_bucket_policy(self.bucket, json.dumps(policy))
