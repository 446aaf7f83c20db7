"""Journey 3: A follows B; B posts; A sees "1 new post" live; A comments; B is told live."""

from playwright.sync_api import expect

from devstack.testing import worker_of


def test_follow_live_post_banner_and_live_comment_notification(browsers, stack, user_ids):
    a = browsers("ben", "/user/cleo")
    b = browsers("cleo", "/")
    # Live means B's socket is up: an event before it connects is caught up (badge), not toasted.
    worker_of(stack, user_ids["cleo"])
    a.get_by_role("button", name="Follow").click()
    expect(a.get_by_role("button", name="Unfollow")).to_be_visible()
    # B hears about the new follower at once.
    expect(b.get_by_role("status").get_by_text("ben is now following you.")).to_be_visible()

    a.get_by_role("link", name="Home", exact=True).click()
    a.get_by_role("button", name="Following").click()
    expect(a.get_by_role("heading", name="Hi, ben!")).to_be_visible()

    b.get_by_label("Say something").fill("A *fresh* post for my followers")
    b.get_by_role("button", name="Post", exact=True).click()
    expect(b.get_by_text("Your post is now live!")).to_be_visible()

    banner = a.get_by_role("button", name="Show 1 new post")
    expect(banner).to_be_visible()
    banner.click()
    post = a.get_by_role("article").filter(has_text="A fresh post for my followers")
    expect(post).to_be_visible()

    post.get_by_role("link", name="0 comments").click()
    a.get_by_label("Your comment").fill("Lovely **post**!")
    a.get_by_role("button", name="Comment", exact=True).click()
    expect(a.locator(".comment-body strong")).to_have_text("post")

    toast = b.get_by_role("status").get_by_role("link", name="ben commented on your post.")
    expect(toast).to_be_visible()
    expect(b.get_by_role("link", name="Notifications")).to_contain_text("new notification")
    toast.click()
    expect(b.locator(".comment-body")).to_have_text("Lovely post!")
