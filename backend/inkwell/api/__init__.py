"""The HTTP and Socket.IO entry points: parse, authorise, call one service, dump one schema.

One blueprint per resource, registered on the one flask-smorest Api below; `sockets` holds
the Socket.IO connection handlers (the socket's way in, as views are HTTP's).
"""

from . import (
    bookmarks,
    comments,
    email_links,
    likes,
    markdown,
    me,
    media,
    messages,
    meta,
    notifications,
    posts,
    roles,
    search,
    sockets,
    tags,
    tasks,
    tokens,
    translate,
    users,
)
from .errors import InkwellApi
from .guards import register_request_guards
from .security import init_jwt

api = InkwellApi()
RESOURCES = (meta, tokens, email_links, me, users, roles, posts, likes, bookmarks)
RESOURCES += (comments, markdown, messages, notifications, tasks, search, translate, media)
RESOURCES += (tags,)


def init_api(app, socketio, spec_kwargs):
    api.init_app(app, spec_kwargs=spec_kwargs)
    register_request_guards(app)
    init_jwt()
    for module in RESOURCES:
        api.register_blueprint(module.blp, url_prefix="/api")
    app.register_blueprint(media.files)  # /media/<name>: the files, in embedded mode
    sockets.register_socket_handlers(socketio)
