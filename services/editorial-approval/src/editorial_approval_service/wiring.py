"""The editorial-approval process assembled from its settings: used by ``__main__`` and by
the cross-service tests, so both run exactly the same wiring.

``use_cases`` is where each aggregate's use cases get their collaborators, the aggregates
they need among them; the servicer, the consumer and the scheduler hold them side by side.
"""

from __future__ import annotations

from dataclasses import dataclass

from editorial_approval_service import MIGRATIONS_DIR, events, grpc_api
from editorial_approval_service.audit.service import AuditUseCases
from editorial_approval_service.consumers import build_router
from editorial_approval_service.content_client import GrpcStoryDirectory, StoryDirectory
from editorial_approval_service.freezes.service import FreezeUseCases
from editorial_approval_service.grpc_api import EditorialApprovalServicer
from editorial_approval_service.policy.service import PolicyUseCases
from editorial_approval_service.scheduler import Scheduler
from editorial_approval_service.settings import EditorialApprovalSettings
from editorial_approval_service.workflow.comments import CommentUseCases
from editorial_approval_service.workflow.corrections import CorrectionUseCases
from editorial_approval_service.workflow.publication import PublicationUseCases
from editorial_approval_service.workflow.review import ReviewUseCases
from editorial_approval_service.workflow.state_changes import StateChanges
from editorial_approval_service.workflow.syndication import SyndicationUseCases
from editorial_approval_service.workflow.takedowns import TakedownUseCases
from newsroom_core.db import SessionFactory, make_engine, migrate, ping, session_factory
from newsroom_core.events.consumer import EventRouter
from newsroom_core.events.kafka import ensure_topics
from newsroom_core.events.outbox import EventSink
from newsroom_core.events.wiring import idempotent_consumer, outbox_workers
from newsroom_core.grpc.client import make_channel
from newsroom_core.runtime import ServiceRuntime, Worker
from newsroom_core.timestamps import Clock, utcnow

CONSUMER_PURPOSE = "workflow"


@dataclass(frozen=True, slots=True)
class EditorialAggregates:
    """Each aggregate's use cases, built once (references only: no state, no use cases)."""

    review: ReviewUseCases
    publication: PublicationUseCases
    corrections: CorrectionUseCases
    takedowns: TakedownUseCases
    comments: CommentUseCases
    syndication: SyndicationUseCases
    policy: PolicyUseCases
    freezes: FreezeUseCases
    audit: AuditUseCases

    def servicer(self) -> EditorialApprovalServicer:
        return EditorialApprovalServicer(
            review=self.review,
            publication=self.publication,
            corrections=self.corrections,
            takedowns=self.takedowns,
            comments=self.comments,
            syndication=self.syndication,
            policy=self.policy,
            freezes=self.freezes,
            audit=self.audit,
        )

    def router(self) -> EventRouter:
        """The consumer's handlers of content and social publishing events."""
        return build_router(syndication=self.syndication, takedowns=self.takedowns)


def use_cases(
    sessions: SessionFactory,
    stories: StoryDirectory,
    *,
    events_topic: str,
    group_tenant: str,
    clock: Clock = utcnow,
) -> EditorialAggregates:
    """The aggregates over one session factory, content's stories, the outbox topic and
    the group tenant nominations go to; ``clock`` is every use case's now."""
    outbound = events.EditorialEvents(EventSink(events_topic, events.SOURCE))
    audit = AuditUseCases(sessions=sessions, clock=clock)
    policy = PolicyUseCases(sessions=sessions, clock=clock, audit=audit)
    freezes = FreezeUseCases(sessions=sessions, clock=clock, audit=audit, events=outbound)
    takedowns = TakedownUseCases(sessions=sessions, clock=clock)
    changes = StateChanges(clock=clock, audit=audit, freezes=freezes, events=outbound)
    return EditorialAggregates(
        review=ReviewUseCases(
            sessions=sessions, clock=clock, stories=stories, policy=policy, changes=changes
        ),
        publication=PublicationUseCases(
            sessions=sessions, clock=clock, freezes=freezes, changes=changes
        ),
        corrections=CorrectionUseCases(
            sessions=sessions,
            clock=clock,
            stories=stories,
            policy=policy,
            freezes=freezes,
            takedowns=takedowns,
            changes=changes,
            events=outbound,
        ),
        takedowns=takedowns,
        comments=CommentUseCases(sessions=sessions, clock=clock),
        syndication=SyndicationUseCases(
            sessions=sessions,
            clock=clock,
            policy=policy,
            audit=audit,
            changes=changes,
            events=outbound,
            group_tenant=group_tenant,
        ),
        policy=policy,
        freezes=freezes,
        audit=audit,
    )


@dataclass
class EditorialProcess:
    runtime: ServiceRuntime
    aggregates: EditorialAggregates

    @property
    def address(self) -> str:
        return self.runtime.grpc.address


def assemble(
    settings: EditorialApprovalSettings, *, consumer_purpose: str = CONSUMER_PURPOSE
) -> EditorialProcess:
    """Migrate, connect and build the runtime (not started): gRPC, relay, scheduler and
    the consumer of content (and social) events."""
    migrate(settings.db.url, MIGRATIONS_DIR)
    engine = make_engine(settings.db)
    sessions = session_factory(engine)
    ensure_topics(settings.kafka, [settings.events_topic])
    content = make_channel(
        settings.content_target,
        service="newsroom.content.v1.ContentService",
        idempotent_methods=["GetStory", "SealRevision"],
        identity_key=settings.identity.secret.get_secret_value().encode(),
    )
    aggregates = use_cases(
        sessions,
        GrpcStoryDirectory(content),
        events_topic=settings.events_topic,
        group_tenant=settings.group_tenant,
    )
    workers: dict[str, Worker] = dict(outbox_workers(settings, sessions))
    if settings.scheduler.enabled:
        workers["scheduler"] = Scheduler(aggregates.publication, settings.scheduler)
    if settings.consume_content_events:
        workers["inbound-events"] = idempotent_consumer(
            settings,
            sessions,
            purpose=consumer_purpose,
            topics=[settings.content_events_topic, settings.social_events_topic],
            handler=aggregates.router(),
        )
    runtime = ServiceRuntime(
        settings,
        bindings=[grpc_api.binding(aggregates.servicer())],
        workers=workers,
        readiness={"db": lambda: ping(engine)},
        on_shutdown=[content.close, engine.dispose],
    )
    return EditorialProcess(runtime, aggregates)
