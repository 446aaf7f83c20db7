"""Plain helpers (not fixtures) shared by the backend suite, the e2e journeys and the benchmark.

Fixtures live in backend/tests/conftest.py and e2e/conftest.py; what they and the test
modules share is here, imported by name (`from devstack.testing import login, bearer`).
Beside it: devstack.libretranslate (the translation server stub), devstack.xss_corpus (the
XSS corpus) and devstack.processes.free_port.

- the Flask test client: PASSWORD, login, bearer, REFRESH_COOKIE, refresh_cookie, assert_401
- mail: email_text, email_html, link_in, link_url (for the suite's SMTP handler and a stack's
  Maildir alike), wait_for_mail (a stack's)
- a running stack (devstack.stack.Stack) over HTTP: create_user, http_login, http_call, Api,
  sockets_on, worker_of, other_worker
- PostgreSQL: postgres_admin_url, postgres_database (a throw-away database)
"""

import contextlib
import email
import email.message
import email.policy
import os
import re
import secrets
import subprocess
import sys
import time
from http.cookies import SimpleCookie

import requests

from .processes import BACKEND_DIR, POSTGRES_ADMIN_URL, postgres_admin

# The password of every user the tests make (through the app, the CLI or a stack).
PASSWORD = "correct-horse-battery"

# --- the Flask test client ---------------------------------------------------------------------


def login(client, login_name, password=PASSWORD, remember=False):
    """Log in through POST /api/tokens; returns the access token."""
    response = client.post(
        "/api/tokens", json={"login": login_name, "password": password, "remember": remember}
    )
    assert response.status_code == 200, response.json
    return response.json["access_token"]


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


REFRESH_COOKIE = "inkwell_refresh"


def refresh_cookie(response):
    """The refresh cookie set by `response`, as a parsed Morsel (None when not set)."""
    for header in response.headers.getlist("Set-Cookie"):
        cookie = SimpleCookie()
        cookie.load(header)
        if REFRESH_COOKIE in cookie:
            return cookie[REFRESH_COOKIE]
    return None


def assert_401(response):
    assert response.status_code == 401, (response.status_code, response.get_data(as_text=True))
    assert response.is_json
    assert response.json["error"] == "Unauthorized"


# --- mail --------------------------------------------------------------------------------------


def _modern(message):
    """`message` as an EmailMessage: the suite's SMTP handler parses with the default policy,
    a stack's Maildir sink (Stack.mail()) gives compat32 messages."""
    if isinstance(message, email.message.EmailMessage):
        return message
    return email.message_from_bytes(message.as_bytes(), policy=email.policy.default)


def email_text(message):
    return _modern(message).get_body(preferencelist=("plain",)).get_content()


def email_html(message):
    return _modern(message).get_body(preferencelist=("html",)).get_content()


def _link(message, route):
    text = email_text(message)
    match = re.search(rf"https?://\S+{re.escape(route)}(\S+)", text)
    assert match, f"no {route} link in: {text}"
    return match


def link_in(message, route):
    """The token of the first link to `route` (e.g. "/confirm/") in the text part."""
    return _link(message, route).group(1)


def link_url(message, route):
    """The whole first link to `route` (e.g. "/confirm/") in the text part."""
    return _link(message, route).group(0)


def wait_for_mail(stack, to, subject, timeout=15):
    """The newest message the stack's SMTP sink got for `to` whose subject contains
    `subject`, waiting for it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in reversed(stack.mail()):
            about = (message["Subject"] or "").lower()
            if to in (message["To"] or "") and subject.lower() in about:
                return message
        time.sleep(0.1)
    seen = [(m["To"], m["Subject"]) for m in stack.mail()]
    raise AssertionError(f"no mail to {to} about {subject!r} within {timeout}s; got {seen}")


# --- a running stack, over HTTP ----------------------------------------------------------------


def wait_until_loaded(image, timeout=15_000):
    """Wait until a Playwright <img> locator's file has arrived and decoded: a picture refused by
    the CSP, missing, or not an image never gets a natural width."""
    image.page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=timeout
    )


def create_user(stack, username, password=PASSWORD):
    """A user of the stack's database, made by `flask users create` in its environment."""
    subprocess.run(
        [sys.executable, "-m", "flask", "users", "create", username, f"{username}@example.com",
         "--password", password],
        cwd=BACKEND_DIR, env=stack.env(SOCKETIO_ASYNC_MODE="threading"), check=True,
        capture_output=True,
    )  # fmt: skip
    return username


def http_login(base_url, username, password=PASSWORD):
    """POST /api/tokens at `base_url` (a worker's or nginx's); returns the JSON answer
    (access_token, user)."""
    response = requests.post(
        f"{base_url}/api/tokens", json={"login": username, "password": password}, timeout=10
    )
    assert response.status_code == 200, response.text
    return response.json()


def http_call(base_url, method, path, token=None, **kwargs):
    """`method` /api`path` at `base_url`, with the bearer `token` when given."""
    headers = bearer(token) if token else {}
    return requests.request(method, f"{base_url}/api{path}", headers=headers, timeout=10, **kwargs)


class Api:
    """A user's session straight to one worker's port of a stack (not through nginx)."""

    def __init__(self, stack, username, worker=1):
        self.base_url = stack.api_url(worker)
        self.token = http_login(self.base_url, username)["access_token"]

    def post(self, path, **json_body):
        response = http_call(self.base_url, "POST", path, self.token, json=json_body)
        assert response.status_code in (200, 201, 202, 204), response.text
        return response.json() if response.content else None


def sockets_on(stack, user_id, n, sid=None):
    """How many of this user's sockets (or of its socket `sid`) worker n holds, from the
    worker's "socket connected/disconnected: user=<id> sid=<sid>" log lines."""
    socket = rf"user={user_id} sid={re.escape(sid)}(?!\S)" if sid else rf"user={user_id} "
    log = stack.processes[f"api{n}"].log()
    events = re.findall(rf"socket (connected|disconnected): {socket}", log)
    return events.count("connected") - events.count("disconnected")


def worker_of(stack, user_id, sockets=1, sid=None, timeout=10):
    """The API worker number holding (at least) `sockets` of this user's sockets (or its
    socket `sid`), waiting for them to connect."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for n in range(1, stack.workers + 1):
            if sockets_on(stack, user_id, n, sid) >= sockets:
                return n
        time.sleep(0.05)
    what = f"socket {sid}" if sid else f"{sockets} socket(s)"
    raise AssertionError(f"user {user_id} has no {what} on any worker")


def other_worker(stack, n):
    """An API worker other than n."""
    return next(m for m in range(1, stack.workers + 1) if m != n)


# --- PostgreSQL --------------------------------------------------------------------------------


def postgres_admin_url():
    """The server the suites make their databases on (TEST_POSTGRES_URL)."""
    return os.environ.get("TEST_POSTGRES_URL", POSTGRES_ADMIN_URL)


def database_url(admin_url, database):
    """`admin_url` pointing at `database` instead."""
    from sqlalchemy.engine import make_url

    url = make_url(admin_url).set(database=database)
    return url.render_as_string(hide_password=False)


@contextlib.contextmanager
def postgres_database(admin_url=None, prefix="inkwell_test"):
    """A throw-away database on the PostgreSQL server, dropped (its sessions ended) after
    the block; yields its URL."""
    admin_url = admin_url or postgres_admin_url()
    name = f"{prefix}_{secrets.token_hex(5)}"
    postgres_admin(admin_url, "create", name)
    try:
        yield database_url(admin_url, name)
    finally:
        postgres_admin(admin_url, "drop", name)
