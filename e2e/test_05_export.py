"""Journey 5: export posts; the progress bar advances live, completes, downloads, and the
email with the attachment arrives. (The stack exports one post per step with a pause.)"""

import json

from playwright.sync_api import expect

from devstack.testing import wait_for_mail, worker_of

BODIES = [f"Export me, post number {n}" for n in range(1, 5)]

RECORD_PROGRESS = """() => {
    window.progressSeen = [];
    new MutationObserver(() => {
        for (const bar of document.querySelectorAll('progress')) {
            window.progressSeen.push(bar.value);
        }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
}"""


def test_export_progress_download_and_email(browsers, api, stack, user_ids):
    author = api("fay")
    for body in BODIES:
        author.post("/posts", body=body)
    page = browsers("fay", "/user/fay")
    expect(page.get_by_role("article")).to_have_count(len(BODIES))
    page.evaluate(RECORD_PROGRESS)
    worker_of(stack, user_ids["fay"])  # the socket is up: progress arrives live

    page.get_by_role("button", name="Export your posts").click()
    expect(page.get_by_role("progressbar", name="Export progress")).to_be_visible()
    expect(page.get_by_text("Your export is ready.")).to_be_visible(timeout=15_000)
    seen = page.evaluate("() => window.progressSeen")
    values = sorted(set(seen))
    assert len([v for v in values if 0 < v < 100]) >= 2, seen  # it moved, more than once
    assert seen == sorted(seen), seen  # and only forward

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download posts.json").click()
    download = download_info.value
    assert download.suggested_filename == "posts.json"
    exported = json.loads(download.path().read_text(encoding="utf-8"))
    assert sorted(p["body"] for p in exported["posts"]) == sorted(BODIES)

    mail = wait_for_mail(stack, "fay@example.com", "Your posts")
    attachments = {part.get_filename(): part for part in mail.walk() if part.get_filename()}
    assert "posts.json" in attachments, mail
    attached = json.loads(attachments["posts.json"].get_payload(decode=True))
    assert sorted(p["body"] for p in attached["posts"]) == sorted(BODIES)
