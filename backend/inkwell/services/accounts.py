"""Account operations shared by several endpoints (registration, emails, revocation)."""

from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_smorest import abort
from sqlalchemy.exc import IntegrityError

from ..auth import notify_sessions_revoked
from ..extensions import db
from ..models import AuthSession, User
from .email import frontend_link, send_email


def user_locale(user):
    return user.locale or str(get_locale() or "en")


def send_confirmation(user):
    token = user.generate_email_token("confirm")
    send_email(
        user.email,
        _l("Confirm your account"),
        "confirm",
        locale=user_locale(user),
        user=user,
        link=frontend_link(f"/confirm/{token}"),
    )


def send_password_reset(user):
    token = user.generate_email_token("reset")
    send_email(
        user.email,
        _l("Reset your password"),
        "reset_password",
        locale=user_locale(user),
        user=user,
        link=frontend_link(f"/reset/{token}"),
    )


def send_email_change(user, new_email):
    token = user.generate_email_token("change-email", new=new_email)
    send_email(
        new_email,
        _l("Confirm your email address"),
        "change_email",
        locale=user_locale(user),
        user=user,
        link=frontend_link(f"/change-email/{token}"),
    )


def register(username, email, password):
    user = User(username=username, email=email, locale=str(get_locale() or "en"))
    user.password = password
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        # A concurrent registration took the name or address between the view's check and
        # this insert: the unique indexes decide, and the answer is the check's 409, not a 500.
        db.session.rollback()
        conflicts = {}
        if User.username_taken(username):
            conflicts["username"] = ["Username already in use."]
        if User.email_taken(email):
            conflicts["email"] = ["Email already registered."]
        abort(409, message="Already in use.", errors=conflicts)
    send_confirmation(user)
    admin = current_app.config["INKWELL_ADMIN_EMAIL"]
    if admin:
        send_email(
            admin,
            _l("New user"),
            "new_user",
            user=user,
            link=frontend_link(f"/user/{user.username}"),
        )
    return user


def revoke_all_sessions(user):
    """Log the user out everywhere, at once (tokens and sockets)."""
    revoked = AuthSession.revoke_all(user.id)
    db.session.commit()
    notify_sessions_revoked(revoked)
    return revoked


def expire_access_tokens(user):
    """After a role change: access tokens die now; the refresh cookie mints fresh ones."""
    sessions = AuthSession.bump_generation(user.id)
    db.session.commit()
    notify_sessions_revoked(sessions)
