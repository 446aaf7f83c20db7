"""Socket.IO: authenticated connections, one room per user, pushes carried by Redis."""

import logging
import sys

from flask import current_app

from ..extensions import socketio

log = logging.getLogger(__name__)


def resolve_async_mode(app):
    """The configured async mode, unless this process cannot honour it.

    eventlet only works once monkey patching happened first thing in the process (serve.py
    does it); CLI commands, the RQ worker and tests fall back to threading rather than
    blocking on unpatched sockets.
    """
    mode = app.config["SOCKETIO_ASYNC_MODE"]
    # Patching imports the library first, so an unimported one cannot have patched anything
    # (and importing eventlet here would print its deprecation warning in every CLI run).
    if mode == "eventlet":
        patcher = sys.modules.get("eventlet.patcher")
        if patcher is None or not patcher.is_monkey_patched("socket"):
            return "threading"
    if mode == "gevent":
        monkey = sys.modules.get("gevent.monkey")
        if monkey is None or not monkey.is_module_patched("socket"):
            return "threading"
    return mode


def init_realtime(app):
    from . import handlers  # noqa: F401  (registers the event handlers)
    from .emit import disconnect_sessions

    origins = app.config["CORS_ORIGINS"] or []
    socketio.init_app(
        app,
        async_mode=resolve_async_mode(app),
        message_queue=app.config["REDIS_URL"] or None,
        channel=app.config["SOCKETIO_CHANNEL"],
        # Same-origin through nginx; cross-origin only for configured origins. None, not []:
        # python-engineio reads [] as "skip the Origin check", letting any site's page open a
        # socket here; None checks the Origin against Host (and X-Forwarded-Proto/Host).
        cors_allowed_origins=origins or None,
        logger=False,
        engineio_logger=False,
    )
    from ..auth import on_sessions_revoked

    if disconnect_sessions not in _registered:
        on_sessions_revoked(disconnect_sessions)
        _registered.append(disconnect_sessions)


_registered = []


def async_mode():
    return current_app.extensions["socketio"].server.async_mode
