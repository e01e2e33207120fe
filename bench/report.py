"""The bench's figures as Markdown: machine facts, then one table per question, then targets."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.backup import BackupTiming
from bench.caseworkers import Outcome
from bench.load import LoadResult
from bench.nginx import NginxRun
from bench.pdf import PdfTiming, WorkerMemory
from bench.phone import PhoneRun
from bench.retention import RetentionTiming
from bench.writers import WritersReport

PAGES = {
    "baseline": "Baseline: liveness view `/healthz/`",
    "indicators": "Indicator reference `/indicators/`",
    "indicators_zh": "Indicator reference `/indicators/`, in Chinese (`Accept-Language: zh-HK`)",
    "definitions": "Definitions page `/definitions/`",
    "definitions_zh": "Definitions page `/definitions/`, in Chinese (`Accept-Language: zh-HK`)",
    "step_get": "Screening step GET",
    "step_post": "Screening step POST (saves answers)",
    "self_view": "The person's view while handed over (a question, with its recording)",
    "recording": "A recording's audio (1 s WAV, about 16 kB)",
    "summary": "Summary page",
    "pdf": "Summary PDF",
    "pdf_alone": "Summary PDF, one client at a time (1 connection)",
}
SCALE_PAGES = {
    "list": "Screening list (first page)",
    "summary": "Summary page",
    "list_urgency": "Supervisor's list filtered by urgency (first page)",
    "statistics": "Statistics page (supervisor, last 12 months)",
}


@dataclass
class ExportRun:
    """The per-screening export read to its end in process, as a worker streams it."""

    rows: int
    seconds: float
    rss_growth_mb: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


@dataclass
class ScaleRow:
    small: LoadResult
    large: LoadResult
    small_queries: int
    large_queries: int

    @property
    def raw_ratio(self) -> float:
        return self.large.p50_ms / self.small.p50_ms if self.small.p50_ms else 0.0

    @property
    def p50_ratio(self) -> float:
        """The p50 ratio, each p50 taken relative to the baseline measured right before it."""
        small, large = self.small.baseline, self.large.baseline
        if not (small and large and small.p50_ms and large.p50_ms):
            return self.raw_ratio
        return self.raw_ratio * small.p50_ms / large.p50_ms


@dataclass
class StepMemory:
    """One gunicorn worker's RSS before and after many step POSTs with invalid answers."""

    warmup: int
    posts: int
    before_mb: float
    after_mb: float
    failures: int  # POSTs not refused (400 with the error summary)

    @property
    def growth_mb(self) -> float:
        return self.after_mb - self.before_mb


CAPACITY_P95_MS = 250


def capacity_held(level: Outcome) -> bool:
    """A level is held when its p95 is within the target and nothing failed."""
    return level.requests > 0 and level.error_count == 0 and level.p(95) <= CAPACITY_P95_MS


