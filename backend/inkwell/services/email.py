"""Composing emails: rendered in the request (in the recipient's language), sent by a job."""

from flask import current_app, render_template
from flask_babel import force_locale

from ..tasks import enqueue
from ..tasks.email import deliver_email


def send_email(to, subject, template, locale=None, attachments=None, inline=False, **context):
    """Render an email now and send it from a job (`inline` when already inside one)."""
    config = current_app.config
    context.setdefault("frontend_url", config["FRONTEND_URL"])
    context["locale"] = locale or "en"
    with force_locale(locale or "en"):
        subject = str(subject)
        text = render_template(f"email/{template}.txt", **context)
        html = render_template(f"email/{template}.html", **context)
    recipients = [to] if isinstance(to, str) else list(to)
    full_subject = f"{config['MAIL_SUBJECT_PREFIX']} {subject}".strip()
    if inline:
        return deliver_email(recipients, full_subject, text, html, attachments)
    return enqueue(deliver_email, recipients, full_subject, text, html, attachments)


def frontend_link(path):
    return f"{current_app.config['FRONTEND_URL']}{path}"
