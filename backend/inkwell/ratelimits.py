"""Rate-limit keys. Values come from configuration (RATELIMIT_*)."""

from flask import current_app, request


def client_ip():
    # ProxyFix (one trusted hop) has already replaced remote_addr with the client's address.
    return request.remote_addr or "unknown"


def limit_value(name):
    return lambda: current_app.config[f"RATELIMIT_{name}"]


def current_user_key():
    from .auth import current_user

    user = current_user()
    return f"user:{user.id}" if user else f"ip:{client_ip()}"


def reset_email_key():
    payload = request.get_json(silent=True) or {}
    email = payload.get("email") if isinstance(payload, dict) else None
    return f"reset:{str(email).strip().lower()}" if email else f"ip:{client_ip()}"
