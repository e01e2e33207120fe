"""Simulated caseworkers, each saving steps of their own screening with think time between.

Run as its own process (`python -m bench.caseworkers SPEC.json`), so that the load generator
does not share the bench's interpreter; it prints one JSON line of results. Each caseworker,
as a browser would:

1. opens a step of their screening (GET), reading the CSRF token and the form's version;
2. thinks (`think` seconds, fixed, as the brief for the bench says: 10 s);
3. saves it (POST with the token, the version, every answer and note filled), which must
   redirect to the next step, and follows the redirect (GET), reading the new version;
4. thinks again and saves that step, and so on; after the last step it opens the first again.

Caseworkers start spread evenly over the first think time, so requests arrive at an even rate
from the start. Every request is timed from connecting to the last byte of the answer. Plain
asyncio sockets, one connection a request (gunicorn's sync workers close it after each reply).
Errors: a status other than 200 (or 302 for a save), a save that does not redirect to the next
step, a broken connection, no answer within `timeout` seconds.
"""

from __future__ import annotations

import asyncio
import json
import math
import random
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

CSRF_PLACEHOLDER = "__CSRF__"


@dataclass
class Caseworker:
    """One simulated caseworker: their session, and their screening's steps in order."""

    session: str
    steps: list[str]  # step paths, in order
    after_last: str  # where saving the last step goes (the "check and complete" page)
    bodies: list[str]  # each step's POST body without the version, CSRF token as a placeholder


@dataclass
class Spec:
    url: str
    seconds: float
    think: float
    timeout: float
    caseworkers: list[Caseworker]
    seed: int = 1


@dataclass
class Outcome:
    """What one level of load came to: latencies in ms by request kind, and the errors."""

    caseworkers: int
    seconds: float
    think: float = 0.0
    get_ms: list[float] = field(default_factory=list)
    post_ms: list[float] = field(default_factory=list)
    save_ms: list[float] = field(default_factory=list)  # a POST and the GET it redirects to
    errors: dict[str, int] = field(default_factory=dict)
    cpu_seconds: float = 0.0  # the load generator's own CPU time

    def error(self, reason: str) -> None:
        self.errors[reason] = self.errors.get(reason, 0) + 1

    @property
    def requests(self) -> int:
        return len(self.get_ms) + len(self.post_ms)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def p(self, percent: float, kind: str = "all") -> float:
        """The `percent` percentile of the latencies (nearest rank), in ms."""
        values = sorted(self.get_ms + self.post_ms if kind == "all" else getattr(self, kind))
        if not values:
            return 0.0
        return values[min(len(values) - 1, max(0, math.ceil(percent / 100 * len(values)) - 1))]


class Failed(Exception):
    """A request a caseworker would have seen fail."""


def _hidden(html: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', html)
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0)) if tag else None
    if not value:
        raise Failed(f"no {name} in the page")
    return value.group(1)


async def request(
    host: str,
    port: int,
    method: str,
    path: str,
    cookies: dict[str, str],
    body: str = "",
    timeout: float = 30,
) -> tuple[int, dict[str, str], str, float]:
    """One HTTP/1.1 request on its own connection: (status, headers, body, milliseconds)."""
    started = time.perf_counter()
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
    lines.append("Cookie: " + "; ".join(f"{name}={value}" for name, value in cookies.items()))
    data = body.encode()
    if method == "POST":
        lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(data)}"]
    payload = ("\r\n".join(lines) + "\r\n\r\n").encode() + data

    async def exchange() -> bytes:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            writer.write(payload)
            await writer.drain()
            return await reader.read()
        finally:
            writer.close()

    try:
        raw = await asyncio.wait_for(exchange(), timeout)
    except TimeoutError as error:
        raise Failed("timeout") from error
    except OSError as error:
        raise Failed(f"connection: {type(error).__name__}") from error
    elapsed = (time.perf_counter() - started) * 1000
    head, _, content = raw.partition(b"\r\n\r\n")
    if not head:
        raise Failed("empty answer")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        if name.lower() == "set-cookie":
            jar = SimpleCookie()
            jar.load(value.strip())
            cookies.update({key: morsel.value for key, morsel in jar.items()})
        else:
            headers[name.lower()] = value.strip()
    return int(status_line.split()[1]), headers, content.decode("utf-8", "replace"), elapsed


async def caseworker(worker: Caseworker, spec: Spec, outcome: Outcome, start: float, stop: float):
    parts = urlsplit(spec.url)
    host, port = parts.hostname, parts.port
    cookies = {"sessionid": worker.session}
    await asyncio.sleep(max(0.0, start - time.monotonic()))
    step, page = 0, ""

    async def get(path: str) -> tuple[str, float]:
        status, _headers, html, ms = await request(
            host, port, "GET", path, cookies, "", spec.timeout
        )
        outcome.get_ms.append(ms)
        if status != 200:
            raise Failed(f"GET answered {status}")
        return html, ms

    while time.monotonic() < stop:
        try:
            if not page:  # open the step (the first, or the first again after the last)
                page, _ms = await get(worker.steps[step])
                continue
            await asyncio.sleep(spec.think)
            if time.monotonic() >= stop:
                break
            token, version = _hidden(page, "csrfmiddlewaretoken"), _hidden(page, "version")
            body = f"version={version}&" + worker.bodies[step].replace(CSRF_PLACEHOLDER, token)
            status, headers, _html, post_ms = await request(
                host, port, "POST", worker.steps[step], cookies, body, spec.timeout
            )
            outcome.post_ms.append(post_ms)
            last = step == len(worker.steps) - 1
            expected = worker.after_last if last else worker.steps[step + 1]
            if status != 302 or not headers.get("location", "").endswith(expected):
                raise Failed(f"save answered {status}, not a redirect to the next step")
            page, get_ms = await get(expected)
            outcome.save_ms.append(post_ms + get_ms)
            if last:  # back to the first step, after a look at the "check and complete" page
                await asyncio.sleep(spec.think)
                step, page = 0, ""
            else:
                step += 1
        except Failed as failure:
            outcome.error(str(failure))
            page = ""  # start again from the step, as a person would reload it
            await asyncio.sleep(spec.think)


async def run(spec: Spec) -> Outcome:
    outcome = Outcome(len(spec.caseworkers), spec.seconds, spec.think)
    began = time.monotonic()
    stop = began + spec.seconds
    count = len(spec.caseworkers)
    spread = random.Random(spec.seed)
    tasks = [
        caseworker(worker, spec, outcome, began + spec.think * (i + spread.random()) / count, stop)
        for i, worker in enumerate(spec.caseworkers)
    ]
    await asyncio.gather(*tasks)
    return outcome


def main(path: str) -> int:
    with open(path) as spec_file:
        raw = json.loads(spec_file.read())
    raw["caseworkers"] = [Caseworker(**worker) for worker in raw["caseworkers"]]
    spec = Spec(**raw)
    cpu = time.process_time()
    outcome = asyncio.run(run(spec))
    outcome.cpu_seconds = time.process_time() - cpu
    print(json.dumps(asdict(outcome)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
