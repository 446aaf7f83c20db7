"""Rate-limit values (from configuration, RATELIMIT_*) and the keys they are counted by."""

from flask import current_app, request
from flask_limiter.util import get_remote_address

from ..identity import current_user


def limit_value(name):
    return lambda: current_app.config[f"RATELIMIT_{name}"]


def current_user_key():
    user = current_user()
    return f"user:{user.id}" if user else f"ip:{get_remote_address()}"


def reset_email_key():
    payload = request.get_json(silent=True) or {}
    email = payload.get("email") if isinstance(payload, dict) else None
    return f"reset:{str(email).strip().lower()}" if email else f"ip:{get_remote_address()}"
