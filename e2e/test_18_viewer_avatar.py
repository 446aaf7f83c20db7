"""Journey 18 (issue [5/8], SPEC §9 SPA): a post's pictures open in the viewer by keyboard (Tab
to the first picture, Enter, ArrowRight, Esc gives focus back); in Settings an uploaded avatar
replaces the identicon in the header at once, and Remove (after our confirm dialog) brings the
identicon back."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from devstack.testing import create_user, http_call, wait_until_loaded


def png(colour, size=(96, 64)):
    """A small PNG made here, so the journey needs no files of its own."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(api, data, alt):
    response = http_call(
        api.base_url, "POST", "/media", api.token,
        files={"file": ("picture.png", data, "image/png")}, data={"alt": alt},
    )  # fmt: skip
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture(scope="module")
def people(stack):
    """Users of this journey only (the shared ones belong to the other journeys)."""
    return {name: create_user(stack, name) for name in ("p2cat", "p2dan")}


def test_viewer_by_keyboard(browsers, api, people):
    cat = api("p2cat")
    barn = upload(cat, png((180, 40, 40)), "A red barn")
    sea = upload(cat, png((30, 90, 200), (64, 96)), "A blue sea")
    post = cat.post("/posts", body="Two pictures from the trip", media_ids=[barn["id"], sea["id"]])
    page = browsers("p2cat", f"/post/{post['id']}")

    card = page.get_by_role("article").filter(has_text="Two pictures from the trip")
    first = card.get_by_role("button", name="Open picture 1 of 2: A red barn")
    second = card.get_by_role("button", name="Open picture 2 of 2: A blue sea")
    expect(second).to_be_visible()
    preview = first.locator("img")
    expect(preview).to_have_attribute("src", barn["preview_url"])
    expect(preview).to_have_attribute("width", str(barn["width"]))
    expect(preview).to_have_attribute("loading", "lazy")
    wait_until_loaded(preview)

    # From the author's name, the next stop of Tab is the first picture.
    card.get_by_role("link", name="p2cat").first.focus()
    page.keyboard.press("Tab")
    expect(first).to_be_focused()
    scroll = page.evaluate("window.scrollY")
    page.keyboard.press("Enter")

    viewer = page.get_by_role("dialog", name="Picture viewer")
    expect(viewer).to_be_visible()
    expect(viewer.get_by_role("button", name="Close")).to_be_focused()
    # The page behind the viewer does not scroll while it is open.
    page_overflow = "getComputedStyle(document.documentElement).overflow"
    assert page.evaluate(page_overflow) == "hidden"
    page.keyboard.press("Tab")  # the caption is no Tab stop: Close, Previous, Next
    expect(viewer.get_by_role("button", name="Previous picture")).to_be_focused()
    expect(viewer.get_by_text("1 / 2")).to_be_visible()
    expect(viewer.locator("figcaption")).to_have_text("A red barn")
    page.keyboard.press("ArrowRight")
    expect(viewer.get_by_text("2 / 2")).to_be_visible()
    expect(viewer.get_by_role("img", name="A blue sea")).to_have_attribute("src", sea["url"])
    wait_until_loaded(viewer.get_by_role("img", name="A blue sea"))
    expect(viewer.locator("figcaption")).to_have_text("A blue sea")

    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    expect(first).to_be_focused()
    assert page.evaluate("window.scrollY") == scroll  # no scroll jump on the way back
    assert page.evaluate(page_overflow) == "visible"


def test_avatar_upload_and_remove(browsers, people, media_url):
    page = browsers("p2dan", "/settings")
    header_avatar = page.locator(".account-button img.avatar")
    expect(header_avatar).to_have_attribute("src", re.compile(r"/avatar\.svg"))
    card = page.get_by_role("group", name="Avatar")
    expect(card.get_by_role("button", name="Remove")).to_have_count(0)

    card.get_by_label("Upload a picture").set_input_files(
        {"name": "me.png", "mimeType": "image/png", "buffer": png((40, 160, 90), (300, 200))}
    )
    expect(header_avatar).to_have_attribute("src", media_url)
    expect(card.locator("img.avatar")).to_have_attribute("src", media_url)
    # The file behind it is served (nginx, or the bucket the CSP names): a picture, no fallback.
    wait_until_loaded(header_avatar)
    expect(page.locator(".account-button .avatar-fallback")).to_have_count(0)

    card.get_by_role("button", name="Remove").click()
    confirm = page.get_by_role("dialog", name="Remove your avatar?")
    expect(confirm.get_by_role("button", name="Cancel")).to_be_focused()
    confirm.get_by_role("button", name="Remove").click()
    expect(confirm).to_be_hidden()
    expect(header_avatar).to_have_attribute("src", re.compile(r"/avatar\.svg"))
    expect(card.get_by_role("button", name="Remove")).to_have_count(0)
    expect(card.get_by_label("Upload a picture")).to_be_focused()
