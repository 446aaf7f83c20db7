"""Posts: explore, feed, permalinks, and their comments."""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..extensions import limiter
from ..identity import current_user
from ..models import Permission, Post
from ..schemas.common import MAX_ID
from ..schemas.content import CommentSchema, PostSchema
from ..services import posts
from .pagination import paginated
from .ratelimits import current_user_key, limit_value
from .security import authenticated

blp = Blueprint("posts", __name__, description="Posts and their comments")


@blp.route("/posts")
class Posts(MethodView):
    @authenticated(optional=True, confirmed=False)  # signed in: your likes and bookmarks
    @paginated(blp, PostSchema, cursor=Post.id)
    def get(self, args):
        """Explore: every post, newest first"""
        return posts.explore(current_user())

    @authenticated(permission=Permission.WRITE)
    @limiter.limit(limit_value("POSTS"), key_func=current_user_key)
    @blp.arguments(PostSchema)
    @blp.response(201, PostSchema)
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    def post(self, args):
        """Write a post (Markdown)"""
        post = posts.create_post(
            current_user(), args["body"], args.get("media_ids", ()), args.get("content_warning")
        )
        return post, 201, {"Location": f"/api/posts/{post.id}"}


@blp.route("/feed")
class Feed(MethodView):
    @authenticated(confirmed=False)
    @paginated(blp, PostSchema, cursor=Post.id)
    def get(self, args):
        """Your posts and those of the people you follow, newest first"""
        return posts.feed(current_user())


@blp.route(f"/posts/<int(max={MAX_ID}):post_id>")
class PostById(MethodView):
    @authenticated(optional=True, confirmed=False)  # signed in: your like and bookmark
    @blp.response(200, PostSchema)
    def get(self, post_id):
        """One post"""
        return posts.get_post(post_id, current_user())

    @authenticated()
    @blp.arguments(PostSchema(partial=True))
    @blp.response(200, PostSchema)
    def patch(self, args, post_id):
        """Edit a post's body, pictures or content warning (its author or an administrator)"""
        return posts.edit_post(current_user(), post_id, args)

    @authenticated()
    @blp.response(204)
    def delete(self, post_id):
        """Delete a post and its comments (its author or an administrator)"""
        posts.delete_post(current_user(), post_id)


@blp.route(f"/posts/<int(max={MAX_ID}):post_id>/comments")
class PostComments(MethodView):
    @authenticated(optional=True, confirmed=False)  # reading is open to unconfirmed accounts
    @paginated(blp, CommentSchema)
    def get(self, args, post_id):
        """A post's comments, oldest first"""
        return posts.comments_of(post_id)

    @authenticated(permission=Permission.COMMENT)
    @blp.arguments(CommentSchema)
    @blp.response(201, CommentSchema)
    def post(self, args, post_id):
        """Comment on a post (Markdown, inline formatting only)"""
        comment = posts.comment_on(current_user(), post_id, args["body"])
        return comment, 201, {"Location": f"/api/comments/{comment.id}"}
