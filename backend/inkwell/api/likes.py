"""Likes: liking a post, taking the like back, and who likes a post.

Not rate limited: a like is idempotent and its author hears of it at most once while that
news is unread (services/likes.py), so repeating it buys nothing; follows are not limited
either.
"""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..identity import current_user
from ..models import Like
from ..schemas.common import MAX_ID
from ..schemas.users import LikerSchema
from ..services import likes
from .pagination import paginated
from .security import authenticated

blp = Blueprint("likes", __name__, description="Likes of posts")


@blp.route(f"/posts/<int(max={MAX_ID}):post_id>/like")
class PostLike(MethodView):
    @authenticated()  # a public act that notifies the author: a confirmed account
    @blp.response(204)
    def post(self, post_id):
        """Like a post (idempotent); its author is told (not of their own like)"""
        likes.like(current_user(), post_id)

    @authenticated()
    @blp.response(204)
    def delete(self, post_id):
        """Take your like back (idempotent)"""
        likes.unlike(current_user(), post_id)


@blp.route(f"/posts/<int(max={MAX_ID}):post_id>/likes")
class PostLikes(MethodView):
    @authenticated(optional=True, confirmed=False)  # open to all; self/admin see emails
    @paginated(blp, LikerSchema, cursor=Like.id, transform=likes.likes_to_users)
    def get(self, args, post_id):
        """Who likes a post, most recent first, each with `liked_at`"""
        return likes.likes_of(post_id)
