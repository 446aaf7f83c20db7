"""Full-text search (GET /api/search): ranking, stemming, sync with writes, hostile queries,
sanitised snippets, pagination, the reindex command, and the index's schema on both backends
(run this file with INKWELL_TEST_DB=postgres too)."""

import re

import pytest
from content_factories import make_posts
from flask_migrate import upgrade
from sqlalchemy import text

from inkwell import create_app
from inkwell.config import TestingConfig
from inkwell.extensions import db
from inkwell.services.search import render_snippet

LONG_MENTION = (
    "Yesterday I wrote about many things: the weather in the valley, the new bakery on the "
    "corner, my neighbour's loud dog, a trip to the mountains with old friends, the price of "
    "train tickets, and, in passing, sourdough, before getting back to the garden, the tomato "
    "plants, the broken fence and the long list of chores that never seems to get shorter."
)


def search(client, q, type_="posts", **params):
    response = client.get("/api/search", query_string={"q": q, "type": type_, **params})
    assert response.status_code == 200, response.json
    return response.json


def hit_ids(body, kind="post"):
    return [item[kind]["id"] for item in body["items"]]


@pytest.fixture
def writer(make_user, auth_headers):
    user = make_user("writer")
    return user, auth_headers(user)


def write(client, headers, body):
    response = client.post("/api/posts", json={"body": body}, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def test_a_title_like_match_outranks_a_passing_mention(client, writer):
    _, headers = writer
    passing = write(client, headers, LONG_MENTION)
    exact = write(client, headers, "Sourdough")
    body = search(client, "sourdough")
    assert hit_ids(body) == [exact["id"], passing["id"]]
    assert body["_meta"]["total_items"] == 2
    assert body["items"][0]["type"] == "post"
    assert body["items"][0]["post"]["author"]["username"] == "writer"


def test_stemming_finds_other_forms_in_english_posts(client, writer):
    _, headers = writer
    post = write(client, headers, "She runs along the river every morning before work.")
    assert post["language"] == "en"
    write(client, headers, "Nothing about that activity here, only gardening and tomatoes.")
    for query in ("running", "run", "RUNS"):
        assert hit_ids(search(client, query)) == [post["id"]], query


def test_every_word_must_match(client, writer):
    _, headers = writer
    both = write(client, headers, "Baking bread with rye flour on a rainy Sunday afternoon.")
    write(client, headers, "Baking cakes with my grandmother on a sunny Saturday morning.")
    assert hit_ids(search(client, "baking rye")) == [both["id"]]


def test_edits_and_deletions_reach_the_index(client, writer, make_user, auth_headers):
    _, headers = writer
    post = write(client, headers, "A note about walruses on the beach this morning.")
    assert hit_ids(search(client, "walruses")) == [post["id"]]

    edited = client.patch(
        f"/api/posts/{post['id']}", json={"body": "A note about penguins instead."}, headers=headers
    )
    assert edited.status_code == 200
    assert hit_ids(search(client, "walruses")) == []
    assert hit_ids(search(client, "penguins")) == [post["id"]]

    assert client.delete(f"/api/posts/{post['id']}", headers=headers).status_code == 204
    assert search(client, "penguins")["items"] == []
    assert search(client, "penguins")["_meta"]["total_items"] == 0

    # An account deletion cascades to its posts: they leave the index too.
    leaving = make_user("leaving", name="Walrus Fan")
    leaving_headers = auth_headers(leaving)
    write(client, leaving_headers, "Walruses again, from someone about to leave.")
    assert len(search(client, "walruses")["items"]) == 1
    assert hit_ids(search(client, "walrus", "users"), "user") == [leaving.id]
    deleted = client.delete(
        "/api/me", json={"password": "correct-horse-battery"}, headers=leaving_headers
    )
    assert deleted.status_code == 204
    assert search(client, "walruses")["items"] == []
    assert search(client, "walrus", "users")["items"] == []


HOSTILE = [
    '"',
    "*",
    "-",
    ":",
    "(",
    ")",
    '"sourdough',
    "sourdough*",
    "-sourdough",
    "body:sourdough",
    "(sourdough OR",
    "NEAR(a b)",
    "a AND OR NOT",
    "'; DROP TABLE posts; --",
    "% _ \\",
    "^sourdough",
    "sourdough & | ! <->",
    "😀 ñandú",
]
FINDS_THE_POST = {'"sourdough', "sourdough*", "-sourdough", "^sourdough", "sourdough & | ! <->"}


@pytest.mark.parametrize("type_", ["posts", "users"])
def test_syntax_characters_never_cause_an_error(client, writer, type_):
    _, headers = writer
    post = write(client, headers, "Sourdough starter notes, day three.")
    for query in HOSTILE:
        body = search(client, query, type_)
        # Punctuation is not syntax: it is dropped and the words are searched.
        if type_ == "posts" and query in FINDS_THE_POST:
            assert hit_ids(body) == [post["id"]], query


@pytest.mark.parametrize("query", [{"q": ""}, {"q": "   "}, {}])
def test_an_empty_query_is_422(client, query):
    response = client.get("/api/search", query_string=query)
    assert response.status_code == 422
    assert "q" in response.json["errors"]


def test_an_unknown_type_is_422(client):
    response = client.get("/api/search", query_string={"q": "x", "type": "comments"})
    assert response.status_code == 422
    assert "type" in response.json["errors"]


def only_mark_tags(snippet):
    rest = snippet.replace("<mark>", "").replace("</mark>", "")
    return "<" not in rest and ">" not in rest


def test_snippets_are_sanitised_and_highlighted(client, writer, make_user):
    _, headers = writer
    hostile = (
        "<script>alert(1)</script> <img src=x onerror=alert(2)> <b>bold</b> "
        "a needle in the haystack <a href='javascript:alert(3)'>click</a> \x02 stray \x03"
    )
    write(client, headers, hostile)
    make_user("needler", name="<i>Needle</i>", about_me="<script>x()</script> needle work")
    for type_ in ("posts", "users"):
        (item,) = search(client, "needle", type_)["items"]
        snippet = item["snippet"]
        assert "<mark>" in snippet, snippet
        assert re.search(r"<mark>needle", snippet, re.IGNORECASE), snippet
        assert only_mark_tags(snippet), snippet
        assert "\x02" not in snippet and "\x03" not in snippet


def test_render_snippet_balances_and_escapes():
    assert render_snippet("a \x02b\x03 <i>c</i>") == "a <mark>b</mark> &lt;i&gt;c&lt;/i&gt;"
    assert only_mark_tags(render_snippet("\x02open only"))
    assert render_snippet("\x02open only").count("</mark>") == 1
    assert render_snippet(None) == ""


def test_users_match_by_prefix_and_username_ranks_first(client, make_user):
    jane = make_user("jane.doe", name="Jane Doe")
    fan = make_user("gardener", about_me="I read everything jane writes")
    make_user("bob", name="Bob")
    body = search(client, "jane", "users")
    assert hit_ids(body, "user") == [jane.id, fan.id]
    assert hit_ids(search(client, "jan", "users"), "user")[0] == jane.id
    assert hit_ids(search(client, "doe", "users"), "user") == [jane.id]
    assert body["items"][0]["type"] == "user"
    assert body["items"][0]["user"]["post_count"] == 0
    assert "email" not in body["items"][0]["user"]


def test_profile_edits_reach_the_index(client, make_user, auth_headers):
    user = make_user("renamer")
    headers = auth_headers(user)
    assert search(client, "zanzibar", "users")["items"] == []
    patched = client.patch("/api/me", json={"about_me": "Born in Zanzibar"}, headers=headers)
    assert patched.status_code == 200
    assert hit_ids(search(client, "zanzibar", "users"), "user") == [user.id]


def test_results_are_paginated_in_the_collection_format(app, client, make_user):
    author = make_user("prolific")
    make_posts(app, author, count=12, body="Pagination lighthouse number {n}")
    first = search(client, "lighthouse", per_page=5)
    assert first["_meta"] == {"page": 1, "per_page": 5, "total_pages": 3, "total_items": 12}
    assert first["_links"]["next"].startswith("/api/search?")
    assert "q=lighthouse" in first["_links"]["next"]
    assert first["_links"]["prev"] is None
    seen = hit_ids(first)
    page = 2
    while first["_links"]["next"]:
        first = search(client, "lighthouse", per_page=5, page=page)
        seen += hit_ids(first)
        page += 1
    assert len(seen) == len(set(seen)) == 12


def test_user_results_run_constant_statements(app, client, make_user, count_queries):
    def statements():
        with count_queries() as log:
            assert client.get("/api/search?q=counted&type=users").status_code == 200
        return len(log)

    make_user("counted0")
    one = statements()
    for n in range(1, 20):
        make_user(f"counted{n}")
    assert len(search(client, "counted", "users")["items"]) == 20
    assert statements() == one


def test_reindex_command_rebuilds_the_index(app, client, writer):
    _, headers = writer
    post = write(client, headers, "An octopus in the harbour.")
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            # Empty the index behind the triggers' back: only a rebuild brings the row back.
            db.session.execute(text("INSERT INTO posts_fts (posts_fts) VALUES ('delete-all')"))
            db.session.commit()
            assert search(client, "octopus")["items"] == []
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "reindexed 1 posts and 1 users" in result.output
    assert hit_ids(search(client, "octopus")) == [post["id"]]


# --- schema: migration 0004 and create_all agree, and old rows are indexed ----------------------


def search_schema(engine):
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.execute(
                text(
                    "SELECT type, name, sql FROM sqlite_master "
                    "WHERE name LIKE 'posts_fts%' OR name LIKE 'users_fts%' ORDER BY name"
                )
            ).all()
        else:
            rows = conn.execute(
                text(
                    "SELECT table_name, column_name, generation_expression "
                    "FROM information_schema.columns WHERE column_name = 'search_vector' "
                    "UNION ALL SELECT tablename, indexname, indexdef FROM pg_indexes "
                    "WHERE indexname LIKE '%search_vector' ORDER BY 1, 2"
                )
            ).all()
    return [tuple(re.sub(r"\s+", " ", str(v or "")) for v in row) for row in rows]


def fresh_app(url, tmp_path):
    return create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=url,
        PASSWORD_HASH_METHOD="scrypt:1024:8:1",
        MAIL_OUTBOX_DIR=str(tmp_path / "outbox"),
    )


