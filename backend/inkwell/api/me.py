"""The signed-in user's own account."""

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from ..auth import authenticated, current_user
from ..extensions import db
from ..models import Task, User
from ..schemas.accounts import EmailChangeSchema, PasswordChangeSchema, PasswordSchema
from ..schemas.users import MeSchema, ProfileUpdateSchema
from ..services.accounts import revoke_all_sessions, send_email_change
from ..services.notifications import (
    annotate_counts,
    push_unread_message_count,
    unread_recipients_of,
)
from ..services.profiles import apply_profile_changes
from ..tasks.export import delete_exports
from .errors import json_error

blp = Blueprint("me", __name__, description="The signed-in user")


@blp.route("/me")
class Me(MethodView):
    @authenticated(confirmed=False)
    @blp.response(200, MeSchema)
    def get(self):
        """Your own profile, with email, permissions and unread counts"""
        return annotate_counts(current_user())

    @authenticated()
    @blp.arguments(ProfileUpdateSchema)
    @blp.response(200, MeSchema)
    @blp.alt_response(409, response="CONFLICT")
    def patch(self, changes):
        """Edit your username, name, location, about me or language"""
        user = current_user()
        apply_profile_changes(user, changes)
        db.session.commit()
        return annotate_counts(user)

    @authenticated(confirmed=False)
    @blp.arguments(PasswordSchema)
    @blp.response(204)
    @blp.alt_response(403, response="FORBIDDEN")  # wrong password
    def delete(self, args):
        """Delete your account and everything you wrote; every session ends"""
        user = current_user()
        if not user.verify_password(args["password"]):
            json_error(403, "Wrong password.", {"password": ["Wrong password."]})
        revoke_all_sessions(user)
        # Their unread messages vanish with them: those recipients' badges must drop.
        readers = unread_recipients_of(user.id)
        exports = db.session.scalars(
            select(Task.result_path).where(Task.user_id == user.id, Task.result_path.is_not(None))
        ).all()
        db.session.delete(user)
        db.session.commit()
        delete_exports(exports)
        for reader_id in readers:
            push_unread_message_count(reader_id)


@blp.route("/me/password")
class Password(MethodView):
    @authenticated(confirmed=False)
    @blp.arguments(PasswordChangeSchema)
    @blp.response(204)
    @blp.alt_response(403, response="FORBIDDEN")  # wrong password
    def put(self, args):
        """Change your password (other sessions stay signed in)"""
        user = current_user()
        if not user.verify_password(args["old_password"]):
            json_error(403, "Wrong password.", {"old_password": ["Wrong password."]})
        user.password = args["password"]
        db.session.commit()


@blp.route("/me/email")
class Email(MethodView):
    @authenticated()
    @blp.arguments(EmailChangeSchema)
    @blp.response(202)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, args):
        """Ask to change your email; a link goes to the new address"""
        user = current_user()
        if not user.verify_password(args["password"]):
            json_error(403, "Wrong password.", {"password": ["Wrong password."]})
        new_email = args["email"].lower()
        if User.email_taken(new_email):
            json_error(409, "Email already registered.", {"email": ["Email already registered."]})
        send_email_change(user, new_email)
