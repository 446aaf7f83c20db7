"""Issue [4/8], defect 7: the last word of a post search matches as a prefix ("Pyth" finds
Python), hostile queries never fail, and post snippets are plain text with <mark>s (no
Markdown syntax). Run with INKWELL_TEST_DB=postgres too."""

import pytest

from inkwell.services.plaintext import excerpt, markdown_to_text
from inkwell.services.search import render_snippet


def search(client, q, type_="posts"):
    response = client.get("/api/search", query_string={"q": q, "type": type_})
    assert response.status_code == 200, (q, response.json)
    return response.json


def ids(body):
    return [item["post"]["id"] for item in body["items"]]


@pytest.fixture
def post(client, make_user, auth_headers):
    headers = auth_headers(make_user("writer"))

    def write(body):
        response = client.post("/api/posts", json={"body": body}, headers=headers)
        assert response.status_code == 201, response.json
        return response.json["id"]

    return write


def test_the_last_word_matches_as_a_prefix(client, post):
    python = post("I have been learning Python for a year and I love it.")
    post("Nothing here about snakes or programming, only gardening.")
    for query in ("Pyth", "pyth", "learning pyth", "python", "love Pyt"):
        assert ids(search(client, query)) == [python], query


def test_only_the_last_word_is_a_prefix(client, post):
    post("I have been learning Python for a year and I love it.")
    # "Pyth" before another word must be a whole word: no match.
    assert ids(search(client, "pyth love")) == []


HOSTILE = ['"', "'", "*", ":", ":*", "&", "|", "!", "&|!", "(", ")", "<->", '"*:&|!()', "* : *"]


@pytest.mark.parametrize("type_", ["posts", "users"])
def test_punctuation_only_queries_find_nothing_without_error(client, post, type_):
    post('Python, quotes " and stars * and colons : everywhere & | !')
    for query in HOSTILE:
        assert search(client, query, type_)["items"] == [], query


def test_operators_around_a_prefix_are_not_syntax(client, post):
    python = post("Python tips for beginners.")
    for query in ("pyth*", "pyth:*", "'pyth'", '"pyth"', "!pyth", "tips & pyth", "tips | pyth"):
        assert ids(search(client, query)) == [python], query


def test_a_stop_word_as_the_last_word_does_not_fail(client, post):
    python = post("The Python book is on the table.")
    assert search(client, "the")["items"] is not None
    assert ids(search(client, "python the")) in ([python], [])


def test_post_snippets_show_no_markdown(client, post):
    post(
        "# Notes on **Python**\n\n> quoted _Python_ line\n\n- a [Python link](https://example.com/py)"
        "\n- `python -m venv`\n\n```py\nprint('python')\n```"
    )
    (item,) = search(client, "pyth")["items"]
    snippet = item["snippet"]
    assert "<mark>" in snippet, snippet
    for syntax in ("#", "**", "&gt;", "](", "https://example.com", "`", "- a", "```"):
        assert syntax not in snippet, (syntax, snippet)
    assert "Python link" in snippet.replace("<mark>", "").replace("</mark>", "")


def test_markdown_to_text():
    text = markdown_to_text(
        "## Title\n**bold** and *it* and ~~gone~~ [text](http://x.org) ![alt](http://x/i.png)\n"
        "> quote\n1. one\n* two\n`code` snake_case"
    )
    assert text == "Title bold and it and gone text alt quote one two code snake_case"
    # A fragment cut in the middle of a link or an emphasis.
    assert markdown_to_text("ink](http://x.org) and **half") == "and half"


def test_snippet_keeps_highlighting_and_escapes_after_stripping():
    raw = "**\x02Python\x03** <b>x</b> [\x02py\x03](http://e.org)"
    assert render_snippet(raw, markdown=True) == (
        "<mark>Python</mark> &lt;b&gt;x&lt;/b&gt; <mark>py</mark>"
    )


def test_excerpt_cuts_at_a_word():
    assert excerpt("**short**") == "short"
    long = "word " * 60
    cut = excerpt(long, 40)
    assert cut.endswith("…") and len(cut) <= 40 and "wor…" not in cut
