"""The one table `make bench` prints, and the SPEC §7 bars it is judged against."""

# microblog-api on this kind of machine (SPEC §7): 1 000 users, 20 000 posts, 50 000 follows,
# 2 workers, wrk at 16 connections. Inkwell's bar is a multiple of each.
BASELINE = {
    "feed": (4.4, 50, 28),  # requests/s, required multiple, SQL statements per request
    "explore": (36.8, 10, None),
    "user": (237, 2, None),
}
P99_MS_AT_64 = 100
PUSH_P50_MS, PUSH_P99_MS = 5, 25
# SPEC §13: a post to 1 000 connected followers, p99 of arrivals; clients the stack holds;
# RSS of one worker while 1 000 sockets are connected.
BROADCAST_P99_MS, HELD_CLIENTS, RSS_MB_AT_1000 = 250, 5000, 150
MICROBLOG_JS_KB = 87.6


def _ok(passed):
    return "MET" if passed else "NOT MET"


def _http_rows(name, profile):
    rows = [f"\n{name}: {profile['data']['users']} users, {profile['data']['posts']} posts, "
            f"{profile['data']['follows']} follows ({profile['database']}, seed "
            f"{profile['seed_s']:.0f} s)",
            f"  {'endpoint':<12} {'SQL':>4} {'c16 r/s':>9} {'p50':>7} {'p99':>7}"
            f" {'c64 r/s':>9} {'p50':>7} {'p99':>7} {'errors':>6}"]  # fmt: skip
    sql = {"explore": "posts"}
    for endpoint, runs in profile["http"].items():
        c16, c64 = runs["c16"], runs["c64"]
        statements = profile["queries"].get(sql.get(endpoint, endpoint), "")
        rows.append(
            f"  {endpoint:<12} {statements:>4} {c16['rps']:>9.1f} {c16['p50_ms']:>7.1f}"
            f" {c16['p99_ms']:>7.1f} {c64['rps']:>9.1f} {c64['p50_ms']:>7.1f}"
            f" {c64['p99_ms']:>7.1f} {c16['errors'] + c64['errors']:>6}"
        )
    return rows


def _bars(results):
    rows = ["\nSPEC §7 bars (ratios from this run; ms are medians/percentiles of this run)"]
    shape = results["profiles"].get("microblog")
    if shape and shape["http"]:
        for endpoint, (baseline, multiple, _) in BASELINE.items():
            rps = shape["http"][endpoint]["c16"]["rps"]
            rows.append(
                f"  {endpoint:<8} {rps:8.1f} r/s = {rps / baseline:6.1f}x microblog-api's "
                f"{baseline} (bar {multiple}x): {_ok(rps / baseline >= multiple)}"
            )
        worst = max(runs["c64"]["p99_ms"] for runs in shape["http"].values())
        rows.append(f"  p99 at 64 connections, worst endpoint: {worst:.1f} ms "
                    f"(bar {P99_MS_AT_64}): {_ok(worst <= P99_MS_AT_64)}")  # fmt: skip
        rows.append(f"  feed SQL statements: {shape['queries']['feed']} (microblog-api 28)")
    last = list(results["profiles"].values())[-1]
    if "push" in last:
        push = last["push"]["push_ms"]
        rows.append(
            f"  push across workers ({last['push']['sends']} sends): p50 {push['p50']:.1f} ms "
            f"(bar {PUSH_P50_MS}) {_ok(push['p50'] <= PUSH_P50_MS)}, p95 {push['p95']:.1f}, "
            f"p99 {push['p99']:.1f} ms (bar {PUSH_P99_MS}) {_ok(push['p99'] <= PUSH_P99_MS)}"
        )
        b = last["broadcast"]
        rows.append(
            f"  broadcast to {b['clients']} clients x {b['rounds']}: delivered "
            f"{b['delivered']}/{b['expected']}, p50 {b['latency_ms']['p50']:.0f} ms, "
            f"p99 {b['latency_ms']['p99']:.0f} ms, until all (median round) "
            f"{(b['until_all_ms'] or {}).get('p50', float('nan')):.0f} ms (bar: all, p99 "
            f"{BROADCAST_P99_MS} ms): "
            f"{_ok(b['delivered'] == b['expected'] and b['latency_ms']['p99'] <= BROADCAST_P99_MS)}"
        )
        hold = last.get("hold")
        if hold:
            rows.append(
                f"  {hold['clients']} clients connected in {hold['connect_s']:.1f} s, "
                f"{hold['still_connected']} still connected after {hold['held_s']} s, worker RSS "
                f"{hold['worker_rss_mb']} MB (bar {HELD_CLIENTS}): "
                f"{_ok(hold['still_connected'] >= HELD_CLIENTS)}"
            )
        m = last["mixed"]
        rows.append(
            f"  mixed load {m['users']} users x {m['seconds']:.0f} s: {m['requests']} requests "
            f"({m['rps']:.0f}/s), p50 {m['latency_ms']['p50']:.0f} ms, p99 "
            f"{m['latency_ms']['p99']:.0f} ms, errors {m['errors']}: {_ok(m['errors'] == 0)}"
        )
        at_1000 = max((last["rss_1000_clients_mb"] or {}).values(), default=float("nan"))
        rows.append(
            f"  worker RSS MB: idle {last['rss_idle_mb']}, after wrk {last['rss_after_http_mb']},"
            f" with 1 000 sockets {last['rss_1000_clients_mb']} (bar {RSS_MB_AT_1000} each): "
            f"{_ok(at_1000 <= RSS_MB_AT_1000)}, after mixed {last['rss_after_mixed_mb']}"
        )
        up = last.get("uploads")
        if up:
            seq, par = up["sequential_ms"], up["concurrent_ms"]
            rows.append(
                f"  uploads of a {up['file_mb']} MB {up['megapixels']:.0f}-megapixel JPEG: alone "
                f"p50 {seq['p50']:.0f} ms, p99 {seq['p99']:.0f} ms; {up['concurrent']} at once "
                f"p50 {par['p50']:.0f} ms, p99 {par['p99']:.0f} ms, "
                f"{up['concurrent_uploads_per_s']}/s; worker RSS peak {up['worker_rss_peak_mb']} MB"
            )
    if "million" in last:
        mil = last["million"]
        for endpoint, ratio in mil["ratio"].items():
            rows.append(
                f"  {endpoint} p50 at {mil['posts_before']} vs {mil['data']['posts']} posts: "
                f"{mil['http'][endpoint]['c16']['p50_ms']:.1f} ms, {1 / ratio:.2f}x "
                f"the smaller table's (flat = 1)"
            )
    js = results.get("spa_initial_js_gzip_kb")
    if js is not None:
        rows.append(f"  SPA initial JS {js:.1f} KB gzip = {js / MICROBLOG_JS_KB:.2f}x "
                    f"microblog-api's React client ({MICROBLOG_JS_KB} KB)")  # fmt: skip
    return rows


def table(results):
    machine = results["machine_before"]
    rows = [f"Inkwell bench: {results['command']}",
            f"machine: {machine['cpus']} CPUs, load average before "
            f"{', '.join(f'{x:.1f}' for x in machine['loadavg'])}, after "
            f"{', '.join(f'{x:.1f}' for x in results['machine_after']['loadavg'])}"]  # fmt: skip
    for name, profile in results["profiles"].items():
        rows += _http_rows(name, profile)
    rows += _bars(results)
    return "\n".join(rows)
