"""Posts and comments, and the counters derived from them."""

from sqlalchemy import ForeignKey, Index, String, Text, func, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from ..extensions import db
from .media import Media
from .types import UTCDateTime, utcnow
from .user import Follow, User


class Post(db.Model):
    __tablename__ = "posts"
    # Time-ordered lists sort by id (ids grow with time) so keyset cursors are plain `id < n`.
    __table_args__ = (Index("ix_posts_author_id_id", "author_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(5), default="")
    timestamp: Mapped[object] = mapped_column(UTCDateTime, default=utcnow, index=True)
    edited_at: Mapped[object | None] = mapped_column(UTCDateTime)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # Shown instead of the body until the reader opens it (None: the body is shown at once).
    content_warning: Mapped[str | None] = mapped_column(String(200))

    author: Mapped[User] = relationship(lazy="raise")
    # Loaded with every select of posts (one more statement per page, whatever its size);
    # rows go with the post (the files are the service's to delete).
    media: Mapped[list[Media]] = relationship(
        order_by=(Media.position, Media.id), lazy="selectin", cascade="all", passive_deletes=True
    )

    def __repr__(self):
        return f"<Post {self.id}>"

    def can_edit(self, user):
        return user is not None and (user.id == self.author_id or user.is_administrator())


class Comment(db.Model):
    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_post_id_id", "post_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(default=False)
    timestamp: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))

    author: Mapped[User] = relationship(lazy="raise")
    post: Mapped[Post] = relationship(lazy="raise")

    def __repr__(self):
        return f"<Comment {self.id}>"


def _count(column, where):
    return select(func.count(column)).where(where).correlate_except(column.table).scalar_subquery()


# Counters are computed in the same statement as the row (no N+1, nothing to keep in sync).
# A comment a moderator disabled is not counted: readers see only its notice, not a comment.
VISIBLE_COMMENT = Comment.disabled.is_(False)
Post.comment_count = column_property(
    _count(Comment.id, (Comment.post_id == Post.id) & VISIBLE_COMMENT)
)

# Profile counters are loaded only where a profile is shown (undefer_group("counts")).
User.post_count = column_property(
    _count(Post.id, Post.author_id == User.id), deferred=True, group="counts"
)
User.comment_count = column_property(
    _count(Comment.id, (Comment.author_id == User.id) & VISIBLE_COMMENT),
    deferred=True,
    group="counts",
)
User.follower_count = column_property(
    _count(Follow.follower_id, Follow.followed_id == User.id), deferred=True, group="counts"
)
User.following_count = column_property(
    _count(Follow.followed_id, Follow.follower_id == User.id), deferred=True, group="counts"
)
