"""The chaos run of SPEC §13: socket clients chat through nginx while API workers are
SIGKILLed and restarted and Redis is restarted; at the end every client must hold every
message addressed to it exactly once.

    stack = Stack(workers=2, nginx=True, redis_appendonly=True, env_overrides=CHAOS_ENV)
    with stack:
        report = run_chaos(stack, ChaosPlan.from_env())
    print(report.summary()); assert not report.problems

Each client (ChaosClient) keeps what it holds the way the SPA does: live `message` pushes,
plus a catch-up after every connect and every `resync` (GET /api/notifications?since=, then
every page of GET /api/messages), de-duplicated by id. It reconnects by itself through
nginx, logging in again when the server refuses its token, and opens its sockets from a
loopback address of its own (127.0.k.1) so that nginx's ip_hash spreads the clients over
the workers the way it spreads browsers from different networks. Each client also sends
messages to random others (ChaosSender); a send that failed at the HTTP level is looked up
and re-sent only when it was not stored. The API's stored state (GET /api/messages of each
user, straight from a healthy worker) is the truth the clients are checked against; the
run never asks a client to catch up at the end, so a lost push that no connect or resync
repaired shows as a message never held.

The tests (tests/test_chaos.py, a bounded run) and `make chaos` (50 clients, 2 minutes)
run this same code; ChaosPlan.from_env reads CHAOS_* variables.
"""

import bisect
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

import redis
import requests
import socketio

from .chat import ChatClient, Sender
from .processes import BACKEND_DIR, wait_until
from .testing import PASSWORD, bearer, sockets_on

# A chaos stack's settings: people do not chat this fast, so lift the per-user and per-IP
# limits (their production values are proved by the backend suite).
CHAOS_ENV = {
    "RATELIMIT_MESSAGES": "100000/minute",
    "RATELIMIT_POSTS": "100000/minute",
    "RATELIMIT_TOKENS": "100000/minute",
    "INKWELL_ADMIN_EMAIL": "",
}

HTTP_TIMEOUT = 10
# The Redis channel the API workers listen on (their SOCKETIO_CHANNEL default).
SOCKETIO_CHANNEL = "flask-socketio"
MAX_SEND_ATTEMPTS = 4


def _now():
    return time.time()


def _epoch(iso):
    """The API's ISO 8601 UTC timestamps as epoch seconds (same machine, same clock)."""
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def _spread(values):
    if not values:
        return "none measured"
    return (
        f"p50 {_percentile(values, 0.5):.2f} s, p95 {_percentile(values, 0.95):.2f} s, "
        f"max {max(values):.2f} s ({len(values)} measured)"
    )


def _percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


# --- the plan -------------------------------------------------------------------------------


