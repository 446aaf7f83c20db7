"""Hashtags: a tag's posts, trending tags, and following tags into the feed."""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..identity import current_user
from ..models import Permission, Post
from ..schemas.content import PostSchema
from ..schemas.tags import TagSchema, TrendingSchema
from ..services import posts, tags
from .pagination import paginated
from .security import authenticated

blp = Blueprint("tags", __name__, description="Hashtags: tag pages, trending, following")


@blp.route("/tags/trending")
class Trending(MethodView):
    @blp.response(200, TrendingSchema)
    def get(self):
        """The 10 tags most authors used in the last 24 hours"""
        return {"items": tags.trending()}


@blp.route("/tags/<tag>/posts")
class TagPosts(MethodView):
    @authenticated(optional=True, confirmed=False)  # reading is open to unconfirmed accounts
    @paginated(blp, PostSchema, cursor=Post.id)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")  # not a tag
    def get(self, args, tag):
        """Posts carrying a tag (case-insensitive, without the #), newest first"""
        return posts.tagged(tag, current_user())


@blp.route("/tags/<tag>/follow")
class FollowTag(MethodView):
    @authenticated(permission=Permission.FOLLOW)
    @blp.response(204)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")  # not a tag
    def post(self, tag):
        """Follow a tag: its posts join your feed (idempotent)"""
        tags.follow_tag(current_user(), tag)

    @authenticated(permission=Permission.FOLLOW)
    @blp.response(204)
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")  # not a tag
    def delete(self, tag):
        """Stop following a tag (idempotent)"""
        tags.unfollow_tag(current_user(), tag)


@blp.route("/me/tags")
class MyTags(MethodView):
    @authenticated(confirmed=False)
    @paginated(blp, TagSchema)
    def get(self, args):
        """The tags you follow, alphabetically"""
        return tags.followed_tags(current_user())
