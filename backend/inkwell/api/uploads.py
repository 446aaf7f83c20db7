"""Views that take a file: a multipart/form-data body instead of JSON, with a limit of its own.

Every other body is JSON and at most 1 MiB (MAX_CONTENT_LENGTH); a view marked
`@accepts_upload` gets MEDIA_MAX_BYTES (plus room for the form around the file) instead,
checked on Content-Length before a byte is read. Werkzeug streams the file part to a
temporary file (not memory) and stops at the limit when no length was announced.
"""

from flask import current_app, request
from flask_smorest import Blueprint
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import CombinedMultiDict

from .errors import json_error

# The same words as the service's check of the file itself (inkwell.i18n translates them).
FILE_TOO_LARGE = "The file is too large ({size} MiB at most)."
# Boundaries, part headers and the alt text around the file.
FORM_OVERHEAD = 64 * 1024
MIB = 1024 * 1024


def accepts_upload(view):
    """Mark a view (the outermost decorator) as taking a multipart/form-data body."""
    view.accepts_upload = True
    return view


def _is_upload_view():
    view = current_app.view_functions.get(request.endpoint)
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        view = getattr(view_class, request.method.lower(), None)
    return getattr(view, "accepts_upload", False)


def is_upload():
    """True for a request to an upload view (the JSON-only guard lets it through)."""
    return request.path.startswith("/api/") and _is_upload_view()


def limit_upload():
    """An upload view's own body limit, and its content type; a before_request guard."""
    if request.method not in ("POST", "PUT", "PATCH") or not is_upload():
        return
    limit = current_app.config["MEDIA_MAX_BYTES"] + FORM_OVERHEAD
    request.max_content_length = limit
    if request.content_length is not None and request.content_length > limit:
        size = current_app.config["MEDIA_MAX_BYTES"] // MIB
        json_error(413, FILE_TOO_LARGE.format(size=size))
    if request.mimetype != "multipart/form-data":
        json_error(415, "Send the file in a multipart/form-data body.")


class MultipartParser(FlaskParser):
    """webargs location "multipart": the fields and the files of one multipart/form-data body
    (webargs' "form" and "files" are separate, and flask-smorest documents one body)."""

    __location_map__ = dict(FlaskParser.__location_map__, multipart="load_multipart")

    def load_multipart(self, req, schema):
        return self._makeproxy(CombinedMultiDict([req.files, req.form]), schema)


class UploadBlueprint(Blueprint):
    """A blueprint whose arguments may come from location="multipart"."""

    ARGUMENTS_PARSER = MultipartParser()
    DEFAULT_LOCATION_CONTENT_TYPE_MAPPING = {
        **Blueprint.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING,
        "multipart": "multipart/form-data",
    }
