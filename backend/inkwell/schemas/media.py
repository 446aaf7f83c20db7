"""Pictures: the upload form, the alt text, and the picture resource."""

import marshmallow as ma
from marshmallow import validate
from werkzeug.datastructures import FileStorage

from .common import BaseSchema, Trimmed

ALT = validate.Length(max=1_500)


class FileField(ma.fields.Field):
    """A file part of a multipart/form-data body (documented as binary)."""

    default_error_messages = {"invalid": "Not a file: send it as a multipart/form-data part."}

    def __init__(self, **kwargs):
        metadata = {"type": "string", "format": "binary", **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, FileStorage):
            raise self.make_error("invalid")
        return value


class NoNul(validate.Validator):
    """PostgreSQL text cannot hold U+0000 (form fields escape the JSON body's NUL guard)."""

    def __call__(self, value):
        if "\x00" in value:
            raise ma.ValidationError("Text must not contain NUL characters.")
        return value


class MediaUploadSchema(BaseSchema):
    file = FileField(
        required=True,
        metadata={"description": "A JPEG, PNG, WebP or GIF image (10 MiB, 40 megapixels at most)"},
    )
    alt = Trimmed(
        validate=[ALT, NoNul()],
        metadata={"description": "Alt text: what the picture shows (needed to post it)"},
    )


class AvatarUploadSchema(BaseSchema):
    file = FileField(
        required=True,
        metadata={"description": "A JPEG, PNG, WebP or GIF image, cropped to a centred square"},
    )


class MediaUpdateSchema(BaseSchema):
    alt = Trimmed(
        required=True, validate=ALT, metadata={"description": "The new alt text (empty: none)"}
    )


class MediaSchema(BaseSchema):
    id = ma.fields.Integer(dump_only=True)
    url = ma.fields.String(dump_only=True, metadata={"description": "Full size, WebP"})
    preview_url = ma.fields.String(dump_only=True, metadata={"description": "<= 640 px, WebP"})
    width = ma.fields.Integer(dump_only=True)
    height = ma.fields.Integer(dump_only=True)
    alt = ma.fields.String(dump_only=True, allow_none=True)
