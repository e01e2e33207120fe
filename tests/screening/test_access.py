"""The access table of the design brief, for every screening URL and every persona.

The URLs come from the URLconf, so a new screening URL cannot be left out of this test.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import URLPattern, reverse

from client_texts.models import Recording
from screening import urls as screening_urls
from screening.models import DataAccessRequest
from tests.client_texts.test_recordings import tone_wav
from tests.factories import sign_in


def _patterns() -> list[URLPattern]:
    return [pattern for pattern in screening_urls.urlpatterns if isinstance(pattern, URLPattern)]


def _data_request(screening) -> DataAccessRequest:
    """An access request about the screening, for the register's URLs."""
    data_request = DataAccessRequest.objects.first()
    if data_request is None:
        data_request = DataAccessRequest.objects.create(
            kind=DataAccessRequest.Kind.ACCESS,
            case_references=screening.case_reference,
            recorded_by=screening.created_by,
        )
        data_request.screenings.add(screening)
    return data_request


def _url(pattern: URLPattern, screening) -> str:
    kwargs = {}
    recording = Recording.objects.first()
    for name in pattern.pattern.converters:
        if name == "request_id":
            kwargs[name] = _data_request(screening).pk
            continue
        kwargs[name] = {
            "screening_id": screening.pk,
            "number": 2,
            "pk": recording.pk if recording else 0,
        }[name]
    return reverse(f"screening:{pattern.name}", kwargs=kwargs)


def _is_object_url(pattern: URLPattern) -> bool:
    return "screening_id" in pattern.pattern.converters


@pytest.fixture(autouse=True)
def texts_for_the_person(db):
    # "Show to the person" has a page only in a language with texts (the screening's is English).
    call_command("load_client_texts", verbosity=0)
    # A recording of a self-answer text, for the URL that serves it.
    tone = tone_wav(0.2)
    Recording.objects.create(
        key="self.opening",
        language="en",
        audio=tone,
        content_type="audio/wav",
        duration=0.2,
        recorded_by="Test",
        recorded_on="2026-12-01",
        text_hash="",
    )


# Review, lock and reopen, statistics, exports, the audit trail, retention (legal hold,
# erasure) and the register of access and correction requests belong to supervisors: every
# caseworker, owner or not, gets 403.
SUPERVISOR_ONLY = {
    "review",
    "reopen",
    "statistics",
    "statistics_csv",
    "export",
    "audit",
    "audit_csv",
    "retention",
    "legal_hold",
    "erase",
    "data_requests",
    "data_request_new",
    "data_request",
    "data_request_answer",
    "data_request_correct",
    "data_copy_pdf",
    "data_copy_json",
}
POST_ONLY = {"export", "hand_over", "data_request_answer", "data_request_correct"}
# Answers a bare GET with its page and a message saying what is missing (a whole period).
NEEDS_INPUT = {"statistics_csv"}
ALL_NAMES = [pattern.name for pattern in _patterns()]
OBJECT_NAMES = [pattern.name for pattern in _patterns() if _is_object_url(pattern)]


def test_it_knows_every_screening_url():
    assert {"list", "start", "resume", "details", "step", "review", "summary"} <= set(ALL_NAMES)
    assert {"pdf", "review", "reopen"} <= set(ALL_NAMES)


@pytest.mark.parametrize("name", ALL_NAMES)
def test_it_sends_anonymous_visitors_to_login(client, alices_screening, name):
    pattern = next(p for p in _patterns() if p.name == name)
    response = client.get(_url(pattern, alices_screening))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ALL_NAMES)
def test_it_refuses_volunteers(client, alices_screening, val, name):
    pattern = next(p for p in _patterns() if p.name == name)
    sign_in(client, val)
    assert client.get(_url(pattern, alices_screening)).status_code == 403


@pytest.mark.parametrize("name", ALL_NAMES)
def test_it_lets_the_owner_in(client, alices_screening, alice, name):
    pattern = next(p for p in _patterns() if p.name == name)
    sign_in(client, alice)
    response = client.get(_url(pattern, alices_screening))
    assert (
        response.status_code == (403 if name in SUPERVISOR_ONLY else 200)
        or (response.status_code == 302 and name not in SUPERVISOR_ONLY)
        or (response.status_code == 405 and name in POST_ONLY)
    )
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("name", ALL_NAMES)
def test_it_hides_other_caseworkers_screenings(client, alices_screening, bob, name):
    pattern = next(p for p in _patterns() if p.name == name)
    sign_in(client, bob)
    response = client.get(_url(pattern, alices_screening))
    if name in SUPERVISOR_ONLY:
        assert response.status_code == 403
    elif _is_object_url(pattern):
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        body = response.content.decode(errors="replace")  # a recording is audio
        assert alices_screening.case_reference not in body


@pytest.mark.parametrize("name", ALL_NAMES)
def test_it_lets_supervisors_see_everything(client, alices_screening, sam, name):
    pattern = next(p for p in _patterns() if p.name == name)
    sign_in(client, sam)
    response = client.get(_url(pattern, alices_screening))
    if name in POST_ONLY:
        assert response.status_code == 405
    elif name in NEEDS_INPUT:
        assert response.status_code == 400
    else:
        assert response.status_code in (200, 302)


@pytest.mark.parametrize("name", OBJECT_NAMES)
def test_it_hides_other_caseworkers_screenings_from_posts_too(client, alices_screening, bob, name):
    pattern = next(p for p in _patterns() if p.name == name)
    sign_in(client, bob)
    response = client.post(_url(pattern, alices_screening), {"version": 1})
    assert response.status_code in (403, 404, 405)
    alices_screening.refresh_from_db()
    assert alices_screening.version == 1


def test_it_gives_404_for_a_screening_that_does_not_exist(client, alice, catalogue):
    sign_in(client, alice)
    url = reverse("screening:summary", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(url).status_code == 404


def test_it_does_not_route_sequential_ids(client, alice):
    sign_in(client, alice)
    assert client.get("/screenings/1/summary/").status_code == 404
