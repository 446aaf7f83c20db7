"""Journey 3b (SPEC §10 "Live"): a reader has a post open, and the author's profile in another tab;
a second browser comments. The comment and the new count appear on the post page without a reload,
the profile's list updates the post's count, the commenter sees their own comment once, and a new
post by the author (who the reader does not follow) waits behind the profile's banner."""

from playwright.sync_api import expect

from devstack.testing import other_worker, worker_of


def test_post_page_comments_and_counts_are_live(browsers, api, stack, user_ids):
    post = api("rex").post("/posts", body="Watch this post live")
    reader = browsers("tia", f"/post/{post['id']}")
    expect(reader.get_by_text("Watch this post live")).to_be_visible()
    expect(reader.get_by_text("0 comments")).to_be_visible()
    profile = browsers("tia", "/user/rex", context=reader.context)
    listed = profile.get_by_role("article").filter(has_text="Watch this post live")
    expect(listed.get_by_role("link", name="0 comments")).to_be_visible()

    commenter = browsers("sol", f"/post/{post['id']}")
    commenter.get_by_label("Your comment").fill("Seen *live*?")
    commenter.get_by_role("button", name="Comment", exact=True).click()
    expect(commenter.get_by_text("Your comment has been published.")).to_be_visible()

    expect(reader.locator(".comment-body")).to_have_text("Seen live?")
    expect(reader.get_by_text("1 comment", exact=True)).to_be_visible()
    expect(listed.get_by_role("link", name="1 comment", exact=True)).to_be_visible()
    # Their own comment came back as the POST's answer and as the room's push: shown once.
    expect(commenter.get_by_text("1 comment", exact=True)).to_be_visible()
    expect(commenter.locator(".comment-body")).to_have_count(1)

    # A post by the profile's author, handled by the worker that does not hold the reader's sockets.
    worker = other_worker(stack, worker_of(stack, user_ids["tia"], sockets=2))
    api("rex", worker=worker).post("/posts", body="A newer post by rex")
    banner = profile.get_by_role("button", name="Show 1 new post")
    expect(banner).to_be_visible()
    expect(profile.get_by_text("A newer post by rex")).to_have_count(0)
    banner.click()
    expect(profile.get_by_role("article").first).to_contain_text("A newer post by rex")
