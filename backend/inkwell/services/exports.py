"""Background tasks of a user: the posts export, its progress, its result.

Starting one is a rule (one active export per user, a lost job stops blocking after
STALE_TASK_SECONDS); the export itself runs as a job (RQ on the stack, a thread in
embedded mode), pushes its progress as it goes and emails a copy when done.
"""

import json
import logging
import os
import time
import uuid
from datetime import timedelta
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import Post, Task, User, utcnow
from ..tasks import QueueUnavailable, enqueue, job
from .email import send_email
from .errors import Conflict, NotFound, Unavailable
from .notifications import notify

log = logging.getLogger(__name__)
BATCH = 200


def _setting(name, default):
    # Demos and the browser tests watch the progress bar move: they export in small batches
    # with a pause between them (EXPORT_BATCH_SIZE, EXPORT_STEP_DELAY); production does neither.
    value = current_app.config.get(name) or os.environ.get(name)
    return type(default)(value) if value not in (None, "") else default


def _report(task, **changes):
    for key, value in changes.items():
        setattr(task, key, value)
    db.session.commit()
    notify(
        task.user_id,
        "task_progress",
        {
            "task_id": task.id,
            "name": task.name,
            "description": task.description,
            "progress": task.progress,
            "status": task.status,
            "error": task.error,
        },
    )


def export_path(task_id):
    return Path(current_app.config["EXPORT_DIR"]) / f"{task_id}.json"


def delete_exports(task_paths):
    """Remove result files (of a deleted account: they hold its posts)."""
    for task_path in task_paths:
        Path(task_path).unlink(missing_ok=True)


@job
def export_posts(task_id):
    task = db.session.get(Task, task_id)
    if task is None:
        log.warning("export task %s vanished before it ran", task_id)
        return
    path = export_path(task_id)
    try:
        _report(task, status="running", progress=0)
        user = db.session.get(User, task.user_id)
        total = db.session.scalar(select(func.count(Post.id)).where(Post.author_id == user.id))
        posts, last_id, last_progress = [], 0, 0
        batch_size, delay = _setting("EXPORT_BATCH_SIZE", BATCH), _setting("EXPORT_STEP_DELAY", 0.0)
        while True:
            batch = db.session.scalars(
                select(Post)
                .where(Post.author_id == user.id, Post.id > last_id)
                .order_by(Post.id)
                .limit(batch_size)
            ).all()
            if not batch:
                break
            last_id = batch[-1].id
            posts.extend(
                {
                    "id": post.id,
                    "body": post.body,
                    "body_html": post.body_html,
                    "content_warning": post.content_warning,
                    "language": post.language,
                    "timestamp": post.timestamp.isoformat().replace("+00:00", "Z"),
                    "edited_at": post.edited_at.isoformat().replace("+00:00", "Z")
                    if post.edited_at
                    else None,
                    "media": [_exported_media(media) for media in post.media],
                }
                for post in batch
            )
            progress = min(99, int(100 * len(posts) / max(total, 1)))
            if progress > last_progress:
                _report(task, progress=progress)
                last_progress = progress
                if delay:
                    time.sleep(delay)
        document = json.dumps({"posts": posts}, ensure_ascii=False, indent=2).encode("utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(document)
        task.result_path = str(path)
        _send_export_email(user, document)
        _report(task, status="complete", progress=100, finished_at=utcnow())
    except Exception as error:
        log.exception("export %s failed", task_id)
        db.session.rollback()
        # A failed task offers no download: don't keep a copy of the posts on disk.
        path.unlink(missing_ok=True)
        task = db.session.get(Task, task_id)
        _report(task, status="failed", error=str(error) or error.__class__.__name__)


def _absolute(url):
    return url if "://" in url else f"{current_app.config['FRONTEND_URL']}{url}"


def _exported_media(media):
    """A post's picture in the export: where to download it (absolute URLs) and its alt."""
    return {
        "url": _absolute(media.url),
        "preview_url": _absolute(media.preview_url),
        "alt": media.alt,
        "width": media.width,
        "height": media.height,
    }


def _send_export_email(user, document):
    send_email(
        user.email,
        _l("Your posts"),
        "export_posts",
        locale=user.locale,
        attachments=[
            {"filename": "posts.json", "content_type": "application/json", "data": document}
        ],
        inline=True,
        user=user,
    )


TASKS = {"export_posts": (export_posts, "Exporting posts...")}
ALREADY_RUNNING = "An export is already in progress."


def tasks_of(user):
    """A select of the user's tasks, newest first."""
    return select(Task).where(Task.user_id == user.id).order_by(Task.created_at.desc(), Task.id)


def get_task(user, task_id):
    task = db.session.get(Task, task_id)
    # Someone else's task is as invisible as a missing one.
    if task is None or task.user_id != user.id:
        raise NotFound("Task not found.")
    return task


def start_task(user, name):
    """Queue a task; one active task of a kind per user (Conflict), Unavailable without a queue."""
    running = db.session.scalar(
        select(Task).where(Task.user_id == user.id, Task.name == name, Task.status.in_(Task.ACTIVE))
    )
    if running is not None and not expire_if_stale(running):
        raise Conflict(ALREADY_RUNNING)
    func, description = TASKS[name]
    task = Task(
        id=str(uuid.uuid4()),
        name=name,
        description=description,
        user_id=user.id,
        status="queued",
        progress=0,
    )
    db.session.add(task)
    try:
        db.session.commit()
    except IntegrityError:  # a concurrent request started one first
        db.session.rollback()
        raise Conflict(ALREADY_RUNNING) from None
    try:
        enqueue(func, task.id, job_id=task.id, fallback=False)
    except QueueUnavailable:
        db.session.delete(task)
        db.session.commit()
        raise Unavailable("The task queue is unavailable; try again shortly.") from None
    db.session.refresh(task)
    return task


def expire_if_stale(task):
    """Fail a task whose job was lost (worker or Redis died) so it stops blocking new ones."""
    max_age = timedelta(seconds=current_app.config["STALE_TASK_SECONDS"])
    if utcnow() - task.created_at < max_age:
        return False
    task.status = "failed"
    task.error = "The task did not finish in time."
    task.finished_at = utcnow()
    db.session.commit()
    return True


def task_result(user, task_id):
    """The file holding a finished task's result, or NotFound."""
    task = get_task(user, task_id)
    if task.status != "complete" or not task.result_path or not Path(task.result_path).is_file():
        raise NotFound("This task has no result to download.")
    return task.result_path
