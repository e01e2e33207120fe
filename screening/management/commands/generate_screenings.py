"""Add realistic synthetic screenings in bulk, for benchmarks and demos.

`make bench` uses it to put 100,000 screenings in a throwaway database and check that the list
and summary pages stay as fast as with 100. It is also handy for trying the list's filters and
pagination locally. It is not for production data: everything it writes is invented.

What it writes, for the caseworker named by --user (who then owns every screening):
- screenings with pseudonymous references (`HK-yymm-XXXX`, never a name), dates spread over the
  last three years, a realistic mix of settings, languages, interpreters and age bands, about 3 %
  in immediate danger, and statuses roughly 15 % draft, 55 % completed and 30 % reviewed (by the
  first supervisor, if there is one), each with the current catalogue frozen in, as the app does;
- every --complete-every'th screening (default every 10th) is complete: all 23 indicators
  answered, a note on each "yes" and "not sure", and notes on every step. The others carry three
  answers and no notes, so 100,000 screenings make about 500,000 answers instead of 2.3 million
  and generate in about a minute on a laptop;
- a "created" audit event for each, plus "completed" and "reviewed" where the status says so.

It only ever adds rows: it never changes or deletes a screening, so it needs no --dry-run, and the
way to undo it is a throwaway database (`make reset-local-db` locally). It runs with DEBUG off as
well, because the benchmark runs production-like settings; never point it at a real database.
Bulk inserts skip model `save()` (notes are still encrypted: the field encrypts on the way in).
"""

from __future__ import annotations

import datetime
import random
import time
import uuid

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from screening import roles
from screening.catalogue import current_catalogue
from screening.models import (
    Answer,
    AnswerValue,
    AuditEvent,
    CatalogueSnapshot,
    Screening,
    StepNote,
)

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# Interview languages by their codes (Screening.InterviewLanguage), as the details form stores them.
LANGUAGES = [
    ("id", 30),
    ("tl", 30),
    ("en", 12),
    ("yue", 8),
    ("th", 5),
    ("ne", 4),
    ("hi", 3),
    ("ur", 2),
    ("bn", 2),
    ("si", 2),
    ("my", 2),
]
SETTINGS = [("office", 45), ("outreach", 20), ("shelter", 15), ("hospital", 8), ("phone", 12)]
INTERPRETERS = [("none", 45), ("professional", 40), ("friend_family", 12), ("other", 3)]
AGE_BANDS = [("adult", 88), ("under_18", 4), ("unknown", 8)]
STATUSES = [("draft", 15), ("completed", 55), ("reviewed", 30)]
VALUES = [
    (AnswerValue.NO, 50),
    (AnswerValue.YES, 15),
    (AnswerValue.NOT_SURE, 15),
    (AnswerValue.NOT_ASKED, 20),
]
NOTES = [
    "Employer keeps her passport; she has asked for it back twice.",
    "Says the agency fee is deducted from wages every month.",
    "Sleeps in the kitchen; no day off in the last two months.",
    "Looked to the person who came with her before answering.",
    "Did not want to talk about this today.",
    "Bruise on the left arm, explanation unclear.",
    "Works from 6 am to midnight most days.",
    "Phone was taken away by the employer on arrival.",
]
STEP_NOTES = [
    "Interview through a professional interpreter; the person was calm and answered freely.",
    "The person became tearful at this point; we paused for a few minutes.",
    "Follow up on the loan documents at the next meeting.",
]
LIGHT_ANSWERS = 3


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


