"""Notifications: what a (re)connecting client missed, and read state for events."""

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from ..auth import authenticated, current_user
from ..models import Notification
from ..schemas.social import NotificationArgsSchema, NotificationSchema, NotificationsReadSchema
from ..services.notifications import mark_events_read
from .pagination import paginated

blp = Blueprint("notifications", __name__, description="Notifications")


@blp.route("/notifications")
class Notifications(MethodView):
    @authenticated(confirmed=False)
    @paginated(blp, NotificationSchema, args_schema=NotificationArgsSchema)
    def get(self, args):
        """Every notification stored after `since`, oldest first: states and events"""
        return (
            select(Notification)
            .where(
                Notification.user_id == current_user().id,
                Notification.timestamp > args["since"],
            )
            .order_by(Notification.timestamp, Notification.id)
        )


@blp.route("/notifications/read")
class NotificationsRead(MethodView):
    @authenticated(confirmed=False)
    @blp.arguments(NotificationsReadSchema)
    @blp.response(204)
    def post(self, args):
        """Mark your event notifications read (all, or up to `until`)"""
        mark_events_read(current_user().id, args.get("until"))
