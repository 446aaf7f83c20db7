"""Tokens (issue 1/6): login, the refresh cookie and its rotation, and every way a token fails."""

import base64
import json
import threading
from datetime import timedelta

import jwt as pyjwt
import pytest
from flask_jwt_extended import create_access_token, decode_token
from sqlalchemy import update

from devstack.testing import PASSWORD, REFRESH_COOKIE, assert_401, bearer, login, refresh_cookie
from inkwell.extensions import db
from inkwell.models import AuthSession, User, utcnow
from inkwell.services import sessions as sessions_service
from inkwell.services.sessions import ROTATION_GRACE


def claims(app, token):
    with app.app_context():
        return decode_token(token)


def refresh_with(app, refresh_token):
    """PUT /api/tokens from a fresh browser holding exactly this refresh cookie."""
    browser = app.test_client()
    browser.set_cookie(REFRESH_COOKIE, refresh_token, path="/api/tokens")
    return browser.put("/api/tokens")


def move_rotation_back(app, session_id, seconds):
    """Pretend the session's last rotation happened `seconds` ago (instead of sleeping)."""
    with app.app_context():
        db.session.execute(
            update(AuthSession)
            .where(AuthSession.id == session_id)
            .values(rotated_at=utcnow() - timedelta(seconds=seconds))
        )
        db.session.commit()


@pytest.fixture
def user(make_user):
    return make_user(username="Alice", email="alice@example.com")


# --- logging in --------------------------------------------------------------------------------


@pytest.mark.parametrize("login_name", ["Alice", "alice", "alice@example.com", "ALICE@Example.com"])
def test_login_with_json_by_username_or_email(client, user, login_name):
    response = client.post("/api/tokens", json={"login": login_name, "password": PASSWORD})

    assert response.status_code == 200
    assert response.json["expires_in"] == 15 * 60
    assert response.json["user"]["id"] == user.id
    assert response.json["user"]["email"] == "alice@example.com"
    headers = bearer(response.json["access_token"])
    assert client.get("/api/me", headers=headers).json["username"] == "Alice"
    assert refresh_cookie(response) is not None


@pytest.mark.parametrize("login_name", ["alice", "alice@example.com"])
def test_login_with_http_basic(client, user, login_name):
    basic = base64.b64encode(f"{login_name}:{PASSWORD}".encode()).decode()

    response = client.post("/api/tokens", headers={"Authorization": f"Basic {basic}"})

    assert response.status_code == 200
    assert response.json["user"]["id"] == user.id
    assert client.get("/api/me", headers=bearer(response.json["access_token"])).status_code == 200
    assert refresh_cookie(response) is not None


@pytest.mark.parametrize(
    "credentials",
    [
        {"login": "alice", "password": "wrong-password"},
        {"login": "nobody", "password": PASSWORD},
        {"login": "nobody@example.com", "password": PASSWORD},
    ],
)
def test_wrong_credentials_are_401(client, user, credentials):
    response = client.post("/api/tokens", json=credentials)
    assert_401(response)
    assert refresh_cookie(response) is None


def test_wrong_password_over_http_basic_is_401(client, user):
    basic = base64.b64encode(b"alice:wrong-password").decode()
    response = client.post("/api/tokens", headers={"Authorization": f"Basic {basic}"})
    assert_401(response)
    assert refresh_cookie(response) is None


def test_missing_credentials_are_422_with_field_errors(client, user):
    response = client.post("/api/tokens", json={})
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"login", "password"}


# --- the refresh cookie ------------------------------------------------------------------------


def test_refresh_cookie_without_remember_is_a_browser_session_cookie(client, user):
    response = client.post("/api/tokens", json={"login": "alice", "password": PASSWORD})

    cookie = refresh_cookie(response)
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/api/tokens"
    assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes


def test_refresh_cookie_with_remember_lasts_thirty_days(client, user):
    response = client.post(
        "/api/tokens", json={"login": "alice", "password": PASSWORD, "remember": True}
    )

    cookie = refresh_cookie(response)
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/api/tokens"
    assert abs(int(cookie["max-age"]) - 30 * 86400) <= 60
    # ...and stays a 30-day cookie when it is rotated.
    rotated = refresh_cookie(client.put("/api/tokens"))
    assert abs(int(rotated["max-age"]) - 30 * 86400) <= 60


