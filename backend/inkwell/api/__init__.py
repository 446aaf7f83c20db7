"""The JSON API: one blueprint per resource, registered on the flask-smorest Api."""


def register_blueprints(api):
    from . import auth, comments, markdown, me, meta, posts, roles, tokens, users

    for module in (meta, tokens, auth, me, users, roles, posts, comments, markdown):
        api.register_blueprint(module.blp, url_prefix="/api")
