"""The summary page for each guidance case, and what it must always say."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import answer_all, make_screening, save_step, sign_in


def _summary(client, screening) -> str:
    return client.get(reverse("screening:summary", args=[screening.pk])).content.decode()


def _answer(screening, user, answers: dict[str, str]):
    answer_all(screening, user, answers=answers, step_notes=False)


def _slug(screening, index: int = 0) -> str:
    return screening.indicators[index].slug


def test_it_puts_999_first_when_danger_was_raised(client, alice, catalogue):
    screening = make_screening(alice, immediate_danger=True)
    answer_all(screening, alice, "yes")
    sign_in(client, alice)
    page = _summary(client, screening)
    assert "Call 999 now" in page
    assert page.index("Call 999 now") < page.index("connect@100storiesHK.org")


def test_it_refers_any_yes_to_100storieshk_with_the_case_reference_as_subject(
    client, alice, catalogue
):
    screening = make_screening(alice, case_reference="HK-2611-REF1")
    _answer(screening, alice, {_slug(screening): "yes"})
    sign_in(client, alice)
    page = _summary(client, screening)
    assert 'href="mailto:connect@100storiesHK.org?subject=HK-2611-REF1"' in page
    assert screening.indicators[0].wording in page
    assert "Call 999 now" not in page


def test_it_treats_a_child_with_any_yes_as_urgent(client, alice, catalogue):
    screening = make_screening(alice, age_band="under_18")
    _answer(screening, alice, {_slug(screening, 3): "yes"})
    sign_in(client, alice)
    page = _summary(client, screening)
    assert "means" in page and "not required" in page


def test_it_lists_not_sure_indicators_for_follow_up(client, alice, catalogue):
    screening = make_screening(alice)
    _answer(screening, alice, {_slug(screening, 2): "not_sure", _slug(screening, 5): "not_sure"})
    sign_in(client, alice)
    page = _summary(client, screening)
    assert "Indicators to revisit" in page
    assert screening.indicators[2].wording in page
    assert "mailto:" not in page.split("What to do now")[1].split("What was observed")[0]


def test_it_says_no_referral_when_nothing_was_seen_and_keeps_not_asked_apart(
    client, alice, catalogue
):
    screening = make_screening(alice)
    answers = {indicator.slug: "no" for indicator in screening.indicators[:10]}
    answers.update({indicator.slug: "not_asked" for indicator in screening.indicators[10:]})
    _answer(screening, alice, answers)
    sign_in(client, alice)
    page = _summary(client, screening)
    assert "14 indicators not asked or declined" in page
    assert "10 indicators answered No" in page
    assert "0 indicators not answered" in page


def test_it_shows_the_explanation_and_caveat_but_no_score(client, alice, catalogue):
    screening = make_screening(alice)
    answer_all(screening, alice, "yes")
    sign_in(client, alice)
    page = _summary(client, screening)
    assert "not a legal determination" in page
    assert "not cumulative" in page
    assert "Palermo Protocol elements" in page
    explanation = page.split("In the terms of the definitions")[1]
    assert not re.search(r"\b\d+\s*/\s*24\b", explanation) and "%" not in explanation


@pytest.mark.parametrize(
    "hostile", ["<script>alert(1)</script>", '<img src="http://127.0.0.1:9/x">']
)
def test_it_escapes_notes(client, alice, catalogue, hostile):
    screening = make_screening(alice)
    answer_all(screening, alice, "yes", note=hostile)
    sign_in(client, alice)
    page = _summary(client, screening)
    assert hostile not in page
    assert "&lt;" in page


def test_it_shows_the_notes_on_signs_answered_no_not_asked_or_not_answered(
    client, alice, catalogue
):
    # A "No" can carry the evidence in its note: the summary and the PDF must not drop it.
    screening = make_screening(alice)
    group = screening.groups[0]
    no, not_asked, unanswered, bare_no = group.indicators[:4]
    answers = {
        no.slug: ("no", "her employer keeps her passport"),
        not_asked.slug: ("not_asked", "she looked at the agent before answering"),
        unanswered.slug: ("", "asked twice, no reply"),
        bare_no.slug: ("no", ""),
    }
    save_step(screening, alice, group.slug, answers)
    sign_in(client, alice)
    section = _summary(client, screening).split('id="not-asked-title"')[1].split("</section>")[0]
    assert f"{no.wording}: <strong>No</strong>" in section
    assert "her employer keeps her passport" in section
    assert f"{not_asked.wording}: <strong>Not asked / declined</strong>" in section
    assert "she looked at the agent before answering" in section
    assert f"{unanswered.wording}: <strong>Not answered</strong>" in section
    assert "asked twice, no reply" in section
    assert bare_no.wording not in section  # a No without a note is counted only
    pdf = client.get(reverse("screening:pdf", args=[screening.pk])).content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "her employer keeps her passport" in " ".join(text.split())


def test_it_lists_no_other_notes_when_there_are_none(client, alice, catalogue):
    screening = make_screening(alice)
    _answer(screening, alice, {_slug(screening): "no"})
    sign_in(client, alice)
    assert "Notes on signs answered No" not in _summary(client, screening)
