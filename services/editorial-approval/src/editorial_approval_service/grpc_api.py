"""gRPC servicer of ``newsroom.editorial_approval.v1.EditorialApprovalService``: the
request message in, the use case of its aggregate, the response message out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import grpc

from editorial_approval_service.audit import mappers as audit_mappers
from editorial_approval_service.audit.service import AuditUseCases
from editorial_approval_service.freezes import mappers as freeze_mappers
from editorial_approval_service.freezes.service import FreezeUseCases
from editorial_approval_service.policy import mappers as policy_mappers
from editorial_approval_service.policy.service import PolicyUseCases
from editorial_approval_service.workflow import mappers as workflow_mappers
from editorial_approval_service.workflow.comments import CommentUseCases
from editorial_approval_service.workflow.corrections import CorrectionUseCases
from editorial_approval_service.workflow.publication import PublicationUseCases
from editorial_approval_service.workflow.review import ReviewUseCases
from editorial_approval_service.workflow.syndication import SyndicationUseCases
from editorial_approval_service.workflow.takedowns import TakedownUseCases
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2 as pb
from newsroom.editorial_approval.v1 import editorial_approval_service_pb2_grpc as pb_grpc
from newsroom_core.actors import actor_from_pb
from newsroom_core.enums import ApprovalRole, FastTrackAction, FreezeScope, from_proto
from newsroom_core.grpc.metadata import current_identity
from newsroom_core.grpc.server import ServiceBinding
from newsroom_core.timestamps import from_timestamp

SERVICE_NAME = "newsroom.editorial_approval.v1.EditorialApprovalService"

Context = grpc.ServicerContext


@dataclass(frozen=True, kw_only=True)
class EditorialApprovalServicer(pb_grpc.EditorialApprovalServiceServicer):
    """Holds each aggregate's use cases side by side; a method per RPC, nothing else."""

    review: ReviewUseCases
    publication: PublicationUseCases
    corrections: CorrectionUseCases
    takedowns: TakedownUseCases
    comments: CommentUseCases
    syndication: SyndicationUseCases
    policy: PolicyUseCases
    freezes: FreezeUseCases
    audit: AuditUseCases

    # --- workflow ---------------------------------------------------------------------

    def Submit(self, request: pb.SubmitRequest, context: Context) -> pb.SubmitResponse:
        view = self.review.submit(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            revision=request.revision,
        )
        return pb.SubmitResponse(workflow=workflow_mappers.view(view))

    def Approve(self, request: pb.ApproveRequest, context: Context) -> pb.ApproveResponse:
        view = self.review.approve(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            revision=request.revision,
            comment=request.comment,
        )
        return pb.ApproveResponse(workflow=workflow_mappers.view(view))

    def RequestChanges(
        self, request: pb.RequestChangesRequest, context: Context
    ) -> pb.RequestChangesResponse:
        view = self.review.request_changes(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            revision=request.revision,
            reason=request.reason,
        )
        return pb.RequestChangesResponse(workflow=workflow_mappers.view(view))

    def Schedule(self, request: pb.ScheduleRequest, context: Context) -> pb.ScheduleResponse:
        view = self.publication.schedule(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            revision=request.revision,
            publish_at=from_timestamp(request.publish_at),
            embargo=request.embargo,
        )
        return pb.ScheduleResponse(workflow=workflow_mappers.view(view))

    def Unschedule(self, request: pb.UnscheduleRequest, context: Context) -> pb.UnscheduleResponse:
        view = self.publication.unschedule(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            reason=request.reason,
        )
        return pb.UnscheduleResponse(workflow=workflow_mappers.view(view))

    def Publish(self, request: pb.PublishRequest, context: Context) -> pb.PublishResponse:
        view = self.publication.publish(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            revision=request.revision,
        )
        return pb.PublishResponse(workflow=workflow_mappers.view(view))

    def FastTrack(self, request: pb.FastTrackRequest, context: Context) -> pb.FastTrackResponse:
        view, takedown = self.corrections.fast_track(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            action=from_proto(FastTrackAction, request.action),
            reason=request.reason,
            revision=request.revision,
            correction_note=request.correction_note,
        )
        return pb.FastTrackResponse(
            workflow=workflow_mappers.view(view),
            takedown=workflow_mappers.takedown(takedown) if takedown is not None else None,
        )

    def Retract(self, request: pb.RetractRequest, context: Context) -> pb.RetractResponse:
        view, takedown = self.corrections.retract(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            reason=request.reason,
        )
        return pb.RetractResponse(
            workflow=workflow_mappers.view(view),
            takedown=workflow_mappers.takedown(takedown) if takedown is not None else None,
        )

    def Correct(self, request: pb.CorrectRequest, context: Context) -> pb.CorrectResponse:
        view = self.corrections.correct(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            revision=request.revision,
            note=request.correction_note,
        )
        return pb.CorrectResponse(workflow=workflow_mappers.view(view))

    def GetWorkflow(
        self, request: pb.GetWorkflowRequest, context: Context
    ) -> pb.GetWorkflowResponse:
        view = self.review.get_workflow(
            current_identity(), tenant=request.tenant, story_id=request.story_id
        )
        return pb.GetWorkflowResponse(workflow=workflow_mappers.view(view))

    def ListQueue(self, request: pb.ListQueueRequest, context: Context) -> pb.ListQueueResponse:
        page = self.review.list_queue(
            current_identity(),
            tenant=request.tenant,
            role=policy_mappers.role_from_proto(request.role),
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return pb.ListQueueResponse(
            workflows=[workflow_mappers.view(v) for v in page.items],
            next_page_token=page.next_page_token,
        )

    # --- comments ---------------------------------------------------------------------

    def AddComment(self, request: pb.AddCommentRequest, context: Context) -> pb.AddCommentResponse:
        comment = self.comments.add_comment(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            revision=request.revision,
            body=request.body,
            anchor=workflow_mappers.anchor_from_proto(request),
        )
        return pb.AddCommentResponse(comment=workflow_mappers.comment(comment))

    def ListComments(
        self, request: pb.ListCommentsRequest, context: Context
    ) -> pb.ListCommentsResponse:
        page = self.comments.list_comments(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            include_resolved=request.include_resolved,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return pb.ListCommentsResponse(
            comments=[workflow_mappers.comment(c) for c in page.items],
            next_page_token=page.next_page_token,
        )

    def ResolveComment(
        self, request: pb.ResolveCommentRequest, context: Context
    ) -> pb.ResolveCommentResponse:
        comment = self.comments.resolve_comment(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            comment_id=request.comment_id,
        )
        return pb.ResolveCommentResponse(comment=workflow_mappers.comment(comment))

    # --- policy -----------------------------------------------------------------------

    def GetPolicy(self, request: pb.GetPolicyRequest, context: Context) -> pb.GetPolicyResponse:
        policy = self.policy.get_policy(current_identity(), tenant=request.tenant)
        return pb.GetPolicyResponse(policy=policy_mappers.policy(policy))

    def SetPolicy(self, request: pb.SetPolicyRequest, context: Context) -> pb.SetPolicyResponse:
        official = request.official_statement_role
        policy = self.policy.set_policy(
            current_identity(),
            tenant=request.tenant,
            stages=[policy_mappers.stage_from_proto(s) for s in request.stages],
            official_statement_role=policy_mappers.role_from_proto(official) if official else None,
        )
        return pb.SetPolicyResponse(policy=policy_mappers.policy(policy))

    # --- freezes ----------------------------------------------------------------------

    def SetFreeze(self, request: pb.SetFreezeRequest, context: Context) -> pb.SetFreezeResponse:
        freeze = self.freezes.set_freeze(
            current_identity(),
            tenant=request.tenant,
            scope=from_proto(FreezeScope, request.scope),
            reason=request.reason,
        )
        return pb.SetFreezeResponse(freeze=freeze_mappers.freeze(freeze))

    def LiftFreeze(self, request: pb.LiftFreezeRequest, context: Context) -> pb.LiftFreezeResponse:
        freeze = self.freezes.lift_freeze(
            current_identity(),
            tenant=request.tenant,
            scope=from_proto(FreezeScope, request.scope),
            reason=request.reason,
        )
        return pb.LiftFreezeResponse(freeze=freeze_mappers.freeze(freeze))

    def ListFreezes(
        self, request: pb.ListFreezesRequest, context: Context
    ) -> pb.ListFreezesResponse:
        page = self.freezes.list_freezes(
            current_identity(),
            tenant=request.tenant,
            active_only=request.active_only,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return pb.ListFreezesResponse(
            freezes=[freeze_mappers.freeze(f) for f in page.items],
            next_page_token=page.next_page_token,
        )

    # --- syndication, takedowns, audit ------------------------------------------------

    def Nominate(self, request: pb.NominateRequest, context: Context) -> pb.NominateResponse:
        nomination, view = self.syndication.nominate(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            target_tenant=request.target_tenant,
            note=request.note,
        )
        return pb.NominateResponse(
            nomination=workflow_mappers.nomination(nomination), workflow=workflow_mappers.view(view)
        )

    def GetTakedown(
        self, request: pb.GetTakedownRequest, context: Context
    ) -> pb.GetTakedownResponse:
        takedown = self.takedowns.get_takedown(
            current_identity(), tenant=request.tenant, story_id=request.story_id
        )
        return pb.GetTakedownResponse(takedown=workflow_mappers.takedown(takedown))

    def ListAuditLog(
        self, request: pb.ListAuditLogRequest, context: Context
    ) -> pb.ListAuditLogResponse:
        page = self.audit.list_audit_log(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return pb.ListAuditLogResponse(
            records=[audit_mappers.audit_record(r) for r in page.items],
            next_page_token=page.next_page_token,
        )

    def RecordRoleChange(
        self, request: pb.RecordRoleChangeRequest, context: Context
    ) -> pb.RecordRoleChangeResponse:
        record = self.audit.record_role_change(
            current_identity(),
            tenant=request.tenant,
            subject=actor_from_pb(request.subject),
            before=_roles(request.roles_before),
            after=_roles(request.roles_after),
        )
        return pb.RecordRoleChangeResponse(record=audit_mappers.audit_record(record))


def _roles(values: Iterable[int]) -> list[str]:
    found = (from_proto(ApprovalRole, v) for v in values)
    return [role.value for role in found if role is not None]


def binding(servicer: EditorialApprovalServicer) -> ServiceBinding:
    return ServiceBinding(
        servicer, pb_grpc.add_EditorialApprovalServiceServicer_to_server, SERVICE_NAME
    )
