from __future__ import annotations

import uuid

from content_service.stories.diff import diff_fields, field_values
from content_service.stories.models import StoryRevision


def revision(number: int, **changes: object) -> StoryRevision:
    base: dict[str, object] = {
        "story_id": uuid.uuid4(),
        "number": number,
        "type": "news",
        "headline": "Than Hạ Long ứng phó bão",
        "slug": "than-ha-long-ung-pho-bao",
        "body_html": "<p>Đoạn một.</p><p>Đoạn hai.</p><p>Đoạn ba.</p>",
        "tags": ["bão Yagi", "an toàn"],
        "media": [{"asset_id": "a1", "caption": "Ảnh", "credit": "TKV"}],
        "author_id": "u1",
    }
    base.update(changes)
    return StoryRevision.model_validate(base)


def test_only_changed_fields_in_revision_order() -> None:
    old = revision(1)
    new = revision(
        2,
        headline="Than Hạ Long khắc phục hậu quả bão",
        body_html="<p>Đoạn một.</p><p>Đoạn hai đã sửa.</p><p>Đoạn ba.</p>",
        tags=["bão Yagi", "khắc phục"],
    )
    changes = diff_fields(field_values(old), field_values(new), from_label="r1", to_label="r2")
    assert [c.field for c in changes] == ["headline", "body_html", "tags"]
    body = changes[1]
    assert body.old_value == old.body_html and body.new_value == new.body_html
    assert "--- body_html@r1" in body.unified_diff and "+++ body_html@r2" in body.unified_diff
    assert "-<p>Đoạn hai.</p>" in body.unified_diff
    assert "+<p>Đoạn hai đã sửa.</p>" in body.unified_diff
    assert " <p>Đoạn một.</p>" in body.unified_diff, "unchanged paragraphs are context lines"
    tags = changes[2]
    assert tags.old_value == "bão Yagi\nan toàn"
    assert "-an toàn" in tags.unified_diff and "+khắc phục" in tags.unified_diff


def test_identical_revisions_have_no_diff() -> None:
    assert (
        diff_fields(
            field_values(revision(1)), field_values(revision(2)), from_label="r1", to_label="r2"
        )
        == []
    )


def test_media_changes_are_listed_per_item() -> None:
    new = revision(2, media=[{"asset_id": "a1", "caption": "Ảnh mới", "credit": "TKV"}])
    (change,) = diff_fields(
        field_values(revision(1)), field_values(new), from_label="r1", to_label="r2"
    )
    assert change.field == "media"
    assert change.new_value == "a1 | Ảnh mới | TKV"
