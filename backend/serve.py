"""API worker entry point: `python serve.py [--host 127.0.0.1] [--port 5000]`.

The async library must patch the standard library before anything else is imported,
so this file lives outside the `inkwell` package (importing the package would import
Flask, SQLAlchemy and psycopg first) and imports nothing of ours before `bootstrap()`.
"""

import os
import sys
import warnings

EVENTLET_DEPRECATION = r"\s*Eventlet is deprecated"


def bootstrap(mode=None):
    """Patch for the configured async mode; returns the mode."""
    mode = mode or os.environ.get("SOCKETIO_ASYNC_MODE", "eventlet")
    if mode == "eventlet":
        # eventlet warns at import that it is deprecated upstream; silence exactly that.
        warnings.filterwarnings("ignore", message=EVENTLET_DEPRECATION, category=Warning)
        import eventlet

        eventlet.monkey_patch()
        # psycopg 3 otherwise waits on sockets in C and blocks every green thread.
        os.environ["PSYCOPG_WAIT_FUNC"] = os.environ.get("PSYCOPG_WAIT_FUNC", "wait_select")
    elif mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    elif mode != "threading":
        sys.exit(f"SOCKETIO_ASYNC_MODE must be eventlet, gevent or threading, not {mode!r}")
    return mode


# Connections one eventlet worker serves at once (each Socket.IO client holds one): eventlet's
# own default of 1 024 would cap a worker far below SPEC §13's 5 000 clients on two.
MAX_CONNECTIONS = int(os.environ.get("WORKER_MAX_CONNECTIONS", "10000"))
BACKLOG = 2048  # a burst of reconnecting clients after a worker restart


def raise_file_limit():
    """Every connection is a file descriptor: allow as many as the hard limit does."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# glibc serves allocations above this from their own mappings, returned to the system when freed.
# Its default threshold grows after each such free, up to 32 MB, so the megabyte-sized buffers
# of a decoded picture would land in the heap and keep the worker's memory high for good: with
# 8 uploads of 12-megapixel photos a worker stayed at ~690 MB instead of ~450 MB.
MMAP_THRESHOLD = 1024 * 1024


def return_big_allocations_to_os():
    """Fix glibc's mmap threshold (no-op on other C libraries)."""
    import ctypes
    import ctypes.util

    m_mmap_threshold = -3  # from malloc.h
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        libc.mallopt(m_mmap_threshold, MMAP_THRESHOLD)
    except (OSError, AttributeError):  # musl and others have no mallopt
        pass


def listen(host, port):
    """The listening socket, refusing a port another process holds.

    eventlet.listen sets SO_REUSEPORT by default: a second worker started on a busy port
    would come up without an error and share the port with the first.
    """
    import eventlet

    try:
        return eventlet.listen((host, port), reuse_port=False, backlog=BACKLOG)
    except OSError as error:
        sys.exit(f"cannot listen on {host}:{port}: {error.strerror} (is another worker on it?)")


def main(argv=None):
    import argparse

    parser = argparse.ArgumentParser(description="Run one Inkwell API worker.")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)

    from inkwell import create_app
    from inkwell.services.language import warm_up

    return_big_allocations_to_os()
    app = create_app()
    warm_up()  # before the first connection: no author's post waits for the profiles to load
    socketio = app.extensions["socketio"]
    mode = socketio.server.async_mode
    if mode == "eventlet":
        import eventlet.wsgi

        raise_file_limit()
        sock = listen(args.host, args.port)
        app.logger.info("API worker on http://%s:%s (async mode eventlet)", args.host, args.port)
        eventlet.wsgi.server(sock, app, log_output=False, max_size=MAX_CONNECTIONS)
        return
    app.logger.info("API worker on http://%s:%s (async mode %s)", args.host, args.port, mode)
    socketio.run(
        app,
        host=args.host,
        port=args.port,
        debug=False,
        use_reloader=False,
        log_output=False,
        allow_unsafe_werkzeug=True,
    )


if __name__ == "__main__":
    bootstrap()
    main()
