from __future__ import annotations

import pytest

from editorial_approval_service.callers import holds, roles_snapshot
from editorial_approval_service.policy import rules
from editorial_approval_service.policy.models import Stage
from newsroom_core.enums import ApprovalRole, StoryType
from newsroom_core.errors import InvalidArgument
from newsroom_core.identity import PLATFORM_ADMIN, Identity


def test_official_statements_get_a_last_spokesperson_stage() -> None:
    stages = rules.stages_for(
        rules.DEFAULT_STAGES, ApprovalRole.SPOKESPERSON, StoryType.OFFICIAL_STATEMENT
    )
    assert [s.role for s in stages] == [
        ApprovalRole.EDITOR,
        ApprovalRole.BOARD,
        ApprovalRole.SPOKESPERSON,
    ]
    news = rules.stages_for(rules.DEFAULT_STAGES, ApprovalRole.SPOKESPERSON, StoryType.NEWS)
    assert [s.role for s in news] == [ApprovalRole.EDITOR, ApprovalRole.BOARD]


def test_no_duplicate_spokesperson_stage_when_policy_has_one() -> None:
    policy = [
        Stage(ApprovalRole.EDITOR, "Desk"),
        Stage(ApprovalRole.SPOKESPERSON, "PN"),
        Stage(ApprovalRole.BOARD, "B"),
    ]
    stages = rules.stages_for(policy, ApprovalRole.SPOKESPERSON, StoryType.OFFICIAL_STATEMENT)
    assert [s.role for s in stages] == [
        ApprovalRole.EDITOR,
        ApprovalRole.SPOKESPERSON,
        ApprovalRole.BOARD,
    ]


@pytest.mark.parametrize(
    ("stages", "official"),
    [
        ([], ApprovalRole.SPOKESPERSON),
        ([Stage(ApprovalRole.CONTRIBUTOR, "x")], ApprovalRole.SPOKESPERSON),
        ([Stage(ApprovalRole.EDITOR, "x")], ApprovalRole.CONTRIBUTOR),
    ],
)
def test_invalid_policies(stages: list[Stage], official: ApprovalRole) -> None:
    with pytest.raises(InvalidArgument) as err:
        rules.validate_policy(stages, official)
    assert err.value.reason == "INVALID_POLICY"


def test_holds_role_per_tenant_and_platform_admin() -> None:
    editor = Identity("u1", "halong.editor", tenant_roles={"halong": frozenset({"editor"})})
    admin = Identity("u2", "platform.admin", realm_roles=frozenset({PLATFORM_ADMIN}))
    assert holds(editor, "halong", ApprovalRole.EDITOR)
    assert not holds(editor, "uongbi", ApprovalRole.EDITOR)
    assert not holds(editor, "halong", ApprovalRole.BOARD)
    # Platform admins hold the platform-admin stage only, never a tenant's editorial role.
    assert holds(admin, "halong", ApprovalRole.PLATFORM_ADMIN)
    assert not holds(admin, "halong", ApprovalRole.BOARD)
    assert roles_snapshot(admin, "halong") == ["platform-admin"]
    assert roles_snapshot(editor, "halong") == ["editor"]
