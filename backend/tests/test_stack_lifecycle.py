"""`python -m devstack.stack` (make stack): nginx.conf renders, Ctrl-C leaves no orphans ([4/6])."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devstack.processes import (
    BACKEND_DIR,
    FRONTEND_DIST,
    NGINX_TEMPLATE,
    free_port,
    render_nginx_conf,
)

NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
needs_nginx = pytest.mark.skipif(NGINX is None and not os.environ.get("CI"), reason="no nginx")
# Under CI (make test builds the SPA first) a missing build is a failure, not a skip.
needs_spa = pytest.mark.skipif(
    not (FRONTEND_DIST / "index.html").exists() and not os.environ.get("CI"),
    reason="SPA not built (npm run build)",
)


def render(tmp_path, ports=(5001, 5002)):
    return render_nginx_conf(
        NGINX_TEMPLATE.read_text(),
        port=8088,
        api_ports=list(ports),
        root=FRONTEND_DIST,
        run_dir=tmp_path,
        media_root=tmp_path / "files",
    )


def test_native_nginx_conf_rewrites_only_the_marked_lines(tmp_path):
    conf = render(tmp_path, ports=(5001, 5002, 5003))
    assert "listen 127.0.0.1:8088;" in conf
    assert f"root {FRONTEND_DIST.resolve()};" in conf
    assert f"root {(tmp_path / 'files').resolve()};" in conf
    assert f"pid {tmp_path / 'nginx.pid'};" in conf
    assert f"proxy_temp_path {tmp_path / 'tmp' / 'proxy'};" in conf
    for port in (5001, 5002, 5003):
        assert f"server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" in conf
    assert "server api1:5000" not in conf and "log /var/log" not in conf
    assert "root /usr/share" not in conf and "pid /var" not in conf
    assert "root /var/lib/inkwell" not in conf
    # Everything else is the compose file verbatim.
    assert "ip_hash;" in conf and "frame-ancestors 'none'" in conf


def test_pictures_in_a_bucket_are_allowed_by_the_csp_and_nothing_else_is(tmp_path):
    def img_src(conf):
        (default,) = re.findall(r'\n\s*default "default-src[^"]*"', conf)
        return re.search(r"img-src ([^;]*);", default).group(1).split()

    assert img_src(render(tmp_path)) == ["'self'", "data:", "$inkwell_media_origin"]
    assert 'default "";  # native' not in render(tmp_path)
    assert re.search(r'\$inkwell_media_origin \{\s*default "";', render(tmp_path))
    conf = render_nginx_conf(
        NGINX_TEMPLATE.read_text(), port=1, api_ports=[2], root=FRONTEND_DIST, run_dir=tmp_path,
        media_root=tmp_path, media_public_url="https://user:pw@media.example.org:8443/bucket/x",
    )  # fmt: skip
    assert re.search(r'\$inkwell_media_origin \{\s*default "https://media.example.org:8443";', conf)
    # Only an http(s) origin can get into the header: no quotes, no `;`, no other scheme.
    for bad in ('https://a.example";add_header X 1;"', "javascript:alert(1)", "ftp://h/x"):
        with pytest.raises(ValueError):
            render_nginx_conf(
                NGINX_TEMPLATE.read_text(), port=1, api_ports=[2], root=FRONTEND_DIST,
                run_dir=tmp_path, media_root=tmp_path, media_public_url=bad,
            )  # fmt: skip


def test_an_unknown_or_missing_marker_is_an_error(tmp_path):
    template = NGINX_TEMPLATE.read_text()
    with pytest.raises(ValueError, match="unknown native marker"):
        render_nginx_conf(
            template + "\nworker_rlimit_nofile 10;  # native: ?\n",
            port=1, api_ports=[2], root=FRONTEND_DIST, run_dir=tmp_path, media_root=tmp_path,
        )  # fmt: skip
    with pytest.raises(ValueError, match="missing"):
        render_nginx_conf(
            template.replace("listen 80;  # native: loopback port", "listen 80;"),
            port=1, api_ports=[2], root=FRONTEND_DIST, run_dir=tmp_path, media_root=tmp_path,
        )  # fmt: skip


@needs_nginx
@needs_spa
def test_rendered_nginx_conf_passes_nginx_t(tmp_path):
    (tmp_path / "tmp").mkdir()
    (tmp_path / "nginx.conf").write_text(render(tmp_path))
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", "nginx.conf", "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def descendants(pid):
    """Every process below pid (children were started in their own sessions, not groups of ours)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_stopping_the_stack_leaves_no_orphans(tmp_path, signum):
    nginx = NGINX is not None and (FRONTEND_DIST / "index.html").exists()
    argv = [sys.executable, "-m", "devstack.stack", "--database", "sqlite",
            "--port", str(free_port())] + ([] if nginx else ["--no-nginx"])  # fmt: skip
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'stack.db'}"}
    stack = subprocess.Popen(
        argv, cwd=BACKEND_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output = []
    try:
        for line in stack.stdout:
            output.append(line)
            if "stack ready" in line:
                break
        assert stack.poll() is None, "".join(output)
        children = descendants(stack.pid)
        # Redis, the SMTP sink, two API workers, the RQ worker, nginx (and its workers).
        assert len(children) >= (6 if nginx else 5), children
        stack.send_signal(signum)
        output.append(stack.communicate(timeout=30)[0])
        assert stack.returncode == 0, "".join(output)
        deadline = time.monotonic() + 5
        survivors = children
        while survivors and time.monotonic() < deadline:
            survivors = [pid for pid in children if alive(pid)]
            time.sleep(0.1)
        assert survivors == [], f"orphans: {survivors}\n{''.join(output)}"
    finally:
        if stack.poll() is None:
            stack.kill()
            stack.wait()
