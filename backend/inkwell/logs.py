"""Logging: stdout (or a rotating file), error emails to admins, and slow queries."""

import logging
import time
from logging.handlers import RotatingFileHandler

from flask import has_request_context, request
from sqlalchemy import event

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
            from .services.email import send_email

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


def configure_logging(app):
    formatter = RequestFormatter("%(asctime)s %(levelname)s %(name)s [%(request)s] %(message)s")
    handler = (
        RotatingFileHandler(app.config["LOG_FILE"], maxBytes=10 * 1024 * 1024, backupCount=5)
        if app.config["LOG_FILE"]
        else logging.StreamHandler()
    )
    handler.setFormatter(formatter)
    root = logging.getLogger("inkwell")
    root.handlers = [handler]
    root.setLevel(app.config["LOG_LEVEL"])
    root.propagate = False
    app.logger.handlers = [handler]
    app.logger.setLevel(app.config["LOG_LEVEL"])
    if app.config["ERROR_EMAILS"] and not app.testing:
        mailer = AdminEmailHandler(app)
        mailer.setFormatter(formatter)
        app.logger.addHandler(mailer)
        root.addHandler(mailer)


def install_slow_query_log(app, engine):
    threshold = app.config["SLOW_QUERY_SECONDS"]

    @event.listens_for(engine, "before_cursor_execute")
    def start_timer(conn, cursor, statement, parameters, context, executemany):
        conn.info.setdefault("query_start", []).append(time.perf_counter())

    @event.listens_for(engine, "after_cursor_execute")
    def log_slow(conn, cursor, statement, parameters, context, executemany):
        elapsed = time.perf_counter() - conn.info["query_start"].pop()
        if elapsed >= threshold:
            log.warning("slow query (%.3f s): %s", elapsed, statement)
