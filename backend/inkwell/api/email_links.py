"""Email-driven account flows: confirmation, password reset, email change."""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..extensions import limiter
from ..identity import current_user
from ..schemas.accounts import EmailTokenSchema, ResetRequestSchema, ResetSchema
from ..schemas.users import MeSchema
from ..services import accounts
from .ratelimits import confirm_resend_key, limit_value, reset_email_key
from .security import authenticated

blp = Blueprint("auth", __name__, description="Account confirmation and recovery")


@blp.route("/auth/confirm")
class Confirm(MethodView):
    @blp.arguments(EmailTokenSchema)
    @blp.response(200, MeSchema)
    def post(self, args):
        """Confirm an account with the token from the emailed link"""
        return accounts.confirm(args["token"])


@blp.route("/auth/confirm/resend")
class ResendConfirmation(MethodView):
    @authenticated(confirmed=False)
    @blp.response(202)
    @blp.alt_response(409, response="CONFLICT")
    def post(self):
        """Send the confirmation email again"""
        accounts.resend_confirmation(current_user())


@blp.route("/auth/confirm-request")
class ConfirmRequest(MethodView):
    # The reset requests' budget (per address), counted separately: same abuse, same bar.
    @limiter.limit(limit_value("RESET"), key_func=confirm_resend_key)
    @blp.arguments(ResetRequestSchema)
    @blp.response(202)
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    def post(self, args):
        """Email a new confirmation link, without logging in

        202 whether or not the address belongs to an account that still needs confirming.
        """
        accounts.request_confirmation(args["email"])


@blp.route("/auth/reset-request")
class ResetRequest(MethodView):
    @limiter.limit(limit_value("RESET"), key_func=reset_email_key)
    @blp.arguments(ResetRequestSchema)
    @blp.response(202)
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    def post(self, args):
        """Email a password reset link (202 whether or not the address exists)"""
        accounts.request_password_reset(args["email"])


@blp.route("/auth/reset")
class Reset(MethodView):
    @blp.arguments(ResetSchema)
    @blp.response(204)
    def post(self, args):
        """Set a new password with the emailed token; logs out every session"""
        accounts.reset_password(args["token"], args["password"])


@blp.route("/auth/confirm-email")
class ConfirmEmail(MethodView):
    @blp.arguments(EmailTokenSchema)
    @blp.response(200, MeSchema)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, args):
        """Change the email address with the token sent to the new address"""
        return accounts.confirm_email_change(args["token"])
