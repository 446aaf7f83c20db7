"""Fuzz every operation of the API from its own OpenAPI document (SPEC §7).

schemathesis generates requests for each operation of /api/openapi.json, valid ones and
invalid ones, and sends them through the WSGI app as a signed-in, confirmed administrator
(so every operation is reached past its 401/403). Every response must be a non-5xx that the
document describes: status code, content type, body schema and documented headers. Each
operation is a test of its own (read from the document at collection), so a new operation
is fuzzed, and a 5xx from any operation fails the run, with no change here.

The bounded run is part of `make test`; the long run (`make fuzz`) is the same test with
more examples per operation and generation mode:

    FUZZ_EXAMPLES=500 python -m pytest -q tests/test_fuzz.py
"""

import io
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.mutations import OperatorKind
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from devstack.libretranslate import echo, libretranslate_server
from devstack.testing import REFRESH_COOKIE, bearer, login
from inkwell import create_app
from inkwell.config import TestingConfig
from inkwell.extensions import db, limiter
from inkwell.models import Role, User
from inkwell.services.sessions import issue_tokens

MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))


def documented_status_code(ctx, response, case):
    """Stricter than status_code_conformance, which `default` satisfies for any code: each
    status the API gives must be named on the operation, so clients know to handle it."""
    responses = case.operation.definition.raw["responses"]
    if str(response.status_code) not in responses:
        raise AssertionError(
            f"{case.operation.label} answered {response.status_code}, "
            f"which its document does not name ({', '.join(responses)})"
        )


def _form_text_type_change(case):
    """Every mutation changed the type of a text field of a multipart body: on the wire a form
    field is text whatever was generated, so 12 arrives as the valid string "12" and an object
    as its JSON text (schemathesis re-reads form bodies for this, but not one with a file)."""
    mutations = getattr(getattr(case.meta, "phase", None), "data", None)
    mutations = getattr(mutations, "mutations", None)
    if case.media_type != "multipart/form-data" or not mutations:
        return False
    return all(
        m.operator == OperatorKind.CHANGE_TYPE
        and m.parameter_location == ParameterLocation.BODY
        and m.keywords == ("type",)
        and m.original_value == "string"
        for m in mutations
    )


def negative_data_rejection_as_sent(ctx, response, case):
    if _form_text_type_change(case):
        return None
    return negative_data_rejection(ctx, response, case)


CHECKS = [
    not_a_server_error,
    documented_status_code,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection_as_sent,
]


def _operations():
    """Every (method, path) of the document, read at collection time from a bare app: the
    suite's app is a fixture, and a test per operation reports (and cleans up) each alone."""
    spec = create_app(TestingConfig).test_client().get("/api/openapi.json").json
    return [
        (method.upper(), path)
        for path, methods in spec["paths"].items()
        for method in methods
        if method in {"get", "put", "post", "patch", "delete"}
    ]


OPERATIONS = _operations()


