"""Writes to a screening that touch several rows and must happen together or not at all.

Every write names the version of the screening the user's page was built from; if someone saved
the screening since (another tab, another device), the write is refused with `StaleScreening`
instead of silently overwriting newer answers.

Every write is one transaction, made again while the database is busy or briefly away, and
refused with `lib.database.DatabaseUnavailable` when it stays so: either all of it is saved, or
none of it, and then the screening passed in is left as it was.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lib.database import retry_while_busy
from screening.catalogue import current_catalogue
from screening.models import (
    Answer,
    AuditEvent,
    CatalogueSnapshot,
    Referral,
    Screening,
    StepNote,
    SupervisorNote,
)
from screening.summary import urgency_of


class StaleScreening(Exception):
    """The screening changed after the page that tried to save it was loaded."""


class WrongStatus(Exception):
    """The screening is not in a state that allows this change."""


Write = TypeVar("Write", bound=Callable)


def _write(service: Write) -> Write:
    """Atomic, and retried while the database is busy. A try that fails takes back what it
    changed on the screening in memory (its version above all), so the next try, or the page
    shown after the last one, starts from the screening as the caller passed it."""
    atomic = transaction.atomic(service)

    @wraps(service)
    def write(**kwargs):
        screening = kwargs.get("screening") or kwargs["details"]
        before, state = dict(vars(screening)), copy.copy(screening._state)

        def undo() -> None:
            vars(screening).clear()
            vars(screening).update(before, _state=copy.copy(state))

        return retry_while_busy(lambda: atomic(**kwargs), undo=undo)

    return write


def _claim(screening: Screening, version: int, *, expected: str, **changes) -> None:
    """Bump the version if it is still `version` and the status `expected`; else refuse."""
    changes["updated_at"] = timezone.now()
    current = Screening.objects.filter(pk=screening.pk, version=version, status=expected)
    claimed = current.update(version=F("version") + 1, **changes)
    if not claimed:
        raise StaleScreening
    for field, value in changes.items():
        setattr(screening, field, value)
    screening.version = version + 1


def _store_urgency(screening: Screening) -> None:
    """Keep the screening's most urgent guidance level on it, for the list (one UPDATE, and
    only when it changed)."""
    urgency = urgency_of(screening)
    if urgency != screening.urgency:
        Screening.objects.filter(pk=screening.pk).update(urgency=urgency)
        screening.urgency = urgency


@_write
def create_screening(*, details: Screening, user) -> Screening:
    """Start a screening from the details form, on a snapshot of the current catalogue."""
    details.created_by = user
    details.snapshot = CatalogueSnapshot.of(current_catalogue())
    details.save()
    _store_urgency(details)
    AuditEvent.record(details, user, AuditEvent.Action.CREATED)
    if details.immediate_danger:
        _danger_raised(details, user, "details")
    return details


def _danger_raised(screening: Screening, user, where: str) -> None:
    # An event of its own, so the trail shows when and where danger was first reported.
    AuditEvent.record(screening, user, AuditEvent.Action.EDITED, f"danger raised ({where})")


@_write
def update_details(*, screening: Screening, user, version: int, fields: dict) -> None:
    if not screening.is_editable:
        raise WrongStatus
    # The form has already changed the instance, so ask the database what was raised.
    raised = Screening.objects.filter(pk=screening.pk, immediate_danger=True).exists()
    if raised and not fields.get("immediate_danger", True):
        # Lowering the danger flag is a supervisor's decision, recorded on its own.
        if not user.has_perm("screening.review_screening"):
            fields = {**fields, "immediate_danger": True}
        else:
            AuditEvent.record(screening, user, AuditEvent.Action.EDITED, "danger lowered")
    _claim(screening, version, expected=Screening.Status.DRAFT, **fields)
    _store_urgency(screening)
    AuditEvent.record(screening, user, AuditEvent.Action.EDITED, "details")
    if fields.get("immediate_danger") and not raised:
        _danger_raised(screening, user, "details")


@_write
def save_step(
    *,
    screening: Screening,
    user,
    version: int,
    group_slug: str,
    answers: dict[str, tuple[str, str]],
    step_notes: str,
    raise_danger: bool,
    step_as_shown: str | None = None,
) -> None:
    """Save one step's answers and notes, and when (`StepNote.saved_at`, the time the page shows);
    raising immediate danger here can't be undone here.

    `version` is the screening's as the page was built. With `step_as_shown` (the step's
    `StepNote.mark` then), a page is stale only if this step was saved since: another step or
    the details saved in another tab meanwhile touch nothing this page shows.
    """
    if not screening.is_editable:
        raise WrongStatus
    if (
        step_as_shown is not None
        and version != screening.version
        and StepNote.mark(screening.step_note(group_slug)) == step_as_shown
    ):
        version = screening.version  # still checked when claimed: a save in between is stale
    changes: dict = {}
    if group_slug not in screening.steps_saved:
        changes["steps_saved"] = [*screening.steps_saved, group_slug]
    if raise_danger and not screening.immediate_danger:
        changes["immediate_danger"] = True
    _claim(screening, version, expected=Screening.Status.DRAFT, **changes)
    # The person's own answers (self-answer): one the caseworker leaves as it is stays theirs;
    # one the caseworker changes becomes the caseworker's, and keeps what the person said.
    given = screening.answers.filter(indicator_slug__in=answers).exclude(person_value="")
    given = {
        slug: (said, source)
        for slug, said, source in given.values_list("indicator_slug", "person_value", "source")
    }
    theirs = {
        slug for slug, (value, _note) in answers.items() if given.get(slug, ("",))[0] == value
    }
    Answer.objects.bulk_create(
        [
            Answer(
                screening=screening,
                indicator_slug=slug,
                value=value,
                note=note,
                source=Answer.Source.SELF if slug in theirs else Answer.Source.CASEWORKER,
            )
            for slug, (value, note) in answers.items()
        ],
        update_conflicts=True,
        unique_fields=["screening", "indicator_slug"],
        update_fields=["value", "note", "source"],
    )
    for slug, (_said, source) in given.items():
        if source == Answer.Source.SELF and slug not in theirs:
            # Which sign, not the answers: both stay on the row (`value`, `person_value`).
            AuditEvent.record(
                screening, user, AuditEvent.Action.EDITED, f"changed the person's answer {slug}"
            )
    # One upsert, like the answers, rather than update_or_create's read, savepoint and write.
    StepNote.objects.bulk_create(
        [
            StepNote(
                screening=screening,
                group_slug=group_slug,
                text=step_notes,
                saved_at=screening.updated_at,
            )
        ],
        update_conflicts=True,
        unique_fields=["screening", "group_slug"],
        update_fields=["text", "saved_at"],
    )
    _store_urgency(screening)
    AuditEvent.record(screening, user, AuditEvent.Action.EDITED, f"step {group_slug}")
    if "immediate_danger" in changes:
        _danger_raised(screening, user, f"step {group_slug}")


@_write
def complete_screening(
    *, screening: Screening, user, version: int, consent_to_share: bool | None = None
) -> None:
    """The caseworker completes a draft, recording whether the summary may be shared."""
    if not screening.is_editable:
        raise WrongStatus
    _claim(
        screening,
        version,
        expected=Screening.Status.DRAFT,
        status=Screening.Status.COMPLETED,
        completed_at=timezone.now(),
        consent_to_share=consent_to_share,
    )
    AuditEvent.record(screening, user, AuditEvent.Action.COMPLETED)


@_write
def review_screening(*, screening: Screening, user, version: int, comment: str) -> None:
    """A supervisor marks a completed screening reviewed, which locks it."""
    if screening.status != Screening.Status.COMPLETED:
        raise WrongStatus
    _claim(
        screening,
        version,
        expected=Screening.Status.COMPLETED,
        status=Screening.Status.REVIEWED,
        reviewed_by=user,
        reviewed_at=timezone.now(),
    )
    if comment:
        SupervisorNote.objects.create(
            screening=screening, kind=SupervisorNote.Kind.REVIEW, text=comment, written_by=user
        )
    AuditEvent.record(screening, user, AuditEvent.Action.REVIEWED)


@_write
def reopen_screening(*, screening: Screening, user, version: int, reason: str) -> None:
    """A supervisor returns a completed or reviewed screening to draft, giving a reason."""
    if screening.is_editable:
        raise WrongStatus
    _claim(
        screening,
        version,
        expected=screening.status,
        status=Screening.Status.DRAFT,
        completed_at=None,
        reviewed_by=None,
        reviewed_at=None,
        reopened_at=timezone.now(),
    )
    SupervisorNote.objects.create(
        screening=screening, kind=SupervisorNote.Kind.REOPEN, text=reason, written_by=user
    )
    AuditEvent.record(screening, user, AuditEvent.Action.REOPENED)


@_write
def raise_danger(*, screening: Screening, user) -> None:
    """Raise immediate danger whatever version the user's page was built from.

    For "Danger now" when the step itself could not be saved (the page was stale or incomplete):
    a danger report is never refused. It still bumps the version, so other open pages know.
    """
    Screening.objects.filter(pk=screening.pk).update(
        immediate_danger=True, version=F("version") + 1, updated_at=timezone.now()
    )
    screening.refresh_from_db(fields=["immediate_danger", "version", "updated_at"])
    _store_urgency(screening)
    _danger_raised(screening, user, "Danger now")


def record_referral(*, referral: Referral, user) -> Referral:
    """Save a new or changed referral of a screening, and audit it (never the note's text).

    One transaction, made again while the database is busy like the writes above, then refused
    with `DatabaseUnavailable`; a try that fails leaves a new referral unsaved in memory too (no
    primary key), so the next try inserts it rather than updating a row that was rolled back.
    """
    new = referral.pk is None

    def undo() -> None:
        if new:
            referral.pk = None
            referral._state.adding = True

    return retry_while_busy(lambda: _save_referral(referral, user, new=new), undo=undo)


@transaction.atomic
def _save_referral(referral: Referral, user, *, new: bool) -> Referral:
    if new:
        referral.recorded_by = user
    referral.save()
    detail = f"{'added' if new else 'changed'} {referral.contact.slug}: {referral.outcome}"
    AuditEvent.record(referral.screening, user, AuditEvent.Action.REFERRAL, detail[:200])
    return referral


@_write
def hand_over(*, screening: Screening, user, language: str) -> None:
    """The caseworker hands the device to the person, to answer alone in `language`."""
    if not screening.is_editable:
        raise WrongStatus
    AuditEvent.record(screening, user, AuditEvent.Action.HANDED_OVER, language)


@_write
def save_self_answer(*, screening: Screening, user, slug: str, value: str) -> None:
    """One answer the person gave alone on the handed-over device: theirs (`source` self), kept
    in `person_value` too. The caseworker's note on the sign, if any, stays. The version moves on,
    so a step page opened before is stale rather than saved over the person's answer."""
    if not screening.is_editable:
        raise WrongStatus
    # The person's answer to one sign is never stale: a save in the caseworker's other tab since
    # the page was built changes nothing it would overwrite.
    current = Screening.objects.filter(pk=screening.pk).values_list("version", flat=True).get()
    _claim(screening, current, expected=Screening.Status.DRAFT)
    Answer.objects.bulk_create(
        [
            Answer(
                screening=screening,
                indicator_slug=slug,
                value=value,
                source=Answer.Source.SELF,
                person_value=value,
            )
        ],
        update_conflicts=True,
        unique_fields=["screening", "indicator_slug"],
        update_fields=["value", "source", "person_value"],
    )
    _store_urgency(screening)
    # Which sign, never the answer: the trail holds no content of the case.
    AuditEvent.record(screening, user, AuditEvent.Action.SELF_ANSWER, slug)