@dataclass
class ChaosPlan:
    clients: int = 10
    seconds: float = 30.0
    kill_every: float = 10.0  # an API worker SIGKILLed (then restarted) this often, alternating
    redis_restarts: int = 1
    redis_down: float = 3.0  # how long each Redis restart keeps it down
    send_every: float = 1.0  # each client sends one message about this often (+-50 %)
    settle: float = 30.0  # bound on waiting for the clients to converge after the chaos
    late_after: float = 3.0  # SPEC §13: held within 3 s of the connection returning
    # One worker is always up, so a client that lost its socket must have one again within
    # max_offline (default: 10 s + 0.2 s per client, as all of a killed worker's sockets
    # land on the survivor at once; 50 took up to 10 s on a loaded 2-core machine).
    max_offline: float | None = None
    spread: bool = True  # sockets from 127.0.k.1, spread over the workers by ip_hash
    seed: int = 1

    def __post_init__(self):
        if self.max_offline is None:
            self.max_offline = 10.0 + 0.2 * self.clients

    ENV = {
        "clients": "CHAOS_CLIENTS",
        "seconds": "CHAOS_SECONDS",
        "kill_every": "CHAOS_KILL_EVERY",
        "redis_restarts": "CHAOS_REDIS_RESTARTS",
        "redis_down": "CHAOS_REDIS_DOWN",
        "send_every": "CHAOS_SEND_EVERY",
        "settle": "CHAOS_SETTLE",
        "max_offline": "CHAOS_MAX_OFFLINE",
        "spread": "CHAOS_SPREAD",
        "seed": "CHAOS_SEED",
    }

    @classmethod
    def from_env(cls, environ=None, **defaults):
        """The plan from CHAOS_* environment variables, else `defaults`, else the class's."""
        environ = os.environ if environ is None else environ
        values = dict(defaults)
        for name, variable in cls.ENV.items():
            raw = environ.get(variable)
            if raw in (None, ""):
                continue
            kind = type(cls.__dataclass_fields__[name].default)
            kind = float if kind is type(None) else kind
            if kind is bool:
                values[name] = raw.strip().lower() not in ("0", "false", "no", "off")
            else:
                values[name] = kind(raw)
        return cls(**values)

    def events(self):
        """[(seconds after the start, action, argument)]: kills at every kill_every, on workers
        1, 2, 1, ...; Redis restarts half-way between two kills, spread over the run."""
        events = []
        kills = 0
        while self.kill_every > 0 and (kills + 1) * self.kill_every < self.seconds:
            kills += 1
            events.append((kills * self.kill_every, "kill", 1 + (kills - 1) % 2))
        for n in range(self.redis_restarts):
            target = self.seconds * (n + 1) / (self.redis_restarts + 1)
            if self.kill_every > 0:
                target = (target // self.kill_every) * self.kill_every + self.kill_every / 2
            at = min(target, max(0.0, self.seconds - self.redis_down - 1))
            events.append((at, "redis", None))
        return sorted(events, key=lambda event: event[0])

    def describe(self):
        redis_part = (
            f"Redis restarted {self.redis_restarts}x ({self.redis_down:g} s down)"
            if self.redis_restarts
            else "no Redis restart"
        )
        return (
            f"{self.clients} clients, {self.seconds:g} s, a worker SIGKILLed every "
            f"{self.kill_every:g} s, {redis_part}, each client sending every "
            f"~{self.send_every:g} s"
        )


# --- a client kept the way the SPA keeps it -------------------------------------------------


@dataclass
class Holding:
    message: dict
    held_at: float
    via: str  # "push", or the catch-up that brought it: "initial", "connect", "resync"


@dataclass
class CatchUp:
    triggers: list
    requested_at: float
    started_at: float
    finished_at: float = 0.0
    error: str | None = None


class CatchUpFailed(Exception):
    pass


class ChaosClient(ChatClient):
    """One signed-in browser tab: a socket through nginx that comes back by itself (with a
    fresh login when its token is refused or the server drops it), and what it holds."""

    clock = staticmethod(_now)

    def __init__(self, base_url, username, source_ip=None):
        # A little jitter: 50 clients of a killed worker do not all knock at the same instant.
        super().__init__(source_ip=source_ip, reconnection_delay=0.2, randomization_factor=0.2)
        self.base_url, self.username = base_url, username
        self.user_id = None
        self.token = None
        self.need_login = True
        self.logins = 0
        self.login_failures = []
        self.refusals = []  # (time, reason) of connects the server refused
        self.disconnects = []  # (time, reason)
        self.intervals = []  # [connected at, disconnected at or None]
        self.held = {}  # message id -> Holding: the messages addressed to this user
        self.pushed = {}  # message id -> how many times it was pushed to this client
        self.leaks = []  # messages pushed here that are neither from nor to this user
        self.catchups = []
        self._pending = []  # (trigger, requested at) not caught up yet
        self._wake = threading.Event()
        self._closed = threading.Event()
        self._http = requests.Session()  # the syncer thread's
        self._syncer = threading.Thread(target=self._sync_loop, daemon=True)
        self._keeper = None
        self.client.on("connect_error", self._refused)

    # -- session --------------------------------------------------------------------------

    def login(self):
        try:
            response = requests.post(
                f"{self.base_url}/api/tokens",
                json={"login": self.username, "password": PASSWORD},
                timeout=HTTP_TIMEOUT,
            )
        except requests.RequestException as error:
            self.login_failures.append((self.clock(), type(error).__name__))
            return False
        if response.status_code != 200:
            self.login_failures.append((self.clock(), response.status_code))
            return False
        body = response.json()
        self.token, self.user_id = body["access_token"], body["user"]["id"]
        self.need_login = False
        self.logins += 1
        return True

    def current_token(self):
        """The token to present on a (re)connect: a new login's when the last was refused."""
        if self.need_login or self.token is None:
            self.login()
        return self.token or ""

    # -- socket events (python-socketio's threads) ----------------------------------------

    def _connected(self):
        super()._connected()
        now = self.connects[-1]
        with self.lock:
            self.intervals.append([now, None])
        self._request_catch_up("initial" if len(self.connects) == 1 else "connect", now)

    def _disconnected(self, *reason):
        super()._disconnected(*reason)
        now = self.clock()
        reason = reason[0] if reason else None
        with self.lock:
            if self.intervals and self.intervals[-1][1] is None:
                self.intervals[-1][1] = now
            self.disconnects.append((now, reason))
        # Dropped on purpose by the server (token revoked or expired): python-socketio does
        # not come back from that by itself; the SPA does, with a fresh token.
        if reason == self.client.reason.SERVER_DISCONNECT and not self._closed.is_set():
            self.need_login = True
            self._keep_connecting()

    def _refused(self, data=None, *rest):
        self.refusals.append((self.clock(), data))
        if isinstance(data, dict):  # the server's connect handler said no: log in again
            self.need_login = True

    def _message(self, data):
        super()._message(data)
        with self.lock:
            self.pushed[data["id"]] = self.pushed.get(data["id"], 0) + 1
        self._hold(data, "push")

    def _resync(self, *payload):
        super()._resync(*payload)
        self._request_catch_up("resync", self.resyncs[-1])

    def _hold(self, message, via):
        if message["recipient"]["id"] != self.user_id:
            if message["sender"]["id"] != self.user_id:
                self.leaks.append(message)
            return  # the copy of a message this user sent
        with self.lock:
            if message["id"] not in self.held:
                self.held[message["id"]] = Holding(message, self.clock(), via)

    # -- connecting -----------------------------------------------------------------------

    def start(self, timeout=60):
        """Log in, connect through nginx and wait for the first catch-up to finish."""
        self._syncer.start()
        deadline = time.monotonic() + timeout
        while not self.client.connected:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.username} could not connect in {timeout}s")
            try:
                self.connect(self.base_url, self.current_token)
            except (socketio.exceptions.ConnectionError, ValueError):
                time.sleep(0.5)
        wait_until(lambda: self.caught_up_once, timeout, f"{self.username}'s first catch-up")
        return self

    def _keep_connecting(self):
        if self._keeper is not None and self._keeper.is_alive():
            return

        def keep():
            delay = 0.25
            while not self._closed.is_set() and not self.client.connected:
                try:
                    self.connect(self.base_url, self.current_token)
                except (socketio.exceptions.ConnectionError, ValueError):
                    self._closed.wait(delay)
                    delay = min(delay * 2, 4)

        self._keeper = threading.Thread(target=keep, daemon=True)
        self._keeper.start()

    @property
    def caught_up_once(self):
        return any(c.error is None and c.finished_at for c in list(self.catchups))

    @property
    def idle(self):
        """Connected, with no catch-up waiting or running."""
        with self.lock:
            pending = bool(self._pending)
        return self.client.connected and not pending and not self._syncing

    # -- catching up (one thread per client, like the SPA's promise chain) -----------------

    _syncing = False

    def _request_catch_up(self, trigger, at):
        with self.lock:
            self._pending.append((trigger, at))
        self._wake.set()

    def _sync_loop(self):
        while not self._closed.is_set():
            if not self._wake.wait(0.5):
                continue
            self._wake.clear()
            with self.lock:
                triggers, self._pending = self._pending, []
                self._syncing = bool(triggers)
            if not triggers:
                continue
            kinds = [trigger for trigger, _ in triggers]
            via = next(k for k in ("resync", "connect", "initial") if k in kinds)
            record = CatchUp(kinds, min(at for _, at in triggers), self.clock())
            try:
                self._catch_up(via)
            except (CatchUpFailed, requests.RequestException, ValueError, KeyError) as error:
                # A worker may be restarting: try again shortly (the SPA would on its next
                # connect; the stored state is the truth either way).
                record.error = repr(error)
                with self.lock:
                    self._pending[:0] = triggers
                self._closed.wait(0.3)
                self._wake.set()
            record.finished_at = self.clock()
            self.catchups.append(record)
            with self.lock:
                self._syncing = False

    def _get(self, url, params=None):
        for _ in range(2):
            response = self._http.get(
                url, params=params, headers=bearer(self.token), timeout=HTTP_TIMEOUT
            )
            if response.status_code == 401:
                self.login()
                continue
            if response.status_code != 200:
                raise CatchUpFailed(f"GET {url}: {response.status_code}")
            return response.json()
        raise CatchUpFailed(f"GET {url}: 401 after a new login")

    def _catch_up(self, via):
        # What was stored since the newest notification held (SPEC §4)...
        url, params = f"{self.base_url}/api/notifications", {"since": self.cursor, "per_page": 100}
        while url:
            page = self._get(url, params)
            with self.lock:
                for notification in page["items"]:
                    self.cursor = max(self.cursor, notification["timestamp"])
            following = page["_links"].get("next")
            url, params = (f"{self.base_url}{following}" if following else None), None
        # ...and the messages received, newest first, every page by the keyset cursor.
        params = {"per_page": 100}
        while params is not None:
            page = self._get(f"{self.base_url}/api/messages", params)
            for message in page["items"]:
                self._hold(message, via)
            cursor = page["_meta"].get("next_cursor")
            params = {"per_page": 100, "before": cursor} if cursor else None

    def close(self):
        self._closed.set()
        self._wake.set()
        super().close()


