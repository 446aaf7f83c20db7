"""Journey 8: an admin makes a user a moderator; after a refresh the user's UI has the link."""

from playwright.sync_api import expect


def test_admin_role_change_gives_the_moderation_link(browsers, user_ids):
    user = browsers("jon", "/")
    nav = user.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Explore")).to_be_visible()
    expect(nav.get_by_role("link", name="Moderate")).to_have_count(0)

    admin = browsers("root", "/user/jon")
    admin.get_by_role("link", name="Edit profile [Admin]").click()
    expect(admin).to_have_url(f"/admin/users/{user_ids['jon']}")
    admin.get_by_label("Role").select_option("Moderator")
    admin.get_by_role("button", name="Save").click()
    expect(admin.get_by_text("The profile has been updated.")).to_be_visible()
    expect(admin.get_by_text("Role: Moderator")).to_be_visible()

    user.reload()
    nav.get_by_role("link", name="Moderate").click()
    expect(user.get_by_role("heading", name="Moderate comments")).to_be_visible()
