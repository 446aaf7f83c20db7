"""Bookmarks: posts kept for later, private to whoever kept them.

Open to unconfirmed accounts: a bookmark is private, nobody else sees or hears of it, so
keeping one is like reading (SPEC §3 lets unconfirmed accounts read). Not rate limited: it
is idempotent and reaches nobody.
"""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..identity import current_user
from ..models import Bookmark
from ..schemas.common import MAX_ID
from ..schemas.content import PostSchema
from ..services import bookmarks
from .pagination import paginated
from .security import authenticated

blp = Blueprint("bookmarks", __name__, description="Bookmarked posts (private)")


@blp.route(f"/posts/<int(max={MAX_ID}):post_id>/bookmark")
class PostBookmark(MethodView):
    @authenticated(confirmed=False)
    @blp.response(204)
    def post(self, post_id):
        """Bookmark a post (idempotent); only you see your bookmarks"""
        bookmarks.bookmark(current_user(), post_id)

    @authenticated(confirmed=False)
    @blp.response(204)
    def delete(self, post_id):
        """Remove a bookmark (idempotent)"""
        bookmarks.unbookmark(current_user(), post_id)


@blp.route("/bookmarks")
class Bookmarks(MethodView):
    @authenticated(confirmed=False)
    @paginated(blp, PostSchema, cursor=Bookmark.id, transform=bookmarks.bookmarks_to_posts)
    def get(self, args):
        """Your bookmarked posts, the most recently bookmarked first"""
        return bookmarks.bookmarks_of(current_user())
