"""`motcua start --sandbox PORT` (what `make run` ends with): the sandbox's fakes beside the
server, and the server's configuration pointing at them."""

import os
import socket
import subprocess
import sys
import time

from tests.core.test_start import free_port, stop_group, wait_for


def free_ipv4_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_start_runs_the_sandbox_beside_the_server(tmp_path):
    sandbox = free_ipv4_port()
    env = {**os.environ, "VAR_DIR": str(tmp_path),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'start.sqlite3'}",
           "DVCQG_URL": f"http://127.0.0.1:{sandbox}/dvcqg", "DVCQG_AGENCY_CODE": "000.00.00.H40",
           "DVCQG_USERNAME": "motcua", "DVCQG_PASSWORD": "sandbox"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    motcua = [sys.executable, "-m", "motcua.cli"]
    subprocess.run([*motcua, "migrate", "-v0"], env=env, check=True, timeout=300)
    port = free_port()
    process = subprocess.Popen(
        [*motcua, "start", "--no-worker", "--addrport", f"[::]:{port}", "--sandbox", str(sandbox)],
        env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        assert wait_for(f"http://127.0.0.1:{sandbox}/", deadline) == 200
        assert wait_for(f"http://127.0.0.1:{port}/healthz", deadline) == 200
        check = subprocess.run([*motcua, "dvcqg_sync"], env=env, capture_output=True,
                               text=True, timeout=60)
        assert check.returncode == 0 and "Đã đồng bộ 0 hồ sơ" in check.stdout
    finally:
        stop_group(process)
