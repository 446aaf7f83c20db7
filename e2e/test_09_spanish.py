"""Journey 9: switching to Spanish translates the UI and survives a reload."""

from playwright.sync_api import expect


def test_spanish_ui_persists_across_reload(browsers):
    page = browsers("kim", "/explore")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Explore")).to_be_visible()

    # The language choice is in the account menu.
    page.get_by_role("button", name="Account menu (kim)").click()
    page.get_by_role("menuitemradio", name="Español").click()
    expect(page.get_by_role("navigation", name="Principal")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "es")

    page.reload()
    nav = page.get_by_role("navigation", name="Principal")
    for label in ("Explorar", "Mensajes", "Notificaciones"):
        expect(nav.get_by_role("link", name=label, exact=True)).to_be_visible()
    nav.get_by_role("button", name="Menú de la cuenta (kim)").click()
    expect(page.get_by_role("menuitem", name="Ajustes")).to_be_visible()
    expect(page.get_by_role("menuitem", name="Cerrar sesión")).to_be_visible()
    spanish = page.get_by_role("menuitemradio", name="Español")
    expect(spanish).to_have_attribute("aria-checked", "true")
