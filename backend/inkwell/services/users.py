"""Users: finding them, listing them, and how they relate to the viewer."""

from sqlalchemy import exists, func, select
from sqlalchemy.orm import joinedload, undefer_group

from ..extensions import db
from ..models import Follow, Post, Role, User
from ..schemas.common import MAX_ID
from .errors import NotFound
from .posts import post_query


def user_query():
    return select(User).options(undefer_group("counts"))


def get_user(user_ref, with_counts=False):
    """A user by id (all digits) or case-insensitive username, or NotFound."""
    query = user_query() if with_counts else select(User)
    # ASCII only: str.isdigit() is also true of "²", which int() refuses.
    if user_ref.isascii() and user_ref.isdigit():
        if int(user_ref) > MAX_ID:  # names no user, and would overflow the column
            raise NotFound("User not found.")
        query = query.where(User.id == int(user_ref))
    else:
        query = query.where(func.lower(User.username) == user_ref.lower())
    user = db.session.scalar(query)
    if user is None:
        raise NotFound("User not found.")
    return user


def profile(user_ref, viewer):
    """A profile with its counts and the viewer's relationship to it."""
    return with_relationship(get_user(user_ref, with_counts=True), viewer)


def with_relationship(user, viewer):
    """Set is_following/follows_you for the signed-in viewer, in one statement."""
    if viewer is None or viewer.id == user.id:
        return user
    following, followed = db.session.execute(
        select(
            exists().where(Follow.follower_id == viewer.id, Follow.followed_id == user.id),
            exists().where(Follow.follower_id == user.id, Follow.followed_id == viewer.id),
        )
    ).one()
    user.viewer_is_following = bool(following)
    user.viewer_is_followed = bool(followed)
    return user


def users_by_name(prefix=None):
    """A select of users, alphabetically; `prefix` filters by username prefix."""
    query = user_query().order_by(func.lower(User.username))
    if prefix:
        escaped = prefix.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(func.lower(User.username).like(f"{escaped}%", escape="\\"))
    return query


def with_counts(user):
    """The same user, loaded with its profile counts (after a write)."""
    return db.session.scalar(user_query().where(User.id == user.id))


def posts_of(user_ref, viewer=None):
    """A select of a user's posts, newest first (with the viewer's likes and bookmarks)."""
    user = get_user(user_ref)
    return post_query(viewer).where(Post.author_id == user.id).order_by(Post.id.desc())


def followers_of(user_ref):
    """A select of the follows of a user, most recent first (`follows_to_users("follower")`)."""
    return _follows(get_user(user_ref), Follow.followed_id, Follow.follower, Follow.follower_id)


def followed_by(user_ref):
    """A select of whom a user follows, most recent first (`follows_to_users("followed")`)."""
    return _follows(get_user(user_ref), Follow.follower_id, Follow.followed, Follow.followed_id)


def _follows(user, own_side, other, other_id):
    return (
        select(Follow)
        .where(own_side == user.id)
        .options(joinedload(other).undefer_group("counts"))
        .order_by(Follow.timestamp.desc(), other_id.desc())
    )


def follows_to_users(attribute):
    """Rows of Follow -> the users on one side, each with `since` (when the follow began)."""

    def transform(follows):
        users = []
        for follow in follows:
            user = getattr(follow, attribute)
            user.since = follow.timestamp
            users.append(user)
        return users

    return transform


def roles():
    return db.session.scalars(select(Role).order_by(Role.permissions)).all()
