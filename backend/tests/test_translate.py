"""POST /api/translate against a local LibreTranslate-compatible server (its protocol: POST
/translate {q, source, target, format, api_key} -> {"translatedText"}; errors {"error"} with
400/403/429/500), including failures and timeouts; and the availability flag in /api/me."""

import pytest

from devstack.libretranslate import libretranslate_server
from devstack.processes import free_port

API_KEY = "test-key"


@pytest.fixture
def libretranslate():
    """Translates by tagging the text; special texts make it fail in each documented way."""
    with libretranslate_server(api_key=API_KEY, failures=True) as server:
        yield server


@pytest.fixture
def provider(app, libretranslate):
    """Point the app at the stub (with its API key and a short timeout) for one test."""
    keys = ("TRANSLATE_URL", "TRANSLATE_API_KEY", "TRANSLATE_TIMEOUT")
    saved = {key: app.config.get(key) for key in keys}
    app.config.update(
        TRANSLATE_URL=libretranslate.url,
        TRANSLATE_API_KEY=API_KEY,
        TRANSLATE_TIMEOUT=0.3,
    )
    yield libretranslate
    app.config.update(saved)


@pytest.fixture
def headers(make_user, auth_headers):
    return auth_headers(make_user("reader"))


def translate(client, headers, text, source="es", dest="en", **extra):
    body = {"text": text, "source_language": source, "dest_language": dest}
    return client.post("/api/translate", json=body, headers={**headers, **extra})


def test_without_a_provider_it_is_503_and_me_says_so(client, headers):
    response = translate(client, headers, "hola")
    assert response.status_code == 503
    assert response.json["message"] == (
        "Translation is not available: no translation service is configured."
    )
    assert client.get("/api/me", headers=headers).json["translation_available"] is False
    spanish = translate(client, headers, "hola", **{"Accept-Language": "es"})
    assert spanish.json["message"].startswith("La traducción no está disponible")


def test_translates_through_the_provider(client, headers, provider):
    response = translate(client, headers, "hola mundo", source="es", dest="en")
    assert response.status_code == 200, response.json
    assert response.json == {"text": "[en] hola mundo"}
    (sent,) = provider.requests
    assert sent == {
        "path": "/translate",
        "q": "hola mundo",
        "source": "es",
        "target": "en",
        "format": "text",
        "api_key": API_KEY,
    }
    assert client.get("/api/me", headers=headers).json["translation_available"] is True


def test_an_unknown_source_language_lets_the_provider_detect_it(client, headers, provider):
    response = translate(client, headers, "bonjour", source="", dest="es")
    assert response.json == {"text": "[es] bonjour"}
    assert provider.requests[0]["source"] == "auto"


def test_same_language_needs_no_provider_call(client, headers, provider):
    assert translate(client, headers, "hello", source="en", dest="en").json == {"text": "hello"}
    assert provider.requests == []


def test_anonymous_callers_are_refused(client, provider):
    assert translate(client, {}, "hola").status_code == 401
    assert provider.requests == []


@pytest.mark.parametrize(
    ("text", "status", "message"),
    [
        ("unsupported", 502, "The translation service cannot translate this text."),
        ("too many", 502, "The translation service is busy; try again later."),
        ("crash", 502, "The translation service failed."),
        ("garbage", 502, "The translation service failed."),
        ("slow", 504, "The translation service timed out."),
    ],
)
def test_provider_failures_become_json_errors(client, headers, provider, text, status, message):
    response = translate(client, headers, text)
    assert response.status_code == status
    assert response.is_json
    assert response.json["message"] == message
    assert response.json["error"] in ("Bad Gateway", "Gateway Timeout")


def test_a_refused_api_key_does_not_leak_configuration(app, client, headers, provider):
    app.config["TRANSLATE_API_KEY"] = "wrong"
    response = translate(client, headers, "hola")
    assert response.status_code == 502
    assert response.json["message"] == "The translation service failed."
    assert "key" not in response.json["message"].lower()


def test_an_unreachable_provider_is_502(app, client, headers):
    app.config["TRANSLATE_URL"] = f"http://127.0.0.1:{free_port()}"  # nothing listens
    try:
        response = translate(client, headers, "hola")
    finally:
        app.config["TRANSLATE_URL"] = None
    assert response.status_code == 502
    assert response.json["message"] == "The translation service could not be reached."


def test_failure_messages_follow_the_locale(client, headers, provider):
    response = translate(client, headers, "slow", **{"Accept-Language": "es"})
    assert response.status_code == 504
    assert response.json["message"] == "El servicio de traducción no respondió a tiempo."


def test_a_url_ending_in_translate_is_used_as_is(app, client, headers, provider):
    app.config["TRANSLATE_URL"] = f"http://127.0.0.1:{provider.server_port}/translate/"
    assert translate(client, headers, "hola").status_code == 200
    assert provider.requests[0]["path"] == "/translate"


@pytest.mark.parametrize(
    "body",
    [
        {"text": "", "dest_language": "en"},
        {"text": "hola", "dest_language": "not a code"},
        {"text": "hola", "source_language": "<script>", "dest_language": "en"},
        {"text": "hola"},
    ],
)
def test_invalid_requests_are_422_and_never_reach_the_provider(client, headers, provider, body):
    response = client.post("/api/translate", json=body, headers=headers)
    assert response.status_code == 422
    assert provider.requests == []
