"""Hashtags (SPEC §10): #word in a post links to its tag page, tag pages list the tag's posts
newest first, trending ranks tags by distinct authors over 24 h, and a followed tag brings its
posts into the feed, live."""

from datetime import timedelta

from socket_clients import connect, received

from inkwell.extensions import db
from inkwell.models import Post, utcnow


def write(client, headers, body):
    response = client.post("/api/posts", json={"body": body}, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def ids(response):
    assert response.status_code == 200, response.json
    return [item["id"] for item in response.json["items"]]


def test_a_hashtag_links_to_its_tag_page_and_lists_the_post(client, make_user, auth_headers):
    headers = auth_headers(make_user())
    post = write(client, headers, "Baking with #Sourdough today, see #café and `#notcode`")
    assert (
        '<a href="/tags/sourdough" rel="nofollow noopener noreferrer">#Sourdough</a>'
        in (post["body_html"])
    )
    assert '<a href="/tags/caf%C3%A9"' in post["body_html"]
    assert "<code>#notcode</code>" in post["body_html"]
    # Case-insensitive, with or without the #, any spelling of the same tag.
    for tag in ("sourdough", "SourDough", "%23sourdough", "café", "CAFÉ"):
        assert ids(client.get(f"/api/tags/{tag}/posts")) == [post["id"]], tag
    assert ids(client.get("/api/tags/notcode/posts")) == []


def test_what_is_not_a_tag(client, make_user, auth_headers):
    headers = auth_headers(make_user())
    long = "a" * 300
    post = write(
        client,
        headers,
        f"#{long} C#sharp #2026 #<b>bold</b> a#b https://example.org/#anchor [#linked](/x)",
    )
    assert "/tags/" not in post["body_html"]
    assert "<b>" not in post["body_html"]  # markup is escaped, never a tag
    # The longest tag that is one: 64 characters.
    ok = write(client, headers, "#" + "b" * 64)
    assert f'href="/tags/{"b" * 64}"' in ok["body_html"]
    assert ids(client.get(f"/api/tags/{'b' * 64}/posts")) == [ok["id"]]
    for bad in (long, "<b>", "2026", "a b"):
        response = client.get(f"/api/tags/{bad}/posts")
        assert response.status_code == 422, bad
        assert response.json["errors"]["tag"]


def test_editing_a_post_moves_it_between_tags(client, make_user, auth_headers):
    headers = auth_headers(make_user())
    post = write(client, headers, "#one and #two")
    edited = client.patch(
        f"/api/posts/{post['id']}", json={"body": "#two and #three"}, headers=headers
    )
    assert edited.status_code == 200
    assert ids(client.get("/api/tags/one/posts")) == []
    assert ids(client.get("/api/tags/two/posts")) == [post["id"]]
    assert ids(client.get("/api/tags/three/posts")) == [post["id"]]
    client.delete(f"/api/posts/{post['id']}", headers=headers)
    assert ids(client.get("/api/tags/two/posts")) == []


def test_tag_pages_are_newest_first_with_a_keyset_cursor(client, make_user, auth_headers):
    headers = auth_headers(make_user())
    posts = [write(client, headers, f"#flask number {n}")["id"] for n in range(5)]
    write(client, headers, "#other")
    first = client.get("/api/tags/flask/posts?per_page=2")
    assert ids(first) == posts[:2:-1][:2] == [posts[4], posts[3]]
    cursor = first.json["_meta"]["next_cursor"]
    second = client.get(f"/api/tags/flask/posts?per_page=2&before={cursor}")
    assert ids(second) == [posts[2], posts[1]]
    assert "total_items" not in second.json["_meta"]


def test_trending_counts_distinct_authors_over_the_last_day(client, app, make_user, auth_headers):
    people = [auth_headers(make_user()) for _ in range(4)]
    for headers in people[:3]:
        write(client, headers, "#python is nice")
    for _ in range(5):  # one author, many posts: less than three authors
        write(client, people[3], "#spam #spam")
    write(client, people[0], "#rust")
    write(client, people[1], "#rust")
    old = write(client, people[2], "#yesterday")
    with app.app_context():  # an old post does not trend any more
        db.session.get(Post, old["id"]).timestamp = utcnow() - timedelta(hours=25)
        db.session.commit()

    trending = client.get("/api/tags/trending").json["items"]
    assert [(t["name"], t["authors"]) for t in trending] == [
        ("python", 3),
        ("rust", 2),
        ("spam", 1),
    ]
    assert trending[2]["posts"] == 5


def test_trending_shows_at_most_ten(client, make_user, auth_headers):
    headers = auth_headers(make_user())
    write(client, headers, " ".join(f"#tag{n}" for n in range(15)))
    assert len(client.get("/api/tags/trending").json["items"]) == 10


def test_a_followed_tag_brings_its_posts_into_the_feed(client, make_user, auth_headers):
    reader, author = make_user(), make_user()
    reader_headers, author_headers = auth_headers(reader), auth_headers(author)
    before = write(client, author_headers, "#gardening before")
    unrelated = write(client, author_headers, "no tag")
    assert client.post("/api/tags/Gardening/follow", headers=reader_headers).status_code == 204
    assert client.post("/api/tags/gardening/follow", headers=reader_headers).status_code == 204
    after = write(client, author_headers, "#Gardening after")
    feed = client.get("/api/feed", headers=reader_headers)
    assert ids(feed) == [after["id"], before["id"]]
    assert unrelated["id"] not in ids(feed)
    assert feed.json["_meta"]["total_items"] == 2
    # Following the author too: each post once, and the count agrees.
    client.post(f"/api/users/{author.id}/follow", headers=reader_headers)
    feed = client.get("/api/feed", headers=reader_headers)
    assert ids(feed) == [after["id"], unrelated["id"], before["id"]]
    assert feed.json["_meta"]["total_items"] == 3

    mine = client.get("/api/me/tags", headers=reader_headers).json["items"]
    assert mine == [{"name": "gardening"}]
    assert client.delete("/api/tags/gardening/follow", headers=reader_headers).status_code == 204
    assert client.delete("/api/tags/gardening/follow", headers=reader_headers).status_code == 204
    assert client.delete("/api/tags/neverused/follow", headers=reader_headers).status_code == 204
    assert client.get("/api/me/tags", headers=reader_headers).json["items"] == []


def test_a_followed_tag_pushes_new_posts_live_once(client, app, make_user, auth_headers):
    reader, author = make_user(), make_user()
    reader_headers, author_headers = auth_headers(reader), auth_headers(author)
    client.post("/api/tags/birds/follow", headers=reader_headers)
    client.post("/api/tags/owls/follow", headers=reader_headers)
    sock = connect(app, client, reader)
    received(sock)
    post = write(client, author_headers, "#birds #owls at night")
    write(client, author_headers, "#cats")
    assert [(name, data["id"]) for name, data in received(sock)] == [("post", post["id"])]

    # Following a tag while connected moves the live socket into its room at once.
    client.post("/api/tags/cats/follow", headers=reader_headers)
    cat = write(client, author_headers, "#cats again")
    assert [(name, data["id"]) for name, data in received(sock)] == [("post", cat["id"])]
    client.delete("/api/tags/cats/follow", headers=reader_headers)
    write(client, author_headers, "#cats once more")
    assert received(sock) == []


def test_following_a_tag_needs_a_confirmed_account(client, make_user, auth_headers):
    assert client.post("/api/tags/x1/follow").status_code == 401
    unconfirmed = auth_headers(make_user(confirmed=False))
    assert client.post("/api/tags/x1/follow", headers=unconfirmed).status_code == 403
    bad = client.post(f"/api/tags/{'z' * 65}/follow", headers=auth_headers(make_user()))
    assert bad.status_code == 422
