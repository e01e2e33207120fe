"""What a screening shows in the language of the person screened (client_texts).

The caseworker works in the interface language; the person reads or hears the questions, the
opening, the consent question and the closing in theirs, where texts exist in it. Each block is
marked with its own `lang` and `dir`, so browsers pick the script's font and lay Urdu out right to
left, and screen readers use the right voice. A text nobody has reviewed yet, or one made from
English that has changed since, carries a discreet note asking to have it checked.

The texts of a language are read in one query and cached per content edition; the templates
(`screening/_person_questions.html`, `_draft_note.html`) render them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from client_texts.models import (
    CHILD_DISCLOSURE,
    CLOSING,
    CONSENT,
    CONSENT_TO_SHARE,
    CONTENT_LANGUAGES,
    GENERAL_KEYS,
    OPENING,
    PLACEHOLDER,
    PRIVACY_SUMMARY,
    SAFETY_CLOSE,
    ClientText,
    ContentLanguage,
    question_keys,
    texts_in,
)
from lib.page_cache import cached_per_edition
from referrals import rules


@dataclass
class PersonTexts:
    """The texts in one language, by key."""

    language: ContentLanguage
    texts: dict[str, ClientText] = field(default_factory=dict)

    @classmethod
    def of(cls, code: str | None) -> PersonTexts | None:
        """The texts in `code`, or None when there is no such language or no text in it; cached
        per content edition (saving a text starts a new one)."""
        if code not in CONTENT_LANGUAGES:
            return None
        return cached_per_edition(f"person-texts:{code}", lambda: cls._read(code))

    @classmethod
    def _read(cls, code: str) -> PersonTexts | None:
        texts = texts_in(code)
        return cls(CONTENT_LANGUAGES[code], texts) if texts else None

    @classmethod
    def every_language(cls) -> list[PersonTexts]:
        """The texts of every language that has any, in one query."""
        by_language: dict[str, dict[str, ClientText]] = {}
        for text in ClientText.objects.with_english().filter(key__in=GENERAL_KEYS):
            by_language.setdefault(text.language, {})[text.key] = text
        return [
            cls(language, by_language[code])
            for code, language in CONTENT_LANGUAGES.items()
            if code in by_language
        ]

    @property
    def opening(self) -> ClientText | None:
        return self.texts.get(OPENING)

    @property
    def consent(self) -> ClientText | None:
        return self.texts.get(CONSENT)

    @property
    def privacy_summary(self) -> ClientText | None:
        return self.texts.get(PRIVACY_SUMMARY)

    @property
    def consent_to_share(self) -> ClientText | None:
        return self.texts.get(CONSENT_TO_SHARE)

    @property
    def child_disclosure(self) -> ClientText | None:
        return self.texts.get(CHILD_DISCLOSURE)

    @property
    def safety_close(self) -> ClientText | None:
        return self.texts.get(SAFETY_CLOSE)

    @property
    def opening_draft_state(self) -> str:
        """`draft_state` of the opening, privacy summary and consent question."""
        return draft_state([t for t in (self.opening, self.privacy_summary, self.consent) if t])

    @property
    def consent_to_share_draft_state(self) -> str:
        return draft_state([self.consent_to_share] if self.consent_to_share else [])

    @property
    def child_disclosure_draft_state(self) -> str:
        return draft_state([self.child_disclosure] if self.child_disclosure else [])

    @property
    def safety_close_draft_state(self) -> str:
        return draft_state([self.safety_close] if self.safety_close else [])

    @property
    def closing_draft_state(self) -> str:
        return draft_state([self.texts[CLOSING]] if CLOSING in self.texts else [])

    def questions(self, slug: str) -> list[ClientText]:
        return [self.texts[key] for key in question_keys(slug) if key in self.texts]

    def get(self, key: str) -> ClientText | None:
        return self.texts.get(key)


def draft_state(texts: Sequence[ClientText]) -> str:
    """The state of `texts` for review: "out-of-date" when one was made from older English,
    "draft" when one is not reviewed yet, else "" (`screening/_draft_note.html` shows it)."""
    if any(text.is_out_of_date for text in texts):
        return "out-of-date"
    if any(text.needs_checking for text in texts):
        return "draft"
    return ""


@dataclass(frozen=True)
class ClosingContacts:
    emergency_phone: str
    referral_name: str
    referral_email: str
    labour_phone: str

    @classmethod
    def of(cls, contacts: Sequence[rules.ContactFacts]) -> ClosingContacts:
        """From the active contacts: the first referral with an e-mail, and the first labour
        phone for domestic work, since the closing names the foreign domestic helpers' hotline.

        No number is written down here (tests/referrals/test_no_contact_in_code.py): a contact
        missing from the database leaves its value empty, and the closing is then not shown."""
        referral = next((c for c in contacts if c.kind == "referral" and c.email), None)
        labour = next(
            (
                c.phone
                for c in contacts
                if c.kind == rules.LABOUR and c.sector == rules.DOMESTIC_WORK and c.phone
            ),
            "",
        )
        return cls(
            emergency_phone=rules.emergency_number(contacts),
            referral_name=referral.name if referral else "",
            referral_email=referral.email if referral else "",
            labour_phone=labour,
        )

    @property
    def complete(self) -> bool:
        return all(self.__dict__.values())


def closing(texts: PersonTexts, contacts: Sequence[rules.ContactFacts]) -> str:
    """The closing in the person's language, its placeholders filled from the contacts.

    "" when a contact it names is not in the database (no active referral contact with an e-mail,
    or no active labour contact with a phone): a sentence with a hole in it would mislead the
    person, so the page says what is missing instead (`closing_missing`)."""
    text = texts.get(CLOSING)
    contacts_named = ClosingContacts.of(contacts)
    if text is None or not contacts_named.complete:
        return ""
    return fill_placeholders(text.text, contacts_named.__dict__)


def closing_missing(texts: PersonTexts, contacts: Sequence[rules.ContactFacts]) -> bool:
    """The closing exists in the person's language but a contact it names is missing."""
    return CLOSING in texts.texts and not ClosingContacts.of(contacts).complete


@dataclass(frozen=True)
class Part:
    """A run of a text for the person: their language, or a value filled in (`value`)."""

    text: str
    value: bool = False


def closing_parts(texts: PersonTexts, contacts: Sequence[rules.ContactFacts]) -> list[Part]:
    """The closing as runs of text and filled-in values, so that the template can isolate each
    value (a phone number, an e-mail, an English name) in `<bdi>`: inside an Urdu block, a Latin
    value left bare takes its neighbours' direction and is read out of order. [] like `closing`."""
    text = texts.get(CLOSING)
    contacts_named = ClosingContacts.of(contacts)
    if text is None or not contacts_named.complete:
        return []
    values = contacts_named.__dict__
    parts = []
    for run in PLACEHOLDER.split(text.text):
        name = run[1:-1] if run.startswith("{") and run.endswith("}") else ""
        if name in values:
            parts.append(Part(values[name], value=True))
        elif run:
            parts.append(Part(run))
    return parts


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """`{name}` replaced by `values[name]`; braces that are not ours are left as they are."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def languages_with(key: str) -> list[ContentLanguage]:
    """The content languages that have a text under `key`: one query, cached per content
    edition."""
    codes = cached_per_edition(
        f"languages-with:{key}",
        lambda: frozenset(ClientText.objects.filter(key=key).values_list("language", flat=True)),
    )
    return [language for code, language in CONTENT_LANGUAGES.items() if code in codes]
