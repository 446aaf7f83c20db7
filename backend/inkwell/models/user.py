"""Accounts: roles, users, follows and login sessions."""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import ForeignKey, Index, String, Text, column, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from .media import media_url
from .types import UTCDateTime, utcnow

LAST_SEEN_RESOLUTION = timedelta(minutes=1)


class Permission:
    FOLLOW = 1
    COMMENT = 2
    WRITE = 4
    MODERATE = 8
    ADMIN = 16


ROLE_PERMISSIONS = {
    "User": Permission.FOLLOW | Permission.COMMENT | Permission.WRITE,
    "Moderator": Permission.FOLLOW | Permission.COMMENT | Permission.WRITE | Permission.MODERATE,
    "Administrator": Permission.FOLLOW
    | Permission.COMMENT
    | Permission.WRITE
    | Permission.MODERATE
    | Permission.ADMIN,
}
DEFAULT_ROLE = "User"


class Role(db.Model):
    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    default: Mapped[bool] = mapped_column(default=False, index=True)
    permissions: Mapped[int] = mapped_column(default=0)

    @staticmethod
    def insert_roles():
        """Create or update the three roles; safe to run on every deploy."""
        existing = {role.name: role for role in db.session.scalars(select(Role))}
        for name, permissions in ROLE_PERMISSIONS.items():
            role = existing.get(name) or Role(name=name)
            role.permissions = permissions
            role.default = name == DEFAULT_ROLE
            db.session.add(role)
        db.session.commit()

    @staticmethod
    def default_role():
        role = db.session.scalar(select(Role).filter_by(default=True))
        if role is None:
            Role.insert_roles()
            role = db.session.scalar(select(Role).filter_by(default=True))
        return role

    def has_permission(self, permission):
        return self.permissions & permission == permission

    def __repr__(self):
        return f"<Role {self.name}>"


class Follow(db.Model):
    __tablename__ = "follows"
    __table_args__ = (
        Index("ix_follows_followed_id_timestamp", "followed_id", "timestamp"),
        Index("ix_follows_follower_id_timestamp", "follower_id", "timestamp"),
    )

    follower_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    followed_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    timestamp: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)

    follower: Mapped["User"] = relationship(foreign_keys=[follower_id], lazy="raise")
    followed: Mapped["User"] = relationship(foreign_keys=[followed_id], lazy="raise")


