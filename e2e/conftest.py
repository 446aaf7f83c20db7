"""Browser journeys against the full stack through nginx (issue [4/6]).

One session-wide stack (inkwell.stack: nginx, 2 eventlet workers, Redis, the RQ worker, the
SMTP sink), Debian's Chromium driven by pytest-playwright. Users the journeys need are made
in one process up front; each journey logs its own browsers in. A failing journey leaves a
screenshot of every page it opened and their console output under test-results/<test>/.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "backend"))

from inkwell.stack import BACKEND_DIR, Stack  # noqa: E402

PASSWORD = "journey-password-1"
RESULTS = REPO / "test-results"
# name -> role; created confirmed, one set of users per journey so journeys cannot interfere.
USERS = {
    "ana": "User", "ben": "User", "cleo": "User", "dan": "User", "eve": "User", "fay": "User",
    "gus": "User", "hal": "User", "ivy": "User", "mia": "Moderator", "root": "Administrator",
    "jon": "User", "kim": "User", "leo": "User", "max": "User", "nia": "User", "oto": "User",
}  # fmt: skip


# -- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # `playwright install` cannot download here: use the distribution's Chromium. Missing
    # Chromium fails the run (a skipped e2e suite would look like a passing one).
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not executable:
        pytest.fail("Chromium not found: apt-get install chromium (or set CHROMIUM_PATH)")
    return {**browser_type_launch_args, "executable_path": executable}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, stack):
    return {**browser_context_args, "base_url": stack.url, "locale": "en-US"}


# -- the stack --------------------------------------------------------------------------------


class LibreTranslate(BaseHTTPRequestHandler):
    """A local server speaking LibreTranslate's protocol: "translates" by tagging the text."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        payload = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
        body = json.dumps({"translatedText": f"[{payload['target']}] {payload['q']}"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def translation_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), LibreTranslate)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def stack(translation_server):
    stack = Stack(
        workers=2,
        nginx=True,
        rq_worker=True,
        database=os.environ.get("E2E_DATABASE", "sqlite"),
        env_overrides={
            # Journeys log in and post far more often than a person: lift the limits (their
            # production values are proved by the backend suite).
            "RATELIMIT_TOKENS": "10000/minute",
            "RATELIMIT_REGISTER": "10000/hour",
            "RATELIMIT_RESET": "10000/hour",
            "RATELIMIT_MESSAGES": "10000/minute",
            "RATELIMIT_POSTS": "10000/minute",
            "INKWELL_ADMIN_EMAIL": "",
            "TRANSLATE_URL": translation_server,
            # One post per batch with a pause: the export's progress bar visibly advances.
            "EXPORT_BATCH_SIZE": "1",
            "EXPORT_STEP_DELAY": "0.4",
        },
    )
    with stack:
        create_users(stack)
        yield stack
    stack.cleanup()


def create_users(stack):
    script = """
import json, sys
from sqlalchemy import select
from inkwell import create_app
from inkwell.extensions import db
from inkwell.models import Role, User
app = create_app()
with app.app_context():
    Role.insert_roles()
    ids = {}
    for name, role in json.loads(sys.argv[1]).items():
        user = User(username=name, email=f"{name}@example.com", confirmed=True,
                    role=db.session.scalar(select(Role).filter_by(name=role)))
        user.password = sys.argv[2]
        db.session.add(user)
        db.session.flush()
        ids[name] = user.id
    db.session.commit()
    print(json.dumps(ids))
"""
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(USERS), PASSWORD],
        cwd=BACKEND_DIR,
        env=stack.env(SOCKETIO_ASYNC_MODE="threading"),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    stack.user_ids = json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def user_ids(stack):
    return stack.user_ids


# -- talking to the API directly (setup, and sends through a chosen worker) ------------------


