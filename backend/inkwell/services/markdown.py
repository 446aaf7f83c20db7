"""Markdown rendering and sanitising, shared by posts, comments and the preview endpoint.

Posts may show pictures, but only our own (SPEC §9: the product makes no request to third
parties): an image whose source is not one of our media files (/media/<hash>.webp, or the
same under MEDIA_PUBLIC_URL) is rendered as a link to it whose text is its alt text (or its
URL when it has none), so neither the picture nor what it said is lost, and the sanitiser
drops any other src as a second line of defence. GitHub-flavoured tables and ~~strikethrough~~
render too.
"""

import re

import nh3
from flask import current_app, has_app_context
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

POST_TAGS = {
    "a", "abbr", "acronym", "b", "blockquote", "code", "em", "i", "li", "ol", "pre",
    "strong", "ul", "h1", "h2", "h3", "p", "img", "s",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
COMMENT_TAGS = {"a", "abbr", "acronym", "b", "code", "em", "i", "strong", "s"}
ALIGNMENTS = {"left", "center", "right"}
ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "acronym": {"title"},
    "img": {"src", "alt", "title", "loading"},
    # A column's alignment, as the one attribute (style is never allowed: see _cell).
    "th": {"align"},
    "td": {"align"},
}
MEDIA_FILE = r"/[0-9a-f]{64}\.webp"
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener noreferrer"

# Raw HTML in the source is escaped rather than passed through: the sanitiser is the second
# line of defence, not the only one.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": True}).enable(
    ["linkify", "strikethrough", "table"]
)
LINKABLE = re.compile(r"(?:https?:)?//|/(?!/)|[^:/?#]*(?:[/?#]|$)", re.IGNORECASE)


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
    src = token.attrGet("src") or ""
    if not env.get("no_images") and own_media(src):
        token.attrSet("loading", "lazy")
        return renderer.image(tokens, idx, options, env)
    alt = renderer.renderInlineAsText(token.children or [], options, env)
    # Only an http(s) or relative URL becomes a link (markdown-it lets data: images through);
    # anything else keeps just its alt text.
    if not src or not LINKABLE.match(src):
        return escapeHtml(alt)
    title = token.attrGet("title")
    title_attr = f' title="{escapeHtml(title)}"' if title else ""
    return f'<a href="{escapeHtml(src)}"{title_attr}>{escapeHtml(alt or src)}</a>'


def _cell(renderer, tokens, idx, options, env):
    # markdown-it aligns columns with style="text-align:…"; the sanitiser allows no style
    # attribute (CSS can hide or overlay content), so the alignment travels as align=.
    token = tokens[idx]
    style = token.attrGet("style") or ""
    align = style.removeprefix("text-align:")
    token.attrs.pop("style", None)
    if align in ALIGNMENTS:
        token.attrSet("align", align)
    return renderer.renderToken(tokens, idx, options, env)


_markdown.add_render_rule("image", _image)
_markdown.add_render_rule("th_open", _cell)
_markdown.add_render_rule("td_open", _cell)


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
