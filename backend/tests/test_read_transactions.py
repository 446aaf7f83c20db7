"""GET requests on PostgreSQL send no BEGIN/ROLLBACK: two round trips saved per read."""

import psycopg
import pytest
from content_factories import make_posts


@pytest.fixture
def commands(database_backend, monkeypatch):
    if database_backend != "postgres":
        pytest.skip("round trips for BEGIN/ROLLBACK exist on PostgreSQL: runs in that leg")
    sent = []
    original = psycopg.Connection._exec_command

    def spy(self, command, *args, **kwargs):
        sent.append(bytes(command).split()[0].upper())
        return original(self, command, *args, **kwargs)

    monkeypatch.setattr(psycopg.Connection, "_exec_command", spy)
    return sent


def test_reads_run_without_a_transaction(app, client, make_user, auth_headers, commands):
    writer = make_user()
    make_posts(app, writer, 3)
    headers = auth_headers(writer)
    commands.clear()
    for path in ("/api/posts", "/api/feed", f"/api/users/{writer.username}"):
        assert client.get(path, headers=headers).status_code == 200
    assert b"BEGIN" not in commands and b"ROLLBACK" not in commands


def test_writes_still_run_in_a_transaction(client, make_user, auth_headers, commands):
    headers = auth_headers(make_user())
    commands.clear()
    assert client.post("/api/posts", json={"body": "atomic"}, headers=headers).status_code == 201
    assert b"BEGIN" in commands and b"COMMIT" in commands