def test_refresh_cookie_is_secure_when_configured(client, user, app, monkeypatch):
    monkeypatch.setitem(app.config, "JWT_COOKIE_SECURE", True)
    response = client.post("/api/tokens", json={"login": "alice", "password": PASSWORD})
    assert refresh_cookie(response)["secure"] is True


def test_refresh_rotates_the_cookie_and_returns_a_working_access_token(client, user, app):
    first = client.post("/api/tokens", json={"login": "alice", "password": PASSWORD})
    old_refresh = refresh_cookie(first).value

    response = client.put("/api/tokens")

    assert response.status_code == 200
    new_refresh = refresh_cookie(response).value
    assert new_refresh != old_refresh
    assert claims(app, new_refresh)["sid"] == claims(app, old_refresh)["sid"]  # same family
    assert claims(app, new_refresh)["jti"] != claims(app, old_refresh)["jti"]
    assert response.json["user"]["id"] == user.id
    headers = bearer(response.json["access_token"])
    assert client.get("/api/me", headers=headers).status_code == 200
    # The browser now holds the new cookie, and it rotates again.
    assert client.put("/api/tokens").status_code == 200


def test_refresh_without_a_cookie_is_401(client, user):
    assert_401(client.put("/api/tokens"))


def test_reused_refresh_token_within_the_grace_window_still_works(client, user, app):
    """Two tabs refresh at once: the loser presents the token the winner just rotated."""
    first = client.post("/api/tokens", json={"login": "alice", "password": PASSWORD})
    old_refresh = refresh_cookie(first).value
    winner = client.put("/api/tokens")
    assert winner.status_code == 200
    move_rotation_back(app, claims(app, old_refresh)["sid"], ROTATION_GRACE.total_seconds() - 5)

    loser = refresh_with(app, old_refresh)

    assert loser.status_code == 200
    assert client.get("/api/me", headers=bearer(loser.json["access_token"])).status_code == 200
    assert client.get("/api/me", headers=bearer(winner.json["access_token"])).status_code == 200
    assert client.put("/api/tokens").status_code == 200  # the family lives on


def test_reused_refresh_token_after_the_grace_window_revokes_the_family(client, user, app):
    first = client.post("/api/tokens", json={"login": "alice", "password": PASSWORD})
    old_refresh = refresh_cookie(first).value
    rotated = client.put("/api/tokens")
    assert rotated.status_code == 200
    current_access = rotated.json["access_token"]
    other_device = app.test_client()
    other_access = login(other_device, "alice")
    move_rotation_back(app, claims(app, old_refresh)["sid"], ROTATION_GRACE.total_seconds() + 5)

    stolen = refresh_with(app, old_refresh)

    assert_401(stolen)
    # The whole family dies: the current cookie and the current access token too...
    assert_401(client.put("/api/tokens"))
    assert_401(client.get("/api/me", headers=bearer(current_access)))
    assert_401(refresh_with(app, old_refresh))
    # ...but not the user's other sign-ins.
    assert other_device.get("/api/me", headers=bearer(other_access)).status_code == 200
    assert other_device.put("/api/tokens").status_code == 200


def test_a_refresh_token_two_rotations_old_is_refused(client, user, app):
    first = client.post("/api/tokens", json={"login": "alice", "password": PASSWORD})
    oldest = refresh_cookie(first).value
    assert client.put("/api/tokens").status_code == 200
    assert client.put("/api/tokens").status_code == 200

    assert_401(refresh_with(app, oldest))
    assert_401(client.put("/api/tokens"))


# --- token failures: all 401 with the JSON error body -------------------------------------------


@pytest.fixture
def session_claims(client, user, app):
    """A real login: its access token's claims (sub, sid, gen)."""
    token = login(client, "alice")
    return claims(app, token)


