"""gRPC servicer of ``newsroom.editorial_approval.v1.EditorialApprovalService``."""

from __future__ import annotations

from typing import Any

import grpc

from editorial_approval_service.audit import mappers as audit_mappers
from editorial_approval_service.freezes import mappers as freeze_mappers
from editorial_approval_service.policy import mappers as policy_mappers
from editorial_approval_service.service import EditorialService
from editorial_approval_service.shared import mappers as shared_mappers
from editorial_approval_service.workflow import mappers as workflow_mappers
from editorial_approval_service.workflow.models import WorkflowView
from newsroom.editorial_approval.v1 import (
    editorial_approval_service_pb2 as pb,
)
from newsroom.editorial_approval.v1 import (
    editorial_approval_service_pb2_grpc as pb_grpc,
)
from newsroom_core.grpc.metadata import current_identity
from newsroom_core.grpc.server import ServiceBinding

SERVICE_NAME = "newsroom.editorial_approval.v1.EditorialApprovalService"

Context = grpc.ServicerContext


def _workflow(view: WorkflowView) -> Any:
    return workflow_mappers.workflow(view.workflow, view.decisions)


class EditorialApprovalServicer(pb_grpc.EditorialApprovalServiceServicer):
    def __init__(self, service: EditorialService) -> None:
        self._service = service

    # --- workflow ---------------------------------------------------------------------

    def Submit(self, request: Any, context: Context) -> Any:  # noqa: N802 - gRPC names
        view = self._service.submit(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            revision=request.revision,
        )
        return pb.SubmitResponse(workflow=_workflow(view))

    def Approve(self, request: Any, context: Context) -> Any:  # noqa: N802
        view = self._service.approve(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            revision=request.revision,
            comment=request.comment,
        )
        return pb.ApproveResponse(workflow=_workflow(view))

    def RequestChanges(self, request: Any, context: Context) -> Any:  # noqa: N802
        view = self._service.request_changes(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            revision=request.revision,
            reason=request.reason,
        )
        return pb.RequestChangesResponse(workflow=_workflow(view))

    def Schedule(self, request: Any, context: Context) -> Any:  # noqa: N802
        view = self._service.schedule(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            revision=request.revision,
            publish_at=shared_mappers.from_timestamp(request.publish_at),
            embargo=request.embargo,
        )
        return pb.ScheduleResponse(workflow=_workflow(view))

    def Unschedule(self, request: Any, context: Context) -> Any:  # noqa: N802
        view = self._service.unschedule(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            reason=request.reason,
        )
        return pb.UnscheduleResponse(workflow=_workflow(view))

    def Publish(self, request: Any, context: Context) -> Any:  # noqa: N802
        view = self._service.publish(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            revision=request.revision,
        )
        return pb.PublishResponse(workflow=_workflow(view))

    def FastTrack(self, request: Any, context: Context) -> Any:  # noqa: N802
        view, takedown = self._service.fast_track(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            action=workflow_mappers.FAST_TRACK_OF.get(request.action),
            reason=request.reason,
            revision=request.revision,
            correction_note=request.correction_note,
        )
        return pb.FastTrackResponse(
            workflow=_workflow(view),
            takedown=workflow_mappers.takedown(takedown) if takedown is not None else None,
        )

    def Retract(self, request: Any, context: Context) -> Any:  # noqa: N802
        view, takedown = self._service.retract(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            reason=request.reason,
        )
        return pb.RetractResponse(
            workflow=_workflow(view),
            takedown=workflow_mappers.takedown(takedown) if takedown is not None else None,
        )

    def Correct(self, request: Any, context: Context) -> Any:  # noqa: N802
        view = self._service.correct(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            revision=request.revision,
            note=request.correction_note,
        )
        return pb.CorrectResponse(workflow=_workflow(view))

    def GetWorkflow(self, request: Any, context: Context) -> Any:  # noqa: N802
        view = self._service.get_workflow(
            current_identity(), tenant=request.tenant, story_id=request.story_id
        )
        return pb.GetWorkflowResponse(workflow=_workflow(view))

    def ListQueue(self, request: Any, context: Context) -> Any:  # noqa: N802
        page = self._service.list_queue(
            current_identity(),
            tenant=request.tenant,
            role=shared_mappers.role_from_proto(request.role),
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return pb.ListQueueResponse(
            workflows=[_workflow(v) for v in page.items], next_page_token=page.next_page_token
        )

    # --- comments ---------------------------------------------------------------------

    def AddComment(self, request: Any, context: Context) -> Any:  # noqa: N802
        comment = self._service.add_comment(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            revision=request.revision,
            body=request.body,
            anchor=workflow_mappers.anchor_from_proto(request),
        )
        return pb.AddCommentResponse(comment=workflow_mappers.comment(comment))

    def ListComments(self, request: Any, context: Context) -> Any:  # noqa: N802
        page = self._service.list_comments(
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

    def ResolveComment(self, request: Any, context: Context) -> Any:  # noqa: N802
        comment = self._service.resolve_comment(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            comment_id=request.comment_id,
        )
        return pb.ResolveCommentResponse(comment=workflow_mappers.comment(comment))

    # --- policy -----------------------------------------------------------------------

    def GetPolicy(self, request: Any, context: Context) -> Any:  # noqa: N802
        policy = self._service.get_policy(current_identity(), tenant=request.tenant)
        return pb.GetPolicyResponse(policy=policy_mappers.policy(policy))

    def SetPolicy(self, request: Any, context: Context) -> Any:  # noqa: N802
        official = request.official_statement_role
        policy = self._service.set_policy(
            current_identity(),
            tenant=request.tenant,
            stages=[policy_mappers.stage_from_proto(s) for s in request.stages],
            official_statement_role=shared_mappers.role_from_proto(official) if official else None,
        )
        return pb.SetPolicyResponse(policy=policy_mappers.policy(policy))

    # --- freezes ----------------------------------------------------------------------

    def SetFreeze(self, request: Any, context: Context) -> Any:  # noqa: N802
        freeze = self._service.set_freeze(
            current_identity(),
            tenant=request.tenant,
            scope=freeze_mappers.SCOPE_OF.get(request.scope),
            reason=request.reason,
        )
        return pb.SetFreezeResponse(freeze=freeze_mappers.freeze(freeze))

    def LiftFreeze(self, request: Any, context: Context) -> Any:  # noqa: N802
        freeze = self._service.lift_freeze(
            current_identity(),
            tenant=request.tenant,
            scope=freeze_mappers.SCOPE_OF.get(request.scope),
            reason=request.reason,
        )
        return pb.LiftFreezeResponse(freeze=freeze_mappers.freeze(freeze))

    def ListFreezes(self, request: Any, context: Context) -> Any:  # noqa: N802
        page = self._service.list_freezes(
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

    def Nominate(self, request: Any, context: Context) -> Any:  # noqa: N802
        nomination, view = self._service.nominate(
            current_identity(),
            tenant=request.tenant,
            story_id=request.story_id,
            target_tenant=request.target_tenant,
            note=request.note,
        )
        return pb.NominateResponse(
            nomination=workflow_mappers.nomination(nomination), workflow=_workflow(view)
        )

    def GetTakedown(self, request: Any, context: Context) -> Any:  # noqa: N802
        takedown = self._service.get_takedown(
            current_identity(), tenant=request.tenant, story_id=request.story_id
        )
        return pb.GetTakedownResponse(takedown=workflow_mappers.takedown(takedown))

    def ListAuditLog(self, request: Any, context: Context) -> Any:  # noqa: N802
        page = self._service.list_audit_log(
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


def binding(service: EditorialService) -> ServiceBinding:
    return ServiceBinding(
        EditorialApprovalServicer(service),
        pb_grpc.add_EditorialApprovalServiceServicer_to_server,
        SERVICE_NAME,
    )
