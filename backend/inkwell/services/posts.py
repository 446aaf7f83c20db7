"""Writing posts and comments: render, sanitise and detect language at write time."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import Comment, Post, utcnow
from ..realtime.emit import push_to_followers
from .language import detect_language
from .markdown import render_comment, render_post


def post_query():
    return select(Post).options(joinedload(Post.author))


def comment_query():
    return select(Comment).options(joinedload(Comment.author))


def create_post(author, body):
    post = Post(
        body=body,
        body_html=render_post(body),
        language=detect_language(body),
        author=author,
        timestamp=utcnow(),
    )
    db.session.add(post)
    db.session.commit()
    from ..schemas.content import PostSchema

    # Not stored: the feed is the store; clients reload its top when they reconnect.
    push_to_followers(author.id, "post", PostSchema().dump(post))
    return post


def update_post(post, body):
    post.body = body
    post.body_html = render_post(body)
    post.language = detect_language(body)
    post.edited_at = utcnow()
    db.session.commit()
    return post


def create_comment(author, post, body):
    comment = Comment(
        body=body, body_html=render_comment(body), author=author, post=post, timestamp=utcnow()
    )
    db.session.add(comment)
    db.session.commit()
    if post.author_id != author.id:
        from ..schemas.users import UserBriefSchema
        from .notifications import notify

        notify(
            post.author_id,
            "new_comment",
            {"post_id": post.id, "comment_id": comment.id, "user": UserBriefSchema().dump(author)},
        )
    return comment
