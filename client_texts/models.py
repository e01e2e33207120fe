"""What the person being screened reads or hears, in their own language.

The interface has two languages (English and Traditional Chinese); the texts here are content in
eight: the questions for each sign, the opening, the consent question, a plain summary of the
Personal Information Collection Statement, the consent-to-share text, the child disclosure script
and the closing. Each translation records the English
it was made from (`source_hash`), so a change to the English shows every translation of it as out
of date, and whether a native speaker has reviewed it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

ENGLISH = "en"
PLACEHOLDER = re.compile(r"(\{[a-z_]+\})")


@dataclass(frozen=True)
class ContentLanguage:
    code: str
    name: str  # in the reader's interface language (lazy)
    endonym: str  # as its speakers write it
    direction: str = "ltr"
    html_lang: str = ""

    @property
    def lang(self) -> str:
        """The `lang` attribute of a block in this language."""
        return self.html_lang or self.code


# The languages the texts exist in. zh-hant serves Cantonese and Mandarin speakers alike.
CONTENT_LANGUAGES = {
    language.code: language
    for language in [
        ContentLanguage("en", _("English"), "English"),
        ContentLanguage("zh-hant", _("Chinese (Traditional)"), "繁體中文", html_lang="zh-Hant-HK"),
        ContentLanguage("id", _("Bahasa Indonesia"), "Bahasa Indonesia"),
        ContentLanguage("tl", _("Filipino / Tagalog"), "Tagalog"),
        ContentLanguage("th", _("Thai"), "ภาษาไทย"),
        ContentLanguage("ne", _("Nepali"), "नेपाली"),
        ContentLanguage("hi", _("Hindi"), "हिन्दी"),
        ContentLanguage("ur", _("Urdu"), "اردو", direction="rtl"),
    ]
}

# The texts besides the questions; `question.<sign slug>.1` and `.2` are the questions.
OPENING, CONSENT, PRIVACY_SUMMARY, CLOSING = "opening", "consent", "privacy-summary", "closing"
# Read at check-and-complete: what sharing the summary means, and, for a child, what must be
# reported whatever they agree to.
CONSENT_TO_SHARE, CHILD_DISCLOSURE = "consent-to-share", "child-disclosure"
# Asked at check-and-complete, before the closing: is it safe for the person to go back today?
SAFETY_CLOSE = "safety-close"
GENERAL_KEYS = (
    OPENING,
    CONSENT,
    PRIVACY_SUMMARY,
    CONSENT_TO_SHARE,
    CHILD_DISCLOSURE,
    SAFETY_CLOSE,
    CLOSING,
)
QUESTIONS_PER_SIGN = 2

# Self-answer (screening/self_answer.py): what the person reads and hears when the device is
# handed to them. One closed question per sign they can answer for themselves
# (`self.question.<sign slug>`), the opening and closing, and the words of the screen itself.
SELF_QUESTION_PREFIX = "self.question."
SELF_OPENING, SELF_CLOSING = "self.opening", "self.closing"
SELF_SCREEN_KEYS = (
    "self.answer.yes",
    "self.answer.no",
    "self.answer.dont-know",
    "self.answer.rather-not-say",
    "self.progress",
    "self.start",
    "self.stop",
    "self.quick-exit",
)


def question_keys(slug: str) -> list[str]:
    return [f"question.{slug}.{number}" for number in range(1, QUESTIONS_PER_SIGN + 1)]


def text_hash(text: str) -> str:
    """The SHA-256 of an English text, as a translation records the English it was made from."""
    return hashlib.sha256(text.encode()).hexdigest()


def placeholders(text: str) -> set[str]:
    """The `{name}` placeholders in a text, which every translation must keep."""
    return set(PLACEHOLDER.findall(text))


class ClientTextQuerySet(models.QuerySet):
    def with_english(self) -> ClientTextQuerySet:
        """Each row with the English it translates (`english`, `english_hash`), same query."""
        english = ClientText.objects.filter(key=OuterRef("key"), language=ENGLISH)
        return self.annotate(
            english=Subquery(english.values("text")[:1]),
            english_hash=Subquery(english.values("source_hash")[:1]),
        )

    def out_of_date(self) -> ClientTextQuerySet:
        """Translations made from an English text that has changed since."""
        return (
            self.with_english()
            .exclude(language=ENGLISH)
            .exclude(source_hash=models.F("english_hash"))
        )


class ClientTextManager(models.Manager.from_queryset(ClientTextQuerySet)):
    def get_by_natural_key(self, key: str, language: str):
        return self.get(key=key, language=language)


class ClientText(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEWED = "reviewed", _("Reviewed")

    key = models.CharField(_("key"), max_length=120)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=[(code, language.name) for code, language in CONTENT_LANGUAGES.items()],
    )
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    reviewed_by = models.CharField(_("reviewed by"), max_length=150, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    # SHA-256 of the English this text was made from (of its own text for an English row).
    source_hash = models.CharField(_("English it was made from (SHA-256)"), max_length=64)

    objects = ClientTextManager()

    class Meta:
        ordering = ["key", "language"]
        verbose_name = _("text for the person")
        verbose_name_plural = _("texts for the person")
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="client_text_key_language")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.language})"

    def save(self, *args, **kwargs) -> None:
        if self.language == ENGLISH:
            self.source_hash = text_hash(self.text)
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str, str]:
        return (self.key, self.language)

    @property
    def is_out_of_date(self) -> bool:
        """The English this was made from has changed since (never for the English itself)."""
        if self.language == ENGLISH:
            return False
        if not hasattr(self, "english_hash"):
            english = ClientText.objects.filter(key=self.key, language=ENGLISH)
            self.english_hash = english.values_list("source_hash", flat=True).first()
        return self.english_hash is not None and self.source_hash != self.english_hash

    @property
    def needs_checking(self) -> bool:
        """Shown with a "draft translation" note: not reviewed, or reviewed against old English."""
        return self.language != ENGLISH and (
            self.status != self.Status.REVIEWED or self.is_out_of_date
        )


def texts_in(language: str) -> dict[str, ClientText]:
    """Every text in `language` by key, each knowing whether it is out of date: one query."""
    if language not in CONTENT_LANGUAGES:
        return {}
    return {text.key: text for text in ClientText.objects.with_english().filter(language=language)}


class RecordingQuerySet(models.QuerySet):
    def with_current_text(self) -> RecordingQuerySet:
        """Each recording with its text as it is now (`current_text`, None if gone)."""
        text = ClientText.objects.filter(key=OuterRef("key"), language=OuterRef("language"))
        return self.annotate(current_text=Subquery(text.values("text")[:1]))


class Recording(models.Model):
    """A person of the NGO reading one text aloud in one language: no machine voices.

    The audio is kept in the database, like everything else the app needs, so any number of app
    servers behind one database serve it alike. It records the text it was made from
    (`text_hash`): when the text changes, the recording is out of date and is no longer played.
    """

    # Checked on upload by content (client_texts/audio.py); the type served is the one found.
    class Format(models.TextChoices):
        OGG = "audio/ogg", _("Ogg (Opus or Vorbis)")
        MP3 = "audio/mpeg", _("MP3")
        WAV = "audio/wav", _("WAV")

    key = models.CharField(_("key"), max_length=120)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=[(code, language.name) for code, language in CONTENT_LANGUAGES.items()],
    )
    audio = models.BinaryField(_("audio"))
    content_type = models.CharField(_("format"), max_length=20, choices=Format.choices)
    duration = models.FloatField(_("length in seconds"))
    recorded_by = models.CharField(_("recorded by"), max_length=150)
    reviewed_by = models.CharField(_("reviewed by"), max_length=150, blank=True)
    recorded_on = models.DateField(_("recorded on"))
    # SHA-256 of the text as it was read.
    text_hash = models.CharField(_("text it was made from (SHA-256)"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)

    objects = RecordingQuerySet.as_manager()

    class Meta:
        ordering = ["key", "language"]
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="recording_key_language")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.language})"

    @property
    def is_out_of_date(self) -> bool:
        """The text has changed since it was read aloud (or no longer exists)."""
        if not hasattr(self, "current_text"):
            text = ClientText.objects.filter(key=self.key, language=self.language).first()
            self.current_text = text.text if text else None
        return self.current_text is None or text_hash(self.current_text) != self.text_hash


def current_recordings(language: str) -> dict[str, int]:
    """The up-to-date recordings of `language`, by text key: each one's id (one query, no audio
    read)."""
    rows = Recording.objects.with_current_text().filter(language=language)
    rows = rows.values_list("key", "pk", "text_hash", "current_text")
    return {
        key: pk
        for key, pk, recorded, current in rows
        if current is not None and text_hash(current) == recorded
    }


def is_recorded_key(key: str) -> bool:
    """The texts read aloud to the person answering alone: their opening, questions, closing."""
    return key in (SELF_OPENING, SELF_CLOSING) or key.startswith(SELF_QUESTION_PREFIX)


def missing_recordings() -> list[tuple[ContentLanguage, list[str]]]:
    """Per language, the texts read aloud in self-answer that have no up-to-date recording yet:
    for the admin, so the NGO sees what is left to record (two queries)."""
    keys: dict[str, list[str]] = {}
    for key, language in ClientText.objects.values_list("key", "language"):
        if is_recorded_key(key):
            keys.setdefault(language, []).append(key)
    recorded = set()
    rows = Recording.objects.with_current_text().values_list(
        "key", "language", "text_hash", "current_text"
    )
    for key, language, made_from, current in rows:
        if current is not None and text_hash(current) == made_from:
            recorded.add((key, language))
    return [
        (language, [key for key in keys.get(code, []) if (key, code) not in recorded])
        for code, language in CONTENT_LANGUAGES.items()
        if code in keys
    ]


def reviewer_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


class SectorQuestionSetManager(models.Manager):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class SectorQuestionSet(models.Model):
    """The self-answer questions a sector asks, chosen in the admin (domestic work, construction,
    fishing, entertainment): a caseworker may hand over only these.

    `signs` holds indicator slugs, each one with a self-answer question (`SELF_QUESTION_PREFIX`);
    the questions are asked in the catalogue's order whatever the order here. Signs that are seen
    rather than told have no such question and cannot be chosen (the admin form offers only the
    questions).
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    active = models.BooleanField(_("offered at hand-over"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    signs = models.JSONField(_("signs asked"), default=list, blank=True)

    objects = SectorQuestionSetManager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("sector question set")
        verbose_name_plural = _("sector question sets")

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


def self_questions_in_english() -> dict[str, str]:
    """Each sign with a self-answer question, by slug: its English question (one query)."""
    rows = ClientText.objects.filter(language=ENGLISH, key__startswith=SELF_QUESTION_PREFIX)
    return {
        key.removeprefix(SELF_QUESTION_PREFIX): text
        for key, text in rows.values_list("key", "text")
    }
