"""Referral guidance and the Palermo/ILO explanation for one screening.

These are pure functions over plain facts: the screening app copies its answers, its frozen
catalogue and the active contacts into the dataclasses below, and gets guidance back. Keeping the
rules free of the ORM and the request means every rule can be tested as a table of cases, and the
safety advice is worded in exactly one place.

Contacts (names, phone numbers, e-mail addresses) always come from the caller, which reads them
from the database, so an administrator can change them without a release. The only number written
here is 999: it is Hong Kong's emergency number and the brief requires "call 999" whenever
immediate danger is raised, even if no emergency contact has been entered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import cached_property

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

# Answer values: the one vocabulary, which screening.models.AnswerValue takes its values from.
# A slug missing from ScreeningFacts.answers (or mapped to "") is unanswered.
YES, NO, NOT_SURE, NOT_ASKED = "yes", "no", "not_sure", "not_asked"
# "I'd rather not say", from the person answering alone (screening/self_answer.py): its own value,
# so the record says they chose not to answer, but counted like Not asked, never as No.
DECLINED = "declined"
ANSWER_VALUES = (YES, NO, NOT_SURE, NOT_ASKED, DECLINED)

# Age bands, likewise the source of screening.models.Screening.AgeBand.
UNDER_18, ADULT, AGE_UNKNOWN = "under_18", "adult", "unknown"

# The Palermo Protocol's elements, in the order the definition gives them.
ELEMENTS = ("act", "means", "purpose")

EMERGENCY_NUMBER = "999"

# Kinds of contact: the one vocabulary, which referrals.models.ReferralContact.Kind takes.
EMERGENCY, REFERRAL, CHILD_PROTECTION, LABOUR = (
    "emergency",
    "referral",
    "child_protection",
    "labour",
)
POLICE, SHELTER, SEX_WORKER_SERVICES = "police", "shelter", "sex_worker_services"
IMMIGRATION, CONSULATE, LEGAL = "immigration", "consulate", "legal"

# Sectors of work, where a contact serves only one: the one vocabulary, which
# screening.models.Screening.Sector and referrals.models.ReferralContact.Sector take. A labour
# contact for domestic work is not given for a restaurant worker, and the other way round.
DOMESTIC_WORK, OTHER_WORK = "domestic_work", "other_work"

# The signs about pay: a Yes on one adds the wage-claim route (LEGAL contacts) to the labour item.
WAGE_SIGNS = frozenset({"unpaid-or-underpaid"})

# The strong signs of coercion (ILO–EC Delphi, "strong indicators" of coercion): two of them
# answered Yes, or the threat of a penalty alone, make an adult's case urgent. Named by slug, so
# a screening started on an older catalogue is read by the same rule.
COERCION_SIGNS = frozenset(
    {
        "not-free-to-leave",
        "no-control-of-id-documents",
        "signs-of-abuse",
        "large-debt",
        "high-security-measures",
    }
)
THREAT_OF_PENALTY = "threat-of-penalty"

# How much a Yes on one sign says on its own (ILO–EC Delphi operational indicators, where one
# matches); the explanation lists strong signs first.
STRONG, MEDIUM, WEAK = "strong", "medium", "weak"
WEIGHT_ORDER = {STRONG: 0, MEDIUM: 1, WEAK: 2}


@dataclass(frozen=True)
class IndicatorFacts:
    slug: str
    wording: str
    group_title: str
    elements: tuple[str, ...]
    ilo: tuple[str, ...]
    commercial_sex: bool = False
    # The indicator itself says the person is under 18 ("Is under 18 and is providing commercial
    # sex acts"): a Yes or Not sure on it makes the person a child for the guidance.
    under_18: bool = False
    weight: str = MEDIUM
    # A Yes concerns work and pay: the labour contact is added beside the referral.
    labour: bool = False

    @property
    def coercion(self) -> bool:
        """A strong sign of coercion, or the threat of a penalty."""
        return self.slug in COERCION_SIGNS or self.slug == THREAT_OF_PENALTY


@dataclass(frozen=True)
class ContactFacts:
    slug: str
    kind: str  # EMERGENCY | REFERRAL | CHILD_PROTECTION | LABOUR
    name: str
    phone: str = ""
    email: str = ""
    how_to_refer: str = ""
    # The work this contact is for: DOMESTIC_WORK, OTHER_WORK, or "" for any work.
    sector: str = ""


@dataclass(frozen=True)
class AnswerCounts:
    yes: int
    no: int
    not_sure: int
    not_asked: int
    unanswered: int


@dataclass(frozen=True)
class ScreeningFacts:
    age_band: str
    immediate_danger: bool
    indicators: tuple[IndicatorFacts, ...]
    answers: Mapping[str, str]
    # The employer or agent, a friend, partner or relative interpreted, or someone else was present.
    may_not_speak_freely: bool = False
    # The person agreed that the summary is shared with the referral partner (None: not asked).
    consent_to_share: bool | None = None
    # The sector of work recorded at the start (screening.models.Screening.Sector); "" unknown.
    sector: str = ""

    def answer(self, indicator: IndicatorFacts) -> str:
        return self.answers.get(indicator.slug, "")

    def _with(self, value: str) -> tuple[IndicatorFacts, ...]:
        return tuple(indicator for indicator in self.indicators if self.answer(indicator) == value)

    def yes_indicators(self) -> tuple[IndicatorFacts, ...]:
        return self._with(YES)

    def not_sure_indicators(self) -> tuple[IndicatorFacts, ...]:
        return self._with(NOT_SURE)

    @cached_property
    def counts(self) -> AnswerCounts:
        """How many indicators have each answer; anything not an answer value is unanswered."""
        tally = Counter(self.answer(indicator) for indicator in self.indicators)
        return AnswerCounts(
            yes=tally[YES],
            no=tally[NO],
            not_sure=tally[NOT_SURE],
            not_asked=tally[NOT_ASKED] + tally[DECLINED],
            unanswered=sum(n for value, n in tally.items() if value not in ANSWER_VALUES),
        )

    @property
    def answers_say_under_18(self) -> bool:
        """A Yes or Not sure on an indicator that itself says the person is under 18."""
        return any(
            indicator.under_18 and self.answer(indicator) in (YES, NOT_SURE)
            for indicator in self.indicators
        )

    @property
    def is_child(self) -> bool:
        """Under 18 by the age band, or by the answers, whatever the age band says."""
        return self.age_band == UNDER_18 or self.answers_say_under_18

    @property
    def is_certainly_child(self) -> bool:
        """Under 18 by the age band or by a Yes: not only a Not sure on an under-18 sign."""
        return self.age_band == UNDER_18 or any(
            indicator.under_18 and self.answer(indicator) == YES for indicator in self.indicators
        )

    @property
    def age_band_disagrees(self) -> bool:
        """The age band says adult, but an answer says under 18: the worker should check."""
        return self.age_band == ADULT and self.answers_say_under_18

    @property
    def age_is_unknown(self) -> bool:
        # Anything that is neither "under 18" nor "adult" is treated as unknown: the safe reading.
        return not self.is_child and self.age_band not in (UNDER_18, ADULT)

    @property
    def is_incomplete(self) -> bool:
        """A third or more of the indicators were not asked, declined or left unanswered."""
        gaps = self.counts.not_asked + self.counts.unanswered
        return bool(self.indicators) and gaps * 3 >= len(self.indicators)


class Urgency(IntEnum):
    EMERGENCY = 0
    URGENT = 1
    REFER = 2
    FOLLOW_UP = 3
    NONE = 4


@dataclass(frozen=True)
class Guidance:
    code: str
    urgency: Urgency
    title: str
    body: str
    contacts: tuple[ContactFacts, ...] = ()
    # The signs the item is about (the Not sure ones to revisit, the Yes ones about work), listed
    # under `indicators_title`.
    indicators: tuple[IndicatorFacts, ...] = ()
    indicators_title: str = ""


@dataclass(frozen=True)
class ElementFinding:
    element: str
    indicators: tuple[IndicatorFacts, ...]


@dataclass(frozen=True)
class Explanation:
    elements: tuple[ElementFinding, ...]
    ilo: tuple[tuple[str, tuple[IndicatorFacts, ...]], ...]
    means_required: bool
    summary: str


def guidance_for(facts: ScreeningFacts, contacts: Sequence[ContactFacts]) -> list[Guidance]:
    """Say what to do next, most urgent first, so a worker under pressure reads that line first.

    Several items can apply at once: immediate danger, a child at risk, an adult's safety and a
    referral are separate actions, and each keeps its own contacts. When some answers are Yes and
    others Not sure, the referral comes first and a separate follow-up item lists the Not sure
    indicators, so that the uncertain ones are revisited without delaying the referral. A weak
    sign has many possible causes: an adult with only weak signs is followed up, not referred.
    "No" and "Not asked" are counted apart: a declined question is not evidence that a sign is
    absent.
    """
    yes = facts.yes_indicators()
    not_sure = facts.not_sure_indicators()
    # A child keeps every child rule: any Yes is referred.
    refer = any(i.weight != WEAK for i in yes) or (facts.is_child and bool(yes))
    guidance = []
    if facts.immediate_danger:
        guidance.append(_call_999(contacts))
    child = _child_at_risk(facts, yes, not_sure, contacts)
    if child:
        guidance.append(child)
    elif facts.age_is_unknown and (yes or not_sure):
        if any(indicator.weight == STRONG for indicator in yes):
            guidance.append(_child_protection(facts, contacts))
        else:
            # Weak or medium signs do not call the child-protection line by default: age first.
            guidance.append(_establish_age(Urgency.REFER if refer else Urgency.FOLLOW_UP))
    elif facts.is_child and (yes or not_sure):
        guidance.append(_child_protection(facts, contacts))
    safety = None if facts.is_child else _safety_today(yes, contacts)
    if safety:
        guidance.append(safety)
    if not facts.is_child and any(indicator.commercial_sex for indicator in yes):
        guidance.append(_commercial_sex(contacts))
    if refer:
        guidance.append(
            _refer(contacts, may_share=facts.consent_to_share is True, child=facts.is_child)
        )
    work = tuple(i for i in yes if i.labour and not i.commercial_sex)
    if refer and work:
        wages = any(indicator.slug in WAGE_SIGNS for indicator in yes)
        guidance.append(_labour(work, _for_sector(facts.sector, contacts), wages=wages))
    weak_only = () if refer else yes
    if not_sure or weak_only:
        guidance.append(
            _follow_up(facts, not_sure, weak_only, referred=refer, urgent=bool(child or safety))
        )
    if facts.may_not_speak_freely:
        guidance.append(_speak_freely())
    if not yes and not not_sure:
        guidance.append(_no_referral(facts))
    # Stable: items of the same urgency keep the order above.
    return sorted(guidance, key=lambda item: item.urgency)


def explain(facts: ScreeningFacts) -> Explanation:
    """Put the Yes answers in the terms of the Palermo Protocol and the ILO indicators.

    This helps a worker write a referral in the words partners use; it is deliberately not a
    score or a verdict. Only Yes answers count as indicators present: Not sure is followed up, not
    counted. For a child the means element is not required, so the explanation says so rather
    than leaving an empty "means" looking like a gap.
    """
    yes = _strong_first(facts.yes_indicators())
    elements = tuple(
        ElementFinding(element, tuple(i for i in yes if element in i.elements))
        for element in ELEMENTS
    )
    ilo: dict[str, list[IndicatorFacts]] = {}
    for (
        indicator
    ) in facts.yes_indicators():  # groups in catalogue order, strong signs first in each
        for slug in indicator.ilo:
            found = ilo.setdefault(slug, [])
            if indicator not in found:
                found.append(indicator)
    return Explanation(
        elements=elements,
        ilo=tuple((slug, _strong_first(found)) for slug, found in ilo.items()),
        means_required=not facts.is_child,
        summary=_explanation_summary(facts, elements, yes, has_ilo=bool(ilo)),
    )


def _strong_first(indicators) -> tuple[IndicatorFacts, ...]:
    """Strong signs first, then medium, then weak, each in catalogue order (sorted is stable)."""
    return tuple(sorted(indicators, key=lambda indicator: WEIGHT_ORDER.get(indicator.weight, 1)))


def emergency_number(contacts: Sequence[ContactFacts]) -> str:
    """The number to call in immediate danger: the first emergency contact's phone, else 999.

    The guidance below, the step pages' banner, the footer and the card all take it from here, so
    they cannot disagree; 999 stays when no emergency contact with a phone is active.
    """
    emergency = (contact.phone for contact in contacts if contact.kind == EMERGENCY)
    return next((phone for phone in emergency if phone), EMERGENCY_NUMBER)


def _call_999(contacts: Sequence[ContactFacts]) -> Guidance:
    emergency = _of_kind(contacts, EMERGENCY)
    phone = emergency_number(emergency)
    return Guidance(
        code="call-999",
        urgency=Urgency.EMERGENCY,
        title=_("Call %(phone)s now") % {"phone": phone},
        body=_(
            "Immediate danger was raised. If the person may still be in danger, call %(phone)s "
            "before anything else. Do not put yourself or the person at further risk."
        )
        % {"phone": phone},
        contacts=emergency,
    )


def _of_kind(contacts: Sequence[ContactFacts], kind: str) -> tuple[ContactFacts, ...]:
    return tuple(contact for contact in contacts if contact.kind == kind)


def _child_protection_line(child_protection: tuple[ContactFacts, ...]) -> str:
    if not child_protection:
        return _("No child-protection contact is set up yet: ask an administrator to add one.")
    return _("Contact child protection: %(contacts)s.") % {
        "contacts": _join([_reach(c) for c in child_protection])
    }


def _mandatory_reporting() -> list[str]:
    """The duty under Cap. 650 as the Ordinance states it (s. 4(1)), and what a report needs."""
    return [
        _(
            "Under the Mandatory Reporting of Child Abuse Ordinance (Cap. 650), in force since "
            "20 January 2026, a specified professional (such as a registered social worker) who, "
            "in the course of their work, has reasonable grounds to suspect that a child is "
            "suffering serious harm, or is at real risk of suffering serious harm, must report "
            "it as soon as practicable to the Social Welfare Department or the Police."
        ),
        _(
            "Staff who are not specified professionals have no duty under the Ordinance, but "
            "may still report through the same channels."
        ),
        _(
            "A child-protection report identifies the child: give the child's details when you "
            "report. The advice to give the case reference rather than a name does not apply to "
            "it, and it does not need the person's consent to share."
        ),
    ]


def _child_at_risk(
    facts: ScreeningFacts,
    yes: tuple[IndicatorFacts, ...],
    not_sure: tuple[IndicatorFacts, ...],
    contacts: Sequence[ContactFacts],
) -> Guidance | None:
    commercial_sex = any(indicator.commercial_sex for indicator in yes)
    # For a child, or someone whose age is not known, suspicion of commercial sex is enough.
    suspected = any(indicator.commercial_sex for indicator in not_sure)
    certain = facts.is_certainly_child
    if certain and commercial_sex:
        reason = _(
            "The person is under 18 and an indicator of commercial sex was answered Yes: "
            "a child at risk of sexual exploitation."
        )
    elif certain and yes:
        reason = _("The person is under 18 and at least one indicator was answered Yes.")
    elif certain and suspected:
        reason = _(
            "The person is under 18 and an indicator of commercial sex was answered Not sure: "
            "suspected sexual exploitation of a child."
        )
    elif not certain and facts.is_child and commercial_sex:
        # Only a Not sure says the person is under 18.
        reason = _(
            "An indicator of commercial sex was answered Yes, and the person may be under 18: "
            "an answer about their age was Not sure. Until you know they are 18 or over, treat "
            "them as a child at risk of sexual exploitation."
        )
    elif not certain and facts.is_child:
        reason = _(
            "The person may be under 18 and providing commercial sex: that sign was answered Not "
            "sure. This is suspected sexual exploitation of a child: until you know they are 18 "
            "or over, treat them as a child."
        )
    elif facts.age_is_unknown and commercial_sex:
        # An indicator such as "Is under 18 and is providing commercial sex acts" may be the only
        # evidence of age; until the person is known to be an adult, the safe reading is a child.
        reason = _(
            "An indicator of commercial sex was answered Yes and the person's age is not known. "
            "Until you know they are 18 or over, treat them as a child."
        )
    elif facts.age_is_unknown and suspected:
        reason = _(
            "An indicator of commercial sex was answered Not sure and the person's age is not "
            "known: suspected sexual exploitation. Until you know they are 18 or over, treat them "
            "as a child."
        )
    else:
        return None
    parts = [reason]
    if facts.age_band_disagrees:
        parts.append(
            _(
                "The age band recorded is 18 or over, but an answer says the person is under 18: "
                "check their age. Until you know, treat them as a child."
            )
            if certain
            else _(
                "The age band recorded is 18 or over, but an answer says the person may be under "
                "18: check their age. Until you know, treat them as a child."
            )
        )
    child_protection = _of_kind(contacts, CHILD_PROTECTION)
    parts += [
        _("Act today: refer today, and call 999 if the child is in immediate danger."),
        _child_protection_line(child_protection),
        *_mandatory_reporting(),
        _(
            'For children the "means" element of the Palermo Protocol is not required: '
            "no force, deception or coercion has to be shown, only the act and the "
            "purpose of exploitation."
        ),
    ]
    return Guidance(
        code="child-at-risk",
        urgency=Urgency.URGENT,
        title=_("Urgent: treat the person as a child at risk"),
        body=_sentences(parts),
        contacts=child_protection,
    )


def _child_protection(facts: ScreeningFacts, contacts: Sequence[ContactFacts]) -> Guidance:
    """A child, or someone who may be one, with a sign that is not urgent on its own."""
    child_protection = _of_kind(contacts, CHILD_PROTECTION)
    if facts.is_child:
        lead = _("The person is under 18 and at least one indicator was answered Not sure.")
    else:
        lead = _(
            "The person's age is not known and a strong sign was answered Yes. Establish their "
            "age; until you know they are 18 or over, treat them as a child."
        )
    return Guidance(
        code="child-protection",
        urgency=Urgency.REFER,
        title=_("Contact child protection"),
        body=_sentences([lead, _child_protection_line(child_protection), *_mandatory_reporting()]),
        contacts=child_protection,
    )


def _establish_age(urgency: Urgency) -> Guidance:
    """Age unknown, with only weak or medium signs: find out the age before anything else."""
    return Guidance(
        code="establish-age",
        urgency=urgency,
        title=_("First, establish the person's age"),
        body=_sentences(
            [
                _(
                    "The person's age is not known, and the signs answered Yes or Not sure are "
                    "not strong ones. Before anything else, establish their age gently: ask how "
                    "old they are, or when their birthday is."
                ),
                _(
                    "If they may be under 18, treat them as a child: contact child protection "
                    "and act today. If they are 18 or over, follow the guidance below."
                ),
            ]
        ),
    )


def _safety_today(
    yes: tuple[IndicatorFacts, ...], contacts: Sequence[ContactFacts]
) -> Guidance | None:
    """An adult (or someone whose age is not known) with strong signs of coercion."""
    signs = tuple(indicator for indicator in yes if indicator.coercion)
    threat = any(indicator.slug == THREAT_OF_PENALTY for indicator in signs)
    strong = [indicator for indicator in signs if indicator.slug in COERCION_SIGNS]
    commercial_sex = any(indicator.commercial_sex for indicator in yes)
    if threat:
        reason = _(
            "The person described a threat or a penalty if they stopped working or left: a "
            "strong sign of coercion."
        )
    elif len(strong) >= 2:
        reason = _("Two or more strong signs of coercion were answered Yes.")
    elif strong and commercial_sex:
        reason = _(
            "An indicator of commercial sex and a strong sign of coercion were answered Yes."
        )
    else:
        return None
    police, shelter = _of_kind(contacts, POLICE), _of_kind(contacts, SHELTER)
    parts = [
        reason,
        _(
            "Check their safety today: ask whether it is safe for them to go back to where they "
            "live and work."
        ),
        _(
            "Before they leave, agree a safe way to contact them: when, on which phone or app, "
            "and what you will say if someone else answers."
        ),
        _("If they are in danger, call %(phone)s.") % {"phone": emergency_number(contacts)},
        _(
            "If they are not in immediate danger and choose to report to the police, the police "
            "can be reached on: %(contacts)s."
        )
        % {"contacts": _join([_reach(c) for c in police])}
        if police
        else _("No police non-emergency contact is set up yet: ask an administrator to add one."),
        _("If they cannot go back safely, a shelter may be an option: %(contacts)s.")
        % {"contacts": _join([_reach(c) for c in shelter])}
        if shelter
        else _("No shelter contact is set up yet: ask an administrator to add one."),
        _("This is beside the referral, never instead of it."),
    ]
    return Guidance(
        code="safety-today",
        urgency=Urgency.URGENT,
        title=_("Urgent: check the person's safety today"),
        body=_sentences(parts),
        contacts=police + shelter,
        indicators=signs,
        indicators_title=_("The signs of coercion answered Yes:"),
    )


def _commercial_sex(contacts: Sequence[ContactFacts]) -> Guidance:
    """An adult in commercial sex: not urgent on that sign alone, and careful with the police."""
    services = _of_kind(contacts, SEX_WORKER_SERVICES)
    return Guidance(
        code="commercial-sex",
        urgency=Urgency.REFER,
        title=_("Commercial sex: take care before involving the police or Immigration"),
        body=_sentences(
            [
                _("An indicator of commercial sex was answered Yes."),
                _(
                    "A manager or pimp does not by itself mean that the person is trafficked: "
                    "look at the other signs, such as whether they can leave, keep their "
                    "earnings, refuse customers and keep their own documents."
                ),
                _(
                    "Contact with the police or the Immigration Department can carry a risk of "
                    "arrest for the person, for example for breach of their conditions of stay. "
                    "Unless someone is in immediate danger, talk it through with them and with "
                    "the referral partner first."
                ),
                _("Services for sex workers can offer support and advice: %(contacts)s.")
                % {"contacts": _join([_reach(c) for c in services])}
                if services
                else _("Ask the referral partner about services for sex workers."),
            ]
        ),
        contacts=services,
    )


def _for_sector(sector: str, contacts: Sequence[ContactFacts]) -> tuple[ContactFacts, ...]:
    """The contacts for the person's sector of work: those for any work and those for theirs.

    A sector that is not recorded keeps every contact, so the worker can choose."""
    if not sector:
        return tuple(contacts)
    theirs = DOMESTIC_WORK if sector == DOMESTIC_WORK else OTHER_WORK
    return tuple(contact for contact in contacts if contact.sector in ("", theirs))


def _labour(
    work: tuple[IndicatorFacts, ...], contacts: Sequence[ContactFacts], *, wages: bool = False
) -> Guidance:
    """Rights at work, by the person's sector; with a sign about pay, the wage-claim route too."""
    labour = _of_kind(contacts, LABOUR)
    legal = _of_kind(contacts, LEGAL) if wages else ()
    parts = [
        _(
            "Some of the Yes answers concern work, living conditions or the person's "
            "control over their own life."
        ),
        _("They can help with employment rights, unpaid wages and agency fees: %(contacts)s.")
        % {"contacts": _join([_reach(c) for c in labour])}
        if labour
        else _("No labour contact is set up yet: ask an administrator to add one."),
    ]
    if wages:
        parts.append(
            _(
                "A sign about pay was answered Yes: unpaid wages can be claimed, and legal help "
                "may be available: %(contacts)s."
            )
            % {"contacts": _join([_reach(c) for c in legal])}
            if legal
            else _("No contact for wage claims is set up yet: ask an administrator to add one.")
        )
    parts.append(_("This is beside the referral, never instead of it."))
    return Guidance(
        code="labour",
        urgency=Urgency.REFER,
        title=_("Also: the person's rights at work"),
        body=_sentences(parts),
        contacts=labour + legal,
        indicators=work,
        indicators_title=_("The Yes answers about work, living conditions or control:"),
    )


