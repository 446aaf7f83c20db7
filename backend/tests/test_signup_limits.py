"""Issue [4/8], defect 3 (server side): a rate-limited request says when to try again, in the
reader's language, and refused sign-ups do not spend the registration budget."""

import re

import pytest
from sqlalchemy import func, select

from devstack.testing import PASSWORD
from inkwell.extensions import db
from inkwell.models import User

ES = {"Accept-Language": "es"}


@pytest.fixture
def production_register(app, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_REGISTER", "5/hour")  # SPEC §3


def register(client, n, **overrides):
    body = {"username": f"new{n}", "email": f"new{n}@example.com", "password": PASSWORD}
    return client.post("/api/users", json={**body, **overrides})


def exhaust(client):
    for n in range(5):
        assert register(client, n).status_code == 201, n


def test_a_429_says_in_minutes_when_to_try_again(client, production_register):
    exhaust(client)
    response = register(client, 99)
    assert response.status_code == 429
    retry_after = int(response.headers["Retry-After"])
    minutes = -(-retry_after // 60)
    message = response.json["message"]
    # Not Flask-Limiter's description of the limit ("5 per 1 hour").
    assert "per" not in message
    assert re.fullmatch(r"Too many attempts\. Try again in (\d+) minutes\.", message), message
    assert abs(int(re.search(r"\d+", message).group()) - minutes) <= 1


def test_a_429_is_in_spanish_for_spanish_readers(client, production_register):
    exhaust(client)
    response = client.post(
        "/api/users",
        json={"username": "late", "email": "late@example.com", "password": PASSWORD},
        headers=ES,
    )
    assert response.status_code == 429
    assert re.fullmatch(
        r"Demasiados intentos\. Vuelve a intentarlo dentro de \d+ minutos\.",
        response.json["message"],
    ), response.json["message"]


def test_a_minute_long_wait_reads_naturally(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_TOKENS", "1/minute")
    client.post("/api/tokens", json={"login": "nobody", "password": "x"})
    response = client.post("/api/tokens", json={"login": "nobody", "password": "x"})
    assert response.status_code == 429
    assert response.json["message"] == "Too many attempts. Try again in a minute."
    response = client.post("/api/tokens", json={"login": "nobody", "password": "x"}, headers=ES)
    spanish = "Demasiados intentos. Vuelve a intentarlo dentro de un minuto."
    assert response.json["message"] == spanish


@pytest.mark.parametrize(
    "refused",
    [
        pytest.param({"username": "1bad"}, id="422-invalid-username"),
        pytest.param({"password": "short"}, id="422-short-password"),
        pytest.param({"email": "not-an-email"}, id="422-invalid-email"),
    ],
)
def test_refused_sign_ups_do_not_spend_the_budget(
    client, app, make_user, production_register, refused
):
    make_user("taken", email="taken@example.com")
    for attempt in range(8):
        response = register(client, f"x{attempt}", **refused)
        assert response.status_code == 422, (attempt, response.json)
    malformed = client.post("/api/users", data="{not json", content_type="application/json")
    assert malformed.status_code == 400

    # The five sign-ups of the budget are all still there.
    exhaust(client)
    assert register(client, 5).status_code == 429
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1 + 5


def test_a_taken_address_spends_the_budget(client, app, make_user, production_register):
    """409s say whether an account exists: they count, so addresses cannot be tested freely."""
    make_user("taken", email="taken@example.com")
    for attempt in range(5):
        response = register(client, f"y{attempt}", email="taken@example.com")
        assert response.status_code == 409, (attempt, response.json)
    assert register(client, "fresh").status_code == 429
