"""`make bench`: seed, start the stack with nginx, measure, print one table, write results.json.

    .venv/bin/python bench/run.py [--profile microblog|issue|all] [--million] [--duration 10]
                                  [--mixed-seconds 60] [--http-only] [--py-spy DIR]

Profiles: `microblog` is microblog-api's comparison shape (1 000 users, 20 000 posts, 50 000
follows: SPEC §7's baseline figures were measured on it); `issue` is 10 000 users, 100 000
posts, 30 follows each plus one author with 1 000 followers. `--million` tops the last
profile's posts up to 1 000 000 and measures the feed again (keyset: flat). PostgreSQL when
it answers, else SQLite. Real-time, mixed load and RSS run on the last profile.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

import broadcast
import http_load
import mixed_load
import push_latency
import report
import uploads
from common import BENCH_DIR, BENCH_ENV, REPO_DIR, flask, inproc, worker_rss

from devstack.stack import Stack

PROFILES = {
    "microblog": {"users": 1000, "posts": 20_000, "follows": 50},
    "issue": {"users": 10_000, "posts": 100_000, "follows": 30},
}
MILLION = 1_000_000


def log(message):
    print(message, file=sys.stderr, flush=True)


def machine():
    """What else ran: the load average and the busiest processes that are not ours."""
    ps = subprocess.run(
        ["ps", "-eo", "pcpu,comm,args", "--sort=-pcpu", "--no-headers"],
        capture_output=True, text=True,
    ).stdout.splitlines()  # fmt: skip
    return {
        "cpus": os.cpu_count(),
        "loadavg": os.getloadavg(),
        "busiest": [line.strip()[:100] for line in ps[:6]],
    }


def spa_gzip_kb():
    frontend = REPO_DIR / "frontend"
    if not (frontend / "dist" / "index.html").exists():
        subprocess.run(["npm", "run", "build"], cwd=frontend, check=True, capture_output=True)
    out = subprocess.run(
        ["npm", "run", "budget"], cwd=frontend, capture_output=True, text=True
    ).stdout
    match = re.search(r"initial JS: ([\d.]+) KB gzip", out)
    return float(match.group(1)) if match else None


def seed(stack, shape):
    started = time.monotonic()
    flask(stack, "seed", "--users", shape["users"], "--posts", shape["posts"],
          "--follows", shape["follows"])  # fmt: skip
    return time.monotonic() - started


def with_py_spy(stack, directory, name, measure):
    """Run `measure` while py-spy samples every API worker (flame graphs in DIRECTORY)."""
    if not directory:
        return measure()
    recorders = [
        subprocess.Popen(
            [
                "py-spy",
                "record",
                "--pid",
                str(process.popen.pid),
                "--rate",
                "200",
                "--output",
                f"{directory}/{name}-{worker}.svg",
                "--nonblocking",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for worker, process in stack.processes.items()
        if worker.startswith("api")
    ]
    try:
        return measure()
    finally:
        for recorder in recorders:
            recorder.send_signal(2)  # py-spy writes its output on SIGINT
            recorder.wait(timeout=60)


def http_profile(stack, args, name, shape, result):
    """Seed, then (unless --realtime-only) wrk every main read through nginx."""
    log(f"[{name}] seeding {shape} ...")
    result["seed_s"] = seed(stack, shape)
    result["star"] = inproc(stack, "star", 1000)
    result["data"] = inproc(stack, "stats")
    reader = inproc(stack, "tokens", 1)[0]
    result["feed_user"] = reader["id"]
    max_id = result["data"]["max_post_id"]
    paths = http_load.endpoints(reader["id"], max_id // 2, max_id)
    result["queries"] = inproc(stack, "queries", reader["id"], max_id // 2)
    log(f"[{name}] statements per request: {result['queries']}")
    result["rss_idle_mb"] = worker_rss(stack)
    result["http"] = {}
    for endpoint, path in ({} if args.realtime_only else paths).items():
        result["http"].update(
            with_py_spy(
                stack,
                args.py_spy,
                f"{name}-{endpoint}",
                lambda e=endpoint, p=path: http_load.measure(
                    stack.url, reader["token"], {e: p}, duration=args.duration, log=log
                ),
            )
        )
    result["rss_after_http_mb"] = worker_rss(stack)
    return reader, paths


def million(stack, args, reader, paths, result):
    before = result["data"]["posts"]
    log(f"[million] topping up {before} posts to {MILLION} ...")
    started = time.monotonic()
    flask(stack, "seed", "--users", 0, "--posts", MILLION - before, "--follows", 0)
    feed_paths = {"feed": paths["feed"], "feed_cursor": paths["feed_cursor"]}
    after = http_load.measure(stack.url, reader["token"], feed_paths, (16,), args.duration, log)
    result["million"] = {
        "seed_s": time.monotonic() - started,
        "posts_before": before,
        "data": inproc(stack, "stats"),
        "http": after,
        "ratio": {
            k: result["http"][k]["c16"]["p50_ms"] / after[k]["c16"]["p50_ms"] for k in feed_paths
        },
    }


def realtime_and_mixed(stack, args, result):
    users = inproc(stack, "tokens", max(1000, args.mixed_users + 2))
    log("[push] message -> recipient across workers ...")
    result["push"] = push_latency.measure_on(stack, users[0], users[1], args.sends)
    log(f"  push {result['push']['push_ms']}")
    star = inproc(stack, "star", 1000)
    followers = inproc(stack, "tokens", 1000)  # the star's followers are the first 1 000 users
    log("[broadcast] 1 000 followers connected ...")
    result["broadcast"] = broadcast.measure_on(
        stack, star, followers, log=log, rss=lambda: worker_rss(stack)
    )
    result["rss_1000_clients_mb"] = result["broadcast"]["worker_rss_mb"]
    log(f"  broadcast {result['broadcast']}")
    log(f"[hold] {args.clients} clients connected at once ...")
    holders = inproc(stack, "tokens", args.clients)
    result["hold"] = broadcast.hold_on(stack, holders, rss=lambda: worker_rss(stack))
    log(f"  hold {result['hold']}")
    log(f"[mixed] {args.mixed_users} users for {args.mixed_seconds} s ...")
    result["mixed"] = mixed_load.run(
        stack.url,
        users[2 : 2 + args.mixed_users],
        args.mixed_seconds,
        max_post_id=result["data"]["max_post_id"],
    )
    result["rss_after_mixed_mb"] = worker_rss(stack)
    # Last: decoding 12-megapixel pictures grows the heap, which would count in the RSS above.
    log(
        f"[uploads] a {uploads.SIZE[0] * uploads.SIZE[1] / 1e6:.0f}-megapixel JPEG, alone and "
        f"{uploads.AT_ONCE} at once ..."
    )
    result["uploads"] = uploads.measure_on(stack, users[2:10])
    log(f"  uploads {result['uploads']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", choices=[*PROFILES, "all"], default="all")
    parser.add_argument("--million", action="store_true", help="also 1 000 000 posts (feed)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--sends", type=int, default=500)
    parser.add_argument("--clients", type=int, default=5000, help="sockets held at once")
    parser.add_argument("--mixed-users", type=int, default=200)
    parser.add_argument("--mixed-seconds", type=int, default=60)
    parser.add_argument("--database", choices=("auto", "sqlite", "postgres"), default="auto")
    parser.add_argument("--http-only", action="store_true", help="skip real-time and mixed load")
    parser.add_argument(
        "--realtime-only", action="store_true", help="skip the wrk runs (push, fan-out, RSS)"
    )
    parser.add_argument("--py-spy", metavar="DIR", help="flame graphs of the workers per endpoint")
    parser.add_argument("--output", default=str(BENCH_DIR / "results.json"))
    args = parser.parse_args()
    if args.py_spy:
        os.makedirs(args.py_spy, exist_ok=True)
    names = list(PROFILES) if args.profile == "all" else [args.profile]
    results = {"command": " ".join(sys.argv), "machine_before": machine(), "profiles": {}}
    results["spa_initial_js_gzip_kb"] = spa_gzip_kb()
    for name in names:
        result = results["profiles"][name] = {}
        stack = Stack(workers=2, nginx=True, database=args.database, env_overrides=dict(BENCH_ENV))
        with stack:
            result["database"] = stack.database_url.split(":", 1)[0]
            reader, paths = http_profile(stack, args, name, PROFILES[name], result)
            if name == names[-1] and not args.http_only:
                realtime_and_mixed(stack, args, result)
                if args.million:
                    million(stack, args, reader, paths, result)
        stack.cleanup()
    results["machine_after"] = machine()
    with open(args.output, "w") as out:
        json.dump(results, out, indent=2)
    print(report.table(results))
    print(f"\nfull figures: {args.output}")


if __name__ == "__main__":
    main()
