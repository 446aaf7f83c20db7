"""Rate limits (issue 1/6): each production value from SPEC §3, and client IPs behind the proxy.

The testing config raises every limit so the rest of the suite never trips them; each test here
puts the production value back for itself (limits are read at request time) and proves it.
"""

import importlib.util

import dotenv
import pytest
from sqlalchemy import func, select

import inkwell.config
from devstack.testing import PASSWORD, bearer, login
from inkwell.extensions import db
from inkwell.models import Message, Post, User

# SPEC §3. Written out here, not read from Config: an environment that raises the limits
# (test and benchmark stacks do) must not lower the bar these tests prove.
PRODUCTION = {
    "TOKENS": "10/minute",
    "REGISTER": "5/hour",
    "RESET": "5/hour",
    "POSTS": "30/minute",
    "MESSAGES": "30/minute",
    # Not in SPEC §3: every translation calls a third-party service, so it has a budget too.
    "TRANSLATE": "30/minute",
}


@pytest.fixture
def production_limit(app, monkeypatch):
    """Restore one RATELIMIT_* setting to its production value for this test (undone after)."""

    def use(name):
        monkeypatch.setitem(app.config, f"RATELIMIT_{name}", PRODUCTION[name])

    return use


def assert_429(response, max_retry_after):
    assert response.status_code == 429, (response.status_code, response.get_data(as_text=True))
    assert response.is_json
    assert response.json["error"] == "Too Many Requests"
    assert response.json["message"]
    retry_after = int(response.headers["Retry-After"])
    assert 0 < retry_after <= max_retry_after


def token_request(client, login_name, ip=None):
    headers = {"X-Forwarded-For": ip} if ip else {}
    return client.post(
        "/api/tokens", json={"login": login_name, "password": PASSWORD}, headers=headers
    )


def test_production_config_defaults_to_the_specified_limits(monkeypatch):
    """What an operator gets without setting anything: the config module read afresh with no
    RATELIMIT_* in the environment and no .env file."""
    for name in PRODUCTION:
        monkeypatch.delenv(f"RATELIMIT_{name}", raising=False)
    monkeypatch.setattr(dotenv, "load_dotenv", lambda *args, **kwargs: False)
    spec = importlib.util.spec_from_file_location("fresh_config", inkwell.config.__file__)
    fresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fresh)

    for config in (fresh.Config, fresh.ProductionConfig):
        for name, value in PRODUCTION.items():
            assert getattr(config, f"RATELIMIT_{name}") == value, name


def test_token_creation_is_limited_to_10_per_minute_per_ip(client, make_user, production_limit):
    production_limit("TOKENS")
    user = make_user()

    for attempt in range(10):
        assert token_request(client, user.username).status_code == 200, attempt

    response = token_request(client, user.username)
    assert_429(response, 60)
    assert "access_token" not in response.json


def test_failed_logins_count_against_the_token_budget(client, make_user, production_limit):
    """Guessing passwords spends the same budget, so it cannot go on at full speed."""
    production_limit("TOKENS")
    user = make_user()

    for _ in range(10):
        response = client.post("/api/tokens", json={"login": user.username, "password": "guess"})
        assert response.status_code == 401

    assert_429(token_request(client, user.username), 60)


def test_registration_is_limited_to_5_per_hour_per_ip(client, production_limit, app):
    production_limit("REGISTER")

    def register(n):
        return client.post(
            "/api/users",
            json={"username": f"new{n}", "email": f"new{n}@example.com", "password": PASSWORD},
        )

    for n in range(5):
        assert register(n).status_code == 201, n

    assert_429(register(5), 3600)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 5
    # Reading the user list is not registration: it stays open.
    assert client.get("/api/users").status_code == 200


def test_reset_requests_are_limited_to_5_per_hour_per_email(
    client, mailbox, make_user, production_limit
):
    production_limit("RESET")
    user = make_user()
    other = make_user()

    for attempt in range(5):
        response = client.post("/api/auth/reset-request", json={"email": user.email})
        assert response.status_code == 202, attempt
    mailbox.wait_for(user.email, count=5)

    # Spelling the address differently is the same address.
    assert_429(client.post("/api/auth/reset-request", json={"email": user.email.upper()}), 3600)
    assert len(mailbox.to(user.email)) == 5
    # The budget belongs to the address, not the IP: another address is still served.
    response = client.post("/api/auth/reset-request", json={"email": other.email})
    assert response.status_code == 202
    mailbox.wait_for(other.email)


def test_posts_are_limited_to_30_per_minute_per_user(client, make_user, production_limit, app):
    production_limit("POSTS")
    author = make_user()
    headers = bearer(login(client, author.username))

    for n in range(30):
        response = client.post("/api/posts", json={"body": f"post {n}"}, headers=headers)
        assert response.status_code == 201, n

    assert_429(client.post("/api/posts", json={"body": "one too many"}, headers=headers), 60)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Post)) == 30
    # Per user, not per IP: someone else on the same address still posts.
    other = make_user()
    other_headers = bearer(login(app.test_client(), other.username))
    response = client.post("/api/posts", json={"body": "mine"}, headers=other_headers)
    assert response.status_code == 201


def test_messages_are_limited_to_30_per_minute_per_user(client, make_user, production_limit, app):
    production_limit("MESSAGES")
    sender, recipient = make_user(), make_user()
    headers = bearer(login(client, sender.username))
    message = {"recipient": recipient.username, "body": "hello"}

    for n in range(30):
        assert client.post("/api/messages", json=message, headers=headers).status_code == 201, n

    assert_429(client.post("/api/messages", json=message, headers=headers), 60)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Message)) == 30
    # Per user: the recipient can still answer.
    reply = {"recipient": sender.username, "body": "hi"}
    other_headers = bearer(login(app.test_client(), recipient.username))
    assert client.post("/api/messages", json=reply, headers=other_headers).status_code == 201


def test_translations_are_limited_to_30_per_minute_per_user(client, make_user, production_limit):
    production_limit("TRANSLATE")
    reader = make_user()
    headers = bearer(login(client, reader.username))
    request = {"text": "hola", "source_language": "es", "dest_language": "en"}

    # No provider is configured in tests (503), but each call still spends the budget.
    for n in range(30):
        response = client.post("/api/translate", json=request, headers=headers)
        assert response.status_code == 503, n

    assert_429(client.post("/api/translate", json=request, headers=headers), 60)
    other_headers = bearer(login(client, make_user().username))
    assert client.post("/api/translate", json=request, headers=other_headers).status_code == 503


# --- client addresses behind the proxy ---------------------------------------------------------


def test_forwarded_clients_have_separate_budgets(client, make_user, production_limit):
    production_limit("TOKENS")
    user = make_user()

    for _ in range(10):
        assert token_request(client, user.username, ip="203.0.113.1").status_code == 200
    assert_429(token_request(client, user.username, ip="203.0.113.1"), 60)

    assert token_request(client, user.username, ip="203.0.113.2").status_code == 200


def test_a_forged_extra_hop_does_not_escape_the_budget(client, make_user, production_limit):
    """nginx appends the real peer to X-Forwarded-For; what the client wrote before it is noise."""
    production_limit("TOKENS")
    user = make_user()
    for _ in range(10):
        assert token_request(client, user.username, ip="203.0.113.1").status_code == 200

    for forged in ("198.51.100.7, 203.0.113.1", "203.0.113.2, 203.0.113.1"):
        assert_429(token_request(client, user.username, ip=forged), 60)
