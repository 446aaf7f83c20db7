"""One JSON error body for every failure: {"error", "message", "errors"}."""

import contextlib
import logging
import time

import marshmallow as ma
from flask import current_app
from flask_babel import gettext
from flask_smorest import Api, abort
from sqlalchemy import exc as sa_exc
from werkzeug.http import HTTP_STATUS_CODES

from ..extensions import db, limiter
from ..i18n import translate_message
from ..services import errors as domain

log = logging.getLogger(__name__)

DEFAULT_MESSAGES = {
    400: "The request body could not be read.",
    401: "Authentication required.",
    403: "You do not have permission to do that.",
    404: "Not found.",
    405: "Method not allowed.",
    409: "Already exists.",
    413: "The request body is too large (1 MiB at most).",
    422: "Invalid input.",
    429: "Too many requests; try again later.",
    500: "An unexpected error happened; it has been logged.",
    503: "The service is unavailable; try again shortly.",
}
DATABASE_UNAVAILABLE = "The database is unavailable; try again shortly."
# The database went away (restart, failover, network), or no connection could be had in time.
DATABASE_DOWN_ERRORS = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError)


class ErrorSchema(ma.Schema):
    error = ma.fields.String(required=True, metadata={"description": "HTTP reason phrase"})
    message = ma.fields.String(required=True, metadata={"description": "Human-readable text"})
    errors = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.List(ma.fields.String()),
        metadata={"description": "Messages per field"},
    )


def flatten_field_errors(messages):
    """webargs nests errors by location ({"json": {...}}); clients want them by field."""
    if not isinstance(messages, dict):
        return {}, messages
    fields, general = {}, None
    for location_errors in messages.values():
        if isinstance(location_errors, dict):
            for field, errors in location_errors.items():
                if isinstance(errors, dict):  # nested or per-item errors
                    errors = [str(e) for e in _iter_messages(errors)]
                fields.setdefault(field, []).extend(errors)
        elif isinstance(location_errors, list):
            general = " ".join(str(e) for e in location_errors)
    return fields, general


def _iter_messages(errors):
    for value in errors.values():
        if isinstance(value, dict):
            yield from _iter_messages(value)
        else:
            yield from value


# Each kind of domain error answers one status: the one place the domain meets HTTP.
DOMAIN_STATUS = {
    domain.InvalidLink: 400,
    domain.NotAuthenticated: 401,
    domain.Forbidden: 403,
    domain.NotFound: 404,
    domain.Conflict: 409,
    domain.TooLarge: 413,
    domain.UnsupportedMediaType: 415,
    domain.InvalidInput: 422,
    domain.ProviderFailed: 502,
    domain.Unavailable: 503,
    domain.ProviderTimedOut: 504,
}


def error_body(code, name, message=None, errors=None):
    # Messages are written in English and translated here, once, into the request's locale.
    message = translate_message(message or DEFAULT_MESSAGES.get(code, name))
    body = {"error": name, "message": message}
    if errors:
        body["errors"] = {
            field: [translate_message(m) for m in messages]
            if isinstance(messages, list)
            else messages
            for field, messages in errors.items()
        }
    return body


class InkwellApi(Api):
    ERROR_SCHEMA = ErrorSchema

    def init_app(self, app, *args, **kwargs):
        super().init_app(app, *args, **kwargs)
        app.register_error_handler(domain.DomainError, domain_error)
        for error in DATABASE_DOWN_ERRORS:
            app.register_error_handler(error, database_unavailable)

    def handle_http_exception(self, error):
        headers = {}
        if error.code >= 500:
            db.session.rollback()
            # Not logged here: Flask's handle_exception has already logged the traceback
            # (app.log_exception), and a second record meant a second error email.
        else:
            headers.update((k, v) for k, v in error.get_headers() if k.lower() != "content-type")
        data = getattr(error, "data", None) or {}
        message = data.get("message")
        errors = data.get("errors")
        if errors is None and "messages" in data:
            errors, general = flatten_field_errors(data["messages"])
            message = message or general
        if error.code == 429:
            # Flask-Limiter describes the limit ("5 per 1 hour"): users need to know when to retry.
            message = rate_limited_message()
        elif message is None and error.code in (401, 403, 404, 409, 503):
            message = error.description if _is_custom(error) else None
        headers.update(data.get("headers") or {})
        if current_app.testing and error.code >= 500:
            log.error("500 in testing: %s", getattr(error, "original_exception", error))
        return error_body(error.code, error.name, message, errors), error.code, headers


def rate_limited_message():
    """ "Too many attempts. Try again in N minutes.", N from the breached limit's reset time."""
    current = limiter.current_limit
    if current is None:
        return None  # not Flask-Limiter's: the default message
    # Rounded: a window's reset time lands a second or so past its nominal length.
    minutes = max(1, round((current.reset_at - time.time()) / 60))
    # Translated here (the number is filled in after): translate_message has nothing left to do.
    if minutes == 1:
        return gettext("Too many attempts. Try again in a minute.")
    return gettext("Too many attempts. Try again in {minutes} minutes.").format(minutes=minutes)


def domain_error(error):
    """A service said no: its kind decides the status, its words the message."""
    status = next(code for kind, code in DOMAIN_STATUS.items() if isinstance(error, kind))
    name = HTTP_STATUS_CODES[status]
    db.session.rollback()  # whatever the service had not committed stays unwritten
    return error_body(status, name, error.message, error.errors), status


def database_unavailable(error):
    """A JSON 503 while the database is down, instead of a 500 per request.

    SQLAlchemy has already invalidated the broken connection (the whole pool on a disconnect)
    and pool_pre_ping replaces stale ones at checkout, so the first request after the database
    returns succeeds: no worker restart. One warning line, no traceback: an outage must not
    log (and, in production, email) a stack trace for every request.
    """
    with contextlib.suppress(Exception):  # the rollback may need the very connection that died
        db.session.rollback()
    log.warning("database unavailable: %s", str(getattr(error, "orig", None) or error)[:300])
    body = error_body(503, "Service Unavailable", DATABASE_UNAVAILABLE)
    return body, 503, {"Retry-After": "5"}


def _is_custom(error):
    """True when the description was given by our code rather than werkzeug's default."""
    default = type(error).description
    return bool(error.description) and error.description != default


def json_error(code, message=None, errors=None):
    """Abort with the uniform body, for failures of HTTP itself (a body that is not JSON,
    a missing credential): the domain's own refusals are raised by services."""
    kwargs = {}
    if message:
        kwargs["message"] = message
    if errors:
        kwargs["errors"] = errors
    abort(code, **kwargs)
