import pytest

from newsroom_core.errors import PermissionDenied, Unauthenticated
from newsroom_core.identity import Identity, decode_identity, encode_identity

KEY = b"k" * 32


def editor() -> Identity:
    return Identity.from_groups(
        user_id="u1",
        username="halong.editor",
        display_name="Biên tập",
        groups=["/tenants/halong/editor", "/tenants/halong/nonsense", "/other/x", "/tenants/tkv"],
        realm_roles=["offline_access", "ops"],
    )


def test_groups_map_to_tenant_roles() -> None:
    who = editor()
    assert who.tenant_roles == {"halong": frozenset({"editor"})}
    assert who.realm_roles == frozenset({"ops"})
    assert who.has_role("halong", "editor")
    assert not who.is_member("uongbi")


def test_tenant_scope_is_enforced() -> None:
    who = editor()
    who.require_role("halong", "editor", "board")
    with pytest.raises(PermissionDenied) as err:
        who.require_role("uongbi", "editor")
    assert err.value.reason == "TENANT_MISMATCH"
    with pytest.raises(PermissionDenied) as err:
        who.require_role("halong", "board")
    assert err.value.reason == "ROLE_REQUIRED"


def test_signed_identity_round_trip_and_tamper_detection() -> None:
    md = dict(encode_identity(editor(), KEY))
    assert decode_identity(md, KEY) == editor()
    assert decode_identity({}, KEY) is None
    with pytest.raises(Unauthenticated):
        decode_identity(md, b"another key")
    forged = dict(md)
    forged["x-newsroom-identity"] = dict(
        encode_identity(Identity("u1", "x", tenant_roles={"uongbi": frozenset({"board"})}), KEY)
    )["x-newsroom-identity"]
    with pytest.raises(Unauthenticated):
        decode_identity(forged, KEY)


def test_a_role_check_can_name_its_own_reason() -> None:
    with pytest.raises(PermissionDenied) as err:
        editor().require_role("halong", "tenant-admin", reason="TENANT_ADMIN_REQUIRED")
    assert err.value.reason == "TENANT_ADMIN_REQUIRED"
