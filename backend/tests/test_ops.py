"""Operations: health and readiness, logging, error emails, slow queries, API docs, limits,
and the documented environment (.env.example).

Tests that need other settings build a second app; it shares the module-level extensions with
the session `app`, which must keep working afterwards.
"""

import logging
import os
import re
import subprocess
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from inkwell import create_app
from inkwell.config import ProductionConfig, TestingConfig
from inkwell.extensions import db
from inkwell.models import Role, User

BACKEND_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BACKEND_DIR.parent
DEAD_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:1/inkwell?connect_timeout=1"


class Records(logging.Handler):
    """Collects the records of one logger while attached."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def records():
    attached = []

    def attach(name):
        handler = Records()
        logging.getLogger(name).addHandler(handler)
        attached.append((name, handler))
        return handler.records

    yield attach
    for name, handler in attached:
        logging.getLogger(name).removeHandler(handler)


@pytest.fixture
def other_app(tmp_path):
    """Build extra apps (own settings, own database); their engines are closed afterwards."""
    apps = []

    def make(config=TestingConfig, **overrides):
        overrides.setdefault("SQLALCHEMY_DATABASE_URI", f"sqlite:///{tmp_path / 'other.db'}")
        overrides.setdefault("MAIL_OUTBOX_DIR", str(tmp_path / "outbox"))
        overrides.setdefault("PASSWORD_HASH_METHOD", "scrypt:1024:8:1")
        app = create_app(config, **overrides)
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


# --- health and readiness ---------------------------------------------------------------------


def test_health(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_ready_with_the_database(client):
    response = client.get("/api/ready")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["database"] == "ok"


def test_ready_is_a_json_503_when_the_database_is_unreachable(other_app, client):
    dead = other_app(SQLALCHEMY_DATABASE_URI=DEAD_POSTGRES).test_client()
    response = dead.get("/api/ready")
    assert response.status_code == 503
    assert response.is_json
    assert response.json == {
        "error": "Service Unavailable",
        "message": "The database is unavailable.",
    }
    assert dead.get("/api/health").status_code == 200  # the process itself is alive
    # The session app is untouched by the second one.
    assert client.get("/api/ready").status_code == 200


def test_ready_recovers_without_a_restart(other_app, tmp_path):
    folder = tmp_path / "not-yet"
    app = other_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'inkwell.db'}")
    client = app.test_client()
    assert client.get("/api/ready").status_code == 503
    folder.mkdir()
    assert client.get("/api/ready").status_code == 200


# --- logging ----------------------------------------------------------------------------------


def test_logs_go_to_stdout_by_default():
    env = {k: v for k, v in os.environ.items() if k not in ("LOG_FILE", "INKWELL_CONFIG")}
    script = (
        "from inkwell import create_app\n"
        "from inkwell.config import TestingConfig\n"
        "app = create_app(TestingConfig)\n"
        "app.logger.warning('hello from the app')\n"
        "import logging; logging.getLogger('inkwell.sql').warning('hello from a module')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BACKEND_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING inkwell [-] hello from the app" in done.stdout
    assert "WARNING inkwell.sql [-] hello from a module" in done.stdout
    assert "hello" not in done.stderr


def test_logs_go_to_a_rotating_file_when_configured(other_app, app, tmp_path):
    log_file = tmp_path / "inkwell.log"
    file_app = other_app(LOG_FILE=str(log_file))
    assert any(
        isinstance(h, RotatingFileHandler) and h.baseFilename == str(log_file)
        for h in file_app.extensions["inkwell.log_handlers"]
    )
    with file_app.test_request_context("/api/somewhere"):
        file_app.logger.warning("written to the file")
        logging.getLogger("inkwell.tasks").error("a module logger too")
    text = log_file.read_text()
    assert "WARNING inkwell [GET /api/somewhere] written to the file" in text
    assert "ERROR inkwell.tasks [GET /api/somewhere] a module logger too" in text

    # Another app of the same process keeps its own destination.
    with app.app_context():
        app.logger.warning("session app record")
        logging.getLogger("inkwell.sql").warning("session app module record")
    assert "session app" not in log_file.read_text()


def test_log_level_comes_from_the_configuration(other_app, tmp_path):
    log_file = tmp_path / "quiet.log"
    quiet = other_app(LOG_FILE=str(log_file), LOG_LEVEL="ERROR")
    with quiet.app_context():
        quiet.logger.warning("not written")
        quiet.logger.error("written")
    text = log_file.read_text()
    assert "written" in text
    assert "not written" not in text


# --- error emails -----------------------------------------------------------------------------


@pytest.fixture
def production_app(new_database, smtp_server, tmp_path):
    app = create_app(
        ProductionConfig,
        SQLALCHEMY_DATABASE_URI=new_database(),
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp_server.port,
        INKWELL_ADMIN_EMAIL="ops@example.com",
        PASSWORD_HASH_METHOD="scrypt:1024:8:1",
        LOG_FILE=str(tmp_path / "production.log"),
        MAIL_OUTBOX_DIR=str(tmp_path / "outbox"),
    )
    with app.app_context():
        db.create_all()
        Role.insert_roles()
    state = {}

    @app.get("/api/test-only/boom")
    def boom():
        user = User(username="ghost", email="ghost@example.com")
        db.session.add(user)
        db.session.flush()  # a write in progress when the view fails
        raise RuntimeError("kaboom: something broke")

    @app.teardown_request
    def record_session_state(_exc):
        state["in_transaction"] = db.session().in_transaction()

    app.session_state = state
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def test_unhandled_error_is_a_json_500_rolled_back_logged_and_emailed(production_app, mailbox):
    client = production_app.test_client()
    response = client.get("/api/test-only/boom")
    assert response.status_code == 500
    assert response.is_json
    assert response.json == {
        "error": "Internal Server Error",
        "message": "An unexpected error happened; it has been logged.",
    }
    assert "kaboom" not in response.get_data(as_text=True)  # no internals to the client
    assert production_app.session_state["in_transaction"] is False
    with production_app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 0

    report = mailbox.wait_for("ops@example.com")[0]
    assert report["Subject"] == "[Inkwell] Application error"
    body = report.get_body(preferencelist=("plain",)).get_content()
    assert "RuntimeError: kaboom: something broke" in body
    assert "/api/test-only/boom" in body
    log_text = Path(production_app.config["LOG_FILE"]).read_text()
    assert "RuntimeError: kaboom: something broke" in log_text
    # One error, one report (not one per logger that saw it).
    with pytest.raises(AssertionError):
        mailbox.wait_for("ops@example.com", count=2, timeout=0.5)
    assert client.get("/api/health").status_code == 200


def test_handled_errors_send_no_email(production_app, mailbox):
    client = production_app.test_client()
    assert client.get("/api/posts/999999").status_code == 404
    assert client.post("/api/tokens", json={"login": "x", "password": "y"}).status_code == 401
    with pytest.raises(AssertionError):
        mailbox.wait_for("ops@example.com", timeout=0.5)


def test_no_error_emails_outside_production(app, mailbox):
    assert not app.config["ERROR_EMAILS"]
    with app.app_context():
        app.logger.error("an error in testing")
    with pytest.raises(AssertionError):
        mailbox.wait_for(app.config["INKWELL_ADMIN_EMAIL"], timeout=0.3)


# --- slow-query log ---------------------------------------------------------------------------


def test_slow_query_log_records_every_statement_at_threshold_zero(other_app, records):
    app = other_app(SLOW_QUERY_SECONDS=0)
    with app.app_context():
        db.create_all()
        engine = db.engine
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sql_log = records("inkwell.sql")
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert app.test_client().get("/api/users?q=ali").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert statements
    assert len(sql_log) == len(statements)
    assert all(r.levelno == logging.WARNING and r.name == "inkwell.sql" for r in sql_log)
    for statement, record_ in zip(statements, sql_log, strict=True):
        assert statement in record_.getMessage()
    assert any("FROM users" in r.getMessage() for r in sql_log)


def test_fast_requests_log_no_slow_query_by_default(app, client, make_user, records):
    assert app.config["SLOW_QUERY_SECONDS"] == 0.5
    make_user("alice")
    sql_log = records("inkwell.sql")
    assert client.get("/api/users/alice").status_code == 200
    assert client.get("/api/posts").status_code == 200
    assert sql_log == []


# --- API documentation ------------------------------------------------------------------------


def test_openapi_document(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Inkwell API"
    assert "/api/health" in document["paths"]
    assert "bearerAuth" in document["components"]["securitySchemes"]


def test_docs_page_loads_only_local_assets(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert any(u.endswith(".js") for u in urls) and any(u.endswith(".css") for u in urls)
    # No CDN: nothing in the page points at another host.
    assert not re.search(r"(https?:)?//[A-Za-z0-9]", html), html
    for url in urls:
        assert url.startswith("/"), url
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert asset.content_length or asset.get_data()


# --- request size -----------------------------------------------------------------------------


def test_request_body_over_one_mib_is_a_json_413(client):
    body = b'{"username": "' + b"x" * (1024 * 1024) + b'"}'
    response = client.post("/api/users", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.json["error"] == "Request Entity Too Large"
    assert response.json["message"]


def test_request_body_just_under_one_mib_is_read(client):
    body = b'{"username": "' + b"x" * (1024 * 1024 - 100) + b'"}'
    response = client.post("/api/users", data=body, content_type="application/json")
    assert response.status_code == 422  # read and validated, not refused for its size


# --- the documented environment ---------------------------------------------------------------

SPEC_VARIABLES = [
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "MAIL_SERVER",
    "MAIL_PORT",
    "MAIL_USE_TLS",
    "MAIL_USERNAME",
    "MAIL_PASSWORD",
    "MAIL_SENDER",
    "FRONTEND_URL",
    "INKWELL_ADMIN_EMAIL",
    "SOCKETIO_ASYNC_MODE",
    "TRANSLATE_URL",
]


ENTRY = re.compile(r"^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$")


def env_example():
    """{name: (value, comment above it)} from .env.example; "# NAME=" lines count (unset)."""
    entries, comment = {}, []
    for line in (REPO_DIR / ".env.example").read_text().splitlines():
        stripped = line.strip()
        entry = ENTRY.match(stripped)
        if entry:
            value = None if entry.group(1) else entry.group(3).strip()
            entries[entry.group(2)] = (value, " ".join(c for c in comment if c))
            comment = []
        elif stripped.startswith("#"):
            comment.append(stripped.lstrip("# ").strip())
        elif not stripped:
            comment = []
    return entries


def variables_read_by_config():
    source = (BACKEND_DIR / "inkwell" / "config.py").read_text()
    pattern = r"""(?:os\.environ\.get|os\.getenv|os\.environ\[|env_\w+)\(?\s*["']([A-Z0-9_]+)["']"""
    return set(re.findall(pattern, source))


def test_env_example_documents_every_variable():
    entries = env_example()
    read = variables_read_by_config()
    assert {"SECRET_KEY", "DATABASE_URL", "LOG_FILE"} <= read  # the pattern finds them
    missing = (read | set(SPEC_VARIABLES)) - set(entries)
    assert not missing, f"not in .env.example: {sorted(missing)}"
    undocumented = [name for name, (_, comment) in entries.items() if not comment]
    assert not undocumented, f"no comment above: {undocumented}"


def test_env_example_holds_no_real_secrets():
    entries = env_example()
    for name in ("SECRET_KEY", "JWT_SECRET_KEY", "MAIL_PASSWORD"):
        value = entries.get(name, ("", ""))[0] or ""
        assert value == "" or "change" in value.lower(), (name, value)
    for name, (value, _) in entries.items():
        assert not re.search(r"://[^/@\s]+:[^/@\s]+@", value or ""), f"{name} carries a password"


def test_env_example_copied_to_env_gives_a_working_configuration(tmp_path):
    """Its values (empty ones included) must not break the defaults they stand for."""
    values = {name: value for name, (value, _) in env_example().items() if value is not None}
    env = {k: v for k, v in os.environ.items() if k not in env_example()} | values
    script = (
        "from inkwell import create_app\n"
        "app = create_app()\n"
        "c = app.config\n"
        "assert c['SQLALCHEMY_DATABASE_URI'].endswith('inkwell.db'), c['SQLALCHEMY_DATABASE_URI']\n"
        "assert c['FRONTEND_DIST'].endswith('dist') and c['MAIL_OUTBOX_DIR'].endswith('outbox')\n"
        "assert c['MAIL_SERVER'] is None and c['TASK_RUNNER'] == 'thread', c['TASK_RUNNER']\n"
        "assert c['RATELIMIT_STORAGE_URI'] == 'memory://' and c['LOG_FILE'] is None\n"
        "assert app.test_client().get('/api/health').json == {'status': 'ok'}\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BACKEND_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
