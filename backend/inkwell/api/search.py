"""Full-text search over posts and users."""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..identity import current_user
from ..schemas.search import SearchArgsSchema, SearchResultSchema
from ..services import search
from .pagination import paginated
from .security import authenticated

blp = Blueprint("search", __name__, description="Full-text search")


@blp.route("/search")
class Search(MethodView):
    # Open to all; self/admin see emails, a signed-in reader their likes and bookmarks.
    @authenticated(optional=True, confirmed=False)
    @paginated(blp, SearchResultSchema, args_schema=SearchArgsSchema, transform=search.results)
    def get(self, args):
        """Posts (`type=posts`, stemmed) or users (`type=users`, by prefix), best match first,
        each with a highlighted excerpt"""
        return search.search(args["q"], args["type"], current_user())