def test_expired_access_token_is_401(client, app, session_claims):
    def token(expires_in):
        with app.app_context():
            return create_access_token(
                identity=session_claims["sub"],
                additional_claims={"sid": session_claims["sid"], "gen": session_claims["gen"]},
                expires_delta=timedelta(seconds=expires_in),
            )

    assert client.get("/api/me", headers=bearer(token(60))).status_code == 200  # control
    response = client.get("/api/me", headers=bearer(token(-1)))
    assert_401(response)
    assert "expired" in response.json["message"].lower()


def test_forged_signature_is_401(client, app, session_claims):
    forged = pyjwt.encode(
        {**session_claims, "exp": session_claims["exp"]},
        "an-attacker-key-of-at-least-32-bytes!",
        algorithm="HS256",
    )
    assert_401(client.get("/api/me", headers=bearer(forged)))


def test_alg_none_is_401(client, app, session_claims):
    unsigned = pyjwt.encode(dict(session_claims), key=None, algorithm="none")
    assert unsigned.endswith(".")  # really unsigned
    assert_401(client.get("/api/me", headers=bearer(unsigned)))


def test_tampered_payload_is_401(client, app, session_claims, make_user):
    """Swapping `sub` for someone else's id breaks the signature."""
    other = make_user()
    token = login(client, "alice")
    header, _, signature = token.split(".")
    payload = {**claims(app, token), "sub": str(other.id)}
    body = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    assert_401(client.get("/api/me", headers=bearer(f"{header}.{body}.{signature}")))


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer not-a-jwt",
        "Bearer a.b.c",
        "Bearer ",
        "Bearer",
        "Token abc",
        "Bearer eyJhbGciOiJIUzI1NiJ9.e30",
    ],
)
def test_malformed_tokens_are_401(client, authorization):
    assert_401(client.get("/api/me", headers={"Authorization": authorization}))


def test_missing_token_is_401(client):
    assert_401(client.get("/api/me"))


def test_refresh_token_used_as_access_token_is_401(client, user):
    response = client.post("/api/tokens", json={"login": "alice", "password": PASSWORD})
    refresh = refresh_cookie(response).value
    assert_401(client.get("/api/me", headers=bearer(refresh)))
    assert_401(client.post("/api/posts", json={"body": "hi"}, headers=bearer(refresh)))


def test_access_token_used_as_refresh_cookie_is_401(client, user, app):
    access = login(client, "alice")
    assert_401(refresh_with(app, access))


def test_access_token_after_logout_is_401_and_logout_clears_the_cookie(client, user, app):
    first = client.post("/api/tokens", json={"login": "alice", "password": PASSWORD})
    access = first.json["access_token"]
    old_refresh = refresh_cookie(first).value

    response = client.delete("/api/tokens", headers=bearer(access))

    assert response.status_code == 204
    cleared = refresh_cookie(response)
    assert cleared is not None and cleared.value == ""
    assert cleared["path"] == "/api/tokens"
    assert client.get_cookie(REFRESH_COOKIE, path="/api/tokens") is None
    assert_401(client.get("/api/me", headers=bearer(access)))
    assert_401(client.put("/api/tokens"))
    assert_401(refresh_with(app, old_refresh))  # a copied cookie is dead too


def test_logout_ends_only_that_session(client, user, app):
    other_device = app.test_client()
    other_access = login(other_device, "alice")
    access = login(client, "alice")

    assert client.delete("/api/tokens", headers=bearer(access)).status_code == 204

    assert other_device.get("/api/me", headers=bearer(other_access)).status_code == 200


def test_token_of_a_deleted_user_is_401(client, user, app):
    access = login(client, "alice")
    with app.app_context():
        db.session.delete(db.session.get(User, user.id))
        db.session.commit()

    assert_401(client.get("/api/me", headers=bearer(access)))
    assert_401(client.put("/api/tokens"))


def test_token_with_an_unknown_session_is_401(client, app, session_claims):
    with app.app_context():
        token = create_access_token(
            identity=session_claims["sub"], additional_claims={"sid": "0" * 32, "gen": 0}
        )
    assert_401(client.get("/api/me", headers=bearer(token)))


def test_token_naming_another_user_in_a_session_is_401(client, app, session_claims, make_user):
    """A validly signed token whose `sub` does not own its session is refused."""
    other = make_user()
    with app.app_context():
        token = create_access_token(
            identity=str(other.id),
            additional_claims={"sid": session_claims["sid"], "gen": session_claims["gen"]},
        )
    assert_401(client.get("/api/me", headers=bearer(token)))


