"""Referral rules tests. The catalogue below is a slice of the shipped one, built in memory.

The rules are pure functions, so these tests need neither the database nor fixtures.
"""

from __future__ import annotations

from referrals.rules import (
    ADULT,
    MEDIUM,
    STRONG,
    WEAK,
    ContactFacts,
    IndicatorFacts,
    ScreeningFacts,
)


def make_indicator(
    slug: str,
    wording: str,
    elements,
    ilo,
    commercial_sex=False,
    under_18=False,
    weight=MEDIUM,
    labour=False,
) -> IndicatorFacts:
    return IndicatorFacts(
        slug=slug,
        wording=wording,
        group_title="Common work and living conditions",
        elements=tuple(elements),
        ilo=tuple(ilo),
        commercial_sex=commercial_sex,
        under_18=under_18,
        weight=weight,
        labour=labour,
    )


CATALOGUE = (
    make_indicator(
        "not-free-to-leave",
        "Is not free to leave or come and go as he/she wishes",
        ["means", "purpose"],
        ["restriction-of-movement"],
    ),
    make_indicator(
        "under-18-commercial-sex",
        "Is under 18 and is providing commercial sex acts",
        ["act", "purpose"],
        ["abuse-of-vulnerability"],
        commercial_sex=True,
        under_18=True,
    ),
    make_indicator(
        "commercial-sex-with-pimp",
        "Is in the commercial sex industry and has a pimp / manager",
        ["act", "purpose"],
        ["abuse-of-vulnerability"],
        commercial_sex=True,
    ),
    make_indicator(
        "large-debt",
        "Owes a large debt and is unable to pay it off",
        ["means", "purpose"],
        ["debt-bondage"],
        weight=STRONG,
    ),
    make_indicator(
        "recruited-through-false-promises",
        "Was recruited through false promises concerning the nature and conditions of his/her work",
        ["act", "means"],
        ["deception"],
    ),
    make_indicator(
        "no-control-of-money",
        "Is not in control of his/her own money, no financial records, or bank account",
        ["means", "purpose"],
        ["withholding-of-wages", "debt-bondage"],
        labour=True,
    ),
    make_indicator(
        "avoids-eye-contact",
        "Avoids eye contact",
        ["means"],
        ["intimidation-and-threats"],
        weight=WEAK,
    ),
)

SLUGS = tuple(indicator.slug for indicator in CATALOGUE)

# Signs the escalation tests add to the slice above: two more strong signs of coercion and the
# threat of a penalty, as shipped.
COERCION_CATALOGUE = CATALOGUE + (
    make_indicator(
        "no-control-of-id-documents",
        "Is not in control of his/her own identification documents (ID or passport)",
        ["means"],
        ["retention-of-identity-documents"],
        weight=STRONG,
    ),
    make_indicator(
        "signs-of-abuse",
        "Shows signs of physical and/or sexual abuse, physical restraint, confinement, or torture",
        ["means"],
        ["physical-and-sexual-violence"],
        weight=STRONG,
    ),
    make_indicator(
        "threat-of-penalty",
        "Has been threatened with a penalty if they stop working, leave or complain",
        ["means"],
        ["intimidation-and-threats"],
        weight=STRONG,
    ),
)

EMERGENCY = ContactFacts(
    slug="emergency-999",
    kind="emergency",
    name="Police, fire and ambulance (emergency)",
    phone="999",
    how_to_refer="Call 999 and give the exact location.",
)
REFERRAL = ContactFacts(
    slug="100storieshk",
    kind="referral",
    name="100storiesHK",
    email="connect@100storiesHK.org",
    how_to_refer="E-mail them; no names in the subject line.",
)
# Test numbers, not the shipped ones: the rules must take every contact from their argument.
CHILD_PROTECTION = ContactFacts(
    slug="child-line", kind="child_protection", name="Child line", phone="CHILD-LINE"
)
LABOUR = ContactFacts(slug="labour-line", kind="labour", name="Labour line", phone="LABOUR-LINE")
POLICE = ContactFacts(slug="police-line", kind="police", name="Police line", phone="POLICE-LINE")
SHELTER = ContactFacts(slug="shelter", kind="shelter", name="A shelter", phone="SHELTER-LINE")
CONTACTS = (EMERGENCY, REFERRAL, CHILD_PROTECTION, LABOUR, POLICE, SHELTER)


def by_slug(slug: str) -> IndicatorFacts:
    return next(indicator for indicator in COERCION_CATALOGUE if indicator.slug == slug)


def make_facts(
    answers=None,
    *,
    age_band=ADULT,
    immediate_danger=False,
    may_not_speak_freely=False,
    indicators=CATALOGUE,
) -> ScreeningFacts:
    return ScreeningFacts(
        age_band=age_band,
        immediate_danger=immediate_danger,
        indicators=indicators,
        answers=dict(answers or {}),
        may_not_speak_freely=may_not_speak_freely,
    )


def all_answered(value: str) -> dict[str, str]:
    return dict.fromkeys(SLUGS, value)
