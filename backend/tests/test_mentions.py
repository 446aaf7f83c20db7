"""Mentions (SPEC §10): @username in a post or a comment links to that profile and tells that
account with a `mention` event (stored, then pushed); at most 10 are told per post."""

from socket_clients import connect, notifications

from devstack.testing import bearer, login


def events(client, user, name="mention"):
    headers = bearer(login(client, user.username))
    items = client.get("/api/notifications", headers=headers).json["items"]
    return [n["data"] for n in items if n["name"] == name]


def test_a_mention_links_the_profile_and_tells_the_account_live(
    client, app, make_user, auth_headers
):
    author, named = make_user("Writer"), make_user("Ann_B")
    sock = connect(app, client, named)
    notifications(sock)
    body = "Thanks @ann_b! Not @nobody, not ann_b@example.org, not `@ann_b`, and @Writer."
    post = client.post("/api/posts", json={"body": body}, headers=auth_headers(author))
    assert post.status_code == 201
    html = post.json["body_html"]
    assert '<a href="/user/Ann_B" rel="nofollow noopener noreferrer">@Ann_B</a>' in html
    assert "@nobody" in html and 'href="/user/nobody"' not in html
    assert 'href="mailto:ann_b@example.org"' in html
    assert "<code>@ann_b</code>" in html

    (pushed,) = [n for n in notifications(sock) if n["name"] == "mention"]
    (stored,) = events(client, named)
    assert pushed["data"] == stored
    assert stored["post_id"] == post.json["id"] and stored["comment_id"] is None
    assert stored["user"]["username"] == "Writer"
    assert stored["excerpt"].startswith("Thanks @ann_b! Not @nobody")
    assert events(client, author) == []  # naming yourself tells nobody


def test_editing_tells_only_the_newly_named(client, make_user, auth_headers):
    author, ann, ben = make_user(), make_user("ann"), make_user("ben")
    headers = auth_headers(author)
    post = client.post("/api/posts", json={"body": "hi @ann"}, headers=headers).json
    client.patch(f"/api/posts/{post['id']}", json={"body": "hi @ann and @ben"}, headers=headers)
    client.patch(f"/api/posts/{post['id']}", json={"body": "hi @ann and @ben!"}, headers=headers)
    assert len(events(client, ann)) == 1
    assert len(events(client, ben)) == 1


def test_a_mention_in_a_comment(client, make_user, auth_headers):
    author, commenter, ann = make_user(), make_user(), make_user("ann")
    post = client.post("/api/posts", json={"body": "a post"}, headers=auth_headers(author)).json
    comment = client.post(
        f"/api/posts/{post['id']}/comments",
        json={"body": f"@ann look, and @{author.username} #notatag"},
        headers=auth_headers(commenter),
    )
    assert comment.status_code == 201
    assert 'href="/user/ann"' in comment.json["body_html"]
    assert "/tags/" not in comment.json["body_html"]  # a comment's #words are no tags
    (event,) = events(client, ann)
    assert event["comment_id"] == comment.json["id"] and event["post_id"] == post["id"]
    # The post's author hears of the comment once, as a comment, not also as a mention.
    assert events(client, author) == []
    assert len(events(client, author, "new_comment")) == 1


def test_fifty_mentions_tell_the_first_ten(client, make_user, auth_headers):
    named = [make_user(f"person{n:02d}") for n in range(50)]
    body = " ".join(f"@{user.username}" for user in named)
    post = client.post("/api/posts", json={"body": body}, headers=auth_headers(make_user()))
    assert post.status_code == 201
    assert post.json["body_html"].count('href="/user/') == 50  # every name is still linked
    told = [user.username for user in named if events(client, user)]
    assert told == [user.username for user in named[:10]]
