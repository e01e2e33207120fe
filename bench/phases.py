"""Each phase of the bench, on the throwaway database that `run.setup_django` prepared."""

from __future__ import annotations

import gzip
import io
import json
import math
import random
import subprocess
import sys
import time
from functools import cached_property

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import get_supported_language_variant

from bench import data
from bench.backup import time_backup_and_restore
from bench.caseworkers import Outcome
from bench.client import Reply, fetch, han_characters, open_form
from bench.load import LoadResult, PostTarget, run_wrk, settled
from bench.nginx import run_through_nginx
from bench.nginx import versions as nginx_versions
from bench.pdf import (
    summary_html,
    time_command_line,
    time_in_process,
    time_question_sheets,
    worker_memory,
)
from bench.phone import measure_pages
from bench.report import ExportRun, ScaleRow, StepMemory, capacity_held
from bench.retention import time_apply_retention
from bench.server import Gunicorn
from bench.writers import run_writers, writer_for
from screening.models import Screening
from screening.self_answer import question_key
from screening.views import FILTERS_SESSION_KEY

LOCKED = "database is locked"
BASELINE = "/healthz/"
CHINESE = "zh-HK"  # what a Hong Kong browser sends; Django serves it as zh-hant


def answered_in(reply: Reply, path: str, accept_language: str) -> int:
    """Check a page came in the language Django serves for `accept_language`, as its
    Content-Language says; return how many Chinese characters it holds."""
    served = get_supported_language_variant(accept_language)
    answered = reply.headers.get("Content-Language")
    if answered != served:
        raise RuntimeError(f"GET {path} asking for {accept_language} answered in {answered}")
    return han_characters(reply.body.decode())


