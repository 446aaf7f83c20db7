"""Accounts (issue 1/6): registration, confirmation, recovery, password, email and deletion.

Every email is read back from the real SMTP server the suite runs, and every link is the one a
user would click.
"""

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import func, select

from devstack.testing import PASSWORD, bearer, email_html, email_text, link_in, login
from inkwell.extensions import db
from inkwell.models import AuthSession, Comment, Follow, Post, User

NEW_PASSWORD = "a-brand-new-passphrase"


def register(client, username="alice", email="alice@example.com", password="s3cret-pass"):
    return client.post(
        "/api/users", json={"username": username, "email": email, "password": password}
    )


def count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def me(client, headers):
    return client.get("/api/me", headers=headers)


@pytest.fixture
def later(monkeypatch):
    """Move the clock that email links are checked against `seconds` into the future."""

    def advance(seconds):
        real = TimestampSigner.get_timestamp
        monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: real(self) + seconds)

    return advance


def assert_error(response, status, message=None):
    assert response.status_code == status, response.json
    assert set(response.json) >= {"error", "message"}
    if message is not None:
        assert response.json["message"] == message


# --- registration ------------------------------------------------------------------------------


def test_register_returns_location_and_emails_a_confirmation_link(client, mailbox, app):
    response = register(client, email="Alice@Example.COM")

    assert response.status_code == 201
    user_id = response.json["id"]
    assert response.headers["Location"].endswith(f"/api/users/{user_id}")
    assert client.get(response.headers["Location"]).json["username"] == "alice"
    assert response.json["role"] == "User"
    assert "password" not in response.json and "password_hash" not in response.json

    message = mailbox.wait_for("alice@example.com")[0]
    assert message["From"] == app.config["MAIL_SENDER"]
    assert message["Subject"].startswith(app.config["MAIL_SUBJECT_PREFIX"] + " ")
    assert "Confirm your account" in message["Subject"]
    token = link_in(message, "/confirm/")
    link = f"{app.config['FRONTEND_URL']}/confirm/{token}"
    assert link in email_text(message)
    assert f'href="{link}"' in email_html(message)
    assert "alice" in email_text(message) and "alice" in email_html(message)


def test_confirmation_email_uses_the_configured_sender_and_subject_prefix(
    client, mailbox, app, monkeypatch
):
    monkeypatch.setitem(app.config, "MAIL_SENDER", "Quill Team <hello@quill.example>")
    monkeypatch.setitem(app.config, "MAIL_SUBJECT_PREFIX", "[Quill]")

    assert register(client).status_code == 201

    message = mailbox.wait_for("alice@example.com")[0]
    assert message["From"] == "Quill Team <hello@quill.example>"
    assert message["Subject"].startswith("[Quill] ")
    assert "[Inkwell]" not in message["Subject"]


def test_admin_is_told_about_each_new_user(client, mailbox):
    assert register(client, username="bob", email="bob@example.com").status_code == 201

    message = mailbox.wait_for("admin@example.com")[0]
    assert "New user" in message["Subject"]
    assert "bob" in email_text(message)
    assert "bob@example.com" in email_text(message)
    assert email_html(message)  # both parts, as every email


def test_registering_with_the_admin_email_makes_an_administrator(client, mailbox):
    response = register(client, username="boss", email="Admin@Example.com")
    assert response.status_code == 201
    assert response.json["role"] == "Administrator"

    token = link_in(mailbox.wait_for("admin@example.com")[0], "/confirm/")
    assert client.post("/api/auth/confirm", json={"token": token}).status_code == 200
    profile = me(client, bearer(login(client, "boss", "s3cret-pass"))).json
    assert profile["role"] == "Administrator"
    assert profile["permissions"] == 31


def test_ordinary_registration_is_not_an_administrator(client, mailbox):
    response = register(client, username="carol", email="carol@example.com")
    profile = me(client, bearer(login(client, "carol", "s3cret-pass"))).json
    assert response.json["role"] == profile["role"] == "User"
    assert profile["permissions"] == 7