# --- a sender that knows whether a failed send was stored -----------------------------------


@dataclass
class SendRecord:
    sender: str
    recipient: str
    body: str
    started_at: float
    attempts: int = 0
    failures: list = field(default_factory=list)
    outcome: str = ""  # acknowledged | stored (found after a failure) | unknown | rejected
    id: int | None = None


class ChaosSender(Sender):
    """Sends a uniquely-bodied message to a random peer every ~interval, through nginx.

    A send whose request failed at the HTTP level (a 5xx, a dropped connection) is looked up
    in the thread with its recipient: if it was stored it counts as sent, else it is sent
    again (same body, so a wrong guess would show as a message stored twice). A read timeout
    is left to the final stored state: the worker may still be storing it.
    """

    def __init__(self, client, peers, interval, rng):
        super().__init__(client.base_url, None, None, interval)
        self.client, self.peers, self.rng = client, peers, rng
        self.records = []
        self._http = requests.Session()

    def next_interval(self):
        return self.interval * self.rng.uniform(0.5, 1.5)

    def send_one(self, n):
        recipient = self.rng.choice(self.peers)
        body = f"chaos {self.client.username}->{recipient} #{n} {secrets.token_hex(4)}"
        record = SendRecord(self.client.username, recipient, body, _now())
        while record.attempts < MAX_SEND_ATTEMPTS and not record.outcome:
            record.attempts += 1
            self._attempt(record)
        if not record.outcome:
            record.outcome = "unknown"
        self.records.append(record)

    def _attempt(self, record):
        try:
            response = self._http.post(
                f"{self.base_url}/api/messages",
                json={"recipient": record.recipient, "body": record.body},
                headers=bearer(self.client.token),
                timeout=HTTP_TIMEOUT,
            )
        except requests.ReadTimeout:
            record.failures.append("read timeout")
            record.outcome = "unknown"
            return
        except requests.RequestException as error:
            record.failures.append(type(error).__name__)
        else:
            if response.status_code == 201:
                record.id, record.outcome = response.json()["id"], "acknowledged"
                return
            record.failures.append(response.status_code)
            if response.status_code == 401:  # not stored; sign in again and retry
                self.client.login()
                return
            if response.status_code < 500:
                record.outcome = "rejected"
                return
        found = self._lookup(record)
        if found is not None:
            record.id, record.outcome = found, "stored"
        # else not stored: the loop sends it again

    def _lookup(self, record, attempts=20):
        """The id of the message with this body in the thread with its recipient, or None
        (asked until the API answers: GETs through nginx survive a dying worker)."""
        for _ in range(attempts):
            if self.halt.is_set() and record.attempts > 1:
                break
            try:
                return self._find(record)
            except (CatchUpFailed, requests.RequestException):
                time.sleep(0.25)
        record.outcome = "unknown"
        return None

    def _find(self, record):
        params = {"per_page": 100}
        while params is not None:
            response = self._http.get(
                f"{self.base_url}/api/conversations/{record.recipient}",
                params=params,
                headers=bearer(self.client.token),
                timeout=HTTP_TIMEOUT,
            )
            if response.status_code != 200:
                raise CatchUpFailed(response.status_code)
            page = response.json()
            for message in page["items"]:
                if message["body"] == record.body:
                    return message["id"]
            oldest = page["items"][-1]["timestamp"] if page["items"] else None
            cursor = page["_meta"].get("next_cursor")
            if cursor is None or oldest is None or _epoch(oldest) < record.started_at - 30:
                return None
            params = {"per_page": 100, "before": cursor}
        return None


