"""Inkwell: a social blogging platform (Flask JSON API + static SPA + Socket.IO)."""

from pathlib import Path

import swagger_ui_bundle
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask, request, send_from_directory
from sqlalchemy import event
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.middleware.proxy_fix import ProxyFix

from .api import init_api
from .api.openapi import ErrorResponsesPlugin
from .cli import register_cli
from .config import config_from_env
from .extensions import babel, cors, db, jwt, limiter, mail, migrate, redis_store
from .identity import current_user
from .logs import configure_logging, install_slow_query_log
from .realtime import init_realtime
from .transactions import install_autocommit_reads


def create_app(config_class=None, **overrides):
    app = Flask(
        __name__,
        static_folder=None,
        instance_path=str(Path(__file__).resolve().parent.parent / "instance"),
    )
    app.config.from_object(config_class or config_from_env())
    app.config.update(overrides)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(app.config)
    app.json.sort_keys = False
    # nginx is the one trusted hop in front of the workers.
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    configure_logging(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).resolve().parent.parent / "migrations"))
    mail.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    redis_store.init_app(app)
    if app.config["CORS_ORIGINS"]:
        cors.init_app(
            app,
            resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}},
            supports_credentials=True,
        )
    jwt.init_app(app)
    socketio = init_realtime(app)
    init_api(
        app,
        socketio,
        spec_kwargs={
            "components": {"securitySchemes": SECURITY_SCHEMES},
            "marshmallow_plugin": MarshmallowPlugin(schema_name_resolver=schema_name),
            "extra_plugins": [ErrorResponsesPlugin()],
        },
    )
    register_static_routes(app)

    with app.app_context():
        install_slow_query_log(app, db.engine)
        enable_sqlite_foreign_keys(db.engine)
        if db.engine.dialect.name == "postgresql":
            install_autocommit_reads(app)

    register_cli(app)
    return app


CATCH_ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
SECURITY_SCHEMES = {
    "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
    "refreshCookie": {"type": "apiKey", "in": "cookie", "name": "inkwell_refresh"},
}


def schema_name(schema):
    """OpenAPI component names: PostSchema -> Post, PostSchema(partial=True) -> PostUpdate."""
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__.removesuffix("Schema")
    if not isinstance(schema, type) and schema.partial:
        name += "Update"
    return name


def select_locale():
    user = current_user()
    if user is not None and user.locale:
        return user.locale
    return request.accept_languages.best_match(["en", "es"]) or "en"


def engine_options(config):
    """The engine options, with a connect timeout for PostgreSQL: an unreachable server (not
    one refusing connections) would otherwise hold every request for the OS's TCP timeout
    instead of answering 503 within seconds."""
    options = dict(config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if str(config["SQLALCHEMY_DATABASE_URI"]).startswith("postgresql"):
        connect_args = dict(options.get("connect_args") or {})
        connect_args.setdefault("connect_timeout", 5)
        options["connect_args"] = connect_args
    return options


# /api/ready checks the database itself and says so in its own 503: connecting here first
# would turn that into the generic "database unavailable" answer.
def enable_sqlite_foreign_keys(engine):
    """SQLite enforces ON DELETE CASCADE only when asked, per connection."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def set_pragma(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def register_static_routes(app):
    """Swagger UI assets for /api/docs, and the built SPA (embedded mode) with history fallback."""

    @app.get("/api/docs/assets/<path:filename>")
    def docs_assets(filename):
        return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename)

    @app.route("/api/", defaults={"path": ""}, methods=CATCH_ALL_METHODS)
    @app.route("/api/<path:path>", methods=CATCH_ALL_METHODS)
    def api_not_found(path):
        # Reached when no API rule matched the method; tell 404 from 405 like Flask would.
        adapter = app.url_map.bind_to_environ(request.environ)
        allowed = set()
        for method in CATCH_ALL_METHODS:
            try:
                endpoint, _ = adapter.match(request.path, method=method)
            except HTTPException:
                continue
            if endpoint not in ("api_not_found", "spa"):
                allowed.add(method)
        if allowed:
            raise MethodNotAllowed(valid_methods=sorted(allowed | {"OPTIONS"}))
        raise NotFound("No such API endpoint.")

    dist = Path(app.config["FRONTEND_DIST"])

    @app.get("/", defaults={"path": ""})
    @app.get("/<path:path>")
    def spa(path):
        if path.startswith("api/"):
            raise NotFound("No such API endpoint.")
        if path and (dist / path).is_file():
            response = send_from_directory(dist, path)
            if path.startswith("assets/"):
                response.cache_control.max_age = 31536000
                response.cache_control.immutable = True
            return response
        if not (dist / "index.html").is_file():
            raise NotFound("The single-page app is not built (run `make dev`).")
        return send_from_directory(dist, "index.html", max_age=0)
