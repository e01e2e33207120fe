"""Drive one URL with wrk for a fixed time and read back req/s, p50, p95, p99 and every error.

wrk runs one thread per connection, so a connection's Lua state is its own: for step POSTs each
connection saves one screening and tracks its version (every save bumps it by one), counting a
redirect to the next step as a save and anything else as a refused one.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

MARK = "BENCH-RESULT "

LUA = r"""
-- Written by bench/load.py for one run.
local targets = {%(targets)s}
local body_rest = [==[%(body_rest)s]==]
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  local target = targets[counter]
  if target then
    thread:set("target_path", target[1])
    thread:set("next_path", target[2])
    thread:set("version", target[3])
  end
  table.insert(threads, thread)
end

function init(args)
  saved = 0
  refused = 0
end

if #targets > 0 then
  function request()
    return wrk.format("POST", target_path, nil, "version=" .. version .. "&" .. body_rest)
  end

  function response(status, headers, body)
    local location = headers["Location"] or ""
    if status == 302 and location:sub(-#next_path) == next_path then
      saved = saved + 1
      version = version + 1
    else
      refused = refused + 1
    end
  end
end

function done(summary, latency, requests)
  local saved, refused = 0, 0
  for _, thread in ipairs(threads) do
    saved = saved + (thread:get("saved") or 0)
    refused = refused + (thread:get("refused") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    '%(mark)s{"requests": %%d, "duration_us": %%d, "p50_us": %%.0f, "p95_us": %%.0f, '
    .. '"p99_us": %%.0f, '
    .. '"status": %%d, "connect": %%d, "read": %%d, "write": %%d, "timeout": %%d, '
    .. '"saved": %%d, "refused": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout, saved, refused))
end
"""


def settled(read, pause: float = 0.3, tries: int = 20):
    """Read until two readings `pause` apart agree (requests a client gave up on still finish)."""
    last = read()
    for _ in range(tries):
        time.sleep(pause)
        current = read()
        if current == last:
            return current
        last = current
    return last


@dataclass
class PostTarget:
    """One screening's step for one connection: where to POST, where success redirects."""

    path: str
    next_path: str
    version: int


@dataclass
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    non_2xx_3xx: int
    socket_errors: int
    p95_ms: float = 0.0
    saved: int = 0
    refused: int = 0
    raw: dict = field(default_factory=dict, repr=False)
    # The baseline view measured right before this run, under the same neighbours' load.
    baseline: LoadResult | None = field(default=None, repr=False)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        """Anything a user would see fail: a non-2xx/3xx status, a broken connection, a refusal."""
        return self.non_2xx_3xx + self.socket_errors + self.refused


def lua_script(targets: list[PostTarget] = (), body_rest: str = "") -> str:
    rows = ", ".join(f'{{"{t.path}", "{t.next_path}", {t.version}}}' for t in targets)
    return LUA % {"targets": rows, "body_rest": body_rest, "mark": MARK}


def parse(output: str) -> LoadResult:
    line = next((line for line in output.splitlines() if line.startswith(MARK)), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    raw = json.loads(line[len(MARK) :])
    return LoadResult(
        requests=raw["requests"],
        seconds=raw["duration_us"] / 1e6,
        p50_ms=raw["p50_us"] / 1000,
        p95_ms=raw["p95_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        non_2xx_3xx=raw["status"],
        socket_errors=raw["connect"] + raw["read"] + raw["write"] + raw["timeout"],
        saved=raw["saved"],
        refused=raw["refused"],
        raw=raw,
    )


def run_wrk(
    url: str,
    *,
    seconds: float,
    connections: int,
    headers: dict[str, str] | None = None,
    targets: list[PostTarget] = (),
    body_rest: str = "",
) -> LoadResult:
    """wrk with one thread per connection for `seconds`; POSTs when targets are given."""
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed: `apt-get install wrk` (make bench does it).")
    if targets and len(targets) != connections:
        raise ValueError("A POST run needs one target per connection.")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua_script(targets, body_rest))
    command = [
        shutil.which("wrk"),
        f"-t{connections}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
    ]
    command += ["--timeout", "60s", "-s", script.name]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    try:
        # Our own fixed command line and a loopback URL.
        result = subprocess.run(  # noqa: S603
            [*command, url], capture_output=True, text=True, check=False, timeout=seconds + 120
        )
    finally:
        Path(script.name).unlink()
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr or result.stdout}")
    return parse(result.stdout)
