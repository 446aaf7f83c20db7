"""Direct-to-database factories for content, for tests that need many rows quickly.

They go through the same render/sanitise/language services as the API, so stored rows
look exactly like rows written through the endpoints.
"""

from datetime import timedelta

from sqlalchemy import func, insert, select

from inkwell.extensions import db
from inkwell.models import (
    Bookmark,
    Comment,
    Follow,
    Like,
    Message,
    Post,
    Tag,
    TagFollow,
    post_tags,
    utcnow,
)
from inkwell.services.language import detect_language
from inkwell.services.markdown import render_comment, render_post


def make_posts(app, author, count=1, body="Post number {n}"):
    """Create `count` posts by `author` (oldest first); returns their ids."""
    with app.app_context():
        now = utcnow()
        posts = [
            Post(
                body=body.format(n=n),
                body_html=render_post(body.format(n=n)),
                language=detect_language(body.format(n=n)),
                author_id=author.id,
                timestamp=now - timedelta(seconds=count - n),
            )
            for n in range(count)
        ]
        db.session.add_all(posts)
        db.session.commit()
        return [post.id for post in posts]


def make_comments(app, author, post_id, count=1, body="Comment {n}", disabled=False):
    with app.app_context():
        now = utcnow()
        comments = [
            Comment(
                body=body.format(n=n),
                body_html=render_comment(body.format(n=n)),
                author_id=author.id,
                post_id=post_id,
                disabled=disabled,
                timestamp=now - timedelta(seconds=count - n),
            )
            for n in range(count)
        ]
        db.session.add_all(comments)
        db.session.commit()
        return [comment.id for comment in comments]


def make_follow(app, follower, followed, timestamp=None):
    with app.app_context():
        db.session.add(
            Follow(
                follower_id=follower.id,
                followed_id=followed.id,
                timestamp=timestamp or utcnow(),
            )
        )
        db.session.commit()


def make_like(app, user, post_id):
    with app.app_context():
        db.session.add(Like(user_id=user.id, post_id=post_id))
        db.session.commit()


def make_bookmark(app, user, post_id):
    with app.app_context():
        db.session.add(Bookmark(user_id=user.id, post_id=post_id))
        db.session.commit()


def make_message(app, sender, recipient, body="Message", read=False):
    with app.app_context():
        now = utcnow()
        message = Message(
            sender_id=sender.id,
            recipient_id=recipient.id,
            body=body,
            timestamp=now,
            read_at=now if read else None,
        )
        db.session.add(message)
        db.session.commit()
        return message.id


def row_counts(app):
    """Rows per table: the proof that a refused request wrote nothing."""
    with app.app_context():
        counts = {
            table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables
        }
        db.session.remove()
        return counts


def tag_posts(app, post_ids, name):
    """Give posts a tag, as writing "#name" in them would (the factories skip the service)."""
    with app.app_context():
        tag_id = db.session.scalar(select(Tag.id).where(Tag.name == name))
        if tag_id is None:
            tag = Tag(name=name)
            db.session.add(tag)
            db.session.flush()
            tag_id = tag.id
        db.session.execute(
            insert(post_tags), [{"post_id": post_id, "tag_id": tag_id} for post_id in post_ids]
        )
        db.session.commit()
    return post_ids


def follow_tag(app, user, name):
    with app.app_context():
        tag = db.session.scalar(select(Tag).where(Tag.name == name))
        if tag is None:
            tag = Tag(name=name)
            db.session.add(tag)
            db.session.flush()
        db.session.add(TagFollow(user_id=user.id, tag_id=tag.id))
        db.session.commit()
