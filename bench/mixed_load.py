"""Mixed load: N concurrent users for D seconds (browse, post, follow, message), through nginx.

Each virtual user is a thread with its own keep-alive session and token, picking an action
by weight and then "thinking" 0.5-1.5 s, like a person clicking around; a closed loop
without think time would only measure saturation again (wrk does that). Every non-2xx
answer or exception counts as an error; the bar is zero.
"""

import random
import threading
import time
from collections import defaultdict

import requests
from common import summary

# action: weight (out of 100)
WEIGHTS = {
    "explore": 30,
    "feed": 25,
    "feed_more": 10,
    "profile": 10,
    "permalink": 10,
    "post": 5,
    "follow": 5,
    "message": 5,
}


def act(session, base, action, me, others, rng, state):
    other = rng.choice(others)
    if action == "explore":
        return session.get(f"{base}/api/posts")
    if action == "feed":
        response = session.get(f"{base}/api/feed")
        state["cursor"] = response.ok and response.json()["_meta"].get("next_cursor")
        return response
    if action == "feed_more":
        return session.get(f"{base}/api/feed", params={"before": state.get("cursor") or 10**6})
    if action == "profile":
        return session.get(f"{base}/api/users/{other['id']}")
    if action == "permalink":
        return session.get(f"{base}/api/posts/{rng.randint(1, state['max_post_id'])}")
    if action == "post":
        return session.post(f"{base}/api/posts", json={"body": f"mixed load from {me['username']}"})
    if action == "follow":
        following = state.setdefault("following", set())
        verb = session.delete if other["id"] in following else session.post
        response = verb(f"{base}/api/users/{other['id']}/follow")
        following.symmetric_difference_update({other["id"]})
        return response
    return session.post(
        f"{base}/api/messages", json={"recipient": other["username"], "body": "hello"}
    )


def run(base_url, users, duration=60, max_post_id=1, seed=1):
    """users: [{"id", "username", "token"}]; one thread each. Returns figures per action."""
    stop = time.monotonic() + duration
    timings = defaultdict(list)
    errors = defaultdict(list)
    actions, weights = list(WEIGHTS), list(WEIGHTS.values())

    def virtual_user(n, me):
        rng = random.Random(seed * 100_003 + n)
        others = [u for u in users if u["id"] != me["id"]]
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {me['token']}"
        state = {"max_post_id": max_post_id}
        time.sleep(rng.random())  # stagger the start
        while time.monotonic() < stop:
            action = rng.choices(actions, weights)[0]
            started = time.perf_counter()
            try:
                response = act(session, base_url, action, me, others, rng, state)
                # A permalink to a post deleted elsewhere would be a fair 404; none are deleted.
                if not response.ok:
                    errors[action].append(f"{response.status_code} {response.text[:120]}")
            except requests.RequestException as error:
                errors[action].append(repr(error))
            timings[action].append((time.perf_counter() - started) * 1000)
            time.sleep(0.5 + rng.random())

    threads = [threading.Thread(target=virtual_user, args=(n, u)) for n, u in enumerate(users)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    total = sum(len(t) for t in timings.values())
    return {
        "users": len(users),
        "seconds": round(elapsed, 1),
        "requests": total,
        "rps": total / elapsed,
        "errors": sum(len(e) for e in errors.values()),
        "error_samples": {a: e[:3] for a, e in errors.items()},
        "latency_ms": summary([t for ts in timings.values() for t in ts]),
        "by_action": {a: summary(t) for a, t in timings.items()},
    }
