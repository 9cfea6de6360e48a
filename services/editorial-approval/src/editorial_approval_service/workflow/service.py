"""The story workflow's use cases, one mixin per group of them (see the modules named)."""

from __future__ import annotations

from editorial_approval_service.workflow.comments import CommentUseCases
from editorial_approval_service.workflow.corrections import CorrectionUseCases
from editorial_approval_service.workflow.publishing import PublishingUseCases
from editorial_approval_service.workflow.review import ReviewUseCases
from editorial_approval_service.workflow.syndication import SyndicationUseCases


class WorkflowUseCases(
    ReviewUseCases,
    PublishingUseCases,
    CorrectionUseCases,
    CommentUseCases,
    SyndicationUseCases,
):
    """Submission and review, scheduling and publishing, fast-track, corrections and
    retractions, review comments, syndication."""
