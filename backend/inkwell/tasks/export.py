"""The export_posts task: a user's posts as JSON, with progress pushed as it goes."""

import json
import logging
import os
import time
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..extensions import db
from ..models import Post, Task, User, utcnow
from . import job

log = logging.getLogger(__name__)
BATCH = 200


def _setting(name, default):
    # Demos and the browser tests watch the progress bar move: they export in small batches
    # with a pause between them (EXPORT_BATCH_SIZE, EXPORT_STEP_DELAY); production does neither.
    value = current_app.config.get(name) or os.environ.get(name)
    return type(default)(value) if value not in (None, "") else default


def _report(task, **changes):
    from ..services.notifications import notify

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
                    "language": post.language,
                    "timestamp": post.timestamp.isoformat().replace("+00:00", "Z"),
                    "edited_at": post.edited_at.isoformat().replace("+00:00", "Z")
                    if post.edited_at
                    else None,
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


def _send_export_email(user, document):
    from ..services.email import send_email

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
