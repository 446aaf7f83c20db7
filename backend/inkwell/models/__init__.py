"""The domain models."""

from . import search  # noqa: F401  (the full-text index's DDL hooks)
from .content import Comment, Post
from .interactions import Bookmark, Like
from .media import Media
from .social import Message, Notification, Task
from .tags import Tag, TagFollow, post_tags
from .types import UTCDateTime, utcnow
from .user import AuthSession, Follow, Permission, Role, User

__all__ = [
    "AuthSession",
    "Bookmark",
    "Comment",
    "Follow",
    "Like",
    "Media",
    "Message",
    "Notification",
    "Permission",
    "Post",
    "Role",
    "Tag",
    "TagFollow",
    "Task",
    "User",
    "UTCDateTime",
    "utcnow",
    "post_tags",
]
