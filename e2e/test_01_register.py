"""Journey 1: register, the confirmation email reaches the SMTP sink, its link confirms, log in."""

from playwright.sync_api import expect

from devstack.testing import PASSWORD, link_url, wait_for_mail


def test_register_confirm_by_emailed_link_then_log_in(browsers, stack):
    page = browsers(path="/register")
    page.get_by_label("Username").fill("newbie")
    page.get_by_label("Email").fill("newbie@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    # Registration logs straight in and explains what the email is for.
    expect(page).to_have_url("/unconfirmed")
    expect(page.get_by_role("heading", name="Confirm your account")).to_be_visible()

    link = link_url(wait_for_mail(stack, "newbie@example.com", "Confirm your account"), "/confirm/")
    assert link.startswith(stack.url), link  # emails point at the SPA behind nginx
    page.goto(link)
    expect(page.get_by_text("You have confirmed your account. Thanks!")).to_be_visible()
    page.get_by_role("link", name="Home", exact=True).first.click()
    expect(page.get_by_role("heading", name="Hi, newbie!")).to_be_visible()
    expect(page.get_by_role("note")).to_have_count(0)  # no "not confirmed" banner

    page.get_by_role("button", name="Account menu (newbie)").click()
    page.get_by_role("menuitem", name="Log out").click()
    page.goto("/login")
    page.get_by_label("Username or email").fill("newbie@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Hi, newbie!")).to_be_visible()
    expect(page.get_by_role("note")).to_have_count(0)
