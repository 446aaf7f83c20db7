"""Browser journeys against the full stack through nginx (issue [4/6]).

One session-wide stack (devstack.stack: nginx, 2 eventlet workers, Redis, the RQ worker, the
SMTP sink), Debian's Chromium driven by pytest-playwright. Users the journeys need are made
in one process up front; each journey logs its own browsers in. A failing journey leaves a
screenshot of every page it opened, their console output and their API/Socket.IO requests under
test-results/<test>/ (E2E_ARTIFACTS=always: for passing journeys too).

Only fixtures are here: the helpers journeys share (Api, wait_for_mail, link_url, worker_of,
PASSWORD...) are in devstack.testing, imported from there.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devstack.libretranslate import libretranslate_server, tag
from devstack.processes import BACKEND_DIR
from devstack.s3 import s3_server
from devstack.stack import Stack
from devstack.testing import PASSWORD, Api

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "test-results"
# name -> role; created confirmed, one set of users per journey so journeys cannot interfere.
USERS = {
    "ana": "User", "ben": "User", "cleo": "User", "dan": "User", "eve": "User", "fay": "User",
    "gus": "User", "hal": "User", "ivy": "User", "mia": "Moderator", "root": "Administrator",
    "jon": "User", "kim": "User", "leo": "User", "max": "User", "nia": "User", "oto": "User",
    "pia": "User", "quin": "User", "rex": "User", "sol": "User", "tia": "User", "uma": "User",
    "vic": "User",
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


@pytest.fixture(scope="session")
def translation_server():
    """A LibreTranslate-compatible server that "translates" by tagging: "[en] hola"."""
    with libretranslate_server(translate=tag) as server:
        yield server.url


@pytest.fixture(scope="session")
def media_settings():
    """E2E_MEDIA_STORAGE=s3: pictures go to a bucket on a local S3 server (moto) and browsers
    load them from there, so nginx's CSP must name its origin; local (default): MEDIA_DIR."""
    storage = os.environ.get("E2E_MEDIA_STORAGE", "local")
    if storage == "local":
        yield {}
    elif storage == "s3":
        with s3_server() as server:
            yield server.config(server.public_bucket("inkwell-e2e"))
    else:
        pytest.fail(f"E2E_MEDIA_STORAGE must be local or s3, not {storage!r}")


@pytest.fixture(scope="session")
def media_url(media_settings):
    """What the URL of every picture starts with: /media/ (nginx) or the bucket's public URL."""
    base = media_settings.get("MEDIA_PUBLIC_URL")
    return re.compile("^" + re.escape(f"{base}/" if base else "/media/"))


@pytest.fixture(scope="session")
def stack(translation_server, media_settings):
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
            **media_settings,
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
        page.network_lines = []
        page.on("console", lambda msg: page.console_lines.append(f"{msg.type}: {msg.text}"))
        page.on("pageerror", lambda error: page.console_lines.append(f"pageerror: {error}"))
        watch_network(page)
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
    # E2E_ARTIFACTS=always keeps them for passing journeys too (to compare a pass with a failure).
    keep = os.environ.get("E2E_ARTIFACTS") == "always"
    if report is not None and (report.failed or keep):
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
        Path(f"{stem}.network.txt").write_text("\n".join(page.network_lines) + "\n")


def watch_network(page):
    """Every API and Socket.IO request of the page with its outcome, and every websocket's life,
    timestamped: on failure they show what reached which worker in what order."""
    log = page.network_lines

    def note(text):
        log.append(f"{time.strftime('%H:%M:%S')}.{int(time.time() * 1000) % 1000:03d} {text}")

    def short(url):
        return url.split("://", 1)[-1].split("/", 1)[-1]

    def wanted(url):
        return "/api/" in url or "/socket.io/" in url

    def on_response(response):
        if wanted(response.url):
            note(f"{response.status} {response.request.method} /{short(response.url)}")

    def on_failed(request):
        if wanted(request.url):
            note(f"FAILED ({request.failure}) {request.method} /{short(request.url)}")

    def on_websocket(ws):
        note(f"ws open /{short(ws.url)}")
        ws.on("close", lambda _ws: note(f"ws closed /{short(ws.url)}"))
        ws.on("socketerror", lambda error: note(f"ws error {error} /{short(ws.url)}"))

    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.on("websocket", on_websocket)


@pytest.fixture(scope="session", autouse=True)
def save_stack_logs_on_failure(request, stack):
    yield
    if request.session.testsfailed or os.environ.get("E2E_ARTIFACTS") == "always":
        RESULTS.mkdir(exist_ok=True)
        for name, text in stack.logs().items():
            (RESULTS / f"stack-{name}.log").write_text(text)
        # nginx's own logs (which worker answered what: $upstream_addr) live in its run dir.
        for name in ("access.log", "error.log"):
            log = stack.run_dir / "nginx" / name
            if log.exists():
                shutil.copy(log, RESULTS / f"stack-nginx-{name}")
