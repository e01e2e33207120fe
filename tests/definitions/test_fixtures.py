from __future__ import annotations

import json

from django.conf import settings
from django.core.management import call_command

from definitions.models import (
    Definition,
    ForcedLabourIndicator,
    Indicator,
    IndicatorGroup,
    Note,
    PalermoElement,
)
from referrals.models import ReferralContact
from tests.definitions.source import ILO, ILO_INDICATORS, PALERMO, SIGNS

PAGE_NOTES = {
    "hong-kong-law",
    "global-slavery-index",
    "caveat",
    "attribution",
    "not-a-legal-determination",
}


def shipped_notes() -> int:
    rows = json.loads((settings.BASE_DIR / "fixtures" / "reference.json").read_text())
    return sum(1 for row in rows if row["model"] == "definitions.note")


# What the source fixes; notes are counted from the fixture, since more may be added.
COUNTS = {
    Indicator: 23,
    IndicatorGroup: 5,
    ForcedLabourIndicator: 11,
    PalermoElement: 3,
    Definition: 2,
    Note: shipped_notes(),
    ReferralContact: 4,
}


def counts() -> dict:
    return {model: model.objects.count() for model in COUNTS}


def test_it_loads_the_reference_twice_without_duplicates(db):
    call_command("load_reference")
    assert counts() == COUNTS
    call_command("load_reference")
    assert counts() == COUNTS


def test_it_restores_edited_rows_in_place(db):
    call_command("load_reference")
    Indicator.objects.filter(slug="avoids-eye-contact").update(wording="changed")
    call_command("load_reference")
    assert Indicator.objects.get(slug="avoids-eye-contact").wording == "Avoids eye contact"
    assert counts() == COUNTS


def test_it_ships_the_source_wording(reference):
    assert list(Indicator.objects.values_list("wording", flat=True)) == SIGNS
    assert Definition.objects.get(slug="palermo-protocol").verbatim == PALERMO
    assert Definition.objects.get(slug="ilo-forced-labour").verbatim == ILO
    assert list(ForcedLabourIndicator.objects.values_list("name", flat=True)) == ILO_INDICATORS
    assert list(PalermoElement.objects.values_list("slug", flat=True)) == [
        "act",
        "means",
        "purpose",
    ]


def test_it_gives_every_sign_questions_and_a_palermo_element(reference):
    for indicator in Indicator.objects.with_relations():
        assert 1 <= len(indicator.question_list) <= 3, indicator.slug
        assert indicator.elements.all(), indicator.slug


def test_it_ships_the_notes_the_pages_use(reference):
    assert set(Note.objects.values_list("slug", flat=True)) >= PAGE_NOTES
    assert COUNTS[Note] >= 5


def test_it_ships_only_the_four_contacts_the_brief_names_each_checked(reference):
    contacts = {c.slug: c for c in ReferralContact.objects.all()}
    assert set(contacts) == {"emergency-999", "100storieshk", "swd-hotline", "labour-fdh-hotline"}
    assert (contacts["emergency-999"].kind, contacts["emergency-999"].phone) == ("emergency", "999")
    assert contacts["100storieshk"].kind == "referral"
    assert contacts["100storieshk"].email == "connect@100storiesHK.org"
    assert contacts["100storieshk"].phone == ""
    swd = contacts["swd-hotline"]
    assert (swd.kind, swd.phone) == ("child_protection", "2343 2255")
    labour = contacts["labour-fdh-hotline"]
    assert (labour.kind, labour.phone) == ("labour", "2157 9537")
    for language in ("Tagalog", "Bahasa Indonesia", "Thai", "Nepali", "Hindi", "Punjabi", "Urdu"):
        assert language in labour.when_to_contact_en
    assert all(contact.last_checked for contact in contacts.values())


def test_it_weighs_every_sign_and_says_where_the_weight_comes_from(reference):
    for indicator in Indicator.objects.all():
        assert indicator.weight in {"strong", "medium", "weak"}, indicator.slug
        assert indicator.weight_source.startswith(("ILO–EC Delphi", "Team's reading")), indicator
    under_18 = Indicator.objects.filter(says_under_18=True)
    assert [i.slug for i in under_18] == ["under-18-commercial-sex"]
