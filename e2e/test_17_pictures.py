"""Journey 17 (issue [5/8]): a picture pasted into the composer reaches a follower's feed live.

p1bob pastes an image into the composer: it uploads at once (its progress bar goes once done),
and the post is refused until the picture has alt text (the button says why; trying takes the
focus to the field). Posted, the composer empties; p1ann, who follows p1bob and has the feed
open, is offered "1 new post" live and, once shown, sees the picture with its alt text, its
width and height (no layout shift) and lazy loading.
"""

from playwright.sync_api import expect

from devstack.testing import create_user, http_call, wait_until_loaded, worker_of

# This journey's own users, made here so that no other journey shares them.
ANN, BOB = "p1ann", "p1bob"
ALT = "A red square with a blue stripe, drawn for the journey"

# Builds a small PNG with a canvas and pastes it into the focused composer the way a browser
# does for a copied image: a paste event whose clipboardData carries the file.
PASTE_PNG = """async (textarea) => {
  const canvas = document.createElement('canvas');
  canvas.width = 120;
  canvas.height = 80;
  const g = canvas.getContext('2d');
  g.fillStyle = '#c92a2a';
  g.fillRect(0, 0, 120, 80);
  g.fillStyle = '#1c7ed6';
  g.fillRect(0, 30, 120, 20);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  const data = new DataTransfer();
  data.items.add(new File([blob], 'square.png', { type: 'image/png' }));
  const init = { clipboardData: data, bubbles: true, cancelable: true };
  const event = new ClipboardEvent('paste', init);
  textarea.focus();
  textarea.dispatchEvent(event);
  return event.defaultPrevented;
}"""


def user_id(stack, username):
    return http_call(stack.api_url(1), "GET", f"/users/{username}").json()["id"]


def test_pasted_picture_with_alt_text_reaches_a_follower_live(browsers, api, stack, media_url):
    for name in (ANN, BOB):
        create_user(stack, name)
    api(ANN).post(f"/users/{BOB}/follow")

    ann = browsers(ANN, "/")
    ann.get_by_role("button", name="Following").click()
    expect(ann.get_by_role("heading", name=f"Hi, {ANN}!")).to_be_visible()
    # Live means ann's socket is up: a post before it connects is caught up, not announced.
    worker_of(stack, user_id(stack, ANN))

    bob = browsers(BOB, "/")
    box = bob.get_by_label("Say something")
    box.fill("A picture for my followers")
    assert box.evaluate(PASTE_PNG) is True  # the composer took the file, not the textarea

    # The upload runs at once; once done its progress bar goes and the server's preview shows.
    pictures = bob.get_by_role("list", name="Pictures")
    expect(pictures.get_by_role("listitem")).to_have_count(1)
    expect(pictures.locator("progress")).to_have_count(0)
    expect(pictures.locator("img")).to_have_attribute("src", media_url)
    wait_until_loaded(pictures.locator("img"))

    # No alt text yet: the button says why, and trying takes the focus to the field.
    post = bob.get_by_role("button", name="Post", exact=True)
    expect(post).to_have_attribute("aria-disabled", "true")
    expect(post).to_have_accessible_description("Describe every picture before posting.")
    # aria-disabled, not disabled: the button stays focusable and usable, to say why and where.
    post.focus()
    bob.keyboard.press("Enter")
    alt = bob.get_by_label("Alt text for picture 1")
    expect(alt).to_be_focused()
    expect(bob.get_by_text("Describe this picture before posting.")).to_be_visible()
    expect(bob.get_by_text("Your post is now live!")).to_have_count(0)

    alt.fill(ALT)
    expect(post).not_to_have_attribute("aria-disabled", "true")
    post.click()
    expect(bob.get_by_text("Your post is now live!")).to_be_visible()
    # Posted: the composer is ready for the next one, pictures and all.
    expect(box).to_have_value("")
    expect(bob.get_by_role("list", name="Pictures")).to_have_count(0)
    mine = bob.get_by_role("article").filter(has_text="A picture for my followers")
    expect(mine.get_by_role("img", name=ALT)).to_be_visible()

    # ann's feed offers it live; shown, the picture carries its alt text and its size.
    banner = ann.get_by_role("button", name="Show 1 new post")
    expect(banner).to_be_visible()
    banner.click()
    article = ann.get_by_role("article").filter(has_text="A picture for my followers")
    image = article.get_by_role("img", name=ALT)
    expect(image).to_be_visible()
    expect(image).to_have_attribute("width", "120")
    expect(image).to_have_attribute("height", "80")
    expect(image).to_have_attribute("loading", "lazy")
    expect(image).to_have_attribute("src", media_url)
    wait_until_loaded(image)
