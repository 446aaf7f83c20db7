"""Socket.IO delivery: pushes to users' rooms, carried between API workers by Redis.

Services call `emit` and `rooms`; the connection handlers live with the other entry points
(api/sockets.py). Per-app state (this app's Socket.IO server, the sockets this process
holds, the in-memory socket registry of embedded mode) lives in app.extensions.
"""

import sys
from dataclasses import dataclass, field

from flask_socketio import SocketIO

from ..signals import sessions_revoked
from .emit import disconnect_sessions
from .redis_manager import ResyncingRedisManager
from .registry import MemoryRegistry
from .room_index import IndexedManager
from .state import STATE_KEY


@dataclass
class RealtimeState:
    socketio: SocketIO  # this app's; also app.extensions["socketio"]
    local_sockets: dict = field(default_factory=dict)  # sid -> (user id, session id)
    watched: dict = field(default_factory=dict)  # sid -> rooms joined by watch_post/_user
    memory_registry: MemoryRegistry = field(default_factory=MemoryRegistry)

    @property
    def server(self):
        return self.socketio.server


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


TRANSPORTS = ("polling", "websocket")


def init_realtime(app):
    """This app's Socket.IO server; returns it for the entry points to register handlers."""
    unknown = set(app.config["SOCKETIO_TRANSPORTS"]) - set(TRANSPORTS)
    if unknown or not app.config["SOCKETIO_TRANSPORTS"]:
        raise ValueError(f"SOCKETIO_TRANSPORTS must name polling and/or websocket, not {unknown}")
    origins = app.config["CORS_ORIGINS"] or []
    options = {"client_manager": IndexedManager()}
    if app.config["REDIS_URL"]:
        options["client_manager"] = ResyncingRedisManager(
            app.config["REDIS_URL"],
            channel=app.config["SOCKETIO_CHANNEL"],
            redis_options={"socket_connect_timeout": 1, "socket_keepalive": True},
        )
    socketio = SocketIO(
        app,
        async_mode=resolve_async_mode(app),
        # "websocket" alone lets a deployment drop sticky sessions (SOCKETIO_TRANSPORTS).
        transports=app.config["SOCKETIO_TRANSPORTS"],
        **options,
        # Same-origin through nginx; cross-origin only for configured origins. None, not []:
        # python-engineio reads [] as "skip the Origin check", letting any site's page open a
        # socket here; None checks the Origin against Host (and X-Forwarded-Proto/Host).
        cors_allowed_origins=origins or None,
        logger=False,
        engineio_logger=False,
    )
    app.extensions[STATE_KEY] = RealtimeState(socketio=socketio)
    sessions_revoked.connect(_disconnect_revoked_sessions, sender=app)
    return socketio


def _disconnect_revoked_sessions(app, session_ids):
    disconnect_sessions(session_ids)
