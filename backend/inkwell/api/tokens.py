"""Access tokens: log in, refresh (rotating), log out."""

from flask import after_this_request, current_app, request
from flask.views import MethodView
from flask_jwt_extended import get_jwt, set_refresh_cookies, unset_refresh_cookies
from flask_smorest import Blueprint

from ..extensions import limiter
from ..identity import current_session, current_user
from ..models import utcnow
from ..schemas.accounts import TokenRequestSchema, TokenSchema
from ..services import sessions
from ..services.notifications import annotate_counts
from .errors import json_error
from .ratelimits import limit_value
from .security import authenticated

blp = Blueprint("tokens", __name__, description="Access and refresh tokens")


def _token_response(user, tokens):
    """The access token in the body, the refresh token in its cookie."""
    access, refresh, session = tokens
    max_age = None
    if session.remember:
        max_age = int((session.expires_at - utcnow()).total_seconds())

    @after_this_request
    def set_cookie(response):
        set_refresh_cookies(response, refresh, max_age=max_age)
        if request.is_secure:
            secure_refresh_cookie(response)
        return response

    expires = current_app.config["JWT_ACCESS_TOKEN_EXPIRES"]
    return {
        "access_token": access,
        "expires_in": int(expires.total_seconds()),
        "user": annotate_counts(user),
    }


def secure_refresh_cookie(response):
    """Mark the refresh cookie Secure when the request came over https (nginx's
    X-Forwarded-Proto, trusted by ProxyFix), whatever COOKIE_SECURE says: a cookie set over
    https without it would be sent by the browser over plain http too."""
    name = current_app.config["JWT_REFRESH_COOKIE_NAME"]
    cookies = response.headers.getlist("Set-Cookie")
    response.headers.remove("Set-Cookie")
    for cookie in cookies:
        if cookie.startswith(f"{name}=") and "; secure" not in cookie.lower():
            cookie += "; Secure"
        response.headers.add("Set-Cookie", cookie)


def login_and_password(credentials):
    """From HTTP Basic, or else the JSON body (where both are required)."""
    basic = request.authorization
    if basic is not None and basic.type == "basic":
        return basic.username, basic.password
    login, password = credentials.get("login"), credentials.get("password")
    missing = {
        field: ["Missing data for required field."]
        for field, value in (("login", login), ("password", password))
        if not value
    }
    if missing:
        json_error(422, errors=missing)
    return login, password


@blp.route("/tokens")
class Tokens(MethodView):
    @limiter.limit(limit_value("TOKENS"))
    @blp.arguments(TokenRequestSchema(partial=True), required=False)
    @blp.response(200, TokenSchema)
    @blp.alt_response(401, response="UNAUTHORIZED")
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    def post(self, credentials):
        """Log in with {login, password} or HTTP Basic; sets the refresh cookie"""
        user = sessions.log_in(*login_and_password(credentials))
        remember = credentials.get("remember", False)
        return _token_response(user, sessions.issue_tokens(user, remember=remember))

    @authenticated(refresh=True, confirmed=False)
    @blp.response(200, TokenSchema)
    def put(self):
        """Exchange the refresh cookie for a new access token (rotates the cookie)"""
        user = current_user()
        return _token_response(
            user, sessions.refresh(current_session(), user, get_jwt().get("jti"))
        )

    @authenticated(confirmed=False)
    @blp.response(204)
    def delete(self):
        """Log out: revoke this session family and clear the cookie"""
        sessions.end_session(current_session())

        @after_this_request
        def clear_cookie(response):
            unset_refresh_cookies(response)
            return response
