"""Issue [4/8], defect 8: a new_comment notification carries what was said and where, as
short plain text, stored with the event (so listing them costs no query per row)."""

from devstack.testing import bearer, login


def test_a_comment_notification_carries_plain_text_excerpts(client, make_user):
    author, reader = make_user(), make_user()
    author_headers = bearer(login(client, author.username))
    post = client.post(
        "/api/posts",
        json={"body": "# Sourdough **starter**, day three\n\nIt smells of [apples](http://x.org)."},
        headers=author_headers,
    ).json
    comment = "Mine too! *Really* strong after `two` days. " + "More words. " * 30
    response = client.post(
        f"/api/posts/{post['id']}/comments",
        json={"body": comment},
        headers=bearer(login(client, reader.username)),
    )
    assert response.status_code == 201

    (event,) = [
        n
        for n in client.get("/api/notifications", headers=author_headers).json["items"]
        if n["name"] == "new_comment"
    ]
    data = event["data"]
    assert data["post_excerpt"] == "Sourdough starter, day three It smells of apples."
    assert data["comment_excerpt"].startswith("Mine too! Really strong after two days. More")
    assert data["comment_excerpt"].endswith("…")
    assert len(data["comment_excerpt"]) <= 140
    assert data["user"]["username"] == reader.username


def test_no_notification_for_commenting_on_your_own_post(client, make_user):
    author = make_user()
    headers = bearer(login(client, author.username))
    post = client.post("/api/posts", json={"body": "mine"}, headers=headers).json
    client.post(f"/api/posts/{post['id']}/comments", json={"body": "me"}, headers=headers)
    names = [n["name"] for n in client.get("/api/notifications", headers=headers).json["items"]]
    assert "new_comment" not in names
