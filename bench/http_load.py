"""HTTP throughput and latency with wrk (Debian's), one endpoint at a time, through nginx."""

import json
import os
import shutil
import subprocess

from common import BENCH_DIR

LUA = BENCH_DIR / "auth.lua"


def wrk(url, token, connections, duration, threads=2):
    """One wrk run; returns requests/s, p50/p99 in ms and the error count."""
    binary = shutil.which("wrk")
    if binary is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    done = subprocess.run(
        [binary, f"-t{min(threads, connections)}", f"-c{connections}", f"-d{duration}s",
         "--timeout", "10s", "-s", str(LUA), url],
        env=dict(os.environ, BENCH_TOKEN=token),
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    line = next(line for line in done.stdout.splitlines() if line.startswith("WRKJSON "))
    raw = json.loads(line.removeprefix("WRKJSON "))
    errors = sum(raw[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts"))
    return {
        "connections": connections,
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50_ms": raw["p50_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "errors": errors + raw["non_2xx"],
        "requests": raw["requests"],
    }


def endpoints(user_id, post_id, max_post_id):
    return {
        "explore": "/api/posts",
        "feed": "/api/feed",
        # The SPA's "more" link: a keyset page half-way down, no COUNT.
        "feed_cursor": f"/api/feed?before={max_post_id // 2}",
        "user": f"/api/users/{user_id}",
        "post": f"/api/posts/{post_id}",
    }


def measure(base_url, token, paths, connections=(16, 64), duration=10, log=print):
    results = {}
    for name, path in paths.items():
        results[name] = {}
        for conns in connections:
            result = wrk(base_url + path, token, conns, duration)
            results[name][f"c{conns}"] = result
            log(f"  wrk {name:<12} c={conns:<3} {result['rps']:8.1f} r/s  "
                f"p50 {result['p50_ms']:6.1f} ms  p99 {result['p99_ms']:6.1f} ms  "
                f"errors {result['errors']}")  # fmt: skip
    return results
