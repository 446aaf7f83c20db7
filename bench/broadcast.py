"""Fan-out: one author's post pushed to N connected followers (SPEC §13: 1 000 followers,
p99 <= 250 ms; 5 000 clients held by the 2-worker stack).

The followers' python-socketio clients (websocket transport, through nginx) are asyncio
clients (socketio.AsyncClient on aiohttp) spread over a few child processes: with one thread
per client, as the threaded client has, the clients' own GIL contention was most of what
the measured latency held. Children and parent share CLOCK_MONOTONIC, so each arrival is
timed from the moment the parent sent the POST.

bench/run.py calls measure_on(stack, star, followers) and hold_on(stack, users); a child runs
as    python bench/broadcast.py --child URL TOKENS_FILE ROUNDS
"""

import asyncio
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import socketio
from common import summary

PROCESSES = 4
CONNECTS_AT_ONCE = 50  # per child: a burst, not a stampede on nginx's accept queue
CONNECT_ATTEMPTS = 5


async def _child(url, tokens, rounds):
    arrivals = []  # (marker, monotonic ns)
    everyone = asyncio.Event()
    expected = len(tokens) * rounds

    def client_for():
        client = socketio.AsyncClient(reconnection=False)

        @client.on("post")
        async def on_post(data):
            arrivals.append((data["body"], time.monotonic_ns()))
            if len(arrivals) >= expected:
                everyone.set()

        return client

    clients = [client_for() for _ in tokens]
    gate = asyncio.Semaphore(CONNECTS_AT_ONCE)
    retries = 0

    async def connect(client, token):
        # As socket.io-client in a browser does, a refused first attempt is tried again after a
        # growing pause; the report counts those retries.
        nonlocal retries
        for attempt in range(CONNECT_ATTEMPTS):
            async with gate:
                try:
                    await client.connect(
                        url, auth={"token": token}, transports=["websocket"], wait_timeout=60
                    )
                    return
                except socketio.exceptions.ConnectionError:
                    if attempt == CONNECT_ATTEMPTS - 1:
                        raise
                    retries += 1
            await asyncio.sleep(0.5 * 2**attempt)

    await asyncio.gather(*(connect(c, t) for c, t in zip(clients, tokens, strict=True)))
    print(f"READY {retries}", flush=True)
    # The parent says GO when it has sent everything (or HOLD_DONE after a hold).
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    if rounds:
        with contextlib.suppress(TimeoutError):  # what arrived is reported either way
            await asyncio.wait_for(everyone.wait(), timeout=30)
    connected = sum(1 for c in clients if c.connected)
    print(json.dumps({"arrivals": arrivals, "still_connected": connected}), flush=True)
    await asyncio.gather(*(c.disconnect() for c in clients), return_exceptions=True)


def child(url, tokens_file, rounds):
    """Connect every client, say READY, wait for GO, report arrival times of ROUNDS posts."""
    tokens = json.loads(Path(tokens_file).read_text())
    asyncio.run(_child(url, tokens, int(rounds)))


def _start_children(stack, tokens, rounds, processes):
    workdir = Path(tempfile.mkdtemp(prefix="inkwell-bench-"))
    children = []
    for n in range(processes):
        path = workdir / f"tokens{n}.json"
        path.write_text(json.dumps(tokens[n::processes]))
        children.append(
            subprocess.Popen(
                [sys.executable, __file__, "--child", stack.url, str(path), str(rounds)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        )
    return children


def _wait_ready(children):
    """Connect retries the children needed in all (each child says `READY <retries>`)."""
    retries = 0
    for process in children:
        word, _, count = process.stdout.readline().strip().partition(" ")
        if word != "READY":
            raise RuntimeError("a broadcast client process failed to connect")
        retries += int(count)
    return retries


def _collect(children):
    reports = []
    for process in children:
        process.stdin.write("GO\n")
        process.stdin.flush()
    for process in children:
        reports.append(json.loads(process.stdout.readline()))
        process.wait(timeout=60)
    return reports


def _kill(children):
    for process in children:
        if process.poll() is None:
            process.kill()


def hold_on(stack, users, seconds=10, processes=8, rss=None):
    """Connect len(users) clients at once, hold them `seconds`: how many stay connected, and
    the workers' RSS while they do (`rss`: a callable returning it)."""
    started = time.monotonic()
    children = _start_children(stack, [u["token"] for u in users], 0, processes)
    try:
        retries = _wait_ready(children)
        connect_seconds = time.monotonic() - started
        time.sleep(seconds)
        memory = rss() if rss else None
        reports = _collect(children)
    finally:
        _kill(children)
    return {
        "clients": len(users),
        "connect_s": connect_seconds,
        "connect_retries": retries,
        "held_s": seconds,
        "still_connected": sum(r["still_connected"] for r in reports),
        "worker_rss_mb": memory,
    }


def measure_on(stack, star, followers, rounds=5, processes=PROCESSES, log=print, rss=None):
    """star: {"token"} of an author whom every follower token follows."""
    started_connecting = time.monotonic()
    children = _start_children(stack, [f["token"] for f in followers], rounds, processes)
    try:
        retries = _wait_ready(children)
        connect_seconds = time.monotonic() - started_connecting
        log(f"  {len(followers)} clients connected in {connect_seconds:.1f} s ({retries} retries)")
        time.sleep(1)
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {star['token']}"
        sent = {}
        for n in range(rounds):
            body = f"broadcast round {n} {time.time_ns()}"
            sent[body] = time.monotonic_ns()
            session.post(f"{stack.url}/api/posts", json={"body": body}).raise_for_status()
            time.sleep(3)  # every client has it long before: rounds do not overlap
        memory = rss() if rss else None
        arrivals = [a for report in _collect(children) for a in report["arrivals"]]
    finally:
        _kill(children)
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
        "connect_retries": retries,
        "delivered": received,
        "expected": len(followers) * rounds,
        "latency_ms": summary(latencies),
        "until_all_ms": summary(until_all),
        "worker_rss_mb": memory,
    }


if __name__ == "__main__":
    if sys.argv[1] != "--child":
        raise SystemExit(__doc__)
    child(*sys.argv[2:5])
