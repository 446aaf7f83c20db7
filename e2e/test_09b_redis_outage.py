"""Journey 9b (SPEC §13): Redis goes away while a thread is open. The page stays connected (the
socket is the worker's, not Redis's), a message sent meanwhile through the other worker cannot be
pushed, and within 3 s of Redis answering again the worker's `resync` makes the page catch up: the
message shows without a reload (a readiness probe through nginx meanwhile must not get both workers
marked failed). Runs late (before journey 10 kills a worker) and leaves Redis, and
the RQ worker that depends on it, running for the journeys after it."""

import re
import time

import requests
from playwright.sync_api import expect

from devstack.testing import Api, other_worker, wait_for_mail, worker_of

# Set in the page when the connection indicator shows at any moment (it must not, Redis or not).
WATCH_INDICATOR = """() => {
  window.__journeyMark = 'same page';
  window.__indicatorSeen = false;
  const look = () => {
    if (document.body.innerText.includes('Live updates paused')) window.__indicatorSeen = true;
  };
  const watched = { childList: true, subtree: true, characterData: true };
  new MutationObserver(look).observe(document.body, watched);
  look();
}"""


def test_open_thread_catches_up_after_a_redis_outage(browsers, api, stack, user_ids):
    api("pia").post("/messages", recipient="quin", body="Before the outage")
    page = browsers("quin", "/messages/pia")
    expect(page.get_by_text("Before the outage")).to_be_visible()
    holder = worker_of(stack, user_ids["quin"])
    # The sender's session is opened while Redis is up, on the worker that does not hold the socket.
    sender = Api(stack, "pia", other_worker(stack, holder))
    page.evaluate(WATCH_INDICATOR)
    socket_log = len(stack.processes[f"api{holder}"].log())

    stack.stop_redis()
    try:
        sender.post("/messages", recipient="quin", body="Sent while Redis was down")
        # Stored, but the push had no way to the other worker (checked at once, not waited for).
        expect(page.get_by_text("Sent while Redis was down")).to_have_count(0, timeout=1)
        # A monitor probing readiness through nginx is told the truth, and must not make nginx
        # give up on both workers (the page's catch-up below goes through nginx too). Each probe is
        # a new connection: together they reach every nginx worker process (each keeps its own
        # record of failed upstreams).
        for _ in range(6):
            probe = requests.get(f"{stack.url}/api/ready", timeout=10)
            assert probe.status_code == 503, probe.text
    finally:
        stack.start_redis()
        restart_rq_if_gone(stack)
    back = time.monotonic()

    expect(page.get_by_text("Sent while Redis was down")).to_be_visible(timeout=3000)
    assert time.monotonic() - back < 3.5
    # The same page (no reload), the same socket (no reconnect), and never the indicator.
    assert page.evaluate("window.__journeyMark") == "same page"
    assert page.evaluate("window.__indicatorSeen") is False
    later = stack.processes[f"api{holder}"].log()[socket_log:]
    assert not re.search(rf"socket disconnected: user={user_ids['quin']} ", later), later
    assert "sockets resync" in later  # the worker told its sockets (inkwell.realtime.redis_manager)

    # Live pushes flow through Redis again, across workers.
    sender.post("/messages", recipient="quin", body="After the outage")
    expect(page.get_by_text("After the outage")).to_be_visible()
    # So do jobs: a reset email is sent by the RQ worker once it is back on Redis.
    response = requests.post(
        f"{stack.url}/api/auth/reset-request", json={"email": "pia@example.com"}, timeout=10
    )
    assert response.status_code in (200, 202, 204), response.text
    wait_for_mail(stack, "pia@example.com", "Reset your password", timeout=30)


def restart_rq_if_gone(stack):
    """RQ's worker may exit when its Redis disappears; the journeys after this one need it."""
    rq = stack.processes.get("rq")
    if rq is not None and not rq.alive:
        rq.stop()
        stack.processes.pop("rq")
        stack._process("rq", rq.argv, SOCKETIO_ASYNC_MODE="threading")
