"""Background tasks (issue 2/6): the posts export end to end with eager jobs, its pushes and
email, failures, one export at a time, privacy, and what happens while Redis is down.
"""

import json
import uuid
from datetime import timedelta

import pytest
from content_factories import make_posts, row_counts
from socket_clients import connect, notifications

from devstack.processes import free_port
from devstack.testing import PASSWORD
from inkwell.extensions import db
from inkwell.models import Task, utcnow
from inkwell.services import exports


@pytest.fixture(autouse=True)
def export_dir(app, tmp_path, monkeypatch):
    # Exports land in a throw-away folder, not the instance folder of the checkout.
    monkeypatch.setitem(app.config, "EXPORT_DIR", str(tmp_path / "exports"))
    return tmp_path / "exports"


def start_export(client, headers):
    return client.post("/api/tasks", json={"name": "export_posts"}, headers=headers)


def add_task(app, user, status):
    with app.app_context():
        task = Task(
            id=str(uuid.uuid4()),
            name="export_posts",
            description="Exporting posts...",
            user_id=user.id,
            status=status,
            progress=40 if status == "running" else 0,
        )
        db.session.add(task)
        db.session.commit()
        db.session.remove()
        return task.id


# --- the export


def test_export_completes_with_progress_pushed(client, app, make_user, auth_headers, mailbox):
    writer = make_user("writer")
    make_posts(app, writer, count=3, body="My post {n}")
    make_posts(app, make_user("someone"), count=2, body="Not mine {n}")
    headers = auth_headers(writer)
    sock = connect(app, client, writer)

    response = start_export(client, headers)
    assert response.status_code == 202, response.json
    task = response.json
    assert response.headers["Location"].endswith(f"/api/tasks/{task['id']}")
    assert task["name"] == "export_posts" and task["description"]
    # eager jobs: finished by the time the request answers
    assert task["status"] == "complete" and task["progress"] == 100
    assert task["error"] is None and task["finished_at"].endswith("Z")

    pushed = [n["data"] for n in notifications(sock, "task_progress")]
    assert pushed, "no task_progress pushed"
    assert all(p["task_id"] == task["id"] for p in pushed)
    progress = [p["progress"] for p in pushed]
    assert progress[0] == 0 and progress[-1] == 100
    assert progress == sorted(progress) and all(0 <= p <= 100 for p in progress)
    assert pushed[-1]["status"] == "complete" and pushed[0]["status"] == "running"
    assert all(p["description"] == task["description"] for p in pushed)

    again = client.get(f"/api/tasks/{task['id']}", headers=headers).json
    assert again["status"] == "complete" and again["progress"] == 100
    assert again["result_url"] == f"/api/tasks/{task['id']}/result"
    listed = client.get("/api/tasks", headers=headers).json["items"]
    assert [t["id"] for t in listed] == [task["id"]]

    download = client.get(again["result_url"], headers=headers)
    assert download.status_code == 200
    assert download.mimetype == "application/json"
    assert "posts.json" in download.headers["Content-Disposition"]
    document = json.loads(download.data)
    assert list(document) == ["posts"]
    assert [p["body"] for p in document["posts"]] == ["My post 0", "My post 1", "My post 2"]
    assert all(p["timestamp"].endswith("Z") for p in document["posts"])

    (mail,) = mailbox.wait_for("writer@example.com")
    attachments = list(mail.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["posts.json"]
    assert json.loads(attachments[0].get_content()) == document
    assert mail.get_body(preferencelist=("plain",)) and mail.get_body(preferencelist=("html",))


def test_exporting_no_posts_gives_an_empty_list(client, app, make_user, auth_headers, mailbox):
    headers = auth_headers(make_user("quiet"))
    task = start_export(client, headers).json
    assert task["status"] == "complete"
    assert json.loads(client.get(task["result_url"], headers=headers).data) == {"posts": []}
    mailbox.wait_for("quiet@example.com")


def test_a_failing_export_ends_failed_and_says_why(
    client, app, make_user, auth_headers, mailbox, monkeypatch, export_dir
):
    def explode(user, document):
        raise RuntimeError("the mail relay is on fire")

    original = exports._send_export_email
    monkeypatch.setattr(exports, "_send_export_email", explode)
    writer = make_user("writer")
    make_posts(app, writer, count=2)
    headers = auth_headers(writer)
    sock = connect(app, client, writer)

    task = start_export(client, headers).json
    assert task["status"] == "failed"
    assert task["error"] == "the mail relay is on fire"
    assert task["result_url"] is None
    last = notifications(sock, "task_progress")[-1]["data"]
    assert last["status"] == "failed" and last["error"] == "the mail relay is on fire"
    assert last["task_id"] == task["id"]
    result = client.get(f"/api/tasks/{task['id']}/result", headers=headers)
    assert result.status_code == 404 and result.is_json
    assert list(export_dir.glob("*")) == []  # no half-finished file left behind
    # a failed export does not block the next one
    monkeypatch.setattr(exports, "_send_export_email", original)
    assert start_export(client, headers).json["status"] == "complete"


# --- one at a time


@pytest.mark.parametrize("status", ["running", "queued"])
def test_one_export_at_a_time(client, app, make_user, auth_headers, status):
    writer = make_user()
    add_task(app, writer, status)
    response = start_export(client, auth_headers(writer))
    assert response.status_code == 409
    assert response.json["error"] == "Conflict" and response.json["message"]
    assert row_counts(app)["tasks"] == 1
    # someone else's running export is no obstacle
    assert start_export(client, auth_headers(make_user())).status_code == 202


@pytest.mark.parametrize("status", ["running", "queued"])
def test_a_task_whose_job_was_lost_stops_blocking(client, app, make_user, auth_headers, status):
    """A queued/running task older than the job timeout lost its job: fail it, start anew."""
    writer = make_user()
    stale_id = add_task(app, writer, status)
    with app.app_context():
        task = db.session.get(Task, stale_id)
        task.created_at = utcnow() - timedelta(seconds=app.config["STALE_TASK_SECONDS"] + 1)
        db.session.commit()
    headers = auth_headers(writer)
    assert start_export(client, headers).status_code == 202
    stale = client.get(f"/api/tasks/{stale_id}", headers=headers).json
    assert stale["status"] == "failed" and stale["error"]


def test_two_racing_exports_start_only_one(client, app, make_user, auth_headers, monkeypatch):
    """Both requests pass the "already running?" check; the database lets one through."""
    writer = make_user()
    add_task(app, writer, "running")
    # The second request of a race: it saw no active task.
    monkeypatch.setattr(exports, "expire_if_stale", lambda task: True)
    response = start_export(client, auth_headers(writer))
    assert response.status_code == 409
    assert row_counts(app)["tasks"] == 1


@pytest.mark.parametrize("status", ["complete", "failed"])
def test_finished_exports_do_not_block(client, app, make_user, auth_headers, status):
    writer = make_user()
    add_task(app, writer, status)
    assert start_export(client, auth_headers(writer)).status_code == 202
    assert row_counts(app)["tasks"] == 2


# --- requests


@pytest.mark.parametrize(
    "payload", [{"name": "delete_everything"}, {}, {"name": ""}, {"name": 3}, {"name": None}]
)
def test_unknown_task_name_is_422(client, app, make_user, auth_headers, payload):
    response = client.post("/api/tasks", json=payload, headers=auth_headers(make_user()))
    assert response.status_code == 422
    assert "name" in response.json["errors"]
    assert row_counts(app)["tasks"] == 0


def test_unconfirmed_and_anonymous_cannot_start(client, app, make_user, auth_headers):
    pending = auth_headers(make_user(confirmed=False))
    assert start_export(client, pending).status_code == 403
    assert start_export(client, {}).status_code == 401
    assert row_counts(app)["tasks"] == 0
    assert client.get("/api/tasks", headers=pending).json["items"] == []


def test_someone_elses_task_is_404(client, app, make_user, auth_headers):
    owner_h, other_h = auth_headers(make_user("owner")), auth_headers(make_user("other"))
    task = start_export(client, owner_h).json
    for url in (f"/api/tasks/{task['id']}", f"/api/tasks/{task['id']}/result"):
        response = client.get(url, headers=other_h)
        assert response.status_code == 404
        assert response.is_json and response.json["error"] == "Not Found"
        assert client.get(url, headers=owner_h).status_code == 200
        assert client.get(url).status_code == 401
    assert client.get("/api/tasks", headers=other_h).json["items"] == []
    for url in ("/api/tasks/nope", "/api/tasks/nope/result"):
        assert client.get(url, headers=owner_h).status_code == 404


def test_tasks_list_newest_first(client, app, make_user, auth_headers):
    writer = make_user()
    old = add_task(app, writer, "complete")
    headers = auth_headers(writer)
    new = start_export(client, headers).json["id"]
    assert [t["id"] for t in client.get("/api/tasks", headers=headers).json["items"]] == [new, old]


def test_a_running_task_has_no_result_yet(client, app, make_user, auth_headers):
    writer = make_user()
    task_id = add_task(app, writer, "running")
    headers = auth_headers(writer)
    task = client.get(f"/api/tasks/{task_id}", headers=headers).json
    assert task["status"] == "running" and task["progress"] == 40 and task["result_url"] is None
    assert client.get(f"/api/tasks/{task_id}/result", headers=headers).status_code == 404


# --- Redis down


@pytest.fixture
def redis_down(app, monkeypatch):
    """The stack's configuration with its Redis gone (nothing listens on the port)."""
    monkeypatch.setitem(app.config, "TASK_RUNNER", "rq")
    monkeypatch.setitem(app.config, "REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")


def test_while_redis_is_down_exports_answer_503_and_the_rest_works(
    client, app, make_user, auth_headers, mailbox, redis_down
):
    author = make_user("author")
    headers = auth_headers(author)
    response = start_export(client, headers)
    assert response.status_code == 503
    assert response.is_json
    assert "try again shortly" in response.json["message"]
    assert row_counts(app)["tasks"] == 0

    # emails fall back to an in-process send
    response = client.post(
        "/api/users",
        json={"username": "newbie", "email": "newbie@example.com", "password": PASSWORD},
    )
    assert response.status_code == 201
    (mail,) = mailbox.wait_for("newbie@example.com")
    assert "/confirm/" in mail.get_body(preferencelist=("plain",)).get_content()

    # and the rest of the API keeps working
    assert client.get("/api/posts").status_code == 200
    assert (
        client.post("/api/posts", json={"body": "still here"}, headers=headers).status_code == 201
    )
    assert client.post("/api/users/newbie/follow", headers=headers).status_code == 204
    message = {"recipient": "newbie", "body": "hi"}
    assert client.post("/api/messages", json=message, headers=headers).status_code == 201
    assert client.get("/api/me", headers=headers).json["username"] == "author"
    assert client.get("/api/tasks", headers=headers).status_code == 200


def test_deleting_the_account_deletes_its_exports(client, app, make_user, auth_headers, export_dir):
    writer = make_user("writer")
    make_posts(app, writer, count=2)
    headers = auth_headers(writer)
    assert start_export(client, headers).json["status"] == "complete"
    assert len(list(export_dir.glob("*.json"))) == 1
    response = client.delete("/api/me", json={"password": PASSWORD}, headers=headers)
    assert response.status_code == 204
    assert row_counts(app)["tasks"] == 0
    assert list(export_dir.glob("*")) == []  # the file held the account's posts
