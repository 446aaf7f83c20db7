"""Pictures (SPEC §9): uploads recognised by their content and re-encoded without metadata,
their place in posts, avatars, the quota, the cleanup of what no one names any more, on both
storages: every test taking `store` runs on local files and on an S3 server of its own
(moto's standalone server, devstack.s3). Images are made here with Pillow.
"""

import io
import json
import struct
import uuid
import zlib
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests
from content_factories import make_posts, row_counts
from PIL import Image, ImageCms, ImageFile

from devstack.s3 import s3_server
from devstack.testing import PASSWORD
from inkwell.extensions import db
from inkwell.models import Media, Task, utcnow
from inkwell.services.media import cleanup_unattached

# --- images -----------------------------------------------------------------------------------


def image_bytes(fmt="JPEG", size=(64, 48), color=(200, 30, 30), mode="RGB", **options):
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, fmt, **options)
    return out.getvalue()


def jpeg_with_metadata():
    """400 x 200, left half red, right half blue, tagged "rotate 90° clockwise" (a phone held
    upright), with GPS coordinates, a camera name, an ICC profile, XMP and a comment."""
    image = Image.new("RGB", (400, 200), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 200, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x010F] = "SecretCam"  # Make
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    image.save(
        out,
        "JPEG",
        exif=exif,
        icc_profile=srgb,
        comment=b"secret comment",
        xmp=b"<x:xmpmeta>secret xmp</x:xmpmeta>",
        quality=95,
    )
    data = out.getvalue()
    assert b"SecretCam" in data and b"secret comment" in data and b"secret xmp" in data
    return data


def animated_gif():
    frames = [Image.new("RGB", (40, 30), color) for color in [(255, 0, 0), (0, 0, 255)] * 10]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=50, loop=0)
    return out.getvalue()


def png_header_claiming(width, height):
    """A real PNG (made by Pillow) whose header says width x height: a few hundred bytes that
    would decode to billions of pixels."""
    data = bytearray(image_bytes("PNG", size=(8, 8)))
    ihdr = 8 + 8  # signature, then the IHDR chunk's length and type
    data[ihdr : ihdr + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12 : ihdr + 13]))
    data[ihdr + 13 : ihdr + 17] = struct.pack(">I", crc)
    return bytes(data)


def riff_chunks(webp):
    assert webp[:4] == b"RIFF" and webp[8:12] == b"WEBP"
    chunks, offset = [], 12
    while offset + 8 <= len(webp):
        name, size = (
            webp[offset : offset + 4],
            struct.unpack("<I", webp[offset + 4 : offset + 8])[0],
        )
        chunks.append(name)
        offset += 8 + size + (size & 1)
    return chunks


# --- storage: local files and an S3 server ----------------------------------------------------


@pytest.fixture(scope="session")
def s3():
    with s3_server() as server:
        yield server


@pytest.fixture(params=["local", "s3"])
def store(request, app, monkeypatch):
    """The storage under test, with `files()` listing what it holds."""
    if request.param == "local":
        root = Path(app.config["MEDIA_DIR"])
        root.mkdir(parents=True, exist_ok=True)
        for leftover in root.iterdir():  # other modules' uploads share the suite's app
            leftover.unlink()
        return SimpleNamespace(kind="local", files=lambda: sorted(p.name for p in root.iterdir()))
    server = request.getfixturevalue("s3")
    bucket = server.public_bucket(f"media-{uuid.uuid4().hex[:12]}")
    for key, value in server.config(bucket).items():
        monkeypatch.setitem(app.config, key, value)
    return SimpleNamespace(kind="s3", files=lambda: server.keys(bucket), url=server.url)


def fetch(client, url):
    """(status, bytes, headers) of a media URL, as a browser would get it."""
    if url.startswith("/"):
        response = client.get(url)
        return response.status_code, response.data, response.headers
    response = requests.get(url, timeout=10)
    return response.status_code, response.content, response.headers


def key_of(url):
    return url.rsplit("/", 1)[1]


# --- callers ---------------------------------------------------------------------------------


def upload(client, headers, data, name="photo.jpg", alt="A picture", content_type="image/jpeg"):
    form = {"file": (io.BytesIO(data), name, content_type)}
    if alt is not None:
        form["alt"] = alt
    return client.post("/api/media", data=form, headers=headers, content_type="multipart/form-data")


