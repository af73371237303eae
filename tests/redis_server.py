"""A Redis server for the tests that need one: the one bin/with-redis started (REDIS_URL), or a
throwaway one on a unix socket; without redis-server those tests are skipped, saying why."""

import os
import shutil
import subprocess
import time

import pytest


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip(
            "redis-server not found: the Redis tests need it (apt-get install redis-server)"
        )
    folder = tmp_path_factory.mktemp("redis")
    socket = folder / "redis.sock"
    process = subprocess.Popen(
        [server, "--port", "0", "--unixsocket", str(socket), "--dir", str(folder), "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        if socket.exists():
            break
        time.sleep(0.05)
    yield f"unix://{socket}?db=0"
    process.terminate()
    process.wait(timeout=10)
