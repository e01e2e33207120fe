"""base.html keeps its head and footer as template fragments, per language and sign-in state
(and the contacts the footer names): a page must still get the ones for its reader."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.definitions.pages import between
from tests.factories import make_screening, sign_in

KEEP_ALIVE = "data-keep-alive-url"
DRAFT_NOTE = "translation-note"


def _head(content: str) -> str:
    return between(content, "<head>", "</head>")


def _footer(content: str) -> str:
    return between(content, '<footer class="site-footer', "</footer>")


def test_it_gives_the_signed_in_head_only_to_someone_signed_in(client, alice, catalogue):
    anonymous = Client()
    page = reverse("referrals:contacts")
    assert KEEP_ALIVE not in _head(anonymous.get(page).content.decode())
    sign_in(client, alice)
    assert KEEP_ALIVE in _head(client.get(page).content.decode())
    # The anonymous reader's page is drawn afresh (another path), after the signed-in one.
    assert KEEP_ALIVE not in _head(anonymous.get(reverse("home")).content.decode())


def test_it_gives_each_reader_the_footer_in_their_language(client, alice, catalogue):
    sign_in(client, alice)
    step = make_screening(alice).step_url(2)
    english = _footer(client.get(step).content.decode())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    chinese = _footer(client.get(step).content.decode())
    assert DRAFT_NOTE not in english
    assert "Who to contact" in english
    assert DRAFT_NOTE in chinese
    assert "Who to contact" not in chinese
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _footer(client.get(step).content.decode()) == english
