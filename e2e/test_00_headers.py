"""nginx's security headers hold in a real browser: the SPA runs under the strict CSP with no
violation, and /api/docs (Swagger UI, an inline initializer) under its own relaxed one."""

from playwright.sync_api import expect


def csp_violations(page):
    return [line for line in page.console_lines if "Content Security Policy" in line]


def test_spa_runs_under_strict_csp_and_docs_under_their_own(browsers):
    page = browsers("ana", "/")
    expect(page.get_by_role("heading", name="Hi, ana!")).to_be_visible()
    response = page.request.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "referrer-policy" in response.headers and "permissions-policy" in response.headers
    assert csp_violations(page) == []

    docs = browsers(path="/api/docs")
    expect(docs.locator(".swagger-ui .info .title")).to_contain_text("Inkwell API")
    assert csp_violations(docs) == []
