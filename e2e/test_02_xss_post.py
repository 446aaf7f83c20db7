"""Journey 2: a Markdown post carrying XSS payloads renders its formatting and runs no script."""

from playwright.sync_api import expect

PAYLOAD = """# Field notes

Some **bold**, some *emphasis* and `code`.

<script>alert("script tag")</script>
<img src=x onerror="alert('img onerror')">
<a href="javascript:alert('js link')">click me</a>
[markdown js link](javascript:alert('md link'))
<svg onload="alert('svg')"></svg>
<iframe src="javascript:alert('iframe')"></iframe>
<p onclick="alert('handler')" style="color:red">styled</p>
"""


def test_markdown_post_renders_and_no_payload_runs(browsers):
    page = browsers("ana")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.get_by_label("Say something").fill(PAYLOAD)
    # The preview is the server's sanitiser too: it must be as inert as the post.
    page.get_by_role("tab", name="Preview").click()
    expect(page.get_by_role("tabpanel", name="Preview").locator("strong")).to_have_text("bold")
    page.get_by_role("button", name="Post", exact=True).click()

    post = page.get_by_role("article").first
    body = post.locator(".post-body")
    expect(body.locator("h1")).to_have_text("Field notes")
    expect(body.locator("strong")).to_have_text("bold")
    expect(body.locator("em")).to_have_text("emphasis")
    expect(body.locator("code")).to_have_text("code")

    # Open the permalink too (a fresh render from the stored HTML), click what can be clicked.
    post.get_by_role("link", name="Permalink").click()
    expect(page.locator(".post-body h1")).to_have_text("Field notes")
    for link in page.locator(".post-body a").all():
        link.click(modifiers=["Control"], no_wait_after=True)  # a new-tab click runs nothing here
    page.locator(".post-body p", has_text="styled").click()
    page.wait_for_timeout(300)

    # The payloads survive only as text: no element that could run script, no handler, no
    # javascript: link (markdown-it escapes raw HTML; nh3 drops what Markdown itself makes).
    dangerous = page.evaluate(
        """() => {
            const body = document.querySelector('.post-body');
            const found = [...body.querySelectorAll('script, img, svg, iframe, object, embed')]
                .map((el) => el.tagName);
            for (const el of body.querySelectorAll('*')) {
                for (const attr of el.attributes) {
                    if (attr.name.startsWith('on') || attr.name === 'style') found.push(attr.name);
                    if (/^\\s*javascript:/i.test(attr.value)) found.push(attr.value);
                }
            }
            return found;
        }"""
    )
    assert dangerous == []
    expect(page.locator(".post-body")).to_contain_text("<script>")  # shown, not run
    assert dialogs == []
