"""Contacts by route (issue 25, item 7): each number added was seen on an official Hong Kong
Government page, recorded beside it with the date it was checked."""

from __future__ import annotations

import datetime
from urllib.parse import urlparse

from referrals.models import ReferralContact
from referrals.rules import LABOUR, POLICE
from screening.person_texts import ClosingContacts

CHECKED = datetime.date(2026, 12, 4)


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


def test_it_records_an_official_source_and_date_for_every_contact_checked_now(catalogue):
    checked_now = ReferralContact.objects.filter(last_checked=CHECKED)
    assert checked_now.count() == 3
    assert all(_official(contact.source) for contact in checked_now)


def test_it_still_names_the_domestic_helper_hotline_in_the_closing(catalogue):
    assert ClosingContacts.of(ReferralContact.objects.active_facts()).labour_phone == "2157 9537"
