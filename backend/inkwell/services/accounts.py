"""Accounts: registration, the emailed links (confirm, reset, change email), passwords,
profile edits and deletion."""

from flask import current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Role, Task, User
from .email import frontend_link, send_email
from .errors import Conflict, Forbidden, InvalidLink
from .exports import delete_exports
from .media import keys_of_user, release
from .notifications import push_unread_message_count, unread_recipients_of
from .sessions import end_all_sessions, expire_access_tokens

INVALID_LINK = "The link is invalid or has expired."
USERNAME_TAKEN = "Username already in use."
EMAIL_TAKEN = "Email already registered."
WRONG_PASSWORD = "Wrong password."
PROFILE_FIELDS = ("username", "name", "location", "about_me", "locale", "confirmed")


def user_locale(user):
    return user.locale or str(get_locale() or "en")


# -- registration and the emailed links ----------------------------------------------------


def register(username, email, password):
    """Create an account and mail its confirmation link; a taken name or address: Conflict."""
    _refuse_taken(username=username, email=email)
    user = User(username=username, email=email, locale=str(get_locale() or "en"))
    user.password = password
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        # A concurrent registration took the name or address between the check and this
        # insert: the unique indexes decide, and the answer is the check's, not a 500.
        db.session.rollback()
        _refuse_taken(username=username, email=email)
        raise Conflict("Already in use.") from None
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


def _refuse_taken(username=None, email=None, exclude_id=None):
    conflicts = {}
    if username and User.username_taken(username, exclude_id=exclude_id):
        conflicts["username"] = [USERNAME_TAKEN]
    if email and User.email_taken(email, exclude_id=exclude_id):
        conflicts["email"] = [EMAIL_TAKEN]
    if conflicts:
        raise Conflict("Already in use.", conflicts)


def _mail_link(user, to, subject, template, path):
    """Email `user` (at `to`) a link into the SPA, in their language."""
    send_email(to, subject, template, locale=user_locale(user), user=user, link=frontend_link(path))


def send_confirmation(user):
    token = user.generate_email_token("confirm")
    _mail_link(user, user.email, _l("Confirm your account"), "confirm", f"/confirm/{token}")


def resend_confirmation(user):
    if user.confirmed:
        raise Conflict("This account is already confirmed.")
    send_confirmation(user)


def request_confirmation(email):
    """Mail a fresh confirmation link to an unconfirmed account with this address (nothing
    otherwise): the caller is not logged in, so the answer must not tell whether it exists."""
    user = User.find_by_login(email)
    if user is not None and not user.confirmed:
        send_confirmation(user)


def confirm(token):
    user, _ = User.load_email_token("confirm", token, current_app.config["CONFIRM_TOKEN_SECONDS"])
    if user is None:
        raise InvalidLink(INVALID_LINK)
    user.confirmed = True
    db.session.commit()
    return user


def request_password_reset(email):
    """Mail a reset link when the address has an account (silently nothing otherwise)."""
    user = User.find_by_login(email)
    if user is None:
        return
    token = user.generate_email_token("reset")
    _mail_link(user, user.email, _l("Reset your password"), "reset_password", f"/reset/{token}")


def reset_password(token, password):
    """Set a new password from an emailed link; every session ends."""
    user, _ = User.load_email_token("reset", token, current_app.config["RESET_TOKEN_SECONDS"])
    if user is None:
        raise InvalidLink(INVALID_LINK)
    user.password = password
    end_all_sessions(user)


def request_email_change(user, password, new_email):
    _check_password(user, password, "password")
    new_email = new_email.lower()
    if User.email_taken(new_email):
        raise Conflict(EMAIL_TAKEN, {"email": [EMAIL_TAKEN]})
    token = user.generate_email_token("change-email", new=new_email)
    subject, path = _l("Confirm your email address"), f"/change-email/{token}"
    _mail_link(user, new_email, subject, "change_email", path)


def confirm_email_change(token):
    seconds = current_app.config["EMAIL_CHANGE_TOKEN_SECONDS"]
    user, payload = User.load_email_token("change-email", token, seconds)
    new_email = (payload or {}).get("new")
    if user is None or not isinstance(new_email, str):
        raise InvalidLink(INVALID_LINK)
    if User.email_taken(new_email, exclude_id=user.id):
        raise Conflict(EMAIL_TAKEN, {"email": [EMAIL_TAKEN]})
    user.set_email(new_email)
    user.confirmed = True
    db.session.commit()
    return user


# -- the account itself ----------------------------------------------------------------------


def _check_password(user, password, field):
    if not user.verify_password(password):
        raise Forbidden(WRONG_PASSWORD, {field: [WRONG_PASSWORD]})


def change_password(user, old_password, new_password):
    """Other sessions stay signed in (the user knows the old password)."""
    _check_password(user, old_password, "old_password")
    user.password = new_password
    db.session.commit()


def update_profile(user, changes):
    """Apply validated profile changes (self or admin); a taken username or email: Conflict.

    A role change expires the account's access tokens at once.
    """
    _refuse_taken(changes.get("username"), changes.get("email"), exclude_id=user.id)
    for field in PROFILE_FIELDS:
        if field in changes:
            value = changes[field]
            setattr(user, field, value if value != "" or field == "username" else None)
    if changes.get("email"):
        user.set_email(changes["email"])
    role_changed = "role" in changes and (user.role is None or user.role.name != changes["role"])
    if role_changed:
        user.role = db.session.scalar(select(Role).filter_by(name=changes["role"]))
    db.session.commit()
    if role_changed:
        expire_access_tokens(user)
    return user


def delete_account(user, password):
    """Delete the account and everything it wrote; every session ends."""
    _check_password(user, password, "password")
    end_all_sessions(user)
    # Their unread messages vanish with them: those recipients' badges must drop.
    readers = unread_recipients_of(user.id)
    exports = db.session.scalars(
        select(Task.result_path).where(Task.user_id == user.id, Task.result_path.is_not(None))
    ).all()
    pictures = keys_of_user(user.id)
    db.session.delete(user)
    db.session.commit()
    delete_exports(exports)
    release(pictures)  # their files, unless another upload is the same picture
    for reader_id in readers:
        push_unread_message_count(reader_id)
