"""Request guards: refuse what no view should ever see, before any view runs."""

from flask import request

from .errors import json_error
from .uploads import is_upload, limit_upload

BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def require_json_body():
    """Refuse a body that is not JSON before any view runs.

    webargs reads a non-JSON body as no body at all, so a form or text/plain PATCH would
    "succeed" with nothing changed (and a POST report missing fields instead of the cause).
    """
    if (
        request.method in BODY_METHODS
        and request.path.startswith("/api/")
        and request.content_length
        and not request.is_json
        and not is_upload()  # multipart/form-data, checked by limit_upload
    ):
        json_error(400, "The request body must be JSON (Content-Type: application/json).")


NUL_MESSAGE = "Text must not contain NUL characters."


def _has_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def refuse_nul_characters():
    """Refuse U+0000 anywhere in a request before any view or query sees it.

    PostgreSQL text cannot hold it: a NUL in a post, a search or a username lookup was a
    500 there (and stored fine on SQLite). No valid input contains one, so every way in is
    checked here, once, rather than in each field and lookup.
    """
    if not request.path.startswith("/api/"):
        return
    if _has_nul(request.path):  # a path parameter: nothing is named that
        json_error(404)
    fields = {}
    for key, value in request.args.items(multi=True):
        if _has_nul(key) or _has_nul(value):
            fields[key.replace("\x00", "")] = [NUL_MESSAGE]
    body = request.get_json(silent=True) if request.is_json else None
    if isinstance(body, dict):
        for key, value in body.items():
            if _has_nul(key) or _has_nul(value):
                fields[key.replace("\x00", "")] = [NUL_MESSAGE]
    elif _has_nul(body):
        fields["_body"] = [NUL_MESSAGE]
    if fields:
        json_error(422, errors=fields)
    basic = request.authorization
    if basic is not None and (_has_nul(basic.username) or _has_nul(basic.password)):
        json_error(401, "Invalid username, email or password.")


def register_request_guards(app):
    app.before_request(limit_upload)
    app.before_request(require_json_body)
    app.before_request(refuse_nul_characters)
