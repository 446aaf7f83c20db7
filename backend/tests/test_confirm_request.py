"""Issue [4/8], defect 11: a new confirmation link can be asked for without logging in
(POST /api/auth/confirm-request), and the answer never tells whether an account exists."""

import pytest

from devstack.testing import link_in


def ask(client, email, **kwargs):
    return client.post("/api/auth/confirm-request", json={"email": email}, **kwargs)


def test_an_unconfirmed_account_gets_a_working_link(client, mailbox, make_user):
    user = make_user(confirmed=False)

    response = ask(client, user.email.upper())

    assert response.status_code == 202
    token = link_in(mailbox.wait_for(user.email)[0], "/confirm/")
    confirmed = client.post("/api/auth/confirm", json={"token": token})
    assert confirmed.status_code == 200
    assert confirmed.json["confirmed"] is True


def test_the_answer_is_the_same_whether_or_not_the_account_exists(client, mailbox, make_user):
    unconfirmed = make_user(confirmed=False)
    confirmed = make_user(confirmed=True)

    answers = [
        ask(client, email)
        # The unconfirmed one last: once its mail is in, any mail to the others would be too.
        for email in (confirmed.email, "nobody@example.com", unconfirmed.email)
    ]

    assert {r.status_code for r in answers} == {202}
    assert len({r.get_data() for r in answers}) == 1
    mailbox.wait_for(unconfirmed.email)
    # Only the unconfirmed account is mailed.
    assert mailbox.to(confirmed.email) == []
    assert mailbox.to("nobody@example.com") == []


@pytest.mark.parametrize("body", [{}, {"email": "not-an-address"}, {"email": "a" * 200}])
def test_an_invalid_address_is_422(client, body):
    response = client.post("/api/auth/confirm-request", json=body)
    assert response.status_code == 422
    assert "email" in response.json["errors"]


def test_it_is_limited_to_5_per_hour_per_address(client, app, mailbox, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_RESET", "5/hour")  # SPEC §3's reset budget
    user = make_user(confirmed=False)
    other = make_user(confirmed=False)

    for attempt in range(5):
        assert ask(client, user.email).status_code == 202, attempt

    limited = ask(client, user.email)
    assert limited.status_code == 429
    assert 0 < int(limited.headers["Retry-After"]) <= 3600
    # Its own budget: another address, and password resets for this one, are still served.
    assert ask(client, other.email).status_code == 202
    reset = client.post("/api/auth/reset-request", json={"email": user.email})
    assert reset.status_code == 202
