"""Hashtags: the tags posts carry, and the tags users follow into their feed.

A tag's name is stored lower-cased (tags are case-insensitive: #Flask and #flask are one
tag); the post keeps the spelling its author typed in its body.
"""

from sqlalchemy import Column, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow

# SPEC §10: letters, digits and _; longer than this is not a tag at all (never truncated).
TAG_MAX_LENGTH = 64


class Tag(db.Model):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(TAG_MAX_LENGTH), unique=True)

    def __repr__(self):
        return f"<Tag {self.name}>"


# Which tags a post carries. (tag_id, post_id) orders a tag's posts newest first by index,
# so a tag page and its keyset cursor cost the page, not the tag's size.
post_tags = Table(
    "post_tags",
    db.metadata,
    Column("post_id", ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_post_tags_tag_id_post_id", "tag_id", "post_id"),
)


class TagFollow(db.Model):
    __tablename__ = "tag_follows"
    __table_args__ = (Index("ix_tag_follows_tag_id", "tag_id"),)

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)
    timestamp: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
