"""gRPC servicer of newsroom.media_asset.v1.MediaAssetService: the request message in,
the use case of its aggregate, the response message out. The only module with *_pb2
requests."""

from __future__ import annotations

from dataclasses import dataclass

import grpc

from media_asset_service.assets import mappers
from media_asset_service.assets.galleries import GalleryUseCases
from media_asset_service.assets.service import AssetUseCases, AssetView
from media_asset_service.quotas.service import QuotaUseCases, Usage
from media_asset_service.uploads.service import OpenUpload, UploadStart, UploadUseCases
from media_asset_service.usage.service import DeliveryUseCases
from newsroom.media_asset.v1 import asset_pb2
from newsroom.media_asset.v1 import media_asset_service_pb2 as pb
from newsroom.media_asset.v1 import media_asset_service_pb2_grpc as pb_grpc
from newsroom_core.enums import to_proto
from newsroom_core.grpc.metadata import current_identity, optional_identity
from newsroom_core.grpc.server import ServiceBinding
from newsroom_core.timestamps import to_timestamp

SERVICE_NAME = "newsroom.media_asset.v1.MediaAssetService"
Context = grpc.ServicerContext


@dataclass(frozen=True, kw_only=True)
class MediaAssetServicer(pb_grpc.MediaAssetServiceServicer):
    """Holds each aggregate's use cases side by side; a method per RPC, nothing else."""

    assets: AssetUseCases
    galleries: GalleryUseCases
    uploads: UploadUseCases
    quotas: QuotaUseCases
    delivery: DeliveryUseCases

    def _asset(self, view: AssetView) -> asset_pb2.Asset:
        return mappers.asset_to_pb(
            view.asset, view.version, published=view.published, url_of=self.assets.staff_url
        )

    # --- uploads -------------------------------------------------------------------------

    def CreateUploadSession(
        self, request: pb.CreateUploadSessionRequest, context: Context
    ) -> pb.CreateUploadSessionResponse:
        started = self.uploads.start(
            current_identity(),
            UploadStart(
                tenant=request.tenant,
                asset_id=request.asset_id,
                filename=request.filename,
                content_type=request.content_type,
                size_bytes=request.size_bytes,
                sha256=request.sha256,
                metadata=(
                    mappers.metadata_from_pb(request.metadata)
                    if request.HasField("metadata")
                    else None
                ),
                focal_point=(
                    (request.focal_point.x, request.focal_point.y)
                    if request.HasField("focal_point")
                    else None
                ),
                subtitles=tuple(mappers.subtitles_from_pb(list(request.subtitles))),
            ),
        )
        return pb.CreateUploadSessionResponse(
            asset=self._asset(started.view), upload=_upload_to_pb(started.upload)
        )

    def ListUploadParts(
        self, request: pb.ListUploadPartsRequest, context: Context
    ) -> pb.ListUploadPartsResponse:
        found = self.uploads.list_parts(
            current_identity(), tenant=request.tenant, asset_id=request.asset_id
        )
        return pb.ListUploadPartsResponse(
            stored=[
                pb.StoredPart(part_number=p.number, size_bytes=p.size, etag=p.etag)
                for p in found.stored
            ],
            upload=_upload_to_pb(found.upload),
        )

    def CompleteUpload(
        self, request: pb.CompleteUploadRequest, context: Context
    ) -> pb.CompleteUploadResponse:
        view = self.uploads.complete(
            current_identity(),
            tenant=request.tenant,
            asset_id=request.asset_id,
            upload_id=request.upload_id,
            sha256=request.sha256,
        )
        return pb.CompleteUploadResponse(asset=self._asset(view))

    def AbortUpload(
        self, request: pb.AbortUploadRequest, context: Context
    ) -> pb.AbortUploadResponse:
        view = self.uploads.abort(
            current_identity(), tenant=request.tenant, asset_id=request.asset_id
        )
        return pb.AbortUploadResponse(asset=self._asset(view) if view is not None else None)

    # --- assets --------------------------------------------------------------------------

    def GetAsset(self, request: pb.GetAssetRequest, context: Context) -> pb.GetAssetResponse:
        view = self.assets.get(
            current_identity(),
            tenant=request.tenant,
            asset_id=request.asset_id,
            version=request.version,
        )
        return pb.GetAssetResponse(asset=self._asset(view))

    def ListAssets(self, request: pb.ListAssetsRequest, context: Context) -> pb.ListAssetsResponse:
        page = self.assets.list_assets(
            current_identity(),
            tenant=request.tenant,
            kind=mappers.kind_from_pb(request.kind),
            status=mappers.status_from_pb(request.status),
            size=request.page_size,
            token=request.page_token,
            query=request.query,
        )
        return pb.ListAssetsResponse(
            assets=[self._asset(v) for v in page.items], next_page_token=page.next_page_token
        )

    def UpdateAssetMetadata(
        self, request: pb.UpdateAssetMetadataRequest, context: Context
    ) -> pb.UpdateAssetMetadataResponse:
        view = self.assets.update_metadata(
            current_identity(),
            tenant=request.tenant,
            asset_id=request.asset_id,
            metadata=mappers.metadata_from_pb(request.metadata),
        )
        return pb.UpdateAssetMetadataResponse(asset=self._asset(view))

    def DeleteAsset(
        self, request: pb.DeleteAssetRequest, context: Context
    ) -> pb.DeleteAssetResponse:
        self.assets.delete(current_identity(), tenant=request.tenant, asset_id=request.asset_id)
        return pb.DeleteAssetResponse()

    # --- galleries -----------------------------------------------------------------------

    def CreateGallery(
        self, request: pb.CreateGalleryRequest, context: Context
    ) -> pb.CreateGalleryResponse:
        view = self.galleries.create(
            current_identity(),
            tenant=request.tenant,
            metadata=mappers.metadata_from_pb(request.metadata),
            items=mappers.gallery_items_from_pb(list(request.items)),
        )
        return pb.CreateGalleryResponse(asset=self._asset(view))

    def UpdateGallery(
        self, request: pb.UpdateGalleryRequest, context: Context
    ) -> pb.UpdateGalleryResponse:
        view = self.galleries.update(
            current_identity(),
            tenant=request.tenant,
            asset_id=request.asset_id,
            items=mappers.gallery_items_from_pb(list(request.items)),
        )
        return pb.UpdateGalleryResponse(asset=self._asset(view))

    # --- delivery ------------------------------------------------------------------------

    def GetDownloadUrl(
        self, request: pb.GetDownloadUrlRequest, context: Context
    ) -> pb.GetDownloadUrlResponse:
        found = self.assets.download_url(
            current_identity(),
            tenant=request.tenant,
            asset_id=request.asset_id,
            version=request.version,
            path=request.path,
        )
        return pb.GetDownloadUrlResponse(
            url=found.url,
            expires_at=to_timestamp(found.expires_at),
            content_type=found.content_type,
        )

    def ResolveAttachments(
        self, request: pb.ResolveAttachmentsRequest, context: Context
    ) -> pb.ResolveAttachmentsResponse:
        resolved = self.assets.resolve_attachments(
            current_identity(),
            tenant=request.tenant,
            attachments=[(a.asset_id, a.asset_version) for a in request.attachments],
        )
        return pb.ResolveAttachmentsResponse(
            attachments=[
                pb.ResolvedAttachment(
                    asset_id=r.asset_id,
                    asset_version=r.version,
                    kind=to_proto(asset_pb2.AssetKind, r.kind),
                    problems=[
                        pb.AttachmentProblem(reason=p.reason, asset_id=p.asset_id)
                        for p in r.problems
                    ],
                )
                for r in resolved
            ]
        )

    def ResolveFile(
        self, request: pb.ResolveFileRequest, context: Context
    ) -> pb.ResolveFileResponse:
        answer = self.delivery.resolve_file(
            optional_identity(),
            tenant=request.tenant,
            asset_id=request.asset_id,
            version=request.version,
            path=request.path,
        )
        return pb.ResolveFileResponse(
            content_type=answer.content_type,
            body=answer.body,
            redirect_url=answer.redirect_url,
            max_age_s=answer.max_age_s,
        )

    # --- quotas --------------------------------------------------------------------------

    def GetTenantUsage(
        self, request: pb.GetTenantUsageRequest, context: Context
    ) -> pb.GetTenantUsageResponse:
        usage = self.quotas.usage(current_identity(), tenant=request.tenant)
        return pb.GetTenantUsageResponse(**_usage(usage))

    def SetTenantQuota(
        self, request: pb.SetTenantQuotaRequest, context: Context
    ) -> pb.SetTenantQuotaResponse:
        usage = self.quotas.set_quota(
            current_identity(), tenant=request.tenant, quota_bytes=request.quota_bytes
        )
        return pb.SetTenantQuotaResponse(**_usage(usage))


def _usage(usage: Usage) -> dict[str, int]:
    return {"used_bytes": usage.used_bytes, "quota_bytes": usage.quota_bytes}


def _upload_to_pb(upload: OpenUpload) -> pb.UploadSession:
    return pb.UploadSession(
        upload_id=upload.upload_id,
        part_size_bytes=upload.part_size,
        part_count=upload.part_count,
        parts=[
            pb.UploadPart(part_number=p.number, url=p.url, size_bytes=p.size) for p in upload.parts
        ],
        urls_expire_at=to_timestamp(upload.urls_expire_at),
        abandon_at=to_timestamp(upload.abandon_at),
    )


def binding(servicer: MediaAssetServicer) -> ServiceBinding:
    return ServiceBinding(servicer, pb_grpc.add_MediaAssetServiceServicer_to_server, SERVICE_NAME)