class User(db.Model):
    __tablename__ = "users"
    # Case-insensitive uniqueness. The expression must name the column: func.lower("username")
    # would index the constant string 'username' and refuse every user after the first.
    __table_args__ = (
        Index("uq_users_username_lower", func.lower(column("username")), unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    email: Mapped[str] = mapped_column(String(120), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(256))
    role_id: Mapped[int | None] = mapped_column(ForeignKey("roles.id"), index=True)
    confirmed: Mapped[bool] = mapped_column(default=False)
    name: Mapped[str | None] = mapped_column(String(64))
    location: Mapped[str | None] = mapped_column(String(64))
    about_me: Mapped[str | None] = mapped_column(Text)
    locale: Mapped[str | None] = mapped_column(String(5))
    member_since: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    last_seen: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    avatar_hash: Mapped[str | None] = mapped_column(String(32))
    # The storage key of an uploaded avatar (its Media row holds it too, for the quota and
    # the file's references); kept here so user lists need no join to show it.
    avatar_key: Mapped[str | None] = mapped_column(String(80))

    role: Mapped[Role | None] = relationship(lazy="joined", innerjoin=False)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.email:
            self.email = self.email.lower()
            admin_email = current_app.config.get("INKWELL_ADMIN_EMAIL")
            if self.role is None and admin_email and self.email == admin_email:
                self.role = db.session.scalar(select(Role).filter_by(name="Administrator"))
                if self.role is None:
                    Role.insert_roles()
                    self.role = db.session.scalar(select(Role).filter_by(name="Administrator"))
        if self.role is None:
            self.role = Role.default_role()
        if self.email and self.avatar_hash is None:
            self.avatar_hash = self.gravatar_hash()

    def __repr__(self):
        return f"<User {self.username}>"

    # Passwords
    @property
    def password(self):
        raise AttributeError("password is not a readable attribute")

    @password.setter
    def password(self, password):
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def verify_password(self, password):
        return self.password_hash is not None and check_password_hash(self.password_hash, password)

    # Permissions
    @property
    def permissions(self):
        return self.role.permissions if self.role else 0

    def can(self, permission):
        return self.role is not None and self.role.has_permission(permission)

    def is_administrator(self):
        return self.can(Permission.ADMIN)

    # Email and avatar
    def gravatar_hash(self):
        return hashlib.md5(self.email.lower().encode("utf-8")).hexdigest()

    def gravatar_url(self, size):
        return f"https://www.gravatar.com/avatar/{self.avatar_hash}?d=identicon&s={size}"

    def avatar_url(self, size=128):
        """Where this user's avatar is served: the uploaded picture, else our identicon
        endpoint, or Gravatar."""
        if self.avatar_key:
            return media_url(self.avatar_key)
        if current_app.config["AVATAR_PROVIDER"] == "gravatar":
            return self.gravatar_url(size)
        # The hash in the query busts caches when the email (and so the identicon) changes.
        return f"/api/users/{self.id}/avatar.svg?size={size}&v={(self.avatar_hash or '')[:8]}"

    def set_email(self, email):
        self.email = email.lower()
        self.avatar_hash = self.gravatar_hash()

    def ping(self, now=None):
        """Record activity, writing at most once per LAST_SEEN_RESOLUTION."""
        now = now or utcnow()
        if self.last_seen is None or now - self.last_seen >= LAST_SEEN_RESOLUTION:
            self.last_seen = now
            return True
        return False

    # Single-purpose signed tokens for the email links
    def _serializer(self, purpose):
        return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"inkwell-{purpose}")

    def generate_email_token(self, purpose, **extra):
        payload = {"id": self.id, **extra}
        if purpose == "reset":
            # Tie the reset link to the current password so it works once.
            payload["pw"] = (self.password_hash or "")[-16:]
        if purpose == "change-email":
            payload["old"] = self.email
        return self._serializer(purpose).dumps(payload)

    @staticmethod
    def load_email_token(purpose, token, max_age):
        serializer = URLSafeTimedSerializer(
            current_app.config["SECRET_KEY"], salt=f"inkwell-{purpose}"
        )
        try:
            payload = serializer.loads(token, max_age=max_age)
        except (SignatureExpired, BadSignature):
            return None, None
        if not isinstance(payload, dict) or not isinstance(payload.get("id"), int):
            return None, None
        user = db.session.get(User, payload["id"])
        if user is None:
            return None, None
        if purpose == "reset" and payload.get("pw") != (user.password_hash or "")[-16:]:
            return None, None
        if purpose == "change-email" and payload.get("old") != user.email:
            return None, None
        return user, payload

    @staticmethod
    def find_by_login(login):
        login = (login or "").strip()
        if "@" in login:
            return db.session.scalar(select(User).where(User.email == login.lower()))
        return db.session.scalar(select(User).where(func.lower(User.username) == login.lower()))

    @staticmethod
    def username_taken(username, exclude_id=None):
        query = select(User.id).where(func.lower(User.username) == username.lower())
        if exclude_id is not None:
            query = query.where(User.id != exclude_id)
        return db.session.scalar(query) is not None

    @staticmethod
    def email_taken(email, exclude_id=None):
        query = select(User.id).where(User.email == email.lower())
        if exclude_id is not None:
            query = query.where(User.id != exclude_id)
        return db.session.scalar(query) is not None


class AuthSession(db.Model):
    """A login session family: one per sign-in, shared by every token rotated from it.

    Access tokens carry the family id and its generation; revoking the family (logout,
    reset, deletion) or bumping the generation (role change) invalidates them at once.
    """

    __tablename__ = "auth_sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[object] = mapped_column(UTCDateTime)
    remember: Mapped[bool] = mapped_column(default=False)
    generation: Mapped[int] = mapped_column(default=0)
    refresh_jti: Mapped[str] = mapped_column(String(36))
    previous_jti: Mapped[str | None] = mapped_column(String(36))
    rotated_at: Mapped[object | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[object | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="raise")

    @staticmethod
    def new_id():
        return secrets.token_hex(16)

    @property
    def active(self):
        return self.revoked_at is None and self.expires_at > utcnow()

    @staticmethod
    def live_sessions(user_id):
        return db.session.scalars(
            select(AuthSession).where(
                AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None)
            )
        ).all()

    @staticmethod
    def revoke_all(user_id):
        """Revoke every live session of a user; returns the revoked ids."""
        sessions = AuthSession.live_sessions(user_id)
        now = utcnow()
        for session in sessions:
            session.revoked_at = now
        return [session.id for session in sessions]

    @staticmethod
    def bump_generation(user_id):
        """Invalidate the user's access tokens while keeping their refresh tokens valid."""
        sessions = AuthSession.live_sessions(user_id)
        for session in sessions:
            session.generation += 1
        return [session.id for session in sessions]
