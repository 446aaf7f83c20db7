"""Journey 10: the worker B's socket is on dies; the connection indicator shows, the browser
reconnects (to the other worker), and a message sent meanwhile appears. Runs after the
journeys that need both workers steady: it kills and restarts one."""

from playwright.sync_api import expect

from devstack.testing import other_worker, sockets_on, worker_of


def test_killed_worker_indicator_reconnect_and_missed_message(browsers, api, stack, user_ids):
    sender = api("max")
    sender.post("/messages", recipient="leo", body="Before the crash")
    page = browsers("leo", "/messages/max")
    expect(page.get_by_text("Before the crash")).to_be_visible()

    doomed = worker_of(stack, user_ids["leo"])
    survivor = other_worker(stack, doomed)
    try:
        stack.processes[f"api{doomed}"].kill()  # SIGKILL: a crash, no goodbye to the socket
        indicator = page.get_by_role("status").filter(has_text="Live updates paused")
        expect(indicator).to_be_visible()

        # Sent while B is disconnected, through the worker that is still up.
        api("max", worker=survivor).post("/messages", recipient="leo", body="Sent during outage")

        expect(indicator).to_have_count(0, timeout=15_000)  # reconnected through nginx
        expect(page.get_by_text("Sent during outage")).to_be_visible()
        # (The dead worker's log still counts its socket: ask the survivor.)
        assert sockets_on(stack, user_ids["leo"], survivor) == 1
    finally:
        stack.start_worker(doomed)
        stack.wait_worker(doomed)
