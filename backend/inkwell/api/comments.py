"""Comments and their moderation."""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..auth import authenticated
from ..extensions import db
from ..models import Comment, Permission
from ..schemas.common import MAX_ID
from ..schemas.content import CommentSchema, ModerationSchema
from ..services.posts import comment_query
from .errors import json_error
from .pagination import paginated

blp = Blueprint("comments", __name__, description="Comments and moderation")


def get_comment_or_404(comment_id):
    comment = db.session.scalar(comment_query().where(Comment.id == comment_id))
    if comment is None:
        json_error(404, "Comment not found.")
    return comment


@blp.route("/comments")
class Comments(MethodView):
    @authenticated(permission=Permission.MODERATE, confirmed=False)
    @paginated(blp, CommentSchema, cursor=Comment.id)
    def get(self, args):
        """Every comment, newest first, for moderators"""
        return comment_query().order_by(Comment.id.desc())


@blp.route(f"/comments/<int(max={MAX_ID}):comment_id>")
class CommentById(MethodView):
    @authenticated(optional=True, confirmed=False)  # reading is open to unconfirmed accounts
    @blp.response(200, CommentSchema)
    def get(self, comment_id):
        """One comment (its body hidden when disabled, except from moderators)"""
        return get_comment_or_404(comment_id)

    @authenticated(permission=Permission.MODERATE)
    @blp.arguments(ModerationSchema)
    @blp.response(200, CommentSchema)
    def patch(self, args, comment_id):
        """Disable or re-enable a comment"""
        comment = get_comment_or_404(comment_id)
        comment.disabled = args["disabled"]
        db.session.commit()
        return comment
