"""Fixtures shared by the whole backend suite.

The database is SQLite by default; with INKWELL_TEST_DB=postgres the suite creates its own
PostgreSQL database on TEST_POSTGRES_URL and drops it at the end. Mail goes to a real SMTP
server (aiosmtpd) started for the session.

Plain helpers the test modules share (login, bearer, the mail readers...) are not here but in
devstack.testing: test modules import them from there, never from conftest.
"""

import contextlib
import email
import email.policy
import os
import re
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import event

from devstack.processes import free_port
from devstack.testing import PASSWORD, bearer, login, postgres_database
from inkwell import create_app
from inkwell.config import TestingConfig
from inkwell.extensions import db, limiter
from inkwell.models import Role, User

# --- database -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def database_backend():
    return os.environ.get("INKWELL_TEST_DB", "sqlite")


@pytest.fixture(scope="session")
def new_database(database_backend, tmp_path_factory):
    """A factory of empty databases of the backend under test (for migration tests)."""
    stack = contextlib.ExitStack()

    def make():
        if database_backend == "postgres":
            return stack.enter_context(postgres_database())
        path = tmp_path_factory.mktemp("db") / "inkwell.db"
        return f"sqlite:///{path}"

    with stack:
        yield make


# --- mail -------------------------------------------------------------------------------------


class Mailbox:
    """Collects every message the SMTP server receives."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def clear(self):
        with self.lock:
            self.messages.clear()

    def to(self, address):
        with self.lock:
            return [m for m in self.messages if address.lower() in m["To"].lower()]

    def wait_for(self, address, count=1, timeout=5.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"no email to {address} within {timeout}s")


@pytest.fixture(scope="session")
def smtp_server():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def mailbox(smtp_server):
    smtp_server.handler.clear()
    return smtp_server.handler


# --- application ------------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """The .mo files are build products (not committed): compile them as `make` does."""
    from inkwell.i18n import compile_catalogs

    return compile_catalogs()


@pytest.fixture(scope="session")
def app(new_database, smtp_server, tmp_path_factory):
    app = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=new_database(),
        # Hashing cost only: scrypt still, with a small work factor so the suite stays fast.
        PASSWORD_HASH_METHOD="scrypt:1024:8:1",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp_server.port,
        MAIL_OUTBOX_DIR=str(tmp_path_factory.mktemp("outbox")),
        # Any test may start an export (eager jobs): never write into the checkout's instance/.
        EXPORT_DIR=str(tmp_path_factory.mktemp("exports")),
        MEDIA_DIR=str(tmp_path_factory.mktemp("media")),
    )
    with app.app_context():
        db.create_all()
        Role.insert_roles()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def clean_state(app):
    """Every test starts with no users or content (roles stay) and fresh rate limits."""
    yield
    with app.app_context():
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            if table.name != "roles":
                db.session.execute(table.delete())
        db.session.commit()
        db.session.remove()
    limiter.reset()


@pytest.fixture
def client(app):
    return app.test_client()


# --- users and tokens --------------------------------------------------------------------------


@pytest.fixture
def make_user(app):
    counter = iter(range(1, 1_000_000))

    def make(username=None, role="User", confirmed=True, password=PASSWORD, **fields):
        n = next(counter)
        username = username or f"user{n}"
        with app.app_context():
            role_obj = db.session.scalar(db.select(Role).filter_by(name=role))
            user = User(
                username=username,
                email=fields.pop("email", f"{username.lower()}@example.com"),
                role=role_obj,
                confirmed=confirmed,
                **fields,
            )
            user.password = password
            db.session.add(user)
            db.session.commit()
            db.session.expunge(user)
        return user

    return make


@pytest.fixture
def auth_headers(client):
    """Log a user in through the API and return its Authorization header."""

    def headers_for(user, password=PASSWORD):
        return bearer(login(client, user.username, password))

    return headers_for


# --- SQL statement counting --------------------------------------------------------------------


class StatementLog:
    def __init__(self):
        self.statements = []

    def __len__(self):
        return len(self.statements)

    def counts(self):
        """Statements that are a COUNT query (not rows carrying a counter subquery)."""
        return [s for s in self.statements if re.match(r"\s*SELECT count\(", s, re.IGNORECASE)]


@pytest.fixture
def count_queries(app):
    """`with count_queries() as log:` records every SQL statement sent in the block."""

    @contextlib.contextmanager
    def counting():
        log = StatementLog()
        with app.app_context():
            engine = db.engine

        def record(conn, cursor, statement, parameters, context, executemany):
            log.statements.append(statement)

        event.listen(engine, "before_cursor_execute", record)
        try:
            yield log
        finally:
            event.remove(engine, "before_cursor_execute", record)

    return counting
