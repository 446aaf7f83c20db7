"""Posts, comments and the Markdown preview."""

import marshmallow as ma
from marshmallow import validate

from ..identity import current_user
from ..models import Permission
from .common import MAX_ID, BaseSchema, StrictBoolean, Trimmed, UTCDateTime
from .media import MediaSchema
from .users import UserBriefSchema


class PostSchema(BaseSchema):
    id = ma.fields.Integer(dump_only=True)
    body = Trimmed(required=True, validate=validate.Length(min=1, max=10_000))
    body_html = ma.fields.String(dump_only=True)
    content_warning = Trimmed(
        allow_none=True,
        validate=validate.Length(max=200),
        metadata={
            "description": "Shown instead of the body until the reader opens it; "
            "empty or null: none"
        },
    )
    language = ma.fields.String(dump_only=True)
    timestamp = UTCDateTime(dump_only=True)
    edited_at = UTCDateTime(dump_only=True, allow_none=True)
    comment_count = ma.fields.Integer(dump_only=True)
    like_count = ma.fields.Integer(dump_only=True)
    liked = ma.fields.Boolean(
        dump_only=True,
        allow_none=True,
        attribute="liked_by_viewer",
        metadata={"description": "Whether you like it; null when not signed in"},
    )
    bookmarked = ma.fields.Boolean(
        dump_only=True,
        allow_none=True,
        attribute="bookmarked_by_viewer",
        metadata={"description": "Whether you bookmarked it; null when not signed in"},
    )
    author = ma.fields.Nested(UserBriefSchema, dump_only=True)
    media_ids = ma.fields.List(
        ma.fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID)),
        load_only=True,
        validate=validate.Length(max=4),
        metadata={
            "description": "Pictures to show, in order: your uploads (POST /api/media), each "
            "with alt text; on PATCH the new list (pictures left out are deleted)"
        },
    )
    media = ma.fields.List(ma.fields.Nested(MediaSchema), dump_only=True)


class CommentSchema(BaseSchema):
    id = ma.fields.Integer(dump_only=True)
    post_id = ma.fields.Integer(dump_only=True)
    body = Trimmed(required=True, validate=validate.Length(min=1, max=2_000))
    body_html = ma.fields.String(dump_only=True, allow_none=True)
    disabled = ma.fields.Boolean(dump_only=True)
    timestamp = UTCDateTime(dump_only=True)
    author = ma.fields.Nested(UserBriefSchema, dump_only=True)

    @ma.post_dump(pass_original=True)
    def hide_disabled(self, data, comment, **kwargs):
        viewer = current_user()
        if comment.disabled and not (viewer and viewer.can(Permission.MODERATE)):
            data["body"] = None
            data["body_html"] = None
        return data


class ModerationSchema(BaseSchema):
    disabled = StrictBoolean(required=True)


class MarkdownSchema(BaseSchema):
    body = ma.fields.String(required=True, validate=validate.Length(max=10_000))
    kind = ma.fields.String(load_default="post", validate=validate.OneOf(["post", "comment"]))


class HtmlSchema(BaseSchema):
    html = ma.fields.String()
