"""Contacts by route (issue 25, item 7): each number was seen on an official Hong Kong
Government page (100storiesHK's address on its own page), recorded beside it with the date it was
checked; the labour lines say which sector they serve."""

from __future__ import annotations

import datetime
from urllib.parse import urlparse

from referrals.models import ReferralContact
from referrals.rules import DOMESTIC_WORK, LABOUR, LEGAL, OTHER_WORK, POLICE, REFERRAL
from screening.person_texts import ClosingContacts

CHECKED = datetime.date(2026, 12, 4)
CHECKED_NOW = datetime.date(2026, 12, 5)


def _official(url: str) -> bool:
    host = urlparse(url).hostname or ""
    return host == "gov.hk" or host.endswith(".gov.hk")


def test_it_ships_the_police_hotline_for_a_report_that_is_not_an_emergency(catalogue):
    police = ReferralContact.objects.get(kind=POLICE)
    assert police.phone == "2527 7177"
    assert _official(police.source) and police.last_checked == CHECKED


def test_it_ships_the_labour_department_hotline_for_work_other_than_domestic_work(catalogue):
    phones = set(ReferralContact.objects.filter(kind=LABOUR).values_list("phone", flat=True))
    assert phones == {"2157 9537", "2717 1771"}


def test_it_ships_every_contact_with_a_source_and_the_date_it_was_checked(catalogue):
    contacts = ReferralContact.objects.all()
    assert contacts.count() == 8  # six before the labour routes by sector, and two legal ones
    for contact in contacts:
        assert contact.source.startswith(("https://", "http://")), contact.slug
        assert contact.last_checked in (CHECKED, CHECKED_NOW), contact.slug
        # The referral partner's address is on its own page; every other number on the
        # Government's.
        assert _official(contact.source) or contact.kind == REFERRAL, contact.slug


def test_it_routes_the_labour_lines_by_sector(catalogue):
    sectors = dict(ReferralContact.objects.filter(kind=LABOUR).values_list("phone", "sector"))
    assert sectors == {"2157 9537": DOMESTIC_WORK, "2717 1771": OTHER_WORK}


def test_it_ships_the_labour_tribunal_and_legal_aid_for_wage_claims(catalogue):
    legal = ReferralContact.objects.filter(kind=LEGAL)
    assert dict(legal.values_list("slug", "phone")) == {
        "labour-tribunal": "2625 0020",
        "legal-aid-department": "2537 7677",
    }
    assert all(c.sector == "" and c.last_checked == CHECKED_NOW for c in legal)


def test_it_still_names_the_domestic_helper_hotline_in_the_closing(catalogue):
    assert ClosingContacts.of(ReferralContact.objects.active_facts()).labour_phone == "2157 9537"


def test_the_closing_names_the_domestic_helper_line_whatever_the_admin_order(catalogue):
    # The closing says "the Labour Department's hotline for foreign domestic helpers": it must
    # never fill in the general line, even when an administrator puts that line first.
    ReferralContact.objects.filter(kind=LABOUR, sector=OTHER_WORK).update(order=0)
    ReferralContact.objects.filter(kind=LABOUR, sector=DOMESTIC_WORK).update(order=99)
    assert ClosingContacts.of(ReferralContact.objects.active_facts()).labour_phone == "2157 9537"
    ReferralContact.objects.filter(kind=LABOUR, sector=DOMESTIC_WORK).update(active=False)
    assert ClosingContacts.of(ReferralContact.objects.active_facts()).labour_phone == ""
