"""Comments: writing, ordering, counts, single reads, moderation and hidden bodies."""

import pytest
from content_factories import make_comments, make_posts, row_counts

HIDDEN = {"body": None, "body_html": None}


@pytest.fixture
def post_id(app, make_user):
    (post_id,) = make_posts(app, make_user("writer"))
    return post_id


def test_comment_created_with_location_and_restricted_html(
    client, post_id, make_user, auth_headers
):
    user = make_user("reader")
    response = client.post(
        f"/api/posts/{post_id}/comments",
        json={"body": "# Nice **post** https://example.com\n\n- not a list"},
        headers=auth_headers(user),
    )
    assert response.status_code == 201
    comment = response.json
    assert response.headers["Location"].endswith(f"/api/comments/{comment['id']}")
    assert comment["post_id"] == post_id
    assert comment["author"]["username"] == "reader"
    assert comment["disabled"] is False
    html = comment["body_html"]
    assert "<strong>post</strong>" in html
    assert '<a href="https://example.com" rel="nofollow noopener noreferrer">' in html
    for tag in ("<h1", "<p", "<ul", "<li"):
        assert tag not in html
    assert client.get(f"/api/comments/{comment['id']}").json == comment


def test_comment_on_missing_post_is_404(client, make_user, auth_headers, app):
    headers = auth_headers(make_user())
    before = row_counts(app)
    response = client.post("/api/posts/9999/comments", json={"body": "hi"}, headers=headers)
    assert response.status_code == 404
    assert row_counts(app) == before


def test_unconfirmed_and_anonymous_cannot_comment(client, post_id, make_user, auth_headers):
    headers = auth_headers(make_user(confirmed=False))
    response = client.post(f"/api/posts/{post_id}/comments", json={"body": "x"}, headers=headers)
    assert response.status_code == 403
    assert response.json["message"] == "Unconfirmed account."
    assert client.post(f"/api/posts/{post_id}/comments", json={"body": "x"}).status_code == 401


def test_comments_are_oldest_first_and_paginated(client, post_id, make_user, app):
    ids = make_comments(app, make_user(), post_id, count=30)
    make_comments(app, make_user(), make_posts(app, make_user())[0], count=2)  # elsewhere
    first = client.get(f"/api/posts/{post_id}/comments").json
    assert [c["id"] for c in first["items"]] == ids[:25]
    assert first["_meta"]["total_items"] == 30
    second = client.get(first["_links"]["next"]).json
    assert [c["id"] for c in second["items"]] == ids[25:]
    assert client.get("/api/posts/9999/comments").status_code == 404


def test_counts_on_posts_and_profiles(client, post_id, make_user, app):
    commenter = make_user("Chatty")
    make_comments(app, commenter, post_id, count=3)
    (other_post,) = make_posts(app, commenter)
    make_comments(app, commenter, other_post, count=1)
    assert client.get(f"/api/posts/{post_id}").json["comment_count"] == 3
    by_id = {p["id"]: p for p in client.get("/api/posts").json["items"]}
    assert by_id[post_id]["comment_count"] == 3
    assert by_id[other_post]["comment_count"] == 1
    assert client.get("/api/users/chatty").json["comment_count"] == 4
    assert client.get("/api/users/writer").json["comment_count"] == 0


def test_single_comment_and_404(client, post_id, make_user, app):
    (comment_id,) = make_comments(app, make_user(), post_id, body="just *one*")
    comment = client.get(f"/api/comments/{comment_id}").json
    assert comment["body"] == "just *one*"
    assert comment["body_html"] == "just <em>one</em>"
    missing = client.get("/api/comments/987654")
    assert missing.status_code == 404
    assert missing.json["error"] == "Not Found"


def test_moderation_list_newest_first_for_moderators_only(
    client, post_id, make_user, auth_headers, app
):
    ids = make_comments(app, make_user(), post_id, count=3)
    for role in ("Moderator", "Administrator"):
        response = client.get("/api/comments", headers=auth_headers(make_user(role=role)))
        assert response.status_code == 200
        assert [c["id"] for c in response.json["items"]] == ids[::-1]
    assert client.get("/api/comments").status_code == 401
    assert client.get("/api/comments", headers=auth_headers(make_user())).status_code == 403


def test_moderator_disables_and_enables(client, post_id, make_user, auth_headers, app):
    author = make_user("commenter")
    (comment_id,) = make_comments(app, author, post_id, body="rude words")
    moderator = auth_headers(make_user(role="Moderator"))
    response = client.patch(
        f"/api/comments/{comment_id}", json={"disabled": True}, headers=moderator
    )
    assert response.status_code == 200
    assert response.json["disabled"] is True
    assert response.json["body"] == "rude words"  # the moderator still sees it

    response = client.patch(
        f"/api/comments/{comment_id}", json={"disabled": False}, headers=moderator
    )
    assert response.json["disabled"] is False
    assert client.get(f"/api/comments/{comment_id}").json["body"] == "rude words"


def test_users_cannot_moderate(client, post_id, make_user, auth_headers, app):
    author = make_user()
    (comment_id,) = make_comments(app, author, post_id)
    for user in (author, make_user()):
        response = client.patch(
            f"/api/comments/{comment_id}", json={"disabled": True}, headers=auth_headers(user)
        )
        assert response.status_code == 403
    assert client.patch(f"/api/comments/{comment_id}", json={"disabled": True}).status_code == 401
    assert client.get(f"/api/comments/{comment_id}").json["disabled"] is False


def test_disabled_body_hidden_from_everyone_but_moderators(
    client, post_id, make_user, auth_headers, app
):
    author = make_user("author")
    (comment_id,) = make_comments(app, author, post_id, body="spam", disabled=True)
    viewers = {
        "anonymous": {},
        "author": auth_headers(author),
        "user": auth_headers(make_user()),
        "unconfirmed": auth_headers(make_user(confirmed=False)),
    }
    for name, headers in viewers.items():
        single = client.get(f"/api/comments/{comment_id}", headers=headers).json
        assert {k: single[k] for k in HIDDEN} == HIDDEN, name
        assert single["disabled"] is True
        listed = client.get(f"/api/posts/{post_id}/comments", headers=headers).json["items"]
        assert {k: listed[0][k] for k in HIDDEN} == HIDDEN, name
    for role in ("Moderator", "Administrator"):
        headers = auth_headers(make_user(role=role))
        assert client.get(f"/api/comments/{comment_id}", headers=headers).json["body"] == "spam"
        listed = client.get(f"/api/posts/{post_id}/comments", headers=headers).json["items"]
        assert listed[0]["body_html"] == "spam"
        moderated = client.get("/api/comments", headers=headers).json["items"]
        assert moderated[0]["body"] == "spam"


def test_moderation_patch_validates(client, post_id, make_user, auth_headers, app):
    (comment_id,) = make_comments(app, make_user(), post_id)
    headers = auth_headers(make_user(role="Moderator"))
    assert (
        client.patch("/api/comments/424242", json={"disabled": True}, headers=headers).status_code
        == 404
    )
    for bad in ({}, {"disabled": "yes"}, {"disabled": 1}, {"disabled": None}):
        response = client.patch(f"/api/comments/{comment_id}", json=bad, headers=headers)
        assert response.status_code == 422, bad
        assert "disabled" in response.json["errors"]
