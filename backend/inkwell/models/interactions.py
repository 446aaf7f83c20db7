"""What readers do with a post: like it (public, counted) and bookmark it (private)."""

from sqlalchemy import ForeignKey, Index, UniqueConstraint, exists, func, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, query_expression, relationship

from ..extensions import db
from .content import Post
from .types import UTCDateTime, utcnow
from .user import User


class Like(db.Model):
    __tablename__ = "likes"
    __table_args__ = (
        # One like per reader and post. Led by user_id: it also serves "is this page liked by
        # the viewer" and deleting a user's likes with the account.
        UniqueConstraint("user_id", "post_id"),
        # A post's likers newest first (ids grow with time), its count, and the cascade
        # when the post goes.
        Index("ix_likes_post_id_id", "post_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    timestamp: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(lazy="raise")

    def __repr__(self):
        return f"<Like {self.user_id} -> {self.post_id}>"


class Bookmark(db.Model):
    __tablename__ = "bookmarks"
    __table_args__ = (
        # One bookmark per reader and post. Led by post_id: it also serves "is this page
        # bookmarked by the viewer" and deleting a post's bookmarks with the post.
        UniqueConstraint("post_id", "user_id"),
        # A reader's bookmarks newest first (the keyset cursor is the bookmark's id), and the
        # cascade when the account goes.
        Index("ix_bookmarks_user_id_id", "user_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    timestamp: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)

    post: Mapped[Post] = relationship(lazy="raise")

    def __repr__(self):
        return f"<Bookmark {self.user_id} -> {self.post_id}>"


# Counted in the same statement as the post, like its comments (nothing to keep in sync).
Post.like_count = column_property(
    select(func.count(Like.id))
    .where(Like.post_id == Post.id)
    .correlate_except(Like)
    .scalar_subquery()
)

# The viewer's own relation to each post, filled only where a viewer is known
# (services/posts.py: with_viewer_flags); None otherwise, which the API shows as null.
Post.liked_by_viewer = query_expression()
Post.bookmarked_by_viewer = query_expression()


def liked_by(user_id):
    """True for the rows of a select of posts that `user_id` likes."""
    return exists().where(Like.post_id == Post.id, Like.user_id == user_id).correlate_except(Like)


def bookmarked_by(user_id):
    """True for the rows of a select of posts that `user_id` bookmarked."""
    # Correlated to the post only: a select of bookmarks (the bookmarks list) has both tables.
    return (
        exists()
        .where(Bookmark.post_id == Post.id, Bookmark.user_id == user_id)
        .correlate_except(Bookmark)
    )
