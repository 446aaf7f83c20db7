"""Full-text search over posts and users: the only code that queries the index.

PostgreSQL: tsvector @@ tsquery, ranked by ts_rank, excerpts by ts_headline. SQLite: FTS5
MATCH, ranked by bm25, excerpts by snippet(). The schema lives in models/search.py; both
are maintained by the database, so nothing here runs on writes.

The user's query is reduced to its words (letters and digits) before it reaches either
engine: quotes, *, -, :, &, |, !, ( and friends are never syntax, so no input can make a query
fail. Posts need every word (stemmed), the last one as a prefix, since it may still be being
typed ("Pyth" finds Python); users match every word as a prefix (typing "jan" finds Jane).
Post snippets are cut from the Markdown source: they are shown as plain text (plaintext.py).
"""

import html
import re

import nh3
from sqlalchemy import column, false, func, literal_column, select, table, text
from sqlalchemy.orm import undefer_group, with_expression

from ..extensions import db
from ..models import Post, User
from ..models.search import FALLBACK_CONFIG, POSTGRES_CONFIGS, postgres_config_sql
from .plaintext import markdown_to_text
from .posts import post_query

MAX_WORDS = 16
# Markers for the highlighted words: control characters never shown, replaced after escaping.
START, STOP = "\x02", "\x03"
HIGHLIGHT_TAG = "mark"
WORD = re.compile(r"[^\W_]+")
HEADLINE_OPTIONS = f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15"


def words_of(query):
    return WORD.findall(query or "")[:MAX_WORDS]


def _dialect():
    return db.engine.dialect.name


def search_posts(query, viewer=None):
    """A select of matching posts, best first, each with its raw `search_snippet` (and the
    viewer's likes and bookmarks)."""
    words = words_of(query)
    base = post_query(viewer)
    if not words:
        return base.where(false())
    if _dialect() == "postgresql":
        tsquery = _postgres_posts_query(words)
        vector = literal_column("posts.search_vector")
        config = literal_column(postgres_config_sql("posts.language"))
        # The excerpt is found with the post's own stemming only: given the OR of every
        # language's query, ts_headline shrinks it to the matched word alone.
        own_query = func.to_tsquery(config, _tsquery_text(words))
        snippet = func.ts_headline(config, Post.body, own_query, HEADLINE_OPTIONS)
        # Normalisation 1 divides by 1 + log(length): a short post about the words outranks a
        # long one that mentions them in passing.
        rank = func.ts_rank(vector, tsquery, 1)
        return (
            base.options(with_expression(Post.search_snippet, snippet))
            .where(vector.op("@@")(tsquery))
            .order_by(rank.desc(), Post.id.desc())
        )
    fts = table("posts_fts", column("rowid"))
    snippet = func.snippet(literal_column("posts_fts"), 0, START, STOP, "…", 32)
    return (
        base.options(with_expression(Post.search_snippet, snippet))
        .join(fts, fts.c.rowid == Post.id)
        .where(literal_column("posts_fts").op("MATCH")(_fts5_query(words, prefix="last")))
        .order_by(func.bm25(literal_column("posts_fts")), Post.id.desc())
    )


def search_users(query):
    """A select of matching users (profile counts loaded), best first, with `search_snippet`."""
    words = words_of(query)
    base = select(User).options(undefer_group("counts"))
    if not words:
        return base.where(false())
    if _dialect() == "postgresql":
        simple = literal_column("'simple'::regconfig")
        tsquery = func.to_tsquery(simple, " & ".join(f"{word}:*" for word in words))
        vector = literal_column("users.search_vector")
        document = func.concat_ws(" · ", User.username, User.name, User.about_me)
        snippet = func.ts_headline(simple, document, tsquery, HEADLINE_OPTIONS)
        rank = func.ts_rank(vector, tsquery)
        return (
            base.options(with_expression(User.search_snippet, snippet))
            .where(vector.op("@@")(tsquery))
            .order_by(rank.desc(), func.lower(User.username))
        )
    fts = table("users_fts", column("rowid"))
    snippet = func.snippet(literal_column("users_fts"), -1, START, STOP, "…", 24)
    # Column weights: a username match counts most, then the name, then "about me".
    rank = func.bm25(literal_column("users_fts"), 10.0, 5.0, 1.0)
    return (
        base.options(with_expression(User.search_snippet, snippet))
        .join(fts, fts.c.rowid == User.id)
        .where(literal_column("users_fts").op("MATCH")(_fts5_query(words, prefix="all")))
        .order_by(rank, func.lower(User.username))
    )


