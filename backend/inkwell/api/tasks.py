"""Background tasks of the signed-in user (posts export)."""

import uuid
from datetime import timedelta
from pathlib import Path

from flask import current_app, send_file
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..auth import authenticated, current_user
from ..extensions import db
from ..models import Task, utcnow
from ..schemas.social import TaskSchema
from ..tasks import QueueUnavailable, enqueue
from ..tasks.export import export_posts
from .errors import json_error
from .pagination import paginated

blp = Blueprint("tasks", __name__, description="Background tasks")

TASKS = {"export_posts": (export_posts, "Exporting posts...")}


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


def get_task_or_404(task_id):
    task = db.session.get(Task, task_id)
    # Someone else's task is as invisible as a missing one.
    if task is None or task.user_id != current_user().id:
        json_error(404, "Task not found.")
    return task


@blp.route("/tasks")
class Tasks(MethodView):
    @authenticated()
    @blp.arguments(TaskSchema)
    @blp.response(202, TaskSchema)
    @blp.alt_response(409, response="CONFLICT")
    @blp.alt_response(503, response="SERVICE_UNAVAILABLE")  # the queue is down
    def post(self, args):
        """Start a task (one running export per user)"""
        user = current_user()
        running = db.session.scalar(
            select(Task).where(
                Task.user_id == user.id, Task.name == args["name"], Task.status.in_(Task.ACTIVE)
            )
        )
        if running is not None and not expire_if_stale(running):
            json_error(409, "An export is already in progress.")
        func, description = TASKS[args["name"]]
        task = Task(
            id=str(uuid.uuid4()),
            name=args["name"],
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
            json_error(409, "An export is already in progress.")
        try:
            enqueue(func, task.id, job_id=task.id, fallback=False)
        except QueueUnavailable:
            db.session.delete(task)
            db.session.commit()
            json_error(503, "The task queue is unavailable; try again shortly.")
        db.session.refresh(task)
        return task, 202, {"Location": f"/api/tasks/{task.id}"}

    @authenticated(confirmed=False)
    @paginated(blp, TaskSchema)
    def get(self, args):
        """Your tasks, newest first"""
        return (
            select(Task)
            .where(Task.user_id == current_user().id)
            .order_by(Task.created_at.desc(), Task.id)
        )


@blp.route("/tasks/<task_id>")
class TaskById(MethodView):
    @authenticated(confirmed=False)
    @blp.response(200, TaskSchema)
    def get(self, task_id):
        """One of your tasks, with its progress"""
        return get_task_or_404(task_id)


@blp.route("/tasks/<task_id>/result")
class TaskResult(MethodView):
    @authenticated(confirmed=False)
    @blp.doc(responses={"200": {"description": "posts.json", "content": {"application/json": {}}}})
    def get(self, task_id):
        """Download the result of a finished task (posts.json)"""
        task = get_task_or_404(task_id)
        if (
            task.status != "complete"
            or not task.result_path
            or not Path(task.result_path).is_file()
        ):
            json_error(404, "This task has no result to download.")
        return send_file(
            task.result_path,
            mimetype="application/json",
            as_attachment=True,
            download_name="posts.json",
        )
