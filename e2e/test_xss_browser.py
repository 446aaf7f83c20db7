"""The XSS corpus of backend/tests/test_xss.py (devstack.xss_corpus) rendered by the real SPA
in Chromium, through nginx: every payload as a post and as a comment. No dialog may open, no
script error or CSP violation may be logged, no request may leave the stack, and the rendered
bodies hold no element or attribute that could run script. (The backend test checks the
stored HTML; this one checks what a browser makes of it, under the production CSP.)"""

import time
from urllib.parse import urlsplit

from playwright.sync_api import expect

from devstack.testing import Api, create_user
from devstack.xss_corpus import CORPUS

AUTHOR = "xss_author"

# Everything in a rendered body that could run script or load something: found = a failure.
DANGEROUS_DOM = """(selector) => {
    const found = [];
    const bodies = [...document.querySelectorAll(selector)];
    for (const body of bodies) {
        for (const el of body.querySelectorAll(
            'script, img, svg, math, iframe, frame, object, embed, form, input, button, style, ' +
            'link, meta, base, details, video, audio, source, template'
        )) found.push(el.outerHTML.slice(0, 120));
        for (const el of body.querySelectorAll('*')) {
            for (const attr of el.attributes) {
                const value = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
                if (attr.name.startsWith('on') || attr.name === 'style' || attr.name === 'srcdoc')
                    found.push(`${el.tagName} ${attr.name}`);
                if (/^(javascript|vbscript|data):/.test(value))
                    found.push(`${el.tagName}: ${value}`);
            }
        }
    }
    return {count: bodies.length, found};
}"""

# What a reader does to the content (pointer over it, focus, animation end), had a handler
# survived it would run now.
POKE = """(selector) => {
    for (const el of document.querySelectorAll(`${selector}, ${selector} *`)) {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'animationend', 'toggle'])
            el.dispatchEvent(new Event(type));
    }
}"""


def watch(page, stack):
    """Record what a payload that ran would leave behind: dialogs, script errors, CSP
    violations, requests to anywhere but the stack."""
    seen = {"dialogs": [], "errors": [], "foreign": []}
    origin = urlsplit(stack.url).netloc
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(f"pageerror: {e}"))

    def console(message):
        text = message.text
        # A failed API call (e.g. the anonymous session probe) is logged by Chromium as an
        # error too; only its own origin's /api is expected to answer 4xx.
        api_status = "Failed to load resource" in text and (
            message.location.get("url", "").startswith(f"{stack.url}/api/")
        )
        if message.type == "error" and not api_status:
            seen["errors"].append(f"console: {text}")

    page.on("console", console)
    page.on(
        "request",
        lambda r: (
            urlsplit(r.url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(r.url).netloc != origin
            and seen["foreign"].append(r.url)
        ),
    )
    return seen


def load_all(page, selector, expected):
    """Click "Load more" until the list holds `expected` items."""
    items = page.locator(selector)
    expect(items.first).to_be_visible()
    for _ in range(20):
        count = items.count()
        if count >= expected:
            break
        page.get_by_role("button", name="Load more").click()
        expect(items).not_to_have_count(count)
    expect(items).to_have_count(expected)


def assert_the_watch_works(page, seen):
    """The oracles themselves: a dialog, a blocked inline handler and a dangerous element
    planted on purpose are all reported (so the test below can fail)."""
    page.goto("/")
    page.evaluate("alert('probe')")
    page.evaluate(
        """() => {
            const div = document.createElement('div');
            div.className = 'probe-body';
            div.innerHTML = '<img src="/probe.png" onerror="alert(2)">';
            document.body.append(div);
        }"""
    )
    expect(page.locator(".probe-body img")).to_have_count(1)
    page.wait_for_function("() => document.querySelector('.probe-body img').complete")
    assert seen["dialogs"] == ["probe"]  # the planted onerror was blocked by the CSP...
    deadline = time.monotonic() + 5
    while not any("Content Security Policy" in e for e in seen["errors"]):
        assert time.monotonic() < deadline, seen
        page.wait_for_timeout(50)  # ...and Chromium said so on the console
    assert page.evaluate(DANGEROUS_DOM, ".probe-body")["found"]
    for found in seen.values():
        found.clear()


def test_the_xss_corpus_runs_nothing_in_chromium(stack, browser, browser_context_args):
    create_user(stack, AUTHOR)
    author = Api(stack, AUTHOR)
    for source in CORPUS:
        author.post("/posts", body=source)
    target = author.post("/posts", body="Comments below carry the corpus.")
    for source in CORPUS:
        author.post(f"/posts/{target['id']}/comments", body=source)

    context = browser.new_context(**browser_context_args)
    try:
        page = context.new_page()
        seen = watch(page, stack)
        assert_the_watch_works(page, seen)

        # Every post, as the profile lists them (the payload posts and the comment target).
        page.goto(f"/user/{AUTHOR}")
        load_all(page, ".post-body", len(CORPUS) + 1)
        page.evaluate(POKE, ".post-body")
        posts = page.evaluate(DANGEROUS_DOM, ".post-body")
        assert posts["found"] == []

        # Every comment, on the permalink of the post that carries them.
        page.goto(f"/post/{target['id']}")
        load_all(page, "li.comment", len(CORPUS))  # (a payload that sanitises to nothing
        # leaves a comment with no body element)
        page.evaluate(POKE, ".comment-body")
        comments = page.evaluate(DANGEROUS_DOM, ".comment-body")
        assert comments["found"] == []
        page.wait_for_timeout(300)  # a timer- or load-driven payload would have fired by now

        assert seen == {"dialogs": [], "errors": [], "foreign": []}
    finally:
        context.close()