def _speak_freely() -> Guidance:
    return Guidance(
        code="speak-freely",
        urgency=Urgency.FOLLOW_UP,
        title=_("The person may not have been able to speak freely"),
        body=_sentences(
            [
                _(
                    "The employer or agent, or a friend, partner or relative, interpreted, or "
                    "someone else was present. The person may not have felt able to say what is "
                    "happening, so answers of No may not be reliable."
                ),
                _(
                    "Stop the screening while they are there. Continue only with the person "
                    "alone and a professional interpreter, when it is safe."
                ),
            ]
        ),
    )


def _refer(contacts: Sequence[ContactFacts], *, may_share: bool, child: bool = False) -> Guidance:
    referral = _of_kind(contacts, REFERRAL)
    if referral:
        title = _("Refer to %(names)s") % {"names": _join([c.name for c in referral])}
        where = _("Send the referral to %(contacts)s.") % {
            "contacts": _join([_reach(c) for c in referral])
        }
    else:
        title = _("Refer the person")
        where = _("No referral contact is set up yet: ask an administrator to add one.")
    parts = [
        _("At least one indicator was observed or disclosed (Yes)."),
        where,
        _(
            "The person agreed that the summary is shared: send the case reference and "
            "the screening PDF through a secure channel. Never put the person's name, or "
            "anything else that identifies them, in the e-mail subject line."
        )
        if may_share
        else _(
            "The person has not agreed that the summary is shared, or was not asked: do "
            "not send it. Describe the situation without the case reference or anything "
            "else that identifies the person, and ask them again when it is safe."
        ),
    ]
    if child and not may_share:
        parts.append(
            _(
                "This concerns the referral partner only: consent never blocks a "
                "child-protection report, which you make whatever the person answered."
            )
        )
    return Guidance(
        code="refer",
        urgency=Urgency.REFER,
        title=title,
        body=_sentences(parts),
        contacts=referral,
    )


