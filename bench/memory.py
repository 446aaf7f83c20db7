"""Where an API worker's memory goes (SPEC §13: <= 150 MB RSS per worker at 1 000 sockets).

Imports the worker's parts one after another in a fresh process, as serve.py does, and prints
the resident set after each: what the interpreter, the libraries, our package, the app and the
language profiles cost before a single socket connects. The sockets' share is in make bench's
broadcast and hold rows (RSS at 1 000 and 5 000 clients).

    .venv/bin/python bench/memory.py
"""

import importlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "backend"))
# The libraries in the order the worker meets them; each row is what importing it added.
LIBRARIES = [
    "flask",
    "sqlalchemy",
    "flask_sqlalchemy",
    "psycopg",
    "socketio",
    "flask_socketio",
    "redis",
    "rq",
    "flask_migrate",
    "flask_smorest",
    "flask_limiter",
    "flask_babel",
    "flask_jwt_extended",
    "PIL.Image",
    "nh3",
    "markdown_it",
    "langdetect",
]


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    rows = []
    previous = rss_mb()
    rows.append(("interpreter", previous))

    def step(name, action):
        nonlocal previous
        action()
        now = rss_mb()
        rows.append((name, now - previous))
        previous = now

    backend = Path(__file__).resolve().parent.parent / "backend"
    sys.path.insert(0, str(backend))
    import serve

    step("eventlet + monkey patching", lambda: serve.bootstrap("eventlet"))
    for library in LIBRARIES:
        step(library, lambda name=library: importlib.import_module(name))
    step("the inkwell package", lambda: importlib.import_module("inkwell"))
    os.environ.setdefault("SECRET_KEY", "memory-probe")
    os.environ.setdefault("DATABASE_URL", "sqlite://")
    from inkwell import create_app

    apps = []
    step("create_app()", lambda: apps.append(create_app()))
    with apps[0].test_client() as client:
        urls = ("/api/openapi.json", "/api/health")
        step("first requests (openapi, health)", lambda: [client.get(url) for url in urls])
    from inkwell.services.language import warm_up

    step("language profiles (warm_up)", warm_up)
    width = max(len(name) for name, _ in rows)
    for name, mb in rows:
        print(f"{name:<{width}}  {mb:6.1f} MB")
    print(f"{'total before any socket':<{width}}  {previous:6.1f} MB")


if __name__ == "__main__":
    main()
