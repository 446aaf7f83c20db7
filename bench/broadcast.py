"""Fan-out: one author's post pushed to N connected followers (SPEC §7: 1 000 clients).

The followers' python-socketio clients (websocket transport, through nginx) are spread over
several child processes: one Python process holding 1 000 clients would itself be the
bottleneck being measured. Children and parent share CLOCK_MONOTONIC, so each arrival is
timed from the moment the parent sent the POST.

bench/run.py calls measure_on(stack, star, followers); a child runs as
    python bench/broadcast.py --child URL TOKENS_FILE ROUNDS
"""

import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
import socketio
from common import summary

PROCESSES = 4


def child(url, tokens_file, rounds):
    """Connect every client, say READY, then report arrival times of ROUNDS posts."""
    tokens = json.loads(Path(tokens_file).read_text())
    arrivals = []  # (marker, monotonic ns)
    idle = threading.Event()  # only ever waited on: a sleep that wakes early on exit
    clients = []
    for token in tokens:
        client = socketio.Client(reconnection=False)

        @client.on("post")
        def on_post(data):
            arrivals.append((data["body"], time.monotonic_ns()))

        client.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=30)
        clients.append(client)
    print("READY", flush=True)
    expected = len(clients) * int(rounds)
    deadline = time.monotonic() + 30 * int(rounds)
    while len(arrivals) < expected and time.monotonic() < deadline:
        idle.wait(0.05)
    print(json.dumps(arrivals), flush=True)
    for client in clients:
        client.disconnect()


def measure_on(stack, star, followers, rounds=5, processes=PROCESSES, log=print):
    """star: {"token"} of an author whom every follower token follows."""
    workdir = Path(tempfile.mkdtemp(prefix="inkwell-bench-"))
    children = []
    started_connecting = time.monotonic()
    for n in range(processes):
        part = [f["token"] for f in followers[n::processes]]
        path = workdir / f"tokens{n}.json"
        path.write_text(json.dumps(part))
        children.append(
            subprocess.Popen(
                [sys.executable, __file__, "--child", stack.url, str(path), str(rounds)],
                stdout=subprocess.PIPE,
                text=True,
            )
        )
    try:
        for process in children:
            if process.stdout.readline().strip() != "READY":
                raise RuntimeError("a broadcast client process failed to connect")
        connect_seconds = time.monotonic() - started_connecting
        log(f"  {len(followers)} clients connected in {connect_seconds:.1f} s")
        time.sleep(1)
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {star['token']}"
        sent = {}
        for n in range(rounds):
            body = f"broadcast round {n} {time.time_ns()}"
            sent[body] = time.monotonic_ns()
            session.post(f"{stack.url}/api/posts", json={"body": body}).raise_for_status()
            time.sleep(3)  # every client has it long before: rounds do not overlap
        arrivals = []
        for process in children:
            arrivals.extend(json.loads(process.stdout.readline()))
            process.wait(timeout=60)
    finally:
        for process in children:
            if process.poll() is None:
                process.kill()
    latencies, until_all, received = [], [], 0
    for body, start in sent.items():
        times = [(t - start) / 1e6 for marker, t in arrivals if marker == body]
        received += len(times)
        latencies.extend(times)
        if len(times) == len(followers):
            until_all.append(max(times))
    return {
        "clients": len(followers),
        "rounds": rounds,
        "connect_s": connect_seconds,
        "delivered": received,
        "expected": len(followers) * rounds,
        "latency_ms": summary(latencies),
        "until_all_ms": summary(until_all),
    }


if __name__ == "__main__":
    if sys.argv[1] != "--child":
        raise SystemExit(__doc__)
    child(*sys.argv[2:5])
