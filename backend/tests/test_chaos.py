"""The chaos run of SPEC §13, bounded: socket clients chat through nginx while the API
workers are SIGKILLed and restarted in turn and Redis is restarted once; afterwards every
client holds every message addressed to it, exactly once (devstack.chaos has the driver).

Here 10 clients for 30 s, a kill every 10 s; `make chaos` runs the same test with 50
clients for 2 minutes and a kill every 15 s (CHAOS_CLIENTS, CHAOS_SECONDS, CHAOS_KILL_EVERY,
CHAOS_REDIS_RESTARTS, CHAOS_REDIS_DOWN, CHAOS_SEND_EVERY, CHAOS_SETTLE, CHAOS_SEED). The
figures are printed (`-s` shows them; a failure always does).

Like the fault tests, this runs once, in the default (SQLite) pass of the suite.
"""

import os

import pytest

from devstack.chaos import CHAOS_ENV, ChaosPlan, run_chaos
from devstack.stack import Stack

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("INKWELL_TEST_DB") == "postgres",
        reason="the chaos run is a fault test: it runs in the SQLite pass",
    ),
]

BOUNDED = {"clients": 10, "seconds": 30, "kill_every": 10, "redis_restarts": 1}


def test_every_client_holds_every_message_exactly_once_after_chaos(tmp_path):
    plan = ChaosPlan.from_env(**BOUNDED)
    stack = Stack(
        workers=2,
        nginx=True,
        redis_appendonly=True,  # queued jobs survive the Redis restart (SPEC §5)
        run_dir=tmp_path / "stack",
        env_overrides=dict(CHAOS_ENV),
    )
    with stack:
        report = run_chaos(stack, plan, log=lambda line: print(line, flush=True))
    if report.problems:
        pytest.fail(report.summary(), pytrace=False)
    print(report.summary())
