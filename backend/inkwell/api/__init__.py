"""The JSON API: one blueprint per resource, registered on the flask-smorest Api."""


def register_blueprints(api):
    from . import (
        auth,
        comments,
        markdown,
        me,
        messages,
        meta,
        notifications,
        posts,
        roles,
        search,
        tasks,
        tokens,
        translate,
        users,
    )

    modules = (meta, tokens, auth, me, users, roles, posts, comments, markdown)
    modules += (messages, notifications, tasks, search, translate)
    for module in modules:
        api.register_blueprint(module.blp, url_prefix="/api")