@pytest.mark.parametrize(
    ("username", "email", "fields"),
    [
        ("ALICE", "other@example.com", {"username"}),
        ("someone", "ALICE@example.com", {"email"}),
        ("Alice", "alice@EXAMPLE.com", {"username", "email"}),
    ],
)
def test_duplicate_username_or_email_is_409_with_field_errors_and_writes_nothing(
    client, mailbox, app, username, email, fields
):
    assert register(client).status_code == 201
    mailbox.wait_for("alice@example.com")
    users_before = count(app, User)
    mailbox.clear()

    response = register(client, username=username, email=email, password="another-pass")

    assert_error(response, 409)
    assert set(response.json["errors"]) == fields
    assert count(app, User) == users_before
    assert mailbox.messages == []  # no confirmation, no "New user" email
    # The original account is untouched: its owner still logs in with their own password.
    login(client, "alice", "s3cret-pass")


@pytest.mark.parametrize(
    ("username", "email", "fields"),
    [("ALICE", "other@example.com", {"username"}), ("other", "alice@example.com", {"email"})],
)
def test_registration_racing_another_for_the_same_name_or_address_is_409(
    client, mailbox, app, monkeypatch, username, email, fields
):
    """Two sign-ups pass the availability check at once; the database's unique indexes decide,
    and the loser gets the same 409 as if it had come second, never a 500."""
    assert register(client).status_code == 201
    mailbox.clear()
    for check in ("username_taken", "email_taken"):
        real = getattr(User, check)
        calls = iter([False])  # the view's check runs before the other insert is visible

        def racing(*args, _real=real, _calls=calls, **kwargs):
            first = next(_calls, None)
            return first if first is not None else _real(*args, **kwargs)

        monkeypatch.setattr(User, check, staticmethod(racing))

    response = register(client, username=username, email=email, password="another-pass")

    assert_error(response, 409)
    assert set(response.json["errors"]) == fields
    assert count(app, User) == 1
    assert mailbox.messages == []
    login(client, "alice", "s3cret-pass")


def test_invalid_registration_fields_are_422(client, app):
    response = client.post(
        "/api/users", json={"username": "1abc", "email": "not-an-email", "password": "short"}
    )
    assert_error(response, 422)
    assert set(response.json["errors"]) == {"username", "email", "password"}
    assert count(app, User) == 0


# --- confirmation ------------------------------------------------------------------------------


def test_confirming_through_the_emailed_link_unlocks_writing(client, mailbox):
    register(client)
    headers = bearer(login(client, "alice", "s3cret-pass"))
    assert me(client, headers).json["confirmed"] is False
    assert_error(
        client.post("/api/posts", json={"body": "hi"}, headers=headers),
        403,
        "Unconfirmed account.",
    )

    token = link_in(mailbox.wait_for("alice@example.com")[0], "/confirm/")
    response = client.post("/api/auth/confirm", json={"token": token})

    assert response.status_code == 200
    assert response.json["confirmed"] is True
    assert me(client, headers).json["confirmed"] is True
    assert client.post("/api/posts", json={"body": "hi"}, headers=headers).status_code == 201


@pytest.mark.parametrize("token", ["garbage", "eyJpZCI6MX0.invalid.signature"])
def test_bad_confirmation_token_is_400(client, mailbox, token):
    register(client)
    headers = bearer(login(client, "alice", "s3cret-pass"))

    assert_error(
        client.post("/api/auth/confirm", json={"token": token}),
        400,
        "The link is invalid or has expired.",
    )
    assert me(client, headers).json["confirmed"] is False


def test_expired_confirmation_token_is_400(client, mailbox, later):
    register(client)
    headers = bearer(login(client, "alice", "s3cret-pass"))
    token = link_in(mailbox.wait_for("alice@example.com")[0], "/confirm/")

    later(3600 + 5)  # the link lives one hour

    assert_error(client.post("/api/auth/confirm", json={"token": token}), 400)
    assert me(client, headers).json["confirmed"] is False


def test_a_reset_link_does_not_confirm_an_account(client, mailbox, make_user):
    """Email tokens are single-purpose: a reset token is no confirmation token."""
    user = make_user(confirmed=False)
    client.post("/api/auth/reset-request", json={"email": user.email})
    token = link_in(mailbox.wait_for(user.email)[0], "/reset/")

    assert_error(client.post("/api/auth/confirm", json={"token": token}), 400)


