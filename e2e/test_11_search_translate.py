"""Journey 11 (issue [5/6]): search from the navigation, and Translate on a foreign post."""

from playwright.sync_api import expect

SPANISH = (
    "El rápido zorro marrón salta sobre el perro perezoso mientras la lluvia cae sobre la "
    "ciudad dormida."
)


def test_search_finds_posts_and_people_with_highlights(browsers, api):
    nia = api("nia")
    nia.post("/posts", body="Zephyrology is the quiet study of winds that keep running.")
    # Longer in words as well as in letters: SQLite's bm25 counts tokens, PostgreSQL's ts_rank
    # (normalisation 1) counts lexemes left after stop words, and both must see the passing
    # mention as the longer text.
    nia.post(
        "/posts",
        body="A long walk along the harbour, past the old lighthouse and the fishing boats, "
        "and only in passing a word on zephyrology.",
    )

    page = browsers("oto", "/")
    search = page.get_by_role("search").get_by_role("searchbox")
    search.fill("zephyrology")
    search.press("Enter")
    page.wait_for_url("**/search?q=zephyrology*")
    hits = page.locator("li.search-hit[data-type=post]")
    expect(hits).to_have_count(2)
    # The post about zephyrology ranks above the one that mentions it in passing.
    expect(hits.first).to_contain_text("quiet study of winds")
    expect(hits.first.locator("mark").first).to_have_text("Zephyrology", ignore_case=True)

    page.locator('.tab[data-type="users"]').click()
    page.locator("#search-q").fill("nia")
    page.locator("form.search-form button[type=submit]").click()
    expect(page.locator("li.search-hit[data-type=user]").first).to_contain_text("nia")


def test_translate_appears_on_a_post_in_another_language(browsers, api):
    post = api("nia").post("/posts", body=SPANISH)
    assert post["language"] == "es"

    page = browsers("oto", f"/post/{post['id']}")
    button = page.get_by_role("button", name="Translate")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator(".translation-text")).to_have_text(f"[en] {SPANISH}")

    # An English post offers no Translate link.
    english = api("nia").post("/posts", body="This one is written in plain English for everyone.")
    page.goto(f"/post/{english['id']}")
    expect(page.get_by_text("This one is written in plain English")).to_be_visible()
    expect(page.get_by_role("button", name="Translate")).to_have_count(0)
