"""The app under gunicorn on a loopback port, as it runs in production, and its workers' memory."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench.client import fetch
from bench.environment import PROJECT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of one process in MB, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Gunicorn:
    """gunicorn serving config.wsgi on 127.0.0.1 with the current process's environment.

    Sync workers by default, as in the README's deployment; `threads` > 1 switches to gthread.
    No --max-requests here: the bench measures whether a worker's memory grows by itself
    (production keeps --max-requests as a safety net, see docs/benchmarks.md).
    """

    def __init__(self, workdir: Path, *, workers: int = 2, threads: int = 1, name: str = "app"):
        self.workers = workers
        self.threads = threads
        self.port = free_port()
        self.log_path = workdir / f"gunicorn-{name}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        return [
            str(gunicorn if gunicorn.exists() else "gunicorn"),
            "config.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            f"--threads={self.threads}",
            "--timeout=120",
            "--graceful-timeout=10",
            "--log-level=warning",
            "--error-logfile=-",
        ]

    def start(self, timeout: float = 60) -> Gunicorn:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 (our own fixed command line)
            self.command(), cwd=PROJECT, stdout=log, stderr=subprocess.STDOUT, env=os.environ
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited at start; see {self.log_path}")
            if len(self.worker_pids()) == self.workers and self._answers():
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s; see {self.log_path}")

    def _answers(self) -> bool:
        try:
            return fetch(self.url, "/healthz/", timeout=2).status == 200
        except OSError:
            return False

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name is in parentheses and may hold spaces: split after it.
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == self.process.pid:
                pids.append(int(entry.name))
        return sorted(pids)

    def worker_rss_mb(self) -> list[float]:
        return [rss_mb(pid) for pid in self.worker_pids()]

    def log_count(self, needle: str) -> int:
        try:
            return self.log_path.read_text(errors="replace").count(needle)
        except OSError:
            return 0

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> Gunicorn:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
