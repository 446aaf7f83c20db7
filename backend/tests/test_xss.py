"""Nothing a user types may run script: an XSS corpus through every field that is stored.

body_html (posts, comments, the preview) is parsed with html.parser and must hold only
allowed tags and attributes, hrefs with http/https/mailto (or no scheme) and the rel on
every link. Profile fields are plain text: returned verbatim, never as HTML.
"""

import re
from html.parser import HTMLParser

import pytest
from content_factories import make_posts

POST_TAGS = {
    "a", "abbr", "acronym", "b", "blockquote", "code", "em", "i", "li", "ol", "pre",
    "strong", "ul", "h1", "h2", "h3", "p",
}  # fmt: skip
COMMENT_TAGS = {"a", "abbr", "acronym", "b", "code", "em", "i", "strong"}
ATTRIBUTES = {"a": {"href", "title", "rel"}, "abbr": {"title"}, "acronym": {"title"}}
SCHEMES = {"http", "https", "mailto"}
REL = "nofollow noopener noreferrer"

CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<a href="javascript:alert(1)">x</a>',
    "<a href='JaVaScRiPt:alert(1)'>x</a>",
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript&#x3A;alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="https://ok.example" onclick="alert(1)" style="color:red">ok</a>',
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    "<svg onload=alert(1)><circle r=10 /></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">x</math>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="background-image:url(javascript:alert(1))">x</div>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
    "<body onload=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<p onmouseover=alert(1)>hover</p>",
    "<b><i><u onclick=alert(1)>nested</u></i></b>",
    "<<script>script>alert(1)<</script>/script>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click](vbscript:alert(1))",
    '[click](https://ok.example "title" onclick="alert(1)")',
    '[click](https://ok.example "\\" onmouseover=\\"alert(1)")',
    "[click](\\u006aavascript:alert(1))",
    "[click](java%73cript:alert(1))",
    "<javascript:alert(1)>",
    "<JavaScript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "![x](javascript:alert(1))",
    "![x](https://tracker.example/p.png)",
    '![x](https://ok.example/a.png "a" onerror="alert(1)")',
    "[![x](https://tracker.example/p.png)](javascript:alert(1))",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "\u003cscript\u003ealert(1)\u003c/script\u003e",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "> <script>alert(1)</script>\n> [a](javascript:alert(1))",
    "- <img src=x onerror=alert(1)>\n- [b](vbscript:x)",
    "https://ok.example/<script>alert(1)</script>",
    'www.example.com/"onmouseover="alert(1)',
    "mailto:x@example.com?subject=<script>",
    '<abbr title="x" onclick="alert(1)">a</abbr>',
    '<a href="https://ok.example" target="_blank" rel="opener">ok</a>',
]


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
