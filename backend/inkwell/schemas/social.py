"""Messages, conversations, notifications and tasks."""

import marshmallow as ma
from flask import url_for
from marshmallow import validate

from .common import BaseSchema, PaginationArgsSchema, Trimmed, UTCDateTime
from .users import UserBriefSchema


class MessageSchema(BaseSchema):
    id = ma.fields.Integer(dump_only=True)
    recipient = ma.fields.Method(
        "dump_recipient",
        deserialize="load_recipient",
        required=True,
        metadata={"description": "Username or id of the recipient"},
    )
    sender = ma.fields.Nested(UserBriefSchema, dump_only=True)
    body = Trimmed(required=True, validate=validate.Length(min=1, max=2_000))
    timestamp = UTCDateTime(dump_only=True)
    read_at = UTCDateTime(dump_only=True, allow_none=True)

    def dump_recipient(self, message):
        return UserBriefSchema().dump(message.recipient)

    def load_recipient(self, value):
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ma.ValidationError("Give a username or a user id.")
        value = str(value).strip()
        if not value or len(value) > 64:
            raise ma.ValidationError("Give a username or a user id.")
        return value


class ConversationSchema(BaseSchema):
    peer = ma.fields.Nested(UserBriefSchema)
    last_message = ma.fields.Nested(MessageSchema)
    unread_count = ma.fields.Integer()


class ReadReceiptSchema(BaseSchema):
    """The data of a `messages_read` notification: `reader` has read your messages to them up
    to (and including) the message `up_to`, at `read_at`."""

    reader = ma.fields.Nested(UserBriefSchema)
    up_to = ma.fields.Integer()
    read_at = UTCDateTime()


class NotificationSchema(BaseSchema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    data = ma.fields.Raw(metadata={"description": "Depends on the name"})
    timestamp = ma.fields.Float(metadata={"description": "Epoch seconds; the `since` cursor"})
    read_at = UTCDateTime(allow_none=True)


class NotificationArgsSchema(PaginationArgsSchema):
    since = ma.fields.Float(
        load_default=0.0,
        validate=validate.Range(min=0),
        metadata={"description": "Only notifications stored after this epoch timestamp"},
    )


class NotificationsReadSchema(BaseSchema):
    until = ma.fields.Float(
        validate=validate.Range(min=0),
        metadata={"description": "Mark events up to this timestamp (default: all)"},
    )


class TaskSchema(BaseSchema):
    id = ma.fields.String(dump_only=True)
    name = ma.fields.String(required=True, validate=validate.OneOf(["export_posts"]))
    description = ma.fields.String(dump_only=True)
    status = ma.fields.String(dump_only=True)
    progress = ma.fields.Integer(dump_only=True)
    error = ma.fields.String(dump_only=True, allow_none=True)
    created_at = UTCDateTime(dump_only=True)
    finished_at = UTCDateTime(dump_only=True, allow_none=True)
    result_url = ma.fields.Method("dump_result_url", dump_only=True, allow_none=True)

    def dump_result_url(self, task):
        if task.status != "complete" or not task.result_path:
            return None
        return url_for("tasks.TaskResult", task_id=task.id)
