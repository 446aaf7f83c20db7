"""Comments and their moderation."""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..models import Comment, Permission
from ..schemas.common import MAX_ID
from ..schemas.content import CommentSchema, ModerationSchema
from ..services import posts
from .pagination import paginated
from .security import authenticated

blp = Blueprint("comments", __name__, description="Comments and moderation")


@blp.route("/comments")
class Comments(MethodView):
    @authenticated(permission=Permission.MODERATE, confirmed=False)
    @paginated(blp, CommentSchema, cursor=Comment.id)
    def get(self, args):
        """Every comment, newest first, for moderators"""
        return posts.all_comments()


@blp.route(f"/comments/<int(max={MAX_ID}):comment_id>")
class CommentById(MethodView):
    @authenticated(optional=True, confirmed=False)  # reading is open to unconfirmed accounts
    @blp.response(200, CommentSchema)
    def get(self, comment_id):
        """One comment (its body hidden when disabled, except from moderators)"""
        return posts.get_comment(comment_id)

    @authenticated(permission=Permission.MODERATE)
    @blp.arguments(ModerationSchema)
    @blp.response(200, CommentSchema)
    def patch(self, args, comment_id):
        """Disable or re-enable a comment"""
        return posts.moderate_comment(comment_id, args["disabled"])
