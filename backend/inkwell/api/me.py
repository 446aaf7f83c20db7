"""The signed-in user's own account."""

from flask.views import MethodView

from ..identity import current_user
from ..schemas.accounts import EmailChangeSchema, PasswordChangeSchema, PasswordSchema
from ..schemas.media import AvatarUploadSchema
from ..schemas.users import MeSchema, ProfileUpdateSchema
from ..services import accounts, media
from ..services.notifications import annotate_counts
from .ratelimits import uploads_limit
from .security import authenticated
from .uploads import UploadBlueprint, accepts_upload

# Its avatar is a multipart upload; everything else here is JSON.
blp = UploadBlueprint("me", __name__, description="The signed-in user")


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
        return annotate_counts(accounts.update_profile(current_user(), changes))

    @authenticated(confirmed=False)
    @blp.arguments(PasswordSchema)
    @blp.response(204)
    @blp.alt_response(403, response="FORBIDDEN")  # wrong password
    def delete(self, args):
        """Delete your account and everything you wrote; every session ends"""
        accounts.delete_account(current_user(), args["password"])


@blp.route("/me/avatar")
class Avatar(MethodView):
    @accepts_upload
    @authenticated()
    @uploads_limit
    @blp.arguments(AvatarUploadSchema, location="multipart")
    @blp.response(200, MeSchema)
    @blp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    def put(self, args):
        """Upload your avatar: a JPEG, PNG, WebP or GIF, cropped to a centred 400 px square"""
        return annotate_counts(media.set_avatar(current_user(), args["file"].stream))

    @authenticated()
    @blp.response(204)
    def delete(self):
        """Remove your uploaded avatar: the identicon is shown again"""
        media.remove_avatar(current_user())


@blp.route("/me/password")
class Password(MethodView):
    @authenticated(confirmed=False)
    @blp.arguments(PasswordChangeSchema)
    @blp.response(204)
    @blp.alt_response(403, response="FORBIDDEN")  # wrong password
    def put(self, args):
        """Change your password (other sessions stay signed in)"""
        accounts.change_password(current_user(), args["old_password"], args["password"])


@blp.route("/me/email")
class Email(MethodView):
    @authenticated()
    @blp.arguments(EmailChangeSchema)
    @blp.response(202)
    @blp.alt_response(409, response="CONFLICT")
    def post(self, args):
        """Ask to change your email; a link goes to the new address"""
        accounts.request_email_change(current_user(), args["password"], args["email"])
