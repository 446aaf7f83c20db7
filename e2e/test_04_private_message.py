"""Journey 4: B's unread badge goes 0 -> 1 live when A's message is handled by the other worker;
opening the thread clears the badge in both of B's tabs."""

import re
import time

from playwright.sync_api import expect

from devstack.testing import other_worker, sockets_on, worker_of


def messages_link(page):
    nav = page.get_by_role("navigation", name="Main")
    return nav.get_by_role("link", name=re.compile("^Messages"))


def test_badge_rises_live_across_workers_and_clears_in_every_tab(browsers, api, stack, user_ids):
    tab1 = browsers("eve", "/")
    tab2 = browsers("eve", "/explore", context=tab1.context)
    for tab in (tab1, tab2):
        expect(messages_link(tab)).to_have_accessible_name("Messages")  # no badge

    # nginx's ip_hash puts every loopback browser on one worker: send through the other one.
    browser_worker = worker_of(stack, user_ids["eve"], sockets=2)
    sending_worker = other_worker(stack, browser_worker)
    assert sockets_on(stack, user_ids["eve"], sending_worker) == 0
    sender = api("dan", worker=sending_worker)
    started = time.monotonic()
    sender.post("/messages", recipient="eve", body="Hello from the other worker")
    for tab in (tab1, tab2):
        expect(messages_link(tab)).to_have_accessible_name(
            "Messages 1 unread message", timeout=2000
        )
    assert time.monotonic() - started < 2.5

    tab1.get_by_role("status").get_by_role("link", name="New message from dan").click()
    expect(tab1.get_by_text("Hello from the other worker")).to_be_visible()
    for tab in (tab1, tab2):
        expect(messages_link(tab)).to_have_accessible_name("Messages")