# --- the run --------------------------------------------------------------------------------


@dataclass
class ChaosReport:
    plan: ChaosPlan
    figures: dict = field(default_factory=dict)
    lines: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    run_dir: str = ""

    def summary(self):
        text = [f"chaos run: {self.plan.describe()}", *self.lines]
        if self.problems:
            text.append(f"PROBLEMS ({len(self.problems)}):")
            text.extend(f"  - {problem}" for problem in self.problems[:40])
            if len(self.problems) > 40:
                text.append(f"  ... and {len(self.problems) - 40} more")
        else:
            text.append("every client holds every message addressed to it, exactly once")
        if self.run_dir:
            text.append(f"stack logs: {self.run_dir}")
        return "\n".join(text)


def create_users(stack, count):
    """`count` confirmed users (one `flask seed` process); their usernames, in id order."""
    subprocess.run(
        [sys.executable, "-m", "flask", "seed", "--users", str(count), "--posts", "0",
         "--follows", "0", "--password", PASSWORD],
        cwd=BACKEND_DIR, env=stack.env(SOCKETIO_ASYNC_MODE="threading"), check=True,
        capture_output=True, timeout=120,
    )  # fmt: skip
    users, url = [], f"{stack.api_url(1)}/api/users?per_page=100"
    while url:
        page = requests.get(url, timeout=HTTP_TIMEOUT).json()
        users.extend(page["items"])
        following = page["_links"].get("next")
        url = f"{stack.api_url(1)}{following}" if following else None
    return [user["username"] for user in sorted(users, key=lambda user: user["id"])]


