"""Configuration classes, read from the environment (and an optional .env file)."""

import os
from datetime import timedelta
from pathlib import Path

from dotenv import load_dotenv

BACKEND_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BACKEND_DIR.parent
load_dotenv(REPO_DIR / ".env")


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-key-change-me-in-production")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{BACKEND_DIR / 'instance' / 'inkwell.db'}"
    )
    SQLALCHEMY_RECORD_QUERIES = False
    # A connection that died with the database (restart, failover) is replaced at checkout
    # rather than failing the next request; create_app adds a connect timeout for PostgreSQL.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SLOW_QUERY_SECONDS = float(os.environ.get("SLOW_QUERY_SECONDS", "0.5"))
    REDIS_URL = os.environ.get("REDIS_URL", "")

    # JSON Web Tokens: access tokens in the Authorization header, the refresh token
    # in an httpOnly cookie scoped to /api/tokens (SameSite=Strict guards it from CSRF).
    JWT_SECRET_KEY = os.environ.get("JWT_SECRET_KEY") or SECRET_KEY
    JWT_ACCESS_TOKEN_EXPIRES = timedelta(minutes=15)
    JWT_REFRESH_TOKEN_EXPIRES = timedelta(days=30)
    JWT_TOKEN_LOCATION = ["headers", "cookies"]
    JWT_REFRESH_COOKIE_NAME = "inkwell_refresh"
    JWT_REFRESH_COOKIE_PATH = "/api/tokens"
    JWT_COOKIE_SAMESITE = "Strict"
    JWT_COOKIE_SECURE = env_bool("COOKIE_SECURE", False)
    JWT_COOKIE_CSRF_PROTECT = False
    JWT_SESSION_COOKIE = True

    CONFIRM_TOKEN_SECONDS = 3600
    RESET_TOKEN_SECONDS = 15 * 60
    EMAIL_CHANGE_TOKEN_SECONDS = 3600

    FRONTEND_URL = os.environ.get("FRONTEND_URL", "http://127.0.0.1:5000").rstrip("/")
    INKWELL_ADMIN_EMAIL = (os.environ.get("INKWELL_ADMIN_EMAIL") or "").lower() or None
    AVATAR_PROVIDER = os.environ.get("AVATAR_PROVIDER", "identicon")

    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = env_int("MAIL_PORT", 25)
    MAIL_USE_TLS = env_bool("MAIL_USE_TLS")
    MAIL_USE_SSL = env_bool("MAIL_USE_SSL")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "Inkwell <no-reply@inkwell.local>")
    MAIL_DEFAULT_SENDER = MAIL_SENDER
    MAIL_SUBJECT_PREFIX = os.environ.get("MAIL_SUBJECT_PREFIX", "[Inkwell]")
    MAIL_OUTBOX_DIR = os.environ.get("MAIL_OUTBOX_DIR", str(BACKEND_DIR / "instance" / "outbox"))
    # Background jobs: "rq" on Redis (the stack), "thread" (embedded mode), "eager" (unit tests).
    TASK_RUNNER = os.environ.get("TASK_RUNNER") or (
        "rq" if os.environ.get("REDIS_URL") else "thread"
    )
    RQ_QUEUE = os.environ.get("RQ_QUEUE", "inkwell")
    # Longer than the job timeout (600 s): an older queued/running task lost its job.
    STALE_TASK_SECONDS = 900
    EXPORT_DIR = os.environ.get("EXPORT_DIR", str(BACKEND_DIR / "instance" / "exports"))
    SOCKETIO_ASYNC_MODE = os.environ.get("SOCKETIO_ASYNC_MODE", "eventlet")
    # Flask-SocketIO's own default; every emitter must use the same one or pushes vanish.
    SOCKETIO_CHANNEL = os.environ.get("SOCKETIO_CHANNEL", "flask-socketio")
    # "polling,websocket" (the default: long-polling first, then upgrade; needs sticky
    # sessions across workers) or "websocket" (no stickiness needed; the SPA asks
    # /api/client-config which to use).
    SOCKETIO_TRANSPORTS = [
        t.strip()
        for t in os.environ.get("SOCKETIO_TRANSPORTS", "polling,websocket").split(",")
        if t.strip()
    ]
    ERROR_EMAILS = False

    LOG_FILE = os.environ.get("LOG_FILE") or None
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")

    MAX_CONTENT_LENGTH = 1024 * 1024
    CORS_ORIGINS = [o for o in os.environ.get("CORS_ORIGINS", "").split(",") if o]

    RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = (
        os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get("REDIS_URL") or "memory://"
    )
    # While Redis is down, limits are counted in memory rather than failing requests.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    # Requests already in flight on Redis when it dies raise before the fallback takes over:
    # a 500 for a message that may have been stored (the chaos run saw both). Let them pass.
    RATELIMIT_SWALLOW_ERRORS = True
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_TOKENS = os.environ.get("RATELIMIT_TOKENS", "10/minute")
    RATELIMIT_REGISTER = os.environ.get("RATELIMIT_REGISTER", "5/hour")
    RATELIMIT_RESET = os.environ.get("RATELIMIT_RESET", "5/hour")
    RATELIMIT_MESSAGES = os.environ.get("RATELIMIT_MESSAGES", "30/minute")
    RATELIMIT_POSTS = os.environ.get("RATELIMIT_POSTS", "30/minute")
    RATELIMIT_TRANSLATE = os.environ.get("RATELIMIT_TRANSLATE", "30/minute")
    # Pictures (posts and avatars share it): each is decoded and re-encoded, seconds of CPU.
    RATELIMIT_UPLOADS = os.environ.get("RATELIMIT_UPLOADS", "60/hour")

    LANGUAGES = ["en", "es"]
    BABEL_DEFAULT_LOCALE = "en"
    # A LibreTranslate-compatible server; unset = no "Translate" (POST /api/translate is 503).
    TRANSLATE_URL = os.environ.get("TRANSLATE_URL") or None
    TRANSLATE_API_KEY = os.environ.get("TRANSLATE_API_KEY") or None
    TRANSLATE_TIMEOUT = float(os.environ.get("TRANSLATE_TIMEOUT", "10"))

    API_TITLE = "Inkwell API"
    API_VERSION = "1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = "docs"
    OPENAPI_SWAGGER_UI_URL = "/api/docs/assets/"
    # No request to swagger.io's validator: the docs page talks to this server only.
    OPENAPI_SWAGGER_UI_CONFIG = {"validatorUrl": None}

    # Pictures (SPEC §9): stored on disk under MEDIA_DIR (served at /media/ by nginx, or by
    # Flask in embedded mode) or in an S3 bucket (MEDIA_STORAGE=s3) read by browsers at
    # MEDIA_PUBLIC_URL. Credentials: MEDIA_S3_ACCESS_KEY_ID/MEDIA_S3_SECRET_ACCESS_KEY, else
    # boto3's own chain (AWS_ACCESS_KEY_ID..., an instance role).
    MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local")
    MEDIA_DIR = os.environ.get("MEDIA_DIR", str(BACKEND_DIR / "instance" / "media"))
    MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET") or None
    MEDIA_S3_ENDPOINT = os.environ.get("MEDIA_S3_ENDPOINT") or None
    MEDIA_S3_REGION = os.environ.get("MEDIA_S3_REGION") or None
    MEDIA_S3_ACCESS_KEY_ID = os.environ.get("MEDIA_S3_ACCESS_KEY_ID") or None
    MEDIA_S3_SECRET_ACCESS_KEY = os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None
    MEDIA_PUBLIC_URL = (os.environ.get("MEDIA_PUBLIC_URL") or "").rstrip("/") or None
    MEDIA_MAX_BYTES = env_int("MEDIA_MAX_BYTES", 10 * 1024 * 1024)
    MEDIA_MAX_PIXELS = env_int("MEDIA_MAX_PIXELS", 40_000_000)
    MEDIA_QUOTA_MB = env_int("MEDIA_QUOTA_MB", 500)
    # Uploads not attached to a post within this time are deleted (`flask media cleanup`).
    MEDIA_UNATTACHED_HOURS = env_int("MEDIA_UNATTACHED_HOURS", 24)

    FRONTEND_DIST = os.environ.get("FRONTEND_DIST", str(REPO_DIR / "frontend" / "dist"))
    PER_PAGE_DEFAULT = 25
    PER_PAGE_MAX = 100


