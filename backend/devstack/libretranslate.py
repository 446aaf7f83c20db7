"""A local server speaking LibreTranslate's protocol, for tests: POST /translate {q, source,
target, format, api_key} -> {"translatedText"}; errors {"error"} with 400/403/429/500.

One server for every use: the backend's translation tests (recording requests, checking the
API key, failing in each documented way), the fuzzer (an echo) and the e2e stack (tagging):

    with libretranslate_server(translate=tag) as server:
        app.config["TRANSLATE_URL"] = server.url
"""

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def tag(text, target):
    """Translates by tagging the text with the target language: "[en] hola"."""
    return f"[{target}] {text}"


def echo(text, target):
    """Translates to the text itself."""
    return text


# With failures=True, these texts fail as LibreTranslate documents (status, JSON body; bytes
# are sent as they are), and SLOW answers after the server's `delay`.
FAILURES = {
    "unsupported": (400, {"error": "xx is not supported"}),
    "too many": (429, {"error": "Too many request limits violations"}),
    "crash": (500, {"error": "Cannot translate text: internal"}),
    "garbage": (200, b"<html>not json</html>"),
}
SLOW = "slow"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass

    def do_POST(self):
        server = self.server
        length = int(self.headers.get("Content-Length") or 0)
        payload = json.loads(self.rfile.read(length) or b"{}")
        server.requests.append({"path": self.path, **payload})
        if self.path != "/translate":
            return self.reply(404, {"error": "Not Found"})
        if server.api_key is not None and payload.get("api_key") != server.api_key:
            return self.reply(403, {"error": "Invalid API key"})
        text = payload.get("q", "")
        if server.failures and text in FAILURES:
            return self.reply(*FAILURES[text])
        if server.failures and text == SLOW:
            time.sleep(server.delay)
        return self.reply(200, {"translatedText": server.translate(text, payload["target"])})

    def reply(self, status, body):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class LibreTranslateServer(ThreadingHTTPServer):
    """On a free loopback port. `requests` records every request received ({"path", **body}).

    translate: (text, target) -> translation (`tag`, `echo` or your own).
    api_key: when given, a request without it is refused (403) as LibreTranslate does.
    failures: the FAILURES texts fail and SLOW waits `delay` seconds before answering.
    """

    def __init__(self, translate=tag, api_key=None, failures=False, delay=1.0):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.translate = translate
        self.api_key = api_key
        self.failures = failures
        self.delay = delay
        self.requests = []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_port}"


@contextlib.contextmanager
def libretranslate_server(**options):
    """A LibreTranslateServer(**options) serving in a thread for the block."""
    server = LibreTranslateServer(**options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