class Command(BaseCommand):
    help = "Add realistic synthetic screenings in bulk (benchmarks and demos; only adds rows)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--count", type=int, required=True, help="Screenings to add.")
        parser.add_argument("--user", required=True, help="Username of the owning caseworker.")
        parser.add_argument(
            "--complete-every",
            type=int,
            default=10,
            help="Every Nth screening has all indicators answered and notes filled (default 10).",
        )
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=None, help="For repeatable data.")

    def handle(self, *args, **options) -> None:
        count, every = options["count"], options["complete_every"]
        if count < 0 or every < 1 or options["batch_size"] < 1:
            raise CommandError("--count must be 0 or more; --complete-every and --batch-size 1+.")
        try:
            owner = get_user_model().objects.get(username=options["user"])
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user named {options['user']!r}.") from error
        catalogue = current_catalogue()
        if not catalogue.groups:
            raise CommandError("The catalogue is empty: run `manage.py load_reference` first.")
        reviewer = (
            get_user_model().objects.filter(groups__name=roles.SUPERVISOR).order_by("pk").first()
        )
        rng = random.Random(options["seed"])
        started = time.monotonic()
        made = 0
        while made < count:
            size = min(options["batch_size"], count - made)
            with transaction.atomic():
                snapshot = CatalogueSnapshot.of(catalogue)
                self._add_batch(rng, size, made, every, owner, reviewer, snapshot)
            made += size
            if options["verbosity"] > 1:
                self.stdout.write(f"  {made:,} / {count:,}")
        elapsed = time.monotonic() - started
        self.stdout.write(f"Added {count:,} synthetic screenings for {owner} in {elapsed:.1f} s.")

    def _add_batch(self, rng, size, offset, every, owner, reviewer, snapshot) -> None:
        now = timezone.now()
        today = timezone.localdate()
        groups = snapshot.catalogue.groups
        slugs = [indicator.slug for indicator in snapshot.catalogue.indicators]
        screenings, answers, notes, events = [], [], [], []
        for number in range(offset, offset + size):
            screening_id = uuid.uuid4()
            status = _pick(rng, STATUSES)
            complete = number % every == 0
            if status == "draft" and not complete:
                steps_saved = [group.slug for group in groups[: rng.randrange(len(groups))]]
            else:
                steps_saved = [group.slug for group in groups]
            screened_on = today - datetime.timedelta(days=rng.randrange(3 * 365))
            done_at = now - datetime.timedelta(days=(today - screened_on).days)
            screenings.append(
                Screening(
                    id=screening_id,
                    case_reference=f"HK-{screened_on:%y%m}-"
                    + "".join(rng.choices(REFERENCE_ALPHABET, k=4)),
                    screened_on=screened_on,
                    setting=_pick(rng, SETTINGS),
                    language=_pick(rng, LANGUAGES),
                    interpreter=_pick(rng, INTERPRETERS),
                    third_party_present=rng.random() < 0.1,
                    consent=True,
                    age_band=_pick(rng, AGE_BANDS),
                    immediate_danger=rng.random() < 0.03,
                    status=status,
                    version=1 + len(steps_saved) + (status != "draft") + (status == "reviewed"),
                    snapshot=snapshot,
                    steps_saved=steps_saved,
                    created_by=owner,
                    completed_at=done_at if status != "draft" else None,
                    reviewed_by=reviewer if status == "reviewed" else None,
                    reviewed_at=done_at if status == "reviewed" else None,
                )
            )
            answered = slugs if complete else rng.sample(slugs, LIGHT_ANSWERS)
            given = set()
            for slug in answered:
                value = _pick(rng, VALUES)
                given.add(value)
                note = rng.choice(NOTES) if complete and value in ("yes", "not_sure") else ""
                answers.append(
                    Answer(screening_id=screening_id, indicator_slug=slug, value=value, note=note)
                )
            if complete:
                notes += [
                    StepNote(
                        screening_id=screening_id, group_slug=slug, text=rng.choice(STEP_NOTES)
                    )
                    for slug in steps_saved
                ]
            screenings[-1].urgency = _urgency(screenings[-1], given)
            screenings[-1].nationality = rng.choice(Screening.Nationality.values + [""])
            screenings[-1].sector = rng.choice(Screening.Sector.values + [""])
            by_owner = {"user": owner, "username": owner.get_username()}
            events.append(AuditEvent(screening_id=screening_id, action="created", **by_owner))
            if status != "draft":
                events.append(AuditEvent(screening_id=screening_id, action="completed", **by_owner))
            if status == "reviewed":
                events.append(
                    AuditEvent(
                        screening_id=screening_id,
                        user=reviewer,
                        username=reviewer.get_username() if reviewer else "",
                        action="reviewed",
                    )
                )
        Screening.objects.bulk_create(screenings)
        Answer.objects.bulk_create(answers)
        StepNote.objects.bulk_create(notes)
        AuditEvent.objects.bulk_create(events)


def _urgency(screening: Screening, values: set[str]) -> int:
    """Close to what the services store (screening/summary.py `urgency_of`), without the
    catalogue: synthetic data needs a plausible spread, not the rules' every nuance."""
    if screening.immediate_danger:
        return Screening.Urgency.EMERGENCY
    if "yes" in values:
        if screening.age_band == Screening.AgeBand.UNDER_18:
            return Screening.Urgency.URGENT
        return Screening.Urgency.REFER
    if "not_sure" in values or screening.third_party_present:
        return Screening.Urgency.FOLLOW_UP
    return Screening.Urgency.NONE
