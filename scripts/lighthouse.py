"""Lighthouse scores of the SPA as `make dev` serves it (issue [4/8]: accessibility >= 0.95,
performance >= 0.9 on the home and explore pages). A measurement, not a test: `make lighthouse`.

Lighthouse (176 MB of npm packages) is not a dependency of the project: `npx` fetches the
pinned version below into its cache on first use. Debian's Chromium runs it headless.

    .venv/bin/python scripts/lighthouse.py [--pages /,/explore] [--out /tmp/lighthouse]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from devstack.showcase import showcase_server

LIGHTHOUSE = "lighthouse@13.5.0"
CATEGORIES = ("performance", "accessibility", "best-practices")
BARS = {"performance": 0.9, "accessibility": 0.95}


def audit(url, chromium, out):
    report = out / (url.split("/", 3)[-1].replace("/", "_") or "home")
    env = {**os.environ, "CHROME_PATH": chromium}
    subprocess.run(
        [
            "npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json", "--output=html",
            f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env=env, check=True,
    )  # fmt: skip
    data = json.loads(Path(f"{report}.report.json").read_text())
    return {name: data["categories"][name]["score"] for name in CATEGORIES}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="/,/explore")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not chromium:
        sys.exit("Chromium is not installed (apt-get install chromium)")
    out = Path(args.out or tempfile.mkdtemp(prefix="inkwell-lighthouse-"))
    out.mkdir(parents=True, exist_ok=True)
    failed = False
    with showcase_server() as base:
        for path in args.pages.split(","):
            scores = audit(base + path, chromium, out)
            verdicts = []
            for name, score in scores.items():
                bar = BARS.get(name)
                met = bar is None or score >= bar
                failed |= not met
                verdicts.append(
                    f"{name} {score:.2f}"
                    + (f" (bar {bar}: {'met' if met else 'NOT MET'})" if bar else "")
                )
            print(f"{path:10s} " + ", ".join(verdicts))
    print(f"reports: {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