class Api:
    """A user's session straight to one worker's port (not through nginx)."""

    def __init__(self, stack, username, worker=1):
        self.base = f"{stack.api_url(worker)}/api"
        self.http = requests.Session()
        response = self.http.post(
            f"{self.base}/tokens", json={"login": username, "password": PASSWORD}, timeout=10
        )
        assert response.status_code == 200, response.text
        self.http.headers["Authorization"] = f"Bearer {response.json()['access_token']}"

    def post(self, path, **json_body):
        response = self.http.post(f"{self.base}{path}", json=json_body, timeout=10)
        assert response.status_code in (200, 201, 202, 204), response.text
        return response.json() if response.content else None


@pytest.fixture
def api(stack):
    return lambda username, worker=1: Api(stack, username, worker)


# -- browsers ---------------------------------------------------------------------------------


@pytest.fixture
def browsers(browser, browser_context_args, request):
    """Open logged-in (or anonymous) pages; each gets its own context (cookie jar)."""
    opened = []

    def open_page(username=None, path="/", context=None):
        if context is None:
            context = browser.new_context(**browser_context_args)
        page = context.new_page()
        page.console_lines = []
        page.on("console", lambda msg: page.console_lines.append(f"{msg.type}: {msg.text}"))
        page.on("pageerror", lambda error: page.console_lines.append(f"pageerror: {error}"))
        opened.append((username or "anonymous", page))
        if username:
            # The API sets the refresh cookie in the context's jar; the SPA restores the
            # session from it on load, exactly as after a login in the form.
            response = context.request.post(
                "/api/tokens", data={"login": username, "password": PASSWORD}
            )
            assert response.ok, response.text()
        page.goto(path)
        return page

    yield open_page
    # pytest-playwright's makereport hook records rep_setup/rep_call on the item.
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        save_artifacts(request.node.name, opened)
    for context in {page.context for _, page in opened}:
        context.close()


def save_artifacts(test_name, opened):
    folder = RESULTS / re.sub(r"[^\w.-]+", "_", test_name)
    folder.mkdir(parents=True, exist_ok=True)
    for n, (who, page) in enumerate(opened, 1):
        stem = folder / f"{n}-{who}"
        try:
            page.screenshot(path=f"{stem}.png", full_page=True)
        except Exception as error:  # noqa: BLE001  (a closed page must not hide the real failure)
            (folder / f"{n}-{who}.screenshot-error.txt").write_text(str(error))
        Path(f"{stem}.console.txt").write_text("\n".join(page.console_lines) + "\n")


@pytest.fixture(scope="session", autouse=True)
def save_stack_logs_on_failure(request, stack):
    yield
    if request.session.testsfailed:
        RESULTS.mkdir(exist_ok=True)
        for name, text in stack.logs().items():
            (RESULTS / f"stack-{name}.log").write_text(text)


# -- mail and workers -------------------------------------------------------------------------


def wait_for_mail(stack, to, subject, timeout=15):
    """The newest message to `to` whose subject contains `subject`, waiting for it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in reversed(stack.mail()):
            about = (message["Subject"] or "").lower()
            if to in (message["To"] or "") and subject.lower() in about:
                return message
        time.sleep(0.1)
    seen = [(m["To"], m["Subject"]) for m in stack.mail()]
    raise AssertionError(f"no mail to {to} about {subject!r} within {timeout}s; got {seen}")


def text_of(message):
    for part in message.walk():
        if part.get_content_type() == "text/plain" and not part.get_filename():
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no text part")


def link_in(message, route):
    match = re.search(rf"https?://\S+/{route}/[\w.\-]+", text_of(message))
    assert match, text_of(message)
    return match.group(0)


def sockets_on(stack, user_id, n):
    """How many of this user's sockets worker n holds, from its connect/disconnect log lines."""
    events = re.findall(
        rf"socket (connected|disconnected): user={user_id} ", stack.processes[f"api{n}"].log()
    )
    return events.count("connected") - events.count("disconnected")


def worker_of(stack, user_id, sockets=1, timeout=10):
    """The API worker number holding (at least) `sockets` of this user's sockets."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for n in range(1, stack.workers + 1):
            if sockets_on(stack, user_id, n) >= sockets:
                return n
        time.sleep(0.1)
    raise AssertionError(f"user {user_id} has no {sockets} socket(s) on any worker")


def other_worker(stack, n):
    return 1 if n == 2 else 2