def put_avatar(client, headers, data):
    form = {"file": (io.BytesIO(data), "me.png", "image/png")}
    return client.put(
        "/api/me/avatar", data=form, headers=headers, content_type="multipart/form-data"
    )


@pytest.fixture
def writer(make_user, auth_headers):
    user = make_user("writer")
    return SimpleNamespace(user=user, headers=auth_headers(user))


@pytest.fixture
def other(make_user, auth_headers):
    user = make_user("other")
    return SimpleNamespace(user=user, headers=auth_headers(user))


def assert_error(response, status, field=None):
    assert response.status_code == status, response.get_data(as_text=True)[:400]
    assert response.is_json
    assert response.json["error"] and response.json["message"]
    if field:
        assert field in response.json.get("errors", {}), response.json


# --- uploads -----------------------------------------------------------------------------------


def test_upload_answers_the_resource_and_serves_webp(client, writer, store):
    response = upload(client, writer.headers, image_bytes(size=(3000, 1000)), alt="  A red field ")
    assert response.status_code == 201, response.json
    body = response.json
    assert set(body) == {"id", "url", "preview_url", "width", "height", "alt"}
    assert (body["width"], body["height"]) == (2048, 683)
    assert body["alt"] == "A red field"
    assert response.headers["Location"] == f"/api/media/{body['id']}"
    if store.kind == "local":
        assert body["url"].startswith("/media/")
    else:
        assert body["url"].startswith(store.url)

    status, full, headers = fetch(client, body["url"])
    assert status == 200
    assert headers["Content-Type"] == "image/webp"
    assert "max-age=31536000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"] and "public" in headers["Cache-Control"]
    if store.kind == "local":  # S3 cannot set it: the CDN or nginx in front does
        assert headers["X-Content-Type-Options"] == "nosniff"
    with Image.open(io.BytesIO(full)) as image:
        assert image.format == "WEBP" and image.size == (2048, 683)
    status, preview, _ = fetch(client, body["preview_url"])
    with Image.open(io.BytesIO(preview)) as image:
        assert image.format == "WEBP" and image.size == (640, 213)
    # Files are named by their content.
    assert sorted({key_of(body["url"]), key_of(body["preview_url"])}) == store.files()


