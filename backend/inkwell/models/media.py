"""Uploaded pictures: the images attached to posts and uploaded avatars.

A row is one upload by one user; its files (a full-size and a preview WebP) are named by the
hash of their content, so two rows may share a file (the same picture uploaded twice): a
file is deleted only once no row names it any more. `bytes` (both files) counts toward the
owner's quota.
"""

from flask import current_app
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow

POST = "post"
AVATAR = "avatar"


def media_url(key):
    """Where the browser fetches a stored file: /media/<key> (local storage, served by nginx
    or Flask) or the public URL of the S3 bucket (MEDIA_PUBLIC_URL)."""
    config = current_app.config
    if config.get("MEDIA_STORAGE") == "s3":
        return f"{config['MEDIA_PUBLIC_URL'].rstrip('/')}/{key}"
    return f"/media/{key}"


class Media(db.Model):
    __tablename__ = "media"
    # A post's pictures in their order; unattached uploads found by age for the cleanup.
    __table_args__ = (Index("ix_media_post_id_position", "post_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    purpose: Mapped[str] = mapped_column(String(8), default=POST)
    full_key: Mapped[str] = mapped_column(String(80), index=True)
    preview_key: Mapped[str] = mapped_column(String(80), index=True)
    width: Mapped[int]
    height: Mapped[int]
    alt: Mapped[str | None] = mapped_column(Text)
    bytes: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow, index=True)

    def __repr__(self):
        return f"<Media {self.id}>"

    @property
    def url(self):
        return media_url(self.full_key)

    @property
    def preview_url(self):
        return media_url(self.preview_key)

    @property
    def keys(self):
        return {self.full_key, self.preview_key}
