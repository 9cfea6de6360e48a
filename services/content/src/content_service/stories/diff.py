"""Per-field differences between two revisions, with a unified diff of each change."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from content_service.stories.models import StoryBase
from content_service.text import html_lines

# Revision field order (newsroom.content.v1.Revision).
DIFF_FIELDS = (
    "type",
    "visibility",
    "language",
    "headline",
    "slug",
    "slugline",
    "byline",
    "summary",
    "body_html",
    "section_id",
    "tags",
    "media",
)


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old_value: str
    new_value: str
    unified_diff: str


def field_values(revision: StoryBase) -> dict[str, str]:
    """Every diffable field as text; repeated fields one item per line."""
    return {
        "type": revision.type,
        "visibility": revision.visibility,
        "language": revision.language,
        "headline": revision.headline,
        "slug": revision.slug,
        "slugline": revision.slugline,
        "byline": revision.byline,
        "summary": revision.summary,
        "body_html": revision.body_html,
        "section_id": str(revision.section_id) if revision.section_id else "",
        "tags": "\n".join(revision.tags),
        "media": "\n".join(
            " | ".join(
                (
                    f"{m.get('asset_id', '')} v{m['asset_version']}"
                    if m.get("asset_version")
                    else str(m.get("asset_id", "")),
                    m.get("caption", ""),
                    m.get("credit", ""),
                )
            )
            for m in revision.media
        ),
    }


def _lines(field: str, value: str) -> list[str]:
    return html_lines(value) if field == "body_html" else value.splitlines()


def unified(field: str, old: str, new: str, from_label: str, to_label: str) -> str:
    return "\n".join(
        difflib.unified_diff(
            _lines(field, old),
            _lines(field, new),
            fromfile=f"{field}@{from_label}",
            tofile=f"{field}@{to_label}",
            lineterm="",
        )
    )


def diff_fields(
    old: Mapping[str, str], new: Mapping[str, str], *, from_label: str, to_label: str
) -> list[FieldChange]:
    """Changed fields only, in Revision field order."""
    changes: list[FieldChange] = []
    for field in DIFF_FIELDS:
        before, after = old.get(field, ""), new.get(field, "")
        if before != after:
            patch = unified(field, before, after, from_label, to_label)
            changes.append(FieldChange(field, before, after, patch))
    return changes
