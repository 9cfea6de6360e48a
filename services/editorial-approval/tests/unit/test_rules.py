from __future__ import annotations

import pytest

from editorial_approval_service.policy import rules
from editorial_approval_service.policy.models import Stage
from editorial_approval_service.shared.models import Role, StoryType
from editorial_approval_service.shared.service import holds, roles_snapshot
from newsroom_core.errors import InvalidArgument
from newsroom_core.identity import PLATFORM_ADMIN, Identity


def test_official_statements_get_a_last_spokesperson_stage() -> None:
    stages = rules.stages_for(rules.DEFAULT_STAGES, Role.SPOKESPERSON, StoryType.OFFICIAL_STATEMENT)
    assert [s.role for s in stages] == [Role.EDITOR, Role.BOARD, Role.SPOKESPERSON]
    news = rules.stages_for(rules.DEFAULT_STAGES, Role.SPOKESPERSON, StoryType.NEWS)
    assert [s.role for s in news] == [Role.EDITOR, Role.BOARD]


def test_no_duplicate_spokesperson_stage_when_policy_has_one() -> None:
    policy = [Stage(Role.EDITOR, "Desk"), Stage(Role.SPOKESPERSON, "PN"), Stage(Role.BOARD, "B")]
    stages = rules.stages_for(policy, Role.SPOKESPERSON, StoryType.OFFICIAL_STATEMENT)
    assert [s.role for s in stages] == [Role.EDITOR, Role.SPOKESPERSON, Role.BOARD]


@pytest.mark.parametrize(
    ("stages", "official"),
    [
        ([], Role.SPOKESPERSON),
        ([Stage(Role.CONTRIBUTOR, "x")], Role.SPOKESPERSON),
        ([Stage(Role.EDITOR, "x")], Role.CONTRIBUTOR),
    ],
)
def test_invalid_policies(stages: list[Stage], official: Role) -> None:
    with pytest.raises(InvalidArgument) as err:
        rules.validate_policy(stages, official)
    assert err.value.reason == "INVALID_POLICY"


def test_holds_role_per_tenant_and_platform_admin() -> None:
    editor = Identity("u1", "halong.editor", tenant_roles={"halong": frozenset({"editor"})})
    admin = Identity("u2", "platform.admin", realm_roles=frozenset({PLATFORM_ADMIN}))
    assert holds(editor, "halong", Role.EDITOR)
    assert not holds(editor, "uongbi", Role.EDITOR)
    assert not holds(editor, "halong", Role.BOARD)
    # Platform admins hold the platform-admin stage only, never a tenant's editorial role.
    assert holds(admin, "halong", Role.PLATFORM_ADMIN)
    assert not holds(admin, "halong", Role.BOARD)
    assert roles_snapshot(admin, "halong") == ["platform-admin"]
    assert roles_snapshot(editor, "halong") == ["editor"]
