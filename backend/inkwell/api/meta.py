"""Liveness, readiness, and the settings the SPA reads before it connects."""

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint

from ..schemas.common import BaseSchema
from ..services.health import readiness
from ..services.instance import client_config

blp = Blueprint("meta", __name__, description="Health checks and client settings")


class HealthSchema(BaseSchema):
    status = ma.fields.String()
    database = ma.fields.String()
    redis = ma.fields.String()


class ClientConfigSchema(BaseSchema):
    socket_transports = ma.fields.List(
        ma.fields.String(),
        metadata={"description": 'Socket.IO transports, in order: ["polling", "websocket"] or'
                  ' ["websocket"] (a deployment without sticky sessions)'},
    )  # fmt: skip


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


@blp.route("/client-config")
class ClientConfig(MethodView):
    @blp.response(200, ClientConfigSchema)
    def get(self):
        """Settings the SPA needs before it connects (public, no database)"""
        return client_config()
