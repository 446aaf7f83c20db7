"""Notifications: stored first, then pushed, so a reconnecting client can catch up."""

import json
import time

from sqlalchemy import delete, func, select, update

from ..extensions import db
from ..models import Message, Notification, utcnow
from ..models.social import EVENT_NOTIFICATIONS, STATE_NOTIFICATIONS
from ..realtime.emit import push


def _store(user_id, name, data, event_key=None):
    if name in STATE_NOTIFICATIONS:
        # A state has one current value: the newer row replaces the older.
        db.session.execute(
            delete(Notification).where(Notification.user_id == user_id, Notification.name == name)
        )
    elif name not in EVENT_NOTIFICATIONS:
        raise ValueError(f"unknown notification {name!r}")
    notification = Notification(
        user_id=user_id,
        name=name,
        payload_json=json.dumps(data),
        timestamp=time.time(),
        event_key=event_key,
    )
    db.session.add(notification)
    db.session.commit()
    return notification


def notify(user_id, name, data, event_key=None):
    notification = _store(user_id, name, data, event_key)
    push(
        user_id,
        "notification",
        {"name": name, "data": data, "timestamp": notification.timestamp},
    )
    return notification


def notify_once(user_id, name, event_key, data):
    """notify() of an event unless one about the same thing (`event_key`) is still unread.

    A like taken back and given again, over and over, tells the author once: what is unread
    already says it. Once read, a new occurrence is news again. None when nothing was sent.
    """
    unread = db.session.scalar(
        select(Notification.id)
        .where(
            Notification.user_id == user_id,
            Notification.event_key == event_key,
            Notification.read_at.is_(None),
        )
        .limit(1)
    )
    if unread is not None:
        return None
    return notify(user_id, name, data, event_key)


def stored_since(user, since):
    """A select of every notification of a user stored after `since`, oldest first."""
    return (
        select(Notification)
        .where(Notification.user_id == user.id, Notification.timestamp > since)
        .order_by(Notification.timestamp, Notification.id)
    )


def unread_message_count(user_id):
    return db.session.scalar(
        select(func.count(Message.id)).where(
            Message.recipient_id == user_id, Message.read_at.is_(None)
        )
    )


def unread_recipients_of(sender_id):
    """Who has unread messages from this sender (their counts change if it goes away)."""
    return db.session.scalars(
        select(Message.recipient_id)
        .where(Message.sender_id == sender_id, Message.read_at.is_(None))
        .distinct()
    ).all()


def push_unread_message_count(user_id):
    return notify(user_id, "unread_message_count", unread_message_count(user_id))


def unread_event_count(user_id):
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user_id,
            Notification.name.in_(EVENT_NOTIFICATIONS),
            Notification.read_at.is_(None),
        )
    )


def mark_events_read(user_id, until=None):
    query = update(Notification).where(
        Notification.user_id == user_id,
        Notification.name.in_(EVENT_NOTIFICATIONS),
        Notification.read_at.is_(None),
    )
    if until is not None:
        query = query.where(Notification.timestamp <= until)
    result = db.session.execute(query.values(read_at=utcnow()))
    db.session.commit()
    return result.rowcount


def annotate_counts(user):
    """Attach the unread badges shown with the signed-in user's own profile."""
    user.unread_message_count = unread_message_count(user.id)
    user.new_notification_count = unread_event_count(user.id)
    return user
