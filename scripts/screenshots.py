"""Screenshots of the main pages: desktop and phone, light and dark (issues [3/6], [4/8]).

Starts the embedded server on a throw-away SQLite database with some content
(devstack.showcase), signs in through the login page in Chromium and saves PNGs to
docs/screenshots/ (or --out).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--pages feed,profile]
"""

import argparse
import os
import shutil
import sys
from pathlib import Path

from devstack.showcase import PASSWORD, showcase_server

REPO = Path(__file__).resolve().parent.parent
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 860},
    "phone": {"width": 390, "height": 844},
}
SCHEMES = ("light", "dark")
PAGES = {
    "feed": "/",
    "explore": "/explore",
    "post": "/post/{post_id}",
    "profile": "/user/ada",
    "messages": "/messages/grace",
    "notifications": "/notifications",
    "settings": "/settings",
    "search": "/search?q=compiler",
    "login": "/login",
}


NOTES_FROM_GRACE = [
    "Did you see the new loom patterns?",
    "I left a note on your draft.",
    "Tea at four?",
    "Your table of Bernoulli numbers is lovely.",
]


def unread_from_grace(playwright, base_url, n):
    """A message from grace, so that each set of pictures shows the badge (the previous set
    read the earlier one)."""
    grace = playwright.request.new_context(base_url=base_url)
    token = grace.post("/api/tokens", data={"login": "grace", "password": PASSWORD}).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    sent = grace.post(
        "/api/messages",
        data={"recipient": "ada", "body": NOTES_FROM_GRACE[n % len(NOTES_FROM_GRACE)]},
        headers=headers,
    )
    assert sent.ok, sent.text()
    grace.dispose()


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
                unread_from_grace(playwright, base_url, len(taken) // max(1, len(pages)))
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
                    if name == "feed":  # grace's message is unread: its badge shows once live
                        page.locator(".badge >> visible=true").first.wait_for(timeout=15000)
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
    with showcase_server() as url:
        taken = capture(url, Path(args.out), args.pages.split(","), chromium)
    for path in taken:
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)


if __name__ == "__main__":
    main()
