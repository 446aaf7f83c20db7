"""The API worker entry point and the eventlet traps of the platform notes (issue [2/6])."""

import os
import subprocess
import sys
import textwrap

import pytest

from devstack.processes import BACKEND_DIR, free_port, http_ok, wait_until
from devstack.testing import postgres_database


def run_python(code, env=None, timeout=60):
    """Run code in a fresh interpreter; env values of None remove the variable."""
    full_env = {**os.environ, **(env or {})}
    full_env = {key: value for key, value in full_env.items() if value is not None}
    return subprocess.run(
        [sys.executable, "-W", "default", "-c", textwrap.dedent(code)],
        cwd=BACKEND_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_importing_the_entry_point_imports_nothing_before_patching():
    result = run_python(
        """
        import sys
        import serve
        loaded = [m for m in ("flask", "sqlalchemy", "psycopg", "inkwell", "redis")
                  if m in sys.modules]
        print("loaded before bootstrap:", loaded)
        serve.bootstrap("eventlet")
        import eventlet.patcher
        print("socket patched:", eventlet.patcher.is_monkey_patched("socket"))
        print("thread patched:", eventlet.patcher.is_monkey_patched("thread"))
        """
    )
    assert result.returncode == 0, result.stderr
    assert "loaded before bootstrap: []" in result.stdout
    assert "socket patched: True" in result.stdout
    assert "thread patched: True" in result.stdout


def test_exactly_the_eventlet_deprecation_warning_is_silenced():
    plain = run_python("import eventlet")
    assert "Eventlet is deprecated" in plain.stderr  # the warning exists...

    patched = run_python(
        """
        import serve, warnings
        serve.bootstrap("eventlet")
        warnings.warn("some other deprecation", DeprecationWarning)
        warnings.warn("some other warning")
        """
    )
    assert patched.returncode == 0, patched.stderr
    assert "Eventlet is deprecated" not in patched.stderr  # ...and only it is hidden
    assert "some other deprecation" in patched.stderr
    assert "some other warning" in patched.stderr


def test_the_async_mode_is_a_setting():
    for mode in ("eventlet", "threading"):
        result = run_python(
            """
            import serve
            mode = serve.bootstrap()
            from inkwell import create_app
            app = create_app()
            print("mode:", app.extensions["socketio"].server.async_mode)
            """,
            env={"SOCKETIO_ASYNC_MODE": mode, "DATABASE_URL": "sqlite://", "REDIS_URL": ""},
        )
        assert result.returncode == 0, result.stderr
        assert f"mode: {mode}" in result.stdout
    bad = run_python("import serve; serve.bootstrap()", env={"SOCKETIO_ASYNC_MODE": "tornado"})
    assert bad.returncode != 0 and "must be eventlet, gevent or threading" in bad.stderr


def test_a_second_worker_on_a_busy_port_fails_with_a_clear_message(tmp_path):
    """eventlet.listen's SO_REUSEPORT let two workers share a port without a word."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'inkwell.db'}",
        "REDIS_URL": "",
        "SOCKETIO_ASYNC_MODE": "eventlet",
    }
    argv = [sys.executable, "serve.py", "--port", str(port)]
    first = subprocess.Popen(argv, cwd=BACKEND_DIR, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_until(lambda: http_ok(f"http://127.0.0.1:{port}/api/health"), 60, "first worker")
        second = subprocess.run(argv, cwd=BACKEND_DIR, env=env, capture_output=True, text=True,
                                timeout=60)  # fmt: skip
        assert second.returncode != 0
        assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in second.stderr
        assert http_ok(f"http://127.0.0.1:{port}/api/health")  # the first one is unharmed
    finally:
        first.kill()
        first.wait(10)


def test_unpatched_processes_fall_back_to_threading():
    """CLI commands and the RQ worker never run eventlet without its monkey patching."""
    result = run_python(
        """
        from inkwell import create_app
        app = create_app()
        print("mode:", app.extensions["socketio"].server.async_mode)
        """,
        env={"SOCKETIO_ASYNC_MODE": "eventlet", "DATABASE_URL": "sqlite://", "REDIS_URL": ""},
    )
    assert result.returncode == 0, result.stderr
    assert "mode: threading" in result.stdout


CONCURRENT_SLEEPS = """
import os, sys, time
{prelude}
from sqlalchemy import text
from inkwell import create_app
from inkwell.extensions import db
import eventlet
app = create_app()

def sleep_once():
    with app.app_context():
        db.session.execute(text("SELECT pg_sleep(1)"))
        db.session.remove()

with app.app_context():  # open the pool's first connection outside the timing
    db.session.execute(text("SELECT 1"))
    db.session.remove()
pool = eventlet.GreenPool()
started = time.monotonic()
for _ in range(5):
    pool.spawn(sleep_once)
pool.waitall()
print("elapsed %.2f" % (time.monotonic() - started))
"""


@pytest.fixture
def postgres_url(database_backend):
    if database_backend != "postgres":
        pytest.skip("the psycopg trap needs PostgreSQL: runs in the PostgreSQL leg")
    with postgres_database() as url:
        yield url


def elapsed(result):
    assert result.returncode == 0, result.stderr
    return float(result.stdout.strip().split()[-1])


def test_five_slow_queries_in_one_eventlet_worker_take_the_time_of_one(postgres_url):
    env = {
        "DATABASE_URL": postgres_url,
        "REDIS_URL": "",
        "SOCKETIO_ASYNC_MODE": "eventlet",
        "PSYCOPG_WAIT_FUNC": None,
    }
    with_entry_point = run_python(
        CONCURRENT_SLEEPS.format(prelude="import serve; serve.bootstrap()"), env=env
    )
    assert elapsed(with_entry_point) < 2.5

    # Without PSYCOPG_WAIT_FUNC the same code serialises: the trap the entry point avoids.
    without = run_python(
        CONCURRENT_SLEEPS.format(
            prelude="import warnings; warnings.simplefilter('ignore')\n"
            "import eventlet; eventlet.monkey_patch()"
        ),
        env=env,
    )
    assert elapsed(without) >= 4.5