@pytest.mark.filterwarnings("ignore:.*expression-based index:Warning")
def test_migration_and_create_all_build_the_same_index(new_database, tmp_path):
    migrated, created = fresh_app(new_database(), tmp_path), fresh_app(new_database(), tmp_path)
    try:
        with migrated.app_context():
            upgrade(revision="0003_realtime")
            with db.engine.begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO users (id, username, email, confirmed, name, member_since,"
                        " last_seen) VALUES (1, 'oldtimer', 'o@x.io', true, 'Old Timer',"
                        " :now, :now)"
                    ),
                    {"now": "2026-01-01 00:00:00"},
                )
                conn.execute(
                    text(
                        "INSERT INTO posts (id, body, body_html, language, timestamp, author_id)"
                        " VALUES (1, 'Written before search existed', '', 'en', :now, 1)"
                    ),
                    {"now": "2026-01-01 00:00:00"},
                )
            upgrade()
            migrated_schema = search_schema(db.engine)
        with created.app_context():
            db.create_all()
            created_schema = search_schema(db.engine)
        assert migrated_schema and migrated_schema == created_schema

        client = migrated.test_client()
        assert hit_ids(search(client, "existed")) == [1]
        assert hit_ids(search(client, "oldtimer", "users"), "user") == [1]
    finally:
        for app in (migrated, created):
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
