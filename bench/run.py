"""`python -m bench`: set up a throwaway production-like app, measure it, write the report."""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

PHASES = [
    "http",
    "self_answer",
    "scale",
    "pdf",
    "sheets",
    "memory",
    "writers",
    "backup",
    "retention",
    "phone",
    "capacity",
    "step_memory",
    "nginx",
]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    add = parser.add_argument
    add("--phases", default=",".join(PHASES), help=f"Comma-separated, from {','.join(PHASES)}.")
    add("--seconds", type=float, default=10, help="Length of each measured wrk run.")
    add("--warmup", type=float, default=2, help="Unmeasured wrk run before each measured one.")
    add("--connections", type=int, default=4, help="wrk connections (one thread each).")
    add(
        "--baseline-seconds",
        type=float,
        default=5,
        help="Baseline run right before each page's run, for its ratio (0: use the first one).",
    )
    add("--workers", type=int, default=2, help="gunicorn workers.")
    add("--small", type=int, default=100, help="Screenings in the database, small case.")
    add(
        "--large",
        type=int,
        default=100_000,
        help="Screenings in the database, large case (scale), and for the backup phase.",
    )
    add("--pdf-renders", type=int, default=15, help="In-process renders timed (median).")
    add(
        "--sheet-renders",
        type=int,
        default=5,
        help="In-process renders of the card and of each question sheet PDF (median).",
    )
    add("--cli-runs", type=int, default=3, help="Cold `weasyprint` command-line runs (median).")
    add("--rss-first", type=int, default=10, help="PDFs before the first RSS reading.")
    add("--rss-total", type=int, default=500, help="PDFs before the second RSS reading.")
    add("--writers", type=int, default=16, help="Concurrent writers.")
    add("--writer-seconds", type=float, default=20, help="How long the writers write.")
    add(
        "--capacity-levels",
        default="100,200,300,400,600",
        help="Caseworkers at each level of the capacity phase (it stops at the first not held).",
    )
    add("--capacity-seconds", type=float, default=60, help="Length of each capacity level.")
    add("--think", type=float, default=10, help="A caseworker's think time between requests.")
    add("--memory-posts", type=int, default=1000, help="Step POSTs with invalid answers (RSS).")
    add("--phone-runs", type=int, default=3, help="Cold loads (each with a warm reload) a page.")
    add("--output", default="docs/benchmarks.md", help="Markdown report ('' for none).")
    add("--workdir", default=None, help="Folder for the database and logs (default: temporary).")
    add("--keep", action="store_true", help="Keep the work folder afterwards.")
    add(
        "--no-collectstatic",
        action="store_true",
        help="Plain static names instead of collectstatic's manifest (faster; for smoke tests).",
    )
    args = parser.parse_args(argv)
    args.capacity_levels = [int(n) for n in str(args.capacity_levels).split(",") if n.strip()]
    args.phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    unknown = set(args.phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")
    return args


def knobs(args: argparse.Namespace) -> dict[str, str]:
    return {
        "phases": ",".join(args.phases),
        "wrk": f"{args.connections} connections, {args.seconds:g} s, {args.warmup:g} s warm-up, "
        f"{args.baseline_seconds:g} s baseline alongside",
        "gunicorn": f"{args.workers} sync workers",
        "scale": f"{args.small:,} and {args.large:,} screenings",
        "pdf": f"{args.pdf_renders} renders, {args.cli_runs} cold CLI runs",
        "sheets": f"{args.sheet_renders} renders of the English card and of each question sheet",
        "memory": f"RSS after {args.rss_first} and {args.rss_total} PDFs",
        "writers": f"{args.writers} writers for {args.writer_seconds:g} s",
        "backup": f"backup and restore at {args.large:,} screenings",
        "retention": f"apply_retention at {args.large:,} screenings, a tenth due",
        "capacity": f"levels {'/'.join(map(str, args.capacity_levels))} caseworkers, "
        f"{args.capacity_seconds:g} s each, {args.think:g} s think time",
        "step_memory": f"{args.memory_posts:,} invalid step POSTs, 1 worker",
        "phone": f"{args.phone_runs} cold loads and warm reloads a page",
        "nginx": f"step POSTs through nginx over HTTPS, the wrk settings above, one then two "
        f"app servers of {args.workers} sync workers, PostgreSQL",
    }


def setup_django(workdir: Path, *, manifest: bool) -> None:
    from bench.environment import PROJECT, production_environment

    os.environ.update(production_environment(workdir, manifest=manifest))
    sys.path.insert(0, str(PROJECT))
    os.chdir(PROJECT)
    import django

    django.setup()
    from django.core.management import call_command

    quiet = io.StringIO()
    call_command("migrate", verbosity=0, interactive=False, stdout=quiet)
    call_command("load_reference", stdout=quiet)
    call_command("load_client_texts", stdout=quiet)
    if manifest:
        call_command("collectstatic", verbosity=0, interactive=False, stdout=quiet)


def say(message: str) -> None:
    print(f"== {message}", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    say(f"Work folder {workdir}; phases: {', '.join(args.phases)}")
    setup_django(workdir, manifest=not args.no_collectstatic)

    from bench import phases
    from bench.environment import load_average, machine_facts
    from bench.report import Results, document, tables

    results = Results(facts=machine_facts(), knobs=knobs(args))
    bench = phases.Bench(args, workdir, results)
    try:
        for name in args.phases:
            say(f"Phase: {name}")
            try:
                getattr(bench, name)()
            except Exception as error:
                traceback.print_exc()
                results.problems.append(f"{name}: {error}")
        results.locked = bench.locked()
    finally:
        results.facts["Load average (1 / 5 / 15 min) at the end"] = load_average()
        results.elapsed_seconds = time.monotonic() - started
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(tables(results))
    if args.output:
        output = Path(args.output)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(document(results))
        say(f"Wrote {output} ({results.elapsed_seconds:.0f} s in all)")
    for problem in results.problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if results.problems else 0