def _follow_up(
    facts: ScreeningFacts,
    not_sure: tuple[IndicatorFacts, ...],
    weak_yes: tuple[IndicatorFacts, ...],
    *,
    referred: bool,
    urgent: bool,
) -> Guidance:
    if referred:
        title = _("Follow up what is uncertain")
        parts = [
            _(
                "Some indicators were answered Not sure. Revisit them when it is safe to do so "
                "and share what you learn with the referral."
            )
        ]
    elif weak_yes:
        title = _("Follow-up recommended")
        parts = [
            _(
                "Only weak signs were answered Yes: each has many possible causes, so on their "
                "own they do not call for a referral. Observe again and build rapport over "
                "further contacts, and revisit the signs listed below. If a stronger sign "
                "appears, or the person asks for help, refer."
            )
        ]
    else:
        title = _("Follow-up recommended")
        parts = [
            _(
                "No indicator was answered Yes, but some were answered Not sure. Revisit them "
                "when it is safe to do so; if any becomes a Yes, refer."
            )
        ]
    # A Not sure on commercial sex is not enough for urgent action, but it is the one to revisit
    # first, because a Yes would make the case urgent.
    if not urgent and any(indicator.commercial_sex for indicator in not_sure):
        if facts.is_child or facts.age_is_unknown:
            parts.append(
                _(
                    "An indicator of commercial sex is uncertain and the person is under 18 or "
                    "their age is not known: revisit it first. If it is confirmed, treat the "
                    "person as a child at risk and act today."
                )
            )
        else:
            parts.append(
                _(
                    "An indicator of commercial sex is uncertain: revisit it first. If it is "
                    "confirmed, refer today."
                )
            )
    shown = set(weak_yes) | set(not_sure)
    return Guidance(
        code="follow-up",
        urgency=Urgency.FOLLOW_UP,
        title=title,
        body=_sentences(parts),
        indicators=tuple(i for i in facts.indicators if i in shown),
        indicators_title=_("Signs to observe again and revisit:")
        if weak_yes
        else _("Indicators to revisit:"),
    )


