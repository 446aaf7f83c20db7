"""Journey 12 (issue [4/8]): the shell. One header row on a desktop with an account menu; on a
phone a slim header that slides away on scroll and a bottom tab bar; a route whose code cannot
be downloaded (offline) shows an error state and recovers (defect 2); one search landmark on
/search (defect 16); the site's name once in the landing page's title (defect 15)."""

import re

from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
HEADER = "document.querySelector('header.topbar')"
HEADER_GONE = f"() => {HEADER}.getBoundingClientRect().bottom <= 0"
HEADER_BACK = f"() => {HEADER}.getBoundingClientRect().top >= 0"


def header_box(page):
    return page.locator("header.topbar").bounding_box()


def test_desktop_header_is_one_row_with_an_account_menu(browsers, browser, browser_context_args):
    context = browser.new_context(**browser_context_args, viewport={"width": 1280, "height": 800})
    page = browsers("mia", "/", context=context)  # a moderator: the longest row of links
    nav = page.get_by_role("navigation", name="Main")
    for name in ("Home", "Explore", "Messages", "Notifications", "Moderate"):
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    button = nav.get_by_role("button", name="Account menu (mia)")
    expect(button).to_have_attribute("aria-haspopup", "menu")

    # One row: the nav is no taller than one, and its parts share a line.
    box = nav.bounding_box()
    assert box["height"] <= 64, box
    tops = [
        nav.locator(selector).first.bounding_box()
        for selector in (".brand", ".nav-link >> nth=-1", "form[role=search]", ".account-button")
    ]
    centres = [b["y"] + b["height"] / 2 for b in tops]
    assert max(centres) - min(centres) < 4, tops
    # ...and do not overlap: the last link ends before the search box begins.
    assert tops[1]["x"] + tops[1]["width"] <= tops[2]["x"], tops

    # The menu: Enter opens it on the first item, arrows move, Escape closes onto the button.
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("menuitem", name=re.compile("Your profile"))).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("menuitem", name="Settings")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("menu")).to_be_hidden()
    expect(button).to_be_focused()

    # Tab leaves it; a click outside closes it; an item takes you there.
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("menuitem", name=re.compile("Your profile"))).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("menu")).to_be_hidden()
    button.click()
    expect(page.get_by_role("menu")).to_be_visible()
    page.mouse.click(10, 400)  # on the page, away from the menu
    expect(page.get_by_role("menu")).to_be_hidden()
    button.click()
    page.get_by_role("menuitem", name="Settings").click()
    expect(page).to_have_url(re.compile("/settings$"))


def test_phone_header_is_slim_hides_on_scroll_and_has_a_tab_bar(
    browsers, browser, browser_context_args
):
    context = browser.new_context(**browser_context_args, viewport=PHONE)
    page = browsers("oto", "/", context=context)
    header = page.locator("header.topbar")
    expect(page.get_by_role("button", name="Account menu (oto)")).to_be_visible()
    assert header.bounding_box()["height"] <= 64, header.bounding_box()
    expect(page.get_by_role("link", name="Search", exact=True)).to_be_visible()

    tabs = page.get_by_role("navigation", name="Sections")
    names = ["Home", "Explore", "Messages", "Notifications", "Profile"]
    for name in names:
        expect(tabs.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(tabs.locator("[aria-current=page]")).to_have_accessible_name("Home")
    bar = tabs.bounding_box()
    assert bar["y"] + bar["height"] == PHONE["height"], bar
    # Nothing of the page is left under the bar: main ends with room for it.
    main = "document.querySelector('main')"
    padding = page.evaluate(f"parseFloat(getComputedStyle({main}).paddingBottom)")
    assert padding >= bar["height"], (padding, bar)

    # Enough page to scroll: down hides the header (transform, not layout), up brings it back.
    page.evaluate("document.getElementById('main').style.minHeight = '4000px'")
    page.mouse.move(200, 400)
    page.mouse.wheel(0, 900)
    page.wait_for_function(HEADER_GONE)
    assert page.evaluate(f"getComputedStyle({HEADER}).position") == "sticky"
    page.mouse.wheel(0, -300)
    page.wait_for_function(HEADER_BACK)

    # Never while focus is inside it.
    page.get_by_role("button", name="Account menu (oto)").focus()
    page.mouse.wheel(0, 900)
    page.wait_for_function("() => window.scrollY > 1000")
    assert page.evaluate(f"{HEADER}.getBoundingClientRect().top") >= 0

    tabs.get_by_role("link", name="Explore", exact=True).click()
    expect(page).to_have_url(re.compile("/explore$"))
    expect(tabs.locator("[aria-current=page]")).to_have_accessible_name("Explore")


def test_phone_header_does_not_animate_for_reduced_motion(browsers, browser, browser_context_args):
    context = browser.new_context(**browser_context_args, viewport=PHONE, reduced_motion="reduce")
    page = browsers("oto", "/", context=context)
    expect(page.get_by_role("navigation", name="Sections")).to_be_visible()
    duration = page.evaluate(f"getComputedStyle({HEADER}).transitionDuration")
    assert duration == "0s", duration


def test_a_route_that_cannot_load_offline_shows_an_error_and_recovers(browsers):
    page = browsers("oto", "/")
    expect(page.get_by_role("heading", name=re.compile("^Hi, oto"))).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")

    # Offline: the page's code cannot come. The new URL gets an error state, not the old page.
    page.context.set_offline(True)
    nav.get_by_role("link", name="Notifications", exact=True).click()
    expect(page.get_by_role("heading", name="This page could not be loaded")).to_be_visible()
    expect(page).to_have_url(re.compile("/notifications$"))
    expect(page.get_by_role("heading", name=re.compile("^Hi, oto"))).to_have_count(0)
    expect(page).to_have_title("This page could not be loaded · Inkwell")
    # Back online: the browser's `online` event retries on its own.
    page.context.set_offline(False)
    expect(page.get_by_role("heading", name="Notifications", exact=True)).to_be_visible()

    # A chunk that fails for another reason: the Retry button loads it.
    page.route(re.compile(r"/assets/Conversations-[^/]+\.js$"), lambda route: route.abort())
    nav.get_by_role("link", name="Messages", exact=True).click()
    retry = page.get_by_role("button", name="Try again")
    expect(retry).to_be_visible()
    page.unroute(re.compile(r"/assets/Conversations-[^/]+\.js$"))
    retry.click()
    expect(page.get_by_role("heading", name="Messages", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Messages", exact=True)).to_be_focused()


def test_one_search_landmark_on_the_search_page_and_titles_name_the_site_once(browsers):
    page = browsers(None, "/")
    expect(page.locator("main h1.page-title")).to_be_visible()
    expect(page).to_have_title("Inkwell")
    expect(page.get_by_role("search")).to_have_count(1)

    page.goto("/search?q=zephyr")
    expect(page.locator("main h1.page-title")).to_be_visible()
    expect(page.get_by_role("search")).to_have_count(1)
    expect(page).to_have_title(re.compile(r"^[^·]+ · Inkwell$"))
