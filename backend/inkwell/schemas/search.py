"""Search and translation."""

import marshmallow as ma
from marshmallow import validate

from .common import BaseSchema, PaginationArgsSchema, Trimmed
from .content import PostSchema
from .users import UserSchema

SEARCH_TYPES = ("posts", "users")
LANGUAGE_CODE = r"[a-z]{2,3}([-_][A-Za-z]{2,4})?"
LANGUAGE = validate.Regexp(f"^{LANGUAGE_CODE}$", error="Not a language code.")


class SearchArgsSchema(PaginationArgsSchema):
    q = Trimmed(
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Words to find (any punctuation is ignored)"},
    )
    type = ma.fields.String(load_default="posts", validate=validate.OneOf(SEARCH_TYPES))


class SearchResultSchema(BaseSchema):
    type = ma.fields.String(metadata={"description": "post or user: which field is present"})
    snippet = ma.fields.String(
        metadata={"description": "Escaped excerpt; matched words in <mark>, no other markup"}
    )
    post = ma.fields.Nested(PostSchema)
    user = ma.fields.Nested(UserSchema)


class TranslateSchema(BaseSchema):
    text = ma.fields.String(required=True, validate=validate.Length(min=1, max=10_000))
    # '' (a post whose language was not detected) lets the provider guess.
    source_language = ma.fields.String(
        load_default="",
        validate=validate.Regexp(f"^({LANGUAGE_CODE})?$", error="Not a language code."),
    )
    dest_language = ma.fields.String(required=True, validate=LANGUAGE)


class TranslationSchema(BaseSchema):
    text = ma.fields.String()
