"""Defect 4 of issue [4/8]: GitHub-flavoured tables and ~~strikethrough~~ render, and a picture
that is not one of our media files becomes a link whose text is its alt text (or its URL),
instead of vanishing. What the sanitiser lets through is proved by test_xss.py."""

import pytest

from inkwell.services.markdown import render_comment, render_post

OWN = "/media/" + "a" * 64 + ".webp"
REL = 'rel="nofollow noopener noreferrer"'


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


def test_tables_render_with_their_column_alignment(ctx):
    html = render_post("| Name | Qty | Note |\n|:--|--:|:-:|\n| tea | 2 | *hot* |")
    assert "<table>" in html and "<thead>" in html and "<tbody>" in html
    assert '<th align="left">Name</th>' in html
    assert '<th align="right">Qty</th>' in html
    assert '<td align="center"><em>hot</em></td>' in html
    assert "style" not in html  # alignment travels as align=, never as CSS


def test_a_table_is_only_a_table_in_posts(ctx):
    # Comments are inline Markdown: the pipes stay text.
    assert "<table" not in render_comment("| a | b |\n|---|---|\n| 1 | 2 |")


def test_strikethrough_in_posts_and_comments(ctx):
    assert render_post("~~gone~~ stays") == "<p><s>gone</s> stays</p>"
    assert render_comment("~~gone~~ stays") == "<s>gone</s> stays"


def test_a_foreign_picture_becomes_a_link_with_its_alt_text(ctx):
    html = render_post('![A *red* barn](https://example.org/barn.png "Farm")')
    assert html == (
        f'<p><a href="https://example.org/barn.png" title="Farm" {REL}>A red barn</a></p>'
    )
    assert "<img" not in html


def test_a_foreign_picture_without_alt_text_shows_its_url(ctx):
    html = render_post("![](https://example.org/p.png)")
    assert html == f'<p><a href="https://example.org/p.png" {REL}>https://example.org/p.png</a></p>'


def test_a_relative_picture_outside_media_is_a_link_too(ctx):
    html = render_post("![the logo](/static/logo.png)")
    assert html == f'<p><a href="/static/logo.png" {REL}>the logo</a></p>'


@pytest.mark.parametrize(
    "source",
    [
        "![alt](javascript:alert(1))",
        "![alt](data:image/png;base64,AAAA)",
        "![alt](vbscript:msgbox(1))",
        "![alt](mailto:someone@example.org)",
    ],
)
def test_a_picture_with_an_unsafe_url_keeps_only_text(ctx, source):
    html = render_post(source)
    assert "<a" not in html and "<img" not in html
    assert "alt" in html
    for scheme in ("javascript:", "data:", "vbscript:", "mailto:"):
        assert f'href="{scheme}' not in html


def test_alt_text_and_urls_are_escaped(ctx):
    html = render_post('![<b onmouseover="x">](https://example.org/a.png?q="><script>)')
    assert html == (
        f'<p><a href="https://example.org/a.png?q=%22%3E%3Cscript%3E" {REL}>'
        '&lt;b onmouseover="x"&gt;</a></p>'
    )


def test_our_own_media_still_render_as_pictures_in_posts(ctx):
    assert render_post(f"![a cat]({OWN})") == f'<p><img src="{OWN}" alt="a cat" loading="lazy"></p>'


def test_media_public_url_counts_as_our_own(ctx):
    ctx.config["MEDIA_PUBLIC_URL"] = "https://cdn.example.org/m"
    try:
        src = "https://cdn.example.org/m/" + "b" * 64 + ".webp"
        assert f'<img src="{src}"' in render_post(f"![x]({src})")
    finally:
        ctx.config["MEDIA_PUBLIC_URL"] = None


def test_comments_never_show_pictures_but_link_them(ctx):
    assert render_comment(f"![a cat]({OWN})") == f'<a href="{OWN}" {REL}>a cat</a>'
    assert render_comment("![x](https://example.org/x.png)") == (
        f'<a href="https://example.org/x.png" {REL}>x</a>'
    )


def test_the_preview_renders_the_same(client, make_user, auth_headers):
    headers = auth_headers(make_user())
    source = "~~old~~\n\n| a |\n|---|\n| 1 |\n\n![alt](https://example.org/i.png)"
    html = client.post("/api/markdown", json={"body": source}, headers=headers).json["html"]
    assert "<s>old</s>" in html and "<td>1</td>" in html
    assert f'<a href="https://example.org/i.png" {REL}>alt</a>' in html
