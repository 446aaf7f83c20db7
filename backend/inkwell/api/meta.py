"""Liveness and readiness."""

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint

from ..schemas.common import BaseSchema
from ..services.health import readiness

blp = Blueprint("meta", __name__, description="Health checks")


class HealthSchema(BaseSchema):
    status = ma.fields.String()
    database = ma.fields.String()
    redis = ma.fields.String()


@blp.route("/health")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    def get(self):
        """The process answers"""
        return {"status": "ok"}


@blp.route("/ready")
class Ready(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, response="SERVICE_UNAVAILABLE")
    def get(self):
        """The database (and Redis, when configured) answer"""
        return readiness()