class World:
    """The signed-in fuzzer and content the fuzzed path parameters can point at."""

    def __init__(self, app, client, make_user):
        self.app = app
        self.user = make_user("fuzzer", role="Administrator")
        self.peer = make_user("peer")
        mine, theirs = bearer(login(client, "fuzzer")), bearer(login(client, "peer"))
        post = client.post("/api/posts", json={"body": "Hello *world* #fuzz"}, headers=mine).json
        peer_post = client.post("/api/posts", json={"body": "Hi there"}, headers=theirs).json
        comment = client.post(
            f"/api/posts/{peer_post['id']}/comments", json={"body": "Nice"}, headers=mine
        ).json
        client.post("/api/messages", json={"recipient": "fuzzer", "body": "Hey"}, headers=theirs)
        client.post("/api/users/peer/follow", headers=mine)
        client.post(f"/api/posts/{peer_post['id']}/like", headers=mine)
        client.post(f"/api/posts/{peer_post['id']}/bookmark", headers=mine)
        task = client.post("/api/tasks", json={"name": "export_posts"}, headers=mine).json
        png = io.BytesIO()
        Image.new("RGB", (8, 8), (200, 30, 30)).save(png, "PNG")
        png.seek(0)
        picture = client.post(
            "/api/media",
            data={"file": (png, "picture.png"), "alt": "A red square"},
            headers=mine,
            content_type="multipart/form-data",
        ).json
        self.path_parameters = {
            "user_ref": [str(self.user.id), "peer", "PEER"],
            "post_id": [post["id"], peer_post["id"]],
            "comment_id": [comment["id"]],
            "task_id": [task["id"]],
            "media_id": [picture["id"]],
            "tag": ["fuzz", "FUZZ", "%23fuzz", "café"],
        }

    def sign_in(self, case):
        """Fresh credentials on every request (a bearer token and the refresh cookie), the
        fuzzer restored first: a fuzzed logout, role change or unconfirmation must not turn
        the rest of the run into 401s and 403s and hide the operations behind them."""
        with self.app.app_context():
            user = db.session.get(User, self.user.id)
            if user is None:  # it deleted its own account: the rest is anonymous
                return
            user.confirmed = True
            user.role = db.session.scalar(db.select(Role).filter_by(name="Administrator"))
            access, refresh, _ = issue_tokens(user)
            db.session.commit()
            db.session.remove()
        # Production limits are proved elsewhere; here a 429 would only hide the operation.
        limiter.reset()
        case.headers.update(bearer(access))
        case.cookies = {**(case.cookies or {}), REFRESH_COOKIE: refresh}

    def strategy(self, operation):
        """Valid and invalid requests, half of them aimed at content that exists."""
        names = [p.name for p in operation.path_parameters]
        known = {}
        if names:
            choices = [self.path_parameters[name] for name in names]
            known = st.tuples(*(st.sampled_from(c) for c in choices)).map(
                lambda values: dict(zip(names, values, strict=True))
            )
        # The header is given (its token is swapped for a fresh one at call time) so that
        # negative cases break the request itself, not merely leave the credentials out.
        auth = {"Authorization": "Bearer placeholder"}
        strategies = []
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategies.append(operation.as_strategy(generation_mode=mode, headers=auth))
            if names:
                strategies.append(
                    known.flatmap(
                        lambda params, mode=mode: operation.as_strategy(
                            generation_mode=mode, path_parameters=params, headers=auth
                        )
                    )
                )
        return st.one_of(strategies)


@pytest.fixture(scope="module")
def translator():
    """A LibreTranslate-compatible echo: POST /api/translate is fuzzed past its 503 (no
    provider configured), through the provider client, as in production."""
    with libretranslate_server(translate=echo) as server:
        yield server.url


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation(method, path, app, client, make_user, api_schema, translator, monkeypatch):
    monkeypatch.setitem(app.config, "TRANSLATE_URL", translator)
    world = World(app, client, make_user)
    operation = api_schema[path][method]

    @given(case=world.strategy(operation))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        # Generation here is deliberately broad (negative data, big bodies): these checks
        # only measure how hard the data was to generate, not a fault of the API.
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
    )
    def fuzz(case):
        world.sign_in(case)
        case.call_and_validate(checks=CHECKS)

    fuzz()


@pytest.mark.parametrize(
    ("method", "url", "body", "status"),
    [
        ("post", "/api/posts", {"body": "a\x00b"}, 422),
        ("post", "/api/messages", {"recipient": "pe\x00er", "body": "hi"}, 422),
        ("get", "/api/search?q=a%00b", None, 422),
        ("get", "/api/users/pe%00er", None, 404),
        ("get", "/api/posts?before=2147483648", None, 422),
        ("get", "/api/posts/2147483648", None, 404),
        ("get", "/api/users/99999999999999999999", None, 404),
        ("get", "/api/users/%C2%B2", None, 404),  # a digit to str.isdigit(), not to int()
        ("post", "/api/messages", {"recipient": 10**30, "body": "hi"}, 404),
    ],
)
def test_inputs_the_fuzzer_found(client, make_user, auth_headers, method, url, body, status):
    """Each was a 500 (NUL bytes on PostgreSQL; ids past the INTEGER column elsewhere):
    rare enough in random data to keep as explicit rows."""
    headers = auth_headers(make_user("fuzzer"))
    make_user("peer")
    kwargs = {"json": body} if body is not None else {}
    response = getattr(client, method)(url, headers=headers, **kwargs)
    assert response.status_code == status, response.json
    assert response.json["error"]
    if status == 422:
        assert response.json["errors"]
