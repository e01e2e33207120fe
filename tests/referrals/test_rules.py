"""Referral guidance: which items a screening's facts produce, in which order, with which words."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from referrals import rules
from referrals.rules import (
    ADULT,
    AGE_UNKNOWN,
    NO,
    NOT_ASKED,
    NOT_SURE,
    UNDER_18,
    YES,
    Urgency,
    guidance_for,
)
from tests.referrals import (
    CHILD_PROTECTION,
    COERCION_CATALOGUE,
    CONTACTS,
    EMERGENCY,
    LABOUR,
    POLICE,
    REFERRAL,
    SHELTER,
    SLUGS,
    all_answered,
    by_slug,
    make_facts,
)


def _codes(facts, contacts=CONTACTS) -> list[str]:
    return [item.code for item in guidance_for(facts, contacts)]


def _item(facts, code: str, contacts=CONTACTS) -> rules.Guidance:
    return next(item for item in guidance_for(facts, contacts) if item.code == code)


@pytest.mark.parametrize(
    "age_band, danger, answers, expected",
    [
        pytest.param(ADULT, True, {}, ["call-999", "no-referral"], id="danger only"),
        pytest.param(
            UNDER_18,
            True,
            {"large-debt": YES},
            ["call-999", "child-at-risk", "refer"],
            id="child, danger and a yes",
        ),
        pytest.param(
            UNDER_18,
            True,
            {"under-18-commercial-sex": YES, "avoids-eye-contact": NOT_SURE},
            ["call-999", "child-at-risk", "refer", "follow-up"],
            id="everything at once",
        ),
        pytest.param(
            UNDER_18,
            False,
            {"under-18-commercial-sex": NOT_SURE},
            ["child-at-risk", "follow-up"],
            id="suspicion is enough for a child: not sure on commercial sex is urgent",
        ),
        pytest.param(
            UNDER_18, False, {"large-debt": YES}, ["child-at-risk", "refer"], id="child yes"
        ),
        pytest.param(UNDER_18, False, all_answered(NO), ["no-referral"], id="child all no"),
        pytest.param(ADULT, False, all_answered(NOT_ASKED), ["incomplete"], id="all not asked"),
        pytest.param(ADULT, False, all_answered(NO), ["no-referral"], id="all no"),
        pytest.param(ADULT, False, {}, ["incomplete"], id="nothing answered"),
        pytest.param(
            ADULT,
            False,
            {"under-18-commercial-sex": YES},
            ["child-at-risk", "refer"],
            id="the answers override an adult age band",
        ),
        pytest.param(
            ADULT,
            False,
            {"under-18-commercial-sex": NOT_SURE, "large-debt": NO},
            ["child-at-risk", "follow-up"],
            id="a not sure on an under-18 sign makes an adult band a suspected child",
        ),
        pytest.param(ADULT, False, {"large-debt": YES}, ["refer"], id="adult yes"),
        pytest.param(
            ADULT,
            False,
            {"large-debt": YES, "avoids-eye-contact": NOT_SURE},
            ["refer", "follow-up"],
            id="adult yes and not sure",
        ),
        pytest.param(
            ADULT,
            False,
            {"avoids-eye-contact": NOT_SURE, "large-debt": NO},
            ["follow-up"],
            id="adult only not sure",
        ),
        pytest.param(
            ADULT,
            False,
            {"commercial-sex-with-pimp": YES},
            ["commercial-sex", "refer"],
            id="adult commercial sex yes",
        ),
        pytest.param(
            AGE_UNKNOWN,
            False,
            {"under-18-commercial-sex": YES},
            ["child-at-risk", "refer"],
            id="unknown age, under-18 commercial sex yes",
        ),
        pytest.param(
            AGE_UNKNOWN,
            False,
            {"large-debt": YES},
            ["child-protection", "refer"],
            id="unknown age, yes without commercial sex: child protection too",
        ),
        pytest.param(
            AGE_UNKNOWN,
            False,
            {"commercial-sex-with-pimp": NOT_SURE},
            ["child-at-risk", "follow-up"],
            id="suspicion is enough for unknown age: not sure on commercial sex is urgent",
        ),
    ],
)
def test_it_gives_the_guidance_each_case_calls_for(age_band, danger, answers, expected):
    facts = make_facts(answers, age_band=age_band, immediate_danger=danger)
    guidance = guidance_for(facts, CONTACTS)
    assert [item.code for item in guidance] == expected
    urgencies = [item.urgency for item in guidance]
    assert urgencies == sorted(urgencies)


@pytest.mark.parametrize(
    "code, urgency",
    [
        ("call-999", Urgency.EMERGENCY),
        ("child-at-risk", Urgency.URGENT),
        ("refer", Urgency.REFER),
        ("follow-up", Urgency.FOLLOW_UP),
    ],
)
def test_it_ranks_each_item_by_its_urgency(code, urgency):
    facts = make_facts(
        {"under-18-commercial-sex": YES, "avoids-eye-contact": NOT_SURE},
        age_band=UNDER_18,
        immediate_danger=True,
    )
    assert _item(facts, code).urgency == urgency


@pytest.mark.parametrize(
    "answers, urgency",
    [
        # A manager or pimp alone does not make an adult's case urgent (issue 25).
        ({"commercial-sex-with-pimp": YES}, Urgency.REFER),
        ({}, Urgency.NONE),
    ],
)
def test_it_ranks_commercial_sex_and_no_referral(answers, urgency):
    guidance = guidance_for(make_facts(answers), CONTACTS)
    assert guidance[0].urgency == urgency


def test_it_orders_by_urgency_whatever_the_order_of_the_contacts():
    facts = make_facts({"large-debt": YES}, age_band=UNDER_18, immediate_danger=True)
    forwards = _codes(facts, CONTACTS)
    backwards = _codes(facts, tuple(reversed(CONTACTS)))
    assert forwards == backwards == ["call-999", "child-at-risk", "refer"]


@pytest.mark.parametrize(
    "contacts, title, phone_in_body, listed",
    [
        pytest.param(CONTACTS, "Call 999 now", "999", (EMERGENCY,), id="from the data"),
        pytest.param(
            (replace(EMERGENCY, phone="999-TEST"), REFERRAL),
            "Call 999-TEST now",
            "999-TEST",
            (replace(EMERGENCY, phone="999-TEST"),),
            id="the phone comes from the contact",
        ),
        pytest.param((REFERRAL,), "Call 999 now", "999", (), id="no emergency contact"),
        pytest.param((), "Call 999 now", "999", (), id="no contacts at all"),
    ],
)
def test_it_says_call_999_with_the_emergency_contacts(contacts, title, phone_in_body, listed):
    item = _item(make_facts({}, immediate_danger=True), "call-999", contacts)
    assert item.title == title
    assert f"call {phone_in_body} before anything else" in item.body
    assert item.contacts == listed


@pytest.mark.parametrize(
    "contacts, number",
    [
        pytest.param(CONTACTS, "999", id="from the data"),
        pytest.param((replace(EMERGENCY, phone="999 TEST"),), "999 TEST", id="a changed phone"),
        pytest.param(
            (replace(EMERGENCY, phone=""), replace(EMERGENCY, slug="second", phone="999-SECOND")),
            "999-SECOND",
            id="the first emergency contact with a phone",
        ),
        pytest.param((replace(REFERRAL, phone="REFERRAL-PHONE"),), "999", id="never a referral's"),
        pytest.param((), "999", id="no contacts at all"),
    ],
)
def test_it_gives_the_emergency_number(contacts, number):
    assert rules.emergency_number(contacts) == number


@pytest.mark.parametrize(
    "age_band, answers, reason",
    [
        (UNDER_18, {"large-debt": YES}, "under 18 and at least one indicator"),
        (UNDER_18, {"under-18-commercial-sex": YES}, "sexual exploitation"),
        (UNDER_18, {"commercial-sex-with-pimp": YES}, "sexual exploitation"),
        (AGE_UNKNOWN, {"under-18-commercial-sex": YES}, "sexual exploitation"),
        (AGE_UNKNOWN, {"commercial-sex-with-pimp": YES}, "age is not known"),
        (AGE_UNKNOWN, {"commercial-sex-with-pimp": YES}, "age is not known"),
    ],
)
def test_it_treats_a_child_at_risk_as_urgent_and_drops_the_means(age_band, answers, reason):
    item = _item(make_facts(answers, age_band=age_band), "child-at-risk")
    assert item.urgency == Urgency.URGENT
    assert "child at risk" in item.title
    assert reason in item.body
    assert "today" in item.body
    assert '"means" element of the Palermo Protocol is not required' in item.body


def test_it_does_not_make_a_manager_alone_urgent_for_an_adult_and_warns_of_arrest():
    guidance = guidance_for(make_facts({"commercial-sex-with-pimp": YES}), CONTACTS)
    assert [item.code for item in guidance] == ["commercial-sex", "refer"]
    item = guidance[0]
    assert item.urgency == Urgency.REFER
    assert "does not by itself mean that the person is trafficked" in item.body
    assert "risk of arrest" in item.body and "conditions of stay" in item.body
    assert "services for sex workers" in item.body
    assert "child-at-risk" not in [other.code for other in guidance]


def test_it_refers_any_yes_with_what_to_share():
    facts = replace(make_facts({"large-debt": YES}), consent_to_share=True)
    item = _item(facts, "refer")
    assert item.title == "Refer to 100storiesHK"
    assert item.contacts == (REFERRAL,)
    assert "connect@100storiesHK.org" in item.body
    for words in ("case reference", "screening PDF", "secure channel", "agreed", "subject line"):
        assert words in item.body
    assert "do not send it" not in item.body


@pytest.mark.parametrize("consent", [False, None], ids=["refused", "not asked"])
def test_it_says_to_share_nothing_identifying_without_consent_to_share(consent):
    facts = replace(make_facts({"large-debt": YES}), consent_to_share=consent)
    item = _item(facts, "refer")
    assert item.title == "Refer to 100storiesHK"  # the referral rule stays: any Yes, refer
    assert "do not send it" in item.body
    assert "without the case reference or anything else that identifies" in item.body
    assert "screening PDF" not in item.body


@pytest.mark.parametrize(
    "contacts, in_title, in_body",
    [
        pytest.param(
            (EMERGENCY, replace(REFERRAL, email="referrals@example.org")),
            "100storiesHK",
            "referrals@example.org",
            id="a changed address",
        ),
        pytest.param(
            (replace(REFERRAL, name="Another NGO", email="intake@example.org"),),
            "Another NGO",
            "intake@example.org",
            id="a changed name",
        ),
        pytest.param((EMERGENCY,), "Refer the person", "ask an administrator", id="none set up"),
    ],
)
def test_it_takes_the_referral_contacts_from_the_argument(contacts, in_title, in_body):
    item = _item(make_facts({"large-debt": YES}), "refer", contacts)
    assert in_title in item.title
    assert in_body in item.body
    assert "connect@100storiesHK.org" not in item.title + item.body
    assert all(contact.kind == "referral" for contact in item.contacts)


def test_it_hard_codes_no_referral_address():
    source = Path(rules.__file__).read_text()
    assert "connect@100storieshk.org" not in source.lower()


@pytest.mark.parametrize(
    "answers, expected",
    [
        pytest.param(
            {"avoids-eye-contact": NOT_SURE, "not-free-to-leave": NOT_SURE},
            ["not-free-to-leave", "avoids-eye-contact"],
            id="catalogue order, not answer order",
        ),
        pytest.param(
            {"avoids-eye-contact": NOT_SURE, "large-debt": YES, "not-free-to-leave": NOT_ASKED},
            ["avoids-eye-contact"],
            id="only the not sure ones, next to a yes",
        ),
    ],
)
def test_it_lists_the_not_sure_indicators_to_revisit(answers, expected):
    item = _item(make_facts(answers), "follow-up")
    assert item.urgency == Urgency.FOLLOW_UP
    assert [indicator.slug for indicator in item.indicators] == expected
    assert item.contacts == ()


@pytest.mark.parametrize(
    "answers, phrase",
    [
        ({"avoids-eye-contact": NOT_SURE}, "No indicator was answered Yes"),
        ({"avoids-eye-contact": NOT_SURE, "large-debt": YES}, "share what you learn"),
    ],
)
def test_it_words_the_follow_up_for_whether_a_referral_is_made(answers, phrase):
    assert phrase in _item(make_facts(answers), "follow-up").body


def test_it_flags_an_uncertain_commercial_sex_indicator_for_an_adult_without_urgency():
    facts = make_facts({"commercial-sex-with-pimp": NOT_SURE}, age_band=ADULT)
    guidance = guidance_for(facts, CONTACTS)
    assert [item.code for item in guidance] == ["follow-up"]
    assert "commercial sex is uncertain" in guidance[0].body
    assert "refer today" in guidance[0].body
    assert guidance[0].indicators == (by_slug("commercial-sex-with-pimp"),)


@pytest.mark.parametrize(
    "age_band, slug",
    [
        (UNDER_18, "commercial-sex-with-pimp"),
        (AGE_UNKNOWN, "commercial-sex-with-pimp"),
        (ADULT, "under-18-commercial-sex"),
        (AGE_UNKNOWN, "under-18-commercial-sex"),
    ],
)
def test_it_treats_suspected_sexual_exploitation_of_a_child_as_urgent(age_band, slug):
    facts = make_facts({slug: NOT_SURE}, age_band=age_band)
    urgent = _item(facts, "child-at-risk")
    assert urgent.urgency == Urgency.URGENT
    assert "Not sure" in urgent.body and "suspected" in urgent.body
    assert "Act today" in urgent.body
    # The follow-up still lists what to revisit, without repeating the warning.
    follow_up = _item(facts, "follow-up")
    assert follow_up.indicators == (by_slug(slug),)
    assert "commercial sex is uncertain" not in follow_up.body


@pytest.mark.parametrize(
    "age_band, answer, disagrees",
    [
        (ADULT, YES, True),
        (ADULT, NOT_SURE, True),
        (AGE_UNKNOWN, YES, False),
        (UNDER_18, YES, False),
    ],
)
def test_it_says_when_the_answers_and_the_age_band_disagree(age_band, answer, disagrees):
    facts = make_facts({"under-18-commercial-sex": answer}, age_band=age_band)
    assert facts.is_child
    assert facts.age_band_disagrees is disagrees
    body = _item(facts, "child-at-risk").body
    assert ("check their age" in body) is disagrees
    assert "means" in body and "not required" in body


def test_it_does_not_make_a_child_of_an_adult_who_answered_no_to_the_under_18_sign():
    facts = make_facts({"under-18-commercial-sex": NO, "large-debt": YES}, age_band=ADULT)
    assert not facts.is_child
    assert _codes(facts) == ["refer"]


@pytest.mark.parametrize(
    "answers, expected",
    [
        pytest.param({}, ["speak-freely", "incomplete"], id="nothing yet"),
        pytest.param(all_answered(NO), ["speak-freely", "no-referral"], id="all no"),
        pytest.param({"large-debt": YES}, ["refer", "speak-freely"], id="a yes"),
    ],
)
def test_it_says_the_person_may_not_have_spoken_freely(answers, expected):
    facts = make_facts(answers, may_not_speak_freely=True)
    assert _codes(facts) == expected
    item = _item(facts, "speak-freely")
    assert item.urgency == Urgency.FOLLOW_UP
    assert "answers of No may not be reliable" in item.body
    assert "friend, partner or relative" in item.body
    assert "Stop the screening" in item.body
    assert "alone" in item.body and "professional interpreter" in item.body
    assert "speak-freely" not in _codes(make_facts(answers))


def test_it_does_not_flag_commercial_sex_when_the_case_is_already_urgent():
    facts = make_facts({"large-debt": YES, "under-18-commercial-sex": NOT_SURE}, age_band=UNDER_18)
    assert "commercial sex is uncertain" not in _item(facts, "follow-up").body


@pytest.mark.parametrize(
    "answers, code, present, absent",
    [
        pytest.param(
            all_answered(NOT_ASKED),
            "incomplete",
            ["incomplete", "7 indicators not asked or declined"],
            ["not answered", "answered No"],
            id="all not asked",
        ),
        pytest.param(
            {**dict.fromkeys(SLUGS[:4], NO), **dict.fromkeys(SLUGS[4:], NOT_ASKED)},
            "incomplete",
            ["3 indicators not asked or declined"],
            ["7 indicators", "4 indicators", "not answered"],
            id="no and not asked kept apart; 3 of 7 not asked is a third",
        ),
        pytest.param(
            {**dict.fromkeys(SLUGS[:5], NO), **dict.fromkeys(SLUGS[5:], NOT_ASKED)},
            "no-referral",
            ["2 indicators not asked or declined"],
            ["not answered"],
            id="2 of 7 not asked is under a third",
        ),
        pytest.param(
            {SLUGS[0]: NOT_ASKED, SLUGS[1]: NO},
            "incomplete",
            ["1 indicator not asked or declined", "5 indicators not answered"],
            ["6 indicators"],
            id="not asked and unanswered kept apart",
        ),
        pytest.param(
            {},
            "incomplete",
            ["incomplete", "7 indicators not answered"],
            ["not asked or declined"],
            id="nothing",
        ),
        pytest.param(all_answered(NO), "no-referral", [], ["incomplete"], id="all no"),
        pytest.param(
            {**all_answered(NO), SLUGS[0]: ""},
            "no-referral",
            ["1 indicator not answered"],
            ["not asked or declined"],
            id="an empty answer is unanswered",
        ),
    ],
)
def test_it_indicates_no_referral_and_counts_what_was_not_covered(answers, code, present, absent):
    guidance = guidance_for(make_facts(answers), CONTACTS)
    assert [item.code for item in guidance] == [code]
    item = guidance[0]
    assert item.urgency == Urgency.NONE
    title = "Screening incomplete" if code == "incomplete" else "No referral indicated now"
    assert item.title == title
    assert "Stay alert" in item.body
    assert "circumstances change" in item.body
    assert item.contacts == () and item.indicators == ()
    for phrase in present:
        assert phrase in item.body
    for phrase in absent:
        assert phrase not in item.body


def test_it_does_not_say_no_referral_under_a_call_to_999():
    item = _item(make_facts({}, immediate_danger=True), "no-referral")
    assert item.title != "No referral indicated now"
    assert "immediate danger first" in item.body


def test_it_ignores_answers_for_indicators_outside_the_catalogue():
    assert _codes(make_facts({**all_answered(NO), "retired-indicator": YES})) == ["no-referral"]


@pytest.mark.parametrize(
    "answers, yes, not_sure, no, not_asked, unanswered",
    [
        ({}, [], [], 0, 0, 7),
        (
            {"large-debt": YES, "not-free-to-leave": NOT_SURE, "avoids-eye-contact": NO},
            ["large-debt"],
            ["not-free-to-leave"],
            1,
            0,
            4,
        ),
        ({**all_answered(NO), "large-debt": NOT_ASKED}, [], [], 6, 1, 0),
    ],
)
def test_it_counts_each_answer_value_separately(answers, yes, not_sure, no, not_asked, unanswered):
    facts = make_facts(answers)
    assert [indicator.slug for indicator in facts.yes_indicators()] == yes
    assert [indicator.slug for indicator in facts.not_sure_indicators()] == not_sure
    assert facts.counts.yes == len(yes)
    assert facts.counts.not_sure == len(not_sure)
    assert facts.counts.no == no
    assert facts.counts.not_asked == not_asked
    assert facts.counts.unanswered == unanswered


def test_it_returns_plain_strings():
    facts = make_facts(
        {"under-18-commercial-sex": YES, "avoids-eye-contact": NOT_SURE},
        age_band=UNDER_18,
        immediate_danger=True,
    )
    for item in guidance_for(facts, CONTACTS):
        assert type(item.title) is str and type(item.body) is str


@pytest.mark.parametrize(
    "age_band, answers, code",
    [
        pytest.param(UNDER_18, {"large-debt": YES}, "child-at-risk", id="child with a yes"),
        pytest.param(
            UNDER_18, {"large-debt": NOT_SURE}, "child-protection", id="child with a not sure"
        ),
        pytest.param(
            AGE_UNKNOWN, {"large-debt": YES}, "child-protection", id="unknown age with a yes"
        ),
        pytest.param(
            AGE_UNKNOWN,
            {"commercial-sex-with-pimp": NOT_SURE},
            "child-at-risk",
            id="unknown age, suspected commercial sex",
        ),
    ],
)
def test_it_gives_a_child_the_child_protection_contact_and_the_duty_to_report(
    age_band, answers, code
):
    item = _item(make_facts(answers, age_band=age_band), code)
    assert CHILD_PROTECTION in item.contacts
    assert "CHILD-LINE" in item.body
    assert "Mandatory Reporting of Child Abuse Ordinance (Cap. 650)" in item.body
    assert "20 January 2026" in item.body
    # The duty as section 4(1) states it, who else may report, and that a report names the child.
    for words in (
        "in the course of their work",
        "reasonable grounds to suspect",
        "suffering serious harm, or is at real risk of suffering serious harm",
        "as soon as practicable",
        "the Social Welfare Department or the Police",
        "may still report",
        "identifies the child",
        "does not apply to it",
        "does not need the person's consent to share",
    ):
        assert words in item.body


@pytest.mark.parametrize(
    "age_band, answers",
    [
        pytest.param(ADULT, {"large-debt": YES}, id="adult"),
        pytest.param(UNDER_18, all_answered(NO), id="child, all no"),
    ],
)
def test_it_gives_no_child_protection_contact_where_no_child_may_be_at_risk(age_band, answers):
    guidance = guidance_for(make_facts(answers, age_band=age_band), CONTACTS)
    assert all(CHILD_PROTECTION not in item.contacts for item in guidance)


def test_it_asks_for_a_child_protection_contact_when_none_is_set_up():
    facts = make_facts({"large-debt": YES}, age_band=UNDER_18)
    item = _item(facts, "child-at-risk", contacts=(EMERGENCY, REFERRAL))
    assert "No child-protection contact is set up yet" in item.body
    assert item.contacts == ()


def test_it_adds_the_labour_contact_beside_the_referral_for_a_wage_sign():
    facts = make_facts({"no-control-of-money": YES})
    assert _codes(facts) == ["refer", "labour"]
    labour = _item(facts, "labour")
    assert labour.contacts == (LABOUR,)
    assert "LABOUR-LINE" in labour.body
    assert "beside the referral, never instead of it" in labour.body
    assert labour.indicators == (by_slug("no-control-of-money"),)
    assert labour.indicators_title == "The Yes answers about work, living conditions or control:"
    assert _item(make_facts({"no-control-of-money": NOT_SURE}), "follow-up").indicators_title == (
        "Indicators to revisit:"
    )
    assert _item(facts, "refer").contacts == (REFERRAL,)  # the referral is still there


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"large-debt": YES}, id="a yes not about work and pay"),
        pytest.param({"no-control-of-money": NOT_SURE}, id="only a not sure"),
        pytest.param({"commercial-sex-with-pimp": YES}, id="commercial sex"),
    ],
)
def test_it_adds_no_labour_contact_otherwise(answers):
    assert "labour" not in _codes(make_facts(answers))


# "I'd rather not say" (DECLINED), from the person answering alone: counted like Not asked.
@pytest.mark.parametrize(
    "answers, codes, no, not_asked",
    [
        pytest.param(all_answered(rules.DECLINED), ["incomplete"], 0, 7, id="all declined"),
        pytest.param(
            {**dict.fromkeys(SLUGS[:4], NO), **dict.fromkeys(SLUGS[4:], rules.DECLINED)},
            ["incomplete"],
            4,
            3,
            id="3 of 7 declined is a third: incomplete, like not asked",
        ),
        pytest.param(
            {**dict.fromkeys(SLUGS[:5], NO), **dict.fromkeys(SLUGS[5:], rules.DECLINED)},
            ["no-referral"],
            5,
            2,
            id="2 of 7 declined is under a third",
        ),
        pytest.param(
            {
                **dict.fromkeys(SLUGS[:4], NO),
                SLUGS[4]: NOT_ASKED,
                SLUGS[5]: rules.DECLINED,
                SLUGS[6]: rules.DECLINED,
            },
            ["incomplete"],
            4,
            3,
            id="declined and not asked are added together",
        ),
        pytest.param(
            {**all_answered(rules.DECLINED), "large-debt": YES},
            ["refer"],
            0,
            6,
            id="a yes among declined answers still refers",
        ),
    ],
)
def test_it_counts_rather_not_say_as_not_asked_never_as_no(answers, codes, no, not_asked):
    facts = make_facts(answers)
    assert _codes(facts) == codes
    assert facts.counts.no == no
    assert facts.counts.not_asked == not_asked
    assert facts.counts.unanswered == 0


def test_it_says_declined_answers_were_not_asked_or_declined():
    answers = {**dict.fromkeys(SLUGS[:5], NO), **dict.fromkeys(SLUGS[5:], rules.DECLINED)}
    body = _item(make_facts(answers), "no-referral").body
    assert "2 indicators not asked or declined" in body
    assert "answered No" not in body


@pytest.mark.parametrize(
    "age_band, answers, expected, urgency",
    [
        pytest.param(
            ADULT,
            {"not-free-to-leave": YES, "large-debt": YES},
            ["safety-today", "refer"],
            Urgency.URGENT,
            id="adult, two strong signs of coercion: urgent",
        ),
        pytest.param(
            ADULT,
            {"no-control-of-id-documents": YES, "signs-of-abuse": YES},
            ["safety-today", "refer"],
            Urgency.URGENT,
            id="adult, documents held and abuse: urgent",
        ),
        pytest.param(
            ADULT,
            {"threat-of-penalty": YES},
            ["safety-today", "refer"],
            Urgency.URGENT,
            id="adult, a threat alone: urgent",
        ),
        pytest.param(
            ADULT,
            {"large-debt": YES},
            ["refer"],
            Urgency.REFER,
            id="adult, one strong sign of coercion: refer",
        ),
        pytest.param(
            ADULT,
            {"large-debt": YES, "threat-of-penalty": NOT_SURE},
            ["refer", "follow-up"],
            Urgency.REFER,
            id="adult, a threat only not sure: refer and follow up",
        ),
        pytest.param(
            ADULT,
            {"commercial-sex-with-pimp": YES},
            ["commercial-sex", "refer"],
            Urgency.REFER,
            id="adult, a manager alone: not urgent",
        ),
        pytest.param(
            ADULT,
            {"commercial-sex-with-pimp": YES, "no-control-of-id-documents": YES},
            ["safety-today", "commercial-sex", "refer"],
            Urgency.URGENT,
            id="adult, a manager and a strong sign: urgent",
        ),
        pytest.param(
            ADULT,
            {"avoids-eye-contact": YES},
            ["follow-up"],
            Urgency.FOLLOW_UP,
            id="adult, only a weak sign: follow up, no referral",
        ),
        pytest.param(
            ADULT,
            {"avoids-eye-contact": YES, "recruited-through-false-promises": NOT_SURE},
            ["follow-up"],
            Urgency.FOLLOW_UP,
            id="adult, a weak sign and a not sure: follow up",
        ),
        pytest.param(
            AGE_UNKNOWN,
            {"avoids-eye-contact": YES},
            ["establish-age", "follow-up"],
            Urgency.FOLLOW_UP,
            id="unknown age, only a weak sign: age first, no hotline",
        ),
        pytest.param(
            AGE_UNKNOWN,
            {"no-control-of-money": YES},
            ["establish-age", "refer", "labour"],
            Urgency.REFER,
            id="unknown age, a medium sign: age first, then refer",
        ),
        pytest.param(
            AGE_UNKNOWN,
            {"recruited-through-false-promises": NOT_SURE},
            ["establish-age", "follow-up"],
            Urgency.FOLLOW_UP,
            id="unknown age, only a not sure: age first",
        ),
        pytest.param(
            AGE_UNKNOWN,
            {"large-debt": YES},
            ["child-protection", "refer"],
            Urgency.REFER,
            id="unknown age, a strong sign: child protection",
        ),
        pytest.param(
            AGE_UNKNOWN,
            {"large-debt": YES, "signs-of-abuse": YES},
            ["safety-today", "child-protection", "refer"],
            Urgency.URGENT,
            id="unknown age, two strong signs of coercion: urgent and child protection",
        ),
        pytest.param(
            UNDER_18,
            {"avoids-eye-contact": YES},
            ["child-at-risk", "refer"],
            Urgency.URGENT,
            id="a child keeps the child rules: a weak sign is enough",
        ),
        pytest.param(
            UNDER_18,
            {"large-debt": YES, "signs-of-abuse": YES},
            ["child-at-risk", "refer"],
            Urgency.URGENT,
            id="a child with coercion: the child item, not the adult one",
        ),
    ],
)
def test_it_escalates_by_the_evidence(age_band, answers, expected, urgency):
    facts = make_facts(answers, age_band=age_band, indicators=COERCION_CATALOGUE)
    guidance = guidance_for(facts, CONTACTS)
    assert [item.code for item in guidance] == expected
    assert guidance[0].urgency == urgency


def test_it_tells_an_adult_in_danger_of_coercion_what_to_do_today():
    facts = make_facts(
        {"not-free-to-leave": YES, "no-control-of-id-documents": YES, "avoids-eye-contact": YES},
        indicators=COERCION_CATALOGUE,
    )
    item = _item(facts, "safety-today")
    assert item.urgency == Urgency.URGENT
    for words in ("safety today", "safe way to contact them", "call 999", "beside the referral"):
        assert words in item.body
    assert "POLICE-LINE" in item.body and "SHELTER-LINE" in item.body
    assert item.contacts == (POLICE, SHELTER)
    assert [i.slug for i in item.indicators] == ["not-free-to-leave", "no-control-of-id-documents"]


def test_it_asks_for_police_and_shelter_contacts_when_none_is_set_up():
    facts = make_facts({"threat-of-penalty": YES}, indicators=COERCION_CATALOGUE)
    item = _item(facts, "safety-today", contacts=(EMERGENCY, REFERRAL))
    assert "No police non-emergency contact is set up yet" in item.body
    assert "No shelter contact is set up yet" in item.body
    assert "threat or a penalty" in item.body


def test_it_follows_up_weak_signs_with_rapport_and_lists_them():
    facts = make_facts({"avoids-eye-contact": YES, "not-free-to-leave": NOT_SURE})
    item = _item(facts, "follow-up")
    assert "Only weak signs were answered Yes" in item.body
    assert "build rapport" in item.body
    assert [i.slug for i in item.indicators] == ["not-free-to-leave", "avoids-eye-contact"]
    assert item.indicators_title == "Signs to observe again and revisit:"
    assert "refer" not in _codes(facts)


def test_it_says_to_establish_the_age_first_without_the_hotline():
    facts = make_facts({"no-control-of-money": YES}, age_band=AGE_UNKNOWN)
    guidance = guidance_for(facts, CONTACTS)
    assert guidance[0].code == "establish-age"
    assert "establish their age" in guidance[0].body
    assert all(CHILD_PROTECTION not in item.contacts for item in guidance)


@pytest.mark.parametrize(
    "age_band, answer, phrase",
    [
        (ADULT, NOT_SURE, "may be under 18"),
        (AGE_UNKNOWN, NOT_SURE, "may be under 18"),
        (ADULT, YES, "says the person is under 18"),
    ],
)
def test_it_says_may_be_under_18_when_the_age_sign_is_only_not_sure(age_band, answer, phrase):
    body = _item(
        make_facts({"under-18-commercial-sex": answer}, age_band=age_band), "child-at-risk"
    ).body
    assert phrase in body
    if answer == NOT_SURE:
        assert "The person is under 18" not in body


@pytest.mark.parametrize("consent", [False, None], ids=["refused", "not asked"])
def test_it_says_consent_never_blocks_a_child_protection_report(consent):
    facts = replace(make_facts({"large-debt": YES}, age_band=UNDER_18), consent_to_share=consent)
    assert "consent never blocks a child-protection report" in _item(facts, "refer").body
    adult = replace(make_facts({"large-debt": YES}), consent_to_share=consent)
    assert "child-protection report" not in _item(adult, "refer").body
