"""Where media files live: a folder (MEDIA_STORAGE=local, MEDIA_DIR) or an S3 bucket
(MEDIA_STORAGE=s3) through boto3. Both store and delete files by key; browsers read them at
models.media.media_url (nginx or Flask serve the folder, the bucket serves itself).

One storage per app and configuration, kept in app.extensions (the tests switch an app
between the two).
"""

import os
import re
import tempfile
from pathlib import Path

from flask import current_app

CONTENT_TYPE = "image/webp"
CACHE_CONTROL = "public, max-age=31536000, immutable"
# Keys are the content's SHA-256 and the extension: nothing else is ever a key.
KEY = re.compile(r"[0-9a-f]{64}\.webp")
EXTENSION_KEY = "inkwell.media_storage"


def valid_key(key):
    return bool(KEY.fullmatch(key or ""))


class LocalStorage:
    def __init__(self, root):
        self.root = Path(root)

    def path(self, key):
        if not valid_key(key):
            raise ValueError(f"not a media key: {key!r}")
        return self.root / key

    def put(self, key, data):
        path = self.path(key)
        if path.exists():  # named by content: the same bytes are already there
            return
        self.root.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: a reader never sees half a file.
        fd, temp = tempfile.mkstemp(dir=self.root, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(temp, 0o644)  # nginx's workers read it
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def delete(self, key):
        self.path(key).unlink(missing_ok=True)


class S3Storage:
    def __init__(self, bucket, endpoint=None, region=None, access_key=None, secret_key=None):
        import boto3  # only deployments on S3 pay for importing it

        self.bucket = bucket
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=region or "us-east-1",
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
        )

    def put(self, key, data):
        self.client.put_object(
            Bucket=self.bucket,
            Key=key,
            Body=data,
            ContentType=CONTENT_TYPE,
            CacheControl=CACHE_CONTROL,
        )

    def delete(self, key):
        self.client.delete_object(Bucket=self.bucket, Key=key)


def storage():
    """The app's storage for its current configuration."""
    config = current_app.config
    kind = config["MEDIA_STORAGE"]
    if kind == "s3":
        settings = (
            config["MEDIA_S3_BUCKET"],
            config["MEDIA_S3_ENDPOINT"],
            config["MEDIA_S3_REGION"],
            config["MEDIA_S3_ACCESS_KEY_ID"],
            config["MEDIA_S3_SECRET_ACCESS_KEY"],
        )
    elif kind == "local":
        settings = (config["MEDIA_DIR"],)
    else:
        raise RuntimeError(f"MEDIA_STORAGE must be local or s3, not {kind!r}")
    cache = current_app.extensions.setdefault(EXTENSION_KEY, {})
    if (kind, settings) not in cache:
        cache[(kind, settings)] = S3Storage(*settings) if kind == "s3" else LocalStorage(*settings)
    return cache[(kind, settings)]
