"""Logging: stdout (or a rotating file), error emails to admins, and slow queries."""

import logging
import sys
import time
from logging.handlers import RotatingFileHandler

from flask import current_app, has_app_context, has_request_context, request
from sqlalchemy import event

from .services.email import send_email

log = logging.getLogger("inkwell.sql")


class RequestFormatter(logging.Formatter):
    def format(self, record):
        record.request = f"{request.method} {request.path}" if has_request_context() else "-"
        return super().format(record)


class AdminEmailHandler(logging.Handler):
    """Email error reports to the admin, through the same job path as every email."""

    def __init__(self, app):
        super().__init__(level=logging.ERROR)
        self.app = app

    def emit(self, record):
        admin = self.app.config.get("INKWELL_ADMIN_EMAIL")
        if not admin or record.name.startswith("inkwell.tasks"):
            return
        try:
            with self.app.app_context():
                send_email(
                    admin,
                    "Application error",
                    "error_report",
                    summary=record.getMessage(),
                    details=self.format(record),
                )
        except Exception:  # never let reporting an error raise another
            self.handleError(record)


class CurrentAppHandler(logging.Handler):
    """The one handler of the shared "inkwell" logger: hands each record to its app's handlers.

    Every Flask app named "inkwell" shares that logger (app.logger is it) and the module
    loggers under it, so handlers set per app would be overwritten by the next app built in
    the process (tests build several): its log file, level and error emails would capture
    the others' records. Each app keeps its own handlers in app.extensions instead; records
    outside any app context go to the most recently configured app's.
    """

    fallback = ()

    def emit(self, record):
        handlers = (
            current_app.extensions.get("inkwell.log_handlers", ())
            if has_app_context()
            else self.fallback
        )
        for handler in handlers:
            if record.levelno >= handler.level:
                handler.handle(record)


dispatcher = CurrentAppHandler()


def configure_logging(app):
    formatter = RequestFormatter("%(asctime)s %(levelname)s %(name)s [%(request)s] %(message)s")
    level = logging.getLevelName(str(app.config["LOG_LEVEL"]).upper())
    handler = (
        RotatingFileHandler(app.config["LOG_FILE"], maxBytes=10 * 1024 * 1024, backupCount=5)
        if app.config["LOG_FILE"]
        else logging.StreamHandler(sys.stdout)  # the default stream is stderr
    )
    handler.setFormatter(formatter)
    handler.setLevel(level)
    handlers = [handler]
    if app.config["ERROR_EMAILS"] and not app.testing:
        mailer = AdminEmailHandler(app)
        mailer.setFormatter(formatter)
        handlers.append(mailer)
    app.extensions["inkwell.log_handlers"] = handlers
    CurrentAppHandler.fallback = handlers

    root = logging.getLogger("inkwell")  # the same logger object as app.logger
    root.handlers = [dispatcher]
    root.propagate = False
    # The logger lets through what the most verbose app wants; each app's handlers filter.
    configured = [level] + ([root.level] if root.level != logging.NOTSET else [])
    root.setLevel(min(configured))


def install_slow_query_log(app, engine):
    threshold = app.config["SLOW_QUERY_SECONDS"]

    @event.listens_for(engine, "before_cursor_execute")
    def start_timer(conn, cursor, statement, parameters, context, executemany):
        # On the execution context: a statement that raises leaves nothing behind.
        context._inkwell_query_start = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def log_slow(conn, cursor, statement, parameters, context, executemany):
        elapsed = time.perf_counter() - context._inkwell_query_start
        if elapsed >= threshold:
            log.warning("slow query (%.3f s): %s", elapsed, statement)
