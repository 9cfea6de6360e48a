"""A steady stream of stories through the gateway, as editors would push them.

Each client works in one tenant as its contributor, editor and board member (Keycloak
tokens of the demo users) and runs every story to the end of its plan: create, submit,
the editor's and the board's approvals (publication), and for some stories a correction
(a new revision, then ``correct``), a retraction, a request for changes, or a stop while
in review. A command is acknowledged by a 2xx answer. Any other outcome (5xx, timeout,
connection refused) is unknown: the client reads the story's state back and only sends
the command again if it did not happen, so a command is applied at most once, and the
journal holds, per story, the state its last acknowledged command asked for.

A watcher polls the portal (the gateway's public API) for every change that should show
there (published, corrected, retracted) and notes when it first does.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import httpx

from newsroom_testkit.gateway import Tokens

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class Plan(StrEnum):
    """Where a story's script ends."""

    PUBLISH = "published"
    CORRECT = "corrected"
    RETRACT = "retracted"
    HOLD = "in_review"  # the editor approved; the board has not decided
    CHANGES = "changes_requested"


def plan_for(n: int) -> Plan:
    """Deterministic mix: 10% corrected, 5% retracted, 4% held in review, 4% sent back."""
    if n % 20 == 7:
        return Plan.RETRACT
    if n % 10 == 3:
        return Plan.CORRECT
    if n % 25 == 11:
        return Plan.HOLD
    if n % 25 == 19:
        return Plan.CHANGES
    return Plan.PUBLISH


@dataclass
class PortalChange:
    """Something the portal must show once the pipeline has carried it."""

    state: str  # published | corrected | retracted
    acked_at: float
    seen_at: float | None = None
    checked_at: float = 0.0  # last time the watcher asked the portal


@dataclass
class Story:
    key: str
    tenant: str
    plan: Plan
    headline: str
    story_id: str = ""
    slug: str = ""
    expected: str = ""  # the state the last acknowledged command asked for
    revision: int = 1  # the revision the last acknowledged edit made
    acked: list[tuple[str, float]] = field(default_factory=list)
    changes: list[PortalChange] = field(default_factory=list)
    done: bool = False

    def pending_change(self) -> PortalChange | None:
        if self.changes and self.changes[-1].seen_at is None:
            return self.changes[-1]
        return None


class StreamError(RuntimeError):
    """A command was refused for a reason a retry cannot explain (a real defect)."""


