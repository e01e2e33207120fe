from __future__ import annotations

import json
from io import StringIO

from django.conf import settings
from django.core.management import call_command

from definitions.models import (
    Definition,
    ForcedLabourIndicator,
    Indicator,
    IndicatorGroup,
    Note,
    PalermoElement,
    ShippedRow,
)
from referrals.models import ReferralContact
from tests.definitions.source import ADDED_SIGN, ILO, ILO_INDICATORS, PALERMO, SIGNS

PAGE_NOTES = {
    "hong-kong-law",
    "global-slavery-index",
    "caveat",
    "attribution",
    "not-a-legal-determination",
    "government-position",
    "two-week-rule",
    "agency-commission",
}


def shipped_notes() -> int:
    rows = json.loads((settings.BASE_DIR / "fixtures" / "reference.json").read_text())
    return sum(1 for row in rows if row["model"] == "definitions.note")


# What the source fixes; notes are counted from the fixture, since more may be added.
COUNTS = {
    Indicator: 24,
    IndicatorGroup: 5,
    ForcedLabourIndicator: 11,
    PalermoElement: 3,
    Definition: 2,
    Note: shipped_notes(),
    # With the police and Labour Department hotlines, the Labour Tribunal and the Legal Aid
    # Department (issue 25).
    ReferralContact: 8,
}


def counts() -> dict:
    return {model: model.objects.count() for model in COUNTS}


def test_it_loads_the_reference_twice_without_duplicates(db):
    call_command("load_reference")
    assert counts() == COUNTS
    call_command("load_reference")
    assert counts() == COUNTS


def _load(*args, **options) -> str:
    out = StringIO()
    call_command("load_reference", *args, stdout=out, **options)
    return out.getvalue()


def _shipped_with(folder, slug: str, **fields) -> str:
    """A copy of the fixtures in `folder` where the row `slug` ships with other `fields`."""
    for name in ("reference.json", "referral_contacts.json"):
        rows = json.loads((settings.BASE_DIR / "fixtures" / name).read_text())
        for row in rows:
            if row["fields"]["slug"] == slug:
                row["fields"].update(fields)
        (folder / name).write_text(json.dumps(rows, ensure_ascii=False))
    return str(folder)


def test_it_keeps_a_row_changed_here_and_says_so(db):
    _load()
    Indicator.objects.filter(slug="avoids-eye-contact").update(wording_en="Looks away, ours")
    output = _load()
    assert Indicator.objects.get(slug="avoids-eye-contact").wording_en == "Looks away, ours"
    assert "Kept 1 fields changed here" in output
    assert "definitions.indicator avoids-eye-contact.wording_en" in output
    assert counts() == COUNTS


def test_it_brings_the_shipped_text_to_the_other_fields_of_a_row_changed_here(db, tmp_path):
    _load()
    Indicator.objects.filter(slug="avoids-eye-contact").update(wording_en="Looks away, ours")
    folder = _shipped_with(tmp_path, "avoids-eye-contact", explanation_en="Shipped anew.")
    _load(fixtures=folder)
    sign = Indicator.objects.get(slug="avoids-eye-contact")
    assert (sign.wording_en, sign.explanation_en) == ("Looks away, ours", "Shipped anew.")


def test_it_puts_the_shipped_text_back_when_asked_to_overwrite(db):
    _load()
    Indicator.objects.filter(slug="avoids-eye-contact").update(wording_en="Looks away, ours")
    _load("--overwrite")
    assert Indicator.objects.get(slug="avoids-eye-contact").wording_en == "Avoids eye contact"
    assert "Kept" not in _load()  # and from then on it is as shipped
    assert counts() == COUNTS


def test_it_brings_a_new_shipped_text_to_a_row_not_changed_here(db, tmp_path):
    _load()
    folder = _shipped_with(tmp_path, "avoids-eye-contact", wording_en="Avoids eye contact (new)")
    output = _load(fixtures=folder)
    assert Indicator.objects.get(slug="avoids-eye-contact").wording_en == "Avoids eye contact (new)"
    assert "Kept" not in output


def test_it_keeps_a_contacts_number_changed_here_when_its_shipped_text_changes(db, tmp_path):
    _load()
    ReferralContact.objects.filter(slug="100storieshk").update(phone="2345 6789")
    folder = _shipped_with(tmp_path, "100storieshk", how_to_refer_en="A new shipped way")
    output = _load(fixtures=folder)
    contact = ReferralContact.objects.get(slug="100storieshk")
    assert contact.phone == "2345 6789"  # changed here: kept
    assert contact.how_to_refer_en == "A new shipped way"  # not changed here: as shipped now
    assert "referrals.referralcontact 100storieshk.phone" in output


def test_it_keeps_a_row_that_differs_when_it_was_loaded_before_digests_were_kept(db):
    _load()
    ShippedRow.objects.all().delete()  # a database loaded by an older version
    Indicator.objects.filter(slug="avoids-eye-contact").update(wording_en="Looks away, ours")
    output = _load()
    assert Indicator.objects.get(slug="avoids-eye-contact").wording_en == "Looks away, ours"
    assert "avoids-eye-contact" in output
    # Every row is tracked again, with what was shipped.
    assert ShippedRow.objects.count() == sum(COUNTS.values())
    assert "Kept" in _load()  # the kept field stays kept


def test_it_writes_nothing_on_a_dry_run(db):
    _load()
    Indicator.objects.filter(slug="avoids-eye-contact").update(wording_en="Looks away, ours")
    ShippedRow.objects.all().delete()
    before = list(ShippedRow.objects.values_list("slug", "digests"))
    output = _load("--overwrite", "--dry-run")
    assert "dry run" in output
    assert Indicator.objects.get(slug="avoids-eye-contact").wording_en == "Looks away, ours"
    assert list(ShippedRow.objects.values_list("slug", "digests")) == before


def test_it_ships_the_source_wording(reference):
    # The Polaris signs and the one sign the tool adds from the ILO indicators. Within the work
    # step they are in a rapport-first order (issue 25), not Polaris's, so compare them sorted.
    ours = Indicator.objects.filter(slug=ADDED_SIGN)
    wordings = Indicator.objects.exclude(slug=ADDED_SIGN).values_list("wording", flat=True)
    assert sorted(wordings) == sorted(SIGNS)
    assert ours.get().ilo_indicators.get().slug == "intimidation-and-threats"
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


def test_it_ships_only_the_contacts_the_brief_names_and_the_sourced_ones_each_checked(reference):
    contacts = {c.slug: c for c in ReferralContact.objects.all()}
    assert set(contacts) == {
        "emergency-999",
        "100storieshk",
        "swd-hotline",
        "labour-fdh-hotline",
        # Added in issue 25, each with the official page it was seen on.
        "labour-department-hotline",
        "police-hotline",
        # The wage-claim route, issue 25 item 7.
        "labour-tribunal",
        "legal-aid-department",
    }
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
    assert all(contact.last_checked and contact.source for contact in contacts.values())


def test_it_weighs_every_sign_and_says_where_the_weight_comes_from(reference):
    for indicator in Indicator.objects.all():
        assert indicator.weight in {"strong", "medium", "weak"}, indicator.slug
        assert indicator.weight_source.startswith(("ILO–EC Delphi", "Team's reading")), indicator
    under_18 = Indicator.objects.filter(says_under_18=True)
    assert [i.slug for i in under_18] == ["under-18-commercial-sex"]
