"""Print the API's OpenAPI document as sorted, indented JSON on stdout.

The SPA's types and length limits are generated from it (frontend/scripts/api-types.mjs), so the
output must not depend on the machine: keys are sorted, and nothing but the document goes to stdout.
Run it with the backend's virtualenv, from backend/:

    cd backend && ../.venv/bin/python ../scripts/dump-openapi.py > openapi.json
"""

import contextlib
import json
import sys

from inkwell import create_app
from inkwell.config import TestingConfig


def openapi_document():
    # Anything the app prints while it starts (a log handler bound to stdout, a warning) would
    # corrupt the JSON: send it to stderr. Serving the document needs no database.
    with contextlib.redirect_stdout(sys.stderr):
        app = create_app(TestingConfig)
        response = app.test_client().get("/api/openapi.json")
    if response.status_code != 200:
        sys.exit(f"GET /api/openapi.json answered {response.status}")
    return response.get_json()


def main():
    json.dump(openapi_document(), sys.stdout, sort_keys=True, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
