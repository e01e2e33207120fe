"""Routes by sector (issue 25, item 7): the labour line for the person's sector of work, and the
wage-claim route (the Labour Tribunal, legal aid) when a sign about pay is answered Yes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from referrals.models import ReferralContact
from referrals.rules import (
    DOMESTIC_WORK,
    LEGAL,
    OTHER_WORK,
    YES,
    ContactFacts,
    guidance_for,
)
from screening.models import Screening
from screening.summary import ScreeningSummary
from tests.factories import answer_all, make_screening
from tests.referrals import CATALOGUE, REFERRAL, make_facts, make_indicator

UNPAID = make_indicator(
    "unpaid-or-underpaid",
    "Is unpaid, paid very little, or paid only through tips",
    ["purpose"],
    ["withholding-of-wages"],
    labour=True,
)
WITH_PAY = CATALOGUE + (UNPAID,)

FDH_LINE = ContactFacts(
    slug="fdh-line", kind="labour", name="FDH line", phone="FDH-LINE", sector=DOMESTIC_WORK
)
GENERAL_LINE = ContactFacts(
    slug="general-line", kind="labour", name="General line", phone="GENERAL", sector=OTHER_WORK
)
ANY_WORK_LINE = ContactFacts(slug="any-line", kind="labour", name="Any line", phone="ANY-LINE")
TRIBUNAL = ContactFacts(slug="tribunal", kind=LEGAL, name="Tribunal", phone="TRIBUNAL-LINE")
LEGAL_AID = ContactFacts(slug="legal-aid", kind=LEGAL, name="Legal aid", phone="LEGAL-AID")
CONTACTS = (REFERRAL, FDH_LINE, GENERAL_LINE, ANY_WORK_LINE, TRIBUNAL, LEGAL_AID)


def _labour(answers, sector="", contacts=CONTACTS):
    facts = replace(make_facts(answers, indicators=WITH_PAY), sector=sector)
    return next((item for item in guidance_for(facts, contacts) if item.code == "labour"), None)


@pytest.mark.parametrize(
    "sector, expected",
    [
        pytest.param(DOMESTIC_WORK, (FDH_LINE, ANY_WORK_LINE), id="domestic work"),
        pytest.param("construction", (GENERAL_LINE, ANY_WORK_LINE), id="construction"),
        pytest.param("catering", (GENERAL_LINE, ANY_WORK_LINE), id="catering"),
        pytest.param("other", (GENERAL_LINE, ANY_WORK_LINE), id="another sector"),
        pytest.param("", (FDH_LINE, GENERAL_LINE, ANY_WORK_LINE), id="sector not recorded"),
    ],
)
def test_it_gives_the_labour_line_for_the_persons_sector(sector, expected):
    item = _labour({"no-control-of-money": YES}, sector)
    assert item.contacts == expected
    for contact in (FDH_LINE, GENERAL_LINE):
        assert (contact.phone in item.body) == (contact in expected)


@pytest.mark.parametrize(
    "answers, sector, expected",
    [
        pytest.param(
            {"unpaid-or-underpaid": YES},
            DOMESTIC_WORK,
            (FDH_LINE, ANY_WORK_LINE, TRIBUNAL, LEGAL_AID),
            id="unpaid domestic worker",
        ),
        pytest.param(
            {"unpaid-or-underpaid": YES},
            "construction",
            (GENERAL_LINE, ANY_WORK_LINE, TRIBUNAL, LEGAL_AID),
            id="unpaid construction worker",
        ),
        pytest.param(
            {"no-control-of-money": YES},
            DOMESTIC_WORK,
            (FDH_LINE, ANY_WORK_LINE),
            id="no sign about pay: no wage claim",
        ),
    ],
)
def test_it_adds_the_wage_claim_route_for_a_sign_about_pay(answers, sector, expected):
    item = _labour(answers, sector)
    assert item.contacts == expected
    wages = TRIBUNAL in expected
    assert ("unpaid wages can be claimed" in item.body) == wages
    assert ("TRIBUNAL-LINE" in item.body) == wages
    assert item.body.endswith("This is beside the referral, never instead of it.")


@pytest.mark.parametrize(
    "contacts, missing",
    [
        pytest.param(
            (REFERRAL, FDH_LINE, GENERAL_LINE),
            "No contact for wage claims is set up yet",
            id="no legal contact active",
        ),
        pytest.param(
            (REFERRAL, GENERAL_LINE, TRIBUNAL),
            "No labour contact is set up yet",
            id="no labour line for domestic work active",
        ),
    ],
)
def test_it_says_so_when_no_contact_for_the_route_is_active(contacts, missing):
    item = _labour({"unpaid-or-underpaid": YES}, DOMESTIC_WORK, contacts)
    assert missing in item.body
    assert GENERAL_LINE not in item.contacts


def test_it_gives_no_labour_item_for_a_pay_sign_answered_only_not_sure():
    assert _labour({"unpaid-or-underpaid": "not_sure"}, DOMESTIC_WORK) is None


def test_the_screenings_sector_values_are_the_rules_own():
    assert Screening.Sector.DOMESTIC_WORK == DOMESTIC_WORK
    assert ReferralContact.Sector.DOMESTIC_WORK == DOMESTIC_WORK
    assert ReferralContact.Sector.OTHER_WORK == OTHER_WORK


def _summary_labour(screening):
    summary = ScreeningSummary(screening)
    return next(item for item in summary.guidance if item.code == "labour")


def test_a_domestic_workers_summary_gives_the_shipped_routes(catalogue, alice):
    screening = make_screening(alice, sector=Screening.Sector.DOMESTIC_WORK)
    no = {indicator.slug: "no" for indicator in screening.indicators}
    answer_all(screening, alice, answers=no | {"unpaid-or-underpaid": YES})
    item = _summary_labour(screening)
    assert [c.slug for c in item.contacts] == [
        "labour-fdh-hotline",
        "labour-tribunal",
        "legal-aid-department",
    ]


def test_an_inactive_contact_is_given_nowhere(catalogue, alice):
    ReferralContact.objects.filter(slug="labour-tribunal").update(active=False)
    screening = make_screening(alice, sector=Screening.Sector.CONSTRUCTION)
    no = {indicator.slug: "no" for indicator in screening.indicators}
    answer_all(screening, alice, answers=no | {"unpaid-or-underpaid": YES})
    item = _summary_labour(screening)
    assert [c.slug for c in item.contacts] == ["labour-department-hotline", "legal-aid-department"]
    assert "2625 0020" not in item.body
