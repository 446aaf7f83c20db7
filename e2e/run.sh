#!/usr/bin/env bash
# `make e2e`: the browser journeys against the full stack through nginx (about 1 minute).
# Needs the virtualenv (make install), the built SPA (make frontend), and redis-server, nginx
# and chromium on the machine (scripts/system-packages.sh). Extra arguments go to pytest,
# e.g. `e2e/run.sh -k export --headed`. E2E_DATABASE=postgres runs on a throw-away PostgreSQL
# database (TEST_POSTGRES_URL); E2E_MEDIA_STORAGE=s3 keeps pictures in a bucket on a local S3
# server (moto); CHROMIUM_PATH picks another Chromium.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}
dist=${INKWELL_FRONTEND_DIST:-$here/frontend/dist}  # another build: vite build --outDir DIR
if [ ! -f "$dist/index.html" ]; then
  echo "the SPA is not built: run make frontend (or cd frontend && npm ci && npm run build)" >&2
  exit 1
fi
# nginx's workers run as nobody when started by root: the SPA must be world-readable.
chmod -R a+rX "$dist"
cd "$here"
exec "$python" -m pytest e2e "$@"
