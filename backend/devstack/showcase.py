"""The embedded server (as `make dev` runs it) on a throw-away SQLite database with a little
content: two writers who follow each other, Markdown posts, a comment and a message.
scripts/screenshots.py and scripts/lighthouse.py look at the SPA through it."""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .processes import BACKEND_DIR, free_port

PASSWORD = "showcase-pass-1"

_CONTENT = """
from inkwell import create_app
from inkwell.extensions import db
from inkwell.models import User
from inkwell.services.follows import follow
from inkwell.services.messages import send_message
from inkwell.services.posts import create_comment, create_post
app = create_app()
with app.app_context():
    ada, grace = User.find_by_login("ada"), User.find_by_login("grace")
    ada.name, ada.location = "Ada Lovelace", "London"
    ada.about_me = "Writing about engines, numbers and poetry."
    db.session.commit()
    follow(ada, grace)
    follow(grace, ada)
    post = create_post(grace, "# Notes on compilers\\n\\nA **compiler** turns *source* into "
                              "something a machine runs. See https://example.org for more.")
    create_comment(ada, post, "Lovely write-up, *thank you*!")
    create_post(ada, "The Analytical Engine weaves algebraic patterns just as the Jacquard "
                     "loom weaves flowers and leaves.")
    send_message(grace, ada.username, "Coffee tomorrow?")
"""


def _flask(env, *args):
    subprocess.run(
        [sys.executable, "-m", "flask", *args], cwd=BACKEND_DIR, env=env, check=True,
        capture_output=True,
    )  # fmt: skip


def seed_content(env):
    _flask(env, "deploy")
    _flask(env, "seed", "--users", "12", "--posts", "60", "--follows", "4")
    for name in ("ada", "grace"):
        _flask(env, "users", "create", name, f"{name}@example.com", "--password", PASSWORD)
    subprocess.run(
        [sys.executable, "-c", _CONTENT], cwd=BACKEND_DIR, env=env, check=True,
        capture_output=True,
    )  # fmt: skip


def _wait_ready(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(url)


@contextlib.contextmanager
def showcase_server():
    """Yields the base URL of an embedded server with content; removes everything after."""
    workdir = Path(tempfile.mkdtemp(prefix="inkwell-showcase-"))
    port = free_port()
    env = {
        **os.environ,
        "FLASK_APP": "inkwell",
        "DATABASE_URL": f"sqlite:///{workdir / 'showcase.db'}",
        "REDIS_URL": "",
        "MAIL_SERVER": "",
        "MAIL_OUTBOX_DIR": str(workdir / "outbox"),
        "RATELIMIT_ENABLED": "0",
        "FRONTEND_URL": f"http://127.0.0.1:{port}",
    }
    server = None
    try:
        seed_content(env)
        server = subprocess.Popen(
            [sys.executable, "serve.py", "--port", str(port)], cwd=BACKEND_DIR, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        _wait_ready(f"http://127.0.0.1:{port}/api/health")
        yield f"http://127.0.0.1:{port}"
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
