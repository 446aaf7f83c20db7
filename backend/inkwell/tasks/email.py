"""Delivering email, off the request path."""

import logging
import time
from email.utils import make_msgid
from pathlib import Path

from flask import current_app
from flask_mail import Attachment, Message

from ..extensions import mail

log = logging.getLogger(__name__)


def deliver_email(to, subject, text, html, attachments=None):
    """Send a rendered email; without MAIL_SERVER, log it and keep it in the outbox folder."""
    message = Message(
        subject=subject,
        recipients=list(to),
        body=text,
        html=html,
        sender=current_app.config["MAIL_SENDER"],
        attachments=[
            Attachment(filename=a["filename"], content_type=a["content_type"], data=a["data"])
            for a in attachments or []
        ],
    )
    if current_app.config["MAIL_SERVER"]:
        mail.send(message)
        return
    outbox = Path(current_app.config["MAIL_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    message.msgId = make_msgid(domain="inkwell.local")
    path = outbox / f"{time.time():.6f}-{to[0].replace('@', '_at_')}.eml"
    path.write_bytes(message.as_bytes())
    log.info("email to %s: %s (saved to %s)\n%s", ", ".join(to), subject, path, text)
