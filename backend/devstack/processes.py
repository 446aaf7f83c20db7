"""The processes of the stack: start, wait until ready, stop without orphans; nginx.conf
rendering and PostgreSQL databases of its own. devstack.stack puts them together."""

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BACKEND_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BACKEND_DIR.parent
NGINX_TEMPLATE = REPO_DIR / "nginx.conf"
# INKWELL_FRONTEND_DIST: another build of the SPA (`vite build --outDir ...`), so that two
# checkouts' work, or two people on one tree, can run the journeys without sharing one dist.
FRONTEND_DIST = Path(os.environ.get("INKWELL_FRONTEND_DIST") or REPO_DIR / "frontend" / "dist")
POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port, host="127.0.0.1"):
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.2):
        return True
    return False


def wait_until(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise TimeoutError(f"{what} not ready after {timeout}s")


def http_ok(url):
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def render_nginx_conf(
    template, *, port, api_ports, root, run_dir, media_root, temp_dir=None, media_public_url=None
):
    """The native nginx.conf: the compose file with its `# native:` lines rewritten.

    Only those lines change (listen, upstream servers, the SPA's root, the media files' root
    (`media_root`/media/ is MEDIA_DIR), the pictures' origin for the CSP (that of
    `media_public_url`, the bucket's MEDIA_PUBLIC_URL), pid and log paths, temp paths), so
    the top-level nginx.conf stays the one source of truth; a marker this does not know, or
    one missing, is an error rather than a silently different config.
    """
    run_dir = Path(run_dir)
    temp_dir = Path(temp_dir or run_dir / "tmp")
    temp = [f"{kind}_temp_path {temp_dir / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")]  # fmt: skip
    rules = {
        "pid": lambda _: [f"pid {run_dir / 'nginx.pid'};"],
        "error_log": lambda _: [f"error_log {run_dir / 'error.log'} warn;"],
        "access_log": lambda _: [f"access_log {run_dir / 'access.log'} main;"],
        "listen": lambda _: [f"listen 127.0.0.1:{port};"],
        "root": lambda _: [f"root {Path(root).resolve()};"],
        "media root": lambda _: [f"root {Path(media_root).resolve()};"],
        "media origin": lambda _: [f'default "{url_origin(media_public_url)}";'],
        "server": lambda line: [
            re.sub(r"^server\s+\S+", f"server 127.0.0.1:{api_port}", line) for api_port in api_ports
        ],
        "#": lambda _: temp,
    }
    seen, out = set(), []
    previous_server = False
    for line in template.splitlines():
        if "# native:" not in line:
            out.append(line)
            previous_server = False
            continue
        indent = line[: len(line) - len(line.lstrip())]
        directive = line.split("# native:")[0].strip()
        name = directive.split()[0] if directive else "#"
        marker = line.split("# native:")[1].strip()
        if name == "root" and marker == "media dir":
            name = "media root"
        elif name == "default" and marker == "media origin":
            name = "media origin"
        if name not in rules:
            raise ValueError(f"nginx.conf: unknown native marker on {line.strip()!r}")
        # Each upstream block lists every worker at its first server line; the compose file's
        # following server lines in the same block are then already covered.
        if name == "server" and previous_server:
            continue
        previous_server = name == "server"
        seen.add(name)
        out.extend(indent + rendered for rendered in rules[name](directive))
    if missing := set(rules) - seen:
        raise ValueError(f"nginx.conf: native markers missing for {sorted(missing)}")
    return "\n".join(out) + "\n"


def url_origin(url):
    """`scheme://host[:port]` of a URL, '' for none: what a CSP source list takes."""
    if not url:
        return ""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    # It lands inside a quoted nginx string and a CSP: a host and a port, nothing else.
    if parts.scheme not in ("http", "https") or not re.fullmatch(r"[\w.-]+(:\d+)?", host):
        raise ValueError(f"not an http(s) URL: {url!r}")
    return f"{parts.scheme}://{host}"


def check_world_readable(path):
    """nginx workers run as `nobody` when started by root: they must reach the SPA files."""
    path = Path(path).resolve()
    if not (path / "index.html").is_file():
        raise RuntimeError(f"{path}/index.html missing: build the SPA (npm run build)")
    if os.geteuid() != 0:
        return
    for parent in [path, *path.parents]:
        if not parent.stat().st_mode & 0o001:
            raise RuntimeError(f"{parent} is not world-searchable: nginx workers run as nobody")
    for file in path.rglob("*"):
        if not file.stat().st_mode & (0o001 if file.is_dir() else 0o004):
            raise RuntimeError(f"{file} is not world-readable: nginx workers run as nobody")


def postgres_reachable(admin_url):
    from sqlalchemy import create_engine, text

    engine = create_engine(admin_url, connect_args={"connect_timeout": 2})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001  (any failure means "not reachable": use SQLite)
        return False
    finally:
        engine.dispose()


def postgres_admin(admin_url, statement, database):
    from sqlalchemy import create_engine, text

    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if statement == "drop":
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": database},
                )
                conn.execute(text(f'DROP DATABASE IF EXISTS "{database}"'))
            else:
                conn.execute(text(f'CREATE DATABASE "{database}"'))
    finally:
        engine.dispose()


@dataclass
class Process:
    """One child process in its own process group, logging to a file."""

    name: str
    argv: list
    env: dict
    log_path: Path
    cwd: Path = BACKEND_DIR
    popen: subprocess.Popen | None = None

    def start(self):
        self.log_file = open(self.log_path, "ab")  # noqa: SIM115  (closed in stop)
        self.popen = subprocess.Popen(
            self.argv,
            cwd=self.cwd,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        return self

    @property
    def alive(self):
        return self.popen is not None and self.popen.poll() is None

    def signal(self, signum):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signum)

    def kill(self):
        """SIGKILL, as a crash would (for fault tests)."""
        self.signal(signal.SIGKILL)
        self.popen.wait(timeout=10)

    def stop(self, timeout=10):
        if self.popen is None:
            return
        if self.alive:
            self.signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.signal(signal.SIGKILL)
                self.popen.wait(timeout=timeout)
        # Children the process left behind in its group go too.
        self.signal(signal.SIGKILL)
        self.log_file.close()

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
