"""The shortest happy path: register, confirm by email, log in, post, read it back."""

from devstack.testing import bearer, link_in, login


def test_register_confirm_post_and_read(client, mailbox):
    response = client.post(
        "/api/users",
        json={"username": "alice", "email": "Alice@Example.com", "password": "s3cret-pass"},
    )
    assert response.status_code == 201
    assert response.headers["Location"].endswith(f"/api/users/{response.json['id']}")
    assert "email" not in response.json  # nobody is signed in to see it

    token = link_in(mailbox.wait_for("alice@example.com")[0], "/confirm/")
    assert client.post("/api/auth/confirm", json={"token": token}).status_code == 200

    headers = bearer(login(client, "alice@example.com", "s3cret-pass"))
    created = client.post("/api/posts", json={"body": "Hello **world**"}, headers=headers)
    assert created.status_code == 201
    assert created.json["body_html"] == "<p>Hello <strong>world</strong></p>"

    explore = client.get("/api/posts").json
    assert [p["id"] for p in explore["items"]] == [created.json["id"]]
    assert explore["items"][0]["author"]["username"] == "alice"
    assert explore["items"][0]["timestamp"].endswith("Z")
