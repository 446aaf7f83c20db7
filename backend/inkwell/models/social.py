"""Private messages, notifications and background tasks."""

import json
import time

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow
from .user import User


class Message(db.Model):
    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_recipient_id_id", "recipient_id", "id"),
        Index("ix_messages_sender_id_id", "sender_id", "id"),
        Index("ix_messages_recipient_id_read_at", "recipient_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    timestamp: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[object | None] = mapped_column(UTCDateTime)

    sender: Mapped[User] = relationship(foreign_keys=[sender_id], lazy="raise")
    recipient: Mapped[User] = relationship(foreign_keys=[recipient_id], lazy="raise")

    def __repr__(self):
        return f"<Message {self.id}>"


# States keep one row per (user, name), newest wins; events are a log kept until read.
# `messages_read` (a read receipt) is a state: the thread itself stores read_at and is reloaded
# after a reconnect, so only the latest receipt needs keeping for the catch-up.
STATE_NOTIFICATIONS = ("unread_message_count", "task_progress", "messages_read")
EVENT_NOTIFICATIONS = ("new_follower", "new_comment", "new_like", "mention")


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_id_timestamp", "user_id", "timestamp"),
        Index("ix_notifications_user_id_name", "user_id", "name"),
        Index("ix_notifications_user_id_event_key", "user_id", "event_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(64))
    payload_json: Mapped[str] = mapped_column(Text)
    # Epoch seconds: the `since` cursor of catch-up requests.
    timestamp: Mapped[float] = mapped_column(default=time.time)
    read_at: Mapped[object | None] = mapped_column(UTCDateTime)
    # What an event is about ("like:<post>:<liker>"), for events that must not repeat while
    # unread (a like taken back and given again); None for the others.
    event_key: Mapped[str | None] = mapped_column(String(64))

    @property
    def data(self):
        return json.loads(self.payload_json)

    @property
    def is_event(self):
        return self.name in EVENT_NOTIFICATIONS

    def __repr__(self):
        return f"<Notification {self.name} for {self.user_id}>"


ACTIVE_CONDITION = "status IN ('queued', 'running')"


class Task(db.Model):
    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_user_id_created_at", "user_id", "created_at"),
        # One queued/running task of a kind per user, even when two requests race the check.
        Index(
            "uq_tasks_user_id_name_active",
            "user_id",
            "name",
            unique=True,
            postgresql_where=text(ACTIVE_CONDITION),
            sqlite_where=text(ACTIVE_CONDITION),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(128))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default="queued")
    progress: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    result_path: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[object | None] = mapped_column(UTCDateTime)

    ACTIVE = ("queued", "running")

    def __repr__(self):
        return f"<Task {self.name} {self.status}>"
