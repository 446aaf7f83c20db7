"""Markdown rendering and sanitising, shared by posts, comments and the preview endpoint."""

import nh3
from markdown_it import MarkdownIt

POST_TAGS = {
    "a", "abbr", "acronym", "b", "blockquote", "code", "em", "i", "li", "ol", "pre",
    "strong", "ul", "h1", "h2", "h3", "p",
}  # fmt: skip
COMMENT_TAGS = {"a", "abbr", "acronym", "b", "code", "em", "i", "strong"}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "acronym": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"

# Raw HTML in the source is escaped rather than passed through: the sanitiser is the second
# line of defence, not the only one.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": True}).enable(
    ["linkify", "strikethrough"]
)


def _clean(html, tags):
    return nh3.clean(
        html,
        tags=tags,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()


def render_post(source):
    return _clean(_markdown.render(source), POST_TAGS)


def render_comment(source):
    # Comments allow inline markup only, so render inline and keep line breaks as text.
    return _clean(_markdown.renderInline(source), COMMENT_TAGS)


def render(source, kind="post"):
    return render_comment(source) if kind == "comment" else render_post(source)
