"""Live translation of user content (posts are shown in the language they were written in)."""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..extensions import limiter
from ..schemas.search import TranslateSchema, TranslationSchema
from ..services import translation
from .ratelimits import current_user_key, limit_value
from .security import authenticated

blp = Blueprint("translate", __name__, description="Machine translation")


@blp.route("/translate")
class Translate(MethodView):
    @authenticated(confirmed=False)  # reading aid: unconfirmed accounts read too
    # Every call costs a request to a third-party service: a budget per user.
    @limiter.limit(limit_value("TRANSLATE"), key_func=current_user_key)
    @blp.arguments(TranslateSchema)
    @blp.response(200, TranslationSchema)
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    @blp.alt_response(503, description="No translation service is configured")
    @blp.alt_response(502, description="The translation service failed")
    @blp.alt_response(504, description="The translation service timed out")
    def post(self, args):
        """Translate a text (`source_language` '' lets the service detect it)"""
        text = translation.translate(args["text"], args["source_language"], args["dest_language"])
        return {"text": text}
