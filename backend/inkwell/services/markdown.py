"""Markdown rendering and sanitising, shared by posts, comments and the preview endpoint.

Posts may show pictures, but only our own (SPEC §9: the product makes no request to third
parties): an image whose source is not one of our media files (/media/<hash>.webp, or the
same under MEDIA_PUBLIC_URL) is rendered as a link to it whose text is its alt text (or its
URL when it has none), so neither the picture nor what it said is lost, and the sanitiser
drops any other src as a second line of defence. GitHub-flavoured tables and ~~strikethrough~~
render too.

`#tag` in a post links to its tag page and `@username` (of an existing account) to that
profile, in posts and comments alike, except inside code and links; `render_post_refs` and
`render_comment_refs` also say which tags and accounts the text names, for the services that
store tags and notify mentions.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import quote

import nh3
from flask import current_app, has_app_context
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from sqlalchemy import func, select

from ..extensions import db
from ..models import User
from ..models.tags import TAG_MAX_LENGTH

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


# -- hashtags and mentions --------------------------------------------------------------------

# A tag: letters (any script), digits and _, at least one letter, at most TAG_MAX_LENGTH; not
# glued to a word before it (C#, a#b) nor part of a longer run (that is not a tag at all).
TAG_NAME = rf"\w{{1,{TAG_MAX_LENGTH}}}"
HASHTAG = re.compile(rf"(?<![\w#&/])#({TAG_NAME})(?!\w)")
# A mention: a username (SPEC §2's characters) not inside an address (a@b.org is linkified as
# mail before this runs) and not followed by @domain (a remote account: federation's job). A
# sentence's full stop after it is not part of it.
MENTION = re.compile(r"(?<![\w@/.])@([A-Za-z][A-Za-z0-9_.]*[A-Za-z0-9_]|[A-Za-z])(?![\w@]|\.\w)")


@dataclass
class Rendered:
    html: str
    tags: list = field(default_factory=list)  # lower-cased names, first-seen order, unique
    mentions: list = field(default_factory=list)  # (user id, username), first-seen order


def normalise_tag(name):
    """The stored form of a tag (NFC, lower case) or None when `name` is not a tag."""
    name = unicodedata.normalize("NFC", name)
    if re.fullmatch(TAG_NAME, name) is None:
        return None
    return name.lower() if any(c.isalpha() for c in name) else None


def _accounts_named(candidates):
    """lower(username) -> (id, username) for the candidates that are accounts (one query)."""
    if not candidates or not has_app_context():
        return {}
    rows = db.session.execute(
        select(User.id, User.username).where(func.lower(User.username).in_(candidates))
    )
    return {username.lower(): (user_id, username) for user_id, username in rows}


def _pieces(text, with_tags):
    """(start, end, kind, name) of each tag and mention in a run of plain text, in order."""
    found = [(m.start(), m.end(), "mention", m.group(1)) for m in MENTION.finditer(text)]
    if with_tags:
        for m in HASHTAG.finditer(text):
            if normalise_tag(m.group(1)):
                found.append((m.start(), m.end(), "tag", m.group(1)))
    return sorted(found)


def _plain_text_tokens(tokens):
    """The text tokens of inline content that are not inside a link."""
    for block in tokens:
        depth = 0
        for token in block.children or ():
            if token.type == "link_open":
                depth += 1
            elif token.type == "link_close":
                depth -= 1
            elif token.type == "text" and depth == 0:
                yield block, token


def _link(href, text):
    return [
        Token("link_open", "a", 1, attrs={"href": href}),
        Token("text", "", 0, content=text),
        Token("link_close", "a", -1),
    ]


def _social_links(state):
    """Core rule: turn #tags and @mentions in plain text into links, noting them in env."""
    with_tags = not state.env.get("no_tags")
    runs = [
        (block, token, _pieces(token.content, with_tags))
        for block, token in _plain_text_tokens(state.tokens)
    ]
    candidates = {
        name.lower() for *_, pieces in runs for *_, kind, name in pieces if kind == "mention"
    }
    accounts = _accounts_named(candidates)
    tags, mentions = state.env.setdefault("tags", []), state.env.setdefault("mentions", [])
    replacements = {}
    for block, token, pieces in runs:
        out, at = [], 0
        for start, end, kind, name in pieces:
            if kind == "tag":
                tag = normalise_tag(name)
                link = _link(f"/tags/{quote(tag)}", f"#{name}")
                if tag not in tags:
                    tags.append(tag)
            elif (account := accounts.get(name.lower())) is not None:
                link = _link(f"/user/{account[1]}", f"@{account[1]}")
                if account not in mentions:
                    mentions.append(account)
            else:
                continue
            if start > at:
                out.append(Token("text", "", 0, content=token.content[at:start]))
            out.extend(link)
            at = end
        if out:
            if at < len(token.content):
                out.append(Token("text", "", 0, content=token.content[at:]))
            replacements.setdefault(id(block), (block, {}))[1][id(token)] = out
    for block, by_token in replacements.values():
        block.children = [new for t in block.children for new in by_token.get(id(t), [t])]


_markdown.core.ruler.after("text_join", "social_links", _social_links)
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


def render_post_refs(source):
    env = {}
    html = _clean(_markdown.render(source, env), POST_TAGS)
    return Rendered(html, env["tags"], env["mentions"])


def render_comment_refs(source):
    # Comments allow inline markup only, so render inline and keep line breaks as text. A
    # comment's #words are not the post's tags: they stay text.
    env = {"no_images": True, "no_tags": True}
    html = _clean(_markdown.renderInline(source, env), COMMENT_TAGS)
    return Rendered(html, [], env["mentions"])


def render_post(source):
    return render_post_refs(source).html


def render_comment(source):
    return render_comment_refs(source).html


def render(source, kind="post"):
    return render_comment(source) if kind == "comment" else render_post(source)
