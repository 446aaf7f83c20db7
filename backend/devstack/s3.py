"""A local S3-compatible server (moto's standalone server) for the media tests and the stack:

    with s3_server() as server:
        bucket = server.public_bucket("media-test")
        app.config.update(server.config(bucket))

It listens on a free loopback port in a process group of its own (stopped without orphans);
any access key works. `public_bucket` gives the bucket the policy a deployment would use:
anyone may read its objects (the pictures are public), only the API writes.
"""

import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path

from .processes import Process, free_port, port_open, wait_until

ACCESS_KEY = "inkwell-test"
SECRET_KEY = "inkwell-test-secret"
REGION = "us-east-1"


class S3Server:
    def __init__(self, port):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )

    def public_bucket(self, name):
        """Create bucket `name`, readable by anyone (GetObject), and return its name."""
        client = self.client()
        client.create_bucket(Bucket=name)
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{name}/*",
                }
            ],
        }
        client.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
        return name

    def keys(self, bucket):
        listing = self.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def config(self, bucket):
        """The app settings that put media in `bucket` on this server."""
        return {
            "MEDIA_STORAGE": "s3",
            "MEDIA_S3_BUCKET": bucket,
            "MEDIA_S3_ENDPOINT": self.url,
            "MEDIA_S3_REGION": REGION,
            "MEDIA_S3_ACCESS_KEY_ID": ACCESS_KEY,
            "MEDIA_S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "MEDIA_PUBLIC_URL": f"{self.url}/{bucket}",
        }


@contextlib.contextmanager
def s3_server(port=None, timeout=30):
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="inkwell-s3-") as run_dir:
        process = Process(
            "s3",
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            {**os.environ, "PYTHONUNBUFFERED": "1"},
            Path(run_dir) / "s3.log",
        ).start()
        try:

            def ready():
                if not process.alive:
                    raise RuntimeError(f"the S3 server exited:\n{process.log()[-3000:]}")
                return port_open(port)

            wait_until(ready, timeout, "S3 server")
            yield S3Server(port)
        finally:
            process.stop()
