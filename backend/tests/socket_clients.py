"""In-process Socket.IO clients (Flask-SocketIO's test client) for asserting pushes.

TestingConfig runs Socket.IO in threading mode without a message queue, so an emit made
while handling a test-client request is queued for these clients before the request returns.
"""

from devstack.testing import login


def connect(app, client, user):
    """A connected socket of `user` (a new login: a new session family, like a new tab)."""
    token = login(client, user.username)
    socketio = app.extensions["socketio"]  # each app has its own Socket.IO server
    sock = socketio.test_client(app, flask_test_client=client, auth={"token": token})
    assert sock.is_connected(), "socket connect refused"
    return sock


def received(sock, name=None):
    """[(event, payload)] pushed since the last call, optionally only events called `name`."""
    events = []
    for packet in sock.get_received():
        args = packet["args"]
        # The test client keeps "message"/"json" payloads bare and other events as a list.
        payload = args if packet["name"] in ("message", "json") else args[0]
        events.append((packet["name"], payload))
    return [e for e in events if name is None or e[0] == name]


def notifications(sock, name=None):
    """The `notification` payloads pushed since the last call, optionally of one name."""
    return [p for _, p in received(sock, "notification") if name is None or p["name"] == name]