class Bench:
    """The phases `run.main` calls by name; each puts its figures into `results`."""

    def __init__(self, args, workdir, results):
        self.args = args
        self.workdir = workdir
        self.results = results
        self.servers: list[Gunicorn] = []

    # Shared set-up, made on first use so any phase can run alone.
    @cached_property
    def user(self):
        return data.caseworker()

    @cached_property
    def session(self) -> str:
        return data.session_for(self.user)

    @cached_property
    def full(self) -> Screening:
        return data.complete_screening(self.user)

    def server(self, **options) -> Gunicorn:
        options.setdefault("workers", self.args.workers)
        server = Gunicorn(self.workdir, **options)
        self.servers.append(server)
        return server

    def locked(self) -> int:
        return sum(server.log_count(LOCKED) for server in self.servers)

    def measure(
        self,
        server: Gunicorn,
        path: str,
        *,
        signed_in: bool,
        connections=None,
        language=None,
        session=None,
    ) -> LoadResult:
        """Check the page really answers (not a redirect to sign in), then measure it.

        With a `language` (an Accept-Language value), every request asks for it, and the page
        must answer in the language Django picks for it (Content-Language).
        """
        session = session or self.session
        cookies = {"sessionid": session} if signed_in else None
        asked = {"Accept-Language": language} if language else {}
        reply = fetch(server.url, path, cookies=cookies, headers=asked)
        if reply.status != 200:
            raise RuntimeError(f"GET {path} answered {reply.status}, not 200")
        if language:
            served = get_supported_language_variant(language)
            self.results.han_characters[path, served] = answered_in(reply, path, language)
        headers = {"Cookie": f"sessionid={session}"} if signed_in else {}
        return self.wrk(server, path, headers=headers | asked, connections=connections)

    def wrk(
        self, server: Gunicorn, path: str, *, targets=None, connections=None, **options
    ) -> LoadResult:
        """Warm up, measure the baseline right alongside, then measure the page.

        A neighbour's load that comes and goes between runs shifts a page and the baseline
        measured next to it alike, so their ratio holds where a ratio to a baseline measured
        minutes earlier would not. `targets`, for POSTs, makes fresh targets for each run.
        """
        url, connections = server.url + path, connections or self.args.connections

        def run(seconds: float) -> LoadResult:
            fresh = targets() if targets else ()
            return run_wrk(url, seconds=seconds, connections=connections, targets=fresh, **options)

        if self.args.warmup > 0:
            run(self.args.warmup)
        baseline = None
        if self.args.baseline_seconds > 0 and path != BASELINE:
            time.sleep(1)  # let requests the warm-up left in the workers finish
            baseline = run_wrk(
                server.url + BASELINE, seconds=self.args.baseline_seconds, connections=connections
            )
        result = run(self.args.seconds)
        result.baseline = baseline
        return result

    def http(self) -> None:
        step_draft = data.new_screening(self.user, "HK-BENCH-STEP")
        data.answer_every_step(step_draft, self.user)
        pdf = reverse("screening:pdf", args=[self.full.pk])
        # (path, signed in, options: connections other than --connections, an Accept-Language).
        # With more connections than workers a request also waits for another to finish: the
        # PDF once more with one client at a time shows what a supervisor waits for a download.
        # The reference pages once more as a Hong Kong browser asks for them (zh-HK, which
        # Django serves as zh-hant): the Chinese pages against the English ones.
        chinese = {"language": CHINESE}
        pages = {
            "baseline": (BASELINE, False, {}),
            "indicators": (reverse("definitions:indicators"), False, {}),
            "indicators_zh": (reverse("definitions:indicators"), False, chinese),
            "definitions": (reverse("definitions:definitions"), False, {}),
            "definitions_zh": (reverse("definitions:definitions"), False, chinese),
            "step_get": (step_draft.step_url(2), True, {}),
            "summary": (reverse("screening:summary", args=[self.full.pk]), True, {}),
            "pdf": (pdf, True, {}),
            "pdf_alone": (pdf, True, {"connections": 1}),
        }
        with self.server() as server:
            for key, (path, signed_in, options) in pages.items():
                self.results.http[key] = self.measure(server, path, signed_in=signed_in, **options)
                print(f"   {key}: {self.results.http[key].rps:.1f} req/s", flush=True)
                if key == "step_get":
                    self.results.http["step_post"] = self.step_post(server)
                    print(f"   step_post: {self.results.http['step_post'].rps:.1f} req/s")

    def self_answer(self) -> None:
        """The person's view while the device is handed over (a question on screen, with its
        recording) and that recording's audio, beside the step page; the step page is measured
        again here only when the http phase did not run."""
        draft = data.new_screening(self.user, "HK-BENCH-SELF")
        handed, first = data.handed_over_session(self.user, draft)
        audio = data.recording(question_key(first), draft.client_language)
        pages = {
            "step_get": (draft.step_url(2), self.session),
            "self_view": (reverse("screening:self_answer", args=[draft.pk]), handed),
            "recording": (reverse("screening:recording", args=[audio.pk]), handed),
        }
        if "step_get" in self.results.http:
            del pages["step_get"]
        with self.server() as server:
            for key, (path, session) in pages.items():
                self.results.http[key] = self.measure(server, path, signed_in=True, session=session)
                print(f"   {key}: {self.results.http[key].rps:.1f} req/s", flush=True)

    def step_post(self, server: Gunicorn) -> LoadResult:
        """wrk POSTs step 2 of its own draft on each connection; every save is checked stored."""
        drafts = data.drafts(self.user, self.args.connections, "HK-BENCH-POST")
        form = open_form(server.url, drafts[0].step_url(2), self.session)
        headers = {
            "Cookie": f"sessionid={self.session}; csrftoken={form.csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        body = data.step_form(drafts[0].groups[0], csrf_token=form.csrf_token, marker="[wrk]")
        stored = Screening.objects.filter(pk__in=[draft.pk for draft in drafts])
        started: list[int] = []

        def targets() -> list[PostTarget]:
            # Every save bumps a screening's version: start each run from the stored ones, once
            # the saves still in flight when the last run stopped have landed.
            versions = settled(lambda: dict(stored.values_list("pk", "version")))
            started[:] = [sum(versions.values())]
            return [
                PostTarget(draft.step_url(2), draft.step_url(3), versions[draft.pk])
                for draft in drafts
            ]

        path = drafts[0].step_url(2)
        result = self.wrk(server, path, targets=targets, headers=headers, body_rest=body)
        final = settled(lambda: dict(stored.values_list("pk", "version")))
        self.results.post_stored = sum(final.values()) - started[0]
        return result

    @cached_property
    def boss(self):
        return data.supervisor()

    def scale(self) -> None:
        small, large = self.args.small, self.args.large
        self.results.scale_sizes = (small, large)
        boss = data.verified(self.boss)
        urgent = {FILTERS_SESSION_KEY: {"urgency": str(Screening.Urgency.REFER.value)}}
        # (path, the session's user, what else the session holds)
        pages = {
            "list": (reverse("screening:list"), self.user, {}),
            "summary": (reverse("screening:summary", args=[self.full.pk]), self.user, {}),
            "list_urgency": (reverse("screening:list"), self.boss, boss | urgent),
            "statistics": (reverse("screening:statistics"), self.boss, boss),
        }
        sessions = {
            key: data.session_for(user, **extra) for key, (_p, user, extra) in pages.items()
        }
        with self.server() as server:
            self._fill(small)
            before = {key: self._sample(server, *pages[key], sessions[key]) for key in pages}
            started = time.monotonic()
            self._fill(large)
            self.results.generation_seconds = time.monotonic() - started
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            for key in pages:
                run, queries = self._sample(server, *pages[key], sessions[key])
                self.results.scale[key] = ScaleRow(before[key][0], run, before[key][1], queries)
        self.results.export = time_export(self.boss, boss)

    def _fill(self, total: int) -> None:
        missing = total - Screening.objects.filter(created_by=self.user).count()
        if missing > 0:
            say_count = f"{missing:,}"
            print(f"   generating {say_count} screenings", flush=True)
            call_command(
                "generate_screenings", count=missing, user=self.user.username, stdout=io.StringIO()
            )

    def _sample(
        self, server: Gunicorn, path: str, user, extra: dict, session: str
    ) -> tuple[LoadResult, int]:
        run = self.measure(server, path, signed_in=True, session=session)
        return run, self._queries(path, user, extra)

    def _queries(self, path: str, user=None, extra: dict | None = None) -> int:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user or self.user, backend=settings.AUTHENTICATION_BACKENDS[-1])
        if extra:
            stored = client.session
            stored.update(extra)
            stored.save()
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} in process answered {response.status_code}")
        return len(captured)

    def pdf(self) -> None:
        """In-process renders and cold command-line runs take turns, under the same load."""
        html = summary_html(self.full, self.user)
        rounds = max(1, self.args.cli_runs)
        per_round = math.ceil(self.args.pdf_renders / rounds)
        # English, Chinese (the same screening, as a reader with the Chinese interface prints
        # it) and the cold command line take turns, so each round shares the machine's load.
        chinese = get_supported_language_variant(CHINESE)
        renders = time_in_process(self.full, self.user, per_round)
        renders_zh = time_in_process(self.full, self.user, per_round, language=chinese)
        cold = time_command_line(html, self.workdir, 1)
        for _ in range(rounds - 1):
            renders += time_in_process(self.full, self.user, per_round)
            renders_zh += time_in_process(self.full, self.user, per_round, language=chinese)
            cold += time_command_line(html, self.workdir, 1)
        self.results.pdf, self.results.pdf_cli = renders, cold
        self.results.pdf_zh = renders_zh

    def sheets(self) -> None:
        """The question sheets' PDFs, one per language, beside the English card's."""
        self.results.sheets = time_question_sheets(self.args.sheet_renders)

    def memory(self) -> None:
        path = reverse("screening:pdf", args=[self.full.pk])
        with self.server(name="memory") as server:
            self.results.memory = worker_memory(
                server, path, self.session, first=self.args.rss_first, total=self.args.rss_total
            )

    def writers(self) -> None:
        count = self.args.writers
        drafts = data.drafts(self.user, count, "HK-BENCH-W")
        writers = [writer_for(draft, data.session_for(self.user)) for draft in drafts]
        # Threads so that every writer has a request in the app at once, all on one SQLite file.
        threads = math.ceil(count / self.args.workers)
        with self.server(threads=threads, name="writers") as server:
            self.results.writers = run_writers(server.url, writers, self.args.writer_seconds)

    def phone(self) -> None:
        """The step page (signed in) and the indicator index (anonymous) on an emulated phone."""
        draft = data.new_screening(self.user, "HK-BENCH-PHONE")
        data.answer_every_step(draft, self.user)
        with self.server(name="phone") as server:
            cookie = {"name": "sessionid", "value": self.session, "url": server.url}
            pages = {
                "step": (server.url + draft.step_url(2), [cookie]),
                "indicators": (server.url + reverse("definitions:indicators"), None),
            }
            self.results.phone = measure_pages(pages, self.args.phone_runs)
            for key, (url, cookies) in pages.items():
                path = url.removeprefix(server.url)
                signed_in = {"sessionid": self.session} if cookies else None
                body = fetch(server.url, path, cookies=signed_in).body
                self.results.phone[key].html_bytes = len(body)
                self.results.phone[key].html_gzip_bytes = len(gzip.compress(body))
        for key, run in self.results.phone.items():
            print(
                f"   {key}: cold {run.cold_lcp_ms():.0f} ms, {run.cold_kb():.0f} kB "
                f"in {run.cold_requests()}; warm {run.warm_lcp_ms():.0f} ms, "
                f"{run.warm_kb():.0f} kB in {run.warm_requests()}",
                flush=True,
            )

    def capacity(self) -> None:
        """Caseworkers saving steps with think time, more at each level, until p95 or errors fail.

        Each level runs the load generator (bench/caseworkers.py) in its own process for
        --capacity-seconds; levels stop at the first that is not held.
        """
        levels = sorted(self.args.capacity_levels)
        people = data.caseworkers(max(levels), "HK-BENCH-CW")
        spec_path = self.workdir / "caseworkers.json"
        with self.server(name="capacity") as server:
            for count in levels:
                spec = {
                    "url": server.url,
                    "seconds": self.args.capacity_seconds,
                    "think": self.args.think,
                    "timeout": 30,
                    "caseworkers": people[:count],
                }
                spec_path.write_text(json.dumps(spec))
                time.sleep(2)  # let the last level's requests finish
                command = [sys.executable, "-m", "bench.caseworkers", str(spec_path)]
                ran = subprocess.run(  # noqa: S603 (our own command line)
                    command,
                    capture_output=True,
                    text=True,
                    check=False,
                    timeout=self.args.capacity_seconds + self.args.think + 120,
                )
                if ran.returncode != 0:
                    raise RuntimeError(f"the load generator failed: {ran.stderr[-2000:]}")
                raw = json.loads(ran.stdout.strip().splitlines()[-1])
                level = Outcome(**raw)
                self.results.capacity.append(level)
                print(
                    f"   {count} caseworkers: {level.rps:.1f} req/s, p95 {level.p(95):.0f} ms, "
                    f"{level.error_count} errors {level.errors or ''}",
                    flush=True,
                )
                if not capacity_held(level):
                    break

    def nginx(self) -> None:
        """Step saves through nginx over HTTPS, one app server then two, on PostgreSQL.

        The stack is the production recipe's, started as `make production-check` starts it
        (bench/nginx.py): its own database, so this phase shares nothing with the others.
        """
        self.results.nginx = run_through_nginx(self.args, self.workdir)
        self.results.facts.update(nginx_versions())  # installed by now, if they were missing
        for run in self.results.nginx:
            print(
                f"   {run.app_servers} app server(s): {run.rps:.1f} req/s, p95 "
                f"{run.p95_ms:.0f} ms, {run.errors} errors, {run.saved} saves acknowledged, "
                f"{run.stored} in the database; by app server {run.served}",
                flush=True,
            )

    def step_memory(self) -> None:
        """One worker's RSS before and after --memory-posts step POSTs with invalid answers."""
        draft = data.new_screening(self.user, "HK-BENCH-MEMORY")
        group = draft.groups[0]
        path = draft.step_url(2)
        chance = random.Random(24)
        with self.server(workers=1, name="step-memory") as server:
            form = open_form(server.url, path, self.session)
            cookies = {"sessionid": self.session, "csrftoken": form.csrf_cookie}

            def refused(count: int) -> int:
                failures = 0
                for _ in range(count):
                    body = data.invalid_step_form(group, form.csrf_token, form.version, chance)
                    reply = fetch(server.url, path, method="POST", cookies=cookies, form=body)
                    if reply.status != 400 or b"error-summary" not in reply.body:
                        failures += 1
                return failures

            warm = max(1, self.args.memory_posts // 20)
            failures = refused(warm)  # the first requests load code and fill Django's caches
            before = max(server.worker_rss_mb())
            failures += refused(self.args.memory_posts)
            after = max(server.worker_rss_mb())
        self.results.step_memory = StepMemory(warm, self.args.memory_posts, before, after, failures)
        print(f"   RSS {before:.1f} MB → {after:.1f} MB, {failures} not refused", flush=True)

    def backup(self) -> None:
        """`manage.py backup` and `restore` with --large screenings in the database."""
        self._fill(self.args.large)
        self.results.backup = time_backup_and_restore(self.workdir)

    def retention(self) -> None:
        """`manage.py apply_retention` at --large screenings, a tenth of them due, while a
        caseworker saves a step again and again."""
        self._fill(self.args.large)
        self.results.retention = time_apply_retention(self.user)


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def time_export(user, extra: dict, *, sample_every: int = 5000) -> ExportRun:
    """POST the per-screening export in process, as a worker serves it, and read the stream to
    the end: rows a second, and how far the process's memory grew above where it started."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[-1])
    stored = client.session
    stored.update(extra)
    stored.pop(FILTERS_SESSION_KEY, None)  # every screening
    stored.save()
    url = reverse("screening:export")
    start_rss = peak = _rss_mb()
    started = time.monotonic()
    response = client.post(url, {"file": "screenings"})
    if response.status_code != 200 or not response.streaming:
        raise RuntimeError(f"POST export answered {response.status_code}")
    lines = 0
    for chunk in response.streaming_content:
        lines += chunk.count(b"\n")
        if lines % sample_every == 0:
            peak = max(peak, _rss_mb())
    seconds = time.monotonic() - started
    peak = max(peak, _rss_mb())
    return ExportRun(rows=max(lines - 1, 0), seconds=seconds, rss_growth_mb=peak - start_rss)
