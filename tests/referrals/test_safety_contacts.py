"""The footer, the home page and the card name the active contacts from the database.

They read them with `{% safety_contacts %}`, kept per content edition: an edit in the admin shows
on the next request, and a page pays only for reading the edition. No template writes a contact
down (test_rules.py checks the same of the rules).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from referrals.models import ReferralContact
from tests.definitions.pages import between, squash
from tests.factories import sign_in

ADDRESS = "connect@100storiesHK.org"
NEW_ADDRESS = "intake@example.org"


def _our_template_dirs() -> list[Path]:
    """templates/ and the template folders of our own apps; not those of installed packages."""
    base = Path(settings.BASE_DIR).resolve()
    dirs = [Path(d).resolve() for d in engines["django"].template_dirs]
    return [d for d in dirs if d.is_relative_to(base) and "site-packages" not in d.parts]


def test_it_hard_codes_no_contact_in_a_template():
    files = [f for d in _our_template_dirs() for f in d.rglob("*") if f.is_file()]
    assert Path(settings.BASE_DIR, "templates", "base.html").resolve() in files
    for file in files:
        text = file.read_text()
        assert ADDRESS.lower() not in text.lower(), file
        assert not re.search(r"tel:\s*999\b", text), file


def _footer(content: str) -> str:
    return squash(between(content, '<footer class="site-footer', "</footer>"))


def _change(slug: str, **fields) -> None:
    # save(), as the admin does: it starts a new content edition.
    contact = ReferralContact.objects.get(slug=slug)
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.save()


@pytest.fixture
def reader():
    """An anonymous reader, who gets the cached public pages."""
    return Client()


def test_it_names_the_referral_address_from_the_database_in_the_footer(reader, catalogue):
    page = reverse("definitions:definitions")
    assert f'href="mailto:{ADDRESS}"' in _footer(reader.get(page).content.decode())
    _change("100storieshk", email=NEW_ADDRESS)
    footer = _footer(reader.get(page).content.decode())
    assert f'Write to <a href="mailto:{NEW_ADDRESS}">{NEW_ADDRESS}</a>.' in footer
    assert ADDRESS not in footer


def test_it_names_the_emergency_number_from_the_database(reader, catalogue):
    footer = _footer(reader.get(reverse("home")).content.decode())
    assert 'In immediate danger call <a href="tel:999">999</a>.' in footer
    _change("emergency-999", phone="999 TEST")
    content = reader.get(reverse("home")).content.decode()
    assert 'In immediate danger call <a href="tel:999TEST">999 TEST</a>.' in _footer(content)
    assert 'Call <a href="tel:999TEST">999 TEST</a> now' in squash(content)


def test_it_keeps_999_and_points_to_who_to_contact_without_active_contacts(reader, catalogue):
    _change("emergency-999", active=False)
    _change("100storieshk", active=False)
    footer = _footer(reader.get(reverse("home")).content.decode())
    assert 'In immediate danger call <a href="tel:999">999</a>.' in footer
    assert "Not an emergency but worried about someone?" in footer
    assert f'href="{reverse("referrals:contacts")}"' in footer
    assert "mailto:" not in footer
    card = squash(reader.get(reverse("definitions:card")).content.decode())
    assert 'Call <a href="tel:999">999</a>.' in card
    assert "See who to contact: " in card
    assert 'href="http://testserver/referrals/"' in card


def _pdf_text(response) -> str:
    return re.sub(r"\s+", "", PdfReader(io.BytesIO(response.content)).pages[0].extract_text())


def test_it_names_a_changed_address_on_the_card_and_in_its_pdf(reader, catalogue):
    card, card_pdf = reverse("definitions:card"), reverse("definitions:card_pdf")
    assert f'href="mailto:{ADDRESS}"' in reader.get(card).content.decode()
    assert ADDRESS in _pdf_text(reader.get(card_pdf))
    _change("100storieshk", email=NEW_ADDRESS)
    content = between(reader.get(card).content.decode(), "<main", '<footer class="site-footer')
    assert f'href="mailto:{NEW_ADDRESS}"' in content
    assert ADDRESS not in content
    text = _pdf_text(reader.get(card_pdf))
    assert NEW_ADDRESS in text
    assert ADDRESS not in text


def _queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _reading(queries: list[str], table: str) -> list[str]:
    return [sql for sql in queries if f'FROM "{table}"' in sql]


def test_it_reads_only_the_edition_for_the_contacts_of_a_signed_in_page(client, alice, catalogue):
    sign_in(client, alice)
    page = reverse("screening:list")  # rendered afresh on every request, with the footer
    client.get(page)
    queries = _queries(client, page)
    assert len(_reading(queries, "definitions_contentedition")) == 1
    assert _reading(queries, "referrals_referralcontact") == []


def test_it_shows_a_change_made_elsewhere_on_the_next_request(client, alice, catalogue):
    from definitions.models import ContentEdition

    sign_in(client, alice)
    page = reverse("screening:list")
    assert ADDRESS in client.get(page).content.decode()
    # Another server changes the contact: no signal reaches this process.
    ReferralContact.objects.filter(slug="100storieshk").update(email=NEW_ADDRESS)
    ContentEdition.objects.update(token="edited-on-another-server")
    assert NEW_ADDRESS in client.get(page).content.decode()


def test_it_adds_no_query_to_a_public_page_rendered_afresh(
    reader, catalogue, django_assert_max_num_queries
):
    reader.get(reverse("definitions:definitions"))  # the contacts are now kept for this edition
    # The home page is not cached yet: the edition its key needs serves the footer and the
    # emergency call-out too.
    with django_assert_max_num_queries(3) as captured:  # edition, groups, note
        assert reader.get(reverse("home")).status_code == 200
    queries = [query["sql"] for query in captured.captured_queries]
    assert len(_reading(queries, "definitions_contentedition")) == 1
    assert _reading(queries, "referrals_referralcontact") == []


def test_it_reads_the_contacts_again_after_a_change(client, alice, catalogue):
    sign_in(client, alice)
    page = reverse("screening:list")
    assert len(_reading(_queries(client, page), "referrals_referralcontact")) == 1
    assert _reading(_queries(client, page), "referrals_referralcontact") == []
    _change("100storieshk", email=NEW_ADDRESS)
    assert len(_reading(_queries(client, page), "referrals_referralcontact")) == 1


def test_it_works_in_a_document_rendered_without_a_request(catalogue):
    template = engines["django"].from_string(
        "{% load referral_contacts %}{% safety_contacts as safety %}"
        "{{ safety.emergency_phone }} {{ safety.write_to.email }}"
    )
    assert template.render({}) == f"999 {ADDRESS}"


def test_it_keeps_the_contacts_per_language(catalogue):
    template = engines["django"].from_string(
        "{% load referral_contacts %}{% safety_contacts as safety %}"
        "{% for contact in safety.emergency %}{{ contact.name }}: {{ contact.how_to_refer }}"
        "{% endfor %}"
    )
    contact = ReferralContact.objects.get(slug="emergency-999")
    for _ in range(2):  # the second time from memory
        assert template.render({}) == f"{contact.name_en}: {contact.how_to_refer_en}"
        with translation.override("zh-hant"):
            chinese = template.render({})
        assert chinese == f"{contact.name_zh_hant}: {contact.how_to_refer_zh_hant}"