def test_resend_confirmation_sends_a_working_link(client, mailbox, make_user):
    user = make_user(confirmed=False)
    headers = bearer(login(client, user.username))

    response = client.post("/api/auth/confirm/resend", headers=headers)

    assert response.status_code == 202
    token = link_in(mailbox.wait_for(user.email)[0], "/confirm/")
    assert client.post("/api/auth/confirm", json={"token": token}).status_code == 200
    assert me(client, headers).json["confirmed"] is True


def test_resend_when_already_confirmed_is_409(client, mailbox, make_user):
    user = make_user(confirmed=True)
    response = client.post("/api/auth/confirm/resend", headers=bearer(login(client, user.username)))
    assert_error(response, 409)
    assert mailbox.to(user.email) == []


def test_resend_needs_a_token(client):
    assert_error(client.post("/api/auth/confirm/resend"), 401)


# --- password reset ----------------------------------------------------------------------------


def test_reset_request_is_202_for_an_unknown_email_and_sends_nothing(client, mailbox, make_user):
    user = make_user()

    unknown = client.post("/api/auth/reset-request", json={"email": "nobody@example.com"})
    known = client.post("/api/auth/reset-request", json={"email": user.email.upper()})

    assert unknown.status_code == known.status_code == 202
    assert unknown.json == known.json  # nothing tells the two apart
    mailbox.wait_for(user.email)  # the known one arrives (so the unknown one had its chance)
    assert mailbox.to("nobody@example.com") == []
    assert len(mailbox.messages) == 1


def test_password_reset_through_the_emailed_link(client, mailbox, make_user, app):
    user = make_user()
    old_access = login(client, user.username)  # this client keeps that session's refresh cookie
    other_device = app.test_client()
    other_access = login(other_device, user.email)

    assert client.post("/api/auth/reset-request", json={"email": user.email}).status_code == 202
    message = mailbox.wait_for(user.email)[0]
    assert "Reset your password" in message["Subject"]
    assert email_html(message)
    token = link_in(message, "/reset/")

    response = client.post("/api/auth/reset", json={"token": token, "password": NEW_PASSWORD})

    assert response.status_code == 204
    assert (
        client.post("/api/tokens", json={"login": user.username, "password": PASSWORD}).status_code
        == 401
    )
    # Every session is over, at once: access tokens and refresh cookies alike.
    assert_error(me(client, bearer(old_access)), 401)
    assert_error(me(other_device, bearer(other_access)), 401)
    assert_error(client.put("/api/tokens"), 401)
    assert_error(other_device.put("/api/tokens"), 401)
    new_access = login(client, user.username, NEW_PASSWORD)
    assert me(client, bearer(new_access)).status_code == 200


def test_reset_link_works_only_once(client, mailbox, make_user):
    user = make_user()
    client.post("/api/auth/reset-request", json={"email": user.email})
    token = link_in(mailbox.wait_for(user.email)[0], "/reset/")
    first = client.post("/api/auth/reset", json={"token": token, "password": NEW_PASSWORD})
    assert first.status_code == 204

    again = client.post("/api/auth/reset", json={"token": token, "password": "yet-another-pass"})

    assert_error(again, 400, "The link is invalid or has expired.")
    login(client, user.username, NEW_PASSWORD)
    assert (
        client.post(
            "/api/tokens", json={"login": user.username, "password": "yet-another-pass"}
        ).status_code
        == 401
    )


def test_expired_reset_link_is_400(client, mailbox, make_user, later):
    user = make_user()
    client.post("/api/auth/reset-request", json={"email": user.email})
    token = link_in(mailbox.wait_for(user.email)[0], "/reset/")

    later(15 * 60 + 5)  # reset links live 15 minutes

    response = client.post("/api/auth/reset", json={"token": token, "password": NEW_PASSWORD})
    assert_error(response, 400)
    login(client, user.username)  # the password did not change


def test_reset_with_a_too_short_password_is_422_and_keeps_the_link_usable(
    client, mailbox, make_user
):
    user = make_user()
    client.post("/api/auth/reset-request", json={"email": user.email})
    token = link_in(mailbox.wait_for(user.email)[0], "/reset/")

    short = client.post("/api/auth/reset", json={"token": token, "password": "short"})
    assert_error(short, 422)
    assert "password" in short.json["errors"]
    response = client.post("/api/auth/reset", json={"token": token, "password": NEW_PASSWORD})
    assert response.status_code == 204


