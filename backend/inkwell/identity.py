"""Who is making the current request.

Set once per request by the API's authentication (api/security.py) and by the Socket.IO
connect handler; read by whatever renders for that person: schemas hide private fields
from others, the locale follows the profile, rate limits count per user.
"""

from flask import g


def current_user():
    return g.get("auth_user")


def current_session():
    return g.get("auth_session")


def set_identity(user, session):
    g.auth_user = user
    g.auth_session = session
