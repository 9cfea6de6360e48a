"""Who am I."""

from __future__ import annotations

from fastapi import APIRouter

from gateway import mappers, schemas
from gateway.deps import CurrentIdentity

router = APIRouter(prefix="/v1", tags=["me"])


@router.get(
    "/me",
    summary="Tôi là ai / who am I",
    description="Các đơn vị và vai trò của người dùng / the caller's tenants and roles.",
)
async def me(identity: CurrentIdentity) -> schemas.Me:
    return mappers.me(identity)
