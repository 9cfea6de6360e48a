"""Approval policy rules: default stages, the stages a story must pass, policy validation.

Who holds a role is ``callers.holds``."""

from __future__ import annotations

from collections.abc import Sequence

from editorial_approval_service.policy.models import Stage
from newsroom_core.enums import ApprovalRole, StoryType
from newsroom_core.errors import InvalidArgument

DEFAULT_STAGES: tuple[Stage, ...] = (
    Stage(ApprovalRole.EDITOR, "Biên tập (Desk)"),
    Stage(ApprovalRole.BOARD, "Ban biên tập (Editorial board)"),
)
DEFAULT_OFFICIAL_STATEMENT_ROLE = ApprovalRole.SPOKESPERSON
OFFICIAL_STATEMENT_STAGE_NAME = "Người phát ngôn (Spokesperson)"

# Roles that may never be an approval stage: contributors write, they do not approve.
NOT_APPROVER_ROLES = frozenset({ApprovalRole.CONTRIBUTOR})


def stages_for(
    stages: Sequence[Stage], official_statement_role: ApprovalRole, story_type: StoryType | None
) -> list[Stage]:
    """The stages a story of ``story_type`` must pass under a policy, in order.

    Official statements get an extra last stage (spokesperson), unless the policy already
    has a stage of that role.
    """
    result = list(stages)
    if story_type is StoryType.OFFICIAL_STATEMENT and all(
        s.role is not official_statement_role for s in result
    ):
        result.append(Stage(official_statement_role, OFFICIAL_STATEMENT_STAGE_NAME))
    return result


def validate_policy(stages: Sequence[Stage], official_statement_role: ApprovalRole) -> None:
    """INVALID_ARGUMENT reason=INVALID_POLICY for an empty policy or a contributor stage."""
    if not stages:
        raise InvalidArgument("chính sách cần ít nhất một vòng duyệt", reason="INVALID_POLICY")
    for stage in (*stages, Stage(official_statement_role, "")):
        if stage.role in NOT_APPROVER_ROLES:
            raise InvalidArgument(
                f"vai trò {stage.role.value} không thể là vòng duyệt", reason="INVALID_POLICY"
            )
