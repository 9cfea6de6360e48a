"""What a published snapshot holds, built from a revision: one function for the
publication that stores it (``editorial``) and the preview that only shows it
(``PublishingUseCases.preview_story``), so a preview is exactly what publishing stores."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from content_service.media.service import snapshot_media
from content_service.stories.models import Story, StoryRevision
from content_service.tenants import repository as tenant_repo
from content_service.text import html_to_text, slugify


def snapshot_values(
    session: Session,
    story: Story,
    revision: StoryRevision,
    *,
    published_at: datetime,
    updated_at: datetime,
    note: str,
) -> dict[str, Any]:
    """The ``PublishedStory`` columns of ``revision`` (its etag covers what readers see)."""
    section = (
        tenant_repo.get_section(
            session=session, tenant=story.tenant, section_id=revision.section_id
        )
        if revision.section_id
        else None
    )
    content: dict[str, Any] = {
        "slug": revision.slug,
        "revision": revision.number,
        "type": revision.type,
        "visibility": revision.visibility,
        "language": revision.language,
        "headline": revision.headline,
        "summary": revision.summary,
        "body_html": revision.body_html,
        "byline": revision.byline,
        "section_slug": section.slug if section else "",
        "section_name": section.name if section else "",
        "tags": list(revision.tags),
        "tag_slugs": [slugify(t) for t in revision.tags],
        "media": snapshot_media(session, revision.media, revision.language),
        "correction_note": note,
        "updated_at": updated_at.astimezone(UTC).isoformat(),
    }
    return {
        **content,
        "story_id": story.id,
        "tenant": story.tenant,
        "section_id": section.id if section else None,
        "body_text": html_to_text(revision.body_html),
        "published_at": published_at,
        "updated_at": updated_at,
        "etag": _etag(content),
    }


def _etag(values: dict[str, Any]) -> str:
    raw = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'
