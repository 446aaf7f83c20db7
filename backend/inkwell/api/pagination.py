"""The one pagination helper every collection view uses.

A paginated view returns a SQLAlchemy select (already ordered); this decorator runs it
with page/per_page (one COUNT, Microblog's `_meta`) or, for time-ordered lists, with the
keyset cursor `?before=<id>` (no COUNT, deep pages as fast as the first).
"""

import functools
import math
from urllib.parse import urlencode

from flask import current_app, request
from sqlalchemy import func, select

from ..extensions import db
from ..schemas.common import PaginationArgsSchema, collection_schema
from ..services.listing import Listing


def _url(**overrides):
    args = request.args.to_dict()
    args.update({k: v for k, v in overrides.items() if v is not None})
    for key, value in overrides.items():
        if value is None:
            args.pop(key, None)
    return f"{request.path}?{urlencode(args)}" if args else request.path


def _per_page(args):
    config = current_app.config
    return min(args.get("per_page") or config["PER_PAGE_DEFAULT"], config["PER_PAGE_MAX"])


def _run(query, args, cursor_column, transform):
    count_query = query
    if isinstance(query, Listing):
        query, count_query = query.query, query.count_query
    per_page = _per_page(args)
    before = args.get("before")
    if cursor_column is not None and before is not None:
        rows = db.session.scalars(query.where(cursor_column < before).limit(per_page + 1)).all()
        more = len(rows) > per_page
        rows = rows[:per_page]
        next_cursor = getattr(rows[-1], cursor_column.key) if more else None
        return {
            "items": transform(rows),
            "meta": {"per_page": per_page, "next_cursor": next_cursor},
            "links": {
                "self": _url(),
                "next": _url(before=next_cursor, page=None) if more else None,
                "prev": None,
            },
        }
    page = args.get("page", 1)
    total = db.session.scalar(
        select(func.count()).select_from(count_query.order_by(None).subquery())
    )
    rows = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    total_pages = max(1, math.ceil(total / per_page))
    meta = {"page": page, "per_page": per_page, "total_pages": total_pages, "total_items": total}
    if cursor_column is not None and rows:
        meta["next_cursor"] = getattr(rows[-1], cursor_column.key) if page < total_pages else None
    return {
        "items": transform(rows),
        "meta": meta,
        "links": {
            "self": _url(page=page),
            "next": _url(page=page + 1) if page < total_pages else None,
            "prev": _url(page=page - 1) if page > 1 else None,
        },
    }


def paginated(blp, item_schema, args_schema=PaginationArgsSchema, cursor=None, transform=None):
    """Decorate a view returning a select; documents and serialises the collection.

    `cursor` is the column of a keyset cursor (ids grow with time); `transform` maps the
    fetched rows (e.g. rows of tuples) to the objects the item schema dumps.
    """

    if cursor is None and "before" in args_schema._declared_fields:
        # Without a cursor column `before` would be silently ignored (and a COUNT run):
        # don't offer it in the document.
        args_schema = args_schema(exclude=("before",))

    def decorator(view):
        @blp.arguments(args_schema, location="query", as_kwargs=False)
        @blp.response(200, collection_schema(item_schema))
        @functools.wraps(view)
        def wrapper(*view_args, **view_kwargs):
            # flask-smorest appends the parsed query arguments after `self`.
            query = view(*view_args, **view_kwargs)
            return _run(query, view_args[-1], cursor, transform or list)

        return wrapper

    return decorator
