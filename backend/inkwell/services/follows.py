"""Following and unfollowing."""

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Follow
from ..realtime.emit import follow_changed
from ..schemas.users import UserBriefSchema
from .errors import InvalidInput
from .notifications import notify

NOT_YOURSELF = "You cannot follow yourself."


def followed_ids(user_id):
    return db.session.scalars(select(Follow.followed_id).where(Follow.follower_id == user_id)).all()


def follow(follower, followed):
    """Follow (idempotent: True when this call created the follow)."""
    if follower.id == followed.id:
        raise InvalidInput(NOT_YOURSELF, {"user": [NOT_YOURSELF]})
    exists = db.session.scalar(
        select(Follow.follower_id).where(
            Follow.follower_id == follower.id, Follow.followed_id == followed.id
        )
    )
    if exists is not None:
        return False
    db.session.add(Follow(follower_id=follower.id, followed_id=followed.id))
    try:
        db.session.commit()
    except IntegrityError:  # a concurrent request followed first: same outcome
        db.session.rollback()
        return False
    follow_changed(follower.id, followed.id, following=True)
    notify(followed.id, "new_follower", {"user": UserBriefSchema().dump(follower)})
    return True


def unfollow(follower, followed):
    """Unfollow (idempotent: True when a follow was removed)."""
    if follower.id == followed.id:
        raise InvalidInput("You cannot unfollow yourself.", {"user": [NOT_YOURSELF]})
    result = db.session.execute(
        delete(Follow).where(Follow.follower_id == follower.id, Follow.followed_id == followed.id)
    )
    db.session.commit()
    follow_changed(follower.id, followed.id, following=False)
    return result.rowcount > 0
