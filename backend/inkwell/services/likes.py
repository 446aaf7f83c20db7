"""Likes: liking a post, taking it back, who likes a post, and the author's `new_like` event."""

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import Like
from ..schemas.users import UserBriefSchema
from .listing import Listing
from .notifications import notify_once
from .plaintext import excerpt
from .posts import get_post, push_post_stats


def like(user, post_id):
    """Like a post (idempotent: True when this call added the like; NotFound for a missing
    post). Pages showing the post hear the new count; its author hears who liked it."""
    post = get_post(post_id)
    exists = db.session.scalar(
        select(Like.id).where(Like.user_id == user.id, Like.post_id == post.id)
    )
    if exists is not None:
        return False
    db.session.add(Like(user_id=user.id, post_id=post.id))
    try:
        db.session.commit()
    except IntegrityError:  # a concurrent request liked it first: same outcome
        db.session.rollback()
        return False
    push_post_stats(post.id)
    if post.author_id != user.id:
        notify_once(
            post.author_id,
            "new_like",
            f"like:{post.id}:{user.id}",
            {
                "post_id": post.id,
                "user": UserBriefSchema().dump(user),
                # Stored with the event, as for new_comment: the notifications page shows
                # which post without a query per row.
                "post_excerpt": excerpt(post.body, 80),
            },
        )
    return True


def unlike(user, post_id):
    """Take a like back (idempotent: True when a like was removed; NotFound for a missing
    post). The author's `new_like` stays: it told of something that happened."""
    post = get_post(post_id)
    result = db.session.execute(
        delete(Like).where(Like.user_id == user.id, Like.post_id == post.id)
    )
    db.session.commit()
    if result.rowcount:
        push_post_stats(post.id)
    return result.rowcount > 0


def likes_of(post_id):
    """The likes of a post, newest first, each with its user (NotFound for a missing post)."""
    get_post(post_id)
    listing = (
        select(Like)
        .where(Like.post_id == post_id)
        .options(joinedload(Like.user).undefer_group("counts"))
        .order_by(Like.id.desc())
    )
    return Listing(listing, select(Like.id).where(Like.post_id == post_id))


def likes_to_users(likes):
    """Rows of Like -> the users who liked, each with `liked_at`."""
    users = []
    for like_row in likes:
        like_row.user.liked_at = like_row.timestamp
        users.append(like_row.user)
    return users
