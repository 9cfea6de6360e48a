"""The checks after a run: nothing lost, nothing done twice, everything where it was sent.

Once the pipeline is quiet (outboxes empty, consumer groups at the end of their topics,
the portal showing every acknowledged change):

- every story is in the state its last acknowledged command asked for: in the workflow
  (editorial-approval), in the story (content) and on the portal (200 with the right
  revision, 410 once retracted, 404 while never published);
- no story exists twice (a create retried after a lost answer would make a second one);
- every published story has exactly one ``content.published`` event (one ce_id; the relay
  may re-send a record, never make a second event), one ``publish_requested``, and one
  correction or retraction event when it was corrected or retracted;
- each consumer group consumed each of those events once (its ``processed_event`` row);
- no outbox holds a row and no dead-letter topic a record.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from dataclasses import dataclass, field
from typing import Any

import grpc
import httpx
import psycopg
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition

from newsroom.content.v1 import content_service_pb2 as content_pb
from newsroom.content.v1 import story_pb2
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as editorial_pb
from newsroom.editorial_approval.v1 import workflow_pb2
from newsroom_cli.clients import Services, as_system
from newsroom_core.db import libpq_dsn
from newsroom_core.events import topics
from newsroom_core.events.consumer import dlq_topic
from newsroom_core.events.envelope import CloudEvent, EnvelopeError
from newsroom_testkit.faults.stack import Platform
from newsroom_testkit.faults.stream import Story, StoryStream, shows

PUBLISHED = "newsroom.content.story.published.v1"
CORRECTED = "newsroom.content.story.corrected.v1"
RETRACTED = "newsroom.content.story.retracted.v1"
PUBLISH_REQUESTED = "newsroom.editorial_approval.story.publish_requested.v1"
CORRECTION_REQUESTED = "newsroom.editorial_approval.story.correction_requested.v1"
RETRACTION_REQUESTED = "newsroom.editorial_approval.story.retraction_requested.v1"
# consumer group -> (the database holding its processed_event rows, the topic it reads)
GROUPS = {
    "content.editorial": ("content", topics.EDITORIAL_APPROVAL),
    "editorial-approval.workflow": ("editorial-approval", topics.CONTENT),
}
WENT_OUT = ("published", "corrected", "retracted")


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def lines(self) -> list[str]:
        width = max((len(k) for k in self.counts), default=0)
        out = [f"  {name:<{width}}  {value:>8,}" for name, value in self.counts.items()]
        if self.problems:
            out.append(f"  PROBLEMS ({len(self.problems)}):")
            out += [f"    - {p}" for p in self.problems[:40]]
        return out


def workflow_state(value: int) -> str:
    return str(workflow_pb2.WorkflowState.Name(value)).removeprefix("WORKFLOW_STATE_").lower()


def story_status(value: int) -> str:
    return str(story_pb2.StoryStatus.Name(value)).removeprefix("STORY_STATUS_").lower()


class Verifier:
    def __init__(self, platform: Platform, stream: StoryStream) -> None:
        self.platform = platform
        self.stream = stream
        self.bootstrap = platform.infra.kafka_bootstrap
        self.report = Report()

    # -- quiet ----------------------------------------------------------------------
    def wait_quiet(self, timeout_s: float = 180) -> float:
        """Seconds until outboxes are empty, groups have no lag and the portal caught up."""
        started = time.monotonic()
        deadline = started + timeout_s
        while time.monotonic() < deadline:
            pending = sum(self.outbox_rows().values()) + sum(self.lags().values())
            caught_up = self.stream.caught_up_at(time.monotonic()) is not None
            if pending == 0 and caught_up:
                return time.monotonic() - started
            time.sleep(0.5)
        self.report.problem(
            f"not quiet after {timeout_s:.0f}s: outbox {self.outbox_rows()}, lag {self.lags()}"
        )
        return time.monotonic() - started

    def outbox_rows(self) -> dict[str, int]:
        return {
            service: self.scalar(service, "SELECT count(*) FROM outbox_event")
            for service in ("content", "editorial-approval")
        }

    def scalar(self, service: str, sql: str, params: Iterable[Any] = ()) -> int:
        with psycopg.connect(libpq_dsn(self.platform.database_url(service))) as conn:
            row = conn.execute(sql, tuple(params)).fetchone()
        return int(row[0]) if row else 0

    def lags(self) -> dict[str, int]:
        """Records each group has not committed yet."""
        admin = KafkaAdminClient(bootstrap_servers=self.bootstrap, client_id="verify")
        consumer = KafkaConsumer(bootstrap_servers=self.bootstrap, client_id="verify")
        try:
            lags = {}
            for group, (_, topic) in GROUPS.items():
                partitions = [
                    TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()
                ]
                ends = consumer.end_offsets(partitions)
                committed = admin.list_group_offsets({group: None}).get(group, {})
                lags[group] = sum(
                    end - (committed[tp].offset if tp in committed else 0)
                    for tp, end in ends.items()
                )
            return lags
        finally:
            consumer.close()
            admin.close()

    # -- the checks -------------------------------------------------------------------
    def run(self) -> Report:
        stories = [s for s in self.stream.snapshot() if s.story_id]
        counts = self.report.counts
        counts["stories started"] = len(self.stream.snapshot())
        counts["stories created"] = len(stories)
        for state, n in sorted(Counter(s.expected for s in stories).items()):
            counts[f"  expected {state}"] = n
        for name, n in sorted(self.stream.stats.counts.items()):
            counts[f"client {name}"] = n
        for kind, (seen, example) in self.stream.stats.violations.items():
            self.report.problem(f"client saw {seen}x {kind}, e.g. {example}")
        for error in self.stream.errors:
            self.report.problem(f"client error: {error}")
        self.check_states(stories)
        self.check_portal(stories)
        self.check_no_duplicate_stories(stories)
        self.check_events(stories)
        self.check_outboxes_and_dlq()
        counts["lost"] = sum(1 for p in self.report.problems if p.startswith("LOST"))
        counts["duplicated"] = sum(1 for p in self.report.problems if p.startswith("DUPLICATE"))
        return self.report

    def check_states(self, stories: list[Story]) -> None:
        with Services(self.platform.settings) as services, as_system():

            def check(story: Story) -> list[str]:
                content = services.content.GetStory(
                    content_pb.GetStoryRequest(tenant=story.tenant, story_id=story.story_id)
                ).story
                status = story_status(content.status)
                state = "draft"
                if story.expected != "draft":
                    request = editorial_pb.GetWorkflowRequest(
                        tenant=story.tenant, story_id=story.story_id
                    )
                    state = workflow_state(services.editorial.GetWorkflow(request).workflow.state)
                wrong = []
                if state != story.expected:
                    wrong.append(f"LOST {story.key}: workflow {state}, asked {story.expected}")
                if status != story.expected:
                    wrong.append(
                        f"LOST {story.key}: content status {status}, asked {story.expected}"
                    )
                # more revisions than edits acknowledged: one was applied twice; fewer: lost
                if content.current_revision != story.revision:
                    kind = "DUPLICATE" if content.current_revision > story.revision else "LOST"
                    wrong.append(
                        f"{kind} {story.key}: revision {content.current_revision}, "
                        f"acknowledged {story.revision}"
                    )
                return wrong

            results = self.each(check, stories)
        self.report.counts["state right (workflow, content)"] = sum(not r for r in results)

    def check_portal(self, stories: list[Story]) -> None:
        with httpx.Client(base_url=self.platform.gateway_url, timeout=10) as http:

            def check(story: Story) -> list[str]:
                reply = http.get(f"/public/v1/tenants/{story.tenant}/stories/{story.slug}")
                if story.expected in WENT_OUT:
                    ok = shows(story.expected, reply)
                else:
                    ok = reply.status_code == 404
                if ok:
                    return []
                return [
                    f"LOST {story.key}: portal {reply.status_code} for a {story.expected} story"
                ]

            results = self.each(check, stories)
        self.report.counts["portal right"] = sum(not r for r in results)

    def each(self, check: Callable[[Story], list[str]], stories: list[Story]) -> list[list[str]]:
        """``check`` every story on a few threads (each in a copy of this context: the
        calling identity lives in a context variable); problems go to the report."""
        with ThreadPoolExecutor(8) as pool:
            futures = [pool.submit(copy_context().run, check, story) for story in stories]
            results = [f.result() for f in futures]
        for problems in results:
            for problem in problems:
                self.report.problem(problem)
        return results

    def check_no_duplicate_stories(self, stories: list[Story]) -> None:
        prefix = f"Tin kiểm thử {self.stream.run_id}-"
        seen: Counter[str] = Counter()
        with Services(self.platform.settings) as services, as_system():
            for tenant in {s.tenant for s in stories}:
                token = ""
                while True:
                    page = services.content.ListStories(
                        content_pb.ListStoriesRequest(
                            tenant=tenant, page_size=200, page_token=token
                        )
                    )
                    seen.update(s.headline for s in page.stories if s.headline.startswith(prefix))
                    token = page.next_page_token
                    if not token:
                        break
        journaled = {s.headline for s in self.stream.snapshot()}
        for headline, n in seen.items():
            if n > 1:
                self.report.problem(f"DUPLICATE story {headline!r} exists {n} times")
            if headline not in journaled:
                self.report.problem(f"DUPLICATE story {headline!r} created but never acknowledged")
        missing = {s.headline for s in stories} - set(seen)
        for headline in sorted(missing):
            self.report.problem(f"LOST story {headline!r}: acknowledged, not in content")
        self.report.counts["stories in content"] = sum(seen.values())

    def check_events(self, stories: list[Story]) -> None:
        content = read_topic(self.bootstrap, topics.CONTENT)
        editorial = read_topic(self.bootstrap, topics.EDITORIAL_APPROVAL)
        counts = self.report.counts
        for name, events in (("content", content), ("editorial", editorial)):
            counts[f"{name} events on Kafka (records)"] = len(events)
            counts[f"{name} events re-sent (same ce_id)"] = len(events) - len(
                {e.id for e in events}
            )
        ids: dict[tuple[str, str], set[str]] = defaultdict(set)
        for event in content + editorial:
            ids[(event.type, event.subject)].add(event.id)
        processed = {
            group: self.processed_ids(service, group) for group, (service, _) in GROUPS.items()
        }
        wants = {
            PUBLISHED: ("editorial-approval.workflow", WENT_OUT),
            PUBLISH_REQUESTED: ("content.editorial", WENT_OUT),
            CORRECTED: ("editorial-approval.workflow", ("corrected",)),
            CORRECTION_REQUESTED: ("content.editorial", ("corrected",)),
            RETRACTED: ("editorial-approval.workflow", ("retracted",)),
            RETRACTION_REQUESTED: ("content.editorial", ("retracted",)),
        }
        for ce_type, (group, states) in wants.items():
            once = 0
            short = ce_type.rsplit(".", 2)[-2]
            for story in stories:
                found = ids.get((ce_type, story.story_id), set())
                expected = 1 if story.expected in states else 0
                if len(found) != expected:
                    kind = "LOST" if len(found) < expected else "DUPLICATE"
                    self.report.problem(f"{kind} {story.key}: {len(found)} {short} events")
                    continue
                if not found:
                    continue
                (event_id,) = found
                if event_id not in processed[group]:
                    self.report.problem(f"LOST {story.key}: {short} never consumed by {group}")
                    continue
                once += 1
            counts[f"{short}: one event, consumed once by {group}"] = once

    def processed_ids(self, service: str, group: str) -> set[str]:
        with psycopg.connect(libpq_dsn(self.platform.database_url(service))) as conn:
            rows = conn.execute(
                "SELECT event_id FROM processed_event WHERE consumer_group = %s", (group,)
            ).fetchall()
        return {str(r[0]) for r in rows}

    def check_outboxes_and_dlq(self) -> None:
        for service, rows in self.outbox_rows().items():
            self.report.counts[f"outbox rows left ({service})"] = rows
            if rows:
                self.report.problem(f"LOST {rows} events still in the {service} outbox")
        for group in GROUPS:
            try:
                dead = read_topic(self.bootstrap, dlq_topic(group), parse=False)
            except KeyError:
                dead = []
            self.report.counts[f"dead letters ({group})"] = len(dead)
            for letter in dead:
                self.report.problem(
                    f"LOST: a record in {dlq_topic(group)}: {letter.data.decode(errors='replace')}"
                )


def read_topic(bootstrap: str, topic: str, *, parse: bool = True) -> list[CloudEvent]:
    """Every record of a topic from the beginning (no group, nothing committed)."""
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap,
        client_id="verify-reader",
        enable_auto_commit=False,
        isolation_level="read_committed",
    )
    try:
        numbers = consumer.partitions_for_topic(topic)
        if not numbers:
            raise KeyError(topic)
        partitions = [TopicPartition(topic, p) for p in numbers]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        events: list[CloudEvent] = []
        raw = 0
        deadline = time.monotonic() + 120
        while any(consumer.position(tp) < end for tp, end in ends.items()):
            if time.monotonic() > deadline:
                raise TimeoutError(f"reading {topic} took over 120s")
            for records in consumer.poll(timeout_ms=500, max_records=5000).values():
                for record in records:
                    raw += 1
                    if not parse:  # dead letters: what the consumer said went wrong
                        headers = dict(record.headers or [])
                        why = headers.get("x-dlq-error", b"") + b" at "
                        why += headers.get("x-dlq-source", b"")
                        events.append(CloudEvent("", "", "", "", why))
                        continue
                    try:
                        events.append(CloudEvent.from_record(record.headers, record.value))
                    except EnvelopeError:
                        continue
        return events
    finally:
        consumer.close()


def verify(platform: Platform, stream: StoryStream) -> tuple[Report, float]:
    verifier = Verifier(platform, stream)
    quiet_s = verifier.wait_quiet()
    try:
        report = verifier.run()
    except grpc.RpcError as exc:
        verifier.report.problem(f"verification call failed: {exc}")
        report = verifier.report
    return report, quiet_s
