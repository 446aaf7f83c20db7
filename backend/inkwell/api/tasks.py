"""Background tasks of the signed-in user (posts export)."""

from flask import send_file
from flask.views import MethodView
from flask_smorest import Blueprint

from ..identity import current_user
from ..schemas.social import TaskSchema
from ..services import exports
from .pagination import paginated
from .security import authenticated

blp = Blueprint("tasks", __name__, description="Background tasks")


@blp.route("/tasks")
class Tasks(MethodView):
    @authenticated()
    @blp.arguments(TaskSchema)
    @blp.response(202, TaskSchema)
    @blp.alt_response(409, response="CONFLICT")
    @blp.alt_response(503, response="SERVICE_UNAVAILABLE")  # the queue is down
    def post(self, args):
        """Start a task (one running export per user)"""
        task = exports.start_task(current_user(), args["name"])
        return task, 202, {"Location": f"/api/tasks/{task.id}"}

    @authenticated(confirmed=False)
    @paginated(blp, TaskSchema)
    def get(self, args):
        """Your tasks, newest first"""
        return exports.tasks_of(current_user())


@blp.route("/tasks/<task_id>")
class TaskById(MethodView):
    @authenticated(confirmed=False)
    @blp.response(200, TaskSchema)
    def get(self, task_id):
        """One of your tasks, with its progress"""
        return exports.get_task(current_user(), task_id)


@blp.route("/tasks/<task_id>/result")
class TaskResult(MethodView):
    @authenticated(confirmed=False)
    @blp.doc(responses={"200": {"description": "posts.json", "content": {"application/json": {}}}})
    def get(self, task_id):
        """Download the result of a finished task (posts.json)"""
        path = exports.task_result(current_user(), task_id)
        return send_file(
            path, mimetype="application/json", as_attachment=True, download_name="posts.json"
        )
