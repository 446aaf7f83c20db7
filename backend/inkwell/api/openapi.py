"""Error responses every operation of a kind can give, documented once for all of them.

flask-smorest documents a view's own responses (its schema, the 422 of its arguments, the
`alt_response`s it declares) plus a catch-all `default`. Some failures come from rules that
hold across views, and are added here so the document names them on every operation they
apply to: a client reading one operation sees each status code it must handle.
"""

import http

from apispec import BasePlugin

BODY_TOO_LARGE = http.HTTPStatus(413).name  # renamed CONTENT_TOO_LARGE in Python 3.13


class ErrorResponsesPlugin(BasePlugin):
    def operation_helper(self, path=None, operations=None, **kwargs):
        for operation in (operations or {}).values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            if "{" in (path or ""):
                # A path parameter names a user, post, comment or task that may not exist.
                responses.setdefault("404", "NOT_FOUND")
            if "requestBody" in operation:
                # Not JSON, or unreadable JSON (errors.require_json_body); over 1 MiB.
                responses.setdefault("400", "BAD_REQUEST")
                responses.setdefault("413", BODY_TOO_LARGE)
