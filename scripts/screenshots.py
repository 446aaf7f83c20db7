"""Screenshots of the main pages: desktop and phone, light and dark (issue [3/6]).

Starts the embedded server on a throw-away SQLite database with some content, signs in
through the login page in Chromium and saves PNGs to docs/screenshots/ (or --out).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--pages feed,profile]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BACKEND = REPO / "backend"
PASSWORD = "screenshot-pass-1"
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 860},
    "phone": {"width": 390, "height": 844},
}
SCHEMES = ("light", "dark")


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def flask(env, *args):
    subprocess.run(
        [sys.executable, "-m", "flask", *args], cwd=BACKEND, env=env, check=True,
        capture_output=True,
    )  # fmt: skip


def seed_content(env):
    """Two writers who follow each other, posts with Markdown, a comment, a message."""
    flask(env, "deploy")
    flask(env, "seed", "--users", "12", "--posts", "60", "--follows", "4")
    for name in ("ada", "grace"):
        flask(env, "users", "create", name, f"{name}@example.com", "--password", PASSWORD)
    script = """
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
    subprocess.run(
        [sys.executable, "-c", script],
        cwd=BACKEND,
        env=env,
        check=True,
        capture_output=True,
    )


def wait_ready(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(url)


PAGES = {
    "feed": "/",
    "explore": "/explore",
    "post": "/post/{post_id}",
    "profile": "/user/ada",
    "messages": "/messages/grace",
    "notifications": "/notifications",
    "settings": "/settings",
    "login": "/login",
}


def capture(base_url, out, pages, chromium):
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    taken = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        for device, viewport in VIEWPORTS.items():
            for scheme in SCHEMES:
                context = browser.new_context(
                    viewport=viewport,
                    color_scheme=scheme,
                    locale="en-US",
                    device_scale_factor=1,
                    is_mobile=device == "phone",
                    has_touch=device == "phone",
                )
                page = context.new_page()
                if "login" in pages:
                    page.goto(f"{base_url}/login")
                    page.wait_for_load_state("networkidle")
                    taken.append(shot(page, out, "login", device, scheme))
                page.goto(f"{base_url}/login")
                page.get_by_label("Username or email").fill("ada")
                page.get_by_label("Password", exact=True).fill(PASSWORD)
                page.get_by_role("button", name="Log in").last.click()
                page.wait_for_url(f"{base_url}/")
                post_id = page.evaluate(
                    "async () => (await (await fetch('/api/posts?per_page=100')).json())"
                    ".items.find(p => p.body.startsWith('# Notes')).id"
                )
                for name in pages:
                    if name == "login":
                        continue
                    page.goto(base_url + PAGES[name].format(post_id=post_id))
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(300)  # fonts and the relative-time tick settle
                    taken.append(shot(page, out, name, device, scheme))
                context.close()
        browser.close()
    return taken


def shot(page, out, name, device, scheme):
    path = out / f"{name}-{device}-{scheme}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args()
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not chromium:
        sys.exit("Chromium is not installed (apt-get install chromium)")
    if not (REPO / "frontend" / "dist" / "index.html").is_file():
        sys.exit("build the SPA first: cd frontend && npm ci && npm run build")
    workdir = Path(tempfile.mkdtemp(prefix="inkwell-shots-"))
    port = free_port()
    env = {
        **os.environ,
        "FLASK_APP": "inkwell",
        "DATABASE_URL": f"sqlite:///{workdir / 'shots.db'}",
        "REDIS_URL": "",
        "MAIL_SERVER": "",
        "MAIL_OUTBOX_DIR": str(workdir / "outbox"),
        "RATELIMIT_ENABLED": "0",
        "FRONTEND_URL": f"http://127.0.0.1:{port}",
    }
    seed_content(env)
    server = subprocess.Popen(
        [sys.executable, "serve.py", "--port", str(port)], cwd=BACKEND, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        wait_ready(f"http://127.0.0.1:{port}/api/health")
        taken = capture(f"http://127.0.0.1:{port}", Path(args.out), args.pages.split(","), chromium)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
    for path in taken:
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)


if __name__ == "__main__":
    main()