def _postgres_posts_query(words):
    """The words as a tsquery in every configuration posts may be indexed with, OR-ed.

    A post is stemmed in its own language; the query cannot know which, so it offers each
    stemming ("running" -> 'run' in English, 'running' in Spanish...). Constant, so the GIN
    index serves it. The words hold only letters and digits (words_of), so the to_tsquery
    text has no operator but ours.
    """
    expression = _tsquery_text(words)
    configs = [*dict.fromkeys(POSTGRES_CONFIGS.values()), FALLBACK_CONFIG]
    tsquery = None
    for config in configs:
        part = func.to_tsquery(literal_column(f"'{config}'::regconfig"), expression)
        tsquery = part if tsquery is None else tsquery.op("||")(part)
    return tsquery


def _tsquery_text(words):
    """Every word ANDed, the last one a prefix: "learning & pyth:*"."""
    return " & ".join([*words[:-1], f"{words[-1]}:*"])


def _fts5_query(words, prefix):
    """Each word a quoted FTS5 string (the words hold no quotes), implicitly ANDed; `prefix`
    says which of them match as a prefix: "all", or only the "last" one."""
    last = len(words) - 1
    return " ".join(
        f'"{word}"' + ("*" if prefix == "all" or i == last else "") for i, word in enumerate(words)
    )


def render_snippet(raw, markdown=False):
    """Escape an excerpt and turn the engine's markers into <mark>: no other markup survives.
    A post's excerpt (`markdown`) loses its Markdown syntax first: readers see its words."""
    if not raw:
        return ""
    if markdown:
        raw = markdown_to_text(raw)
    escaped = html.escape(raw, quote=False)
    marked = escaped.replace(START, f"<{HIGHLIGHT_TAG}>").replace(STOP, f"</{HIGHLIGHT_TAG}>")
    # nh3 closes a stray marker (a body may contain the control characters itself).
    return nh3.clean(marked, tags={HIGHLIGHT_TAG}, attributes={}).strip()


def search(query, kind, viewer=None):
    """A select of the best matches first: users (`kind="users"`) or posts."""
    return search_users(query) if kind == "users" else search_posts(query, viewer)


def results(rows):
    """Rows of a search select -> the items of the result collection."""
    items = []
    for row in rows:
        kind = "post" if isinstance(row, Post) else "user"
        snippet = render_snippet(row.search_snippet, markdown=kind == "post")
        items.append({"type": kind, kind: row, "snippet": snippet})
    return items


def reindex():
    """Rebuild the index from the tables (after a restore or a manual edit of the schema)."""
    if _dialect() == "postgresql":
        # The vectors are generated columns: always current; rebuild the GIN indexes only.
        statements = [
            "REINDEX INDEX ix_posts_search_vector",
            "REINDEX INDEX ix_users_search_vector",
        ]
    else:
        statements = [
            "INSERT INTO posts_fts (posts_fts) VALUES ('rebuild')",
            "INSERT INTO users_fts (users_fts) VALUES ('rebuild')",
        ]
    for statement in statements:
        db.session.execute(text(statement))
    db.session.commit()
    return {
        "posts": db.session.scalar(select(func.count(Post.id))),
        "users": db.session.scalar(select(func.count(User.id))),
    }
