"""Posts: writing, editing, deleting, rendering, explore/feed/user lists and pagination."""

from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from content_factories import make_comments, make_follow, make_posts, row_counts

ENGLISH = "The quick brown fox jumps over the lazy dog while the cat sleeps in the sun."
SPANISH = "El rápido zorro marrón salta sobre el perro perezoso mientras el gato duerme al sol."


def iso(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@pytest.fixture
def author(make_user):
    return make_user("author")


# --- create / read ------------------------------------------------------------------------


def test_create_post_returns_201_location_and_rendered_html(client, author, auth_headers):
    response = client.post(
        "/api/posts", json={"body": "  Hello **world**  "}, headers=auth_headers(author)
    )
    assert response.status_code == 201
    post = response.json
    assert response.headers["Location"].endswith(f"/api/posts/{post['id']}")
    assert post["body"] == "Hello **world**"  # trimmed
    assert post["body_html"] == "<p>Hello <strong>world</strong></p>"
    assert post["author"]["username"] == "author"
    assert post["edited_at"] is None
    assert post["comment_count"] == 0
    assert post["timestamp"].endswith("Z")
    assert (post["like_count"], post["liked"], post["bookmarked"]) == (0, False, False)
    assert post["content_warning"] is None

    fetched = client.get(f"/api/posts/{post['id']}", headers=auth_headers(author))
    assert fetched.status_code == 200
    assert fetched.json == post
    # Signed out, the same post, with no opinion on the reader's likes and bookmarks.
    anonymous = client.get(f"/api/posts/{post['id']}").json
    assert anonymous == {**post, "liked": None, "bookmarked": None}


def test_unconfirmed_user_cannot_post(client, make_user, auth_headers, app):
    headers = auth_headers(make_user(confirmed=False))
    before = row_counts(app)
    response = client.post("/api/posts", json={"body": "hi"}, headers=headers)
    assert response.status_code == 403
    assert response.json["message"] == "Unconfirmed account."
    assert row_counts(app) == before


def test_anonymous_cannot_post(client):
    response = client.post("/api/posts", json={"body": "hi"})
    assert response.status_code == 401
    assert response.json["error"] == "Unauthorized"


def test_missing_post_is_json_404(client):
    response = client.get("/api/posts/999999")
    assert response.status_code == 404
    assert response.json == {"error": "Not Found", "message": "Post not found."}


@pytest.mark.parametrize(
    ("body", "language"),
    [(ENGLISH, "en"), (SPANISH, "es"), ("ok :)", "")],
)
def test_language_is_detected(client, author, auth_headers, body, language):
    response = client.post("/api/posts", json={"body": body}, headers=auth_headers(author))
    assert response.json["language"] == language


# --- rendering ----------------------------------------------------------------------------


def test_markdown_renders_allowed_block_tags(client, author, auth_headers):
    source = (
        "# One\n\n## Two\n\n### Three\n\n#### Four\n\n> quoted\n\n"
        "```\ncode()\n```\n\n- item\n\n1. first\n\n*em* and `tick`"
    )
    html = client.post("/api/posts", json={"body": source}, headers=auth_headers(author)).json[
        "body_html"
    ]
    for tag in ("<h1>One</h1>", "<h2>Two</h2>", "<h3>Three</h3>", "<blockquote>", "<pre><code>"):
        assert tag in html
    assert "<ul>\n<li>item</li>" in html
    assert "<ol>\n<li>first</li>" in html
    assert "<em>em</em>" in html and "<code>tick</code>" in html
    # h4 is not on the allowed list: its text stays, the tag goes.
    assert "<h4>" not in html and "Four" in html


def test_bare_urls_are_linkified_with_rel(client, author, auth_headers):
    html = client.post(
        "/api/posts",
        json={"body": "see https://example.com/a?b=1 and www.example.org"},
        headers=auth_headers(author),
    ).json["body_html"]
    assert (
        '<a href="https://example.com/a?b=1" rel="nofollow noopener noreferrer">'
        "https://example.com/a?b=1</a>"
    ) in html
    assert '<a href="http://www.example.org" rel="nofollow noopener noreferrer">' in html


def test_markdown_links_get_rel(client, author, auth_headers):
    html = client.post(
        "/api/posts", json={"body": "[site](https://example.com)"}, headers=auth_headers(author)
    ).json["body_html"]
    assert html == (
        '<p><a href="https://example.com" rel="nofollow noopener noreferrer">site</a></p>'
    )


def test_foreign_images_are_never_loaded_but_linked(client, author, auth_headers):
    html = client.post(
        "/api/posts",
        json={"body": "before ![tracker](https://evil.example/pixel.png) after"},
        headers=auth_headers(author),
    ).json["body_html"]
    assert "<img" not in html  # no request to a third party; the reader may follow the link
    assert html == (
        '<p>before <a href="https://evil.example/pixel.png" '
        'rel="nofollow noopener noreferrer">tracker</a> after</p>'
    )


def test_markdown_preview_equals_stored_post(client, author, auth_headers):
    headers = auth_headers(author)
    source = "# Title\n\nSome *text* https://example.com <b>raw</b> ![i](http://x/y.png)"
    stored = client.post("/api/posts", json={"body": source}, headers=headers).json
    preview = client.post("/api/markdown", json={"body": source, "kind": "post"}, headers=headers)
    assert preview.status_code == 200
    assert preview.json == {"html": stored["body_html"]}
    # kind defaults to post
    assert client.post("/api/markdown", json={"body": source}, headers=headers).json == {
        "html": stored["body_html"]
    }


def test_markdown_preview_for_comment_equals_stored_comment(client, author, auth_headers, app):
    headers = auth_headers(author)
    (post_id,) = make_posts(app, author)
    source = "# not a heading **bold** https://example.com"
    stored = client.post(
        f"/api/posts/{post_id}/comments", json={"body": source}, headers=headers
    ).json
    preview = client.post(
        "/api/markdown", json={"body": source, "kind": "comment"}, headers=headers
    )
    assert preview.json == {"html": stored["body_html"]}
    assert "<h1>" not in stored["body_html"]


def test_markdown_preview_needs_a_user(client):
    assert client.post("/api/markdown", json={"body": "x"}).status_code == 401


# --- edit / delete ------------------------------------------------------------------------


def test_author_edits_post_and_edited_at_is_set(client, author, auth_headers):
    headers = auth_headers(author)
    post = client.post("/api/posts", json={"body": "first"}, headers=headers).json
    response = client.patch(
        f"/api/posts/{post['id']}", json={"body": f"*second* {ENGLISH}"}, headers=headers
    )
    assert response.status_code == 200
    edited = response.json
    assert edited["body"].startswith("*second*")
    assert edited["body_html"].startswith("<p><em>second</em>")
    assert edited["language"] == "en"
    assert edited["edited_at"] is not None
    assert iso(edited["edited_at"]) >= iso(post["timestamp"])
    assert edited["timestamp"] == post["timestamp"]
    assert client.get(f"/api/posts/{post['id']}").json == edited


def test_admin_edits_and_deletes_any_post(client, author, make_user, auth_headers, app):
    admin = make_user(role="Administrator")
    (post_id,) = make_posts(app, author)
    headers = auth_headers(admin)
    response = client.patch(f"/api/posts/{post_id}", json={"body": "fixed"}, headers=headers)
    assert response.status_code == 200
    assert response.json["body"] == "fixed"
    assert response.json["author"]["username"] == "author"
    assert client.delete(f"/api/posts/{post_id}", headers=headers).status_code == 204
    assert client.get(f"/api/posts/{post_id}").status_code == 404


@pytest.mark.parametrize("role", ["User", "Moderator"])
def test_others_cannot_edit_or_delete(client, author, make_user, auth_headers, app, role):
    other = make_user(role=role)
    (post_id,) = make_posts(app, author, body="original")
    headers = auth_headers(other)
    response = client.patch(f"/api/posts/{post_id}", json={"body": "hacked"}, headers=headers)
    assert response.status_code == 403
    assert response.json["error"] == "Forbidden"
    assert client.delete(f"/api/posts/{post_id}", headers=headers).status_code == 403
    post = client.get(f"/api/posts/{post_id}").json
    assert post["body"] == "original" and post["edited_at"] is None


def test_author_deletes_post_and_its_comments(client, author, make_user, auth_headers, app):
    (post_id,) = make_posts(app, author)
    comment_ids = make_comments(app, make_user(), post_id, count=2)
    assert client.delete(f"/api/posts/{post_id}", headers=auth_headers(author)).status_code == 204
    assert client.get(f"/api/posts/{post_id}").status_code == 404
    for comment_id in comment_ids:
        assert client.get(f"/api/comments/{comment_id}").status_code == 404
    assert row_counts(app)["comments"] == 0


def test_delete_missing_post_is_404(client, author, auth_headers):
    assert client.delete("/api/posts/424242", headers=auth_headers(author)).status_code == 404


# --- explore / feed / user posts ----------------------------------------------------------


def test_explore_is_every_post_newest_first(client, make_user, app):
    a, b = make_user(), make_user()
    first = make_posts(app, a, 2)
    second = make_posts(app, b, 2)
    items = client.get("/api/posts").json["items"]
    assert [p["id"] for p in items] == sorted(first + second, reverse=True)


def test_feed_is_own_and_followed_newest_first(client, make_user, auth_headers, app):
    me, followed, stranger = make_user(), make_user(), make_user()
    make_follow(app, me, followed)
    make_follow(app, stranger, me)  # being followed adds nothing to my feed
    mine = make_posts(app, me, 2)
    theirs = make_posts(app, followed, 2)
    make_posts(app, stranger, 2)
    response = client.get("/api/feed", headers=auth_headers(me))
    assert response.status_code == 200
    assert [p["id"] for p in response.json["items"]] == sorted(mine + theirs, reverse=True)
    assert response.json["_meta"]["total_items"] == 4


def test_feed_needs_a_user(client):
    assert client.get("/api/feed").status_code == 401


def test_user_posts_only_theirs_newest_first(client, make_user, app):
    a, b = make_user("Alpha"), make_user()
    mine = make_posts(app, a, 3)
    make_posts(app, b, 2)
    for ref in (str(a.id), "alpha", "ALPHA"):
        items = client.get(f"/api/users/{ref}/posts").json["items"]
        assert [p["id"] for p in items] == sorted(mine, reverse=True)
    assert client.get("/api/users/nobody/posts").status_code == 404


# --- pagination -----------------------------------------------------------------------------


def test_page_pagination_meta_and_links(client, author, app):
    ids = sorted(make_posts(app, author, 30), reverse=True)
    first = client.get("/api/posts").json
    assert first["_meta"]["page"] == 1
    assert first["_meta"]["per_page"] == 25
    assert first["_meta"]["total_pages"] == 2
    assert first["_meta"]["total_items"] == 30
    assert [p["id"] for p in first["items"]] == ids[:25]
    assert first["_links"]["prev"] is None
    assert urlsplit(first["_links"]["self"]).path == "/api/posts"
    next_link = first["_links"]["next"]
    assert parse_qs(urlsplit(next_link).query)["page"] == ["2"]

    second = client.get(next_link).json
    assert [p["id"] for p in second["items"]] == ids[25:]
    assert second["_meta"]["page"] == 2
    assert second["_links"]["next"] is None
    assert parse_qs(urlsplit(second["_links"]["prev"]).query)["page"] == ["1"]


def test_per_page_is_honoured_and_kept_in_links(client, author, app):
    make_posts(app, author, 7)
    body = client.get("/api/posts?per_page=3&page=2").json
    assert len(body["items"]) == 3
    meta = body["_meta"]
    assert {k: meta[k] for k in ("page", "per_page", "total_pages", "total_items")} == {
        "page": 2,
        "per_page": 3,
        "total_pages": 3,
        "total_items": 7,
    }
    for link in ("self", "next", "prev"):
        assert parse_qs(urlsplit(body["_links"][link]).query)["per_page"] == ["3"]


def test_per_page_limits(client, author, app):
    make_posts(app, author, 1)
    assert client.get("/api/posts?per_page=100").json["_meta"]["per_page"] == 100
    for bad in ("101", "0", "-1", "abc"):
        response = client.get(f"/api/posts?per_page={bad}")
        assert response.status_code == 422, bad
        assert "per_page" in response.json["errors"]
    assert client.get("/api/posts?page=0").status_code == 422


def test_page_past_the_end_is_empty(client, author, app):
    make_posts(app, author, 2)
    body = client.get("/api/posts?page=5").json
    assert body["items"] == []
    assert body["_meta"]["total_items"] == 2
    assert body["_links"]["next"] is None


def test_empty_collection(client):
    body = client.get("/api/posts").json
    assert body["items"] == []
    assert body["_meta"]["total_items"] == 0
    assert body["_meta"]["total_pages"] == 1


def test_keyset_cursor_meta_and_links(client, author, app):
    ids = sorted(make_posts(app, author, 5), reverse=True)
    body = client.get(f"/api/posts?before={ids[0] + 1}&per_page=2").json
    assert [p["id"] for p in body["items"]] == ids[:2]
    assert body["_meta"] == {"per_page": 2, "next_cursor": ids[1]}
    query = parse_qs(urlsplit(body["_links"]["next"]).query)
    assert query["before"] == [str(ids[1])]
    assert "page" not in query
    assert query["per_page"] == ["2"]


def test_keyset_last_page_has_no_next(client, author, app):
    ids = sorted(make_posts(app, author, 2), reverse=True)
    body = client.get(f"/api/posts?before={ids[0]}").json
    assert [p["id"] for p in body["items"]] == ids[1:]
    assert body["_meta"]["next_cursor"] is None
    assert body["_links"]["next"] is None


@pytest.mark.parametrize("url", ["/api/posts", "/api/feed", "/api/users/author/posts"])
def test_walking_cursor_pages_yields_every_post_once(client, author, auth_headers, app, url):
    ids = make_posts(app, author, 23)
    headers = auth_headers(author)
    first = client.get(f"{url}?per_page=5", headers=headers).json
    seen = [p["id"] for p in first["items"]]
    cursor = first["_meta"]["next_cursor"]
    assert cursor == seen[-1]
    next_link = f"{url}?before={cursor}&per_page=5"
    pages = 1
    while next_link:
        body = client.get(next_link, headers=headers).json
        seen += [p["id"] for p in body["items"]]
        next_link = body["_links"]["next"]
        pages += 1
        assert pages < 10
    assert seen == sorted(ids, reverse=True)
    assert pages == 5


def test_cursor_ignores_posts_written_meanwhile(client, author, app):
    ids = sorted(make_posts(app, author, 4), reverse=True)
    first = client.get("/api/posts?per_page=2").json
    make_posts(app, author, 3)  # new posts would shift offset pages, not cursor pages
    body = client.get(f"/api/posts?before={first['_meta']['next_cursor']}&per_page=2").json
    assert [p["id"] for p in body["items"]] == ids[2:]


def test_bad_cursor_is_422(client):
    for bad in ("0", "-3", "x"):
        assert client.get(f"/api/posts?before={bad}").status_code == 422
