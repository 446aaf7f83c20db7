"""Content warnings (SPEC §10): optional, at most 200 characters, trimmed, empty means none;
set on a new post, changed or cleared by editing it, shown with the post everywhere and kept in
the account export."""

import json

import pytest
from content_factories import make_posts


def write(client, headers, **fields):
    return client.post(
        "/api/posts", json={"body": "The ending, in detail", **fields}, headers=headers
    )


def test_a_post_carries_its_warning_everywhere(client, make_user, auth_headers):
    headers = auth_headers(make_user("writer"))
    created = write(client, headers, content_warning="  Spoilers: the film's ending  ")
    assert created.status_code == 201, created.json
    post = created.json
    assert post["content_warning"] == "Spoilers: the film's ending"
    assert post["body"] == "The ending, in detail"  # the body is still the body

    assert client.get(f"/api/posts/{post['id']}").json["content_warning"] == post["content_warning"]
    for url in ("/api/posts", "/api/users/writer/posts", "/api/feed"):
        (listed,) = client.get(url, headers=headers).json["items"]
        assert listed["content_warning"] == "Spoilers: the film's ending", url


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("x" * 200, "x" * 200),
        ("", None),
        ("   ", None),
        (None, None),
    ],
    ids=["200 characters", "empty", "blank", "null"],
)
def test_accepted_warnings(client, make_user, auth_headers, sent, stored):
    response = write(client, auth_headers(make_user()), content_warning=sent)
    assert response.status_code == 201, response.json
    assert response.json["content_warning"] == stored


def test_no_warning_unless_asked(client, make_user, auth_headers):
    response = write(client, auth_headers(make_user()))
    assert response.status_code == 201
    assert response.json["content_warning"] is None


@pytest.mark.parametrize(
    "sent", ["x" * 201, 42, ["spoilers"]], ids=["201 characters", "a number", "a list"]
)
def test_refused_warnings_write_nothing(client, app, make_user, auth_headers, sent):
    response = write(client, auth_headers(make_user()), content_warning=sent)
    assert response.status_code == 422
    assert list(response.json["errors"]) == ["content_warning"]
    assert client.get("/api/posts").json["items"] == []


def test_editing_sets_changes_and_clears_the_warning(client, app, make_user, auth_headers):
    author = make_user()
    (post_id,) = make_posts(app, author)
    headers = auth_headers(author)

    def edit(**changes):
        response = client.patch(f"/api/posts/{post_id}", json=changes, headers=headers)
        assert response.status_code == 200, response.json
        return response.json

    assert client.get(f"/api/posts/{post_id}").json["content_warning"] is None
    post = edit(content_warning="Loud noises")
    assert post["content_warning"] == "Loud noises"
    assert post["edited_at"] is not None  # readers see the post changed
    assert edit(body="New body")["content_warning"] == "Loud noises"  # untouched when not sent
    assert edit(content_warning="  Flashing images ")["content_warning"] == "Flashing images"
    assert edit(content_warning="")["content_warning"] is None
    edit(content_warning="Again")
    assert edit(content_warning=None)["content_warning"] is None
    assert client.get(f"/api/posts/{post_id}").json["content_warning"] is None

    too_long = client.patch(
        f"/api/posts/{post_id}", json={"content_warning": "x" * 201}, headers=headers
    )
    assert too_long.status_code == 422 and "content_warning" in too_long.json["errors"]


def test_only_the_author_or_an_admin_changes_it(client, app, make_user, auth_headers):
    (post_id,) = make_posts(app, make_user())
    response = client.patch(
        f"/api/posts/{post_id}",
        json={"content_warning": "Gotcha"},
        headers=auth_headers(make_user()),
    )
    assert response.status_code == 403
    assert client.get(f"/api/posts/{post_id}").json["content_warning"] is None


def test_the_export_keeps_each_posts_warning(client, make_user, auth_headers):
    headers = auth_headers(make_user())
    write(client, headers, content_warning="Spiders")
    write(client, headers)
    task = client.post("/api/tasks", json={"name": "export_posts"}, headers=headers).json
    assert task["status"] == "complete"  # eager jobs in the tests
    document = json.loads(client.get(task["result_url"], headers=headers).data)
    assert [p["content_warning"] for p in document["posts"]] == ["Spiders", None]