def source_ip(n):
    """A loopback address of its own for client n: ip_hash keys on the first three octets."""
    return f"127.{n // 250}.{1 + n % 250}.1"


def stored_messages(stack, username, worker=1):
    """Every message addressed to `username` as the API stores it, straight from a worker."""
    base = stack.api_url(worker)
    response = requests.post(
        f"{base}/api/tokens", json={"login": username, "password": PASSWORD}, timeout=30
    )
    response.raise_for_status()
    token = response.json()["access_token"]
    messages, params = [], {"per_page": 100}
    while params is not None:
        response = requests.get(
            f"{base}/api/messages", params=params, headers=bearer(token), timeout=30
        )
        response.raise_for_status()
        page = response.json()
        messages.extend(page["items"])
        cursor = page["_meta"].get("next_cursor")
        params = {"per_page": 100, "before": cursor} if cursor else None
    return messages


def _in_parallel(function, items, workers=8):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(function, items))


def _close_all(clients, timeout=30):
    threads = [threading.Thread(target=client.close, daemon=True) for client in clients]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))


def run_chaos(stack, plan, log=None):
    """Run `plan` against a started stack (2 workers, nginx, Redis with appendonly);
    returns a ChaosReport. Every client and sender is stopped before it returns."""
    log = log or (lambda line: None)
    rng = random.Random(plan.seed)
    report = ChaosReport(plan, run_dir=str(stack.run_dir))
    clients, senders = [], []
    timeline = {"kills": [], "redis": []}
    broker = None
    try:
        log(f"chaos: {plan.describe()}")
        usernames = create_users(stack, plan.clients)
        if len(usernames) != plan.clients:
            raise RuntimeError(f"expected {plan.clients} users, found {len(usernames)}")
        clients = [
            ChaosClient(stack.url, name, source_ip(n) if plan.spread else None)
            for n, name in enumerate(usernames)
        ]
        started = time.monotonic()
        _in_parallel(lambda client: client.start(), clients)
        log(f"{len(clients)} clients connected in {time.monotonic() - started:.1f} s")
        spread = {
            n: sum(sockets_on(stack, client.user_id, n) for client in clients)
            for n in range(1, stack.workers + 1)
        }
        report.figures["sockets_at_start"] = spread
        log("sockets at start: " + ", ".join(f"api{n} {c}" for n, c in spread.items()))

        for client in clients:
            peers = [name for name in usernames if name != client.username]
            senders.append(ChaosSender(client, peers, plan.send_every, random.Random(rng.random())))
        for sender in senders:
            sender.start()

        t0 = _now()
        report.figures["t0"] = t0
        broker = redis.Redis(port=stack.ports["redis"], socket_timeout=2)
        for at, action, argument in plan.events():
            delay = t0 + at - _now()
            if delay > 0:
                time.sleep(delay)  # the chaos schedule itself: the one fixed-time wait
            if action == "kill":
                _kill_and_restart(stack, argument, t0, timeline, log)
            else:
                _restart_redis(stack, broker, plan, t0, timeline, log)
        delay = t0 + plan.seconds - _now()
        if delay > 0:
            time.sleep(delay)
        for sender in senders:
            sender.halt.set()
        deadline = time.monotonic() + HTTP_TIMEOUT * MAX_SEND_ATTEMPTS + 30
        for sender in senders:  # each finishes the send in hand (and its lookups)
            sender.join(max(0.0, deadline - time.monotonic()))
        if any(sender.is_alive() for sender in senders):
            raise RuntimeError("senders still busy long after the chaos stopped")
        stopped = _now()
        report.figures["chaos_seconds"] = stopped - t0
        log(f"chaos stopped after {stopped - t0:.1f} s; settling")

        # Everything healthy again (a worker restart runs inside the schedule already).
        for n in range(1, stack.workers + 1):
            stack.wait_worker(n, timeout=60)
        truth = _settle(stack, clients, plan, report, log)
        _judge(clients, senders, truth, timeline, plan, report)
    finally:
        for sender in senders:
            sender.halt.set()
        _close_all(clients)
        if broker is not None:
            broker.close()
    return report


def _kill_and_restart(stack, n, t0, timeline, log):
    killed_at = _now()
    stack.processes[f"api{n}"].kill()
    stack.start_worker(n)
    stack.wait_worker(n, timeout=60)
    back = _now() - killed_at
    timeline["kills"].append({"worker": n, "at": killed_at - t0, "back_after": back})
    log(f"  {killed_at - t0:6.1f} s  api{n} SIGKILLed; restarted and healthy {back:.1f} s later")


