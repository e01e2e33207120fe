"""Every URL in the project (admin aside) against every persona, from one table.

The URLs are read from the URLconf: a URL that is missing from the table fails the test, so a new
page cannot ship without someone deciding who may see it.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from client_texts.models import Recording
from screening.models import DataAccessRequest
from tests.client_texts.test_recordings import tone_wav
from tests.factories import sign_in

# What each persona gets from a GET: "ok" is 200 (or a redirect inside the flow), "login" sends
# to the sign-in page, 403 and 404 are those codes, 405 means the URL takes POST only.
PUBLIC = {"anonymous": "ok", "val": "ok", "alice": "ok", "bob": "ok", "sam": "ok"}
SIGNED_IN = {"anonymous": "login", "val": "ok", "alice": "ok", "bob": "ok", "sam": "ok"}
CASEWORK = {"anonymous": "login", "val": 403, "alice": "ok", "bob": "ok", "sam": "ok"}
ALICES = {"anonymous": "login", "val": 403, "alice": "ok", "bob": 404, "sam": "ok"}
SUPERVISION = {"anonymous": "login", "val": 403, "alice": 403, "bob": 403, "sam": "ok"}

TABLE: dict[str, dict] = {
    "home": PUBLIC,
    "healthz": PUBLIC,
    "readyz": PUBLIC,
    "accounts:login": PUBLIC,
    "accounts:logout": dict.fromkeys(PUBLIC, 405),
    "accounts:password_change": SIGNED_IN,
    "accounts:password_change_done": SIGNED_IN,
    "accounts:two_factor": SIGNED_IN,
    "accounts:backup_codes": SIGNED_IN,
    "accounts:profile": SIGNED_IN,
    "accounts:hand_back_pin": SIGNED_IN,
    "accounts:keep_alive": {**dict.fromkeys(PUBLIC, 405), "anonymous": "login"},
    "accounts:quick_exit": PUBLIC,  # a GET goes to the neutral site, signed in or not
    "set_language": dict.fromkeys(PUBLIC, 405),  # POST only
    "definitions:definitions": PUBLIC,
    "definitions:indicators": PUBLIC,
    "definitions:indicator": PUBLIC,
    "definitions:card": PUBLIC,
    "definitions:card_pdf": PUBLIC,
    "referrals:contacts": PUBLIC,
    "client_texts:questions": PUBLIC,
    "client_texts:questions_pdf": PUBLIC,
    "screening:list": CASEWORK,
    "screening:start": CASEWORK,
    "screening:resume": ALICES,
    "screening:details": ALICES,
    "screening:step": ALICES,
    "screening:danger": ALICES,
    "screening:complete": ALICES,
    "screening:summary": ALICES,
    "screening:pdf": ALICES,
    "screening:show_to_person": ALICES,
    "screening:review": SUPERVISION,
    "screening:reopen": SUPERVISION,
    "screening:referral": ALICES,
    "screening:statistics": SUPERVISION,
    "screening:statistics_csv": {**SUPERVISION, "sam": 400},  # needs ?period=, a whole one
    "screening:export": {**SUPERVISION, "sam": 405},  # POST only
    "screening:audit": SUPERVISION,
    "screening:audit_csv": SUPERVISION,
    "screening:retention": SUPERVISION,
    "screening:legal_hold": SUPERVISION,
    "screening:erase": SUPERVISION,
    "screening:data_requests": SUPERVISION,
    "screening:data_request_new": SUPERVISION,
    "screening:data_request": SUPERVISION,
    "screening:data_request_answer": {**SUPERVISION, "sam": 405},  # POST only
    "screening:data_request_correct": {**SUPERVISION, "sam": 405},  # POST only
    "screening:data_copy_pdf": SUPERVISION,
    "screening:data_copy_json": SUPERVISION,
    # Self-answer: the hand-over is POST only; the person's view and hand-back are the
    # screening's; a recording is for anyone who screens.
    "screening:hand_over": {**ALICES, "alice": 405, "sam": 405},
    "screening:self_answer": ALICES,
    "screening:hand_back": ALICES,
    "screening:recording": CASEWORK,
}


def _walk(patterns, namespace: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


URLS = dict(_walk(get_resolver().url_patterns))


def test_it_has_a_row_for_every_url_in_the_project():
    assert set(URLS) - set(TABLE) == set(), "add the new URL to TABLE"
    assert set(TABLE) - set(URLS) == set(), "TABLE names a URL that no longer exists"


def _url(name: str, screening) -> str:
    values = {
        "screening_id": screening.pk,
        "number": 2,
        "slug": screening.indicators[0].slug,
        "code": "ur",
        "pk": Recording.objects.values_list("pk", flat=True).first(),
        "request_id": DataAccessRequest.objects.values_list("pk", flat=True).first(),
    }
    kwargs = {key: values[key] for key in URLS[name].pattern.converters}
    if name == "definitions:indicator":
        kwargs = {"slug": "not-free-to-leave"}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("persona", ["anonymous", "val", "alice", "bob", "sam"])
@pytest.mark.parametrize("name", sorted(TABLE))
def test_it_gives_each_persona_what_the_table_says(
    client, personas, alices_screening, persona, name
):
    if name.startswith("client_texts:") or name == "screening:show_to_person":
        call_command("load_client_texts", verbosity=0)
    if name == "screening:recording":
        Recording.objects.create(
            key="self.opening",
            language="en",
            audio=tone_wav(0.2),
            content_type="audio/wav",
            duration=0.2,
            recorded_by="Test",
            recorded_on="2026-12-01",
            text_hash="",
        )
    if name.startswith("screening:data_"):
        request = DataAccessRequest.objects.create(
            kind="access", case_references="X", recorded_by=personas["sam"]
        )
        request.screenings.add(alices_screening)
    if persona != "anonymous":
        sign_in(client, personas[persona])
    response = client.get(_url(name, alices_screening))
    expected = TABLE[name][persona]
    if expected == "ok":
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse("accounts:login"))
    elif expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected
