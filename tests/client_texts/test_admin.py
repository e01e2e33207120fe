"""The admin: the English beside the translation, filters, and "mark reviewed"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from client_texts.models import ClientText, text_hash
from tests.factories import admin_url, make_user, sign_in

CHANGELIST = "admin:client_texts_clienttext_changelist"


@pytest.fixture
def stale_text(client_texts):
    english = ClientText.objects.get(key="opening", language="en")
    english.text += " Thank you."
    english.save()
    return ClientText.objects.get(key="opening", language="ur")


def test_it_shows_the_english_beside_the_translation(admin_client, client_texts):
    text = ClientText.objects.get(key="consent", language="ur")
    english = ClientText.objects.get(key="consent", language="en")
    page = admin_client.get(admin_url(ClientText, "change", text.pk)).content.decode()
    assert english.text.split(",")[0] in page
    assert text.text.split("،")[0] in page


def test_it_filters_by_language_status_and_out_of_date(admin_client, stale_text):
    page = admin_client.get(reverse(CHANGELIST), {"out_of_date": "yes"}).content.decode()
    assert "7 texts for the person" in page or "7 results" in page
    page = admin_client.get(reverse(CHANGELIST), {"language": "ur", "status": "draft"})
    assert page.status_code == 200
    # 55 texts read to the person, 25 for self-answer (fixtures/self_answer_texts.json).
    assert page.context["cl"].result_count == 80


def test_it_marks_reviewed_with_who_and_when(admin_client, admin_user, stale_text):
    admin_user.first_name, admin_user.last_name = "Amina", "Khan"
    admin_user.save()
    response = admin_client.post(
        reverse(CHANGELIST),
        {"action": "mark_reviewed", "_selected_action": [stale_text.pk]},
    )
    assert response.status_code == 302
    stale_text.refresh_from_db()
    english = ClientText.objects.get(key="opening", language="en")
    assert (stale_text.status, stale_text.reviewed_by) == ("reviewed", "Amina Khan")
    assert stale_text.reviewed_on is not None
    assert stale_text.source_hash == text_hash(english.text)
    assert not stale_text.is_out_of_date


def test_it_keeps_the_admin_for_staff(client, client_texts):
    sign_in(client, make_user("val", "Volunteer"))
    assert client.get(reverse(CHANGELIST)).status_code == 302
