"""Journey 15 (issue [4/8], h4's pages): an expired confirmation link is not a dead end, /register
sends a logged-in user home, search finds a word by its start and shows plain-text snippets,
notifications quote the comment, and your own profile does not tell you when you were last seen."""

import re
import time

from playwright.sync_api import expect

from devstack.testing import PASSWORD, Api, create_user, link_url


def confirm_links(stack, address):
    return [
        link_url(m, "/confirm/")
        for m in stack.mail()
        if address in (m["To"] or "") and "confirm your account" in (m["Subject"] or "").lower()
    ]


def wait_for_confirm_links(stack, address, count, timeout=15):
    """The confirmation links mailed to `address`, once there are at least `count`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        links = confirm_links(stack, address)
        if len(links) >= count:
            return links
        time.sleep(0.1)
    raise AssertionError(f"fewer than {count} confirmation mails to {address}")


def test_an_expired_confirmation_link_offers_a_new_one(browsers, stack):
    page = browsers(path="/login")
    address = "h4wren@example.com"
    registered = page.context.request.post(
        "/api/users", data={"username": "h4wren", "email": address, "password": PASSWORD}
    )
    assert registered.status == 201, registered.text()
    sent_at_sign_up = len(wait_for_confirm_links(stack, address, 1))

    page.goto("/confirm/an-expired-token")
    expect(page.get_by_text("The confirmation link is invalid or has expired.")).to_be_visible()
    page.get_by_label("Email", exact=True).fill(address)
    page.get_by_role("button", name="Send a new link").click()
    expect(page.get_by_role("status").filter(has_text="belongs to an account")).to_contain_text(
        f"If {address} belongs to an account"
    )

    # The new link arrives (besides the one sent at registration) and works.
    links = wait_for_confirm_links(stack, address, sent_at_sign_up + 1)
    page.goto(links[-1])
    expect(page.get_by_text("You have confirmed your account. Thanks!")).to_be_visible()

    # Logged in now: the sign-up form sends the user home.
    login = page.context.request.post("/api/tokens", data={"login": "h4wren", "password": PASSWORD})
    assert login.ok, login.text()
    page.goto("/register")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_label("Confirm password")).to_have_count(0)


def test_search_notifications_and_own_profile(browsers, stack):
    create_user(stack, "h4writer")
    create_user(stack, "h4reader")
    post = Api(stack, "h4writer").post(
        "/posts", body="# Notes on **Pythonic** code\n\nSee [the docs](https://example.com/py)."
    )
    Api(stack, "h4reader").post(
        f"/posts/{post['id']}/comments", body="Lovely *notes*, thanks for `sharing`!"
    )

    page = browsers("h4writer", path="/search?q=Pyth")
    search = page.get_by_role("search", name="Search posts and people")
    expect(search).to_be_visible()
    snippet = page.locator(f'.search-hit[data-id="{post["id"]}"] .search-snippet')
    expect(snippet).to_contain_text("Notes on Pythonic code")
    expect(snippet.locator("mark")).to_have_text("Pythonic")
    for syntax in ("**", "#", "]("):
        expect(snippet).not_to_contain_text(syntax)

    page.goto("/notifications")
    expect(page.locator(".notification-excerpt")).to_have_text("Lovely notes, thanks for sharing!")
    expect(page.get_by_text("On your post “Notes on Pythonic code See the docs.”")).to_be_visible()

    page.goto("/user/h4writer")
    expect(page.get_by_role("link", name="Edit profile")).to_have_count(1)
    expect(page.get_by_text("Member since")).to_be_visible()
    expect(page.get_by_text("Last seen")).to_have_count(0)
