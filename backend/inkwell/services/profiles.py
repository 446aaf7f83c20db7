"""Profile edits shared by users themselves and administrators."""

from flask_smorest import abort

from ..extensions import db
from ..models import Role, User


def apply_profile_changes(user, changes):
    """Apply validated changes; a taken username or email is a 409 with nothing written."""
    conflicts = {}
    username = changes.get("username")
    if username and User.username_taken(username, exclude_id=user.id):
        conflicts["username"] = ["Username already in use."]
    email = changes.get("email")
    if email and User.email_taken(email, exclude_id=user.id):
        conflicts["email"] = ["Email already registered."]
    if conflicts:
        abort(409, message="Already in use.", errors=conflicts)
    for field in ("username", "name", "location", "about_me", "locale", "confirmed"):
        if field in changes:
            value = changes[field]
            setattr(user, field, value if value != "" or field == "username" else None)
    if email:
        user.set_email(email)
    role_changed = False
    if "role" in changes and (user.role is None or user.role.name != changes["role"]):
        user.role = db.session.scalar(db.select(Role).filter_by(name=changes["role"]))
        role_changed = True
    return role_changed
