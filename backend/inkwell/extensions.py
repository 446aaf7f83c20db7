"""Extensions, created once and bound to the app in the factory."""

from flask_babel import Babel
from flask_cors import CORS
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_mail import Mail
from flask_migrate import Migrate
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData

from .api.errors import InkwellApi
from .ratelimits import client_ip

# Named constraints keep migrations reversible (SQLite batch mode needs names to drop them).
naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Objects stay loaded after commit: views serialise what they just wrote without reloading.
db = SQLAlchemy(
    metadata=MetaData(naming_convention=naming_convention),
    session_options={"expire_on_commit": False},
)
migrate = Migrate(render_as_batch=True, compare_type=True)
jwt = JWTManager()
api = InkwellApi()
mail = Mail()
cors = CORS()
babel = Babel()
limiter = Limiter(key_func=client_ip)
socketio = SocketIO()
