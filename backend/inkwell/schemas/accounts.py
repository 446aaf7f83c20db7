"""Tokens and the email-driven account flows."""

import marshmallow as ma
from marshmallow import validate

from .common import BaseSchema, StrictBoolean, Trimmed
from .users import PASSWORD, MeSchema

TOKEN = validate.Length(min=1, max=2000)


class TokenRequestSchema(BaseSchema):
    login = Trimmed(
        required=True,
        validate=validate.Length(min=1, max=120),
        metadata={"description": "Username or email"},
    )
    password = ma.fields.String(required=True, load_only=True, validate=validate.Length(max=128))
    remember = StrictBoolean(load_default=False)


class TokenSchema(BaseSchema):
    access_token = ma.fields.String()
    expires_in = ma.fields.Integer(metadata={"description": "Seconds"})
    user = ma.fields.Nested(MeSchema)


class EmailTokenSchema(BaseSchema):
    token = ma.fields.String(required=True, validate=TOKEN)


class ResetRequestSchema(BaseSchema):
    email = ma.fields.Email(required=True, validate=validate.Length(max=120))


class ResetSchema(BaseSchema):
    token = ma.fields.String(required=True, validate=TOKEN)
    password = ma.fields.String(required=True, load_only=True, validate=PASSWORD)


class PasswordChangeSchema(BaseSchema):
    old_password = ma.fields.String(
        required=True, load_only=True, validate=validate.Length(max=128)
    )
    password = ma.fields.String(required=True, load_only=True, validate=PASSWORD)


class EmailChangeSchema(BaseSchema):
    email = ma.fields.Email(required=True, validate=validate.Length(max=120))
    password = ma.fields.String(required=True, load_only=True, validate=validate.Length(max=128))


class PasswordSchema(BaseSchema):
    password = ma.fields.String(required=True, load_only=True, validate=validate.Length(max=128))
