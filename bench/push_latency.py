"""Message -> recipient push latency across API workers (issue [2/6], SPEC §7).

The recipient's Socket.IO client connects THROUGH NGINX (websocket); the worker nginx chose
is read from the workers' "socket connected: user=<id> sid=<sid>" log lines, and the
sender's requests go straight to the OTHER worker's port (nginx's ip_hash puts every loopback
client on one worker, so through nginx both would share it). N messages are sent one after
another; p50/p95/p99 of request sent -> `message` event received.

Standalone (its own stack):  .venv/bin/python bench/push_latency.py [--sends 500]
bench/run.py calls measure_on() with a running, seeded stack.
"""

import argparse
import json
import threading
import time

import requests
import socketio
from common import BENCH_ENV, summary, worker_rss

from devstack.stack import Stack
from devstack.testing import create_user, http_login, other_worker, worker_of


def measure_on(stack, sender, recipient, sends=500, warmup=10):
    """sender/recipient: {"id", "username", "token"}; returns the latency summary."""
    arrived = {}
    got_one = threading.Event()
    client = socketio.Client(reconnection=False)

    @client.on("message")
    def on_message(data):
        arrived[data["body"]] = time.perf_counter()
        got_one.set()

    client.connect(stack.url, auth={"token": recipient["token"]}, transports=["websocket"])
    try:
        held_by = worker_of(stack, recipient["id"], sid=client.get_sid(), timeout=5)
        other = other_worker(stack, held_by)
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {sender['token']}"
        url = f"{stack.api_url(other)}/api/messages"
        for n in range(warmup):
            session.post(url, json={"recipient": recipient["username"], "body": f"warmup {n}"})
        time.sleep(0.5)
        push, http = [], []
        for n in range(sends):
            body = f"bench {n} {time.time_ns()}"
            got_one.clear()
            started = time.perf_counter()
            response = session.post(url, json={"recipient": recipient["username"], "body": body})
            answered = time.perf_counter()
            response.raise_for_status()
            deadline = started + 2
            while body not in arrived and time.perf_counter() < deadline:
                got_one.wait(0.01)
            if body not in arrived:
                raise RuntimeError(f"message {n} was not pushed within 2 s")
            push.append((arrived[body] - started) * 1000)
            http.append((answered - started) * 1000)
    finally:
        client.disconnect()
    return {
        "sends": sends,
        "recipient_worker": held_by,
        "sender_worker": other,
        "push_ms": summary(push),
        "http_response_ms": summary(http),
    }


def login(stack, name):
    """{"id", "username", "token"}, as measure_on takes them."""
    body = http_login(stack.api_url(1), name)
    return {"id": body["user"]["id"], "username": name, "token": body["access_token"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sends", type=int, default=500)
    parser.add_argument("--database", choices=("auto", "sqlite", "postgres"), default="auto")
    args = parser.parse_args()
    stack = Stack(workers=2, nginx=True, database=args.database, env_overrides=dict(BENCH_ENV))
    with stack:
        create_user(stack, "sender")
        create_user(stack, "recipient")
        sender, recipient = login(stack, "sender"), login(stack, "recipient")
        result = measure_on(stack, sender, recipient, args.sends)
        result["database"] = stack.database_url.split(":", 1)[0]
        result["worker_rss_mb"] = worker_rss(stack)
    stack.cleanup()
    push = result["push_ms"]
    print(
        f"push latency across workers over {result['sends']} sends ({result['database']}): "
        f"p50 {push['p50']:.1f} ms  p95 {push['p95']:.1f} ms  p99 {push['p99']:.1f} ms "
        f"(HTTP response p50 {result['http_response_ms']['p50']:.1f} ms)"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
