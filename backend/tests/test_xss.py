"""Nothing a user types may run script: an XSS corpus (devstack.xss_corpus, shared with the
browser test e2e/test_xss_browser.py) through every field that is stored.

body_html (posts, comments, the preview) is parsed with html.parser and must hold only
allowed tags and attributes, hrefs with http/https/mailto (or no scheme) and the rel on
every link. Profile fields are plain text: returned verbatim, never as HTML.
"""

import re
from html.parser import HTMLParser

import pytest
from content_factories import make_posts

from devstack.xss_corpus import CORPUS

POST_TAGS = {
    "a", "abbr", "acronym", "b", "blockquote", "code", "em", "i", "li", "ol", "pre",
    "strong", "ul", "h1", "h2", "h3", "p", "s",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
COMMENT_TAGS = {"a", "abbr", "acronym", "b", "code", "em", "i", "strong", "s"}
ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "abbr": {"title"},
    "acronym": {"title"},
    "th": {"align"},
    "td": {"align"},
}
ALIGNMENTS = {"left", "center", "right"}
SCHEMES = {"http", "https", "mailto"}
REL = "nofollow noopener noreferrer"


def browser_scheme(href):
    """The scheme a browser would see: control characters and whitespace are ignored."""
    cleaned = re.sub(r"[\x00-\x20]", "", href)
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


class SafetyChecker(HTMLParser):
    def __init__(self, allowed_tags):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.allowed_tags:
            self.problems.append(f"tag <{tag}>")
        names = [name for name, _ in attrs]
        for name, value in attrs:
            if name not in ATTRIBUTES.get(tag, set()):
                self.problems.append(f"attribute {name} on <{tag}>")
            if name == "align" and value not in ALIGNMENTS:
                self.problems.append(f"align {value!r} on <{tag}>")
            if name == "href":
                scheme = browser_scheme(value or "")
                if scheme is not None and scheme not in SCHEMES:
                    self.problems.append(f"href scheme {scheme!r}: {value!r}")
        if tag == "a" and dict(attrs).get("rel") != REL:
            self.problems.append(f"<a> without rel={REL!r}: {attrs}")
        if len(names) != len(set(names)):
            self.problems.append(f"duplicate attributes on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.problems.append(f"comment {data!r}")

    def handle_decl(self, decl):
        self.problems.append(f"declaration {decl!r}")

    def handle_pi(self, data):
        self.problems.append(f"processing instruction {data!r}")

    def unknown_decl(self, data):
        self.problems.append(f"unknown declaration {data!r}")


def assert_safe(html, allowed_tags):
    assert isinstance(html, str)
    checker = SafetyChecker(allowed_tags)
    checker.feed(html)
    checker.close()
    assert checker.problems == [], html


def test_checker_catches_what_it_should():
    """The oracle itself: unsafe markup must be reported (so the tests below can fail)."""
    for unsafe in (
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)" rel="nofollow noopener noreferrer">x</a>',
        '<a href="java\tscript:alert(1)" rel="nofollow noopener noreferrer">x</a>',
        '<a href="https://ok.example">no rel</a>',
        '<p onclick="x">x</p>',
        "<img src=x>",
        '<td style="color:red">x</td>',
        '<td align="x onmouseover">x</td>',
        "<!-- x -->",
    ):
        checker = SafetyChecker(POST_TAGS)
        checker.feed(unsafe)
        assert checker.problems, unsafe
    checker = SafetyChecker(COMMENT_TAGS)
    checker.feed("<p>x</p>")
    assert checker.problems


@pytest.fixture
def writer(make_user, auth_headers):
    user = make_user("writer")
    return user, auth_headers(user)


@pytest.mark.parametrize("source", CORPUS)
def test_posts_create_and_edit(client, writer, source):
    _, headers = writer
    created = client.post("/api/posts", json={"body": source}, headers=headers)
    assert created.status_code == 201
    assert_safe(created.json["body_html"], POST_TAGS)
    assert created.json["body"] == source.strip()  # the source is kept as typed
    post_id = created.json["id"]
    assert_safe(client.get(f"/api/posts/{post_id}").json["body_html"], POST_TAGS)

    edited = client.patch(f"/api/posts/{post_id}", json={"body": f"edit {source}"}, headers=headers)
    assert edited.status_code == 200
    assert_safe(edited.json["body_html"], POST_TAGS)
    for item in client.get("/api/posts").json["items"]:
        assert_safe(item["body_html"], POST_TAGS)


@pytest.mark.parametrize("source", CORPUS)
def test_comments(client, writer, app, source):
    user, headers = writer
    (post_id,) = make_posts(app, user)
    created = client.post(f"/api/posts/{post_id}/comments", json={"body": source}, headers=headers)
    assert created.status_code == 201
    assert_safe(created.json["body_html"], COMMENT_TAGS)
    listed = client.get(f"/api/posts/{post_id}/comments").json["items"]
    assert_safe(listed[0]["body_html"], COMMENT_TAGS)


@pytest.mark.parametrize("source", CORPUS)
def test_markdown_preview(client, writer, source):
    _, headers = writer
    for kind, tags in (("post", POST_TAGS), ("comment", COMMENT_TAGS)):
        response = client.post(
            "/api/markdown", json={"body": source, "kind": kind}, headers=headers
        )
        assert response.status_code == 200
        assert_safe(response.json["html"], tags)


PROFILE_TEXT = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "<b>bold</b> & **stars**",
]


@pytest.mark.parametrize("text", PROFILE_TEXT)
def test_profile_fields_are_plain_text(client, writer, text):
    user, headers = writer
    fields = {"name": text[:64], "location": text[:64], "about_me": text}
    response = client.patch("/api/me", json=fields, headers=headers)
    assert response.status_code == 200
    for body in (response.json, client.get(f"/api/users/{user.id}").json):
        for field, value in fields.items():
            assert body[field] == value  # verbatim, never rendered or escaped
        assert not [key for key in body if key.endswith("_html")]
    listed = client.get("/api/users").json["items"][0]
    assert listed["name"] == fields["name"]
    assert not [key for key in listed if key.endswith("_html")]
