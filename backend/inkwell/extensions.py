"""Extensions, created once and bound to the app in the factory.

This module imports nothing of Inkwell's: it is the bottom layer every other one may use.
Flask-SocketIO is the exception that is made per app (realtime.init_realtime): its object
holds one server, and two apps in a process (the tests build several) must not share it.
"""

import redis
from flask import current_app
from flask_babel import Babel
from flask_cors import CORS
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_mail import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData

# Named constraints keep migrations reversible (SQLite batch mode needs names to drop them).
naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class RedisConnections:
    """The app's Redis clients for REDIS_URL (None without one), kept in app.extensions.

    Two kinds: requests must fail fast while Redis is down (2 s socket timeout); the RQ
    worker blocks on BLPOP by design (no socket timeout).
    """

    KEY = "inkwell.redis"

    def init_app(self, app):
        app.extensions[self.KEY] = {}

    def client(self, blocking=False):
        url = current_app.config["REDIS_URL"]
        if not url:
            return None
        clients = current_app.extensions[self.KEY]
        if blocking not in clients:
            clients[blocking] = redis.Redis.from_url(
                url, socket_connect_timeout=1, socket_timeout=None if blocking else 2
            )
        return clients[blocking]


# Objects stay loaded after commit: views serialise what they just wrote without reloading.
db = SQLAlchemy(
    metadata=MetaData(naming_convention=naming_convention),
    session_options={"expire_on_commit": False},
)
migrate = Migrate(render_as_batch=True, compare_type=True)
jwt = JWTManager()
mail = Mail()
cors = CORS()
babel = Babel()
# ProxyFix (one trusted hop) has already replaced remote_addr with the client's address.
limiter = Limiter(key_func=get_remote_address)
redis_store = RedisConnections()
