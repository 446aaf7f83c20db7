"""Journey 13 (issue [4/8], "Post card", "Infinite scroll", defects 4 and 10): the card's fold,
action row, "⋯" menu and our own delete dialog; tables, strikethrough and foreign pictures in
Markdown; comment counts on lists that follow comments and moderation live; a list that grows
as the reader scrolls, with a real "Load more" button for keyboards."""

import time

import pytest
from playwright.sync_api import expect

from devstack.testing import create_user, http_call, worker_of

LONG = "\n\n".join(f"Paragraph {n} of a long post that goes on." for n in range(1, 31))


def wait_until(page, condition, timeout=10):
    """Until `condition()` holds, letting the page run (its events are handled meanwhile)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        page.wait_for_timeout(50)


def user_id(stack, username):
    return http_call(stack.api_url(1), "GET", f"/users/{username}").json()["id"]


@pytest.fixture(scope="module")
def people(stack):
    """Users of this journey only (the shared ones belong to the other journeys)."""
    return {name: create_user(stack, name) for name in ("penn", "rhea", "sage")}


def test_card_fold_menu_and_delete_dialog(browsers, api, people):
    writer = api("penn")
    short = writer.post(
        "/posts",
        body="| Tea | Cups |\n|:--|--:|\n| green | ~~3~~ 4 |\n\n![a red barn](https://example.org/barn.png)",
    )
    writer.post("/posts", body=LONG)
    page = browsers("penn", "/user/penn")

    long_card = page.get_by_role("article").filter(has_text="Paragraph 1 of")
    read_more = long_card.get_by_role("button", name="Read more")
    expect(read_more).to_have_attribute("aria-expanded", "false")
    expect(long_card.get_by_text("Paragraph 30 of")).not_to_be_in_viewport()
    height = long_card.bounding_box()["height"]
    assert height < 700, height  # folded: about twelve lines, not thirty paragraphs
    read_more.click()
    show_less = long_card.get_by_role("button", name="Show less")
    expect(show_less).to_have_attribute("aria-expanded", "true")
    wait_until(page, lambda: long_card.bounding_box()["height"] > height + 300)

    card = page.get_by_role("article").filter(has_text="green")
    # Markdown (defect 4): a table, strikethrough, and another site's picture as a link.
    expect(card.locator(".post-body table td").first).to_have_text("green")
    expect(card.locator(".post-body s")).to_have_text("3")
    barn = card.locator(".post-body").get_by_role("link", name="a red barn")
    expect(barn).to_have_attribute("href", "https://example.org/barn.png")
    expect(card.locator(".post-body img")).to_have_count(0)
    expect(card.get_by_role("button", name="Read more")).to_have_count(0)  # short: no fold
    # The action row: named icon links with counts.
    expect(card.get_by_role("link", name="0 comments")).to_have_attribute(
        "href", f"/post/{short['id']}#comments"
    )
    expect(card.get_by_role("link", name="Permalink")).to_have_attribute(
        "href", f"/post/{short['id']}"
    )

    # The "⋯" menu, by keyboard: Esc gives focus back to its button.
    menu_button = card.get_by_role("button", name="More actions")
    menu_button.focus()
    page.keyboard.press("Enter")
    menu = card.get_by_role("menu", name="More actions")
    expect(menu.get_by_role("menuitem", name="Copy link")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(menu.get_by_role("menuitem", name="Edit")).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(menu_button).to_be_focused()

    # Delete asks in our own modal dialog; Cancel has focus, Esc cancels.
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    menu_button.click()
    menu.get_by_role("menuitem", name="Delete").click()
    dialog = page.get_by_role("dialog", name="Delete this post?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(menu_button).to_be_focused()
    expect(card).to_be_visible()

    menu_button.click()
    menu.get_by_role("menuitem", name="Delete").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete", exact=True).click()
    expect(page.get_by_text("The post has been deleted.")).to_be_visible()
    expect(page.get_by_role("article").filter(has_text="green")).to_have_count(0)
    assert page.context.request.get(f"/api/posts/{short['id']}").status == 404
    assert dialogs == []  # never the browser's confirm()


def test_list_counts_follow_comments_and_moderation_live(browsers, api, stack, people):
    writer, commenter = api("penn"), api("sage")
    post = writer.post("/posts", body="Counting comments live")
    follow = http_call(writer.base_url, "POST", "/users/penn/follow", api("rhea").token)
    assert follow.status_code == 204, follow.text
    reader = browsers("rhea", "/")
    reader.get_by_role("button", name="Following").click()
    card = reader.get_by_role("article").filter(has_text="Counting comments live")
    expect(card.get_by_role("link", name="0 comments")).to_be_visible()
    # Connected, and the list's posts watched: from here no count change can be missed.
    worker_of(stack, user_id(stack, "rhea"))
    expect(reader.locator(".posts[data-live=true]")).to_be_attached()

    comment = commenter.post(f"/posts/{post['id']}/comments", body="First!")
    commenter.post(f"/posts/{post['id']}/comments", body="Second")
    expect(card.get_by_role("link", name="2 comments")).to_be_visible()

    # A moderator disables one: the feed's count drops, live, and comes back when re-enabled.
    moderator = api("mia")
    for disabled, shown in ((True, "1 comment"), (False, "2 comments")):
        response = http_call(
            moderator.base_url,
            "PATCH",
            f"/comments/{comment['id']}",
            moderator.token,
            json={"disabled": disabled},
        )
        assert response.status_code == 200, response.text
        expect(card.get_by_role("link", name=shown, exact=True)).to_be_visible()


def test_lists_grow_by_scrolling_and_by_the_load_more_button(browsers, api, people):
    writer = api("sage")
    for n in range(60):
        writer.post("/posts", body=f"Scroll post number {n}")
    page = browsers("rhea", "/user/sage")
    posts = page.get_by_role("article")
    expect(posts).to_have_count(25)
    load_more = page.get_by_role("button", name="Load more")
    expect(load_more).to_be_attached()
    # Scrolling near the end reads the next page by itself, and says so politely.
    posts.nth(24).scroll_into_view_if_needed()
    expect(posts).to_have_count(50)
    expect(page.get_by_role("status").filter(has_text="25 more posts loaded")).to_be_attached()
    # Appending kept the reader where they were (no jump back to the top).
    assert page.evaluate("window.scrollY") > 1000
    expect(posts.nth(24)).to_be_in_viewport()
    expect(posts.nth(25)).to_contain_text("Scroll post number 34")

    # The keyboard fallback: the button loads the last page; when it goes, focus goes to the
    # first post that page brought, not to the top of the document.
    load_more.focus()
    page.keyboard.press("Enter")
    expect(posts).to_have_count(60)
    expect(load_more).to_have_count(0)
    expect(posts.nth(50)).to_be_focused()
    expect(posts.nth(50)).to_contain_text("Scroll post number 9")
