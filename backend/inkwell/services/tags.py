"""Hashtags: the tags of a post (from its rendered body), tag pages, trending tags, and the
tags users follow into their feed."""

from datetime import timedelta

from sqlalchemy import delete, distinct, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..models import Post, Tag, TagFollow, post_tags, utcnow
from ..realtime.emit import tag_follow_changed
from .errors import InvalidInput
from .markdown import normalise_tag

TRENDING_WINDOW = timedelta(hours=24)
TRENDING_SIZE = 10
NOT_A_TAG = "Not a tag: letters, digits and _ only, at most 64, with at least one letter."


def tag_name(name):
    """The stored form of a tag named in a URL (a leading # allowed), or InvalidInput."""
    tag = normalise_tag(name.removeprefix("#"))
    if tag is None:
        raise InvalidInput(NOT_A_TAG, {"tag": [NOT_A_TAG]})
    return tag


def _insert_new(model, rows):
    """INSERT rows, skipping those already there (a concurrent writer of the same is fine)."""
    dialect = {"postgresql": postgresql, "sqlite": sqlite}[db.session.get_bind().dialect.name]
    db.session.execute(dialect.insert(model).values(rows).on_conflict_do_nothing())


def _upsert(names):
    """The ids of these tags, made as needed."""
    _insert_new(Tag, [{"name": name} for name in names])
    return dict(db.session.execute(select(Tag.name, Tag.id).where(Tag.name.in_(names))).all())


def set_post_tags(post, names):
    """Make a post's tags exactly `names` (in the session; the caller commits)."""
    db.session.flush()  # a new post needs its id
    db.session.execute(delete(post_tags).where(post_tags.c.post_id == post.id))
    if names:
        ids = _upsert(names)
        db.session.execute(
            insert(post_tags), [{"post_id": post.id, "tag_id": ids[name]} for name in names]
        )


def tag_ids_of(post_id):
    """The ids of a post's tags (whose followers hear of it live)."""
    query = select(post_tags.c.tag_id).where(post_tags.c.post_id == post_id)
    return db.session.scalars(query).all()


# -- reading -----------------------------------------------------------------------------------


def trending(now=None):
    """The tags most authors used in the last 24 h (ties: more posts, then by name)."""
    since = (now or utcnow()) - TRENDING_WINDOW
    authors = func.count(distinct(Post.author_id)).label("authors")
    posts = func.count(Post.id).label("posts")
    rows = db.session.execute(
        select(Tag.name, authors, posts)
        .join(post_tags, post_tags.c.tag_id == Tag.id)
        .join(Post, Post.id == post_tags.c.post_id)
        .where(Post.timestamp > since)
        .group_by(Tag.id, Tag.name)
        .order_by(authors.desc(), posts.desc(), Tag.name)
        .limit(TRENDING_SIZE)
    )
    return [{"name": name, "authors": a, "posts": p} for name, a, p in rows]


def followed_tags(user):
    """A select of the tags a user follows, alphabetically."""
    return (
        select(Tag)
        .join(TagFollow, TagFollow.tag_id == Tag.id)
        .where(TagFollow.user_id == user.id)
        .order_by(Tag.name)
    )


def followed_tag_ids(user_id):
    return db.session.scalars(select(TagFollow.tag_id).where(TagFollow.user_id == user_id)).all()


def posts_of_followed_tags(user_id):
    """A select of the ids of posts carrying a tag the user follows (for the feed)."""
    followed = select(TagFollow.tag_id).where(TagFollow.user_id == user_id)
    return select(post_tags.c.post_id).where(post_tags.c.tag_id.in_(followed))


# -- following ---------------------------------------------------------------------------------


def follow_tag(user, name):
    """Follow a tag into the feed (idempotent)."""
    tag = tag_name(name)
    tag_id = _upsert([tag])[tag]
    _insert_new(TagFollow, [{"user_id": user.id, "tag_id": tag_id, "timestamp": utcnow()}])
    db.session.commit()
    tag_follow_changed(user.id, tag_id, following=True)


def unfollow_tag(user, name):
    """Stop following a tag (idempotent; a tag never used is not an error)."""
    tag = tag_name(name)
    tag_id = db.session.scalar(select(Tag.id).where(Tag.name == tag))
    if tag_id is None:
        return
    db.session.execute(
        delete(TagFollow).where(TagFollow.user_id == user.id, TagFollow.tag_id == tag_id)
    )
    db.session.commit()
    tag_follow_changed(user.id, tag_id, following=False)
