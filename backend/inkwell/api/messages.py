"""Private messages and conversations."""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..auth import authenticated, current_user
from ..extensions import limiter
from ..models import Message
from ..ratelimits import current_user_key, limit_value
from ..schemas.social import ConversationSchema, MessageSchema
from ..services import messages as messaging
from .errors import json_error
from .pagination import paginated
from .users import get_user_or_404

blp = Blueprint("messages", __name__, description="Private messages")


def conversation_items(last_messages):
    """Pair each last message with its peer and the unread count (one query per page)."""
    user_id = current_user().id
    peers = [m.recipient if m.sender_id == user_id else m.sender for m in last_messages]
    unread = messaging.unread_counts_by_peer(user_id, [p.id for p in peers])
    return [
        {"peer": peer, "last_message": message, "unread_count": unread.get(peer.id, 0)}
        for peer, message in zip(peers, last_messages, strict=True)
    ]


@blp.route("/messages")
class Messages(MethodView):
    @authenticated()
    @limiter.limit(limit_value("MESSAGES"), key_func=current_user_key)
    @blp.arguments(MessageSchema)
    @blp.response(201, MessageSchema)
    @blp.alt_response(404, response="NOT_FOUND")  # no such recipient
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    def post(self, args):
        """Send a private message; the recipient gets it live"""
        sender = current_user()
        recipient = get_user_or_404(args["recipient"])
        if recipient.id == sender.id:
            json_error(422, "You cannot message yourself.", {"recipient": ["That is you."]})
        message = messaging.send_message(sender, recipient, args["body"])
        return message, 201, {"Location": f"/api/messages/{message.id}"}

    @authenticated(confirmed=False)
    @paginated(blp, MessageSchema, cursor=Message.id)
    def get(self, args):
        """Messages you received, newest first (listing marks nothing read)"""
        user = current_user()
        return (
            messaging.message_query()
            .where(Message.recipient_id == user.id)
            .order_by(Message.id.desc())
        )


@blp.route("/conversations")
class Conversations(MethodView):
    @authenticated(confirmed=False)
    @paginated(blp, ConversationSchema, transform=conversation_items)
    def get(self, args):
        """Your conversations: each peer with the last message and your unread count"""
        return messaging.conversations_query(current_user().id)


@blp.route("/conversations/<user_ref>")
class Conversation(MethodView):
    @authenticated(confirmed=False)
    @paginated(blp, MessageSchema, cursor=Message.id)
    def get(self, args, user_ref):
        """The messages between you and one user, newest first"""
        me, peer = current_user(), get_user_or_404(user_ref)
        return (
            messaging.message_query()
            .where(messaging.between(me.id, peer.id))
            .order_by(Message.id.desc())
        )


@blp.route("/conversations/<user_ref>/read")
class ConversationRead(MethodView):
    @authenticated(confirmed=False)
    @blp.response(204)
    def post(self, user_ref):
        """Mark the messages this user sent you as read; pushes your new unread count"""
        messaging.mark_thread_read(current_user().id, get_user_or_404(user_ref).id)