def _no_referral(facts: ScreeningFacts) -> Guidance:
    if facts.immediate_danger:
        # "No referral indicated now" under "Call 999 now" would read as a contradiction.
        title = _("No indicator observed yet")
        parts = [
            _(
                "No indicator was answered Yes or Not sure. Deal with the immediate danger first; "
                "once the person is safe, complete the screening if you can."
            )
        ]
    elif facts.is_incomplete:
        # "No referral" would read as a clean result when much of the screening was not done.
        title = _("Screening incomplete")
        parts = [
            _(
                "No indicator was answered Yes or Not sure, but a third or more were not asked, "
                "declined or left unanswered: this is not a clear result. Complete the screening "
                "when it is safe to do so."
            )
        ]
    else:
        title = _("No referral indicated now")
        parts = [_("No indicator was answered Yes or Not sure.")]
    parts.append(_("Stay alert, and screen again if the person's circumstances change."))
    # Any gap is reported, not only a large one: "no referral" covers only what was asked.
    not_asked, unanswered = facts.counts.not_asked, facts.counts.unanswered
    gaps = []
    if not_asked:
        gaps.append(
            ngettext(
                "%(count)d indicator not asked or declined",
                "%(count)d indicators not asked or declined",
                not_asked,
            )
            % {"count": not_asked}
        )
    if unanswered:
        gaps.append(
            ngettext(
                "%(count)d indicator not answered",
                "%(count)d indicators not answered",
                unanswered,
            )
            % {"count": unanswered}
        )
    if gaps:
        parts.append(
            _("This screening is incomplete: %(gaps)s. The result covers only what was asked.")
            % {"gaps": _join(gaps)}
        )
    code = "incomplete" if facts.is_incomplete and not facts.immediate_danger else "no-referral"
    return Guidance(code=code, urgency=Urgency.NONE, title=title, body=_sentences(parts))


