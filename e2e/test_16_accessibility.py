"""Journey 16: axe-core finds no critical, serious or moderate violation on any route of the
SPA, in the light and the dark theme, for a visitor, a user, a moderator and an administrator
(issue [4/8]).

axe-core is the npm package in frontend/node_modules (a devDependency). It is injected as an
inline script, which the SPA's strict CSP would refuse, so these contexts bypass the CSP; the
CSP itself is journey 0's subject.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from devstack.testing import PASSWORD, Api, http_call

AXE = (
    Path(__file__).resolve().parent.parent / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
)
REPORTED = ("critical", "serious", "moderate")


@pytest.fixture(scope="module")
def content(stack, user_ids):
    """A post with a comment and a disabled comment, a conversation, a follow and a
    notification: every page has something to show."""
    uma, vic = Api(stack, "uma"), Api(stack, "vic")
    post = uma.post("/posts", body="# Accessible by default\n\nA post for **axe** to read.")
    vic.post(f"/posts/{post['id']}/comments", body="A kind comment about axe.")
    hidden = vic.post(f"/posts/{post['id']}/comments", body="A comment a moderator disables.")
    moderator = Api(stack, "mia")
    response = http_call(
        moderator.base_url,
        "PATCH",
        f"/comments/{hidden['id']}",
        moderator.token,
        json={"disabled": True},
    )
    assert response.status_code == 200, response.text
    vic.post("/users/uma/follow")
    vic.post("/messages", recipient="uma", body="Hello Uma, does this read well?")
    return {"post": post["id"], "uma": user_ids["uma"]}


def routes(content):
    post, uma = content["post"], content["uma"]
    return {
        None: [
            "/explore", f"/post/{post}", "/user/uma", "/search?q=axe", "/login", "/register",
            "/reset", "/reset/not-a-token", "/confirm/not-a-token", "/no-such-page",
        ],
        "uma": [
            "/", "/explore", "/notifications", f"/post/{post}", f"/post/{post}?edit=1", "/user/uma",
            "/user/uma/followers",
            "/user/vic/following", "/settings", "/messages", "/messages/vic", "/search?q=axe",
            "/change-email/not-a-token",
        ],
        "mia": ["/moderate", f"/post/{post}"],
        "root": [f"/admin/users/{uma}"],
    }  # fmt: skip


def settled(page):
    """The page has rendered its heading and finished loading its data."""
    expect(page.locator("main h1").first).to_be_visible()
    expect(page.locator(".state-loading, [aria-busy='true']")).to_have_count(0)


def violations(page):
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    return [v for v in found if v["impact"] in REPORTED]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_moderate_violation_on_any_route(
    browser, browser_context_args, stack, content, scheme
):
    assert AXE.is_file(), "axe-core is missing: cd frontend && npm ci"
    failures = {}
    for who, paths in routes(content).items():
        context = browser.new_context(**browser_context_args, color_scheme=scheme, bypass_csp=True)
        if who:
            response = context.request.post(
                "/api/tokens", data={"login": who, "password": PASSWORD}
            )
            assert response.ok, response.text()
        page = context.new_page()
        for path in paths:
            page.goto(path)
            settled(page)
            found = violations(page)
            if found:
                failures[f"{who or 'visitor'} {path}"] = found
        context.close()
    assert not failures, "\n".join(f"{where}: {found}" for where, found in failures.items())
