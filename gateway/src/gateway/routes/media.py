"""Media: uploads straight to object storage, assets and their metadata, galleries,
renditions (media-asset service), and the public media route readers' URLs point at.

No file body ever passes through the gateway: an upload gets presigned part URLs and the
browser PUTs the parts to the object store itself; files are answered with a redirect to
a short-lived presigned GET (playlists and WebVTT inline, a few KB, since their relative
references must resolve against this URL rather than the store's).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response
from fastapi.responses import RedirectResponse

from gateway import mappers, schemas
from gateway.deps import ANY_MEMBER, SLUG_PATTERN, Caller, Paging, State, next_cursor, tenant_role
from gateway.openapi import upstream
from gateway.schemas import NO_NUL
from newsroom.media_asset.v1 import asset_pb2
from newsroom.media_asset.v1 import media_asset_service_pb2 as pb
from newsroom_core.enums import to_proto

MEDIA_WRITERS = ("contributor", "editor", "board", "tenant-admin")

MediaWriter = Annotated[Caller, Depends(tenant_role(*MEDIA_WRITERS))]
MediaMember = Annotated[Caller, Depends(tenant_role(*ANY_MEMBER))]

router = APIRouter(prefix="/v1/tenants/{tenant}", tags=["media"])
public_router = APIRouter(prefix="/public/v1/media", tags=["public"])

AssetId = Annotated[
    str, Path(max_length=64, pattern=NO_NUL, description="Mã tệp (UUID) / asset id")
]
VersionNumber = Annotated[
    int, Path(ge=1, le=schemas.INT32_MAX, description="Phiên bản / version number")
]
FilePath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=500,
        pattern=r"^[A-Za-z0-9._/-]+$",
        description="Đường dẫn tệp trong phiên bản, ví dụ hls/master.m3u8 / file path",
    ),
]

REDIRECT: dict[int | str, dict[str, Any]] = {
    302: {
        "description": "Tới URL ký trước ngắn hạn của kho / to a short-lived presigned URL",
        "headers": {"Location": {"schema": {"type": "string"}}},
    }
}
INLINE: dict[str, Any] = {
    "description": "Danh sách phát HLS hoặc WebVTT / an HLS playlist or WebVTT file",
    "content": {
        "application/vnd.apple.mpegurl": {"schema": {"type": "string"}},
        "text/vtt": {"schema": {"type": "string"}},
    },
}


async def _asset_reply(state: State, caller: Caller, method: str, request: Any) -> schemas.Asset:
    reply = await state.upstreams.media_call(method, request, identity=caller.identity)
    return mappers.asset(reply.asset)


# --- uploads -------------------------------------------------------------------------------


@router.post(
    "/uploads",
    status_code=201,
    summary="Bắt đầu tải lên / start an upload",
    description="Tạo tệp mới (hoặc phiên bản mới khi có `asset_id`) và một lượt tải lên "
    "nhiều phần: mỗi phần có URL PUT ký trước, gửi thẳng lên kho lưu trữ (không qua cổng). "
    "Kích thước phần được chọn theo kích thước tệp (5 MiB..5 GiB, tối đa 10.000 phần). "
    "/ Creates an asset (or, with `asset_id`, its next version) and a multipart upload: "
    "PUT each part to its presigned URL, straight to object storage. 413 FILE_TOO_LARGE "
    "(over the kind's limit) or QUOTA_EXCEEDED (the tenant's quota); 415 "
    "UNSUPPORTED_CONTENT_TYPE.",
    responses=upstream("media.CreateUploadSession"),
)
async def start_upload(
    body: schemas.UploadStart, caller: MediaWriter, state: State
) -> schemas.UploadStarted:
    request = pb.CreateUploadSessionRequest(
        tenant=caller.tenant,
        asset_id=body.asset_id or "",
        filename=body.filename,
        content_type=body.content_type,
        size_bytes=body.size_bytes,
        sha256=body.sha256 or "",
        metadata=mappers.asset_metadata_to_proto(body.metadata) if body.metadata else None,
        focal_point=(
            asset_pb2.FocalPoint(x=body.focal_point.x, y=body.focal_point.y)
            if body.focal_point
            else None
        ),
        subtitles=[
            asset_pb2.SubtitleTrack(asset_id=s.asset_id, language=s.language, label=s.label)
            for s in body.subtitles
        ],
    )
    reply = await state.upstreams.media_call(
        "CreateUploadSession", request, identity=caller.identity
    )
    return schemas.UploadStarted(
        asset=mappers.asset(reply.asset), upload=mappers.upload_session(reply.upload)
    )


@router.get(
    "/assets/{asset_id}/upload",
    summary="Các phần đã tải lên (tiếp tục) / resume an upload",
    description="Các phần kho đã có (S3 ListParts) và URL mới cho các phần còn thiếu: sau "
    "khi mất kết nối chỉ gửi tiếp những phần này. / The parts the store already has and "
    "fresh URLs for the missing ones only.",
    responses=upstream("media.ListUploadParts"),
)
async def list_upload_parts(
    asset_id: AssetId, caller: MediaWriter, state: State
) -> schemas.UploadParts:
    reply = await state.upstreams.media_call(
        "ListUploadParts",
        pb.ListUploadPartsRequest(tenant=caller.tenant, asset_id=asset_id),
        identity=caller.identity,
    )
    return schemas.UploadParts(
        stored=[
            schemas.StoredPart(part_number=p.part_number, size_bytes=p.size_bytes, etag=p.etag)
            for p in reply.stored
        ],
        upload=mappers.upload_session(reply.upload),
    )


@router.post(
    "/assets/{asset_id}/upload/complete",
    summary="Hoàn tất tải lên / complete an upload",
    description="Gửi kèm SHA-256 của cả tệp (băm trong lúc gửi các phần) nếu chưa gửi khi "
    "bắt đầu. Kiểm tra đủ phần, kích thước và loại thật (magic bytes); tệp chuyển sang "
    "VERIFYING, bộ xử lý kiểm SHA-256 rồi tạo các bản dẫn xuất. / Give the whole file's "
    "SHA-256 (hashed while the parts were in flight) unless given at the start. Checks every "
    "part, the size and the real type; the worker then verifies the SHA-256 "
    "(CHECKSUM_MISMATCH: REJECTED) and makes renditions. 400 SHA256_REQUIRED / "
    "SHA256_MISMATCH / INVALID_SHA256 (nothing changes: complete again with the right "
    "digest); 415 EXECUTABLE_REFUSED / TYPE_MISMATCH / UNSUPPORTED_TYPE (the version is "
    "REJECTED).",
    responses=upstream("media.CompleteUpload"),
)
async def complete_upload(
    asset_id: AssetId, body: schemas.UploadComplete, caller: MediaWriter, state: State
) -> schemas.Asset:
    return await _asset_reply(
        state,
        caller,
        "CompleteUpload",
        pb.CompleteUploadRequest(
            tenant=caller.tenant,
            asset_id=asset_id,
            upload_id=body.upload_id,
            sha256=body.sha256 or "",
        ),
    )


@router.delete(
    "/assets/{asset_id}/upload",
    status_code=204,
    summary="Huỷ tải lên / abort an upload",
    responses=upstream("media.AbortUpload"),
)
async def abort_upload(asset_id: AssetId, caller: MediaWriter, state: State) -> Response:
    await state.upstreams.media_call(
        "AbortUpload",
        pb.AbortUploadRequest(tenant=caller.tenant, asset_id=asset_id),
        identity=caller.identity,
    )
    return Response(status_code=204)


# --- assets --------------------------------------------------------------------------------


@router.get(
    "/assets",
    summary="Danh sách tệp / list assets",
    description="Mới nhất trước / newest first.",
    responses=upstream("media.ListAssets"),
)
async def list_assets(
    caller: MediaMember,
    state: State,
    page: Paging,
    kind: Annotated[schemas.AssetKind | None, Query(description="Loại / kind")] = None,
    status: Annotated[
        schemas.AssetStatus | None, Query(description="Trạng thái bản mới nhất / status")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=schemas.NO_NUL,
            description="Tìm trong tiêu đề, chú thích, mô tả ảnh, nguồn, tên tệp, người tải "
            "lên; không dấu cũng được, mọi từ phải có. / Words to find in title, caption, alt "
            "text, credit, file name and uploader, accent-insensitive; every word must match.",
        ),
    ] = None,
) -> schemas.Page[schemas.Asset]:
    reply = await state.upstreams.media_call(
        "ListAssets",
        pb.ListAssetsRequest(
            tenant=caller.tenant,
            page_size=page.limit,
            page_token=page.cursor,
            kind=to_proto(asset_pb2.AssetKind, kind),
            status=to_proto(asset_pb2.AssetStatus, status),
            query=q or "",
        ),
        identity=caller.identity,
    )
    return schemas.Page[schemas.Asset](
        items=[mappers.asset(a) for a in reply.assets],
        next_cursor=next_cursor(reply.next_page_token),
    )


@router.get(
    "/assets/{asset_id}",
    summary="Xem tệp / get an asset",
    description="Với tiến độ xử lý, lý do lỗi và URL ký trước của các bản dẫn xuất. / With "
    "processing progress, the failure reason and presigned rendition URLs.",
    responses=upstream("media.GetAsset"),
)
async def get_asset(
    asset_id: AssetId,
    caller: MediaMember,
    state: State,
    version: Annotated[
        int, Query(ge=0, le=schemas.INT32_MAX, description="0 = mới nhất / 0: the latest")
    ] = 0,
) -> schemas.Asset:
    return await _asset_reply(
        state,
        caller,
        "GetAsset",
        pb.GetAssetRequest(tenant=caller.tenant, asset_id=asset_id, version=version),
    )


@router.put(
    "/assets/{asset_id}/metadata",
    summary="Sửa thông tin tệp / update an asset's metadata",
    description="Thay toàn bộ thông tin (tiếng Việt và tiếng Anh). / Replaces the whole "
    "metadata, in Vietnamese and English.",
    responses=upstream("media.UpdateAssetMetadata"),
)
async def update_metadata(
    asset_id: AssetId, body: schemas.AssetMetadata, caller: MediaWriter, state: State
) -> schemas.Asset:
    return await _asset_reply(
        state,
        caller,
        "UpdateAssetMetadata",
        pb.UpdateAssetMetadataRequest(
            tenant=caller.tenant,
            asset_id=asset_id,
            metadata=mappers.asset_metadata_to_proto(body),
        ),
    )


@router.delete(
    "/assets/{asset_id}",
    status_code=204,
    summary="Xoá tệp / delete an asset",
    description="Xoá mềm, tệp trên kho được dọn sau; không xoá được tệp của bài đã đăng "
    "(409 ASSET_IN_USE). / Soft delete, objects removed by the worker; refused for an "
    "asset a published story shows.",
    responses=upstream("media.DeleteAsset"),
)
async def delete_asset(asset_id: AssetId, caller: MediaWriter, state: State) -> Response:
    await state.upstreams.media_call(
        "DeleteAsset",
        pb.DeleteAssetRequest(tenant=caller.tenant, asset_id=asset_id),
        identity=caller.identity,
    )
    return Response(status_code=204)


@router.get(
    "/assets/{asset_id}/versions/{version}/files/{path:path}",
    status_code=302,
    summary="Tệp của một phiên bản (xem trước) / a version's file, for staff previews",
    description="Chuyển hướng tới URL ký trước; danh sách phát và WebVTT trả trực tiếp. / "
    "Redirects to a presigned URL; playlists and WebVTT are answered inline.",
    responses={**REDIRECT, 200: INLINE, **upstream("media.ResolveFile")},
)
async def staff_file(
    asset_id: AssetId, version: VersionNumber, path: FilePath, caller: MediaMember, state: State
) -> Response:
    reply = await state.upstreams.media_call(
        "ResolveFile",
        pb.ResolveFileRequest(tenant=caller.tenant, asset_id=asset_id, version=version, path=path),
        identity=caller.identity,
    )
    return _file_response(reply, public=False)


# --- galleries -----------------------------------------------------------------------------


@router.post(
    "/galleries",
    status_code=201,
    summary="Tạo bộ ảnh / create a gallery",
    description="Các ảnh theo thứ tự, mỗi ảnh một chú thích; phiên bản ảnh được ghim. / "
    "Ordered images with captions; each image version is pinned.",
    responses=upstream("media.CreateGallery"),
)
async def create_gallery(
    body: schemas.GalleryCreate, caller: MediaWriter, state: State
) -> schemas.Asset:
    return await _asset_reply(
        state,
        caller,
        "CreateGallery",
        pb.CreateGalleryRequest(
            tenant=caller.tenant,
            metadata=mappers.asset_metadata_to_proto(body.metadata),
            items=mappers.gallery_items_to_proto(body.items),
        ),
    )


@router.put(
    "/galleries/{asset_id}/items",
    summary="Đổi ảnh của bộ ảnh / change a gallery's images",
    description="Tạo phiên bản mới của bộ ảnh; bài đã duyệt vẫn giữ phiên bản cũ. / Makes the "
    "gallery's next version; approved stories keep the version they pinned.",
    responses=upstream("media.UpdateGallery"),
)
async def update_gallery(
    asset_id: AssetId, body: schemas.GalleryUpdate, caller: MediaWriter, state: State
) -> schemas.Asset:
    return await _asset_reply(
        state,
        caller,
        "UpdateGallery",
        pb.UpdateGalleryRequest(
            tenant=caller.tenant,
            asset_id=asset_id,
            items=mappers.gallery_items_to_proto(body.items),
        ),
    )


# --- quota ---------------------------------------------------------------------------------


@router.get(
    "/media-usage",
    summary="Dung lượng đã dùng / storage used and quota",
    responses=upstream("media.GetTenantUsage"),
)
async def media_usage(caller: MediaMember, state: State) -> schemas.MediaUsage:
    reply = await state.upstreams.media_call(
        "GetTenantUsage",
        pb.GetTenantUsageRequest(tenant=caller.tenant),
        identity=caller.identity,
    )
    return schemas.MediaUsage(used_bytes=reply.used_bytes, quota_bytes=reply.quota_bytes)


@router.put(
    "/media-quota",
    summary="Đặt hạn mức lưu trữ / set the storage quota",
    description="Chỉ quản trị nền tảng (403 PLATFORM_ADMIN_REQUIRED). / Platform admins only.",
    responses=upstream("media.SetTenantQuota"),
)
async def set_quota(
    body: schemas.QuotaUpdate, caller: MediaMember, state: State
) -> schemas.MediaUsage:
    reply = await state.upstreams.media_call(
        "SetTenantQuota",
        pb.SetTenantQuotaRequest(tenant=caller.tenant, quota_bytes=body.quota_bytes),
        identity=caller.identity,
    )
    return schemas.MediaUsage(used_bytes=reply.used_bytes, quota_bytes=reply.quota_bytes)


# --- readers -------------------------------------------------------------------------------


@public_router.get(
    "/tenants/{tenant}/assets/{asset_id}/v{version}/{path:path}",
    status_code=302,
    summary="Tệp của bài đã đăng / a published story's media file",
    description="Chỉ phiên bản mà một bài đã đăng hiển thị: bản nháp và tệp của bài đã gỡ "
    "là 404. Chuyển hướng tới URL ký trước ngắn hạn; danh sách phát HLS và WebVTT trả trực "
    "tiếp. / Only versions a published story shows (drafts and retracted stories' media are "
    "404 MEDIA_NOT_PUBLISHED). Redirects to a short-lived presigned GET; HLS playlists and "
    "WebVTT are answered inline.",
    responses={**REDIRECT, 200: INLINE, **upstream("media.ResolveFilePublic")},
)
async def public_file(
    tenant: Annotated[str, Path(pattern=SLUG_PATTERN, description="Mã đơn vị / tenant slug")],
    asset_id: AssetId,
    version: VersionNumber,
    path: FilePath,
    state: State,
) -> Response:
    reply = await state.upstreams.media_call(
        "ResolveFile",
        pb.ResolveFileRequest(tenant=tenant, asset_id=asset_id, version=version, path=path),
        identity=None,
    )
    return _file_response(reply, public=True)


def _file_response(reply: Any, *, public: bool) -> Response:
    scope = "public" if public else "private"
    headers = {"Cache-Control": f"{scope}, max-age={max(reply.max_age_s, 0)}"}
    if public:  # players on the portal's origin (hls.js) fetch these cross-origin
        headers["Access-Control-Allow-Origin"] = "*"
    if reply.redirect_url:
        return RedirectResponse(reply.redirect_url, status_code=302, headers=headers)
    return Response(content=reply.body, media_type=reply.content_type, headers=headers)
