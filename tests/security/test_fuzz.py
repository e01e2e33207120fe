"""Hostile input to every form: never a 500, and nothing written when the input is rejected.

Hypothesis posts random and hostile values (very long strings, NUL bytes, invalid UTF-8, HTML and
script, SQL fragments, wrong types, unknown fields) — more than 2,000 requests in all — and a
client that enforces CSRF posts without a token.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.forms import DetailsForm
from screening.models import Answer, AuditEvent, Screening, StepNote, SupervisorNote
from tests.factories import make_screening, sign_in

EXAMPLES = 230  # per form; nine forms and a raw-body test give well over 2,000 requests

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE screening_screening; --",
    "1 OR 1=1",
    "../../../../etc/passwd",
    "url(file:///etc/passwd)",
    "\x00",
    "a\x00b",
    "%00",
    "\ud800",
    "\u202e\u0000\uffff",
    "0",
    "-1",
    "99999999999999999999999",
    "1e309",
    "yes",
    "not_sure",
    "true",
    "[]",
    "{}",
    "",
]

text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=60),
    st.text(min_size=3000, max_size=12000, alphabet="xX<>&'\"\x00"),
    st.integers().map(str),
    st.binary(max_size=40).map(lambda raw: raw.decode("latin-1")),
)


def fields(names: list[str]):
    known = st.fixed_dictionaries({}, optional={name: text for name in names})
    extra = st.dictionaries(st.text(max_size=20), text, max_size=3)
    return st.tuples(known, extra).map(lambda pair: {**pair[1], **pair[0]})


def _clean(data: dict) -> dict:
    # The test client encodes as UTF-8; lone surrogates are sent as raw bytes in another test.
    return {
        key.encode("utf-8", "replace").decode(): value.encode("utf-8", "replace").decode()
        for key, value in data.items()
    }


def _counts() -> tuple[int, ...]:
    return (
        Screening.objects.count(),
        Answer.objects.count(),
        StepNote.objects.count(),
        SupervisorNote.objects.count(),
        AuditEvent.objects.count(),
    )


def _post_and_check(client, url: str, data: dict) -> None:
    before = _counts()
    response = client.post(url, _clean(data))  # an exception here would be a 500
    assert response.status_code < 500
    if response.status_code != 302:
        assert _counts() == before, (url, data)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

START_FIELDS = list(DetailsForm.Meta.fields)


@pytest.fixture
def draft(catalogue, alice):
    return make_screening(alice)


@FUZZ
@given(data=fields(START_FIELDS))
def test_it_survives_hostile_start_forms(client, alice, catalogue, data):
    sign_in(client, alice)
    _post_and_check(client, reverse("screening:start"), data)


@FUZZ
@given(data=fields([*START_FIELDS, "version", "action"]))
def test_it_survives_hostile_detail_forms(client, alice, draft, data):
    sign_in(client, alice)
    _post_and_check(client, reverse("screening:details", args=[draft.pk]), data)


@FUZZ
@given(data=st.data())
def test_it_survives_hostile_step_forms(client, alice, draft, data):
    group = draft.group_for_step(2)
    names = ["version", "action", "step_notes", "immediate_danger"]
    for indicator in group.indicators:
        names += [f"answer-{indicator.slug}", f"note-{indicator.slug}"]
    sign_in(client, alice)
    draft.refresh_from_db()
    if draft.status != "draft":
        return
    _post_and_check(client, draft.step_url(2), data.draw(fields(names)))


@FUZZ
@given(data=fields(["version"]))
def test_it_survives_hostile_completions(client, alice, catalogue, data):
    screening = make_screening(alice)
    sign_in(client, alice)
    _post_and_check(client, reverse("screening:complete", args=[screening.pk]), data)


@FUZZ
@given(data=fields(["version", "comment", "reason"]), action=st.sampled_from(["review", "reopen"]))
def test_it_survives_hostile_supervisor_forms(client, sam, alice, catalogue, data, action):
    screening = make_screening(alice, status="completed")
    sign_in(client, sam)
    _post_and_check(client, reverse(f"screening:{action}", args=[screening.pk]), data)


@FUZZ
@given(data=fields(["q", "status", "caseworker", "date_from", "date_to", "clear"]))
def test_it_survives_hostile_list_filters(client, sam, catalogue, data):
    sign_in(client, sam)
    _post_and_check(client, reverse("screening:list"), data)
    assert client.get(reverse("screening:list")).status_code == 200


@FUZZ
@given(data=fields(["username", "password"]))
def test_it_survives_hostile_logins(client, alice, data):
    # Failed logins are recorded by django-axes by design; only the 500s matter here.
    response = client.post(reverse("accounts:login"), _clean(data))
    assert response.status_code in (200, 302, 403, 429)


@FUZZ
@given(
    data=fields(["token"]),
    target=st.sampled_from(["accounts:two_factor", "accounts:password_change"]),
    more=fields(["old_password", "new_password1", "new_password2"]),
)
def test_it_survives_hostile_account_forms(client, alice, data, target, more):
    sign_in(client, alice)
    response = client.post(reverse(target), _clean({**data, **more}))
    assert response.status_code < 500


@FUZZ
@given(query=fields(["q", "group"]))
def test_it_survives_hostile_searches(client, catalogue, query):
    response = client.get(reverse("definitions:indicators"), _clean(query))
    assert response.status_code == 200


@FUZZ
@given(body=st.binary(max_size=400), quoted=st.booleans())
def test_it_survives_raw_bodies_and_invalid_utf8(client, alice, draft, body, quoted):
    from urllib.parse import quote_from_bytes

    sign_in(client, alice)
    payload = (b"case_reference=" + quote_from_bytes(body).encode()) if quoted else body
    before = _counts()
    for url in [reverse("screening:start"), draft.step_url(2)]:
        response = client.post(url, payload, content_type="application/x-www-form-urlencoded")
        assert response.status_code < 500
    assert _counts() == before


@pytest.mark.parametrize("name", ["start", "step", "details", "review", "list"])
def test_it_refuses_posts_without_a_csrf_token(alice, draft, name):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, alice)
    args = {"start": [], "list": [], "step": [draft.pk, 2]}.get(name, [draft.pk])
    before = _counts()
    response = client.post(reverse(f"screening:{name}", args=args), {"version": draft.version})
    assert response.status_code == 403
    assert _counts() == before
