"""Journey 9: switching to Spanish translates the UI and survives a reload."""

from playwright.sync_api import expect


def test_spanish_ui_persists_across_reload(browsers):
    page = browsers("kim", "/explore")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Explore")).to_be_visible()

    page.get_by_label("Language").select_option("es")
    expect(page.get_by_role("navigation", name="Principal")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "es")

    page.reload()
    nav = page.get_by_role("navigation", name="Principal")
    for label in ("Explorar", "Mensajes", "Notificaciones", "Ajustes"):
        expect(nav.get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(nav.get_by_role("button", name="Cerrar sesión")).to_be_visible()
    expect(page.get_by_label("Idioma")).to_have_value("es")