# --- password change ---------------------------------------------------------------------------


def test_change_password_with_the_wrong_old_password_is_403(client, make_user):
    user = make_user()
    headers = bearer(login(client, user.username))

    response = client.put(
        "/api/me/password",
        json={"old_password": "not-my-password", "password": NEW_PASSWORD},
        headers=headers,
    )

    assert_error(response, 403)
    assert "old_password" in response.json["errors"]
    login(client, user.username, PASSWORD)


def test_change_password(client, make_user):
    user = make_user()
    headers = bearer(login(client, user.username))

    response = client.put(
        "/api/me/password",
        json={"old_password": PASSWORD, "password": NEW_PASSWORD},
        headers=headers,
    )

    assert response.status_code == 204
    assert (
        client.post("/api/tokens", json={"login": user.username, "password": PASSWORD}).status_code
        == 401
    )
    login(client, user.username, NEW_PASSWORD)


# --- email change ------------------------------------------------------------------------------


def test_change_email_sends_the_link_to_the_new_address(client, mailbox, make_user):
    user = make_user()
    headers = bearer(login(client, user.username))

    response = client.post(
        "/api/me/email",
        json={"email": "New.Address@Example.com", "password": PASSWORD},
        headers=headers,
    )

    assert response.status_code == 202
    message = mailbox.wait_for("new.address@example.com")[0]
    assert email_html(message)
    assert mailbox.to(user.email) == []
    assert me(client, headers).json["email"] == user.email  # nothing changes before the click
    token = link_in(message, "/change-email/")

    confirmed = client.post("/api/auth/confirm-email", json={"token": token})

    assert confirmed.status_code == 200
    assert confirmed.json["email"] == "new.address@example.com"
    assert me(client, headers).json["email"] == "new.address@example.com"
    login(client, "new.address@example.com")
    assert (
        client.post("/api/tokens", json={"login": user.email, "password": PASSWORD}).status_code
        == 401
    )
    # The link is spent: it named the old address, which is no longer the account's.
    assert_error(client.post("/api/auth/confirm-email", json={"token": token}), 400)


def test_change_email_with_the_wrong_password_is_403(client, mailbox, make_user):
    user = make_user()
    response = client.post(
        "/api/me/email",
        json={"email": "new@example.com", "password": "wrong-password"},
        headers=bearer(login(client, user.username)),
    )
    assert_error(response, 403)
    assert "password" in response.json["errors"]
    assert mailbox.to("new@example.com") == []


def test_change_email_to_a_taken_address_is_409(client, mailbox, make_user):
    user = make_user()
    other = make_user()
    response = client.post(
        "/api/me/email",
        json={"email": other.email.upper(), "password": PASSWORD},
        headers=bearer(login(client, user.username)),
    )
    assert_error(response, 409)
    assert "email" in response.json["errors"]
    assert mailbox.messages == []


def test_email_taken_between_request_and_click_is_409(client, mailbox, make_user):
    user = make_user()
    headers = bearer(login(client, user.username))
    client.post(
        "/api/me/email",
        json={"email": "wanted@example.com", "password": PASSWORD},
        headers=headers,
    )
    token = link_in(mailbox.wait_for("wanted@example.com")[0], "/change-email/")
    make_user(username="quick", email="wanted@example.com")

    response = client.post("/api/auth/confirm-email", json={"token": token})

    assert_error(response, 409)
    assert me(client, headers).json["email"] == user.email


# --- account deletion --------------------------------------------------------------------------


def test_delete_account_with_the_wrong_password_is_403_and_deletes_nothing(client, make_user, app):
    user = make_user()
    headers = bearer(login(client, user.username))
    client.post("/api/posts", json={"body": "still here"}, headers=headers)

    response = client.delete("/api/me", json={"password": "wrong-password"}, headers=headers)

    assert_error(response, 403)
    assert "password" in response.json["errors"]
    assert me(client, headers).status_code == 200
    assert count(app, Post) == 1


