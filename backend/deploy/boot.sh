#!/bin/sh
# Start one API worker: wait for the database (flask deploy retries), then serve.
set -e
flask deploy --retries 30 --delay 2
exec python serve.py --host 0.0.0.0 --port "${PORT:-5000}"
