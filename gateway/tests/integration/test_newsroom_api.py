"""The signed-in newsroom API against the real content and editorial-approval services."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from newsroom_testkit.gateway import Tokens, bearer, eventually, problem

pytestmark = [pytest.mark.anyio, pytest.mark.keycloak]

T = "/v1/tenants/halong"


def unique(text: str) -> str:
    return f"{text} {uuid.uuid4().hex[:6]}"


async def create(
    client: httpx.AsyncClient, token: str, headline: str, tenant: str = "halong", **fields: Any
) -> dict[str, Any]:
    body = {"type": "news", "headline": headline, "body_html": "<p>Nội dung</p>", **fields}
    response = await client.post(f"/v1/tenants/{tenant}/stories", json=body, headers=bearer(token))
    assert response.status_code == 201, response.text
    story: dict[str, Any] = response.json()
    return story


async def test_story_crud_revisions_and_diff(client: httpx.AsyncClient, tokens: Tokens) -> None:
    token = tokens("halong.contributor")
    story = await create(client, token, unique("Bản nháp đầu tiên"), tags=["than", "mỏ"])
    assert story["status"] == "draft" and story["current_revision"] == 1
    assert story["author"]["username"] == "halong.contributor"
    url = f"{T}/stories/{story['id']}"
    fetched = (await client.get(url, headers=bearer(token))).json()
    assert fetched == story

    update = {
        "type": "news",
        "headline": story["headline"] + " (sửa)",
        "body_html": "<p>Nội dung mới</p>",
        "expected_revision": 1,
        "note": "sửa tiêu đề",
        "tags": ["than", "mỏ"],
    }
    saved = await client.put(url, json=update, headers=bearer(token))
    assert saved.status_code == 200, saved.text
    assert saved.json()["current_revision"] == 2
    stale = await client.put(url, json=update, headers=bearer(token))
    assert stale.status_code == 409
    assert problem(stale)["reason"] == "REVISION_CONFLICT"

    revisions = (await client.get(f"{url}/revisions", headers=bearer(token))).json()
    assert [r["number"] for r in revisions["items"]] == [2, 1]
    assert revisions["items"][0]["note"] == "sửa tiêu đề"
    first = (await client.get(f"{url}/revisions/1", headers=bearer(token))).json()
    assert first["headline"] == story["headline"]
    diff = (
        await client.get(f"{url}/diff", params={"from": 1, "to": 2}, headers=bearer(token))
    ).json()
    changed = {d["field"]: d for d in diff["diffs"]}
    assert {"headline", "body_html"} <= set(changed)
    assert changed["headline"]["new_value"].endswith("(sửa)")
    missing = await client.get(f"{url}/revisions/99", headers=bearer(token))
    assert missing.status_code == 404
    assert problem(missing)["reason"] == "REVISION_NOT_FOUND"

    # The preview: the published story's shape of a revision, never cached.
    preview = await client.get(f"{url}/preview", headers=bearer(token))
    assert preview.status_code == 200, preview.text
    assert preview.headers["cache-control"] == "private, no-store"
    shown = preview.json()
    assert (shown["revision"], shown["body_html"]) == (2, "<p>Nội dung mới</p>")
    assert [t["name"] for t in shown["tags"]] == ["than", "mỏ"]
    older = await client.get(f"{url}/preview", params={"revision": 1}, headers=bearer(token))
    assert older.json()["headline"] == story["headline"]
    for bad, status, reason in ((0, 400, "VALIDATION_FAILED"), (99, 404, "REVISION_NOT_FOUND")):
        refused = await client.get(
            f"{url}/preview", params={"revision": bad}, headers=bearer(token)
        )
        assert refused.status_code == status and problem(refused)["reason"] == reason


async def test_autosaves_fold_into_one_revision_and_the_version_catches_a_second_tab(
    client: httpx.AsyncClient, tokens: Tokens
) -> None:
    token = tokens("halong.contributor")
    story = await create(client, token, unique("Bài tự lưu"))
    assert (story["version"], story["working_revision"]) == (1, 0)
    url = f"{T}/stories/{story['id']}"

    def body(text: str, version: int, revision: int, **extra: Any) -> dict[str, Any]:
        return {
            "type": "news",
            "headline": story["headline"],
            "body_html": f"<p>{text}</p>",
            "expected_revision": revision,
            "expected_version": version,
            "autosave": True,
            **extra,
        }

    first = (await client.put(url, json=body("Một", 1, 1), headers=bearer(token))).json()
    assert (first["current_revision"], first["version"], first["working_revision"]) == (2, 2, 2)
    second = (await client.put(url, json=body("Một hai", 2, 2), headers=bearer(token))).json()
    assert (second["current_revision"], second["version"], second["working_revision"]) == (2, 3, 2)
    # A second tab still on version 2: same revision number, but not the latest save.
    other_tab = await client.put(url, json=body("Tab khác", 2, 2), headers=bearer(token))
    assert other_tab.status_code == 409 and problem(other_tab)["reason"] == "REVISION_CONFLICT"
    closing = body("Một hai ba", 3, 2, autosave=False)
    explicit = (await client.put(url, json=closing, headers=bearer(token))).json()
    assert (explicit["current_revision"], explicit["working_revision"]) == (2, 0)
    revisions = (await client.get(f"{url}/revisions", headers=bearer(token))).json()["items"]
    assert [(r["number"], r["saves"], r["body_html"]) for r in revisions] == [
        (2, 3, "<p>Một hai ba</p>"),
        (1, 1, "<p>Nội dung</p>"),
    ]


async def test_story_validation_errors_name_the_fields(
    client: httpx.AsyncClient, tokens: Tokens
) -> None:
    headers = bearer(tokens("halong.contributor"))
    response = await client.post(f"{T}/stories", json={"type": "news"}, headers=headers)
    assert response.status_code == 400
    assert [e["field"] for e in problem(response)["errors"]] == ["body.headline"]
    bad_type = await client.post(
        f"{T}/stories", json={"type": "rumour", "headline": "x", "extra": 1}, headers=headers
    )
    fields = {e["field"] for e in problem(bad_type)["errors"]}
    assert fields == {"body.type", "body.extra"}


async def test_story_list_paginates_with_cursors(client: httpx.AsyncClient, tokens: Tokens) -> None:
    token = tokens("halong.contributor2")
    created = {(await create(client, token, unique(f"Tin {i}")))["id"] for i in range(3)}
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(50):
        params: dict[str, Any] = {"limit": 1, "author": "me", "status": "draft"}
        if cursor:
            params["cursor"] = cursor
        page = (await client.get(f"{T}/stories", params=params, headers=bearer(token))).json()
        assert len(page["items"]) <= 1
        seen.extend(s["id"] for s in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert cursor is None
    assert len(seen) == len(set(seen))
    assert created <= set(seen)


async def test_review_workflow_comments_queue_and_audit(
    client: httpx.AsyncClient, tokens: Tokens
) -> None:
    author = bearer(tokens("halong.contributor"))
    editor = bearer(tokens("halong.editor"))
    board = bearer(tokens("halong.board"))
    story = await create(client, tokens("halong.contributor"), unique("Bài gửi duyệt"))
    url = f"{T}/stories/{story['id']}"

    request_id = f"submit-{uuid.uuid4().hex}"
    submitted = await client.post(
        f"{url}/submit", json={"revision": 1}, headers={**author, "X-Request-ID": request_id}
    )
    assert submitted.status_code == 200, submitted.text
    workflow = submitted.json()["workflow"]
    assert workflow["state"] in ("submitted", "in_review")
    assert [s["role"] for s in workflow["stages"]] == ["editor", "board"]

    queue = (await client.get(f"{T}/queue", params={"role": "editor"}, headers=editor)).json()
    assert story["id"] in {w["story_id"] for w in queue["items"]}

    comment = await client.post(
        f"{url}/comments",
        json={"revision": 1, "body": "Cần nguồn trích dẫn", "anchor": {"field": "body_html"}},
        headers=editor,
    )
    assert comment.status_code == 201, comment.text
    comment_id = comment.json()["id"]
    changes = await client.post(
        f"{url}/request-changes", json={"revision": 1, "reason": "Thêm nguồn"}, headers=editor
    )
    assert changes.json()["workflow"]["state"] == "changes_requested"
    resolved = await client.post(f"{url}/comments/{comment_id}/resolve", headers=author)
    assert resolved.status_code == 200 and resolved.json()["resolved"] is True
    comments = (await client.get(f"{url}/comments", headers=author)).json()["items"]
    assert [c["id"] for c in comments] == [comment_id]

    resubmitted = await client.post(f"{url}/submit", json={"revision": 1}, headers=author)
    assert resubmitted.json()["workflow"]["state"] in ("submitted", "in_review")
    wrong_stage = await client.post(f"{url}/approve", json={"revision": 1}, headers=board)
    assert wrong_stage.status_code == 403
    assert problem(wrong_stage)["reason"] == "NOT_STAGE_APPROVER"
    approved = await client.post(f"{url}/approve", json={"revision": 1}, headers=editor)
    assert approved.status_code == 200, approved.text
    assert approved.json()["workflow"]["current_stage"] == 1
    final = await client.post(f"{url}/approve", json={"revision": 1}, headers=board)
    assert final.json()["workflow"]["state"] == "published"  # final approval publishes
    again = await client.post(f"{url}/approve", json={"revision": 1}, headers=board)
    assert again.status_code == 409
    assert problem(again)["reason"] == "INVALID_TRANSITION"

    state = (await client.get(f"{url}/workflow", headers=author)).json()
    assert state["state"] == "published"
    assert [d["decision"] for d in state["decisions"]][-2:] == ["approved", "approved"]

    audit = (
        await client.get(f"{T}/audit", params={"story_id": story["id"]}, headers=editor)
    ).json()
    actions = [r["action"] for r in reversed(audit["items"])]
    assert actions == ["submit", "request_changes", "submit", "approve", "approve", "publish"]
    assert audit["items"][0]["actor"]["username"] == "halong.board"
    assert all(r["request_id"] for r in audit["items"])
    # The gateway's request id travelled in gRPC metadata into the service's audit record.
    assert audit["items"][-1]["request_id"] == request_id


async def test_nobody_approves_their_own_story(client: httpx.AsyncClient, tokens: Tokens) -> None:
    editor = bearer(tokens("halong.editor"))
    story = await create(client, tokens("halong.editor"), unique("Bài của biên tập viên"))
    url = f"{T}/stories/{story['id']}"
    assert (await client.post(f"{url}/submit", json={"revision": 1}, headers=editor)).is_success
    own = await client.post(f"{url}/approve", json={"revision": 1}, headers=editor)
    # The proto names FAILED_PRECONDITION (the story's own author is a state of the story,
    # not a missing permission), which the gateway maps to 409.
    assert own.status_code == 409
    body = problem(own)
    assert body["reason"] == "FOUR_EYES_VIOLATION"
    assert body["type"] == "https://newsroom.dev/problems/four-eyes-violation"


async def test_policy_sections_and_freezes(client: httpx.AsyncClient, tokens: Tokens) -> None:
    admin = bearer(tokens("uongbi.tenant-admin"))
    board = bearer(tokens("uongbi.board"))
    policy = (await client.get("/v1/tenants/uongbi/policy", headers=board)).json()
    assert [s["role"] for s in policy["stages"]] == ["editor", "board"]
    assert policy["official_statement_role"] == "spokesperson"
    updated = await client.put(
        "/v1/tenants/uongbi/policy",
        json={"stages": [{"role": "editor", "name": "Desk"}, {"role": "board", "name": "Ban"}]},
        headers=admin,
    )
    assert updated.status_code == 200, updated.text
    assert updated.json()["updated_by"]["username"] == "uongbi.tenant-admin"
    invalid = await client.put(
        "/v1/tenants/uongbi/policy", json={"stages": [{"role": "contributor"}]}, headers=admin
    )
    assert invalid.status_code == 400
    assert problem(invalid)["reason"] == "INVALID_POLICY"

    slug = f"muc-{uuid.uuid4().hex[:6]}"
    section = await client.post(
        "/v1/tenants/uongbi/sections", json={"slug": slug, "name": "Mục mới"}, headers=admin
    )
    assert section.status_code == 201, section.text
    taken = await client.post(
        "/v1/tenants/uongbi/sections", json={"slug": slug, "name": "Trùng"}, headers=admin
    )
    assert taken.status_code == 409
    assert problem(taken)["reason"] == "SECTION_SLUG_TAKEN"
    sections = (await client.get("/v1/tenants/uongbi/sections", headers=board)).json()
    assert slug in {s["slug"] for s in sections["items"]}

    frozen = await client.post(
        "/v1/tenants/uongbi/freezes", json={"reason": "Sự cố truyền thông"}, headers=board
    )
    assert frozen.status_code == 201, frozen.text
    assert frozen.json()["active"] is True and frozen.json()["scope"] == "tenant"
    active = (
        await client.get("/v1/tenants/uongbi/freezes", params={"active_only": True}, headers=board)
    ).json()
    assert frozen.json()["id"] in {f["id"] for f in active["items"]}
    lifted = await client.post(
        "/v1/tenants/uongbi/freezes/lift", json={"reason": "Đã xử lý"}, headers=board
    )
    assert lifted.status_code == 200 and lifted.json()["active"] is False
    again = await client.post("/v1/tenants/uongbi/freezes/lift", json={}, headers=board)
    assert again.status_code == 404
    assert problem(again)["reason"] == "FREEZE_NOT_FOUND"


async def test_staff_search_includes_internal_stories(
    client: httpx.AsyncClient, tokens: Tokens, newsroom: Any
) -> None:
    word = uuid.uuid4().hex[:8]
    story = newsroom.draft("halong", f"Thông báo nội bộ {word}", internal=True)
    newsroom.publish(story)
    headers = bearer(tokens("halong.contributor"))

    async def found_by_staff() -> bool:
        response = await client.get(f"{T}/search", params={"q": word}, headers=headers)
        return story.id in {h["story"]["story_id"] for h in response.json()["items"]}

    assert await eventually(found_by_staff, timeout_s=30)
    public = await client.get("/public/v1/tenants/halong/search", params={"q": word})
    assert story.id not in {h["story"]["story_id"] for h in public.json()["items"]}


def server_timing(response: httpx.Response) -> dict[str, float]:
    metrics = {}
    for entry in response.headers["server-timing"].split(","):
        name, _, duration = entry.strip().partition(";dur=")
        metrics[name] = float(duration)
    return metrics


async def test_signed_in_responses_say_where_the_time_went(
    client: httpx.AsyncClient, tokens: Tokens
) -> None:
    token = tokens("halong.contributor")
    story = await create(client, token, unique("Bài đo thời gian"))
    fetched = await client.get(f"{T}/stories/{story['id']}", headers=bearer(token))
    metrics = server_timing(fetched)
    assert set(metrics) == {"upstream", "gateway"}
    # The story came from content over gRPC: that call is inside the gateway's time.
    assert 0 < metrics["upstream"] <= metrics["gateway"]
    # No upstream call for a route the gateway answers alone; probes carry no header.
    assert server_timing(await client.get("/v1/me", headers=bearer(token)))["upstream"] == 0
    assert "server-timing" not in (await client.get("/healthz")).headers