def _restart_redis(stack, broker, plan, t0, timeline, log):
    channel = stack.env_overrides.get("SOCKETIO_CHANNEL", SOCKETIO_CHANNEL)
    try:
        subscribers = broker.pubsub_numsub(channel)[0][1]
    except redis.RedisError:
        subscribers = 0
    down_at = _now()
    stack.stop_redis()
    time.sleep(plan.redis_down)  # part of the schedule: how long Redis stays down
    stack.start_redis()
    back_at = _now()

    def resubscribed():
        try:
            return broker.pubsub_numsub(channel)[0][1] >= subscribers
        except redis.RedisError:
            return False

    try:
        wait_until(resubscribed, 10, "the API workers' Socket.IO subscriptions")
        again = _now() - back_at
    except TimeoutError:
        again = None
    timeline["redis"].append(
        {"at": down_at - t0, "down": back_at - down_at, "back_at": back_at, "down_at": down_at,
         "resubscribed_after": again, "subscribers": subscribers}
    )  # fmt: skip
    said = f"{again:.2f} s" if again is not None else "NOT within 10 s"
    log(
        f"  {down_at - t0:6.1f} s  Redis stopped; back {back_at - down_at:.1f} s later, "
        f"{subscribers} worker subscription(s) back after {said}"
    )


def _settle(stack, clients, plan, report, log):
    """Wait (bounded) until every client is connected and holds what the API stored."""
    settle_started = _now()
    try:
        wait_until(
            lambda: all(client.client.connected for client in clients),
            plan.settle,
            "every client reconnected",
        )
    except TimeoutError:
        away = [client.username for client in clients if not client.client.connected]
        report.problems.append(
            f"{len(away)} client(s) not connected {plan.settle:g} s after the chaos: {away[:10]}"
        )
    truth = {
        client.username: {m["id"]: m for m in stored_messages(stack, client.username)}
        for client in clients
    }

    def converged():
        return all(
            client.idle and truth[client.username].keys() <= client.held.keys()
            for client in clients
        )

    try:
        wait_until(converged, plan.settle, "every client holding what the API stored")
    except TimeoutError:
        report.problems.append(f"clients did not converge within {plan.settle:g} s")
    report.figures["settled_after"] = _now() - settle_started
    log(f"settled in {report.figures['settled_after']:.1f} s")
    return truth


def _connected_at(intervals, t):
    """Index of the connected interval containing t, else None."""
    for index, (start, end) in enumerate(intervals):
        if start <= t and (end is None or t < end):
            return index
    return None


