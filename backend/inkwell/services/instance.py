"""Facts about this instance that clients need before they do anything else."""

from flask import current_app


def client_config():
    return {"socket_transports": list(current_app.config["SOCKETIO_TRANSPORTS"])}
