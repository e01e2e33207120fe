"""How long the summary PDF takes to render, against WeasyPrint's command line, and what it costs
a gunicorn worker in memory over hundreds of renders."""

from __future__ import annotations

import io
import re
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.utils import translation

from bench.client import fetch, han_characters
from lib.page_cache import ContentEditionMiddleware
from lib.pdf import static_name, static_path
from screening import pdf as app_pdf


@dataclass
class PdfTiming:
    times_ms: list[float]
    pages: int
    han_characters: int = 0  # Chinese characters in the document's text

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def samples(self) -> int:
        return len(self.times_ms)

    @property
    def ms_per_page(self) -> float:
        return self.median_ms / self.pages if self.pages else 0.0

    def __add__(self, other: PdfTiming) -> PdfTiming:
        return PdfTiming(self.times_ms + other.times_ms, other.pages, other.han_characters)


def _reader(document: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(document))


def page_count(document: bytes) -> int:
    return len(_reader(document).pages)


def summary_html(screening, user) -> str:
    """The exact HTML the app hands to WeasyPrint for this screening's summary PDF."""
    captured: list[str] = []
    with mock.patch.object(app_pdf, "render_pdf", side_effect=captured.append):
        app_pdf.summary_pdf(screening, printed_by=user)
    return captured[0]


def in_a_request(render):
    """Call `render()` as a view is called: inside the middleware that reads the content edition
    once per request. Outside a request each reference text of the person's language reads it
    again (74 reads for a Chinese summary, none for an English one), which the PDF view never
    does."""
    return ContentEditionMiddleware(lambda _request: render())(None)


def time_in_process(screening, user, renders: int, language: str | None = None) -> PdfTiming:
    """Wall times of `summary_pdf` (queries, template and WeasyPrint), after one warm-up, each
    as the PDF view makes it within a request.

    In `language` (default: the reference language), as a reader with that interface language
    downloads it.
    """

    def render() -> bytes:
        return in_a_request(lambda: app_pdf.summary_pdf(screening, printed_by=user))

    with translation.override(language or settings.LANGUAGE_CODE):
        document = render()
        samples = []
        for _ in range(renders):
            started = time.perf_counter()
            render()
            samples.append((time.perf_counter() - started) * 1000)
    reader = _reader(document)
    text = "".join(page.extract_text() for page in reader.pages)
    return PdfTiming(samples, len(reader.pages), han_characters(text))


def time_document(make, renders: int) -> PdfTiming:
    """Wall times of `make()` (which returns PDF bytes), after one warm-up render."""
    document = make()
    samples = []
    for _ in range(renders):
        started = time.perf_counter()
        make()
        samples.append((time.perf_counter() - started) * 1000)
    return PdfTiming(samples, page_count(document))


def card_pdf() -> bytes:
    """The printable card's PDF in English, as its view renders it (without the page cache)."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from definitions.views import _card_context
    from lib.pdf import render_pdf

    request = RequestFactory().get("/indicators/card.pdf", HTTP_HOST="127.0.0.1")
    with translation.override(settings.LANGUAGE_CODE):
        context = _card_context(request, "pdf_base.html")
        return render_pdf(render_to_string("definitions/card.html", context, request=request))


def time_question_sheets(renders: int) -> dict[str, PdfTiming]:
    """The English card, then each language's question sheet PDF, in the reference language."""
    from client_texts.models import CONTENT_LANGUAGES
    from client_texts.views import question_sheet_pdf_bytes

    timings = {"card": time_document(card_pdf, renders)}
    with translation.override(settings.LANGUAGE_CODE):
        for code in CONTENT_LANGUAGES:
            timings[code] = time_document(lambda code=code: question_sheet_pdf_bytes(code), renders)
    return timings


def _file_urls(html: str) -> str:
    """Point the document's static links at the files themselves, for the command line."""

    def to_file(match: re.Match) -> str:
        url = match.group(2)
        if not url.startswith(settings.STATIC_URL):
            return match.group(0)
        return f'{match.group(1)}="{Path(static_path(static_name(url))).as_uri()}"'

    return re.sub(r'(href|src)="([^"]+)"', to_file, html)


def time_command_line(html: str, workdir: Path, runs: int) -> PdfTiming:
    """Wall times of `weasyprint in.html out.pdf`, started cold each time, on the same HTML."""
    source, target = workdir / "summary.html", workdir / "summary-cli.pdf"
    source.write_text(_file_urls(html))
    command = Path(sys.executable).with_name("weasyprint")
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        run = [str(command), str(source), str(target)]
        subprocess.run(run, check=True, capture_output=True)  # noqa: S603 (our files only)
        samples.append((time.perf_counter() - started) * 1000)
    return PdfTiming(samples, page_count(target.read_bytes()))


@dataclass
class WorkerMemory:
    after_first_mb: float
    after_all_mb: float
    first: int
    total: int
    failures: int

    @property
    def ratio(self) -> float:
        return self.after_all_mb / self.after_first_mb if self.after_first_mb else 0.0


def worker_memory(server, path: str, session: str, *, first: int, total: int, clients: int = 2):
    """Largest worker RSS after `first` and after `total` PDF downloads from `clients` at once."""
    claimed = done = failures = 0
    lock = threading.Lock()
    snapshot: dict[str, float] = {}

    def client() -> None:
        nonlocal claimed, done, failures
        while True:
            with lock:
                if claimed >= total:
                    return
                claimed += 1
            reply = fetch(server.url, path, cookies={"sessionid": session}, timeout=120)
            ok = reply.status == 200 and reply.body.startswith(b"%PDF")
            with lock:
                done += 1
                failures += not ok
                if done == first:
                    snapshot["first"] = max(server.worker_rss_mb())

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return WorkerMemory(snapshot["first"], max(server.worker_rss_mb()), first, done, failures)
