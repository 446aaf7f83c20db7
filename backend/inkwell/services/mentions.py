"""Mentions: an @username in a post or a comment tells that account (SPEC §10)."""

from ..schemas.users import UserBriefSchema
from .notifications import notify
from .plaintext import excerpt

# A post naming fifty accounts notifies the first ten (in the order they appear): mentions
# cannot be used to page a crowd. The rest are still linked.
MAX_NOTIFIED = 10


def notify_mentions(author, mentioned, post, comment=None, skip=()):
    """Store and push a `mention` event for the accounts `mentioned` ((id, username) pairs,
    in order): the first MAX_NOTIFIED of them, never the author, nor any in `skip` (those told
    already: by an earlier version of the post, or by a `new_comment`)."""
    recipients = [user_id for user_id, _ in mentioned if user_id != author.id]
    recipients = [user_id for user_id in recipients[:MAX_NOTIFIED] if user_id not in skip]
    if not recipients:
        return
    payload = {
        "post_id": post.id,
        "comment_id": comment.id if comment is not None else None,
        "user": UserBriefSchema().dump(author),
        # Stored with the event, like new_comment's: no query per row on the page.
        "excerpt": excerpt((comment or post).body),
    }
    for user_id in recipients:
        notify(user_id, "mention", payload)
