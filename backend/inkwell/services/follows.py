"""Following and unfollowing."""

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..api.errors import json_error
from ..extensions import db
from ..models import Follow
from ..realtime.emit import follow_changed


def follow(follower, followed):
    if follower.id == followed.id:
        json_error(422, "You cannot follow yourself.", {"user": ["You cannot follow yourself."]})
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
    from ..schemas.users import UserBriefSchema
    from .notifications import notify

    notify(followed.id, "new_follower", {"user": UserBriefSchema().dump(follower)})
    return True


def unfollow(follower, followed):
    if follower.id == followed.id:
        json_error(422, "You cannot unfollow yourself.", {"user": ["You cannot follow yourself."]})
    result = db.session.execute(
        delete(Follow).where(Follow.follower_id == follower.id, Follow.followed_id == followed.id)
    )
    db.session.commit()
    follow_changed(follower.id, followed.id, following=False)
    return result.rowcount > 0
