"""Pictures (SPEC §9): uploads checked by their content and re-encoded, their place in posts,
avatars, the per-user quota, and deleting the files nobody names any more.

An upload is decoded once, in the request, on a real thread (tasks.offload: an eventlet
worker's other requests and sockets keep moving meanwhile): the full size (<= 2 048 px) and the
preview (<= 640 px) are both made there. Measured on a loaded 2-core machine: a 12-megapixel
JPEG photo takes 1.1-1.3 s in all (decode 0.2 s thanks to JPEG's draft mode, resize 0.35, full-size
WebP 0.45, preview 0.2), a 40-megapixel one ~1.3 s. A job for the full size would have to keep
the original (GPS and all) where the worker can read it and serve a placeholder meanwhile, to
save half of that: not worth it.

Uploads that no post takes within MEDIA_UNATTACHED_HOURS are deleted by `cleanup_unattached`
(a job, queued at most hourly by uploads, and `flask media cleanup`).
"""

import logging
import os
import time
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, or_, select

from ..extensions import db
from ..models import Media, utcnow
from ..models.media import AVATAR, POST
from ..tasks import enqueue, job
from ..tasks.offload import run_blocking
from . import images
from .errors import Forbidden, InvalidInput, NotFound, TooLarge
from .storage import storage, valid_key

log = logging.getLogger(__name__)

MAX_PER_POST = 4
# English templates, translated where the error body is built (inkwell.i18n).
FILE_TOO_LARGE = "The file is too large ({size} MiB at most)."
QUOTA_FULL = "Your storage for pictures is full ({quota} MB)."
TOO_MANY = "At most {count} pictures per post."
NOT_YOURS = "Picture {id} is not one of your uploads."
NO_ALT = "Picture {id} needs alt text (a description for people who cannot see it)."
CLEANUP_EVERY = 3600  # seconds between cleanups queued by uploads, per process
CLEANUP_KEY = "inkwell.media_cleanup"
MIB = 1024 * 1024


# -- uploads ------------------------------------------------------------------------------------


def upload(user, stream, alt=None):
    """Store a picture for a post (attached later by POST/PATCH /api/posts)."""
    size = _checked_size(stream)
    _check_quota(user.id, 0)
    full, preview = run_blocking(images.post_image, stream, _max_pixels())
    stored = len(full.data) + (len(preview.data) if preview.key != full.key else 0)
    _check_quota(user.id, stored)
    media = Media(
        owner_id=user.id,
        purpose=POST,
        full_key=full.key,
        preview_key=preview.key,
        width=full.width,
        height=full.height,
        alt=alt or None,
        bytes=stored,
        created_at=utcnow(),
    )
    _store(media, full, preview)
    log.info("media %s by user %s: %d bytes in, %d stored", media.id, user.id, size, stored)
    schedule_cleanup()
    return media