def _judge(clients, senders, truth, timeline, plan, report):
    figures, problems, lines = report.figures, report.problems, report.lines
    t0 = figures["t0"]
    records = [record for sender in senders for record in sender.records]
    stored = {mid: m for messages in truth.values() for mid, m in messages.items()}
    outages = [(r["down_at"], r["back_at"]) for r in timeline["redis"]]

    # --- sends against the stored state ---
    by_body = {}
    for message in stored.values():
        by_body.setdefault(message["body"], []).append(message["id"])
    outcomes = {}
    for record in records:
        outcomes[record.outcome] = outcomes.get(record.outcome, 0) + 1
    http_failures = sum(len(record.failures) for record in records)
    failure_kinds = {}
    for record in records:
        for failure in record.failures:
            failure_kinds[str(failure)] = failure_kinds.get(str(failure), 0) + 1
    found_stored = outcomes.get("stored", 0)
    resent = sum(1 for record in records if record.attempts > 1)
    for record in records:
        ids = by_body.get(record.body, [])
        if len(ids) > 1:
            problems.append(f"{record.body!r} stored {len(ids)} times: {ids}")
        if record.outcome == "acknowledged" and record.id not in stored:
            problems.append(f"message {record.id} was acknowledged (201) but is not stored")
        if record.outcome == "rejected":
            problems.append(f"send {record.body!r} rejected: {record.failures}")
        for mid in ids:
            message = stored[mid]
            if (message["sender"]["username"], message["recipient"]["username"]) != (
                record.sender,
                record.recipient,
            ):
                problems.append(f"message {mid} stored with the wrong sender or recipient")
    known_bodies = {record.body for record in records}
    phantoms = [mid for mid, m in stored.items() if m["body"] not in known_bodies]
    if phantoms:
        problems.append(f"{len(phantoms)} stored message(s) nobody sent: {phantoms[:10]}")
    figures["messages"] = {
        "attempted": len(records),
        "outcomes": outcomes,
        "http_failures": failure_kinds,
        "stored": len(stored),
    }
    lines.append(
        f"messages: {len(records)} sent, {len(stored)} stored; "
        f"{outcomes.get('acknowledged', 0)} acknowledged (201), {http_failures} HTTP failure(s): "
        f"{found_stored} found stored after a failure, {resent} re-sent after a failure, "
        f"{outcomes.get('unknown', 0)} left to the stored state, "
        f"{outcomes.get('rejected', 0)} rejected"
    )
    if failure_kinds:
        kinds = ", ".join(f"{count}x {kind}" for kind, count in sorted(failure_kinds.items()))
        lines.append(f"  send failures: {kinds}")

    # --- the chaos itself ---
    kills = timeline["kills"]
    figures["kills"] = kills
    each = [f"api{k['worker']} at {k['at']:.0f} s, back {k['back_after']:.1f} s" for k in kills]
    lines.append(f"kills: {len(kills)} ({'; '.join(each)})")
    figures["redis"] = timeline["redis"]
    for restart in timeline["redis"]:
        again = restart["resubscribed_after"]
        lines.append(
            f"redis: stopped at {restart['at']:.0f} s for {restart['down']:.1f} s; "
            f"{restart['subscribers']} worker subscription(s) back "
            + (f"{again:.2f} s after it answered" if again is not None else "NOT within 10 s")
        )
        if again is None:
            problems.append("the workers did not resubscribe to Redis within 10 s")

    # --- per client: reconnects, catch-ups, what it holds ---
    reconnects = [len(client.connects) - 1 for client in clients]
    resyncs = sum(len(client.resyncs) for client in clients)
    catchups = [c for client in clients for c in client.catchups]
    by_resync = sum(1 for c in catchups if "resync" in c.triggers and c.error is None)
    failed = sum(1 for c in catchups if c.error)
    errors = {}
    for client in clients:
        for _, data in client.refusals:
            reason = data.get("message") if isinstance(data, dict) else str(data)
            errors[reason] = errors.get(reason, 0) + 1
    logins = sum(client.logins for client in clients)
    offline = [
        later[0] - earlier[1]
        for client in clients
        for earlier, later in zip(client.intervals, client.intervals[1:], strict=False)
    ]
    figures["reconnects_per_client"] = {
        "min": min(reconnects),
        "median": statistics.median(reconnects),
        "max": max(reconnects),
        "total": sum(reconnects),
    }
    figures["connect_errors"] = errors
    figures["offline_seconds"] = {
        "p50": _percentile(offline, 0.5),
        "max": max(offline, default=None),
    }
    figures["resyncs_received"] = resyncs
    figures["catchups"] = {"total": len(catchups), "by_resync": by_resync, "failed": failed}
    lines.append(
        f"reconnects per client: min {min(reconnects)} / median "
        f"{statistics.median(reconnects):g} / max {max(reconnects)} ({sum(reconnects)} in all); "
        f"logins {logins} ({logins - len(clients)} after a refusal)"
    )
    lines.append(f"disconnect -> connected again: {_spread(offline)}")
    gaps = sorted(
        (later[0] - earlier[1], earlier[1] - t0, client.username)
        for client in clients
        for earlier, later in zip(client.intervals, client.intervals[1:], strict=False)
        if later[0] - earlier[1] > plan.max_offline
    )
    if gaps:
        worst = "; ".join(f"{name} {gap:.1f} s from {at:.1f} s" for gap, at, name in gaps[-3:])
        problems.append(
            f"{len(gaps)} time(s) a client was without a socket for more than "
            f"{plan.max_offline:g} s although a worker was up all along (worst: {worst}; "
            "see nginx/error.log in the stack logs)"
        )
    lines.append(
        f"failed connect attempts: {sum(errors.values())}"
        + "".join(f"; {count}x {reason!r}" for reason, count in sorted(errors.items()))
    )
    lines.append(
        f"resync: {resyncs} received; {by_resync} catch-up(s) triggered by resync; "
        f"{len(catchups)} catch-ups in all, {failed} failed and retried"
    )

    after_connect, after_resync, interrupted = [], [], 0
    pushed_latency, via_catchup, late, never, extra, twice = [], [], [], [], [], 0
    silent = []
    for client in clients:
        expected = truth[client.username]
        held = dict(client.held)
        stored_at = {mid: _epoch(m["timestamp"]) for mid, m in expected.items()}
        for mid in sorted(expected.keys() - held.keys()):
            never.append((client.username, mid))
        for mid in sorted(held.keys() - expected.keys()):
            extra.append((client.username, mid))
        for mid, holding in held.items():
            if mid in expected and holding.message["body"] != expected[mid]["body"]:
                problems.append(f"{client.username} holds message {mid} with another body")
        for message in client.leaks:
            problems.append(f"message {message['id']} was pushed to {client.username}")
        twice += sum(1 for count in client.pushed.values() if count > 1)

        for mid, holding in held.items():
            if mid not in stored_at:
                continue
            if holding.via == "push":
                pushed_latency.append(holding.held_at - stored_at[mid])
            else:
                via_catchup.append(mid)
            # SPEC §13's bar: held within late_after of the connection returning (of the last
            # connect or resync before it was held), or of being stored if later.
            at = stored_at[mid]
            returned = [t for t in (*client.connects, *client.resyncs) if t <= holding.held_at]
            anchor = max(at, max(returned, default=at))
            if holding.held_at - anchor > plan.late_after:
                late.append((holding.held_at - anchor, client.username, mid, holding, at))
            # A push that never came although the socket stayed up (and Redis too) for
            # late_after after the message was stored: a silent loss that only a later
            # reconnect or resync repaired (the kills would otherwise hide it).
            window = (at, at + plan.late_after)
            index = _connected_at(client.intervals, at)
            if (
                holding.via != "push"
                and holding.held_at > window[1]
                and index is not None
                and (client.intervals[index][1] or float("inf")) >= window[1]
                and not any(down < window[1] and back > window[0] for down, back in outages)
            ):
                silent.append((client.username, mid, holding, at))

        # From each (re)connect or resync to holding everything stored before it.
        times = sorted(stored_at.items(), key=lambda item: item[1])
        ordered = [t for _, t in times]
        for kind, moments in (("connect", client.connects[1:]), ("resync", client.resyncs)):
            for moment in moments:
                before = [mid for mid, _ in times[: bisect.bisect_left(ordered, moment)]]
                if not before:
                    continue
                if any(mid not in held for mid in before):
                    continue  # never held: reported below
                done = max(held[mid].held_at for mid in before)
                index = _connected_at(client.intervals, moment)
                end = client.intervals[index][1] if index is not None else None
                if end is not None and end < done:
                    interrupted += 1  # the connection dropped again first
                    continue
                (after_connect if kind == "connect" else after_resync).append(
                    max(0.0, done - moment)
                )

    figures["reconnect_to_all_held"] = after_connect and max(after_connect)
    figures["resync_to_all_held"] = after_resync and max(after_resync)
    lines.append(f"reconnect -> holding everything stored before it: {_spread(after_connect)}")
    if interrupted:
        lines.append(f"  ({interrupted} reconnect(s)/resync(s) dropped again before catching up)")
    lines.append(f"resync -> holding everything stored before it: {_spread(after_resync)}")
    figures["held"] = {
        "by_push": len(pushed_latency),
        "by_catch_up_only": len(via_catchup),
        "late": len(late),
        "push_lost_on_live_socket": len(silent),
        "never": len(never),
        "not_stored": len(extra),
        "pushed_twice": twice,
    }
    push_line = (
        f"p50 {_percentile(pushed_latency, 0.5) * 1000:.0f} ms, "
        f"p99 {_percentile(pushed_latency, 0.99) * 1000:.0f} ms, "
        f"max {max(pushed_latency) * 1000:.0f} ms"
        if pushed_latency
        else "none"
    )
    lines.append(
        f"held: {len(pushed_latency)} first by push ({push_line}), "
        f"{len(via_catchup)} only by a catch-up (push lost or beaten)"
    )
    late.sort(key=lambda item: -item[0])
    lines.append(
        f"late (held > {plan.late_after:g} s after the connection returned or it was stored): "
        f"{len(late)}"
    )
    for lateness, username, mid, holding, at in late[:10]:
        lines.append(
            f"  {username} message {mid}: stored at {at - t0:.1f} s, held at "
            f"{holding.held_at - t0:.1f} s by {holding.via} ({lateness:.1f} s late)"
        )
    lines.append(
        f"pushes lost on a live socket (no push within {plan.late_after:g} s although the socket "
        f"and Redis stayed up; a later catch-up brought them): {len(silent)}"
    )
    for username, mid, holding, at in silent[:10]:
        lines.append(
            f"  {username} message {mid}: stored at {at - t0:.1f} s, held at "
            f"{holding.held_at - t0:.1f} s by {holding.via}"
        )
    lines.append(
        f"never held: {len(never)}; held but not stored: {len(extra)}; "
        f"pushed twice to one socket: {twice}"
    )
    for username, mid in never[:20]:
        client = next(c for c in clients if c.username == username)
        at = _epoch(truth[username][mid]["timestamp"])
        lines.append(
            f"  never: {username} message {mid} stored at {at - t0:.1f} s; {_story(client, t0)}"
        )
    if never:
        problems.append(f"{len(never)} message(s) never held by their recipient")
    if extra:
        problems.append(f"{len(extra)} held message(s) the API does not have: {extra[:10]}")


def _story(client, t0):
    """A client's connection history, for explaining a message it never got."""
    spans = ", ".join(
        f"{start - t0:.1f}-{'' if end is None else f'{end - t0:.1f}'}"
        for start, end in client.intervals
    )
    resyncs = ", ".join(f"{t - t0:.1f}" for t in client.resyncs)
    return f"connected {spans}; resyncs at [{resyncs}]"
