"""Markdown rendering and sanitising, shared by posts, comments and the preview endpoint.

Posts may show pictures, but only our own (SPEC §9: the product makes no request to third
parties): an image whose source is not one of our media files (/media/<hash>.webp, or the
same under MEDIA_PUBLIC_URL) is rendered as its alt text, and the sanitiser drops any other
src as a second line of defence.
"""

import re

import nh3
from flask import current_app, has_app_context
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

POST_TAGS = {
    "a", "abbr", "acronym", "b", "blockquote", "code", "em", "i", "li", "ol", "pre",
    "strong", "ul", "h1", "h2", "h3", "p", "img",
}  # fmt: skip
COMMENT_TAGS = {"a", "abbr", "acronym", "b", "code", "em", "i", "strong"}
ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "acronym": {"title"},
    "img": {"src", "alt", "title", "loading"},
}
MEDIA_FILE = r"/[0-9a-f]{64}\.webp"
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"

# Raw HTML in the source is escaped rather than passed through: the sanitiser is the second
# line of defence, not the only one.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": True}).enable(
    ["linkify", "strikethrough"]
)


def own_media(src):
    """True when `src` is one of our media files (a third party never sees a reader)."""
    prefixes = ["/media"]
    if has_app_context() and current_app.config.get("MEDIA_PUBLIC_URL"):
        prefixes.append(current_app.config["MEDIA_PUBLIC_URL"].rstrip("/"))
    return any(
        re.fullmatch(re.escape(prefix) + MEDIA_FILE, src or "") is not None for prefix in prefixes
    )


def _image(renderer, tokens, idx, options, env):
    token = tokens[idx]
    if env.get("no_images") or not own_media(token.attrGet("src")):
        return escapeHtml(renderer.renderInlineAsText(token.children or [], options, env))
    token.attrSet("loading", "lazy")
    return renderer.image(tokens, idx, options, env)


_markdown.add_render_rule("image", _image)


def _only_own_images(tag, attribute, value):
    if tag == "img" and attribute == "src" and not own_media(value):
        return None
    return value


def _clean(html, tags):
    return nh3.clean(
        html,
        tags=tags,
        attributes=ATTRIBUTES,
        attribute_filter=_only_own_images,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()


def render_post(source):
    return _clean(_markdown.render(source), POST_TAGS)


def render_comment(source):
    # Comments allow inline markup only, so render inline and keep line breaks as text.
    return _clean(_markdown.renderInline(source, {"no_images": True}), COMMENT_TAGS)


def render(source, kind="post"):
    return render_comment(source) if kind == "comment" else render_post(source)