def test_metadata_is_dropped_and_orientation_applied(client, writer, store):
    response = upload(client, writer.headers, jpeg_with_metadata())
    assert response.status_code == 201, response.json
    assert (response.json["width"], response.json["height"]) == (200, 400)  # turned upright
    for url in (response.json["url"], response.json["preview_url"]):
        status, data, _ = fetch(client, url)
        assert status == 200
        for secret in (b"SecretCam", b"secret comment", b"secret xmp", b"Exif", b"GPS"):
            assert secret not in data
        assert set(riff_chunks(data)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif()
            assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)
            # The red half is now on top.
            rgb = image.convert("RGB")
            top, bottom = rgb.getpixel((rgb.width // 2, 5)), rgb.getpixel((rgb.width // 2, -5))
        assert top[0] > 200 and top[2] < 60, top
        assert bottom[2] > 200 and bottom[0] < 60, bottom


@pytest.mark.parametrize(
    ("fmt", "options", "mode"),
    [("PNG", {}, "RGBA"), ("WEBP", {"quality": 90}, "RGB"), ("JPEG", {}, "CMYK")],
)
def test_png_webp_and_cmyk_jpeg_are_accepted(client, writer, store, fmt, options, mode):
    color = (10, 200, 10, 128) if mode == "RGBA" else (10, 200, 10, 0)[: len(mode)]
    data = image_bytes(fmt, size=(50, 40), color=color, mode=mode, **options)
    response = upload(client, writer.headers, data, name="no-extension", content_type="text/plain")
    assert response.status_code == 201, response.json
    assert (response.json["width"], response.json["height"]) == (50, 40)
    _, full, _ = fetch(client, response.json["url"])
    with Image.open(io.BytesIO(full)) as image:
        assert image.mode == ("RGBA" if mode == "RGBA" else "RGB")


def test_an_animated_gif_keeps_its_first_frame(client, writer, store):
    response = upload(client, writer.headers, animated_gif(), name="anim.gif")
    assert response.status_code == 201, response.json
    _, full, _ = fetch(client, response.json["url"])
    with Image.open(io.BytesIO(full)) as image:
        assert getattr(image, "n_frames", 1) == 1
        red, green, blue = image.convert("RGB").getpixel((20, 15))
    assert red > 200 and blue < 60


NOT_IMAGES = {
    "svg": (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "a.svg",
        "image/svg+xml",
    ),
    "html": (b"<!doctype html><script>alert(1)</script>", "a.jpg", "image/jpeg"),
    "pdf": (b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF", "a.pdf", "application/pdf"),
    "script renamed .jpg": (b"#!/bin/sh\nrm -rf /\n", "cat.jpg", "image/jpeg"),
    "text claiming to be a PNG": (b"hello", "a.png", "image/png"),
    "empty": (b"", "a.jpg", "image/jpeg"),
    "BMP (an image, not one of ours)": (image_bytes("BMP"), "a.bmp", "image/bmp"),
}


@pytest.mark.parametrize("kind", NOT_IMAGES)
def test_what_is_not_an_image_of_ours_is_415(client, writer, app, store, kind):
    data, name, content_type = NOT_IMAGES[kind]
    before = row_counts(app)
    response = upload(client, writer.headers, data, name=name, content_type=content_type)
    assert_error(response, 415, "file")
    assert row_counts(app) == before
    assert store.files() == []


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_a_truncated_image_is_422(client, writer, app, store, fmt):
    data = image_bytes(fmt, size=(300, 200))
    before = row_counts(app)
    response = upload(client, writer.headers, data[: len(data) // 2])
    assert_error(response, 422, "file")
    assert row_counts(app) == before
    assert store.files() == []


@pytest.mark.parametrize("size", [(50_000, 50_000), (7_000, 6_000)])
def test_too_many_pixels_is_422_before_decoding(client, writer, app, store, monkeypatch, size):
    """50 000 x 50 000 (Pillow's own bomb guard) and 42 megapixels (ours: 40 at most), each in
    a file of a few hundred bytes: refused from the header, no pixel decoded."""
    data = png_header_claiming(*size)
    assert len(data) < 1000

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    before = row_counts(app)
    response = upload(client, writer.headers, data, name="bomb.png")
    assert_error(response, 422, "file")
    assert "megapixels" in response.json["message"]
    assert row_counts(app) == before
    assert store.files() == []


def test_a_file_over_the_limit_is_413(client, writer, app, store, monkeypatch):
    monkeypatch.setitem(app.config, "MEDIA_MAX_BYTES", 2000)
    data = image_bytes("PNG", size=(200, 200), color=(1, 2, 3))
    data += b"\0" * (2001 - len(data))  # past the limit within the form's allowance
    before = row_counts(app)
    response = upload(client, writer.headers, data)
    assert_error(response, 413, "file")
    assert row_counts(app) == before
    assert store.files() == []


class CountingStream:
    """A request body of `size` bytes that says how many of them were read."""

    def __init__(self, size):
        self.size, self.position, self.read_bytes = size, 0, 0

    def tell(self):
        return self.position

    def seek(self, offset, whence=0):
        self.position = self.size + offset if whence == 2 else offset

    def read(self, n=-1):
        left = self.size - self.position
        n = left if n is None or n < 0 else min(n, left)
        n = min(n, 65536)
        self.position += n
        self.read_bytes += n
        return b"x" * n

    def readline(self, n=-1):
        return self.read(n)


def test_a_body_over_the_limit_is_413_without_reading_it(client, writer, app):
    size = 50 * 1024 * 1024
    body = CountingStream(size)
    response = client.post(
        "/api/media",
        input_stream=body,
        headers={**writer.headers, "Content-Length": str(size)},
        content_type="multipart/form-data; boundary=x",
    )
    assert_error(response, 413)
    assert "10 MiB" in response.json["message"]
    assert body.read_bytes == 0


def test_the_quota_is_413(client, writer, app, store, monkeypatch):
    monkeypatch.setitem(app.config, "MEDIA_QUOTA_MB", 1)
    with app.app_context():
        db.session.add(
            Media(owner_id=writer.user.id, full_key="a" * 64 + ".webp",
                  preview_key="b" * 64 + ".webp", width=1, height=1, bytes=1024 * 1024 - 100)
        )  # fmt: skip
        db.session.commit()
    before = row_counts(app)
    response = upload(client, writer.headers, image_bytes(size=(300, 300)))
    assert_error(response, 413, "file")
    assert "1 MB" in response.json["message"]
    assert row_counts(app) == before
    assert store.files() == []


def test_upload_form_errors(client, writer, app):
    before = row_counts(app)
    # JSON instead of a form
    response = client.post("/api/media", json={"file": "x"}, headers=writer.headers)
    assert_error(response, 415)
    # no file part; a text field named file; alt too long or with a NUL; an unknown field
    form = "multipart/form-data"
    assert_error(client.post("/api/media", data={"alt": "x"}, headers=writer.headers,
                             content_type=form), 422, "file")  # fmt: skip
    assert_error(client.post("/api/media", data={"file": "text"}, headers=writer.headers,
                             content_type=form), 422, "file")  # fmt: skip
    assert_error(upload(client, writer.headers, image_bytes(), alt="a" * 1501), 422, "alt")
    assert_error(upload(client, writer.headers, image_bytes(), alt="a\x00b"), 422, "alt")
    response = client.post(
        "/api/media",
        data={"file": (io.BytesIO(image_bytes()), "a.jpg"), "is_admin": "1"},
        headers=writer.headers,
        content_type=form,
    )
    assert_error(response, 422, "is_admin")
    assert row_counts(app) == before


def test_embedded_file_route_serves_only_media_files(client, app, monkeypatch):
    assert_error(client.get("/media/nope.webp"), 404)
    assert_error(client.get("/media/" + "A" * 64 + ".webp"), 404)
    assert_error(client.get("/media/" + "a" * 64 + ".webp"), 404)
    monkeypatch.setitem(app.config, "MEDIA_STORAGE", "s3")
    assert_error(client.get("/media/" + "a" * 64 + ".webp"), 404)


# --- pictures in posts -----------------------------------------------------------------------


def new_media(client, who, alt="A picture", color=(200, 30, 30)):
    response = upload(client, who.headers, image_bytes(color=color), alt=alt)
    assert response.status_code == 201, response.json
    return response.json


def test_posts_carry_their_pictures_in_order(client, writer, store):
    first, second = (
        new_media(client, writer, "first"),
        new_media(client, writer, "second", (1, 2, 3)),
    )
    response = client.post(
        "/api/posts",
        json={"body": "Look", "media_ids": [second["id"], first["id"]]},
        headers=writer.headers,
    )
    assert response.status_code == 201, response.json
    assert [m["alt"] for m in response.json["media"]] == ["second", "first"]
    assert response.json["media"][0] == second
    post_id = response.json["id"]
    assert client.get(f"/api/posts/{post_id}").json["media"] == [second, first]
    assert client.get("/api/posts").json["items"][0]["media"] == [second, first]
    assert client.get("/api/feed", headers=writer.headers).json["items"][0]["media"][1] == first

    # PATCH: a new order, one picture left out (deleted with its files), one added
    third = new_media(client, writer, "third", (9, 9, 9))
    response = client.patch(
        f"/api/posts/{post_id}",
        json={"media_ids": [third["id"], first["id"]]},
        headers=writer.headers,
    )
    assert response.status_code == 200, response.json
    assert [m["id"] for m in response.json["media"]] == [third["id"], first["id"]]
    assert response.json["edited_at"]
    assert key_of(second["url"]) not in store.files()
    assert fetch(client, second["url"])[0] in (403, 404)
    # Only the body: the pictures stay.
    response = client.patch(f"/api/posts/{post_id}", json={"body": "x"}, headers=writer.headers)
    assert len(response.json["media"]) == 2

    # Deleting the post deletes its files.
    assert client.delete(f"/api/posts/{post_id}", headers=writer.headers).status_code == 204
    assert store.files() == []


def test_media_ids_are_checked(client, writer, other, app, store):
    mine = new_media(client, writer)
    no_alt = new_media(client, writer, alt=None)
    theirs = new_media(client, other)
    taken = new_media(client, writer)
    client.post(
        "/api/posts", json={"body": "a", "media_ids": [taken["id"]]}, headers=writer.headers
    )
    five = [new_media(client, writer)["id"] for _ in range(4)] + [mine["id"]]
    before = row_counts(app)
    for media_ids, message in [
        ([theirs["id"]], "not one of your uploads"),
        ([no_alt["id"]], "alt text"),
        ([taken["id"]], "not one of your uploads"),
        ([mine["id"], mine["id"]], "twice"),
        ([10**6], "not one of your uploads"),
        (five, "Longer than maximum length 4"),
        (["1"], "Not a valid integer"),
    ]:
        response = client.post(
            "/api/posts", json={"body": "b", "media_ids": media_ids}, headers=writer.headers
        )
        assert_error(response, 422, "media_ids")
        assert message in json.dumps(response.json), response.json
    assert row_counts(app) == before

    # Alt text can be added after the upload; then the picture may be posted.
    response = client.patch(f"/api/media/{no_alt['id']}", json={"alt": "Now described"},
                            headers=writer.headers)  # fmt: skip
    assert response.status_code == 200 and response.json["alt"] == "Now described"
    response = client.post(
        "/api/posts", json={"body": "c", "media_ids": [no_alt["id"]]}, headers=writer.headers
    )
    assert response.status_code == 201, response.json
    # ...and its alt text cannot be emptied while it is posted.
    response = client.patch(f"/api/media/{no_alt['id']}", json={"alt": " "}, headers=writer.headers)
    assert_error(response, 422, "alt")
    # Someone else's picture can be neither described nor deleted.
    assert_error(client.patch(f"/api/media/{mine['id']}", json={"alt": "x"},
                              headers=other.headers), 403)  # fmt: skip
    assert_error(client.delete(f"/api/media/{mine['id']}", headers=other.headers), 403)
    assert_error(client.delete("/api/media/999999", headers=writer.headers), 404)


def test_a_file_shared_by_two_uploads_stays_until_both_are_gone(client, writer, other, store):
    same = image_bytes(size=(100, 80), color=(5, 6, 7))
    mine = upload(client, writer.headers, same).json
    theirs = upload(client, other.headers, same).json
    assert mine["url"] == theirs["url"] and mine["id"] != theirs["id"]
    assert client.delete(f"/api/media/{mine['id']}", headers=writer.headers).status_code == 204
    assert fetch(client, theirs["url"])[0] == 200
    assert client.delete(f"/api/media/{theirs['id']}", headers=other.headers).status_code == 204
    assert store.files() == []


def test_uploads_not_attached_within_a_day_are_deleted(client, writer, app, store, runner):
    old = new_media(client, writer, color=(1, 1, 1))
    fresh = new_media(client, writer, color=(2, 2, 2))
    posted = new_media(client, writer, color=(3, 3, 3))
    client.post(
        "/api/posts", json={"body": "a", "media_ids": [posted["id"]]}, headers=writer.headers
    )
    with app.app_context():
        for media_id in (old["id"], posted["id"]):
            db.session.get(Media, media_id).created_at = utcnow() - timedelta(hours=25)
        db.session.commit()
        assert cleanup_unattached() == 1
        remaining = set(db.session.scalars(db.select(Media.id)))
    assert remaining == {fresh["id"], posted["id"]}
    assert key_of(old["url"]) not in store.files()
    assert key_of(fresh["url"]) in store.files() and key_of(posted["url"]) in store.files()
    # The same from the command line.
    with app.app_context():
        db.session.get(Media, fresh["id"]).created_at = utcnow() - timedelta(hours=25)
        db.session.commit()
    result = runner.invoke(args=["media", "cleanup"])
    assert result.exit_code == 0, result.output
    assert "deleted 1 unattached upload" in result.output
    assert key_of(fresh["url"]) not in store.files()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def test_own_pictures_may_appear_in_the_markdown(client, writer, store):
    picture = new_media(client, writer)
    body = f"![a cat]({picture['url']}) and ![tracker](https://tracker.example/p.png)"
    html = client.post("/api/posts", json={"body": body}, headers=writer.headers).json["body_html"]
    assert f'<img src="{picture["url"]}" alt="a cat" loading="lazy">' in html
    # Another site's picture is never loaded: it is a link (its alt text) the reader may follow.
    assert html.count("<img") == 1
    assert (
        '<a href="https://tracker.example/p.png" rel="nofollow noopener noreferrer">tracker</a>'
        in html
    )


# --- avatars -----------------------------------------------------------------------------------


def test_avatar_upload_is_a_centred_square_and_can_be_removed(client, writer, app, store):
    image = Image.new("RGB", (900, 300), (255, 0, 0))
    image.paste((0, 255, 0), (300, 0, 600, 300))  # the centre third is green
    out = io.BytesIO()
    image.save(out, "PNG")
    identicon = client.get("/api/me", headers=writer.headers).json["avatar_url"]

    response = put_avatar(client, writer.headers, out.getvalue())
    assert response.status_code == 200, response.json
    url = response.json["avatar_url"]
    assert url != identicon and key_of(url).endswith(".webp")
    status, data, _ = fetch(client, url)
    with Image.open(io.BytesIO(data)) as avatar:
        assert avatar.size == (400, 400)
        for x in (5, 200, 394):
            red, green, _ = avatar.convert("RGB").getpixel((x, 200))
            assert green > 200 and red < 60, (x, red, green)
    # Every user resource points at it.
    assert client.get("/api/users/writer").json["avatar_url"] == url
    post = client.post("/api/posts", json={"body": "hi"}, headers=writer.headers).json
    assert post["author"]["avatar_url"] == url

    # A new one replaces the old (its file deleted); removing it brings the identicon back.
    second = put_avatar(client, writer.headers, image_bytes("PNG", color=(0, 0, 255))).json
    assert store.files() == [key_of(second["avatar_url"])]
    assert client.delete("/api/me/avatar", headers=writer.headers).status_code == 204
    assert client.get("/api/me", headers=writer.headers).json["avatar_url"] == identicon
    assert store.files() == []
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Media.id))) == 0


def test_avatar_bad_input(client, writer, app, store):
    before = row_counts(app)
    assert_error(put_avatar(client, writer.headers, b"<svg/>"), 415, "file")
    assert_error(put_avatar(client, writer.headers, png_header_claiming(50_000, 50_000)), 422)
    assert_error(client.put("/api/me/avatar", json={}, headers=writer.headers), 415)
    assert row_counts(app) == before
    assert store.files() == []


# --- deletion and export -------------------------------------------------------------------------


def test_deleting_the_account_deletes_its_files(client, writer, other, store):
    shared = image_bytes(size=(90, 90), color=(4, 4, 4))
    picture = upload(client, writer.headers, shared).json
    client.post("/api/posts", json={"body": "a", "media_ids": [picture["id"]]},
                headers=writer.headers)  # fmt: skip
    upload(client, writer.headers, image_bytes(color=(8, 8, 8)))
    put_avatar(client, writer.headers, image_bytes("PNG", color=(9, 9, 9)))
    kept = upload(client, other.headers, shared).json  # the same picture, someone else's
    response = client.delete("/api/me", json={"password": PASSWORD}, headers=writer.headers)
    assert response.status_code == 204
    assert store.files() == sorted({key_of(kept["url"]), key_of(kept["preview_url"])})


def test_the_export_lists_the_pictures(client, writer, app, store):
    picture = new_media(client, writer, alt="A red square")
    client.post("/api/posts", json={"body": "with", "media_ids": [picture["id"]]},
                headers=writer.headers)  # fmt: skip
    client.post("/api/posts", json={"body": "without"}, headers=writer.headers)
    response = client.post("/api/tasks", json={"name": "export_posts"}, headers=writer.headers)
    assert response.status_code == 202
    with app.app_context():
        task = db.session.get(Task, response.json["id"])
        document = json.loads(Path(task.result_path).read_text())
    media = {post["body"]: post["media"] for post in document["posts"]}
    assert media["without"] == []
    (exported,) = media["with"]
    assert exported["alt"] == "A red square"
    assert (exported["width"], exported["height"]) == (picture["width"], picture["height"])
    assert exported["url"].endswith(key_of(picture["url"]))
    assert exported["url"].startswith("http")  # absolute: usable outside the site


def test_pictures_do_not_break_a_post_listing_for_someone_without_any(client, app, make_user):
    (post_id,) = make_posts(app, make_user("plain"))
    assert client.get(f"/api/posts/{post_id}").json["media"] == []


def test_pictures_and_avatars_share_one_upload_budget_per_user(
    client, writer, other, app, monkeypatch
):
    """Every upload is decoded and re-encoded (seconds of CPU): RATELIMIT_UPLOADS caps them per
    user, post pictures and avatars together; another user keeps their own budget."""
    monkeypatch.setitem(app.config, "RATELIMIT_UPLOADS", "3/hour")
    small = image_bytes(size=(20, 20))
    assert upload(client, writer.headers, small).status_code == 201
    assert put_avatar(client, writer.headers, small).status_code == 200
    assert upload(client, writer.headers, small).status_code == 201
    before = row_counts(app)
    refused = upload(client, writer.headers, small)
    assert_error(refused, 429)
    assert "Try again in" in refused.json["message"]
    assert_error(put_avatar(client, writer.headers, small), 429)
    assert row_counts(app) == before
    assert upload(client, other.headers, small).status_code == 201
