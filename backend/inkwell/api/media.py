"""Pictures: uploads for posts and their alt text; the files themselves in embedded mode."""

from flask import Blueprint as FlaskBlueprint
from flask import send_file
from flask.views import MethodView

from ..identity import current_user
from ..models import Permission
from ..schemas.common import MAX_ID
from ..schemas.media import MediaSchema, MediaUpdateSchema, MediaUploadSchema
from ..services import media
from .ratelimits import uploads_limit
from .security import authenticated
from .uploads import UploadBlueprint, accepts_upload

blp = UploadBlueprint("media", __name__, description="Pictures for posts")
# /media/<name> outside /api: nginx serves MEDIA_DIR there in the stack, Flask in embedded mode.
files = FlaskBlueprint("media_files", __name__)


@blp.route("/media")
class Uploads(MethodView):
    @accepts_upload
    @authenticated(permission=Permission.WRITE)
    @uploads_limit
    @blp.arguments(MediaUploadSchema, location="multipart")
    @blp.response(201, MediaSchema)
    @blp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")
    @blp.alt_response(429, response="TOO_MANY_REQUESTS")
    def post(self, args):
        """Upload a picture (JPEG, PNG, WebP or GIF), re-encoded as WebP without metadata"""
        picture = media.upload(current_user(), args["file"].stream, args.get("alt"))
        return picture, 201, {"Location": f"/api/media/{picture.id}"}


@blp.route(f"/media/<int(max={MAX_ID}):media_id>")
class MediaById(MethodView):
    @authenticated()
    @blp.arguments(MediaUpdateSchema)
    @blp.response(200, MediaSchema)
    def patch(self, args, media_id):
        """Change a picture's alt text (its owner or an administrator)"""
        return media.describe(current_user(), media_id, args["alt"])

    @authenticated()
    @blp.response(204)
    def delete(self, media_id):
        """Delete a picture, taking it off its post (its owner or an administrator)"""
        media.delete_media(current_user(), media_id)


@files.get("/media/<name>")
def media_file(name):
    response = send_file(media.local_file(name), mimetype="image/webp", max_age=31536000)
    response.cache_control.public = True
    response.cache_control.immutable = True
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
