"""Private messages and conversations."""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..extensions import limiter
from ..identity import current_user
from ..models import Message
from ..schemas.social import ConversationSchema, MessageSchema
from ..services import messages
from .pagination import paginated
from .ratelimits import current_user_key, limit_value
from .security import authenticated

blp = Blueprint("messages", __name__, description="Private messages")


def conversation_items(last_messages):
    return messages.conversation_items(current_user().id, last_messages)


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
        message = messages.send_message(current_user(), args["recipient"], args["body"])
        return message, 201, {"Location": f"/api/messages/{message.id}"}

    @authenticated(confirmed=False)
    @paginated(blp, MessageSchema, cursor=Message.id)
    def get(self, args):
        """Messages you received, newest first (listing marks nothing read)"""
        return messages.received_by(current_user())


@blp.route("/conversations")
class Conversations(MethodView):
    @authenticated(confirmed=False)
    @paginated(blp, ConversationSchema, transform=conversation_items)
    def get(self, args):
        """Your conversations: each peer with the last message and your unread count"""
        return messages.conversations_query(current_user().id)


@blp.route("/conversations/<user_ref>")
class Conversation(MethodView):
    @authenticated(confirmed=False)
    @paginated(blp, MessageSchema, cursor=Message.id)
    def get(self, args, user_ref):
        """The messages between you and one user, newest first"""
        return messages.thread(current_user(), user_ref)


@blp.route("/conversations/<user_ref>/read")
class ConversationRead(MethodView):
    @authenticated(confirmed=False)
    @blp.response(204)
    def post(self, user_ref):
        """Mark the messages this user sent you as read; pushes your new unread count"""
        messages.mark_thread_read(current_user(), user_ref)