def _checked_size(stream):
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    limit = current_app.config["MEDIA_MAX_BYTES"]
    if size > limit:
        message = FILE_TOO_LARGE.format(size=limit // MIB)
        raise TooLarge(message, {"file": [message]})
    return size


def _max_pixels():
    return current_app.config["MEDIA_MAX_PIXELS"]


def used_bytes(user_id, exclude_purpose=None):
    query = select(func.coalesce(func.sum(Media.bytes), 0)).where(Media.owner_id == user_id)
    if exclude_purpose:
        query = query.where(Media.purpose != exclude_purpose)
    return db.session.scalar(query)


def _check_quota(user_id, adding, exclude_purpose=None):
    quota = current_app.config["MEDIA_QUOTA_MB"] * MIB
    used = used_bytes(user_id, exclude_purpose)
    if used + adding > quota or (adding == 0 and used >= quota):
        message = QUOTA_FULL.format(quota=quota // MIB)
        raise TooLarge(message, {"file": [message]})


def _store(media, *encoded):
    """Write the files, then the row; a failure leaves no file behind that nothing names."""
    written = set()
    try:
        for item in encoded:
            if item.key not in written:
                storage().put(item.key, item.data)
                written.add(item.key)
        db.session.add(media)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        release(written)
        raise


def get_media(media_id):
    media = db.session.get(Media, media_id)
    if media is None or media.purpose != POST:
        raise NotFound("Picture not found.")
    return media


def _editable(editor, media_id):
    media = get_media(media_id)
    if editor.id != media.owner_id and not editor.is_administrator():
        raise Forbidden("Only its owner or an administrator may change this picture.")
    return media


def describe(editor, media_id, alt):
    """Set a picture's alt text (its owner or an administrator)."""
    media = _editable(editor, media_id)
    if not alt and media.post_id is not None:
        message = "A posted picture needs its alt text."
        raise InvalidInput(message, {"alt": [message]})
    media.alt = alt or None
    db.session.commit()
    return media


def delete_media(editor, media_id):
    """Delete a picture (taking it off its post, if any)."""
    media = _editable(editor, media_id)
    keys = media.keys
    db.session.delete(media)
    db.session.commit()
    release(keys)


# -- pictures in posts -------------------------------------------------------------------------


def attach(post, owner_id, media_ids):
    """Make `media_ids` the post's pictures, in that order. Each must be an upload of the
    post's author, not on another post, with alt text; InvalidInput otherwise. Pictures taken
    off the post are deleted: returns their files' keys, to `release` after the commit."""
    media_ids = list(media_ids)
    if len(media_ids) > MAX_PER_POST:
        raise _bad_media(TOO_MANY.format(count=MAX_PER_POST))
    if len(set(media_ids)) != len(media_ids):
        raise _bad_media("The same picture is attached twice.")
    found = {m.id: m for m in db.session.scalars(select(Media).where(Media.id.in_(media_ids)))}
    problems = []
    for media_id in media_ids:
        media = found.get(media_id)
        if (
            media is None
            or media.owner_id != owner_id
            or media.purpose != POST
            or media.post_id not in (None, post.id)
        ):
            problems.append(NOT_YOURS.format(id=media_id))
        elif not (media.alt or "").strip():
            problems.append(NO_ALT.format(id=media_id))
    if problems:
        raise InvalidInput(problems[0], {"media_ids": problems})
    removed = [m for m in post.media if m.id not in found]
    for position, media_id in enumerate(media_ids):
        found[media_id].position = position
    post.media = [found[media_id] for media_id in media_ids]
    keys = set()
    for media in removed:
        keys |= media.keys
        db.session.delete(media)
    return keys


def _bad_media(message):
    return InvalidInput(message, {"media_ids": [message]})


def keys_of_post(post):
    return set().union(*(m.keys for m in post.media))


def keys_of_user(user_id):
    rows = db.session.execute(
        select(Media.full_key, Media.preview_key).where(Media.owner_id == user_id)
    ).all()
    return {key for row in rows for key in row}


def release(keys):
    """Delete the files of `keys` that no row names any more (call after the commit)."""
    keys = {key for key in keys if key}
    if not keys:
        return
    named = db.session.execute(
        select(Media.full_key, Media.preview_key).where(
            or_(Media.full_key.in_(keys), Media.preview_key.in_(keys))
        )
    ).all()
    still_used = {key for row in named for key in row}
    for key in keys - still_used:
        try:
            storage().delete(key)
        except Exception:  # noqa: BLE001  (a file left behind must not fail the request)
            log.exception("could not delete media file %s", key)


# -- avatars --------------------------------------------------------------------------------------


def set_avatar(user, stream):
    """Replace the user's avatar by a centred square of the upload."""
    _checked_size(stream)
    _check_quota(user.id, 0, exclude_purpose=AVATAR)
    square = run_blocking(images.avatar_image, stream, _max_pixels())
    _check_quota(user.id, len(square.data), exclude_purpose=AVATAR)
    old = _avatars_of(user.id)
    released = set().union(*(m.keys for m in old))
    for media in old:
        db.session.delete(media)
    user.avatar_key = square.key
    media = Media(
        owner_id=user.id,
        purpose=AVATAR,
        full_key=square.key,
        preview_key=square.key,
        width=square.width,
        height=square.height,
        bytes=len(square.data),
        created_at=utcnow(),
    )
    _store(media, square)
    release(released - {square.key})
    return user


def remove_avatar(user):
    """Back to the identicon."""
    old = _avatars_of(user.id)
    released = set().union(*(m.keys for m in old))
    for media in old:
        db.session.delete(media)
    user.avatar_key = None
    db.session.commit()
    release(released)
    return user


def _avatars_of(user_id):
    return db.session.scalars(
        select(Media).where(Media.owner_id == user_id, Media.purpose == AVATAR)
    ).all()


# -- housekeeping -----------------------------------------------------------------------------


def schedule_cleanup():
    """Queue the cleanup of unattached uploads, at most once an hour per process."""
    now = time.monotonic()
    last = current_app.extensions.get(CLEANUP_KEY)
    if last is not None and now - last < CLEANUP_EVERY:
        return
    current_app.extensions[CLEANUP_KEY] = now
    enqueue(cleanup_unattached)


@job
def cleanup_unattached(hours=None):
    """Delete uploads no post took within MEDIA_UNATTACHED_HOURS; returns how many."""
    hours = current_app.config["MEDIA_UNATTACHED_HOURS"] if hours is None else hours
    cutoff = utcnow() - timedelta(hours=hours)
    stale = db.session.scalars(
        select(Media).where(
            Media.purpose == POST, Media.post_id.is_(None), Media.created_at < cutoff
        )
    ).all()
    keys = set().union(*(m.keys for m in stale))
    for media in stale:
        db.session.delete(media)
    db.session.commit()
    release(keys)
    if stale:
        log.info("deleted %d unattached uploads older than %s h", len(stale), hours)
    return len(stale)


def local_file(name):
    """The path of a stored file, for Flask to serve in embedded mode (local storage only)."""
    store = storage()
    if current_app.config["MEDIA_STORAGE"] != "local" or not valid_key(name):
        raise NotFound("No such file.")
    path = store.path(name)
    if not path.is_file():
        raise NotFound("No such file.")
    return path