@dataclass
class Results:
    facts: dict[str, str]
    knobs: dict[str, str]
    http: dict[str, LoadResult] = field(default_factory=dict)
    post_stored: int | None = None
    pdf: PdfTiming | None = None
    pdf_cli: PdfTiming | None = None
    pdf_zh: PdfTiming | None = None  # the same summary, rendered in Chinese
    # The English card ("card") and each language's question sheet PDF, by language code.
    sheets: dict[str, PdfTiming] = field(default_factory=dict)
    memory: WorkerMemory | None = None
    scale: dict[str, ScaleRow] = field(default_factory=dict)
    scale_sizes: tuple[int, int] = (0, 0)
    export: ExportRun | None = None
    generation_seconds: float | None = None
    writers: WritersReport | None = None
    backup: BackupTiming | None = None
    retention: RetentionTiming | None = None
    locked: int = 0
    phone: dict[str, PhoneRun] = field(default_factory=dict)
    capacity: list[Outcome] = field(default_factory=list)
    step_memory: StepMemory | None = None
    # Step saves through nginx: one app server, then two (bench/nginx.py).
    nginx: list[NginxRun] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # Chinese characters in each page measured in Chinese, by (path, language).
    han_characters: dict[tuple[str, str], int] = field(default_factory=dict)
    elapsed_seconds: float = 0.0


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _rps(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _x(value: float) -> str:
    return f"{value:.2f}×"


def _met(ok: bool | None) -> str:
    return "not run" if ok is None else ("yes" if ok else "**no**")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _baseline(results: Results, run: LoadResult) -> LoadResult | None:
    """The baseline measured alongside a run, else the first one."""
    return run.baseline or results.http.get("baseline")


def http_table(results: Results) -> list[str]:
    rows = []
    for key, label in PAGES.items():
        run = results.http.get(key)
        if run is None:
            rows.append([label, "not run", "", "", "", "", "", ""])
            continue
        base = _baseline(results, run)
        rows.append(
            [
                label,
                _rps(run.rps),
                _rps(base.rps) if base else "",
                _x(run.rps / base.rps) if base and base.rps else "",
                _ms(run.p50_ms),
                _ms(run.p99_ms),
                _x(run.p50_ms / base.p50_ms) if base and base.p50_ms else "",
                str(run.errors),
            ]
        )
    header = ["Page", "req/s", "baseline req/s alongside", "req/s ÷ baseline", "p50 ms"]
    header += ["p99 ms", "p50 ÷ baseline", "errors"]
    return _table(header, rows)


def pdf_table(results: Results) -> list[str]:
    rows = []
    pdf, cli, memory, chinese = results.pdf, results.pdf_cli, results.memory, results.pdf_zh
    if pdf:
        rows.append(
            [
                f"In-process render, full screening ({pdf.pages} pages), median of {pdf.samples}",
                f"{_ms(pdf.median_ms)} ms ({_ms(pdf.ms_per_page)} ms/page)",
            ]
        )
    if chinese:
        rows.append(
            [
                f"In-process render, the same screening in Chinese (zh-hant; {chinese.pages} "
                f"pages, {chinese.han_characters:,} Chinese characters), median of "
                f"{chinese.samples}",
                f"{_ms(chinese.median_ms)} ms ({_ms(chinese.ms_per_page)} ms/page)",
            ]
        )
    if pdf and chinese:
        rows.append(["Chinese ÷ English, in process", _x(chinese.median_ms / pdf.median_ms)])
    if cli:
        rows.append(
            [
                f"`weasyprint` command line, same HTML, cold, median of {cli.samples}",
                f"{_ms(cli.median_ms)} ms ({cli.pages} pages)",
            ]
        )
    if pdf and cli:
        rows.append(["In-process ÷ command line", _x(pdf.median_ms / cli.median_ms)])
    if memory:
        rows.append(
            [f"Largest worker RSS after {memory.first} PDFs", f"{memory.after_first_mb:.0f} MB"]
        )
        rows.append(
            [
                f"Largest worker RSS after {memory.total} PDFs",
                f"{memory.after_all_mb:.0f} MB ({_x(memory.ratio)}; {memory.failures} failed)",
            ]
        )
    return _table(["Figure", "Value"], rows or [["PDF phases", "not run"]])


def sheets_table(results: Results) -> list[str]:
    card = results.sheets.get("card")
    rows = []
    for name, timing in results.sheets.items():
        label = "The printable card, English" if name == "card" else f"Question sheet, {name}"
        ratio = _x(timing.median_ms / card.median_ms) if card and card.median_ms else ""
        rows.append(
            [
                label,
                str(timing.pages),
                f"{_ms(timing.median_ms)} ms",
                f"{_ms(timing.ms_per_page)} ms",
                ratio,
            ]
        )
    header = ["Document (median of in-process renders)", "pages", "render", "per page", "÷ card"]
    return _table(header, rows or [["Question sheets", "not run", "", "", ""]])


def scale_table(results: Results) -> list[str]:
    small, large = results.scale_sizes
    rows = []
    for key, label in SCALE_PAGES.items():
        row = results.scale.get(key)
        if row is None:
            rows.append([label, "not run", "", "", "", "", ""])
            continue
        rows.append(
            [
                label,
                f"{_ms(row.small.p50_ms)} ms",
                f"{_ms(row.large.p50_ms)} ms",
                _x(row.raw_ratio),
                _x(row.p50_ratio),
                f"{_rps(row.small.rps)} → {_rps(row.large.rps)}",
                f"{row.small_queries} → {row.large_queries}",
            ]
        )
    header = [
        "Page",
        f"p50, {small:,} screenings",
        f"p50, {large:,} screenings",
        "p50 ratio",
        "p50 ratio, baseline-adjusted",
        "req/s",
        "queries per page",
    ]
    return _table(header, rows)


def writers_table(results: Results) -> list[str]:
    rows = []
    w = results.writers
    if w is not None:
        rows.append(
            [
                f"{w.writers} writers, gunicorn with threads",
                f"{w.seconds:g}",
                str(w.attempted),
                str(w.acknowledged),
                str(w.failed),
                str(w.lost),
            ]
        )
    post = results.http.get("step_post")
    if post is not None and results.post_stored is not None:
        rows.append(
            [
                "wrk step POST run (one draft per connection)",
                f"{post.seconds:.0f}",
                str(post.requests),
                str(post.saved),
                str(post.errors),
                str(max(0, post.saved - results.post_stored)),
            ]
        )
    header = ["Run", "Seconds", "Saves tried", "Acknowledged", "Failed", "Lost"]
    return _table(header, rows or [["not run", "", "", "", "", ""]])


def backup_table(results: Results) -> list[str]:
    b = results.backup
    if b is None:
        return _table(["Figure", "Value"], [["Backup phase", "not run"]])
    rows = [
        ["Screenings in the database", f"{b.screenings:,}"],
        ["Database file (SQLite, WAL checkpointed)", f"{b.database_mb:,.0f} MB"],
        [
            "`manage.py backup` (in process: online copy, quick check, tar)",
            f"{b.backup_seconds:.1f} s, {b.backup_mb:,.0f} MB",
        ],
        [
            "`manage.py restore` into a new, empty database (command line, with start-up)",
            f"{b.restore_seconds:.1f} s",
        ],
        ["Screenings in the restored database", f"{b.restored_screenings:,}"],
    ]
    return _table(["Figure", "Value"], rows)


def retention_table(results: Results) -> list[str]:
    r = results.retention
    if r is None:
        return _table(["Figure", "Value"], [["Retention phase", "not run"]])
    per = r.seconds * 1000 / r.erased if r.erased else 0.0
    rows = [
        ["Screenings in the database", f"{r.screenings:,}"],
        ["Due for erasure (aged past their period)", f"{r.due:,}"],
        [
            "`manage.py apply_retention` (in process, one transaction per screening)",
            f"{r.seconds:.1f} s, {_ms(per)} ms a screening",
        ],
        ["Erased", f"{r.erased:,}"],
        [
            "Step saves from another connection meanwhile",
            f"{r.saves:,} saved, {r.failed_saves} failed; median {_ms(r.median_save_ms)} ms, "
            f"slowest {_ms(r.slowest_save_ms)} ms",
        ],
    ]
    return _table(["Figure", "Value"], rows)


def targets(results: Results) -> list[list[str]]:
    http = results.http

    def ratio(key: str) -> float | None:
        run = http.get(key)
        paired = _baseline(results, run) if run else None
        return run.rps / paired.rps if run and paired and paired.rps else None

    rows = []
    ref = [ratio("indicators"), ratio("definitions")]
    rows.append(
        [
            "Reference pages ≥ 0.25× baseline req/s",
            " / ".join(_x(r) for r in ref if r is not None) or "not run",
            _met(None if None in ref else all(r >= 0.25 for r in ref)),
        ]
    )
    chinese = [
        zh / en if zh is not None and en else None
        for zh, en in ((ratio("indicators_zh"), ref[0]), (ratio("definitions_zh"), ref[1]))
    ]
    rows.append(
        [
            "Reference pages in Chinese within 10 % of English req/s (each against its baseline)",
            " / ".join(_x(r) for r in chinese if r is not None) or "not run",
            _met(None if None in chinese else all(0.90 <= r <= 1.10 for r in chinese)),
        ]
    )
    pdf, cli = results.pdf, results.pdf_cli
    rows.append(
        [
            "Summary PDF median ≤ 150 ms (full screening, in process)",
            f"{_ms(pdf.median_ms)} ms" if pdf else "not run",
            _met(pdf.median_ms <= 150 if pdf else None),
        ]
    )
    rows.append(
        [
            "Summary PDF ≤ 0.25× the cold command line",
            _x(pdf.median_ms / cli.median_ms) if pdf and cli else "not run",
            _met(pdf.median_ms <= 0.25 * cli.median_ms if pdf and cli else None),
        ]
    )
    pdf_zh = results.pdf_zh
    rows.append(
        [
            "Summary PDF in Chinese ≤ 1.5× English (in process)",
            _x(pdf_zh.median_ms / pdf.median_ms) if pdf and pdf_zh else "not run",
            _met(pdf_zh.median_ms <= 1.5 * pdf.median_ms if pdf and pdf_zh else None),
        ]
    )
    memory = results.memory
    rows.append(
        [
            f"Worker RSS after {memory.total if memory else 500} PDFs ≤ 1.5× after "
            f"{memory.first if memory else 10}",
            _x(memory.ratio) if memory else "not run",
            _met(memory.ratio <= 1.5 and memory.failures == 0 if memory else None),
        ]
    )
    for key, label in SCALE_PAGES.items():
        if key == "statistics":
            # It counts every screening of the year, so its time grows with them by design: its
            # target is the absolute one below (issue #16), with a constant number of queries.
            continue
        row = results.scale.get(key)
        rows.append(
            [
                f"{label}: p50 at {results.scale_sizes[1]:,} ≤ 2× at {results.scale_sizes[0]:,}",
                _x(row.p50_ratio) if row else "not run",
                _met(row.p50_ratio <= 2 if row else None),
            ]
        )
    if results.scale:
        constant = all(r.small_queries == r.large_queries for r in results.scale.values())
        rows.append(["Queries per page constant", "same" if constant else "grew", _met(constant)])
    statistics = results.scale.get("statistics")
    rows.append(
        [
            f"Statistics page p50 at {results.scale_sizes[1]:,} ≤ 500 ms",
            f"{_ms(statistics.large.p50_ms)} ms" if statistics else "not run",
            _met(statistics.large.p50_ms <= 500 if statistics else None),
        ]
    )
    export = results.export
    rows.append(
        [
            "Export streams ≥ 10,000 rows/s, memory growth ≤ 50 MB",
            f"{export.rows_per_second:,.0f} rows/s, +{export.rss_growth_mb:.0f} MB "
            f"({export.rows:,} rows)"
            if export
            else "not run",
            _met(
                export.rows_per_second >= 10_000 and export.rss_growth_mb <= 50 if export else None
            ),
        ]
    )
    w = results.writers
    rows.append(
        [
            f"0 failed or lost writes, {w.writers if w else 16} concurrent writers",
            f"{w.failed} failed, {w.lost} lost of {w.acknowledged} saves" if w else "not run",
            _met(w.failed == 0 and w.lost == 0 if w else None),
        ]
    )
    b = results.backup
    rows.append(
        [
            "A restored backup holds every screening",
            f"{b.restored_screenings:,} of {b.screenings:,}" if b else "not run",
            _met(b.restored_screenings == b.screenings if b else None),
        ]
    )
    r = results.retention
    rows.append(
        [
            "Retention erases every screening due, and saves go on meanwhile",
            f"{r.erased:,} of {r.due:,} erased; {r.saves:,} saves, {r.failed_saves} failed, "
            f"slowest {_ms(r.slowest_save_ms)} ms"
            if r
            else "not run",
            _met(r.erased == r.due and r.saves > 0 and r.failed_saves == 0 if r else None),
        ]
    )
    rows += capacity_targets(results) + phone_targets(results) + nginx_targets(results)
    growth = results.step_memory
    rows.append(
        [
            f"Worker RSS grows ≤ 10 MB over {growth.posts if growth else 1000:,} step POSTs with "
            "invalid answers",
            f"+{growth.growth_mb:.1f} MB ({growth.failures} not refused)" if growth else "not run",
            _met(growth.growth_mb <= 10 and growth.failures == 0 if growth else None),
        ]
    )
    errors = sum(run.errors for run in http.values()) + sum(
        row.small.errors + row.large.errors for row in results.scale.values()
    )
    rows.append(
        [
            'No HTTP errors, no "database is locked", whole run',
            f"{errors} errors, {results.locked} locked",
            _met(errors == 0 and results.locked == 0),
        ]
    )
    return rows


CAPACITY_TARGET = 300
PHONE_PAGES = {
    "step": "Step page (signed in)",
    "indicators": "Indicator reference `/indicators/` (anonymous)",
}
PHONE_LCP_MS = {"cold": 1500, "warm": 800}
PHONE_KB = {"cold": 80, "warm": 30}


def capacity_most(results: Results) -> Outcome | None:
    """The largest level held, if one was (levels run from the smallest up)."""
    held = [level for level in results.capacity if capacity_held(level)]
    return max(held, key=lambda level: level.caseworkers) if held else None


def capacity_targets(results: Results) -> list[list[str]]:
    if not results.capacity:
        measured, met = "not run", None
    else:
        most = capacity_most(results)
        tried = max(level.caseworkers for level in results.capacity)
        if most is None:
            measured, met = f"none of the levels run (up to {tried})", False
        else:
            all_held = all(capacity_held(level) for level in results.capacity)
            bound = "the largest level run" if all_held else f"{tried} was not"
            measured = (
                f"{most.caseworkers} ({bound}): {most.rps:.0f} req/s, p95 {_ms(most.p(95))} ms"
            )
            met = most.caseworkers >= CAPACITY_TARGET
    think = f"{results.capacity[0].think:g} s" if results.capacity else "10 s"
    label = (
        f"Caseworkers held ({think} think time, 2 workers) at p95 ≤ {CAPACITY_P95_MS} ms with "
        f"0 errors ≥ {CAPACITY_TARGET}"
    )
    return [[label, measured, _met(met)]]


def phone_targets(results: Results) -> list[list[str]]:
    rows = []
    for key, label in PHONE_PAGES.items():
        run = results.phone.get(key)
        lcp = {"cold": run.cold_lcp_ms(), "warm": run.warm_lcp_ms()} if run else {}
        kb = {"cold": run.cold_kb(), "warm": run.warm_kb()} if run else {}
        rows.append(
            [
                f"Paint on a phone, {label}: LCP ≤ {PHONE_LCP_MS['cold'] / 1000:g} s cold, "
                f"≤ {PHONE_LCP_MS['warm'] / 1000:g} s warm",
                f"{lcp['cold'] / 1000:.2f} s / {lcp['warm'] / 1000:.2f} s" if run else "not run",
                _met(all(lcp[k] <= PHONE_LCP_MS[k] for k in lcp) if run else None),
            ]
        )
        rows.append(
            [
                f"Bytes on a phone, {label}: ≤ {PHONE_KB['cold']} kB transferred cold, "
                f"≤ {PHONE_KB['warm']} kB warm",
                f"{kb['cold']:.0f} kB / {kb['warm']:.0f} kB" if run else "not run",
                _met(all(kb[k] <= PHONE_KB[k] for k in kb) if run else None),
            ]
        )
    return rows


def nginx_targets(results: Results) -> list[list[str]]:
    runs = results.nginx
    saved, lost = sum(run.saved for run in runs), sum(run.lost for run in runs)
    errors = sum(run.errors for run in runs)
    return [
        [
            "Step saves through nginx, one app server then two: 0 errors, no acknowledged save "
            "lost",
            f"{errors} errors, {lost} lost of {saved:,} saves" if runs else "not run",
            _met(errors == 0 and lost == 0 and saved > 0 if runs else None),
        ]
    ]


def nginx_table(results: Results) -> list[str]:
    rows = []
    for run in results.nginx:
        served = ", ".join(f"{server}: {count:,}" for server, count in run.served.items())
        rows.append(
            [
                f"{run.app_servers} × {run.workers} sync workers",
                f"{run.connections}",
                _rps(run.rps),
                _ms(run.p50_ms),
                _ms(run.p95_ms),
                _ms(run.p99_ms),
                str(run.errors),
                f"{run.saved:,}",
                f"{run.stored:,}",
                str(run.lost),
                served or "none",
            ]
        )
    header = ["App servers behind nginx", "wrk connections", "saves/s", "p50 ms", "p95 ms"]
    header += ["p99 ms", "errors", "acknowledged", "in the database", "lost"]
    header += ["requests answered by app server 1, 2"]
    return _table(header, rows or [["not run"] + [""] * (len(header) - 1)])


def nginx_comparison(results: Results) -> str | None:
    """Two app servers against one, under the same load, in a sentence."""
    if len(results.nginx) != 2:
        return None
    one, two = results.nginx
    if not (one.p95_ms and one.rps):
        return None
    return (
        f"Through nginx, two app servers against one, the same load: p95 of a save "
        f"{_x(two.p95_ms / one.p95_ms)}, saves a second {_x(two.rps / one.rps)}."
    )


def capacity_table(results: Results) -> list[str]:
    rows = []
    for level in results.capacity:
        errors = ", ".join(f"{count} {reason}" for reason, count in level.errors.items())
        rows.append(
            [
                str(level.caseworkers),
                f"{level.seconds:g}",
                f"{level.requests:,}",
                _rps(level.rps),
                _ms(level.p(50)),
                _ms(level.p(95)),
                _ms(level.p(99)),
                _ms(level.p(95, "save_ms")),
                errors or "0",
                f"{level.cpu_seconds:.1f} s",
                "yes" if capacity_held(level) else "**no**",
            ]
        )
    header = ["Caseworkers", "seconds", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms"]
    header += ["p95 ms, save (POST + next step)", "errors", "load generator CPU", "held"]
    return _table(header, rows or [["not run"] + [""] * (len(header) - 1)])


def phone_table(results: Results) -> list[str]:
    rows = []
    for key, label in PHONE_PAGES.items():
        run = results.phone.get(key)
        if run is None:
            rows.append([label, "not run", "", "", "", ""])
            continue
        rows.append(
            [
                label,
                f"{run.cold_lcp_ms() / 1000:.2f} s",
                f"{run.cold_kb():.1f} kB in {run.cold_requests()}",
                f"{run.warm_lcp_ms() / 1000:.2f} s",
                f"{run.warm_kb():.1f} kB in {run.warm_requests()}",
                f"{run.html_bytes / 1000:.1f} kB ({run.html_gzip_bytes / 1000:.1f} kB gzipped)",
            ]
        )
    header = ["Page (median of the loads)", "cold LCP", "cold: transferred, requests"]
    header += ["warm LCP", "warm: transferred, requests", "its HTML, and gzipped"]
    return _table(header, rows)


def step_memory_table(results: Results) -> list[str]:
    m = results.step_memory
    if m is None:
        return _table(["Figure", "Value"], [["Step POST memory", "not run"]])
    rows = [
        [f"Worker RSS after {m.warmup} refused step POSTs (warm-up)", f"{m.before_mb:.1f} MB"],
        [f"Worker RSS after {m.posts:,} more", f"{m.after_mb:.1f} MB"],
        ["Growth", f"{m.growth_mb:+.1f} MB"],
        ["POSTs not refused with the form's errors", str(m.failures)],
    ]
    return _table(["Figure", "Value"], rows)


def tables(results: Results) -> str:
    """Every table of the run, as Markdown (what `make bench` prints)."""
    sections = [
        ("Machine", _table(["Fact", "Value"], [[k, v] for k, v in results.facts.items()])),
        ("Speed under load, beside the baseline", http_table(results)),
        ("PDF", pdf_table(results)),
        ("Question sheet PDFs beside the card", sheets_table(results)),
        ("Scale", scale_table(results)),
        ("Concurrent writers on SQLite", writers_table(results)),
        ("Backup and restore", backup_table(results)),
        ("Retention", retention_table(results)),
        ("Capacity: caseworkers saving steps, with think time", capacity_table(results)),
        ("On a phone: 150 ms, 1.6 Mb/s down, 4× CPU slowdown", phone_table(results)),
        ("A worker's memory over refused step POSTs", step_memory_table(results)),
        ("Step saves through nginx: one app server, then two", nginx_table(results)),
        ("Targets", _table(["Target", "Measured", "Met"], targets(results))),
    ]
    lines = []
    for title, table in sections:
        lines += [f"### {title}", "", *table, ""]
    return "\n".join(lines)


INTRO = """# Benchmarks

`make bench` measures how fast and how lean the app is, and what a caseworker feels: how many
caseworkers two workers serve at once, and how soon a page shows on a slow phone. Server-side
speeds are also given as ratios to a bare view measured side by side in the same run: absolute
times on a shared machine are noise, a ratio to a bare view measured a minute earlier much less
so. The machine facts give the load average at the start and the end of the run. It is not part
of `make test` or CI (too slow, too noisy); `tests/bench/test_bench_smoke.py` runs its parts on
tiny settings instead.

```sh
make run        # once, on a fresh clone: the virtualenv and dependencies
make bench      # about 15 minutes on 2 cores; installs Debian's wrk (and nginx, PostgreSQL)
                # if missing; rewrites this file
make bench BENCH_ARGS="--seconds 3 --large 10000"   # quicker; `.venv/bin/python -m bench --help`
make bench BENCH_ARGS="--phases capacity,phone --output /tmp/bench.md"   # some phases alone
```

## How it measures

- **Set-up.** A throwaway folder holds a fresh SQLite database (WAL, `transaction_mode=IMMEDIATE`,
  as in production), `collectstatic` output and logs. Settings are production-like: `DEBUG` off,
  fresh `SECRET_KEY` and notes key, plain HTTP on 127.0.0.1 only. The app runs under gunicorn
  with 2 sync workers, as in the README's deployment.
- **Speed under load.** wrk (Debian's package) drives each page for a fixed time with one thread
  per connection, after an unmeasured warm-up, and reports req/s, p50 and p99. Every figure is
  also given as a ratio to the baseline, the `/healthz/` liveness view (no database, no template),
  measured for 5 s right before that page's run: other work on a shared machine comes and goes
  between runs, and shifts a page and the baseline measured next to it alike.
  Reference pages are fetched anonymously, as the public reads them, so after the warm-up they
  come from the public page cache (below). Screening pages are fetched as the bench's caseworker
  with a signed-in session; each request first checks the page answers 200 (not a redirect to
  sign in). The summary and PDF also write an audit event. That is measured as it is.
  With more connections than workers, each request also waits for another to finish, so a p50
  under load is about twice the time a page takes; the summary PDF is measured once more with
  one client at a time, which is what a supervisor waits for a download.
- **Reference pages in Chinese.** The indicator and definitions pages are measured once more as
  a browser in Hong Kong asks for them, every request sending `Accept-Language: zh-HK` (Django
  serves it as zh-hant); before the run the bench checks that the page answered in zh-hant
  (`Content-Language`) and counts its Chinese characters, so a run without compiled
  translations shows as one. The target compares each Chinese page's req/s with the English
  one's, each taken against the baseline measured right before it: within 10 % either way.
- **Self-answer** (`self_answer` phase). The person's view while the device is handed over
  (a session holding the hand-over, the first question on screen with its recording) and that
  recording's audio (a 1 s WAV of about 16 kB, made with Python's `wave` module and checked as
  an upload is), each against its baseline, beside the step page (measured again in this phase
  only when the http phase did not run).
- **Step POST.** Each wrk connection saves step 2 of its own draft, with every answer and note
  filled, tracking the screening's version (each save bumps it): a redirect to step 3 counts as
  a save, anything else (a stale or refused save) as an error. Afterwards the versions in the
  database must account for every acknowledged save.
- **Through nginx, one app server and two.** The production recipe, started as
  `make production-check` starts it (`deploy/check/stack.sh`): a throwaway PostgreSQL, two
  gunicorn app servers with `deploy/gunicorn.conf.py` and the environment of
  `deploy/screening.env` (DEBUG off, HTTPS only), 2 sync workers each, and Debian's nginx with
  `deploy/nginx/screening.conf` and a self-signed certificate. The step POST load above (each wrk
  connection saving step 2 of its own draft, with the same connections, warm-up and length) goes
  through nginx over HTTPS, first with nginx in front of one app server, then of both: the same
  load, the same workers per server. Figures: saves a second; p50, p95 and p99 of a save as wrk
  times it (sent to nginx until the redirect to the next step comes back); errors; the saves
  acknowledged against the saves the drafts' versions show in the database afterwards (none may
  be missing); and how many requests each app server answered (nginx's access log names it).
  On one 2-core machine the second app server shares the cores with the first, PostgreSQL,
  nginx and wrk, so this shows that nginx spreads the saves over both and loses none, not the
  capacity a second host would add.
- **Capacity.** Simulated caseworkers, each signed in with their own session and working on
  their own draft (`bench/caseworkers.py`, asyncio in a process of its own beside the bench):
  each opens a step (GET), thinks 10 s, saves it (POST with the CSRF token and the form's
  version, every answer and note filled), which must redirect to the next step, follows the
  redirect (GET), thinks 10 s, saves that step, and so on through the steps and round again.
  They start spread over the first 10 s, so requests arrive evenly. Against 2 gunicorn sync
  workers (production settings, DEBUG off, SQLite in WAL) the bench runs levels of 100, 200,
  300, 400 and 600 caseworkers for 60 s each and stops at the first not held: p95 of every
  request ≤ 250 ms and no error (any status but 200, or a save that does not redirect to the
  next step, a broken connection, no answer within 30 s). Each caseworker makes about two
  requests every 10 s, so 300 caseworkers are about 60 requests a second. The p95 of a save as
  a person waits for it (the POST and the next step's GET) is shown too, as is the CPU time the
  load generator took from the same two cores.
- **On a phone.** Debian's Chromium (headless, through Playwright) with DevTools' network
  emulation (150 ms latency, 1.6 Mb/s down, 750 kb/s up) and a 4× CPU slowdown, a 360 × 780
  viewport at 2× scale, loads the step page (signed in, a draft with every answer and note) and
  the indicator index (anonymous) from gunicorn, with the static files as production serves
  them: `collectstatic` with whitenoise's `CompressedManifestStaticFilesStorage`, so hashed
  names cached for a year and brotli (or gzip) copies. Cold: a new browser context, empty cache;
  warm: a reload in the same context. Largest contentful paint from a `PerformanceObserver`;
  bytes are the `encodedDataLength` of every response that came over the network (headers and
  compressed bodies). Three cold loads and their reloads a page, taking turns; the medians.
  The app compresses the public pages' HTML (gzip, Django's `GZipMiddleware` called by the
  public page cache: they carry no secret) and never a signed-in page's (case data and a CSRF
  token: compressed over TLS, they would be open to BREACH), so the table also gives each
  page's HTML size and what gzip makes of it.
- **A worker's memory over refused saves.** One gunicorn worker takes 50 step POSTs with random
  answer values no form accepts (warm-up), then 1,000 more; its RSS (from `/proc`) before and
  after. Each must be refused with the form's errors (400). A cache keyed by posted values once
  grew a worker by about 78 MB over 40 such POSTs (issue 24).
- **Errors.** Any non-2xx/3xx status, any broken connection, any refused save, and any
  "database is locked" in the gunicorn logs.
- **PDF.** The summary PDF of a complete screening (all 23 indicators answered with a note,
  notes on every step, immediate danger raised, completed): the median in-process render time of
  `screening.pdf.summary_pdf` (queries, template and WeasyPrint) after a warm-up, against the
  `weasyprint` command line rendering the very same HTML started cold (a new process each time,
  as a naive "shell out to weasyprint" would). The same screening's summary is also rendered in
  Chinese (`translation.override("zh-hant")`, as for a reader with the Chinese interface; its
  row gives its Chinese characters), with the target of at most 1.5× the English median. The
  three take turns, under the same load. Each in-process render runs inside the content-edition
  middleware, as the PDF view does in a request: outside one, every reference text of the
  person's language read the edition again (81 queries for a Chinese summary against 7 in a
  request, and none of them for an English one). Worker memory is the largest gunicorn worker
  RSS after the first 10 and after 500 PDF downloads from 2 clients, on a fresh server. The
  bench runs gunicorn without `--max-requests`, so that figure shows whether rendering itself
  grows a worker;
  the README's deployment keeps `--max-requests 1000 --max-requests-jitter 100` as a safety net.
- **Scale.** The screening list (first page, drafts first) and a summary with 100 screenings in
  the database, then with 100,000, all owned by the signed-in caseworker (so the caseworker's list
  is as long as a supervisor's "all screenings"). `manage.py generate_screenings` adds them in bulk:
  realistic details and statuses, the catalogue frozen into each, every 10th complete with notes
  and the others with 3 answers each (about 500,000 answers in all). The target is judged on the
  p50 ratio with each p50 taken relative to the baseline measured right before it (the raw ratio
  is shown too). Queries per page are counted in process with the same data. The same two sizes
  measure a supervisor's pages too (signed in with the second factor confirmed): the list
  filtered by urgency ("refer") and the statistics page (the last 12 months; target p50 ≤ 500 ms
  at the large size, queries constant). At the large size the per-screening export (every
  screening, no notes) is read to its end in the bench's own process, as a worker streams it:
  rows a second and how far the process's resident memory rose above where it started.
- **Concurrent writers.** 16 writers, each with its own session and draft, save steps round and
  round for 20 s against gunicorn with threads (2 workers × 8 threads), so that all 16 requests
  are in the app at once on one SQLite file. A save is acknowledged when the app redirects to the
  next step. Afterwards every screening's version and audit trail must show every acknowledged
  save, and every step must hold the marker of its last acknowledged save. Failed = any save not
  acknowledged; lost = acknowledged but not in the database.
- **Backup and restore.** With 100,000 screenings in the database (`--large`, as for scale),
  `manage.py backup` is timed in process (SQLite's online backup API, its quick check, the tar
  with the manifest), and `manage.py restore` of that file from the command line into a new,
  empty database file, as an operator or the restore drill runs it, so its time includes
  Python's and Django's start-up (about a second). The restored database must hold every
  screening. PostgreSQL (`pg_dump`/`pg_restore`) is not benchmarked here.

## What the figures rest on

Each of these was measured with this bench before and after; the tests named keep them working.

- **Public reference pages are rendered once per edition of the content** and then served from
  each worker's memory (`lib/page_cache.py`): only to readers with no session or messages
  cookie, keyed by a content edition token in the database that every save, delete or relink of
  reference content (admin or `load_reference`) replaces in the same transaction. One query by
  primary key a request; an edit shows on the next request on every worker and server
  (`tests/lib/test_page_cache.py`). Signed-in staff always get a freshly rendered page.
- **Sessions renew their idle clock once a minute**, not on every request
  (`accounts.middleware.SessionIdleClockMiddleware`): the 30-minute idle limit becomes 29 to 30
  minutes and a signed-in page no longer writes the session row each time
  (`tests/security/test_accounts.py`).
- **Persistent database connections** (`CONN_MAX_AGE`, 60 s) for SQLite as for PostgreSQL, and
  the step note saved by one upsert. The step page itself is Django's own parts again (database
  sessions, `ModelBackend`, the ORM, templates; issue 24).
- **The step page reads eight times and writes once** (`tests/screening/test_queries.py`):
  Django's session, the user, the user's own and their roles' permissions (`ModelBackend`, two
  reads), the content edition (one primary-key read, so that every value cached per process
  agrees with every other server on the next request), the screening with its catalogue, the
  step's answers, its notes; then the audit event of the visit. Before the hand-written reads
  (`7876119^`) it read seven times: the same reads without the edition, whose values were then
  kept for 30 s on a clock, so a changed emergency number could show old on one page and new on
  another. Going below eight would mean a permission read of our own instead of `ModelBackend`'s
  or a cache kept by time; each was a defect issue 24 removed.
- **Bootstrap's stylesheet is trimmed** to the selectors our templates, scripts and forms use
  (`scripts/trim_bootstrap.sh`, PurgeCSS): 232 kB became 42 kB, 23 kB with brotli became 7 kB.
  Screenshots of 13 pages at 360 and 1280 px before and after (`scripts/screenshots.py`) differ
  only in their "Saved at" times.
- **The summary PDF** uses Liberation Sans (DejaVu Sans as fallback), marks list items with a
  rule rather than bullets (WeasyPrint lays out each outside marker as a box of its own), puts
  notes in blocks rather than after a `<br>`, and renders with a user-agent stylesheet cut down to
  the elements our PDF templates use (`lib/pdf_user_agent.css`; a test fails if a template
  uses another). Its page margin boxes (running header, footer, page numbers) have set widths,
  so WeasyPrint does not lay their content out again on every page to size them. Fonts are
  subset by HarfBuzz (`libharfbuzz-subset0`, which `make setup` and CI install; the bench's
  machine facts say which subsetter ran): WeasyPrint's fallback, fontTools, made the same PDF
  about 35 ms slower. One WeasyPrint font configuration is reused per thread, so workers do not
  grow. The command line it is compared with renders the same HTML with WeasyPrint's full
  stylesheet.
- **The printable card's PDF is set in one column** (`card.css`, under `.pdf`): WeasyPrint
  balances CSS columns by laying their content out again and again, and two columns made the
  one-page card take about 1.3 s to render; one column takes a few tens of milliseconds and still
  fits on one A4 page in both languages (`tests/definitions/test_card.py`). The web page and
  printing it from a browser keep two columns.
- **Values made from the content are cached in each process**, keyed by the content edition
  that a request reads once (`lib.page_cache.cached_per_edition`): the footer's contacts, the
  reference texts in every language, and the texts in the person's language that a step page
  shows. A change on any server shows on the next request everywhere.
- **Statistics are counted by the database from one covering index**
  (`screening_statistics_range`: status, date, every field counted, then the id): one GROUP BY
  a field, a fixed number of queries, each reading the year's range from the index alone, and
  the Yes answers and referrals joined from it. Counting the range's rows in Python took about
  180 ms at 100,000 screenings; with the date before the status in the index SQLite's planner
  (without ANALYZE) took the status index and read every row instead. The supervisor's
  "caseworker" filter lists who has screened with an EXISTS per user, where a join with
  DISTINCT read every screening (about 20 ms a list page at 100,000).
- **Chinese PDFs name their fonts** (`summary-pdf.css`, `card.css`): Noto Sans CJK HK after the
  Latin fonts, so only Chinese characters fall through to it, in two faces (regular and bold)
  and never an oblique one (Chinese is set upright). What a Chinese PDF costs on top of the
  English one is mostly those two CJK faces: WeasyPrint has HarfBuzz subset each keeping glyph
  ids (`HB_SUBSET_FLAGS_RETAIN_GIDS`, not an option it offers), so each face embedded is about
  0.8 MB before compression however few characters it holds (212 bold and 469 regular ones in
  the bench's summary), and then compresses it: a Chinese summary PDF is about 440 kB against
  33 kB in English. A profile of the Chinese render puts about 15 % of its time in the two
  subsets, and most of the rest of the difference in compressing those fonts and laying out
  CJK text. The headroom left is in the look, not the code: setting Chinese bold text in the
  regular face would drop the bold face (half of that cost); the other way, subsetting without
  kept glyph ids, is inside WeasyPrint.

## Results

"""


# Why a target can fall short, as far as the bench's profiles showed; printed only when it does.
WHY = {
    "Reference pages in Chinese": (
        "Both languages are served from the public page cache, one copy per language, so they "
        "should serve alike; a Chinese page is a few kB larger (three bytes a character in "
        "UTF-8). Slower: check that nothing changed the reference content during the run. "
        "Faster by more than a tenth: the two runs did not do the same work (see the Chinese "
        "characters line), or the machine's load moved between a page and its baseline (compare "
        "the baselines alongside); run again."
    ),
    "Reference pages": (
        "Anonymous reads come from the public page cache, so this should not fall short: check "
        "that the run's reference requests carried no cookie and that nothing changed the "
        "reference content during the run (each change renders the pages afresh)."
    ),
    "Summary PDF median": (
        "WeasyPrint lays out and draws about 270 lines of text over 5 pages, most of it in its "
        "own layout code. A slower or busier machine than the one the target was set on moves "
        "this figure; the command-line ratio below is the steadier one. Check the machine "
        "facts: with fontTools rather than HarfBuzz subsetting fonts, PDFs are slower."
    ),
    "Summary PDF in Chinese": (
        "A Chinese summary embeds two Noto Sans CJK faces (regular and bold) besides Liberation "
        "Sans; WeasyPrint subsets each keeping glyph ids, so each is about 0.8 MB before it is "
        "compressed, however few characters it holds (see the Chinese PDFs under What the "
        "figures rest on). Check the Chinese characters in the PDF row and the subsetter in the "
        "machine facts."
    ),
    "Caseworkers held": (
        "The level that failed says whether it was latency or errors (see the capacity table). "
        "Two sync workers serve one request each at a time: once requests arrive faster than "
        "they finish, they queue and p95 climbs steeply. The load generator takes CPU from the "
        "same two cores (its column), and so does anything else on the machine (the load "
        "averages in the machine facts)."
    ),
    "Paint on a phone": (
        "A cold load opens new connections (a round trip each, 150 ms) before its first byte, "
        "a signed-in page's HTML comes uncompressed (about 200 ms for 40 kB at 1.6 Mb/s), the two "
        "stylesheets block the first paint; then the 4× slower CPU lays out the page. That CPU "
        "slowdown also multiplies whatever the machine's neighbours leave (the load averages)."
    ),
    "Bytes on a phone": (
        "The warm load is the HTML alone (the static files come from the cache without a "
        "request). A signed-in page is sent uncompressed on purpose: it carries case data and a "
        "CSRF token, and compression over TLS would open it to BREACH. Its size is the step's "
        "cards (each sign's question, the person's questions, four answers, the note); the "
        "table's last column gives what gzip would make of it. A public page is compressed."
    ),
    "Worker RSS grows": (
        "Something keeps a value per request: look for a cache keyed by posted data (the "
        "`lru_cache` of issue 24 grew a worker by about 2 MB a POST)."
    ),
    "A restored backup": (
        "The restore checks every table's rows against the backup's manifest and fails loudly "
        "if they differ; see the run's problems for what it said."
    ),
    "Retention erases": (
        "Each screening is erased in its own short transaction; a save that failed or waited "
        "long means a transaction held the write lock too long (see the run's problems)."
    ),
    "Step saves through nginx": (
        "nginx passes a save (POST) to one app server and never sends it to another once the "
        "first may have had it, so a save is made once or answered with an error. Errors: the "
        "app servers' logs say why (the phase's log, nginx-phase.log, in a kept work folder). "
        "Lost: the database did not keep a save the app acknowledged; compare with the "
        "concurrent writers' row."
    ),
    "Summary PDF ≤": (
        "The cold command line is about 0.45 s of interpreter start and imports plus one render, "
        "so the ratio is bounded by the render time itself (see the line above)."
    ),
}


def _misses(results: Results) -> list[str]:
    lines = []
    for label, measured, met in targets(results):
        if met == "**no**":
            why = next((text for start, text in WHY.items() if label.startswith(start)), "")
            lines.append(f"- **{label}: {measured}.** {why}".rstrip())
    return lines


# The goals issue 24 set (what a caseworker feels), by the start of their targets' labels.
ISSUE_24_GOALS = {
    "Capacity": "Caseworkers held",
    "On a phone, the step page": "on a phone, Step page",
    "On a phone, the indicator index": "on a phone, Indicator reference",
    "Memory over refused saves": "Worker RSS grows",
    "Chinese summary PDF": "Summary PDF in Chinese",
}


def issue_24_goals(results: Results) -> list[str]:
    """One line per goal of issue 24: met, not met or not run, with what was measured."""
    rows = targets(results)
    lines = []
    for goal, start in ISSUE_24_GOALS.items():
        found = [(measured, met) for label, measured, met in rows if start in label]
        verdicts = {met for _measured, met in found}
        if not found or verdicts == {"not run"}:
            verdict = "not run"
        elif "**no**" in verdicts:
            verdict = "**not met**"
        else:
            verdict = "met"
        measured = "; ".join(measured for measured, _met in found)
        lines.append(f"- {goal}: {verdict} ({measured or 'not run'}).")
    return lines


def document(results: Results) -> str:
    """The whole of docs/benchmarks.md: how the bench works, the tables, and what fell short."""
    settings = ", ".join(f"{name}: {value}" for name, value in results.knobs.items())
    lines = [INTRO + f"Run settings: {settings}. Took {results.elapsed_seconds:.0f} s.\n"]
    lines.append(tables(results))
    if results.generation_seconds is not None:
        made = results.scale_sizes[1] - results.scale_sizes[0]
        lines.append(f"`generate_screenings` added {made:,} in {results.generation_seconds:.0f} s.")
    post = results.http.get("step_post")
    if post is not None and results.post_stored is not None:
        lines.append(
            f"The wrk step POST run had {post.saved:,} saves acknowledged and "
            f"{results.post_stored:,} stored (a save still in flight when wrk stops lands too)."
        )
    measured = [f"`{path}` {count:,}" for (path, _), count in results.han_characters.items()]
    if results.pdf_zh:
        measured.append(f"the summary PDF {results.pdf_zh.han_characters:,}")
    if measured:
        lines.append(
            f"Chinese characters in what was measured in Chinese: {', '.join(measured)} (none "
            "would mean the translations were missing, and those rows measured English)."
        )
    comparison = nginx_comparison(results)
    if comparison:
        lines.append(comparison)
    lines.append("\n### The goals of issue 24\n")
    lines += issue_24_goals(results)
    misses = _misses(results)
    lines.append("\n### Targets not met\n")
    lines += misses or ["None."]
    if results.problems:
        lines += ["", "### Problems during the run", ""]
        lines += [f"- {problem}" for problem in results.problems]
    return "\n".join(lines) + "\n"
