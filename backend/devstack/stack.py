"""The stack topology, defined once: Redis, N API workers, the RQ worker, an SMTP sink,
nginx in front (optional), on PostgreSQL (its own database) or SQLite.

Used by the multi-process tests, the e2e suite, `make stack` (python -m devstack.stack) and
the benchmark. Every process listens on loopback on a free (or given) port, the stack waits
until each answers, and stopping it kills every process group it started: no orphans.
"""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .processes import (
    BACKEND_DIR,
    FRONTEND_DIST,
    NGINX_TEMPLATE,
    POSTGRES_ADMIN_URL,
    REPO_DIR,
    Process,
    check_world_readable,
    free_port,
    http_ok,
    port_open,
    postgres_admin,
    postgres_reachable,
    render_nginx_conf,
    wait_until,
)


@dataclass
class Stack:
    """A running topology. Build with `Stack(...)`, then `with stack:` or start()/stop().

    database: "sqlite" (a file in the run dir), "postgres" (a database of its own, created on
    the server at `postgres_admin_url` and dropped on stop) or "auto" (PostgreSQL when it
    answers, else SQLite). An explicit `database_url` wins over all three.
    """

    workers: int = 2
    database_url: str | None = None
    database: str = "sqlite"
    postgres_admin_url: str | None = None
    nginx: bool = False
    frontend_dist: Path = FRONTEND_DIST
    run_dir: Path | None = None
    env_overrides: dict = field(default_factory=dict)
    redis_appendonly: bool = False
    rq_worker: bool = True
    ports: dict = field(default_factory=dict)
    processes: dict = field(default_factory=dict)

    def __post_init__(self):
        self._own_dir = self.run_dir is None
        self.run_dir = Path(self.run_dir or tempfile.mkdtemp(prefix="inkwell-stack-"))
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.ports.setdefault("redis", free_port())
        self.ports.setdefault("smtp", free_port())
        for n in range(self.workers):
            self.ports.setdefault(f"api{n + 1}", free_port())
        if self.nginx:
            self.ports.setdefault("nginx", free_port())
        if self.database not in ("sqlite", "postgres", "auto"):
            raise ValueError(f"database must be sqlite, postgres or auto, not {self.database!r}")
        self.postgres_admin_url = self.postgres_admin_url or os.environ.get(
            "TEST_POSTGRES_URL", POSTGRES_ADMIN_URL
        )
        self._explicit_database = self.database_url is not None
        self._own_database = None  # the PostgreSQL database this stack created, dropped on stop
        self.database_url = self.database_url or f"sqlite:///{self.run_dir / 'inkwell.db'}"
        self.maildir = self.run_dir / "mail"
        # MEDIA_DIR, as nginx serves it: outside the run dir (which may sit under a private
        # /tmp/pytest-of-*), searchable by nginx's workers (nobody, when we are root).
        self._media_root = Path(tempfile.mkdtemp(prefix="inkwell-media-"))
        self._media_root.chmod(0o755)
        self.media_dir = self._media_root / "media"
        self.media_dir.mkdir(mode=0o755)

    # -- configuration --------------------------------------------------------------------

    @property
    def redis_url(self):
        return f"redis://127.0.0.1:{self.ports['redis']}/0"

    def api_url(self, n=1):
        return f"http://127.0.0.1:{self.ports[f'api{n}']}"

    @property
    def media_public_url(self):
        """Where browsers load pictures from when they live in a bucket (None: /media/)."""
        env = self.env()
        return env.get("MEDIA_PUBLIC_URL") if env.get("MEDIA_STORAGE") == "s3" else None

    @property
    def url(self):
        """Where a browser goes: nginx when it runs, else the first worker."""
        return f"http://127.0.0.1:{self.ports['nginx']}" if self.nginx else self.api_url(1)

    def env(self, **extra):
        env = dict(os.environ)
        env.update(
            {
                "INKWELL_CONFIG": "production",
                "SECRET_KEY": self.env_overrides.get("SECRET_KEY", secrets.token_hex(32)),
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.redis_url,
                "TASK_RUNNER": "rq",
                "MAIL_SERVER": "127.0.0.1",
                "MAIL_PORT": str(self.ports["smtp"]),
                "EXPORT_DIR": str(self.run_dir / "exports"),
                "MEDIA_DIR": str(self.media_dir),
                "MAIL_OUTBOX_DIR": str(self.run_dir / "outbox"),
                "PYTHONUNBUFFERED": "1",
                "FLASK_APP": "inkwell",
                # Links in emails open the SPA where the browser reaches it.
                "FRONTEND_URL": self.url,
            }
        )
        env.update(self.env_overrides)
        env.update(extra)
        self.env_overrides.setdefault("SECRET_KEY", env["SECRET_KEY"])
        return env

    def _process(self, name, argv, **env):
        process = Process(name, argv, self.env(**env), self.run_dir / f"{name}.log")
        self.processes[name] = process
        return process.start()

    # -- lifecycle --------------------------------------------------------------------------

    def start(self, timeout=30):
        try:
            self.choose_database()
            self.start_redis(timeout)
            self._process(
                "smtp",
                [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.ports['smtp']}",
                 "-c", "aiosmtpd.handlers.Mailbox", str(self.maildir)],
            )  # fmt: skip
            self.deploy()
            for n in range(1, self.workers + 1):
                self.start_worker(n)
            if self.rq_worker:
                self._process(
                    "rq", [sys.executable, "-m", "flask", "rq-worker"],
                    SOCKETIO_ASYNC_MODE="threading",
                )  # fmt: skip
            wait_until(lambda: port_open(self.ports["smtp"]), timeout, "SMTP sink")
            for n in range(1, self.workers + 1):
                self.wait_worker(n, timeout)
            if self.nginx:
                self.start_nginx(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def choose_database(self):
        if self._explicit_database or self.database == "sqlite":
            return
        if not postgres_reachable(self.postgres_admin_url):
            if self.database == "postgres":
                raise RuntimeError(f"PostgreSQL not reachable at {self.postgres_admin_url}")
            return  # auto: the SQLite file set up in __post_init__
        from sqlalchemy.engine import make_url

        name = f"inkwell_stack_{secrets.token_hex(5)}"
        postgres_admin(self.postgres_admin_url, "create", name)
        self._own_database = name
        url = make_url(self.postgres_admin_url).set(database=name)
        self.database_url = url.render_as_string(hide_password=False)

    def drop_database(self):
        if self._own_database:
            name, self._own_database = self._own_database, None
            postgres_admin(self.postgres_admin_url, "drop", name)

    def start_nginx(self, timeout=30):
        nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
        if nginx is None:
            raise RuntimeError("nginx is not installed (apt-get install nginx)")
        check_world_readable(self.frontend_dist)
        conf_dir = self.run_dir / "nginx"
        conf_dir.mkdir(exist_ok=True)
        # Workers (nobody, when we are root) write request/response temp files: give them a
        # directory they can reach, outside a run dir that may sit under a private /tmp/pytest-of-*.
        self._nginx_temp = Path(tempfile.mkdtemp(prefix="inkwell-nginx-"))
        self._nginx_temp.chmod(0o755)
        conf = render_nginx_conf(
            NGINX_TEMPLATE.read_text(),
            port=self.ports["nginx"],
            api_ports=[self.ports[f"api{n}"] for n in range(1, self.workers + 1)],
            root=self.frontend_dist,
            run_dir=conf_dir,
            media_root=self.media_dir.parent,
            temp_dir=self._nginx_temp,
            media_public_url=self.media_public_url,
        )
        (conf_dir / "nginx.conf").write_text(conf)
        process = self._process(
            "nginx",
            [nginx, "-p", str(conf_dir), "-c", "nginx.conf", "-e", str(conf_dir / "error.log"),
             "-g", "daemon off;"],
        )  # fmt: skip

        def ready():
            if not process.alive:
                errors = (conf_dir / "error.log").read_text(errors="replace")[-3000:]
                raise RuntimeError(f"nginx exited:\n{process.log()[-3000:]}\n{errors}")
            return http_ok(f"{self.url}/api/health")

        wait_until(ready, timeout, "nginx")

    def start_redis(self, timeout=30):
        redis = shutil.which("redis-server")
        if redis is None:
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        (self.run_dir / "redis").mkdir(exist_ok=True)
        self._process(
            "redis",
            [redis, "--port", str(self.ports["redis"]), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "yes" if self.redis_appendonly else "no",
             "--dir", str(self.run_dir / "redis")],
        )  # fmt: skip
        wait_until(lambda: port_open(self.ports["redis"]), timeout, "Redis")

    def stop_redis(self):
        self.processes.pop("redis").stop()

    def deploy(self):
        subprocess.run(
            [sys.executable, "-m", "flask", "deploy"],
            cwd=BACKEND_DIR,
            env=self.env(),
            check=True,
            capture_output=True,
        )

    def start_worker(self, n):
        port = self.ports[f"api{n}"]
        return self._process(f"api{n}", [sys.executable, "serve.py", "--port", str(port)])

    def wait_worker(self, n, timeout=30):
        process = self.processes[f"api{n}"]

        def ready():
            if not process.alive:
                raise RuntimeError(f"api{n} exited:\n{process.log()[-3000:]}")
            return http_ok(f"{self.api_url(n)}/api/health")

        wait_until(ready, timeout, f"api{n}")

    def stop(self):
        for name in reversed(list(self.processes)):
            self.processes[name].stop()
        self.processes.clear()
        if getattr(self, "_nginx_temp", None):
            shutil.rmtree(self._nginx_temp, ignore_errors=True)
        self.drop_database()

    def cleanup(self):
        shutil.rmtree(self._media_root, ignore_errors=True)
        if self._own_dir:
            shutil.rmtree(self.run_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- helpers for tests ------------------------------------------------------------------

    def mail(self):
        """Messages the SMTP sink received, oldest first."""
        import mailbox

        if not self.maildir.exists():
            return []
        box = mailbox.Maildir(self.maildir, create=False)
        return sorted(box, key=lambda m: m.get_date() if hasattr(m, "get_date") else 0)

    def logs(self):
        return {name: process.log() for name, process in self.processes.items()}


def main():
    import argparse

    parser = argparse.ArgumentParser(description="Run the Inkwell stack in the foreground.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("STACK_PORT", "8080")), help="nginx port"
    )
    parser.add_argument("--no-nginx", action="store_true", help="API workers only")
    parser.add_argument(
        "--database", choices=("auto", "sqlite", "postgres"), default="auto",
        help="without DATABASE_URL: PostgreSQL when reachable (auto), or force one",
    )  # fmt: skip
    args = parser.parse_args()
    # `make stack` honours .env like every other target (the workers would read it anyway,
    # but DATABASE_URL decides here whether to create a PostgreSQL database of our own).
    from dotenv import load_dotenv

    load_dotenv(REPO_DIR / ".env")

    # SIGTERM (kill, systemd, a test) must unwind like Ctrl-C so every child is stopped.
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    stack = Stack(
        workers=args.workers,
        database_url=os.environ.get("DATABASE_URL") or None,
        database=args.database,
        nginx=not args.no_nginx,
        ports={"nginx": args.port} if not args.no_nginx else {},
    )
    try:
        stack.start(timeout=60)
        for n in range(1, args.workers + 1):
            print(f"api{n}:  {stack.api_url(n)}")
        print(f"redis: {stack.redis_url}   smtp: 127.0.0.1:{stack.ports['smtp']}")
        print(f"database: {stack.database_url}")
        print(f"logs:  {stack.run_dir}  (mail in {stack.maildir})")
        print(f"Inkwell stack ready on {stack.url}  (Ctrl-C stops everything)", flush=True)
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        # A second Ctrl-C while stopping would leave children behind: finish the job first.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stack.stop()
        print("stack stopped", flush=True)


if __name__ == "__main__":
    main()
