#!/usr/bin/env bash
# Print a SQLAlchemy URL of a PostgreSQL server the test suite may create databases on.
# Uses TEST_POSTGRES_URL (or the local server on 127.0.0.1:5432) when it answers; otherwise,
# as root, installs PostgreSQL from Debian and starts a throw-away cluster under .run/.
# Prints nothing and exits 1 when no server can be had.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
url=${TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres}
python=${PYTHON:-$here/.venv/bin/python}

answers() {
  "$python" - "$1" <<'PY' >/dev/null 2>&1
import sys
from sqlalchemy import create_engine, text
engine = create_engine(sys.argv[1], connect_args={"connect_timeout": 3})
with engine.connect() as conn:
    conn.execute(text("SELECT 1"))
PY
}

run="$here/.run/postgres"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "${1:-}" = "--stop" ]; then  # stop the throw-away cluster, if this script started one
  if [ -f "$run/data/postmaster.pid" ]; then
    bindir=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")
    as_pg "$bindir/pg_ctl" -D "$run/data" -m fast stop >/dev/null
  fi
  exit 0
fi

if answers "$url"; then echo "$url"; exit 0; fi

# A throw-away cluster of our own.
port_file="$run/port"
if [ -f "$port_file" ]; then
  own="postgresql+psycopg://postgres@127.0.0.1:$(cat "$port_file")/postgres"
  if answers "$own"; then echo "$own"; exit 0; fi
fi
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing PostgreSQL (apt-get)..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
  else
    echo "PostgreSQL is not installed and I cannot install it (not root or no apt-get)" >&2
    exit 1
  fi
fi
bindir=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rm -rf "$run"; mkdir -p "$run"
chown postgres "$run" 2>/dev/null || true
as_pg "$bindir/initdb" -D "$run/data" -U postgres -A trust >/dev/null
as_pg "$bindir/pg_ctl" -D "$run/data" -l "$run/log" -w \
  -o "-p $port -k $run -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >&2
echo "$port" > "$port_file"
own="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
answers "$own" && echo "$own"
