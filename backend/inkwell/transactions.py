"""GET requests on PostgreSQL read in autocommit: no BEGIN, no closing ROLLBACK.

Each is a network round trip (py-spy: a third of a feed request's). Reads need no
transaction; a GET that does write (last_seen) opens one explicitly at its first flush, so
its writes stay atomic and a failing view still rolls them back.
"""

from flask import g, has_app_context, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from .extensions import db

NO_DATABASE_PATHS = (
    "/api/health",
    "/api/ready",
    "/api/client-config",
    "/api/docs",
    "/api/openapi.json",
)


def read_in_autocommit():
    if request.method != "GET" or not request.path.startswith("/api/"):
        return
    if request.path.startswith(NO_DATABASE_PATHS):
        return
    db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    g.autocommit_reads = True


def begin_before_writing(session, flush_context, instances):
    if not has_app_context() or not g.get("autocommit_reads") or g.get("writing"):
        return
    # psycopg sends COMMIT/ROLLBACK for an open server transaction even in autocommit mode.
    session.connection().exec_driver_sql("BEGIN")
    g.writing = True


def transaction_ended(session):
    if has_app_context() and g.get("writing"):
        g.writing = False


SESSION_LISTENERS = (
    ("before_flush", begin_before_writing),
    ("after_commit", transaction_ended),
    ("after_rollback", transaction_ended),
)


def install_autocommit_reads(app):
    app.before_request(read_in_autocommit)
    # Session events are process-wide; each listener acts only where its app's request set
    # g.autocommit_reads, so one registration serves every app of the process.
    for name, listener in SESSION_LISTENERS:
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
