"""Roles and their permission bits."""

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from ..auth import authenticated
from ..extensions import db
from ..models import Permission, Role
from ..schemas.users import RoleSchema

blp = Blueprint("roles", __name__, description="Roles")


@blp.route("/roles")
class Roles(MethodView):
    @authenticated(permission=Permission.ADMIN)
    @blp.response(200, RoleSchema(many=True))
    def get(self):
        """Every role with its permission bits (FOLLOW=1 COMMENT=2 WRITE=4 MODERATE=8 ADMIN=16)"""
        return db.session.scalars(select(Role).order_by(Role.permissions)).all()
