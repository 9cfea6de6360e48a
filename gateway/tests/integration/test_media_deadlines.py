"""The gateway's deadlines for media-asset calls: CompleteUpload has its own (the store
assembles up to 1,000 parts), every other call keeps the upstream's ``deadline_s``.

The real media-asset service (its database and bucket on the local stack) served
in-process behind a servicer that answers each call 1.5 s late, as a loaded store would.
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections.abc import Callable, Iterator

import grpc
import pytest

from gateway.settings import GatewaySettings, MediaUpstreamSettings
from media_asset_service import grpc_api
from media_asset_service.grpc_api import MediaAssetServicer
from newsroom.media_asset.v1 import media_asset_service_pb2 as pb
from newsroom_core.grpc.server import GrpcServer
from newsroom_core.localstack import Infra
from newsroom_testkit.gateway import Tokens, bearer, gateway_client, problem
from newsroom_testkit.media import MediaService, media_service
from newsroom_testkit.media import test_storage as media_storage
from newsroom_testkit.services import serve

pytestmark = [pytest.mark.anyio, pytest.mark.keycloak, pytest.mark.postgres, pytest.mark.s3]

LATE_S = 1.5
API = "/v1/tenants/halong"


@dataclasses.dataclass(frozen=True, kw_only=True)
class LateMediaServicer(MediaAssetServicer):
    """media-asset's own servicer, each answer ``LATE_S`` late."""

    def CompleteUpload(
        self, request: pb.CompleteUploadRequest, context: grpc.ServicerContext
    ) -> pb.CompleteUploadResponse:
        time.sleep(LATE_S)
        return super().CompleteUpload(request, context)

    def GetAsset(
        self, request: pb.GetAssetRequest, context: grpc.ServicerContext
    ) -> pb.GetAssetResponse:
        time.sleep(LATE_S)
        return super().GetAsset(request, context)


@pytest.fixture(scope="module")
def media(database_factory: Callable[[str], str], infra: Infra) -> Iterator[MediaService]:
    service = media_service(
        database_factory("gateway_media"), media_storage(infra), events_topic="test.unused"
    )
    yield service
    service.stop()


@pytest.fixture(scope="module")
def late_media(media: MediaService) -> Iterator[GrpcServer]:
    servicer = media.aggregates.servicer()
    late = LateMediaServicer(
        **{f.name: getattr(servicer, f.name) for f in dataclasses.fields(servicer)}
    )
    server = serve(grpc_api.binding(late))
    yield server
    server.stop(0)


def with_media(settings: GatewaySettings, media: MediaUpstreamSettings) -> GatewaySettings:
    return settings.model_copy(update={"media": media})


async def test_complete_upload_has_its_own_deadline(
    gateway_settings: GatewaySettings, late_media: GrpcServer, tokens: Tokens
) -> None:
    headers = bearer(tokens("halong.contributor"))
    asset_id = str(uuid.uuid4())
    complete = {"upload_id": "u1", "sha256": "a" * 64}
    settings = with_media(
        gateway_settings,
        MediaUpstreamSettings(
            target=late_media.address, deadline_s=0.5, complete_upload_deadline_s=30
        ),
    )
    async with gateway_client(settings) as (_, client):
        # any other media call: the upstream's 0.5 s, so 504
        read = await client.get(f"{API}/assets/{asset_id}", headers=headers)
        assert read.status_code == 504, read.text
        assert problem(read)["reason"] == "DEADLINE_EXCEEDED"
        # CompleteUpload waits its own 30 s: the service's real answer comes through
        done = await client.post(
            f"{API}/assets/{asset_id}/upload/complete", json=complete, headers=headers
        )
        assert done.status_code == 404, done.text
        assert problem(done)["reason"] == "ASSET_NOT_FOUND"

    short = with_media(
        gateway_settings,
        MediaUpstreamSettings(
            target=late_media.address, deadline_s=30, complete_upload_deadline_s=0.5
        ),
    )
    async with gateway_client(short) as (_, client):
        done = await client.post(
            f"{API}/assets/{asset_id}/upload/complete", json=complete, headers=headers
        )
        assert done.status_code == 504, done.text
        read = await client.get(f"{API}/assets/{asset_id}", headers=headers)
        assert read.status_code == 404 and problem(read)["reason"] == "ASSET_NOT_FOUND"
