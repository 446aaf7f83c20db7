"""Users: registration, profiles, avatars, follows and per-user lists."""

from flask import Response, current_app, redirect, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import exists, func, select
from sqlalchemy.orm import joinedload, undefer_group

from ..auth import authenticated, current_user
from ..extensions import db, limiter
from ..models import Follow, Permission, Post, User
from ..ratelimits import limit_value
from ..schemas.common import MAX_ID, PaginationArgsSchema
from ..schemas.content import PostSchema
from ..schemas.users import (
    AdminUserUpdateSchema,
    AvatarArgsSchema,
    FollowUserSchema,
    RegisterSchema,
    UserSchema,
    UserSearchArgsSchema,
)
from ..services import accounts
from ..services.avatars import gravatar_url, identicon_svg
from ..services.profiles import apply_profile_changes
from .errors import json_error
from .pagination import paginated

blp = Blueprint("users", __name__, description="Users, profiles and follows")


class UserListArgsSchema(PaginationArgsSchema, UserSearchArgsSchema):
    pass


def user_query():
    return select(User).options(undefer_group("counts"))


def get_user_or_404(user_ref, with_counts=False):
    """Find a user by id (all digits) or case-insensitive username."""
    query = user_query() if with_counts else select(User)
    # ASCII only: str.isdigit() is also true of "²", which int() refuses.
    if user_ref.isascii() and user_ref.isdigit():
        if int(user_ref) > MAX_ID:  # names no user, and would overflow the column
            json_error(404, "User not found.")
        query = query.where(User.id == int(user_ref))
    else:
        query = query.where(func.lower(User.username) == user_ref.lower())
    user = db.session.scalar(query)
    if user is None:
        json_error(404, "User not found.")
    return user


def annotate_relationship(user):
    """Set is_following/follows_you for the signed-in viewer, in one statement."""
    viewer = current_user()
    if viewer is None or viewer.id == user.id:
        return user
    following, followed = db.session.execute(
        select(
            exists().where(Follow.follower_id == viewer.id, Follow.followed_id == user.id),
            exists().where(Follow.follower_id == user.id, Follow.followed_id == viewer.id),
        )
    ).one()
    user.viewer_is_following = bool(following)
    user.viewer_is_followed = bool(followed)
    return user


def follows_to_users(attribute):
    def transform(follows):
        users = []
        for follow in follows:
            user = getattr(follow, attribute)
            user.since = follow.timestamp
            users.append(user)
        return users

    return transform


@blp.route("/users")
class Users(MethodView):
    @limiter.limit(limit_value("REGISTER"), methods=["POST"])
    @blp.arguments(RegisterSchema)
    @blp.response(201, UserSchema)
    @blp.alt_response(409, response="CONFLICT")
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    def post(self, args):
        """Register; a confirmation email is sent"""
        conflicts = {}
        if User.username_taken(args["username"]):
            conflicts["username"] = ["Username already in use."]
        if User.email_taken(args["email"]):
            conflicts["email"] = ["Email already registered."]
        if conflicts:
            json_error(409, "Already in use.", conflicts)
        user = accounts.register(args["username"], args["email"], args["password"])
        location = url_for("users.UserById", user_ref=user.id)
        user = db.session.scalar(user_query().where(User.id == user.id))
        return user, 201, {"Location": location}

    @authenticated(optional=True, confirmed=False)  # reading is open to unconfirmed accounts
    @paginated(blp, UserSchema, args_schema=UserListArgsSchema)
    def get(self, args):
        """Users, alphabetically; `q` filters by username prefix"""
        query = user_query().order_by(func.lower(User.username))
        if args.get("q"):
            prefix = args["q"].lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(func.lower(User.username).like(f"{prefix}%", escape="\\"))
        return query


