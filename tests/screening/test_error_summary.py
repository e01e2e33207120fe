"""Every form that fails validation starts with an error summary linking to each field."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import make_screening, sign_in, start_data, step_data


def _summary(page: str) -> str:
    start = page.index("data-error-summary")
    return page[start : page.index("</div>", start)]


def test_it_starts_the_details_page_with_a_summary_linking_to_consent(client, alice, catalogue):
    sign_in(client, alice)
    response = client.post(reverse("screening:start"), start_data(consent=""))
    page = response.content.decode()
    summary = _summary(page)
    assert 'role="alert"' in page and 'tabindex="-1"' in page
    assert "There is a problem" in summary
    assert 'href="#id_consent"' in summary
    assert page.index("data-error-summary") < page.index("<h1")
    assert "js/error-summary.js" in page
    assert "<title>Error:" in page


def test_it_links_a_radio_group_to_its_first_radio(client, alice, catalogue):
    sign_in(client, alice)
    data = start_data()
    del data["interpreter"], data["immediate_danger"]
    summary = _summary(client.post(reverse("screening:start"), data).content.decode())
    assert 'href="#id_interpreter_0"' in summary
    assert 'href="#id_immediate_danger_0"' in summary


def test_it_names_the_note_in_error_on_a_step(client, alice, alices_screening):
    sign_in(client, alice)
    first = alices_screening.group_for_step(2).indicators[0]
    data = step_data(alices_screening, 2)
    data[f"note-{first.slug}"] = "n" * 501
    data[f"answer-{first.slug}"] = "maybe"
    summary = _summary(client.post(alices_screening.step_url(2), data).content.decode())
    assert f'href="#id_note-{first.slug}"' in summary
    assert f"Note on “{first.wording}”" in summary
    assert f'href="#id_answer-{first.slug}_0"' in summary


def test_it_explains_an_incomplete_step_page_without_a_link(client, alice, alices_screening):
    sign_in(client, alice)
    data = step_data(alices_screening, 2, version="")
    summary = _summary(client.post(alices_screening.step_url(2), data).content.decode())
    assert "The page was incomplete" in summary and "href" not in summary


def test_it_summarises_a_reopen_without_a_reason(client, sam, alice, catalogue):
    screening = make_screening(alice, status="completed")
    sign_in(client, sam)
    url = reverse("screening:reopen", args=[screening.pk])
    summary = _summary(client.post(url, {"version": screening.version}).content.decode())
    assert 'href="#id_reason"' in summary
    assert "Say why it is reopened" in summary and "This field is required" not in summary


def test_it_summarises_sign_in_and_password_errors(client, alice):
    page = client.post(reverse("accounts:login"), {"username": "alice", "password": ""})
    summary = _summary(page.content.decode())
    assert 'href="#id_password"' in summary
    page = client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"})
    assert "There is a problem" in _summary(page.content.decode())
    client.force_login(alice)
    page = client.post(reverse("accounts:password_change"), {"old_password": "nope"})
    summary = _summary(page.content.decode())
    assert 'href="#id_old_password"' in summary and 'href="#id_new_password1"' in summary


def test_it_shows_no_summary_on_a_page_without_errors(client, alice, alices_screening):
    sign_in(client, alice)
    for url in [reverse("screening:start"), alices_screening.step_url(2)]:
        assert "data-error-summary" not in client.get(url).content.decode()
