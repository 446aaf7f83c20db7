"""Picture uploads through nginx (issue [5/8]): latency of a ~3 MB 12-megapixel JPEG one at a
time, then 8 at once with the workers' peak RSS sampled while they run.

The JPEG is blurred colour noise (a photo's file size: flat colours would compress to almost
nothing),
made once with Pillow. Each upload is decoded, oriented, re-encoded twice (full and preview)
and stored, as SPEC §9 says; the figures are that whole request.

bench/run.py calls measure_on(stack, users) with logged-in users ({"token"}).
"""

import io
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from common import summary, worker_rss

SIZE = (4000, 3000)  # 12 megapixels
AT_ONCE = 8


def photo_like_jpeg():
    from PIL import Image, ImageFilter

    noise = Image.merge("RGB", [Image.effect_noise(SIZE, 64) for _ in range(3)])
    out = io.BytesIO()
    noise.filter(ImageFilter.GaussianBlur(1)).save(out, "JPEG", quality=80)  # about 2.8 MB
    return out.getvalue()


def _upload(url, token, data):
    started = time.perf_counter()
    response = requests.post(
        f"{url}/api/media",
        headers={"Authorization": f"Bearer {token}"},
        files={"file": ("photo.jpg", data, "image/jpeg")},
        data={"alt": "Noise, for the benchmark"},
        timeout=120,
    )
    response.raise_for_status()
    return (time.perf_counter() - started) * 1000


def measure_on(stack, users, sequential=20, concurrent_rounds=3):
    data = photo_like_jpeg()
    tokens = [user["token"] for user in users]
    one_by_one = [_upload(stack.url, tokens[n % len(tokens)], data) for n in range(sequential)]

    peak = {}
    done = threading.Event()

    def sample():
        while not done.is_set():
            for name, mb in worker_rss(stack).items():
                peak[name] = max(peak.get(name, 0), mb)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    at_once = []
    started = time.perf_counter()

    def upload(n):
        return _upload(stack.url, tokens[n % len(tokens)], data)

    with ThreadPoolExecutor(AT_ONCE) as pool:
        for _ in range(concurrent_rounds):
            at_once.extend(pool.map(upload, range(AT_ONCE)))
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    return {
        "file_mb": round(len(data) / 1e6, 2),
        "megapixels": SIZE[0] * SIZE[1] / 1e6,
        "sequential_ms": summary(one_by_one),
        "concurrent": AT_ONCE,
        "concurrent_ms": summary(at_once),
        "concurrent_uploads_per_s": round(len(at_once) / elapsed, 2),
        "worker_rss_peak_mb": peak,
    }
