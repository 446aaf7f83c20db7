"""Liveness and readiness."""

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import text

from ..extensions import db
from ..schemas.common import BaseSchema
from .errors import json_error

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
        from ..services.redis import redis_status

        try:
            db.session.execute(text("SELECT 1"))
        except Exception:
            db.session.rollback()
            json_error(503, "The database is unavailable.")
        redis = redis_status()
        if redis == "down":
            json_error(503, "Redis is unavailable.")
        return {"status": "ok", "database": "ok", "redis": redis}
