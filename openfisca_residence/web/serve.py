"""`openfisca-residence serve`: the Web API for a public office.

    serve(host, port, workers=2, reform=None, limits=Limits())

Two parts, in two processes: the buffering front (`web.front`, asyncio) listens on host:port and
reads each request whole, within the limits of `web.limits`; gunicorn's sync workers
(`web.workers`, a child process) compute complete requests, one at a time each, on a Unix socket
in a private folder (mode 0700: only this user reaches the workers without the front). Stopping
the command (SIGTERM, Ctrl-C) stops both; the workers stopping stops the front.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openfisca_residence.web import front
from openfisca_residence.web.limits import Limits


def serve(
    host: str, port: int, workers: int = 1, reform: str | None = None, limits: Limits | None = None
) -> int:
    """Serve until stopped: 0, or 1 when the workers stopped by themselves."""
    limits = limits or Limits()
    folder = Path(tempfile.mkdtemp(prefix="openfisca-residence-api-"))
    socket = str(folder / "workers.sock")
    config = {"socket": socket, "workers": workers, "reform": reform, "limits": limits.as_options()}
    workers_process = subprocess.Popen(
        [sys.executable, "-m", "openfisca_residence.web.workers", json.dumps(config)]
    )
    try:
        return asyncio.run(front.serve(host, port, socket, workers, limits, workers_process))
    finally:
        workers_process.terminate()
        try:
            workers_process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            workers_process.kill()
            workers_process.wait()
        shutil.rmtree(folder, ignore_errors=True)
