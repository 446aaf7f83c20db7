"""The stack topology, defined once: Redis, N API workers, the RQ worker and an SMTP sink.

Used by the multi-process tests, `make stack` (python -m inkwell.stack) and the benchmark.
Every process listens on loopback on a free (or given) port, the stack waits until each
answers, and stopping it kills every process group it started: no orphans.
"""

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BACKEND_DIR = Path(__file__).resolve().parent.parent


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


@dataclass
class Stack:
    """A running topology. Build with `Stack(...)`, then `with stack:` or start()/stop()."""

    workers: int = 2
    database_url: str | None = None
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
        self.database_url = self.database_url or f"sqlite:///{self.run_dir / 'inkwell.db'}"
        self.maildir = self.run_dir / "mail"

    # -- configuration --------------------------------------------------------------------

    @property
    def redis_url(self):
        return f"redis://127.0.0.1:{self.ports['redis']}/0"

    def api_url(self, n=1):
        return f"http://127.0.0.1:{self.ports[f'api{n}']}"

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
                "MAIL_OUTBOX_DIR": str(self.run_dir / "outbox"),
                "PYTHONUNBUFFERED": "1",
                "FLASK_APP": "inkwell",
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
        except BaseException:
            self.stop()
            raise
        return self

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

    def cleanup(self):
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
    args = parser.parse_args()
    stack = Stack(workers=args.workers, database_url=os.environ.get("DATABASE_URL"))
    with stack:
        for n in range(1, args.workers + 1):
            print(f"api{n}: {stack.api_url(n)}")
        print(f"redis: {stack.redis_url}   smtp: 127.0.0.1:{stack.ports['smtp']}")
        print(f"logs:  {stack.run_dir}  (Ctrl-C stops everything)")
        with contextlib.suppress(KeyboardInterrupt):
            signal.pause()


if __name__ == "__main__":
    main()