@dataclass
class Stats:
    """What the clients saw; the lock guards the counters."""

    counts: Counter[str] = field(default_factory=Counter)
    # kind of violation -> (how often, the first example)
    violations: dict[str, tuple[int, str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, n: int = 1) -> None:
        with self.lock:
            self.counts[name] += n

    def violation(self, kind: str, example: str) -> None:
        with self.lock:
            seen, first = self.violations.get(kind, (0, example))
            self.violations[kind] = (seen + 1, first)
            self.counts["violations"] += 1


@dataclass
class StoryStream:
    """``clients`` threads, one per tenant in turn, together starting about ``rate``
    stories a second; ``stop()`` lets each finish the story it is on."""

    gateway_url: str
    keycloak_url: str
    run_id: str
    tenants: tuple[str, ...] = ("halong", "uongbi", "tkv")
    clients: int = 3
    rate: float = 10.0
    retry_for_s: float = 180.0
    stories: list[Story] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tokens = Tokens(self.keycloak_url)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.watcher = PortalWatcher(self)

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> StoryStream:
        for tenant in {self.tenants[i % len(self.tenants)] for i in range(self.clients)}:
            for role in ("contributor", "editor", "board"):
                self.tokens(f"{tenant}.{role}")
        for i in range(self.clients):
            tenant = self.tenants[i % len(self.tenants)]
            thread = threading.Thread(target=self._client, args=(i, tenant), name=f"client-{i}")
            thread.start()
            self._threads.append(thread)
        self.watcher.start()
        return self

    def stop(self, timeout_s: float = 300) -> None:
        """Stop starting stories; wait for every client to finish its current one."""
        self._stop.set()
        deadline = time.monotonic() + timeout_s
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        if any(t.is_alive() for t in self._threads):
            self.errors.append("a client did not finish its story in time")

    def close(self) -> None:
        self.watcher.stop()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def snapshot(self) -> list[Story]:
        with self._lock:
            return list(self.stories)

    # -- catching up ---------------------------------------------------------------
    def caught_up_at(self, acked_by: float) -> float | None:
        """When the portal showed every change acknowledged by ``acked_by``; None while
        some still does not show."""
        latest = 0.0
        for story in self.snapshot():
            for change in story.changes:
                if change.acked_at > acked_by:
                    break
                if change.seen_at is None:
                    return None
                latest = max(latest, change.seen_at)
        return latest

    def last_seen(self, acked_by: float) -> tuple[Story, PortalChange] | None:
        """The change acknowledged by ``acked_by`` that the portal showed last."""
        found: tuple[Story, PortalChange] | None = None
        for story in self.snapshot():
            for change in story.changes:
                if change.acked_at > acked_by or change.seen_at is None:
                    break
                if found is None or change.seen_at > (found[1].seen_at or 0.0):
                    found = (story, change)
        return found

    def wait_caught_up(self, acked_by: float, timeout_s: float = 120) -> float | None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            at = self.caught_up_at(acked_by)
            if at is not None:
                return at
            time.sleep(0.05)
        return None

    # -- one client ----------------------------------------------------------------
    def _client(self, index: int, tenant: str) -> None:
        interval = self.clients / self.rate
        with httpx.Client(base_url=self.gateway_url, timeout=10.0) as http:
            actor = Actor(self, http, tenant)
            n = 0
            next_start = time.monotonic()
            while not self._stop.is_set():
                pause = next_start - time.monotonic()
                if pause > 0 and self._stop.wait(pause):
                    break
                next_start = max(next_start + interval, time.monotonic() - interval)
                n += 1
                key = f"{self.run_id}-{index}-{n}"
                story = Story(key, tenant, plan_for(n), f"Tin kiểm thử {key}")
                with self._lock:
                    self.stories.append(story)
                try:
                    actor.run(story)
                except StreamError as exc:
                    self.errors.append(f"{story.key}: {exc}")
                    story.done = True
                except Exception as exc:  # a harness bug must fail the run, not hang it
                    log.exception("client %s failed", index)
                    self.errors.append(f"{story.key}: {type(exc).__name__}: {exc}")
                    return


class Actor:
    """One client's HTTP calls as the tenant's contributor, editor and board member."""

    def __init__(self, stream: StoryStream, http: httpx.Client, tenant: str) -> None:
        self.stream = stream
        self.http = http
        self.tenant = tenant
        self.stats = stream.stats
        self.base = f"/v1/tenants/{tenant}/stories"

    def user(self, role: str) -> str:
        return f"{self.tenant}.{role}"

    # -- the script of one story -------------------------------------------------------
    def run(self, story: Story) -> None:
        self.create(story)
        self.workflow(story, "submit", "contributor", {"revision": 1}, ("submitted", 0))
        if story.plan is Plan.CHANGES:
            body = {"revision": 1, "reason": "Cần bổ sung nguồn (needs a source)"}
            self.workflow(story, "request-changes", "editor", body, ("changes_requested", None))
            return self._finish(story)
        self.workflow(story, "approve", "editor", {"revision": 1}, ("in_review", 1))
        if story.plan is Plan.HOLD:
            return self._finish(story)
        self.workflow(story, "approve", "board", {"revision": 1}, ("published", None))
        if story.plan is Plan.CORRECT:
            self.revise(story)
            body = {"revision": 2, "correction_note": "Đính chính số liệu (figures corrected)"}
            self.workflow(story, "correct", "editor", body, ("corrected", None))
        elif story.plan is Plan.RETRACT:
            body = {"reason": "Gỡ theo yêu cầu (taken down on request)"}
            self.workflow(story, "retract", "board", body, ("retracted", None))
        self._finish(story)

    def _finish(self, story: Story) -> None:
        story.done = True
        self.stats.add("stories_finished")

    def fields(self, story: Story, revision: int) -> dict[str, Any]:
        return {
            "type": "news",
            "headline": story.headline,
            "slug": story.key,
            "summary": f"Tóm tắt {story.key}",
            "body_html": f"<p>Nội dung {story.key}, phiên bản {revision}.</p>",
        }

    def create(self, story: Story) -> None:
        def find() -> bool | None:
            # Did an attempt whose answer was lost create it? (the slug is unique per run)
            reply = self.call("GET", self.base, "contributor", params={"author": "me", "limit": 50})
            if reply is None or reply.status_code != 200:
                return None
            for item in reply.json()["items"]:
                if item["headline"] == story.headline:
                    story.story_id, story.slug = item["id"], item["slug"]
                    return True
            return False

        def send() -> httpx.Response | None:
            return self.call("POST", self.base, "contributor", json=self.fields(story, 1))

        reply = self.until_acked("create", send, find)
        if reply is not None:
            body = reply.json()
            story.story_id, story.slug = body["id"], body["slug"]
        self.ack(story, "create", "draft")

    def revise(self, story: Story) -> None:
        """Revision 2 by the editor (the correction's text); acknowledged once saved."""
        path = f"{self.base}/{story.story_id}"

        def applied() -> bool | None:
            reply = self.call("GET", path, "editor")
            if reply is None or reply.status_code != 200:
                return None
            return bool(reply.json()["current_revision"] >= 2)

        def send() -> httpx.Response | None:
            body = {**self.fields(story, 2), "expected_revision": 1, "note": "đính chính"}
            return self.call("PUT", path, "editor", json=body)

        self.until_acked("revise", send, applied)
        story.revision = 2
        self.ack(story, "revise", story.expected)

    def workflow(
        self,
        story: Story,
        action: str,
        role: str,
        body: dict[str, Any],
        wanted: tuple[str, int | None],
    ) -> None:
        path = f"{self.base}/{story.story_id}"

        def applied() -> bool | None:
            reply = self.call("GET", f"{path}/workflow", role)
            if reply is not None and reply.status_code == 404 and action == "submit":
                # a story has no workflow until its first submit: a clear "no", not a
                # question to ask again until the command's deadline runs out
                return False
            if reply is None or reply.status_code != 200:
                return None
            workflow = reply.json()
            state, stage = wanted
            return bool(
                workflow["state"] == state and (stage is None or workflow["current_stage"] == stage)
            )

        def send() -> httpx.Response | None:
            return self.call("POST", f"{path}/{action}", role, json=body)

        self.until_acked(f"{action}:{role}", send, applied)
        self.ack(story, f"{action}:{role}", wanted[0])

    def ack(self, story: Story, command: str, state: str) -> None:
        now = time.monotonic()
        story.acked.append((command, now))
        story.expected = state
        if state in ("published", "corrected", "retracted"):
            story.changes.append(PortalChange(state, now))
        self.stats.add("commands_acked")

    # -- sending with unknown outcomes ----------------------------------------------------
    def until_acked(
        self,
        command: str,
        send: Callable[[], httpx.Response | None],
        applied: Callable[[], bool | None],
    ) -> httpx.Response | None:
        """Send until a 2xx. After an unknown outcome, ask (until the answer is yes or no:
        ``applied`` returns None when it cannot tell) whether it happened, and only send
        again if it did not. A refusal after an unknown outcome is checked the same way:
        the lost attempt may have been applied after all (it can commit after the
        gateway's deadline). Returns the acknowledging response, or None when a check
        found the command applied."""
        deadline = time.monotonic() + self.stream.retry_for_s
        unknown = False
        while True:
            if unknown:
                if self._happened(applied, deadline, command):
                    self.stats.add("unknown_outcomes_found_applied")
                    return None
                self.stats.add("retries")
            reply = send()
            if reply is not None and reply.is_success:
                return reply
            if reply is not None and reply.status_code < 500:
                # after a lost answer, a 409 may only mean the lost attempt went through
                if unknown and reply.status_code == 409:
                    if self._happened(applied, deadline, command):
                        self.stats.add("unknown_outcomes_found_applied")
                        return None
                raise StreamError(f"{command}: {reply.status_code} {reply.text[:300]}")
            unknown = True
            self._give_up_after(deadline, command)
            time.sleep(0.2)

    def _happened(self, applied: Callable[[], bool | None], deadline: float, command: str) -> bool:
        """Ask until the answer is yes or no."""
        happened = applied()
        while happened is None:
            self._give_up_after(deadline, command)
            time.sleep(0.2)
            happened = applied()
        return happened

    def _give_up_after(self, deadline: float, command: str) -> None:
        if time.monotonic() > deadline:
            raise StreamError(f"{command}: no acknowledgement in {self.stream.retry_for_s}s")

    def call(self, method: str, path: str, role: str, **kwargs: Any) -> httpx.Response | None:
        """One HTTP call; None when no answer came (refused, reset, timeout)."""
        for fresh in (False, True):
            headers = {
                "Authorization": f"Bearer {self.stream.tokens(self.user(role), fresh=fresh)}"
            }
            self.stats.add("requests")
            try:
                reply = self.http.request(method, path, headers=headers, **kwargs)
            except httpx.HTTPError:
                self.stats.add("no_answer")
                return None
            if reply.status_code == 401 and not fresh:
                continue
            if reply.status_code >= 500:
                self.check_unavailable(reply, f"{method} {path}")
            return reply
        return None

    def check_unavailable(self, reply: httpx.Response, what: str) -> None:
        """Every 5xx is problem+json; a 503 also says when to come back."""
        self.stats.add(f"http_{reply.status_code}")
        if not reply.headers.get("content-type", "").startswith(PROBLEM_JSON):
            self.stats.violation(
                f"{reply.status_code} not problem+json", f"{what}: {reply.text[:200]}"
            )
        if reply.status_code == 503 and not reply.headers.get("retry-after", "").isdigit():
            self.stats.violation("503 without Retry-After", f"{what}: {reply.text[:200]}")


class PortalWatcher:
    """Polls the public story of every change not yet seen, a few at a time."""

    def __init__(self, stream: StoryStream, workers: int = 6, interval_s: float = 0.05) -> None:
        self.stream = stream
        self.interval_s = interval_s
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="portal")
        self._local = threading.local()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="portal-watcher", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)
        self._pool.shutdown(wait=True)

    def _http(self) -> httpx.Client:
        client = getattr(self._local, "http", None)
        if client is None:
            client = httpx.Client(base_url=self.stream.gateway_url, timeout=5.0)
            self._local.http = client
        return client

    def _run(self) -> None:
        while not self._stop.is_set():
            now = time.monotonic()
            pending = [
                s
                for s in self.stream.snapshot()
                if (change := s.pending_change()) is not None and self._due(change, now)
            ]
            if pending:
                list(self._pool.map(self._check, pending))
            self._stop.wait(self.interval_s)

    def _due(self, change: PortalChange, now: float) -> bool:
        """Every pass for the first half second (normal lag), then every half second: a
        backlog of hundreds after an outage must not become the load that slows it."""
        waiting = now - change.acked_at
        return waiting < 0.5 or now - change.checked_at >= 0.5

    def _check(self, story: Story) -> None:
        change = story.pending_change()
        if change is None or not story.slug:
            return
        change.checked_at = time.monotonic()
        try:
            reply = self._http().get(f"/public/v1/tenants/{story.tenant}/stories/{story.slug}")
        except httpx.HTTPError:
            return
        if shows(change.state, reply):
            now = time.monotonic()
            for earlier in story.changes:
                if earlier.seen_at is None:
                    earlier.seen_at = now


def shows(state: str, reply: httpx.Response) -> bool:
    """Does the portal's answer show ``state`` (revision 1 published, 2 corrected, gone)?"""
    if state == "retracted":
        return reply.status_code == 410
    if reply.status_code != 200:
        return False
    body = reply.json()
    if state == "corrected":
        return bool(body["revision"] == 2 and body["correction_note"])
    return bool(body["revision"] == 1)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of three samples is the largest)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]
