"""Users: registration, profiles, avatars, follows and per-user lists."""

from flask import Response, current_app, redirect, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from ..extensions import limiter
from ..identity import current_user
from ..models import Permission, Post
from ..schemas.common import PaginationArgsSchema
from ..schemas.content import PostSchema
from ..schemas.users import (
    AdminUserUpdateSchema,
    AvatarArgsSchema,
    FollowUserSchema,
    RegisterSchema,
    UserSchema,
    UserSearchArgsSchema,
)
from ..services import accounts, follows, users
from ..services.avatars import identicon_svg
from .pagination import paginated
from .ratelimits import limit_value, registration_created
from .security import authenticated

blp = Blueprint("users", __name__, description="Users, profiles and follows")


class UserListArgsSchema(PaginationArgsSchema, UserSearchArgsSchema):
    pass


@blp.route("/users")
class Users(MethodView):
    @limiter.limit(limit_value("REGISTER"), methods=["POST"], deduct_when=registration_created)
    @blp.arguments(RegisterSchema)
    @blp.response(201, UserSchema)
    @blp.alt_response(409, response="CONFLICT")
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    def post(self, args):
        """Register; a confirmation email is sent"""
        user = accounts.register(args["username"], args["email"], args["password"])
        location = url_for("users.UserById", user_ref=user.id)
        return users.with_counts(user), 201, {"Location": location}

    @authenticated(optional=True, confirmed=False)  # reading is open to unconfirmed accounts
    @paginated(blp, UserSchema, args_schema=UserListArgsSchema)
    def get(self, args):
        """Users, alphabetically; `q` filters by username prefix"""
        return users.users_by_name(args.get("q"))


@blp.route("/users/<user_ref>")
class UserById(MethodView):
    @authenticated(optional=True, confirmed=False)  # reading is open to unconfirmed accounts
    @blp.response(200, UserSchema)
    def get(self, user_ref):
        """A profile by id or username, with counts and your relationship to it"""
        return users.profile(user_ref, current_user())

    @authenticated(permission=Permission.ADMIN)
    @blp.arguments(AdminUserUpdateSchema)
    @blp.response(200, UserSchema)
    @blp.alt_response(409, response="CONFLICT")
    def patch(self, changes, user_ref):
        """Administrators edit any account, including its role"""
        return accounts.update_profile(users.get_user(user_ref, with_counts=True), changes)


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
        user, size = users.get_user(user_ref), args["size"]
        if current_app.config["AVATAR_PROVIDER"] == "gravatar":
            return redirect(user.gravatar_url(size))
        etag = f"{user.avatar_hash}-{size}"
        if request.if_none_match.contains(etag):
            response = Response(status=304)
        else:
            svg = identicon_svg(user.avatar_hash or "", size)
            response = Response(svg, mimetype="image/svg+xml")
        response.set_etag(etag)
        response.cache_control.public = True
        response.cache_control.max_age = 86400
        return response


@blp.route("/users/<user_ref>/posts")
class UserPosts(MethodView):
    @authenticated(optional=True, confirmed=False)  # signed in: your likes and bookmarks
    @paginated(blp, PostSchema, cursor=Post.id)
    def get(self, args, user_ref):
        """A user's posts, newest first"""
        return users.posts_of(user_ref, current_user())


@blp.route("/users/<user_ref>/followers")
class Followers(MethodView):
    @paginated(blp, FollowUserSchema, transform=users.follows_to_users("follower"))
    def get(self, args, user_ref):
        """Who follows this user, most recent first, with `since`"""
        return users.followers_of(user_ref)


@blp.route("/users/<user_ref>/following")
class Following(MethodView):
    @paginated(blp, FollowUserSchema, transform=users.follows_to_users("followed"))
    def get(self, args, user_ref):
        """Whom this user follows, most recent first, with `since`"""
        return users.followed_by(user_ref)


@blp.route("/users/<user_ref>/follow")
class FollowUser(MethodView):
    @authenticated(permission=Permission.FOLLOW)
    @blp.response(204)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")  # yourself
    def post(self, user_ref):
        """Follow a user (idempotent)"""
        follows.follow(current_user(), users.get_user(user_ref))

    @authenticated(permission=Permission.FOLLOW)
    @blp.response(204)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")  # yourself
    def delete(self, user_ref):
        """Unfollow a user (idempotent)"""
        follows.unfollow(current_user(), users.get_user(user_ref))