def test_delete_account_removes_it_and_its_content_and_ends_its_sessions(client, make_user, app):
    user = make_user()
    friend = make_user()
    friend_client = app.test_client()
    friend_headers = bearer(login(friend_client, friend.username))
    headers = bearer(login(client, user.username))
    other_device = app.test_client()
    other_access = login(other_device, user.username)

    own_post = client.post("/api/posts", json={"body": "mine"}, headers=headers).json["id"]
    friend_post = friend_client.post(
        "/api/posts", json={"body": "theirs"}, headers=friend_headers
    ).json["id"]
    client.post(f"/api/posts/{own_post}/comments", json={"body": "self"}, headers=headers)
    client.post(f"/api/posts/{friend_post}/comments", json={"body": "hey"}, headers=headers)
    friend_client.post(
        f"/api/posts/{own_post}/comments", json={"body": "yo"}, headers=friend_headers
    )
    assert client.post(f"/api/users/{friend.id}/follow", headers=headers).status_code == 204
    friend_client.post(f"/api/users/{user.id}/follow", headers=friend_headers)
    assert client.get(f"/api/users/{friend.id}").json["follower_count"] == 1

    response = client.delete("/api/me", json={"password": PASSWORD}, headers=headers)

    assert response.status_code == 204
    assert_error(client.get(f"/api/users/{user.id}"), 404)
    assert [p["id"] for p in client.get("/api/posts").json["items"]] == [friend_post]
    assert client.get(f"/api/posts/{own_post}").status_code == 404
    assert client.get(f"/api/posts/{friend_post}/comments").json["items"] == []
    friend_profile = client.get(f"/api/users/{friend.id}").json
    assert friend_profile["follower_count"] == friend_profile["following_count"] == 0
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Comment)) == 0
        assert db.session.scalar(select(func.count()).select_from(Follow)) == 0
        assert (
            db.session.scalar(
                select(func.count()).select_from(AuthSession).where(AuthSession.user_id == user.id)
            )
            == 0
        )
    assert_error(me(client, headers), 401)
    assert_error(me(other_device, bearer(other_access)), 401)
    assert_error(other_device.put("/api/tokens"), 401)
    assert (
        client.post("/api/tokens", json={"login": user.username, "password": PASSWORD}).status_code
        == 401
    )
    assert me(friend_client, friend_headers).status_code == 200


# --- unconfirmed accounts ----------------------------------------------------------------------


def test_unconfirmed_account_may_log_in_refresh_read_change_password_resend_and_log_out(
    client, mailbox, make_user
):
    user = make_user(confirmed=False)
    headers = bearer(login(client, user.username))

    assert me(client, headers).status_code == 200
    assert client.get("/api/feed", headers=headers).status_code == 200
    assert client.get("/api/posts").status_code == 200
    refreshed = client.put("/api/tokens")
    assert refreshed.status_code == 200
    headers = bearer(refreshed.json["access_token"])
    assert (
        client.put(
            "/api/me/password",
            json={"old_password": PASSWORD, "password": NEW_PASSWORD},
            headers=headers,
        ).status_code
        == 204
    )
    assert client.post("/api/auth/confirm/resend", headers=headers).status_code == 202
    mailbox.wait_for(user.email)
    assert client.delete("/api/tokens", headers=headers).status_code == 204
    assert_error(me(client, headers), 401)


def test_unconfirmed_account_may_not_write(client, mailbox, make_user, app):
    author = make_user()
    post_id = client.post(
        "/api/posts",
        json={"body": "a post"},
        headers=bearer(login(app.test_client(), author.username)),
    ).json["id"]
    user = make_user(confirmed=False)
    headers = bearer(login(client, user.username))

    attempts = {
        "post": client.post("/api/posts", json={"body": "hello"}, headers=headers),
        "comment": client.post(
            f"/api/posts/{post_id}/comments", json={"body": "hi"}, headers=headers
        ),
        "follow": client.post(f"/api/users/{author.id}/follow", headers=headers),
        "unfollow": client.delete(f"/api/users/{author.id}/follow", headers=headers),
        "profile": client.patch("/api/me", json={"about_me": "me"}, headers=headers),
        "email": client.post(
            "/api/me/email",
            json={"email": "new@example.com", "password": PASSWORD},
            headers=headers,
        ),
    }

    for name, response in attempts.items():
        assert response.status_code == 403, (name, response.json)
        assert response.json["message"] == "Unconfirmed account.", name
    assert count(app, Post) == 1
    assert count(app, Comment) == 0
    assert count(app, Follow) == 0
    assert me(client, headers).json["about_me"] is None
    assert mailbox.to("new@example.com") == []
