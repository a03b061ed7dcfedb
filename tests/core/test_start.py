"""`motcua start` (what `make run` ends with) serves on IPv4 and IPv6 loopback with a worker
and the scheduler."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def stop_group(process: subprocess.Popen) -> None:
    """SIGTERM to the process group (server, worker, sandbox), SIGKILL after 15 s."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def free_port() -> int:
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock:
        sock.bind(("::", 0))
        return sock.getsockname()[1]


def wait_for(url: str, deadline: float) -> int:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                return response.status
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.fixture
def started_server(tmp_path):
    env = {
        **os.environ, "VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'start.sqlite3'}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    motcua = [sys.executable, "-m", "motcua.cli"]
    subprocess.run([*motcua, "migrate", "-v0"], env=env, check=True, timeout=300)
    port = free_port()
    process = subprocess.Popen(
        [*motcua, "start", "--addrport", f"[::]:{port}"], env=env, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        yield port, process
    finally:
        stop_group(process)


def test_start_serves_on_ipv4_and_ipv6_loopback_with_the_task_worker_and_scheduler(started_server):
    port, process = started_server
    deadline = time.monotonic() + 60
    assert wait_for(f"http://127.0.0.1:{port}/", deadline) == 200
    assert wait_for(f"http://[::1]:{port}/admin/login/", deadline) == 200
    assert wait_for(f"http://127.0.0.1:{port}/healthz", deadline) == 200
    children = subprocess.run(
        ["ps", "-o", "args=", "--ppid", str(process.pid)], capture_output=True, text=True
    ).stdout
    assert "db_worker" in children
    assert "motcua.cli scheduler" in children  # the sync sweeper and the other periodic jobs


def test_the_trial_server_shows_visitors_the_site_404_page_not_its_addresses(started_server):
    port, _process = started_server
    base = f"http://127.0.0.1:{port}"
    assert wait_for(base + "/healthz", time.monotonic() + 60) == 200
    try:
        urllib.request.urlopen(base + "/khong-co/", timeout=10)  # noqa: S310 - loopback
    except urllib.error.HTTPError as error:
        status, page = error.code, error.read().decode()
    assert status == 404 and "Không tìm thấy trang" in page
    assert "URLconf" not in page and "tai-khoan/login" not in page.split("</header>", 1)[1]
    with urllib.request.urlopen(base + "/static/core/site.css", timeout=10) as css:  # noqa: S310
        assert css.status == 200  # the styles are served without DEBUG
