"""Markdown reduced to the words a reader sees: for search snippets and notification excerpts.

Not a renderer: it removes Markdown's syntax (emphasis, headings, quotes, list markers, code
fences, link and image targets) with patterns, so it also works on a fragment cut from the
middle of a post (a search snippet). The result is plain text: callers escape it.
"""

import re

_RULES = [
    (re.compile(r"```[^\n]*"), " "),  # fences (and their info string)
    (re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),  # [text](url), ![alt](src)
    (re.compile(r"!?\[([^\]\n]*)\]\[[^\]\n]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$", re.MULTILINE), " "),  # [ref]: url
    (re.compile(r"^[^\[\n]*\]\([^)\n]*\)"), " "),  # a link cut in half by a snippet: "…](url)"
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # <autolinks>
    (re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE), ""),  # headings
    (re.compile(r"^\s{0,3}(?:>\s?)+", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+", re.MULTILINE), ""),  # list items
    (re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$", re.MULTILINE), " "),  # rules
    (re.compile(r"(\*{1,3}|~~)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis, strikethrough
    # _emphasis_ only between word boundaries, as in CommonMark: ann_b and snake_case stay.
    (re.compile(r"(?<!\w)(_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)"), r"\2"),
    (re.compile(r"`+"), ""),  # inline code marks
    (re.compile(r"(?<!\w)[*_~]{1,3}|[*~]{1,3}(?!\w)"), ""),  # markers left unpaired by a cut
    (re.compile(r"\s+"), " "),
]


def markdown_to_text(markdown):
    """`markdown` without its syntax, on one line."""
    text = markdown or ""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text.strip()


def excerpt(markdown, limit=140):
    """The first `limit` characters of the text of `markdown`, cut at a word with "…"."""
    text = markdown_to_text(markdown)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"