@blp.route("/users/<user_ref>")
class UserById(MethodView):
    @authenticated(optional=True, confirmed=False)  # reading is open to unconfirmed accounts
    @blp.response(200, UserSchema)
    def get(self, user_ref):
        """A profile by id or username, with counts and your relationship to it"""
        return annotate_relationship(get_user_or_404(user_ref, with_counts=True))

    @authenticated(permission=Permission.ADMIN)
    @blp.arguments(AdminUserUpdateSchema)
    @blp.response(200, UserSchema)
    @blp.alt_response(409, response="CONFLICT")
    def patch(self, changes, user_ref):
        """Administrators edit any account, including its role"""
        user = get_user_or_404(user_ref, with_counts=True)
        role_changed = apply_profile_changes(user, changes)
        db.session.commit()
        if role_changed:
            accounts.expire_access_tokens(user)
        return user


@blp.route("/users/<user_ref>/avatar.svg")
class Avatar(MethodView):
    @blp.arguments(AvatarArgsSchema, location="query")
    @blp.doc(
        responses={
            "200": {
                "description": "Identicon",
                "content": {"image/svg+xml": {"schema": {"type": "string"}}},
            },
            "302": {"description": "Redirect to Gravatar (AVATAR_PROVIDER=gravatar)"},
            "304": {"description": "Not modified (If-None-Match)"},
        }
    )
    def get(self, args, user_ref):
        """The user's identicon (or a redirect to Gravatar when so configured)"""
        user = get_user_or_404(user_ref)
        size = args["size"]
        if current_app.config["AVATAR_PROVIDER"] == "gravatar":
            return redirect(gravatar_url(user.avatar_hash, size))
        etag = f"{user.avatar_hash}-{size}"
        if request.if_none_match.contains(etag):
            response = Response(status=304)
        else:
            response = Response(
                identicon_svg(user.avatar_hash or "", size), mimetype="image/svg+xml"
            )
        response.set_etag(etag)
        response.cache_control.public = True
        response.cache_control.max_age = 86400
        return response


@blp.route("/users/<user_ref>/posts")
class UserPosts(MethodView):
    @paginated(blp, PostSchema, cursor=Post.id)
    def get(self, args, user_ref):
        """A user's posts, newest first"""
        user = get_user_or_404(user_ref)
        return (
            select(Post)
            .where(Post.author_id == user.id)
            .options(joinedload(Post.author))
            .order_by(Post.id.desc())
        )


@blp.route("/users/<user_ref>/followers")
class Followers(MethodView):
    @paginated(blp, FollowUserSchema, transform=follows_to_users("follower"))
    def get(self, args, user_ref):
        """Who follows this user, most recent first, with `since`"""
        user = get_user_or_404(user_ref)
        return (
            select(Follow)
            .where(Follow.followed_id == user.id)
            .options(joinedload(Follow.follower).undefer_group("counts"))
            .order_by(Follow.timestamp.desc(), Follow.follower_id.desc())
        )


@blp.route("/users/<user_ref>/following")
class Following(MethodView):
    @paginated(blp, FollowUserSchema, transform=follows_to_users("followed"))
    def get(self, args, user_ref):
        """Whom this user follows, most recent first, with `since`"""
        user = get_user_or_404(user_ref)
        return (
            select(Follow)
            .where(Follow.follower_id == user.id)
            .options(joinedload(Follow.followed).undefer_group("counts"))
            .order_by(Follow.timestamp.desc(), Follow.followed_id.desc())
        )


@blp.route("/users/<user_ref>/follow")
class FollowUser(MethodView):
    @authenticated(permission=Permission.FOLLOW)
    @blp.response(204)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")  # yourself
    def post(self, user_ref):
        """Follow a user (idempotent)"""
        from ..services.follows import follow

        follow(current_user(), get_user_or_404(user_ref))

    @authenticated(permission=Permission.FOLLOW)
    @blp.response(204)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")  # yourself
    def delete(self, user_ref):
        """Unfollow a user (idempotent)"""
        from ..services.follows import unfollow

        unfollow(current_user(), get_user_or_404(user_ref))
