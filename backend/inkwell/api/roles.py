"""Roles and their permission bits."""

from flask.views import MethodView
from flask_smorest import Blueprint

from ..models import Permission
from ..schemas.users import RoleSchema
from ..services import users
from .security import authenticated

blp = Blueprint("roles", __name__, description="Roles")


@blp.route("/roles")
class Roles(MethodView):
    @authenticated(permission=Permission.ADMIN)
    @blp.response(200, RoleSchema(many=True))
    def get(self):
        """Every role with its permission bits (FOLLOW=1 COMMENT=2 WRITE=4 MODERATE=8 ADMIN=16)"""
        return users.roles()
