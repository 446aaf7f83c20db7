"""Bookmarks: posts a reader keeps for later. Private: only their owner ever lists them, and
nobody is told of them (no count, no event)."""

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from ..extensions import db
from ..models import Bookmark, Post
from .listing import Listing
from .posts import get_post, viewer_flags


def bookmark(user, post_id):
    """Bookmark a post (idempotent: True when this call added it; NotFound for a missing
    post)."""
    post = get_post(post_id)
    exists = db.session.scalar(
        select(Bookmark.id).where(Bookmark.user_id == user.id, Bookmark.post_id == post.id)
    )
    if exists is not None:
        return False
    db.session.add(Bookmark(user_id=user.id, post_id=post.id))
    try:
        db.session.commit()
    except IntegrityError:  # a concurrent request (another tab) bookmarked it first
        db.session.rollback()
        return False
    return True


def unbookmark(user, post_id):
    """Remove a bookmark (idempotent: True when one was removed; NotFound for a missing
    post)."""
    post = get_post(post_id)
    result = db.session.execute(
        delete(Bookmark).where(Bookmark.user_id == user.id, Bookmark.post_id == post.id)
    )
    db.session.commit()
    return result.rowcount > 0


def bookmarks_of(user):
    """The user's bookmarks, newest bookmark first, each with its post loaded as every list
    of posts is (author, counts, pictures, the user's like and bookmark)."""
    via = contains_eager(Bookmark.post)
    listing = (
        select(Bookmark)
        .join(Bookmark.post)
        .where(Bookmark.user_id == user.id)
        .options(via.joinedload(Post.author), *viewer_flags(user, via=via))
        .order_by(Bookmark.id.desc())
    )
    return Listing(listing, select(Bookmark.id).where(Bookmark.user_id == user.id))


def bookmarks_to_posts(bookmarks):
    """Rows of Bookmark -> their posts (the cursor stays the bookmark's id)."""
    return [bookmark_row.post for bookmark_row in bookmarks]
