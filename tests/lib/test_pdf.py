"""The WeasyPrint wrapper serves our static files and nothing else."""

from __future__ import annotations

import io
import logging

import pytest
from django.contrib.staticfiles import finders
from pypdf import PdfReader

from lib.pdf import BASE_URL, render_pdf, url_fetcher


def test_it_serves_our_own_static_files():
    response = url_fetcher("/static/css/app.css")
    with open(finders.find("css/app.css"), "rb") as file:
        assert response.read() == file.read()
    assert response.content_type == "text/css"


def test_it_serves_static_files_resolved_against_the_base_url():
    response = url_fetcher(f"{BASE_URL}static/css/card.css?v=2")
    assert b".signs-card" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "https://127.0.0.1/static/css/app.css",
        "http://localhost/static/css/app.css",
        "https://example.org/static/css/app.css",
        "file:///etc/passwd",
        "file:///work/main/static/css/app.css",
        "data:text/css,body{}",
        "ftp://example.org/x",
        "/static/../config/settings.py",
        "/static/%2e%2e/manage.py",
        "/static/css/../../manage.py",
        f"{BASE_URL}static/../manage.py",
        "/static//etc/passwd",
        "/static/css/",
        "/static/css/no-such-file.css",
        "/etc/passwd",
        "//127.0.0.1/static/css/app.css",
    ],
)
def test_it_refuses_everything_else(url):
    with pytest.raises(ValueError):
        url_fetcher(url)


def test_it_renders_a_document_without_fetching_anything_outside(listener):
    document = render_pdf(
        f"""<!doctype html><html><head><title>Probe</title>
        <link rel="stylesheet" href="/static/css/card.css">
        <link rel="stylesheet" href="http://127.0.0.1:{listener}/css">
        <style>body {{ background: url(http://127.0.0.1:{listener}/bg) }}</style>
        </head><body><h1>Hello</h1>
        <img src="http://127.0.0.1:{listener}/img" alt="">
        <img src="file:///etc/passwd" alt="">
        </body></html>"""
    )
    reader = PdfReader(io.BytesIO(document))
    assert reader.metadata.title == "Probe"
    assert "Hello" in reader.pages[0].extract_text()


def test_it_subsets_fonts_with_harfbuzz(caplog):
    # `make setup` and `make test` install libharfbuzz-subset0; without it WeasyPrint falls back
    # to fontTools (slower, and soon unsupported) and says so in a warning.
    caplog.set_level(logging.WARNING, logger="weasyprint")
    document = render_pdf(
        '<!doctype html><html><head><link rel="stylesheet" href="/static/css/summary-pdf.css">'
        "</head><body><p>Subset me</p></body></html>"
    )
    assert "Subset me" in PdfReader(io.BytesIO(document)).pages[0].extract_text()
    assert not [record for record in caplog.records if "HarfBuzz-Subset" in record.getMessage()]
