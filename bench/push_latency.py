"""Message -> recipient push latency across API workers (issue [2/6]).

Starts the stack (Redis, two eventlet API workers, the RQ worker), connects the
recipient's Socket.IO client to worker A, sends N messages through worker B's HTTP
API one after another, and prints p50/p95/p99 of the time from sending the request
to the recipient receiving the `message` event.

    .venv/bin/python bench/push_latency.py [--sends 200] [--database-url URL]
"""

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "backend"))

import requests  # noqa: E402
import socketio  # noqa: E402

from inkwell.stack import BACKEND_DIR, Stack  # noqa: E402

PASSWORD = "bench-password-1"


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def create_user(stack, name):
    subprocess.run(
        [sys.executable, "-m", "flask", "users", "create", name, f"{name}@example.com",
         "--password", PASSWORD],
        cwd=BACKEND_DIR, env=stack.env(), check=True, capture_output=True,
    )  # fmt: skip


def login(stack, name, worker):
    response = requests.post(
        f"{stack.api_url(worker)}/api/tokens", json={"login": name, "password": PASSWORD}
    )
    response.raise_for_status()
    return response.json()["access_token"]


def measure(sends, database_url=None):
    stack = Stack(
        workers=2,
        database_url=database_url,
        env_overrides={"RATELIMIT_MESSAGES": "100000/minute", "RATELIMIT_TOKENS": "1000/minute"},
    )
    with stack:
        create_user(stack, "sender")
        create_user(stack, "recipient")
        sender = login(stack, "sender", 2)
        recipient = login(stack, "recipient", 1)
        arrived = {}
        got_one = threading.Event()
        client = socketio.Client(reconnection=False)

        @client.on("message")
        def on_message(data):
            arrived[data["body"]] = time.perf_counter()
            got_one.set()

        client.connect(stack.api_url(1), auth={"token": recipient}, transports=["websocket"])
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {sender}"
        url = f"{stack.api_url(2)}/api/messages"
        for warmup in range(10):
            session.post(url, json={"recipient": "recipient", "body": f"warmup {warmup}"})
        time.sleep(0.5)
        push, http = [], []
        for n in range(sends):
            body = f"bench {n}"
            got_one.clear()
            started = time.perf_counter()
            response = session.post(url, json={"recipient": "recipient", "body": body})
            answered = time.perf_counter()
            response.raise_for_status()
            deadline = started + 2
            while body not in arrived and time.perf_counter() < deadline:
                got_one.wait(0.01)
            if body not in arrived:
                raise SystemExit(f"message {n} was not pushed within 2 s")
            push.append((arrived[body] - started) * 1000)
            http.append((answered - started) * 1000)
        client.disconnect()
        database = stack.database_url.split(":", 1)[0]
    return {
        "sends": sends,
        "database": database,
        "push_ms": {
            "p50": statistics.median(push),
            "p95": percentile(push, 0.95),
            "p99": percentile(push, 0.99),
        },
        "http_response_ms": {"p50": statistics.median(http), "p99": percentile(http, 0.99)},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sends", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    result = measure(args.sends, args.database_url)
    push = result["push_ms"]
    print(
        f"push latency across workers over {result['sends']} sends ({result['database']}): "
        f"p50 {push['p50']:.1f} ms  p95 {push['p95']:.1f} ms  p99 {push['p99']:.1f} ms "
        f"(HTTP response p50 {result['http_response_ms']['p50']:.1f} ms)"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
