"""Journey 6: reset the password by the emailed link; the old password fails, the new one works,
and the user's other sessions are logged out."""

import re

from playwright.sync_api import expect

from devstack.testing import PASSWORD, link_url, wait_for_mail

NEW_PASSWORD = "a-brand-new-password-2"


def log_in(page, password):
    page.goto("/login")
    page.get_by_label("Username or email").fill("gus")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_reset_by_emailed_link_logs_out_other_sessions(browsers, stack):
    elsewhere = browsers("gus", "/")  # another device, logged in before the reset
    expect(elsewhere.get_by_role("heading", name="Hi, gus!")).to_be_visible()

    page = browsers(path="/login")
    page.get_by_role("link", name="Forgot your password?").click()
    # The route changes in the page: wait for it, or "Email" would match the login field.
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    page.get_by_label("Email", exact=True).fill("gus@example.com")
    page.get_by_role("button", name="Send reset instructions").click()
    expect(page.get_by_text("Check your email for the instructions")).to_be_visible()

    page.goto(link_url(wait_for_mail(stack, "gus@example.com", "Reset your password"), "/reset/"))
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Reset password").click()
    expect(page.get_by_text("Your password has been reset.")).to_be_visible()

    log_in(page, PASSWORD)
    expect(page.get_by_role("alert")).to_have_text("Invalid username or password.")
    log_in(page, NEW_PASSWORD)
    expect(page.get_by_role("heading", name="Hi, gus!")).to_be_visible()

    # The other session's tokens were revoked: a reload finds it logged out.
    elsewhere.reload()
    nav = elsewhere.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Log in")).to_be_visible()
    expect(nav.get_by_role("button", name=re.compile(r"^Account menu"))).to_have_count(0)
