"""Fields and schemas shared by every resource."""

from datetime import UTC

import marshmallow as ma
from marshmallow import validate


class UTCDateTime(ma.fields.DateTime):
    """ISO 8601 in UTC with a trailing Z."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        text = value.astimezone(UTC).isoformat(timespec="milliseconds")
        return text.replace("+00:00", "Z")


def _max_lengths(validators):
    for validator in validators:
        if isinstance(validator, validate.Length) and validator.max is not None:
            yield validator.max
        elif isinstance(validator, validate.And):
            yield from _max_lengths(validator.validators)


class Trimmed(ma.fields.String):
    """A string with surrounding whitespace removed before validation.

    Its maximum length also holds for the text as sent: the document's maxLength describes
    the request, and padding a too-long text with spaces must not get it accepted.
    """

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        for limit in _max_lengths(self.validators):
            if len(text) > limit:
                raise ma.ValidationError(validate.Length.message_max.format(max=limit))
        return text.strip()


class StrictBoolean(ma.fields.Boolean):
    """Only JSON true/false: "yes" or 1 in a JSON body is a client bug worth reporting."""

    truthy = {True}
    falsy = {False}

    def _deserialize(self, value, attr, data, **kwargs):
        # 1 == True and hash(1) == hash(True), so the sets above alone would accept 0 and 1.
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


# Ids are INTEGER columns (32-bit in PostgreSQL): a larger one names nothing, and sent to
# the database it overflows (a 500) instead of matching no row.
MAX_ID = 2**31 - 1


class BaseSchema(ma.Schema):
    class Meta:
        ordered = True


class PaginationArgsSchema(BaseSchema):
    page = ma.fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    per_page = ma.fields.Integer(load_default=None, validate=validate.Range(min=1, max=100))
    before = ma.fields.Integer(
        validate=validate.Range(min=1, max=MAX_ID),
        metadata={"description": "Keyset cursor: items older than this id (no COUNT)."},
    )


class MetaSchema(BaseSchema):
    page = ma.fields.Integer()
    per_page = ma.fields.Integer()
    total_pages = ma.fields.Integer()
    total_items = ma.fields.Integer()
    next_cursor = ma.fields.Integer(allow_none=True)


class LinksSchema(BaseSchema):
    self = ma.fields.String()
    next = ma.fields.String(allow_none=True)
    prev = ma.fields.String(allow_none=True)


_collections = {}


def collection_schema(item_schema):
    """The Microblog collection shape ({items, _meta, _links}) around an item schema."""
    item_class = item_schema if isinstance(item_schema, type) else type(item_schema)
    name = item_class.__name__.removesuffix("Schema") + "CollectionSchema"
    if name not in _collections:
        _collections[name] = type(
            name,
            (BaseSchema,),
            {
                "items": ma.fields.List(ma.fields.Nested(item_class)),
                "meta": ma.fields.Nested(MetaSchema, data_key="_meta"),
                "links": ma.fields.Nested(LinksSchema, data_key="_links"),
            },
        )
    return _collections[name]


class EmptySchema(BaseSchema):
    pass
