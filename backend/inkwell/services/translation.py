"""Machine translation behind a provider interface.

One provider today: any LibreTranslate-compatible server (`TRANSLATE_URL`, optional
`TRANSLATE_API_KEY`), spoken to with the standard library (one POST; no client library
is worth a dependency). Another service means another class with `translate()`.
Without `TRANSLATE_URL` translation is off: the API answers 503 and the SPA hides the button
(MeSchema's `translation_available`).
"""

import json
import logging
import urllib.error
import urllib.request

from flask import current_app
from flask_babel import lazy_gettext as _l

from .errors import ProviderFailed, ProviderTimedOut, Unavailable

log = logging.getLogger(__name__)
NOT_CONFIGURED = _l("Translation is not available: no translation service is configured.")
TIMED_OUT = _l("The translation service timed out.")


class LibreTranslate:
    """POST {url}/translate {q, source, target, format, api_key} -> {"translatedText"}."""

    def __init__(self, url, api_key=None, timeout=10.0):
        url = url.rstrip("/")
        self.endpoint = url if url.endswith("/translate") else f"{url}/translate"
        self.api_key = api_key
        self.timeout = timeout

    def translate(self, text, source, dest):
        payload = {"q": text, "source": source or "auto", "target": dest, "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        request = urllib.request.Request(
            self.endpoint,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            raise self._provider_error(error) from error
        except TimeoutError as error:
            raise ProviderTimedOut(TIMED_OUT) from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise ProviderTimedOut(TIMED_OUT) from error
            log.warning("translation service unreachable: %s", error.reason)
            raise ProviderFailed(_l("The translation service could not be reached.")) from error
        except (ValueError, OSError) as error:  # not JSON, or the connection broke mid-answer
            log.warning("translation service gave an unreadable answer: %s", error)
            raise ProviderFailed(_l("The translation service failed.")) from error
        translated = body.get("translatedText") if isinstance(body, dict) else None
        if not isinstance(translated, str):
            raise ProviderFailed(_l("The translation service failed."))
        return translated

    @staticmethod
    def _provider_error(error):
        try:
            detail = json.loads(error.read().decode("utf-8")).get("error")
        except (ValueError, AttributeError, OSError):
            detail = None
        # Logged for the operator; the user gets a message that leaks no configuration.
        log.warning("translation service answered %s: %s", error.code, detail)
        if error.code == 429:
            return ProviderFailed(_l("The translation service is busy; try again later."))
        if error.code == 400:
            return ProviderFailed(_l("The translation service cannot translate this text."))
        return ProviderFailed(_l("The translation service failed."))


def provider():
    config = current_app.config
    url = config.get("TRANSLATE_URL")
    if not url:
        return None
    return LibreTranslate(
        url, config.get("TRANSLATE_API_KEY"), float(config.get("TRANSLATE_TIMEOUT", 10))
    )


def translate(text, source, dest):
    """The translation of `text`: Unavailable when off, ProviderFailed/TimedOut on failure."""
    service = provider()
    if service is None:
        raise Unavailable(NOT_CONFIGURED)
    if source and source.split("-")[0] == dest.split("-")[0]:
        return text
    return service.translate(text, source, dest)
