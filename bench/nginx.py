"""Step saves through nginx over HTTPS, in front of one app server and then two (the nginx phase).

`run_through_nginx`, in the bench's process, starts bench/nginx.sh: it starts the production
recipe's parts as `make production-check` does (deploy/check/stack.sh: a throwaway PostgreSQL,
two gunicorn app servers with deploy/gunicorn.conf.py, Debian's nginx with
deploy/nginx/screening.conf and a self-signed certificate), puts nginx in front of the first app
server alone, then of both, and each time runs this module (`python -m bench.nginx`) with the
app's environment file, so that it can make its drafts in that database and read them back.

Each time the same load: wrk with one connection a draft, each saving step 2 of its own draft
again and again with every answer and note filled (bench/load.py), through nginx over HTTPS,
after an unmeasured warm-up. Read back: req/s, p50/p95/p99 of a save, the errors, how many
requests each app server answered (nginx's access log names it), and how many saves the database
holds: the drafts' versions must account for every acknowledged save.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from glob import glob
from pathlib import Path

from bench.environment import PROJECT

SCRIPT = PROJECT / "bench" / "nginx.sh"
# What the stack's processes may take from the bench's own environment: nothing that configures
# the app. The bench runs its other phases with plain-HTTP settings and SQLite (environment.py);
# the app servers here run with deploy/screening.env alone, as in production.
PASSED_ON = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "CI")
UPSTREAM = re.compile(r" upstream=(.*?) upstream_status=")


@dataclass
class NginxRun:
    """One measured run through nginx: the load, what wrk saw and what the database holds."""

    app_servers: int
    workers: int  # sync workers in each app server
    connections: int
    seconds: float
    requests: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int  # statuses other than 2xx/3xx, broken connections, saves not acknowledged
    saved: int  # acknowledged: the save redirected to the next step
    stored: int  # how far the drafts' versions grew over the run (each save bumps one)
    served: dict[str, int] = field(default_factory=dict)  # requests by app server ("1", "2")

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def lost(self) -> int:
        """Acknowledged saves the database does not show."""
        return max(0, self.saved - self.stored)


def versions() -> dict[str, str]:
    """The versions of nginx and PostgreSQL the phase runs, for the machine facts."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    postgres = sorted(glob("/usr/lib/postgresql/*/bin/postgres"))
    facts = {}
    for name, command in (("nginx", [nginx, "-v"]), ("PostgreSQL", postgres[-1:] + ["--version"])):
        try:
            ran = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        except OSError:
            facts[name] = "not installed"
            continue
        found = re.search(r"\d+\.\d+(\.\d+)?", ran.stdout + ran.stderr)
        facts[name] = found.group(0) if found else "unknown"
    return facts


def run_through_nginx(args, workdir: Path) -> list[NginxRun]:
    """Run bench/nginx.sh with the bench's settings; its runs, one app server, then two."""
    results = workdir / "nginx-runs.jsonl"
    results.unlink(missing_ok=True)
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    env |= {
        "PY": sys.executable,
        "BENCH_WORKERS": str(args.workers),
        "BENCH_SECONDS": str(args.seconds),
        "BENCH_WARMUP": str(args.warmup),
        "BENCH_CONNECTIONS": str(args.connections),
        "BENCH_RESULTS": str(results),
        "BENCH_STATIC_MANIFEST": "false" if args.no_collectstatic else "true",
    }
    with subprocess.Popen(  # noqa: S603 (our own script)
        [str(SCRIPT)],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as script:
        try:
            output, _ = script.communicate(timeout=2 * (args.seconds + args.warmup) + 600)
        except subprocess.TimeoutExpired:
            # SIGTERM, not the SIGKILL of subprocess.run: its trap stops all it started.
            script.terminate()
            output, _ = script.communicate(timeout=60)
            output += "\n(stopped: it took too long)"
    (workdir / "nginx-phase.log").write_text(output)
    if script.returncode != 0:
        raise RuntimeError(f"bench/nginx.sh failed ({script.returncode}):\n{output[-3000:]}")
    runs = [NginxRun(**json.loads(line)) for line in results.read_text().splitlines()]
    if [run.app_servers for run in runs] != [1, 2]:
        raise RuntimeError(f"bench/nginx.sh measured {len(runs)} runs, not one then two servers")
    return runs


def upstreams(access_log: Path, skip: int) -> list[str]:
    """The app server that answered each request nginx logged, after the first `skip` lines."""
    answered = []
    for line in access_log.read_text().splitlines()[skip:]:
        found = UPSTREAM.search(line)
        if found:  # a request tried on two servers names both: the last one answered
            answered.append(found.group(1).split(",")[-1].strip())
    return answered


def drive(options: argparse.Namespace) -> NginxRun:
    """The warm-up and the measured run through nginx; Django is set up on the stack's database."""
    from bench import data
    from bench.client import open_form
    from bench.load import PostTarget, run_wrk, settled
    from screening.models import Screening

    servers = [f"127.0.0.1:{port}" for port in options.app_servers.split(",")]
    user = data.caseworker()
    session = data.session_for(user)
    drafts = data.drafts(user, options.connections, f"HK-NGINX-{len(servers)}")
    path = drafts[0].step_url(2)
    form = open_form(
        options.base_url, path, session, tls=ssl.create_default_context(cafile=options.ca)
    )
    headers = {
        "Cookie": f"sessionid={session}; csrftoken={form.csrf_cookie}",
        "Content-Type": "application/x-www-form-urlencoded",
        # What a browser sends with a form: Django's CSRF check over HTTPS reads the origin.
        "Origin": options.base_url,
        "Referer": options.base_url + path,
    }
    body = data.step_form(drafts[0].groups[0], csrf_token=form.csrf_token, marker="[nginx]")
    stored = Screening.objects.filter(pk__in=[draft.pk for draft in drafts])

    def current() -> dict:
        # Saves still in flight when wrk stopped land too: read until the versions stay put.
        return settled(lambda: dict(stored.values_list("pk", "version")))

    def run(seconds: float):
        start = current()
        logged = len(options.access_log.read_text().splitlines())  # the requests before this run
        targets = [PostTarget(d.step_url(2), d.step_url(3), start[d.pk]) for d in drafts]
        result = run_wrk(
            options.base_url + path,
            seconds=seconds,
            connections=options.connections,
            headers=headers,
            targets=targets,
            body_rest=body,
        )
        return result, sum(start.values()), logged

    if options.warmup > 0:
        run(options.warmup)
    result, started, logged = run(options.seconds)
    saves_stored = sum(current().values()) - started
    answered = Counter(upstreams(options.access_log, logged))
    # By the app server's place behind nginx ("1", "2"): its port changes from run to run.
    served = dict(
        sorted(
            (str(servers.index(server) + 1) if server in servers else server, count)
            for server, count in answered.items()
        )
    )
    return NginxRun(
        app_servers=len(servers),
        workers=options.workers,
        connections=options.connections,
        seconds=result.seconds,
        requests=result.requests,
        p50_ms=result.p50_ms,
        p95_ms=result.p95_ms,
        p99_ms=result.p99_ms,
        errors=result.errors,
        saved=result.saved,
        stored=saves_stored,
        served=served,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.nginx", description=__doc__)
    add = parser.add_argument
    add("--base-url", required=True, help="nginx's HTTPS address, https://localhost:PORT")
    add("--ca", required=True, help="The self-signed certificate nginx presents.")
    add("--access-log", type=Path, required=True, help="nginx's access log (names the server).")
    add("--app-servers", required=True, help="Ports of the app servers behind nginx, in order.")
    add("--workers", type=int, required=True, help="Sync workers in each app server.")
    add("--seconds", type=float, required=True)
    add("--warmup", type=float, required=True)
    add("--connections", type=int, required=True)
    add("--output", type=Path, required=True, help="A JSON line is appended here.")
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    run = drive(options)
    with options.output.open("a") as output:
        output.write(json.dumps(asdict(run)) + "\n")
    print(
        f"   {run.app_servers} app server(s): {run.rps:.1f} req/s, p95 {run.p95_ms:.0f} ms, "
        f"{run.errors} errors, {run.saved} saves acknowledged, {run.stored} stored, "
        f"by app server {run.served}",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
