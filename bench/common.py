"""Shared by the bench scripts: percentiles, the stack's settings for a benchmark, and the
in-process helper (bench/inproc.py) run with the stack's environment."""

import json
import statistics
import subprocess
import sys
from pathlib import Path

from devstack.processes import BACKEND_DIR

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent


# Limits stay on (their Redis round trip is part of a write's cost) but out of the way.
BENCH_ENV = {
    "RATELIMIT_MESSAGES": "1000000/minute",
    "RATELIMIT_POSTS": "1000000/minute",
    "RATELIMIT_TOKENS": "1000000/minute",
    "RATELIMIT_UPLOADS": "1000000/minute",
    # Slow-query warnings would be written under load: only the pathological ones.
    "SLOW_QUERY_SECONDS": "2",
}


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summary(values):
    """p50/p95/p99/max of a list of milliseconds (None when empty)."""
    if not values:
        return None
    return {
        "n": len(values),
        "p50": statistics.median(values),
        "p95": percentile(values, 0.95),
        "p99": percentile(values, 0.99),
        "max": max(values),
    }


def inproc(stack, *args, timeout=600):
    """Run bench/inproc.py against the stack's database; returns its JSON answer."""
    done = subprocess.run(
        [sys.executable, str(BENCH_DIR / "inproc.py"), *map(str, args)],
        cwd=BACKEND_DIR,
        env=stack.env(SOCKETIO_ASYNC_MODE="threading", LOG_LEVEL="WARNING"),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise RuntimeError(f"inproc {args} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def flask(stack, *args, timeout=3600):
    done = subprocess.run(
        [sys.executable, "-m", "flask", *map(str, args)],
        cwd=BACKEND_DIR,
        env=stack.env(SOCKETIO_ASYNC_MODE="threading"),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise RuntimeError(f"flask {args} failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip()


def rss_mb(pid):
    """Resident set size of one process, from /proc (no psutil needed)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def worker_rss(stack):
    return {
        name: round(rss_mb(process.popen.pid), 1)
        for name, process in stack.processes.items()
        if name.startswith("api")
    }
