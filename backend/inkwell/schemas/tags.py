"""Hashtags: a followed tag, the trending list."""

import marshmallow as ma

from .common import BaseSchema


class TagSchema(BaseSchema):
    name = ma.fields.String(dump_only=True, metadata={"description": "Lower case, without the #"})


class TrendingTagSchema(TagSchema):
    authors = ma.fields.Integer(
        dump_only=True, metadata={"description": "Distinct authors using it in the last 24 h"}
    )
    posts = ma.fields.Integer(dump_only=True, metadata={"description": "Its posts in 24 h"})


class TrendingSchema(BaseSchema):
    items = ma.fields.List(ma.fields.Nested(TrendingTagSchema))
