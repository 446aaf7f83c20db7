"""Notifications: what a (re)connecting client missed, and read state for events."""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..identity import current_user
from ..schemas.social import NotificationArgsSchema, NotificationSchema, NotificationsReadSchema
from ..services import notifications
from .pagination import paginated
from .security import authenticated

blp = Blueprint("notifications", __name__, description="Notifications")


@blp.route("/notifications")
class Notifications(MethodView):
    @authenticated(confirmed=False)
    @paginated(blp, NotificationSchema, args_schema=NotificationArgsSchema)
    def get(self, args):
        """Every notification stored after `since`, oldest first: states and events"""
        return notifications.stored_since(current_user(), args["since"])


@blp.route("/notifications/read")
class NotificationsRead(MethodView):
    @authenticated(confirmed=False)
    @blp.arguments(NotificationsReadSchema)
    @blp.response(204)
    def post(self, args):
        """Mark your event notifications read (all, or up to `until`)"""
        notifications.mark_events_read(current_user().id, args.get("until"))
