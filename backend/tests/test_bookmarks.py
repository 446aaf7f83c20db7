"""Bookmarks (SPEC §10): idempotent bookmark and removal, the viewer's `bookmarked` on posts,
the private list (only ever the caller's, newest bookmark first, keyset cursor), and what goes
with a post."""

from content_factories import make_posts, row_counts
from socket_clients import connect, received


def bookmark(client, headers, post_id):
    response = client.post(f"/api/posts/{post_id}/bookmark", headers=headers)
    assert response.status_code == 204, response.get_data(as_text=True)
    assert response.data == b""


def unbookmark(client, headers, post_id):
    response = client.delete(f"/api/posts/{post_id}/bookmark", headers=headers)
    assert response.status_code == 204, response.get_data(as_text=True)


def bookmarks(client, headers, **query):
    response = client.get("/api/bookmarks", headers=headers, query_string=query)
    assert response.status_code == 200, response.json
    return response.json


def ids(body):
    return [post["id"] for post in body["items"]]


def test_bookmarking_twice_keeps_one_and_removing_is_idempotent(
    client, app, make_user, auth_headers
):
    (post_id,) = make_posts(app, make_user())
    headers = auth_headers(make_user())
    bookmark(client, headers, post_id)
    bookmark(client, headers, post_id)
    assert ids(bookmarks(client, headers)) == [post_id]
    assert row_counts(app)["bookmarks"] == 1

    unbookmark(client, headers, post_id)
    unbookmark(client, headers, post_id)
    assert bookmarks(client, headers)["items"] == []
    assert row_counts(app)["bookmarks"] == 0


def test_bookmarked_is_yours_alone(client, app, make_user, auth_headers):
    author, ana, ben = make_user("author"), make_user("ana"), make_user("ben")
    kept_id, other_id = make_posts(app, author, count=2)
    ana_h, ben_h = auth_headers(ana), auth_headers(ben)
    bookmark(client, ana_h, kept_id)

    def flags(headers):
        items = client.get("/api/posts", headers=headers).json["items"]
        single = client.get(f"/api/posts/{kept_id}", headers=headers).json["bookmarked"]
        return {p["id"]: p["bookmarked"] for p in items}, single

    assert flags(ana_h) == ({kept_id: True, other_id: False}, True)
    assert flags(ben_h) == ({kept_id: False, other_id: False}, False)
    assert flags({}) == ({kept_id: None, other_id: None}, None)
    # Bookmarks are counted nowhere: a post says nothing of who keeps it.
    assert "bookmark_count" not in client.get(f"/api/posts/{kept_id}").json


def test_the_list_is_only_ever_the_callers(client, app, make_user, auth_headers):
    author, ana, ben = make_user(), make_user("ana"), make_user("ben")
    first, second, third = make_posts(app, author, count=3)
    ana_h, ben_h = auth_headers(ana), auth_headers(ben)
    bookmark(client, ana_h, first)
    bookmark(client, ana_h, second)
    bookmark(client, ben_h, third)

    assert sorted(ids(bookmarks(client, ana_h))) == [first, second]
    assert ids(bookmarks(client, ben_h)) == [third]
    # No way to name someone else's list: the path has no user, a query has no say.
    assert ids(bookmarks(client, ben_h, user="ana", user_id=ana.id)) == [third]
    anonymous = client.get("/api/bookmarks")
    assert anonymous.status_code == 401 and anonymous.is_json
    # And nobody is told: no event, no push.
    assert row_counts(app)["notifications"] == 0


def test_newest_bookmark_first_whatever_the_posts_age(client, app, make_user, auth_headers):
    author, reader = make_user(), make_user()
    old, middle, new = make_posts(app, author, count=3)
    headers = auth_headers(reader)
    for post_id in (middle, old, new):
        bookmark(client, headers, post_id)
    body = bookmarks(client, headers)
    assert ids(body) == [new, old, middle]
    assert body["_meta"]["total_items"] == 3
    post = body["items"][0]
    assert post["bookmarked"] is True and post["liked"] is False
    assert post["author"]["id"] == author.id and "comment_count" in post


def test_the_keyset_cursor_walks_the_bookmarks(client, app, make_user, auth_headers):
    author, reader = make_user(), make_user()
    post_ids = make_posts(app, author, count=5)
    headers = auth_headers(reader)
    for post_id in reversed(post_ids):  # bookmarked oldest post last: order is the bookmark's
        bookmark(client, headers, post_id)

    seen, query = [], {"per_page": 2}
    while True:
        page = bookmarks(client, headers, **query)
        seen += ids(page)
        cursor = page["_meta"]["next_cursor"]
        if "before" in query:
            assert set(page["_meta"]) == {"per_page", "next_cursor"}  # a cursor page: no COUNT
            if cursor is not None:
                assert f"before={cursor}" in page["_links"]["next"]
        if cursor is None:
            assert page["_links"]["next"] is None
            break
        query = {"per_page": 2, "before": cursor}
    assert seen == post_ids  # newest bookmark first, each once


def test_unconfirmed_accounts_may_bookmark(client, app, make_user, auth_headers):
    (post_id,) = make_posts(app, make_user())
    headers = auth_headers(make_user(confirmed=False))
    bookmark(client, headers, post_id)
    assert ids(bookmarks(client, headers)) == [post_id]
    refused = client.post(f"/api/posts/{post_id}/like", headers=headers)
    assert refused.status_code == 403 and refused.json["message"] == "Unconfirmed account."


def test_a_missing_post_cannot_be_bookmarked(client, make_user, auth_headers):
    headers = auth_headers(make_user())
    for method in ("post", "delete"):
        response = getattr(client, method)("/api/posts/999/bookmark", headers=headers)
        assert response.status_code == 404
        assert response.json["message"] == "Post not found."


def test_bookmarks_go_with_the_post(client, app, make_user, auth_headers):
    author = make_user()
    kept_id, deleted_id = make_posts(app, author, count=2)
    headers = auth_headers(make_user())
    bookmark(client, headers, kept_id)
    bookmark(client, headers, deleted_id)
    response = client.delete(f"/api/posts/{deleted_id}", headers=auth_headers(author))
    assert response.status_code == 204
    assert ids(bookmarks(client, headers)) == [kept_id]
    assert row_counts(app)["bookmarks"] == 1


def test_a_bookmark_is_not_pushed_to_the_posts_readers(client, app, make_user, auth_headers):
    (post_id,) = make_posts(app, make_user())
    reader = connect(app, client, make_user())
    reader.emit("watch_post", {"ids": [post_id]}, callback=True)
    received(reader)
    bookmark(client, auth_headers(make_user()), post_id)
    assert received(reader) == []
