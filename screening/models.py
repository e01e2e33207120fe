"""Screenings: one intake conversation, its answers per indicator, its notes and its audit trail."""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from client_texts.models import CONTENT_LANGUAGES
from referrals import rules
from screening.catalogue import Catalogue, CatalogueGroup, group_for_reader, parse_snapshot
from screening.fields import EncryptedTextField

# Interview languages whose speakers read texts in another language's code.
CLIENT_LANGUAGE_OF = {"yue": "zh-hant", "cmn": "zh-hant"}


class AnswerValue(models.TextChoices):
    # "No" and "Not asked" are different facts and are never merged. The values are the rules'
    # own, so the referral rules and the database can never disagree on what an answer is.
    YES = rules.YES, _("Yes (observed or disclosed)")
    NO = rules.NO, _("No")
    NOT_SURE = rules.NOT_SURE, _("Not sure")
    NOT_ASKED = rules.NOT_ASKED, _("Not asked / declined")
    # Only the person answering alone gives it (screening/self_answer.py).
    DECLINED = rules.DECLINED, _("Would rather not say")


# What a caseworker chooses on a step page: "Would rather not say" is the person's own answer.
CASEWORKER_ANSWERS = [choice for choice in AnswerValue.choices if choice[0] != AnswerValue.DECLINED]


@dataclass(frozen=True)
class StepLink:
    number: int
    title: str
    url: str
    saved: bool = False


class CatalogueSnapshot(models.Model):
    """One distinct catalogue, stored once and shared by every screening started on it.

    `data` is the catalogue's canonical JSON and `digest` its SHA-256, so the same content is
    never stored twice. A snapshot is never changed once written: screenings rely on it.
    """

    digest = models.CharField(max_length=64, unique=True)
    data = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.digest[:12]

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Catalogue snapshots are never changed once written.")
        super().save(*args, **kwargs)

    @classmethod
    def of(cls, catalogue: Catalogue) -> CatalogueSnapshot:
        """The snapshot holding this catalogue, written the first time it is seen."""
        snapshot, _created = cls.objects.get_or_create(
            digest=catalogue.digest, defaults={"data": catalogue.canonical_json}
        )
        return snapshot

    @property
    def catalogue(self) -> Catalogue:
        return parse_snapshot(self.digest, self.data)


class ScreeningQuerySet(models.QuerySet):
    def visible_to(self, user) -> ScreeningQuerySet:
        """Supervisors see every screening; a caseworker only their own; anyone else none.
        Nobody sees an erased one: what is left of it (`erased_at`) is for the statistics."""
        if user.has_perm("screening.view_all_screenings"):
            return self.filter(erased_at__isnull=True)
        if user.has_perm("screening.add_screening"):
            return self.filter(created_by=user, erased_at__isnull=True)
        return self.none()

    def just_started(self, user, case_reference: str) -> Screening | None:
        """A screening this user started under this reference in the last minute: the start
        page sent twice (a double click) opens it rather than starting a second one."""
        since = timezone.now() - datetime.timedelta(minutes=1)
        started = self.filter(created_by=user, case_reference=case_reference, created_at__gte=since)
        return started.order_by("created_at").first()

    def with_retention(self) -> ScreeningQuerySet:
        """Each screening with the retention rule that applies to it (`retention_rule`) and
        when its content is due to be erased (`erase_after`); both None while it is kept
        (reopened, awaiting review, on legal hold, or erased already): screening/retention.py."""
        from screening.retention import annotations

        return self.annotate(**annotations())

    def due_for_erasure(self, now: datetime.datetime | None = None) -> ScreeningQuerySet:
        """The screenings whose retention period has ended by `now` (default: now)."""
        return self.with_retention().filter(erase_after__lte=now or timezone.now())

    def with_follow_up(self) -> ScreeningQuerySet:
        """Each screening says whether a referral awaits an answer past its follow-up date
        (`follow_up_overdue`) or within the next week (`follow_up_due`), in the same query."""
        today = timezone.localdate()
        waiting = Referral.objects.filter(
            screening=models.OuterRef("pk"), outcome__in=Referral.WAITING
        )
        return self.annotate(
            follow_up_due=models.Exists(
                waiting.filter(follow_up_on__lte=today + Referral.DUE_WITHIN)
            ),
            follow_up_overdue=models.Exists(waiting.filter(follow_up_on__lt=today)),
        )


