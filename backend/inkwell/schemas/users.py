"""User, profile and account schemas."""

import marshmallow as ma
from flask import current_app
from marshmallow import validate

from ..identity import current_user
from ..models.user import ROLE_PERMISSIONS
from .common import BaseSchema, StrictBoolean, Trimmed, UTCDateTime

USERNAME = validate.And(
    validate.Length(min=3, max=64),
    validate.Regexp(
        r"^[A-Za-z][A-Za-z0-9_.]*$",
        error="Usernames must start with a letter and contain only letters, numbers, dots "
        "or underscores.",
    ),
)
PASSWORD = validate.Length(min=8, max=128)
LOCALES = ("en", "es")


def _viewer_may_see_private(user):
    viewer = current_user()
    return viewer is not None and (viewer.id == user.id or viewer.is_administrator())


def _translation_available():
    # The SPA offers "Translate" only when a provider is configured (services/translation).
    return bool(current_app.config.get("TRANSLATE_URL"))


class UserBriefSchema(BaseSchema):
    id = ma.fields.Integer(dump_only=True)
    username = ma.fields.String(dump_only=True)
    name = ma.fields.String(dump_only=True, allow_none=True)
    avatar_url = ma.fields.Function(lambda user: user.avatar_url(), dump_only=True)


class UserSchema(UserBriefSchema):
    location = ma.fields.String(dump_only=True, allow_none=True)
    about_me = ma.fields.String(dump_only=True, allow_none=True)
    member_since = UTCDateTime(dump_only=True)
    last_seen = UTCDateTime(dump_only=True)
    role = ma.fields.Function(lambda user: user.role.name if user.role else None)
    post_count = ma.fields.Integer(dump_only=True)
    follower_count = ma.fields.Integer(dump_only=True)
    following_count = ma.fields.Integer(dump_only=True)
    comment_count = ma.fields.Integer(dump_only=True)
    is_following = ma.fields.Function(
        lambda user: getattr(user, "viewer_is_following", None), allow_none=True
    )
    follows_you = ma.fields.Function(
        lambda user: getattr(user, "viewer_is_followed", None), allow_none=True
    )
    email = ma.fields.Email(dump_only=True, metadata={"description": "Only for self and admins"})
    confirmed = ma.fields.Boolean(dump_only=True, metadata={"description": "Self and admins"})

    @ma.post_dump(pass_original=True)
    def hide_private(self, data, user, **kwargs):
        if not _viewer_may_see_private(user):
            data.pop("email", None)
            data.pop("confirmed", None)
        return data


class FollowUserSchema(UserSchema):
    since = UTCDateTime(dump_only=True)


class LikerSchema(UserSchema):
    """A user in the list of who likes a post."""

    liked_at = UTCDateTime(dump_only=True)


class MeSchema(UserSchema):
    permissions = ma.fields.Integer(dump_only=True)
    locale = ma.fields.String(dump_only=True, allow_none=True)
    unread_message_count = ma.fields.Function(lambda user: getattr(user, "unread_message_count", 0))
    new_notification_count = ma.fields.Function(
        lambda user: getattr(user, "new_notification_count", 0)
    )
    # The SPA offers "Translate" only when a provider is configured.
    translation_available = ma.fields.Function(lambda user: _translation_available())

    def hide_private(self, data, user, **kwargs):
        # Not a hook here: this schema is only dumped for the account's owner, including at
        # login (no token yet, but the password was just checked) and to the holder of a link
        # mailed to that address, so email and confirmed stay in.
        return data


class ProfileUpdateSchema(BaseSchema):
    """PATCH /api/me: the fields users edit themselves (all optional)."""

    username = Trimmed(validate=USERNAME)
    name = Trimmed(validate=validate.Length(max=64), allow_none=True)
    location = Trimmed(validate=validate.Length(max=64), allow_none=True)
    about_me = Trimmed(validate=validate.Length(max=500), allow_none=True)
    locale = ma.fields.String(validate=validate.OneOf(LOCALES), allow_none=True)


class AdminUserUpdateSchema(ProfileUpdateSchema):
    email = ma.fields.Email(validate=validate.Length(max=120))
    confirmed = StrictBoolean()
    role = ma.fields.String(validate=validate.OneOf(list(ROLE_PERMISSIONS)))


class RegisterSchema(BaseSchema):
    username = Trimmed(required=True, validate=USERNAME)
    email = ma.fields.Email(required=True, validate=validate.Length(max=120))
    password = ma.fields.String(required=True, load_only=True, validate=PASSWORD)


class UserSearchArgsSchema(BaseSchema):
    q = Trimmed(validate=validate.Length(max=64), metadata={"description": "Username prefix"})


class AvatarArgsSchema(BaseSchema):
    size = ma.fields.Integer(load_default=128, validate=validate.Range(min=16, max=512))
    v = ma.fields.String(metadata={"description": "Cache buster, ignored"})


class RoleSchema(BaseSchema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    default = ma.fields.Boolean()
    permissions = ma.fields.Integer()
