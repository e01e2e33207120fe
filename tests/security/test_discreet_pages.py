"""Every page carries a discreet site name (SITE_NAME) and a 999 that a phone can call."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests.definitions.pages import between, squash
from tests.factories import sign_in


def _title(content: str) -> str:
    return squash(between(content, "<title>", "</title>"))


def _brand(content: str) -> str:
    return squash(between(content, '<a class="site-brand', "</a>"))


def test_it_shows_the_default_name_in_the_header_and_the_title(client, catalogue):
    content = client.get(reverse("definitions:definitions")).content.decode()
    assert _title(content) == "<title>Definitions · Recognise the signs"
    assert _brand(content).endswith(">Recognise the signs")
    assert "Trafficking screening" not in content


def test_it_shows_the_name_configured(client, catalogue, alice, alices_screening, settings):
    settings.SITE_NAME = "Harbour Community Services"
    sign_in(client, alice)
    for url in (reverse("home"), reverse("screening:list"), alices_screening.step_url(2)):
        content = client.get(url).content.decode()
        assert _title(content).endswith(" · Harbour Community Services"), url
        assert _brand(content).endswith(">Harbour Community Services"), url


def test_it_names_no_trafficking_in_the_templates_or_the_code():
    base = Path(settings.BASE_DIR)
    files = [*base.glob("templates/**/*.html"), *base.glob("*/templates/**/*.html")]
    files += [*base.glob("*/*.py")]
    assert files
    for path in files:
        assert "Trafficking screening" not in path.read_text(), path


def test_it_names_the_site_in_authenticator_apps(settings):
    assert settings.OTP_TOTP_ISSUER == "Recognise the signs"


def test_it_links_999_in_the_footer_of_every_page(client, catalogue, alice, alices_screening):
    urls = [reverse("home"), reverse("referrals:contacts"), reverse("accounts:login")]
    for url in urls:
        footer = squash(between(client.get(url).content.decode(), "<footer", "</footer>"))
        assert 'call <a href="tel:999">999</a>.' in footer, url
    sign_in(client, alice)
    for url in (reverse("screening:list"), alices_screening.step_url(2)):
        footer = squash(between(client.get(url).content.decode(), "<footer", "</footer>"))
        assert re.search(r'href="tel:999"', footer), url