def _explanation_summary(
    facts: ScreeningFacts,
    elements: tuple[ElementFinding, ...],
    yes: tuple[IndicatorFacts, ...],
    *,
    has_ilo: bool,
) -> str:
    related = [_element_name(finding.element) for finding in elements if finding.indicators]
    if not yes:
        parts = [
            _(
                "No indicators present: none was answered Yes, so none relates to an element of "
                "the Palermo Protocol definition or to an ILO indicator of forced labour."
            )
        ]
    else:
        if related:
            parts = [
                ngettext(
                    "The indicators present may relate to the %(elements)s element of the "
                    "Palermo Protocol definition.",
                    "The indicators present may relate to the %(elements)s elements of the "
                    "Palermo Protocol definition.",
                    len(related),
                )
                % {"elements": _join(related)}
            ]
        else:
            parts = [
                _(
                    "The indicators present do not relate to a particular element of the Palermo "
                    "Protocol definition."
                )
            ]
        if has_ilo:
            parts.append(_("They may also relate to ILO indicators of forced labour."))
        if all(indicator.weight == WEAK for indicator in yes):
            parts.append(
                _(
                    "Only weak signs were seen: each has many possible causes, so look for "
                    "stronger ones before drawing conclusions. The referral still stands."
                )
                if facts.is_child
                else _(
                    "Only weak signs were seen: each has many possible causes, so look for "
                    "stronger ones before drawing conclusions. Follow up rather than refer."
                )
            )
        parts.append(
            _(
                "Which elements and ILO indicators a sign may relate to is this tool's reading, "
                "to help write a referral; it is not a finding."
            )
        )
    if facts.is_child:
        parts.append(
            _(
                "The person is under 18: for a child the means element is not required, only the "
                "act and the purpose of exploitation."
            )
        )
    elif facts.age_is_unknown:
        parts.append(
            _(
                "The person's age is not known: if they are under 18, the means element is not "
                "required."
            )
        )
    parts.append(
        _(
            "This is not a legal determination: it records indicators present, not whether the "
            "person has been trafficked or is in forced labour. The indicators are not exhaustive "
            "and not cumulative: not every sign is present in every case, and a single indicator "
            "may sometimes point to forced labour while in other cases several are needed."
        )
    )
    return _sentences(parts)


def _sentences(parts) -> str:
    """Sentences one after another: with a space in English, none after Chinese full stops."""
    parts = [part for part in parts if part]
    return "".join(
        part if index == 0 or parts[index - 1].endswith(("。", "！", "？", "：")) else " " + part
        for index, part in enumerate(parts)
    )


def _element_name(element: str) -> str:
    names = {
        "act": pgettext("Palermo element", "act"),
        "means": pgettext("Palermo element", "means"),
        "purpose": pgettext("Palermo element", "purpose"),
    }
    return names.get(element, element)


def _reach(contact: ContactFacts) -> str:
    ways = [way for way in (contact.email, contact.phone) if way]
    return f"{contact.name} ({', '.join(ways)})" if ways else contact.name


def _join(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    separator = pgettext("between the items of a list", ", ")
    return _("%(items)s and %(last)s") % {"items": separator.join(items[:-1]), "last": items[-1]}