class Screening(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMPLETED = "completed", _("Completed")
        REVIEWED = "reviewed", _("Reviewed and locked")

    class Setting(models.TextChoices):
        OFFICE = "office", _("Office")
        OUTREACH = "outreach", _("Outreach")
        HOSPITAL = "hospital", _("Hospital")
        SHELTER = "shelter", _("Shelter")
        PHONE = "phone", _("Phone")
        OTHER = "other", _("Other")

    class Interpreter(models.TextChoices):
        NONE = "none", _("No interpreter")
        PROFESSIONAL = "professional", _("Professional interpreter")
        # Many NGOs interpret with their own staff or trained volunteers: independent of the
        # employer and agent, like a professional.
        NGO = "ngo", _("NGO interpreter or volunteer")
        FRIEND_OR_FAMILY = "friend_family", _("Friend, partner or relative")
        EMPLOYER_OR_AGENT = "employer_agent", _("Employer or agent")
        OTHER = "other", _("Other")

    class AgeBand(models.TextChoices):
        UNDER_18 = rules.UNDER_18, _("Under 18")
        ADULT = rules.ADULT, _("18 or over")
        UNKNOWN = rules.AGE_UNKNOWN, _("Unknown")

    class InterviewLanguage(models.TextChoices):
        # ISO 639 codes, counted by the statistics. Where texts for the person exist in the
        # language, the code is the texts' own (client_texts); Cantonese and Mandarin speakers
        # read the Traditional Chinese texts.
        ENGLISH = "en", _("English")
        CANTONESE = "yue", _("Cantonese")
        MANDARIN = "cmn", _("Mandarin")
        INDONESIAN = "id", _("Bahasa Indonesia")
        FILIPINO = "tl", _("Filipino / Tagalog")
        THAI = "th", _("Thai")
        NEPALI = "ne", _("Nepali")
        HINDI = "hi", _("Hindi")
        URDU = "ur", _("Urdu")
        BENGALI = "bn", _("Bengali")
        SINHALA = "si", _("Sinhala")
        BURMESE = "my", _("Burmese")
        VIETNAMESE = "vi", _("Vietnamese")
        OTHER = "other", _("Other")

    # Non-identifying facts that referral partners triage on; optional.
    class Nationality(models.TextChoices):
        INDONESIAN = "indonesian", pgettext_lazy("nationality", "Indonesian")
        FILIPINO = "filipino", pgettext_lazy("nationality", "Filipino")
        THAI = "thai", pgettext_lazy("nationality", "Thai")
        NEPALI = "nepali", pgettext_lazy("nationality", "Nepali")
        INDIAN = "indian", pgettext_lazy("nationality", "Indian")
        PAKISTANI = "pakistani", pgettext_lazy("nationality", "Pakistani")
        SRI_LANKAN = "sri_lankan", pgettext_lazy("nationality", "Sri Lankan")
        BANGLADESHI = "bangladeshi", pgettext_lazy("nationality", "Bangladeshi")
        VIETNAMESE = "vietnamese", pgettext_lazy("nationality", "Vietnamese")
        MAINLAND_CHINESE = "mainland_chinese", pgettext_lazy("nationality", "Mainland Chinese")
        HONG_KONG = "hong_kong", pgettext_lazy("nationality", "Hong Kong")
        OTHER = "other", pgettext_lazy("nationality", "Other / unknown")

    class Urgency(models.IntegerChoices):
        # The most urgent level of the screening's guidance (`referrals.rules.Urgency`).
        EMERGENCY = rules.Urgency.EMERGENCY, _("Danger")
        URGENT = rules.Urgency.URGENT, _("Urgent")
        REFER = rules.Urgency.REFER, _("Refer")
        FOLLOW_UP = rules.Urgency.FOLLOW_UP, _("Follow up")
        NONE = rules.Urgency.NONE, _("None")

    class Sector(models.TextChoices):
        DOMESTIC_WORK = rules.DOMESTIC_WORK, _("Domestic work")
        CONSTRUCTION = "construction", _("Construction")
        CATERING = "catering", _("Catering")
        CLEANING = "cleaning", _("Cleaning")
        ENTERTAINMENT = "entertainment", _("Entertainment / sex work")
        AGRICULTURE_FISHING = "agriculture_fishing", _("Agriculture or fishing")
        OTHER = "other", _("Other")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case_reference = models.CharField(_("case reference"), max_length=40, db_index=True)
    screened_on = models.DateField(_("date of screening"), default=timezone.localdate)
    setting = models.CharField(_("setting"), max_length=20, choices=Setting.choices)
    language = models.CharField(
        _("language of the interview"), max_length=40, choices=InterviewLanguage.choices
    )
    interpreter = models.CharField(
        _("interpreter"), max_length=20, choices=Interpreter.choices, default=Interpreter.NONE
    )
    third_party_present = models.BooleanField(_("a third party was present"), default=False)
    consent = models.BooleanField(_("consent to the screening being recorded"), default=False)
    age_band = models.CharField(_("age"), max_length=20, choices=AgeBand.choices)
    immediate_danger = models.BooleanField(_("in immediate danger"), default=False)
    nationality = models.CharField(
        _("nationality"), max_length=20, choices=Nationality.choices, blank=True
    )
    sector = models.CharField(
        _("sector of work"), max_length=20, choices=Sector.choices, blank=True
    )
    # Recorded when the caseworker completes the screening: may the summary go to the referral
    # partner? None: not recorded (screenings completed before it was asked).
    consent_to_share = models.BooleanField(
        _("consent to share the summary with the referral partner"), null=True, blank=True
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Written by every save (screening/services.py), so the list shows and filters it without
    # reading any answers.
    urgency = models.PositiveSmallIntegerField(
        _("urgency"), choices=Urgency.choices, default=Urgency.NONE, db_index=True
    )
    # Optimistic concurrency: every save bumps it; a save from a stale page is refused.
    version = models.PositiveIntegerField(default=1)
    # The catalogue as it was when the screening started, so later edits in the admin do not
    # change what an old screening says it asked.
    snapshot = models.ForeignKey(
        CatalogueSnapshot, on_delete=models.PROTECT, related_name="screenings"
    )
    steps_saved = models.JSONField(default=list, blank=True)
    # A caseworker's list: what needs them first, as a supervisor's list does: a draft a
    # supervisor reopened (with a reason to read) and urgent screenings not yet reviewed (danger,
    # child at risk), then other drafts, then the rest. A stored column rather than an ORDER BY
    # CASE, so that an index serves the list's order and its first page stays as fast with
    # 100,000 screenings as with 100 (an ORDER BY CASE sorts every row, catalogue and all; see
    # docs/benchmarks.md).
    list_rank = models.GeneratedField(
        expression=models.Case(
            models.When(
                models.Q(status="draft", reopened_at__isnull=False)
                | (~models.Q(status="reviewed") & models.Q(urgency__lte=int(rules.Urgency.URGENT))),
                then=models.Value(0),
            ),
            models.When(status="draft", then=models.Value(1)),
            default=models.Value(2),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )
    # Supervisors see what awaits their review first: completed, then drafts, then reviewed.
    # Stored and indexed for the same reason as `list_rank`.
    review_rank = models.GeneratedField(
        expression=models.Case(
            models.When(status="completed", then=models.Value(0)),
            models.When(status="draft", then=models.Value(1)),
            default=models.Value(2),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )
    # A supervisor's list: urgent screenings not yet reviewed (danger, child at risk), then the
    # review order above. Stored and indexed for the same reason.
    attention_rank = models.GeneratedField(
        expression=models.Case(
            models.When(
                ~models.Q(status="reviewed") & models.Q(urgency__lte=int(rules.Urgency.URGENT)),
                then=models.Value(0),
            ),
            models.When(status="completed", then=models.Value(1)),
            models.When(status="draft", then=models.Value(2)),
            default=models.Value(3),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="screenings",
        verbose_name=_("screener"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # When a supervisor last reopened it; never cleared, so the list can say "Reopened" without
    # looking up supervisor notes row by row.
    reopened_at = models.DateTimeField(null=True, blank=True)
    # When its content was erased (retention or a request): the row left is a tombstone with
    # the dates and the facts the statistics count, and no screening page shows it.
    erased_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # A legal hold keeps the screening whatever its retention period, until it is released.
    legal_hold_since = models.DateTimeField(null=True, blank=True)
    legal_hold_reason = EncryptedTextField(_("reason for the legal hold"), blank=True)
    legal_hold_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        ordering = ["-screened_on", "-created_at"]
        permissions = [
            ("view_all_screenings", "Can see every caseworker's screenings"),
            ("review_screening", "Can review, lock and reopen screenings"),
            ("view_statistics", "Can see statistics and export screenings"),
        ]
        indexes = [
            models.Index(fields=["created_by", "status"]),
            # The list's order: a caseworker's own screenings, and a supervisor's all.
            models.Index(
                fields=["created_by", "list_rank", "-screened_on", "-created_at"],
                name="screening_own_list_order",
            ),
            models.Index(
                fields=["list_rank", "-screened_on", "-created_at"], name="screening_list_order"
            ),
            # A supervisor's list: awaiting review first.
            models.Index(
                fields=["review_rank", "-screened_on", "-created_at"],
                name="screening_review_order",
            ),
            # Statistics read a date range of completed and reviewed screenings: every column
            # they count is in the index, so each count is read from it alone. Status first, as
            # the query asks for it by equality (SQLite's planner, with no ANALYZE statistics,
            # would otherwise pick the status index and read every row); the id last, so the
            # answers and referrals of the range are joined from the index too.
            models.Index(
                fields=[
                    "status",
                    "screened_on",
                    "urgency",
                    "setting",
                    "age_band",
                    "language",
                    "nationality",
                    "sector",
                    "id",
                ],
                name="screening_statistics_range",
            ),
            # A supervisor's list filtered by urgency, in its order.
            models.Index(
                fields=["urgency", "attention_rank", "-screened_on", "-created_at"],
                name="screening_urgency_order",
            ),
            # A supervisor's list: urgent, then awaiting review first.
            models.Index(
                fields=["attention_rank", "-screened_on", "-created_at"],
                name="screening_attention_order",
            ),
        ]

    def __str__(self) -> str:
        return self.case_reference

    def get_absolute_url(self) -> str:
        return reverse("screening:resume", args=[self.pk])

    @property
    def client_language(self) -> str | None:
        """The language of the texts the person reads, if there are texts in it."""
        code = CLIENT_LANGUAGE_OF.get(self.language, self.language)
        return code if code in CONTENT_LANGUAGES else None

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def shows_urgency(self) -> bool:
        """Whether the list shows the urgency badge: not "None" on a draft, where it would read
        as "no concern" before the questions have been asked."""
        return self.urgency != self.Urgency.NONE or not self.is_editable

    @property
    def urgency_badge(self) -> str:
        """The badge colour of the urgency in the list."""
        return {
            self.Urgency.EMERGENCY: "danger",
            self.Urgency.URGENT: "danger",
            self.Urgency.REFER: "warning",
            self.Urgency.FOLLOW_UP: "info",
        }.get(self.urgency, "secondary")

    @property
    def on_legal_hold(self) -> bool:
        return self.legal_hold_since is not None

    @property
    def is_reopened(self) -> bool:
        """A draft again because a supervisor reopened it (with a reason, in a SupervisorNote)."""
        return self.status == self.Status.DRAFT and self.reopened_at is not None

    @property
    def catalogue(self) -> Catalogue:
        return self.snapshot.catalogue

    @property
    def catalogue_version(self) -> str:
        return self.catalogue.version

    @property
    def groups(self) -> tuple[CatalogueGroup, ...]:
        return self.catalogue.groups

    @property
    def indicators(self):
        return self.catalogue.indicators

    # The flow: step 1 is the details, then one step per indicator group, then "check and
    # complete".
    @property
    def total_steps(self) -> int:
        return len(self.groups) + 2

    @property
    def complete_step(self) -> int:
        return len(self.groups) + 2

    def group_for_step(self, number: int) -> CatalogueGroup | None:
        if 2 <= number < self.complete_step:
            return self.groups[number - 2]
        return None

    def first_unfinished_step(self) -> int:
        for number, group in enumerate(self.groups, start=2):
            if group.slug not in self.steps_saved:
                return number
        return self.complete_step

    def step_links(self) -> list[StepLink]:
        """Every step of the flow, for the list of steps above each one."""
        groups = enumerate(self.groups, start=2)
        return [
            StepLink(1, _("Details"), self.step_url(1)),
            *(
                StepLink(
                    n,
                    group_for_reader(group).title,
                    self.step_url(n),
                    group.slug in self.steps_saved,
                )
                for n, group in groups
            ),
            StepLink(
                self.complete_step, _("Check and complete"), self.step_url(self.complete_step)
            ),
        ]

    def step_url(self, number: int) -> str:
        if number <= 1:
            return reverse("screening:details", args=[self.pk])
        if number >= self.complete_step:
            return reverse("screening:complete", args=[self.pk])
        return reverse("screening:step", args=[self.pk, number])

    # Interpreters the person may not speak freely in front of.
    NOT_INDEPENDENT_INTERPRETERS = (Interpreter.EMPLOYER_OR_AGENT, Interpreter.FRIEND_OR_FAMILY)

    @property
    def may_not_speak_freely(self) -> bool:
        """The employer or agent, a friend, partner or relative interpreted, or someone else
        was present."""
        return self.interpreter in self.NOT_INDEPENDENT_INTERPRETERS or self.third_party_present

    @cached_property
    def reopen_note(self) -> SupervisorNote | None:
        """Why a supervisor last reopened this screening, while it is a draft again.

        Read only for a reopened draft (`reopened_at`, stored on the screening), so a screening
        that was never reopened costs no query.
        """
        if not self.is_reopened:
            return None
        notes = self.supervisor_notes.filter(kind=SupervisorNote.Kind.REOPEN)
        return notes.select_related("written_by").order_by("written_at", "pk").last()

    def answers_by_slug(self) -> dict[str, Answer]:
        """The saved answers of this screening by indicator slug, in one query."""
        return {answer.indicator_slug: answer for answer in self.answers.all()}

    def answer_values(self) -> dict[str, str]:
        """Each answered sign's value by slug, without the notes (nothing to decrypt)."""
        answered = self.answers.exclude(value="")
        return dict(answered.values_list("indicator_slug", "value"))

    def step_answers(self, slugs: list[str]) -> list[Answer]:
        """The saved answers to these signs (one step's)."""
        return list(self.answers.filter(indicator_slug__in=slugs))

    def step_note(self, group_slug: str) -> StepNote | None:
        """The notes of one step and when it was last saved (at most one row)."""
        return self.step_notes.filter(group_slug=group_slug).first()


# Models with free-text fields that are encrypted at rest, for key rotation.
def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    return [
        (model, [f.name for f in model._meta.fields if isinstance(f, EncryptedTextField)])
        for model in (Answer, StepNote, SupervisorNote, HeldSave, Referral, Screening)
    ]


class Answer(models.Model):
    class Source(models.TextChoices):
        CASEWORKER = "caseworker", _("the caseworker")
        SELF = "self", _("the person, alone")

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="answers")
    indicator_slug = models.SlugField(max_length=80)
    value = models.CharField(max_length=20, choices=AnswerValue.choices, blank=True)
    note = EncryptedTextField(blank=True)
    # Who gave `value`: the person answering alone on the handed-over device, or the caseworker.
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.CASEWORKER)
    # What the person answered themselves, kept when a caseworker changes the answer afterwards,
    # so the record holds both ("" if the person never answered this sign).
    person_value = models.CharField(max_length=20, choices=AnswerValue.choices, blank=True)

    class Meta:
        # Statistics count the Yes answers per sign from this index alone.
        indexes = [
            models.Index(fields=["value", "screening", "indicator_slug"], name="answer_by_value")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "indicator_slug"], name="one_answer_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_slug}: {self.value or '-'}"

    @property
    def by_person(self) -> bool:
        return self.source == self.Source.SELF

    @property
    def changed_from_person(self) -> str:
        """The person's own answer (its label) when a caseworker has changed it since, else ""."""
        if self.person_value and (self.source != self.Source.SELF):
            return str(AnswerValue(self.person_value).label)
        return ""


class StepNote(models.Model):
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="step_notes")
    group_slug = models.SlugField(max_length=80)
    text = EncryptedTextField(blank=True)
    # Written with every save of the step (the row is upserted each time), so the step page
    # says when it was last saved without another query.
    saved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["screening", "group_slug"], name="one_note_per_step")
        ]

    def __str__(self) -> str:
        return self.group_slug

    @staticmethod
    def mark(note: StepNote | None) -> str:
        """When a step was last saved, as its page carries it ("" if never): a page whose step
        still has this mark may be saved over other changes to the screening."""
        return note.saved_at.isoformat() if note and note.saved_at else ""


class HeldSaveQuerySet(models.QuerySet):
    def expired(self) -> HeldSaveQuerySet:
        return self.filter(created_at__lt=timezone.now() - HeldSave.KEPT_FOR)

    def of_browser(self, token: str) -> HeldSaveQuerySet:
        return self.filter(token_hash=HeldSave.hash(token))

    def claim(self, token: str, screening: Screening, path: str, author) -> HeldSave | None:
        """What this browser kept for this page of this screening, typed by `author`, if it is
        not too old. Never anyone else's: on a shared computer each sees only their own."""
        return (
            self.of_browser(token)
            .filter(screening=screening, path=path, author=author)
            .exclude(created_at__lt=timezone.now() - HeldSave.KEPT_FOR)
            .first()
        )


class HeldSave(models.Model):
    """A save of a screening page that arrived after the session had ended, kept for its author.

    Nothing typed is lost when a session times out: the posted fields wait here, encrypted like
    every note, until their author signs in again on the same browser and opens the page. The
    page proved who typed it (screening.held.page_proof); the browser holds a random token the
    server made, in an HttpOnly cookie; only the token's hash is stored, so the database alone
    cannot link a held save to a browser.
    """

    KEPT_FOR = datetime.timedelta(hours=12)
    # A page holds some 40 KB at most (every note of the longest step full, in Chinese); one
    # far larger is not one of our forms.
    MAX_BYTES = 64 * 1024
    # Editing pages of a screening (details, steps, complete) times a few browsers: more is a
    # flood, not typing.
    MAX_PER_SCREENING = 30
    # New holds per author per hour: a session ends at most every 30 minutes, and each ending
    # holds the pages open in that browser's tabs.
    MAX_NEW_PER_HOUR = 30

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=200)
    token_hash = models.CharField(max_length=64)
    data = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = HeldSaveQuerySet.as_manager()

    class Meta:
        constraints = [
            # One held save per page per author per browser: a second one replaces the first.
            models.UniqueConstraint(
                fields=["token_hash", "author", "path"], name="one_held_save_per_author_page"
            )
        ]

    def __str__(self) -> str:
        return f"{self.path} {self.created_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def form_data(self) -> QueryDict:
        data = QueryDict(mutable=True)
        for key, values in json.loads(self.data).items():
            data.setlist(key, values)
        return data

    @classmethod
    def keep(
        cls, token: str, screening: Screening, author, path: str, fields: dict[str, list[str]]
    ) -> HeldSave | None:
        """Hold `fields` for `author`, replacing what this browser held for that page; None
        when it is too large, or the screening or the author already holds too many."""
        data = json.dumps(fields, ensure_ascii=False)
        if len(data.encode()) > cls.MAX_BYTES:
            return None
        mine = cls.objects.filter(token_hash=cls.hash(token), author=author, path=path)
        now = timezone.now()
        if not mine.exists() and (
            cls.objects.filter(screening=screening).count() >= cls.MAX_PER_SCREENING
            or cls.objects.filter(
                author=author, created_at__gt=now - datetime.timedelta(hours=1)
            ).count()
            >= cls.MAX_NEW_PER_HOUR
        ):
            return None
        held, _created = cls.objects.update_or_create(
            token_hash=cls.hash(token),
            author=author,
            path=path,
            defaults={"screening": screening, "data": data, "created_at": now},
        )
        return held


class SupervisorNote(models.Model):
    """A supervisor's review comment or reason for reopening: sensitive free text."""

    class Kind(models.TextChoices):
        REVIEW = "review", _("Review comment")
        REOPEN = "reopen", _("Reason for reopening")
        # Added on a correction request (PDPO s. 22): the answers stay as they were recorded.
        CORRECTION = "correction", _("Correction")

    screening = models.ForeignKey(
        Screening, on_delete=models.CASCADE, related_name="supervisor_notes"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = EncryptedTextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.written_at:%Y-%m-%d}"


class Referral(models.Model):
    """A referral made after a screening: to whom, how, with consent, and what came of it."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone")
        SECURE_UPLOAD = "secure_upload", _("Secure upload or portal")
        IN_PERSON = "in_person", _("In person")
        LETTER = "letter", _("Letter")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        NO_RESPONSE = "no_response", _("No response")

    # Outcomes that still wait for the partner, so a follow-up date matters.
    WAITING = (Outcome.PENDING, Outcome.NO_RESPONSE)
    DUE_WITHIN = datetime.timedelta(days=7)

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="referrals")
    contact = models.ForeignKey(
        "referrals.ReferralContact",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("referred to"),
    )
    sent_on = models.DateField(_("date sent"), default=timezone.localdate)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    consent_confirmed = models.BooleanField(_("the person consented to this referral"))
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sent_on", "pk"]
        indexes = [models.Index(fields=["outcome", "follow_up_on"], name="referral_follow_up")]

    def __str__(self) -> str:
        return f"{self.contact_id} {self.sent_on:%Y-%m-%d}"

    @property
    def is_overdue(self) -> bool:
        return (
            self.outcome in self.WAITING
            and self.follow_up_on is not None
            and self.follow_up_on < timezone.localdate()
        )


class AuditEventQuerySet(models.QuerySet):
    """Append-only for bulk operations too: nothing changes or deletes audit rows in bulk."""

    def update(self, **kwargs):
        raise ValueError("Audit events are append-only.")

    def delete(self):
        raise ValueError("Audit events are append-only.")

    # Django's bulk_update goes through update(); say so rather than fail halfway.
    def bulk_update(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")

    def clear_details(self) -> int:
        """Empty these events' details (which step, where danger was raised, to whom a referral
        went): the one change the trail allows, made when their screening's content is erased.
        On PostgreSQL the trigger allows it too, and nothing else (migration 0018)."""
        return models.QuerySet.update(self.exclude(detail=""), detail="")


class AuditEvent(models.Model):
    """Who did what to which screening, and when. Append-only; never any answer or note.

    On PostgreSQL a trigger refuses UPDATE and DELETE on the table (migration 0013), so not even
    raw SQL changes the trail.
    """

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        VIEWED = "viewed", _("viewed")
        EDITED = "edited", _("edited")
        COMPLETED = "completed", _("completed")
        PRINTED = "printed", _("printed / downloaded PDF")
        REVIEWED = "reviewed", _("reviewed and locked")
        REOPENED = "reopened", _("reopened")
        PURGED = "purged", _("deleted after retention period")
        DENIED = "denied", _("refused access")
        REFERRAL = "referral", _("referral recorded or changed")
        EXPORTED = "exported", _("exported")
        SECOND_FACTOR_RESET = "second_factor_reset", _("second factor reset")
        HANDED_OVER = "handed_over", _("handed the device to the person")
        SELF_ANSWER = "self_answer", _("the person answered a question alone")
        HANDED_BACK = "handed_back", _("handed the device back")
        HAND_BACK_REFUSED = "hand_back_refused", _("wrong password to hand back")
        ERASED = "erased", _("erased after its retention period")
        ERASED_ON_REQUEST = "erased_on_request", _("erased on request")
        HOLD_PLACED = "legal_hold", _("put on legal hold")
        HOLD_RELEASED = "legal_hold_released", _("legal hold released")
        HELD = "held", _("typing held after the session ended")
        HELD_RETURNED = "held_returned", _("held typing given back")
        DATA_REQUEST = "data_request", _("access or correction request recorded or answered")
        DATA_COPY = "data_copy", _("copy of personal data produced")
        CORRECTED = "corrected", _("correction note added")

    # Not a foreign key: the trail outlives a screening deleted after its retention period.
    # Empty for what concerns no single screening (an export, a second factor reset), and for a
    # refused attempt at a screening that does not exist.
    screening_id = models.UUIDField(null=True, blank=True, db_index=True)
    # Neither does the user's constraint bind: a row is never updated (not even to SET NULL), and
    # `username` keeps who did it after the account is deleted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    username = models.CharField(_("user"), max_length=150, blank=True, db_index=True)
    action = models.CharField(max_length=20, choices=Action.choices, db_index=True)
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")

    @classmethod
    def record(
        cls, screening: Screening | None, user, action: str, detail: str = "", screening_id=None
    ) -> AuditEvent:
        signed_in = user is not None and user.is_authenticated
        return cls.objects.create(
            screening_id=screening.pk if screening is not None else screening_id,
            user=user if signed_in else None,
            username=user.get_username() if signed_in else "",
            action=action,
            detail=detail,
        )


class DataAccessRequestQuerySet(models.QuerySet):
    def open(self) -> DataAccessRequestQuerySet:
        return self.filter(status=DataAccessRequest.Status.OPEN)

    def due_within(
        self, days: int, today: datetime.date | None = None
    ) -> DataAccessRequestQuerySet:
        """Open requests due in `days` days or fewer, or overdue already."""
        today = today or timezone.localdate()
        latest = today + datetime.timedelta(days=days) - DataAccessRequest.REPLY_WITHIN
        return self.open().filter(received_on__lte=latest)


class DataAccessRequest(models.Model):
    """A person's request to see (PDPO s. 18) or correct (s. 22) the data held about them.

    The register holds when it came, what it asked about and how it was answered, never what
    the person said: the covered screenings hold that. The reply is due 40 days after it was
    received: s. 19(1) for access, s. 23(1) for correction (Cap. 486 on HKLII and the PCPD's
    site, checked 2026-12-05; README, "Access and correction requests").
    """

    REPLY_WITHIN = datetime.timedelta(days=40)
    DUE_SOON = 7

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access (a copy of the data)")
        CORRECTION = "correction", _("Correction")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        REFUSED = "refused", _("Refused")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind of request"), max_length=20, choices=Kind.choices)
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    case_references = models.CharField(_("case references asked about"), max_length=200)
    screenings = models.ManyToManyField(Screening, related_name="data_requests", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    refusal_reason = models.CharField(_("reason for refusing"), max_length=200, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = DataAccessRequestQuerySet.as_manager()

    class Meta:
        ordering = ["received_on", "recorded_at"]
        indexes = [models.Index(fields=["status", "received_on"], name="data_request_due")]

    def __str__(self) -> str:
        return f"{self.kind} {self.received_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("screening:data_request", args=[self.pk])

    @property
    def due_on(self) -> datetime.date:
        return self.received_on + self.REPLY_WITHIN

    @property
    def days_left(self) -> int:
        return (self.due_on - timezone.localdate()).days

    @property
    def days_overdue(self) -> int:
        return -self.days_left

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_due_soon(self) -> bool:
        """Open and due within `DUE_SOON` days, or overdue: the screening list says so."""
        return self.is_open and self.days_left <= self.DUE_SOON

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.days_left < 0
