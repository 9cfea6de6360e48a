"""Proto <-> JSON model mapping: the only module that reads or builds API messages."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar

import orjson
from google.protobuf.timestamp_pb2 import Timestamp

from gateway import schemas
from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.content.v1 import story_pb2
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as editorial_pb
from newsroom.editorial_approval.v1 import (
    freeze_pb2,
    policy_pb2,
    workflow_pb2,
)
from newsroom.media_asset.v1 import asset_pb2
from newsroom_core.enums import WorkflowState, from_proto, story_status, to_proto
from newsroom_core.identity import Identity
from newsroom_core.timestamps import from_timestamp, to_timestamp

E = TypeVar("E", bound=StrEnum)
L = TypeVar("L", bound=schemas.LocalizedText)


def from_ts(message: Any, field: str) -> datetime | None:
    """``message.field`` as an aware UTC datetime; None when unset."""
    return from_timestamp(getattr(message, field)) if message.HasField(field) else None


def to_ts(value: datetime) -> Timestamp:
    """A naive ``value`` is taken to be UTC."""
    return to_timestamp(value)


def workflow_state(value: int) -> schemas.StoryStatus | None:
    """The API shows a workflow state as the story status it mirrors."""
    return story_status(from_proto(WorkflowState, value))


def _opt(value: str) -> str | None:
    return value or None


def actor(message: Any, field: str) -> schemas.Actor | None:
    if not message.HasField(field):
        return None
    value = getattr(message, field)
    if not value.user_id and not value.username:
        return None
    return schemas.Actor(
        user_id=value.user_id, username=value.username, display_name=value.display_name
    )


def media(items: Any) -> list[schemas.StoryMedia]:
    return [
        schemas.StoryMedia(
            asset_id=m.asset_id, caption=m.caption, credit=m.credit, asset_version=m.asset_version
        )
        for m in items
    ]


def media_to_proto(items: list[schemas.StoryMedia]) -> list[Any]:
    return [
        story_pb2.StoryMedia(
            asset_id=m.asset_id, caption=m.caption, credit=m.credit, asset_version=m.asset_version
        )
        for m in items
    ]


# -- media items of published stories ---------------------------------------------------------


def _media_file(value: Any) -> dict[str, Any]:
    return {
        "url": value.url,
        "width": value.width,
        "height": value.height,
        "content_type": value.content_type,
    }


def published_media_json(m: Any) -> dict[str, Any]:
    """A ``PublishedMedia`` message as the public JSON item (``schemas.PublishedMedia``'s
    field order: the same bytes as the model's dump)."""
    return {
        "asset_id": m.asset_id,
        "version": m.version,
        "kind": _enum_json(schemas.AssetKind, asset_pb2.AssetKind, m.kind),
        "title": m.title,
        "caption": m.caption,
        "credit": m.credit,
        "alt": m.alt,
        "width": m.width,
        "height": m.height,
        "renditions": [_media_file(r) for r in m.renditions],
        "card": _media_file(m.card) if m.HasField("card") and m.card.url else None,
        "poster": _media_file(m.poster) if m.HasField("poster") and m.poster.url else None,
        "hls_url": m.hls_url or None,
        "duration_ms": m.duration_ms,
        "subtitles": [
            {"language": s.language, "label": s.label, "url": s.url} for s in m.subtitles
        ],
        "thumbnails_vtt_url": m.thumbnails_vtt_url or None,
        "download_url": m.download_url or None,
        "items": [published_media_json(i) for i in m.items],
    }


def published_media(m: Any) -> schemas.PublishedMedia:
    return schemas.PublishedMedia.model_validate(published_media_json(m))


# -- tenants, sections ----------------------------------------------------------------------


def tenant(message: Any) -> schemas.Tenant:
    return schemas.Tenant(
        slug=message.slug,
        name=message.name,
        default_language=message.default_language,
        group_tenant=message.group_tenant,
    )


def section(message: Any) -> schemas.Section:
    return schemas.Section(
        id=message.id,
        tenant=message.tenant,
        slug=message.slug,
        name=message.name,
        description=message.description,
        parent_id=_opt(message.parent_id),
        position=message.position,
    )


def create_section_request(tenant_slug: str, body: schemas.SectionCreate) -> Any:
    return content_pb.CreateSectionRequest(
        tenant=tenant_slug,
        slug=body.slug,
        name=body.name,
        description=body.description,
        parent_id=body.parent_id or "",
        position=body.position,
    )


# -- stories --------------------------------------------------------------------------------


def _story_fields(body: schemas.StoryFields) -> dict[str, Any]:
    return {
        "type": to_proto(story_pb2.StoryType, body.type),
        "visibility": to_proto(story_pb2.Visibility, body.visibility),
        "language": body.language,
        "headline": body.headline,
        "slug": body.slug,
        "slugline": body.slugline,
        "byline": body.byline,
        "summary": body.summary,
        "body_html": body.body_html,
        "section_id": body.section_id or "",
        "tags": list(body.tags),
        "media": media_to_proto(body.media),
    }


def create_story_request(tenant_slug: str, body: schemas.StoryCreate) -> Any:
    return content_pb.CreateStoryRequest(tenant=tenant_slug, **_story_fields(body))


def update_story_request(tenant_slug: str, story_id: str, body: schemas.StoryUpdate) -> Any:
    return content_pb.UpdateStoryRequest(
        tenant=tenant_slug,
        story_id=story_id,
        expected_revision=body.expected_revision,
        expected_version=body.expected_version,
        autosave=body.autosave,
        note=body.note,
        **_story_fields(body),
    )


def _editable_fields(message: Any) -> dict[str, Any]:
    """The fields a story and each of its revisions share (what an editor can change)."""
    return {
        "type": from_proto(schemas.StoryType, message.type),
        "visibility": from_proto(schemas.Visibility, message.visibility),
        "language": message.language,
        "headline": message.headline,
        "slug": message.slug,
        "slugline": message.slugline,
        "byline": message.byline,
        "summary": message.summary,
        "body_html": message.body_html,
        "section_id": _opt(message.section_id),
        "tags": list(message.tags),
        "media": media(message.media),
        "author": actor(message, "author"),
    }


def story(message: Any) -> schemas.Story:
    syndicated = None
    if message.HasField("syndicated_from") and message.syndicated_from.story_id:
        syndicated = schemas.StoryRef(
            tenant=message.syndicated_from.tenant, story_id=message.syndicated_from.story_id
        )
    return schemas.Story(
        id=message.id,
        tenant=message.tenant,
        **_editable_fields(message),
        status=from_proto(schemas.StoryStatus, message.status),
        current_revision=message.current_revision,
        published_revision=message.published_revision,
        created_at=from_ts(message, "created_at"),
        updated_at=from_ts(message, "updated_at"),
        published_at=from_ts(message, "published_at"),
        syndicated_from=syndicated,
        version=message.version,
        working_revision=message.working_revision,
    )


def revision(message: Any) -> schemas.Revision:
    return schemas.Revision(
        story_id=message.story_id,
        number=message.number,
        **_editable_fields(message),
        created_at=from_ts(message, "created_at"),
        updated_at=from_ts(message, "updated_at"),
        saves=message.saves,
        note=message.note,
    )


def revision_diff(message: Any) -> schemas.RevisionDiff:
    return schemas.RevisionDiff(
        story_id=message.story_id,
        from_revision=message.from_revision,
        to_revision=message.to_revision,
        diffs=[
            schemas.FieldDiff(
                field=d.field,
                old_value=d.old_value,
                new_value=d.new_value,
                unified_diff=d.unified_diff,
            )
            for d in message.diffs
        ],
    )


def story_status_to_proto(status: schemas.StoryStatus | None) -> Any:
    return to_proto(story_pb2.StoryStatus, status)


def story_type_to_proto(story_type: schemas.StoryType | None) -> Any:
    return to_proto(story_pb2.StoryType, story_type)


# -- published read model --------------------------------------------------------------------


def published_summary(message: Any) -> schemas.PublishedStorySummary:
    lead = None
    if message.HasField("lead_media_item") and message.lead_media_item.asset_id:
        lead = published_media(message.lead_media_item)
    return schemas.PublishedStorySummary(
        tenant=message.tenant,
        story_id=message.story_id,
        slug=message.slug,
        headline=message.headline,
        summary=message.summary,
        byline=message.byline,
        section_slug=message.section_slug,
        section_name=message.section_name,
        type=from_proto(schemas.StoryType, message.type),
        visibility=from_proto(schemas.Visibility, message.visibility),
        language=message.language,
        lead_media=lead,
        published_at=from_ts(message, "published_at"),
        updated_at=from_ts(message, "updated_at"),
        tags=[schemas.Tag(slug=t.slug, name=t.name) for t in message.tags],
    )


def published_story(message: Any) -> schemas.PublishedStory:
    return schemas.PublishedStory(
        tenant=message.tenant,
        story_id=message.story_id,
        slug=message.slug,
        headline=message.headline,
        summary=message.summary,
        body_html=message.body_html,
        byline=message.byline,
        section_slug=message.section_slug,
        section_name=message.section_name,
        tags=[schemas.Tag(slug=t.slug, name=t.name) for t in message.tags],
        type=from_proto(schemas.StoryType, message.type),
        visibility=from_proto(schemas.Visibility, message.visibility),
        language=message.language,
        media=[published_media(m) for m in message.media_items],
        revision=message.revision,
        published_at=from_ts(message, "published_at"),
        updated_at=from_ts(message, "updated_at"),
        correction_note=message.correction_note,
    )


# -- lean JSON for the hot public read -------------------------------------------------------
# ``published_story_json`` writes the same bytes as
# ``published_story(message).model_dump_json()`` (tests/unit/test_mappers.py checks it)
# without building and validating a pydantic model on every uncached public read.

_EPOCH = datetime(1970, 1, 1)
_ENUM_JSON: dict[type[StrEnum], dict[int, str]] = {}
# compact UTF-8 like pydantic (orjson: ~1 us a story instead of ~20 with the json module)
_encode = orjson.dumps


def _enum_json(cls: type[E], proto_enum: Any, value: int) -> str | None:
    """``from_proto(cls, value).value`` from a table built once per enum."""
    table = _ENUM_JSON.get(cls)
    if table is None:
        table = {to_proto(proto_enum, member): member.value for member in cls}
        _ENUM_JSON[cls] = table
    return table.get(value)


def _ts_json(message: Any, field: str) -> str | None:
    """``from_ts`` as pydantic writes it: RFC 3339 in UTC with a ``Z``."""
    if not message.HasField(field):
        return None
    value: Timestamp = getattr(message, field)
    seconds, nanos = value.seconds, value.nanos
    if seconds == 0 and nanos == 0:
        return None
    return (_EPOCH + timedelta(seconds=seconds, microseconds=nanos // 1000)).isoformat() + "Z"


def published_story_json(message: Any) -> bytes:
    """The public ``schemas.PublishedStory`` JSON of a ``PublishedStory`` message."""
    return _encode(
        {
            "tenant": message.tenant,
            "story_id": message.story_id,
            "slug": message.slug,
            "headline": message.headline,
            "summary": message.summary,
            "body_html": message.body_html,
            "byline": message.byline,
            "section_slug": message.section_slug,
            "section_name": message.section_name,
            "tags": [{"slug": t.slug, "name": t.name} for t in message.tags],
            "type": _enum_json(schemas.StoryType, story_pb2.StoryType, message.type),
            "visibility": _enum_json(schemas.Visibility, story_pb2.Visibility, message.visibility),
            "language": message.language,
            "media": [published_media_json(m) for m in message.media_items],
            "revision": message.revision,
            "published_at": _ts_json(message, "published_at"),
            "updated_at": _ts_json(message, "updated_at"),
            "correction_note": message.correction_note,
        }
    )


def site(value: Any) -> schemas.Site:
    """A ``gateway.sites.Site``."""
    return schemas.Site(
        tenant=value.tenant,
        name=value.name,
        default_language=value.default_language,
        group_tenant=value.group_tenant,
        base_url=value.base_url,
        hostname=value.hostname,
        sections=[
            schemas.SiteSection(slug=s.slug, name=s.name, description=s.description)
            for s in value.sections
        ],
    )


def search_hit(message: Any) -> schemas.SearchHit:
    return schemas.SearchHit(
        story=published_summary(message.story), rank=message.rank, snippet_html=message.snippet_html
    )


# -- workflow --------------------------------------------------------------------------------


def stage(message: Any) -> schemas.ApprovalStage | None:
    role = from_proto(schemas.ApprovalRole, message.role)
    return None if role is None else schemas.ApprovalStage(role=role, name=message.name)


def workflow(message: Any) -> schemas.Workflow:
    stages = [s for s in (stage(m) for m in message.stages) if s is not None]
    return schemas.Workflow(
        story_id=message.story_id,
        tenant=message.tenant,
        state=workflow_state(message.state),
        story_type=from_proto(schemas.StoryType, message.story_type),
        author_id=message.author_id,
        revision=message.revision,
        stages=stages,
        current_stage=message.current_stage,
        decisions=[
            schemas.StageDecision(
                stage=d.stage,
                role=from_proto(schemas.ApprovalRole, d.role),
                decided_by=actor(d, "decided_by"),
                decision=from_proto(schemas.Decision, d.decision),
                revision=d.revision,
                decided_at=from_ts(d, "decided_at"),
                comment=d.comment,
            )
            for d in message.decisions
        ],
        scheduled_at=from_ts(message, "scheduled_at"),
        embargo_until=from_ts(message, "embargo_until"),
        fast_track=message.fast_track,
        frozen_hold=message.frozen_hold,
        updated_at=from_ts(message, "updated_at"),
        headline=message.headline,
        submitted_at=from_ts(message, "submitted_at"),
        published_revision=message.published_revision,
    )


def takedown(message: Any) -> schemas.Takedown:
    return schemas.Takedown(
        id=message.id,
        tenant=message.tenant,
        story_id=message.story_id,
        reason=message.reason,
        fast_track=message.fast_track,
        requested_by=actor(message, "requested_by"),
        requested_at=from_ts(message, "requested_at"),
        targets=[
            schemas.TakedownTarget(
                kind=from_proto(schemas.TakedownTargetKind, t.kind),
                status=from_proto(schemas.TakedownTargetStatus, t.status),
                channel_id=t.channel_id,
                channel_name=t.channel_name,
                post_job_id=t.post_job_id,
                external_post_id=t.external_post_id,
                detail=t.detail,
                confirmed_at=from_ts(t, "confirmed_at"),
            )
            for t in message.targets
        ],
        complete=message.complete,
        updated_at=from_ts(message, "updated_at"),
    )


def workflow_result(response: Any) -> schemas.WorkflowResult:
    has_takedown = hasattr(response, "takedown") and response.HasField("takedown")
    return schemas.WorkflowResult(
        workflow=workflow(response.workflow),
        takedown=takedown(response.takedown) if has_takedown else None,
    )


def fast_track_request(tenant_slug: str, story_id: str, body: schemas.FastTrackBody) -> Any:
    return editorial_pb.FastTrackRequest(
        tenant=tenant_slug,
        story_id=story_id,
        action=to_proto(workflow_pb2.FastTrackAction, body.action),
        reason=body.reason,
        revision=body.revision,
        correction_note=body.correction_note,
    )


def nomination_result(response: Any) -> schemas.NominationResult:
    n = response.nomination
    return schemas.NominationResult(
        nomination=schemas.Nomination(
            id=n.id,
            story_id=n.story_id,
            source_tenant=n.source_tenant,
            source_revision=n.source_revision,
            target_tenant=n.target_tenant,
            nominated_by=actor(n, "nominated_by"),
            note=n.note,
            nominated_at=from_ts(n, "nominated_at"),
            group_story_id=_opt(n.group_story_id),
        ),
        workflow=workflow(response.workflow),
    )


def comment(message: Any) -> schemas.Comment:
    anchor = None
    if message.HasField("anchor") and message.anchor.field:
        a = message.anchor
        anchor = schemas.CommentAnchor(
            field=a.field, quote=a.quote, start_offset=a.start_offset, end_offset=a.end_offset
        )
    return schemas.Comment(
        id=message.id,
        story_id=message.story_id,
        tenant=message.tenant,
        revision=message.revision,
        author=actor(message, "author"),
        body=message.body,
        anchor=anchor,
        created_at=from_ts(message, "created_at"),
        resolved=message.resolved,
        resolved_by=actor(message, "resolved_by"),
        resolved_at=from_ts(message, "resolved_at"),
    )


def add_comment_request(tenant_slug: str, story_id: str, body: schemas.CommentCreate) -> Any:
    request = editorial_pb.AddCommentRequest(
        tenant=tenant_slug, story_id=story_id, revision=body.revision, body=body.body
    )
    if body.anchor is not None:
        request.anchor.field = body.anchor.field
        request.anchor.quote = body.anchor.quote
        request.anchor.start_offset = body.anchor.start_offset
        request.anchor.end_offset = body.anchor.end_offset
    return request


def approval_roles(values: Any) -> list[schemas.ApprovalRole]:
    roles = (from_proto(schemas.ApprovalRole, r) for r in values)
    return [r for r in roles if r is not None]


def audit_record(message: Any) -> schemas.AuditRecord:
    return schemas.AuditRecord(
        id=message.id,
        tenant=message.tenant,
        story_id=_opt(message.story_id),
        actor=actor(message, "actor"),
        actor_roles=approval_roles(message.actor_roles),
        action=from_proto(schemas.AuditAction, message.action),
        from_state=workflow_state(message.from_state),
        to_state=workflow_state(message.to_state),
        reason=message.reason,
        revision=message.revision,
        at=from_ts(message, "at"),
        request_id=message.request_id,
        fast_track=message.fast_track,
        subject=actor(message, "subject"),
        roles_before=approval_roles(message.roles_before),
        roles_after=approval_roles(message.roles_after),
    )


def policy(message: Any) -> schemas.Policy:
    return schemas.Policy(
        tenant=message.tenant,
        stages=[s for s in (stage(m) for m in message.stages) if s is not None],
        official_statement_role=from_proto(schemas.ApprovalRole, message.official_statement_role),
        updated_at=from_ts(message, "updated_at"),
        updated_by=actor(message, "updated_by"),
    )


def set_policy_request(tenant_slug: str, body: schemas.PolicyUpdate) -> Any:
    return editorial_pb.SetPolicyRequest(
        tenant=tenant_slug,
        stages=[
            policy_pb2.ApprovalStage(role=to_proto(policy_pb2.ApprovalRole, s.role), name=s.name)
            for s in body.stages
        ],
        official_statement_role=to_proto(policy_pb2.ApprovalRole, body.official_statement_role),
    )


def approval_role_to_proto(role: schemas.ApprovalRole) -> Any:
    return to_proto(policy_pb2.ApprovalRole, role)


def freeze(message: Any) -> schemas.Freeze:
    return schemas.Freeze(
        id=message.id,
        scope=from_proto(schemas.FreezeScope, message.scope),
        tenant=_opt(message.tenant),
        active=message.active,
        reason=message.reason,
        set_by=actor(message, "set_by"),
        set_at=from_ts(message, "set_at"),
        lifted_by=actor(message, "lifted_by"),
        lifted_at=from_ts(message, "lifted_at"),
        lift_reason=message.lift_reason,
    )


def freeze_scope_to_proto(scope: schemas.FreezeScope) -> Any:
    return to_proto(freeze_pb2.FreezeScope, scope)


def me(identity: Identity) -> schemas.Me:
    return schemas.Me(
        user_id=identity.user_id,
        username=identity.username,
        display_name=identity.display_name,
        tenants=[
            schemas.TenantRoles(tenant=t, roles=sorted(r))
            for t, r in sorted(identity.tenant_roles.items())
        ],
        realm_roles=sorted(identity.realm_roles),
        platform_admin=identity.is_platform_admin,
    )


# -- media assets ----------------------------------------------------------------------------


def localized(value: Any) -> schemas.LocalizedText:
    return schemas.LocalizedText(vi=value.vi, en=value.en)


def _localized_as(kind: type[L], value: Any) -> L:
    return kind(vi=value.vi, en=value.en)


def localized_to_proto(value: schemas.LocalizedText) -> asset_pb2.LocalizedText:
    return asset_pb2.LocalizedText(vi=value.vi, en=value.en)


def asset_metadata(value: Any) -> schemas.AssetMetadata:
    return schemas.AssetMetadata(
        title=_localized_as(schemas.LocalizedTitle, value.title),
        caption=localized(value.caption),
        credit=value.credit,
        alt_text=_localized_as(schemas.LocalizedAlt, value.alt_text),
        licence=value.licence,
        captured_at=from_ts(value, "captured_at"),
    )


def asset_metadata_to_proto(value: schemas.AssetMetadata) -> asset_pb2.AssetMetadata:
    return asset_pb2.AssetMetadata(
        title=localized_to_proto(value.title),
        caption=localized_to_proto(value.caption),
        credit=value.credit,
        alt_text=localized_to_proto(value.alt_text),
        licence=value.licence,
        captured_at=to_ts(value.captured_at) if value.captured_at else None,
    )


def gallery_items_to_proto(items: list[schemas.GalleryItem]) -> list[asset_pb2.GalleryItem]:
    return [
        asset_pb2.GalleryItem(
            asset_id=i.asset_id,
            asset_version=i.asset_version,
            caption=localized_to_proto(i.caption),
        )
        for i in items
    ]


def asset_version(value: Any) -> schemas.AssetVersion:
    return schemas.AssetVersion(
        number=value.number,
        status=from_proto(schemas.AssetStatus, value.status),
        filename=value.filename,
        content_type=value.content_type,
        size_bytes=value.size_bytes,
        sha256=value.sha256,
        width=value.width,
        height=value.height,
        duration_ms=value.duration_ms,
        renditions=[
            schemas.Rendition(
                role=from_proto(schemas.RenditionRole, r.role),
                path=r.path,
                content_type=r.content_type,
                width=r.width,
                height=r.height,
                bitrate_bps=r.bitrate_bps,
                size_bytes=r.size_bytes,
                language=r.language,
                label=r.label,
                url=r.url,
            )
            for r in value.renditions
        ],
        progress_percent=value.progress_percent,
        failure_reason=value.failure_reason,
        failure_detail=value.failure_detail,
        attempts=value.attempts,
        items=[
            schemas.GalleryItem(
                asset_id=i.asset_id, asset_version=i.asset_version, caption=localized(i.caption)
            )
            for i in value.items
        ],
        created_by=actor(value, "created_by"),
        created_at=from_ts(value, "created_at"),
        ready_at=from_ts(value, "ready_at"),
        focal_point=(
            schemas.FocalPoint(x=value.focal_point.x, y=value.focal_point.y)
            if value.HasField("focal_point")
            else None
        ),
        subtitles=[
            schemas.SubtitleTrack(asset_id=s.asset_id, language=s.language, label=s.label)
            for s in value.subtitles
        ],
    )


def asset(value: Any) -> schemas.Asset:
    return schemas.Asset(
        id=value.id,
        tenant=value.tenant,
        kind=from_proto(schemas.AssetKind, value.kind),
        metadata=asset_metadata(value.metadata),
        current_version=value.current_version,
        version=asset_version(value.version),
        published=value.published,
        created_by=actor(value, "created_by"),
        created_at=from_ts(value, "created_at"),
        updated_at=from_ts(value, "updated_at"),
    )


def upload_session(value: Any) -> schemas.UploadSession:
    return schemas.UploadSession(
        upload_id=value.upload_id,
        part_size_bytes=value.part_size_bytes,
        part_count=value.part_count,
        parts=[
            schemas.UploadPart(part_number=p.part_number, url=p.url, size_bytes=p.size_bytes)
            for p in value.parts
        ],
        urls_expire_at=from_ts(value, "urls_expire_at"),
        abandon_at=from_ts(value, "abandon_at"),
    )
