"""Email-driven account flows: confirmation, password reset, email change."""

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from ..auth import authenticated, current_user
from ..extensions import db, limiter
from ..models import User
from ..ratelimits import limit_value, reset_email_key
from ..schemas.accounts import EmailTokenSchema, ResetRequestSchema, ResetSchema
from ..schemas.users import MeSchema
from ..services.accounts import revoke_all_sessions, send_confirmation, send_password_reset
from .errors import json_error

blp = Blueprint("auth", __name__, description="Account confirmation and recovery")

INVALID_LINK = "The link is invalid or has expired."


@blp.route("/auth/confirm")
class Confirm(MethodView):
    @blp.arguments(EmailTokenSchema)
    @blp.response(200, MeSchema)
    def post(self, args):
        """Confirm an account with the token from the emailed link"""
        config = current_app.config
        user, _ = User.load_email_token("confirm", args["token"], config["CONFIRM_TOKEN_SECONDS"])
        if user is None:
            json_error(400, INVALID_LINK)
        user.confirmed = True
        db.session.commit()
        return user


@blp.route("/auth/confirm/resend")
class ResendConfirmation(MethodView):
    @authenticated(confirmed=False)
    @blp.response(202)
    @blp.alt_response(409, response="CONFLICT")
    def post(self):
        """Send the confirmation email again"""
        user = current_user()
        if user.confirmed:
            json_error(409, "This account is already confirmed.")
        send_confirmation(user)


@blp.route("/auth/reset-request")
class ResetRequest(MethodView):
    @limiter.limit(limit_value("RESET"), key_func=reset_email_key)
    @blp.arguments(ResetRequestSchema)
    @blp.response(202)
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    def post(self, args):
        """Email a password reset link (202 whether or not the address exists)"""
        user = db.session.scalar(db.select(User).filter_by(email=args["email"].lower()))
        if user is not None:
            send_password_reset(user)


@blp.route("/auth/reset")
class Reset(MethodView):
    @blp.arguments(ResetSchema)
    @blp.response(204)
    def post(self, args):
        """Set a new password with the emailed token; logs out every session"""
        config = current_app.config
        user, _ = User.load_email_token("reset", args["token"], config["RESET_TOKEN_SECONDS"])
        if user is None:
            json_error(400, INVALID_LINK)
        user.password = args["password"]
        revoke_all_sessions(user)


@blp.route("/auth/confirm-email")
class ConfirmEmail(MethodView):
    @blp.arguments(EmailTokenSchema)
    @blp.response(200, MeSchema)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, args):
        """Change the email address with the token sent to the new address"""
        config = current_app.config
        user, payload = User.load_email_token(
            "change-email", args["token"], config["EMAIL_CHANGE_TOKEN_SECONDS"]
        )
        new_email = (payload or {}).get("new")
        if user is None or not isinstance(new_email, str):
            json_error(400, INVALID_LINK)
        if User.email_taken(new_email, exclude_id=user.id):
            json_error(409, "Email already registered.", {"email": ["Email already registered."]})
        user.set_email(new_email)
        user.confirmed = True
        db.session.commit()
        return user