def test_a_bad_token_on_an_optional_endpoint_is_401_not_anonymous(client):
    assert_401(client.get("/api/users", headers=bearer("not-a-jwt")))


# --- role changes ------------------------------------------------------------------------------


def test_role_change_kills_access_tokens_at_once_but_refresh_mints_new_permissions(
    client, user, make_user, app
):
    admin = make_user(role="Administrator")
    admin_client = app.test_client()
    admin_headers = bearer(login(admin_client, admin.username))
    access = login(client, "alice")  # client holds alice's refresh cookie
    assert client.get("/api/comments", headers=bearer(access)).status_code == 403  # not yet

    response = admin_client.patch(
        f"/api/users/{user.id}", json={"role": "Moderator"}, headers=admin_headers
    )
    assert response.status_code == 200
    assert response.json["role"] == "Moderator"

    assert_401(client.get("/api/me", headers=bearer(access)))
    refreshed = client.put("/api/tokens")
    assert refreshed.status_code == 200
    assert refreshed.json["user"]["role"] == "Moderator"
    assert refreshed.json["user"]["permissions"] == 15
    new_headers = bearer(refreshed.json["access_token"])
    assert client.get("/api/comments", headers=new_headers).status_code == 200
    assert client.get("/api/me", headers=new_headers).json["permissions"] == 15
    # The administrator's own session is untouched.
    assert admin_client.get("/api/me", headers=admin_headers).status_code == 200


def test_demotion_takes_effect_at_once(client, make_user, app):
    moderator = make_user(role="Moderator")
    admin = make_user(role="Administrator")
    admin_client = app.test_client()
    admin_headers = bearer(login(admin_client, admin.username))
    access = login(client, moderator.username)
    assert client.get("/api/comments", headers=bearer(access)).status_code == 200

    admin_client.patch(f"/api/users/{moderator.id}", json={"role": "User"}, headers=admin_headers)

    assert_401(client.get("/api/comments", headers=bearer(access)))
    new_headers = bearer(client.put("/api/tokens").json["access_token"])
    assert client.get("/api/comments", headers=new_headers).status_code == 403


def test_profile_edit_by_an_admin_without_a_role_change_keeps_tokens(client, user, make_user, app):
    admin = make_user(role="Administrator")
    admin_client = app.test_client()
    admin_headers = bearer(login(admin_client, admin.username))
    access = login(client, "alice")

    admin_client.patch(f"/api/users/{user.id}", json={"location": "Lisbon"}, headers=admin_headers)

    assert client.get("/api/me", headers=bearer(access)).json["location"] == "Lisbon"


def test_two_tabs_refreshing_at_the_same_instant_both_stay_signed_in(
    client, user, app, monkeypatch
):
    """Both tabs load the session before either rotates it: the loser must not end up holding
    a token the server no longer knows (its next refresh would revoke the whole family)."""
    first = client.post("/api/tokens", json={"login": "alice", "password": PASSWORD})
    shared = refresh_cookie(first).value
    both_loaded = threading.Barrier(2, timeout=5)
    original = sessions_service.rotate_refresh

    def rotate_together(session, presented_jti):
        both_loaded.wait()
        return original(session, presented_jti)

    monkeypatch.setattr(sessions_service, "rotate_refresh", rotate_together)
    tabs = [app.test_client(), app.test_client()]
    results = [None, None]

    def refresh(i):
        tabs[i].set_cookie(REFRESH_COOKIE, shared, path="/api/tokens")
        results[i] = tabs[i].put("/api/tokens")

    threads = [threading.Thread(target=refresh, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    monkeypatch.setattr(sessions_service, "rotate_refresh", original)

    assert [r.status_code for r in results] == [200, 200]
    for tab, result in zip(tabs, results, strict=True):
        assert tab.get("/api/me", headers=bearer(result.json["access_token"])).status_code == 200
    # Later, each tab refreshes with the cookie it was given, one after the other.
    for tab in tabs:
        assert tab.put("/api/tokens").status_code == 200
