"""Markdown preview with the same renderer and sanitiser as stored posts."""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..schemas.content import HtmlSchema, MarkdownSchema
from ..services.markdown import render
from .security import authenticated

blp = Blueprint("markdown", __name__, description="Markdown preview")


@blp.route("/markdown")
class Markdown(MethodView):
    @authenticated(confirmed=False)
    @blp.arguments(MarkdownSchema)
    @blp.response(200, HtmlSchema)
    def post(self, args):
        """Render Markdown exactly as a post or comment would be stored"""
        return {"html": render(args["body"], args["kind"])}