class DevelopmentConfig(Config):
    """The default (`make dev`, `make stack`). Flask's DEBUG stays off here as everywhere: the
    API answers errors with its JSON body, never Werkzeug's HTML debugger."""


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-secret-key-not-for-production-use"
    JWT_SECRET_KEY = SECRET_KEY
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    TASK_RUNNER = "eager"
    MAIL_SERVER = None
    # Flask-Mail would swallow mail under TESTING; the suite reads it from a real SMTP server.
    MAIL_SUPPRESS_SEND = False
    INKWELL_ADMIN_EMAIL = "admin@example.com"
    FRONTEND_URL = "http://inkwell.test"
    # Production values are proved by dedicated tests; the rest of the suite must not trip them.
    RATELIMIT_TOKENS = "10000/minute"
    RATELIMIT_REGISTER = "10000/hour"
    RATELIMIT_RESET = "10000/hour"
    RATELIMIT_MESSAGES = "10000/minute"
    RATELIMIT_POSTS = "10000/minute"
    RATELIMIT_TRANSLATE = "10000/minute"
    RATELIMIT_UPLOADS = "10000/minute"
    RATELIMIT_STORAGE_URI = "memory://"
    SOCKETIO_ASYNC_MODE = "threading"
    REDIS_URL = ""
    # Tests that translate start their own provider; the environment's must not leak in.
    TRANSLATE_URL = None
    # Local files (the suite's app puts MEDIA_DIR in a temporary folder); the media tests
    # switch to S3 on a server of their own.
    MEDIA_STORAGE = "local"
    MEDIA_PUBLIC_URL = None


class ProductionConfig(Config):
    ERROR_EMAILS = True


configs = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_from_env():
    return configs[os.environ.get("INKWELL_CONFIG", "development")]
