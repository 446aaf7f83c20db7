"""Journey 14 (issue [4/8]): the composer and the conversation thread.

- The "Read" receipt is live (defect 6): the sender's open thread shows it within 2 s of the
  other user opening the thread in their browser, and when the reading is handled by the other
  API worker than the one holding the sender's socket.
- Own multi-line bubbles keep their text left-aligned (defect 13); whitespace-only messages are
  not sent (defect 14).
- The composer: toolbar, Ctrl+Enter, a draft that survives a reload and goes once posted, focus
  kept in the box; the edit page has no two regions named "Preview" (defect 16).
"""

import re
import time

from playwright.sync_api import expect

from devstack.testing import create_user, http_call, http_login, other_worker, worker_of

# This journey's own users, made here so that no other journey shares them.
WREN, YARA = "h3wren", "h3yara"


def user_id(stack, username):
    return http_call(stack.api_url(1), "GET", f"/users/{username}").json()["id"]


def test_read_receipts_are_live_and_bubbles_read_left(browsers, stack):
    for name in (WREN, YARA):
        create_user(stack, name)
    wren = browsers(WREN, f"/messages/{YARA}")
    box = wren.get_by_label("Message", exact=True)

    # Whitespace only: Enter sends nothing and says nothing alarming.
    box.fill("   ")
    box.press("Enter")
    expect(wren.get_by_role("button", name="Send")).to_be_disabled()
    expect(wren.locator(".bubble")).to_have_count(0)
    expect(wren.locator(".field-error, .form-error")).to_have_count(0)

    # A two-line message: the bubble sits right, its text reads from the left.
    box.fill("")
    box.press_sequentially("line one")
    box.press("Shift+Enter")
    box.press_sequentially("and the second, longer line")
    box.press("Enter")
    body = wren.locator(".bubble.mine .bubble-body")
    expect(body).to_have_text("line one\nand the second, longer line")
    assert body.evaluate("el => getComputedStyle(el).textAlign") in ("left", "start")
    expect(box).to_be_focused()
    expect(wren.locator(".read-receipt")).to_have_count(0)

    # yara opens the thread in her own browser: wren's page says "Read" without a reload.
    yara = browsers(YARA, f"/messages/{WREN}")
    expect(yara.get_by_text("and the second, longer line")).to_be_visible()
    receipt = wren.locator(".bubble.mine .read-receipt")
    expect(receipt).to_have_text(re.compile("Read"), timeout=2000)
    yara.close()

    # Across workers: the reading is handled by the worker that does not hold wren's socket.
    wren_worker = worker_of(stack, user_id(stack, WREN))
    reading_worker = other_worker(stack, wren_worker)
    box.fill("Still there?")
    box.press("Enter")
    latest = wren.locator(".bubble.mine").last
    expect(latest.locator(".bubble-body")).to_have_text("Still there?")
    expect(latest.locator(".read-receipt")).to_have_count(0)
    url = stack.api_url(reading_worker)
    token = http_login(url, YARA)["access_token"]
    started = time.monotonic()
    assert http_call(url, "POST", f"/conversations/{WREN}/read", token).status_code == 204
    expect(latest.locator(".read-receipt")).to_be_visible(timeout=2000)
    assert time.monotonic() - started < 2.5
    expect(wren.locator(".read-receipt")).to_have_count(1)  # under the newest read message only


def test_composer_tools_drafts_and_focus(browsers):
    page = browsers("ana")
    box = page.get_by_label("Say something")
    post = page.get_by_role("button", name="Post", exact=True)

    box.fill("  \n ")
    expect(post).to_be_disabled()

    # The toolbar inserts a selected placeholder; typing replaces it.
    box.fill("Composer journey: ")
    box.press("End")
    page.get_by_role("button", name="Bold").click()
    expect(box).to_be_focused()
    page.keyboard.type("kept")
    expect(box).to_have_value("Composer journey: **kept**")

    # The draft survives a reload.
    page.wait_for_function(
        "() => Object.keys(localStorage).some(k => k.startsWith('inkwell.draft.')"
        " && localStorage.getItem(k).includes('**kept**'))"
    )
    page.reload()
    box = page.get_by_label("Say something")
    expect(box).to_have_value("Composer journey: **kept**")

    # Preview is a tab; the text comes back untouched.
    page.get_by_role("tab", name="Preview").click()
    expect(page.get_by_role("tabpanel", name="Preview").locator("strong")).to_have_text("kept")
    expect(box).to_be_hidden()
    page.get_by_role("tab", name="Write").click()
    expect(box).to_be_visible()

    # Ctrl+Enter posts; the box empties, keeps the focus, and the draft is gone for good.
    box.press("Control+Enter")
    article = page.get_by_role("article").filter(has_text="Composer journey:").first
    expect(article.locator("strong")).to_have_text("kept")
    expect(box).to_have_value("")
    expect(box).to_be_focused()
    page.reload()
    expect(page.get_by_label("Say something")).to_have_value("")

    # Defect 16: the edit page (an edit form and a comment form) names no two regions "Preview".
    post_path = article.get_by_role("link", name="Permalink").get_attribute("href")
    page.goto(f"{post_path}?edit=1")
    expect(page.get_by_role("tab", name="Preview")).to_have_count(2)
    for tab in page.get_by_role("tab", name="Preview").all():
        tab.click()
    expect(page.get_by_role("region", name="Preview")).to_have_count(0)
    expect(page.get_by_role("tabpanel", name="Preview")).to_have_count(2)
