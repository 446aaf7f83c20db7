"""Clients that chat with a running stack (devstack.stack.Stack) the way a browser tab does.

- ChatClient: a python-socketio client that reconnects by itself, remembers every message
  pushed to it and the newest notification timestamp (the catch-up cursor); optionally from
  a loopback address of its own (`source_ip`), so that nginx's ip_hash spreads many local
  clients over the API workers as it would spread browsers from different networks.
- Sender: a thread that sends numbered messages until stopped.
- all_pages: every item of a paginated collection.

Used by the fault tests (tests/test_faults.py) and the chaos run (devstack.chaos).
"""

import contextlib
import queue
import socket
import threading
import time
from urllib.parse import urlsplit

import engineio
import requests
import socketio

from .testing import http_call


def all_pages(base_url, path, token):
    """Every item of the collection at /api`path`, following `_links.next`."""
    items, url = [], f"{path}{'&' if '?' in path else '?'}per_page=100"
    while url:
        response = http_call(base_url, "GET", url.removeprefix("/api"), token)
        assert response.status_code == 200, response.text
        items.extend(response.json()["items"])
        url = response.json()["_links"].get("next")
    return items


class _EngineIOClient(engineio.Client):
    """engineio's client, opening its websocket from `source_ip` when one is set.

    websocket-client has no source-address option, but takes a connected socket: one is made
    for every (re)connect attempt.
    """

    source_ip = None

    def _connect_websocket(self, url, headers, engineio_path):
        if self.source_ip is None:
            return super()._connect_websocket(url, headers, engineio_path)
        target = urlsplit(url)
        sock = None
        try:
            sock = socket.create_connection(
                (target.hostname, target.port or 80),
                timeout=self.request_timeout,
                source_address=(self.source_ip, 0),
            )
        except OSError as error:
            if sock is not None:
                sock.close()
            if self.sid:  # an upgrade attempt: engineio treats False as "stay on polling"
                return False
            raise engineio.exceptions.ConnectionError("Connection error") from error
        self.websocket_extra_options["socket"] = sock
        try:
            return super()._connect_websocket(url, headers, engineio_path)
        except BaseException:
            sock.close()
            raise
        finally:
            self.websocket_extra_options.pop("socket", None)


class _SocketIOClient(socketio.Client):
    """python-socketio's client, with two browser-like differences: it waits for the server
    to accept the namespace for `wait_timeout` seconds on every automatic reconnect too (the
    library's reconnect loop uses its 1 s default, which a busy worker that just restarted can
    miss, turning one reconnect into a storm of them), and it may leave from `source_ip`."""

    def __init__(self, *args, source_ip=None, wait_timeout=10, **kwargs):
        self.default_wait_timeout = wait_timeout
        super().__init__(*args, **kwargs)
        self.eio.source_ip = source_ip

    def _engineio_client_class(self):
        return _EngineIOClient

    def connect(self, *args, wait_timeout=None, **kwargs):
        return super().connect(
            *args, wait_timeout=wait_timeout or self.default_wait_timeout, **kwargs
        )


class ChatClient:
    """A python-socketio client as the SPA uses it: reconnects by itself, remembers the last
    notification timestamp (the catch-up cursor) and every message it heard live.

    Subclasses extend the `_connected`, `_disconnected`, `_message`, `_notification` and
    `_resync` handlers. `clock` timestamps connects and resyncs (monotonic by default).
    """

    clock = staticmethod(time.monotonic)

    def __init__(self, source_ip=None, reconnection_delay=0.2, randomization_factor=0.0):
        self.client = _SocketIOClient(
            reconnection=True,
            reconnection_delay=reconnection_delay,
            reconnection_delay_max=1,
            randomization_factor=randomization_factor,
            source_ip=source_ip,
        )
        self.source_ip = source_ip
        self.live = {}  # message id -> message, as pushed
        self.pushes = queue.Queue()
        self.connects = []  # clock times of every (re)connect
        self.resyncs = []  # clock times of every `resync` the server sent
        self.cursor = 0.0  # timestamp of the newest notification heard live
        self.cursor_at_disconnect = None
        self.lock = threading.Lock()
        self.client.on("connect", self._connected)
        self.client.on("disconnect", self._disconnected)
        self.client.on("message", self._message)
        self.client.on("notification", self._notification)
        self.client.on("resync", self._resync)

    def _connected(self):
        self.connects.append(self.clock())

    def _disconnected(self, *reason):
        with self.lock:
            if self.cursor_at_disconnect is None:
                self.cursor_at_disconnect = self.cursor

    def _message(self, data):
        with self.lock:
            self.live[data["id"]] = data
        self.pushes.put(data)

    def _notification(self, data):
        with self.lock:
            self.cursor = max(self.cursor, data["timestamp"])

    def _resync(self, *payload):
        self.resyncs.append(self.clock())

    def connect(self, url, token):
        """Connect with `token`, or with a callable returning the token to present on each
        (re)connect attempt."""
        auth = (lambda: {"token": token()}) if callable(token) else {"token": token}
        self.client.connect(url, auth=auth, transports=["websocket"], wait_timeout=10)
        return self

    def wait_live(self, count, timeout=10):
        deadline = time.monotonic() + timeout
        while len(self.live) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.live) >= count, f"{len(self.live)} of {count} messages heard live"

    def expect_message(self, message_id, timeout=5):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.pushes.get(timeout=0.1)["id"] == message_id:
                    return
            except queue.Empty:
                pass
        raise AssertionError(f"message {message_id} was not pushed within {timeout}s")

    def close(self):
        self.client.reconnection = False
        with contextlib.suppress(Exception):
            self.client.disconnect()
        with contextlib.suppress(Exception):
            self.client.shutdown()  # also stops a reconnect loop in progress


class Sender(threading.Thread):
    """Sends numbered messages through one worker until stopped; keeps every id it got back.
    Subclasses change what one send is (`send_one`)."""

    def __init__(self, base_url, token, recipient, interval=0.05):
        super().__init__(daemon=True)
        self.base_url, self.token, self.recipient, self.interval = (
            base_url,
            token,
            recipient,
            interval,
        )
        self.sent, self.failures = [], []
        self.halt = threading.Event()

    def run(self):
        n = 0
        while not self.halt.is_set():
            n += 1
            self.send_one(n)
            self.halt.wait(self.next_interval())

    def next_interval(self):
        return self.interval

    def send_one(self, n):
        try:
            response = http_call(
                self.base_url,
                "POST",
                "/messages",
                self.token,
                json={"recipient": self.recipient, "body": f"message {n}"},
            )
        except requests.RequestException as error:
            self.failures.append(repr(error))
        else:
            if response.status_code == 201:
                self.sent.append(response.json()["id"])
            else:
                self.failures.append((response.status_code, response.text[:200]))

    def stop(self):
        self.halt.set()
        self.join(15)
