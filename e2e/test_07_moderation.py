"""Journey 7: a moderator disables a comment; another user no longer sees its body."""

from playwright.sync_api import expect

BODY = "An unkind remark that a moderator will hide"


def test_disabled_comment_body_is_hidden_from_others(browsers, api):
    post = api("hal").post("/posts", body="A post that draws a comment")
    api("ivy").post(f"/posts/{post['id']}/comments", body=BODY)

    reader = browsers("hal", f"/post/{post['id']}")
    expect(reader.locator(".comment-body")).to_have_text(BODY)

    moderator = browsers("mia", "/")
    moderator.get_by_role("navigation", name="Main").get_by_role("link", name="Moderate").click()
    comment = moderator.get_by_role("listitem").filter(has_text=BODY)
    comment.get_by_role("button", name="Disable").click()
    expect(comment.get_by_role("button", name="Enable")).to_be_visible()
    expect(comment.get_by_text("Disabled", exact=True)).to_be_visible()

    reader.reload()
    expect(reader.get_by_text("This comment has been disabled by a moderator.")).to_be_visible()
    expect(reader.get_by_text(BODY)).to_have_count(0)
    # Not merely hidden by the page: the API no longer sends it to a non-moderator.
    response = reader.context.request.get(f"/api/posts/{post['id']}/comments")
    assert BODY not in response.text()
