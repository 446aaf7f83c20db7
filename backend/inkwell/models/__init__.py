"""The domain models."""

from .content import Comment, Post
from .types import UTCDateTime, utcnow
from .user import AuthSession, Follow, Permission, Role, User

__all__ = [
    "AuthSession",
    "Comment",
    "Follow",
    "Permission",
    "Post",
    "Role",
    "User",
    "UTCDateTime",
    "utcnow",
]
