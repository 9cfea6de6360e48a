"""What published stories show: module-level functions with a keyword-only ``session``;
never commits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, exists
from sqlmodel import Session, col, select

from media_asset_service.usage.models import PublishedStory, StoryMediaUse


def get_story(
    *, session: Session, story_id: str, for_update: bool = False
) -> PublishedStory | None:
    query = select(PublishedStory).where(PublishedStory.story_id == story_id)
    if for_update:
        query = query.with_for_update()
    return session.exec(query).first()


def uses_of_story(*, session: Session, story_id: str) -> Sequence[StoryMediaUse]:
    return session.exec(select(StoryMediaUse).where(StoryMediaUse.story_id == story_id)).all()


def delete_uses_of_story(*, session: Session, story_id: str) -> None:
    session.execute(delete(StoryMediaUse).where(col(StoryMediaUse.story_id) == story_id))


def asset_in_use(*, session: Session, asset_id: str) -> bool:
    return bool(session.exec(select(exists().where(col(StoryMediaUse.asset_id) == asset_id))).one())


def version_in_use(*, session: Session, asset_id: str, version: int) -> bool:
    return bool(
        session.exec(
            select(
                exists().where(
                    col(StoryMediaUse.asset_id) == asset_id, col(StoryMediaUse.version) == version
                )
            )
        ).one()
    )


def assets_in_use(*, session: Session, asset_ids: Sequence[str]) -> set[str]:
    if not asset_ids:
        return set()
    rows = session.exec(
        select(StoryMediaUse.asset_id)
        .where(col(StoryMediaUse.asset_id).in_(list(asset_ids)))
        .distinct()
    ).all()
    return set(rows)
