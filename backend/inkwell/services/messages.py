"""Private messages and conversations."""

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import Message, utcnow
from ..realtime.emit import push
from ..schemas.social import MessageSchema, ReadReceiptSchema
from .errors import InvalidInput
from .notifications import notify, push_unread_message_count
from .users import get_user


def message_query():
    return select(Message).options(joinedload(Message.sender), joinedload(Message.recipient))


def send_message(sender, recipient_ref, body):
    """Store a message to the user named by id or username, then push it to both sides."""
    recipient = get_user(recipient_ref)
    if recipient.id == sender.id:
        raise InvalidInput("You cannot message yourself.", {"recipient": ["That is you."]})
    message = Message(sender=sender, recipient=recipient, body=body, timestamp=utcnow())
    db.session.add(message)
    db.session.commit()
    # Stored first, then pushed: a client that was offline catches up from the database.
    resource = MessageSchema().dump(message)
    push(message.recipient_id, "message", resource)
    push(message.sender_id, "message", resource)
    push_unread_message_count(message.recipient_id)
    return message


def received_by(user):
    """A select of the messages a user received, newest first."""
    return message_query().where(Message.recipient_id == user.id).order_by(Message.id.desc())


def thread(user, peer_ref):
    """A select of the messages between a user and a peer, newest first."""
    peer = get_user(peer_ref)
    return message_query().where(between(user.id, peer.id)).order_by(Message.id.desc())


def between(user_id, peer_id):
    return or_(
        and_(Message.sender_id == user_id, Message.recipient_id == peer_id),
        and_(Message.sender_id == peer_id, Message.recipient_id == user_id),
    )


def peer_of(user_id):
    return case((Message.sender_id == user_id, Message.recipient_id), else_=Message.sender_id)


def conversations_query(user_id):
    """The last message of every conversation of a user, newest conversation first."""
    mine = or_(Message.sender_id == user_id, Message.recipient_id == user_id)
    last_ids = select(func.max(Message.id)).where(mine).group_by(peer_of(user_id))
    return message_query().where(Message.id.in_(last_ids)).order_by(Message.id.desc())


def conversation_items(user_id, last_messages):
    """Rows of conversations_query -> each peer with the last message and the unread count
    (one statement per page)."""
    peers = [m.recipient if m.sender_id == user_id else m.sender for m in last_messages]
    unread = unread_counts_by_peer(user_id, [p.id for p in peers])
    return [
        {"peer": peer, "last_message": message, "unread_count": unread.get(peer.id, 0)}
        for peer, message in zip(peers, last_messages, strict=True)
    ]


def unread_counts_by_peer(user_id, peer_ids):
    if not peer_ids:
        return {}
    rows = db.session.execute(
        select(Message.sender_id, func.count(Message.id))
        .where(
            Message.recipient_id == user_id,
            Message.read_at.is_(None),
            Message.sender_id.in_(peer_ids),
        )
        .group_by(Message.sender_id)
    )
    return dict(rows.all())


def mark_thread_read(user, peer_ref):
    """Mark what the peer sent the user as read; pushes the user's new unread count and, when
    something was unread, a read receipt to the peer (its open thread shows "Read" live)."""
    peer = get_user(peer_ref)
    unread = (
        Message.recipient_id == user.id,
        Message.sender_id == peer.id,
        Message.read_at.is_(None),
    )
    # Bounded by the newest unread id, so the receipt names exactly what this update marked
    # (a message arriving meanwhile stays unread until the reader's next mark).
    up_to = db.session.scalar(select(func.max(Message.id)).where(*unread))
    read_at = utcnow()
    rowcount = 0
    if up_to is not None:
        result = db.session.execute(
            update(Message).where(*unread, Message.id <= up_to).values(read_at=read_at)
        )
        rowcount = result.rowcount
        db.session.commit()
    push_unread_message_count(user.id)
    if rowcount:
        receipt = {"reader": user, "up_to": up_to, "read_at": read_at}
        notify(peer.id, "messages_read", ReadReceiptSchema().dump(receipt))
    return rowcount
