"""The retention policy, and the erasure of one screening's content.

The Personal Data (Privacy) Ordinance (Cap. 486, s. 26) asks a data user to erase personal data
no longer required for the purpose it was used for. The NGO sets how long that is in
the environment (`RETENTION_*_DAYS`, README "Retention"); `manage.py apply_retention` erases, once
a day, every screening whose period has ended, and a supervisor can erase one at once on request.

Erasing keeps a tombstone: the row of the screening with its dates, status, urgency and the
facts the statistics count (setting, age band, language, nationality, sector, which signs were
answered Yes, each referral's contact and outcome), so every published count stays true. Its
case reference, the other details, every note, the other answers, its held saves and the details
of its audit events are gone.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.database import retry_while_busy

DRAFT, NO_SIGNS, CASE = "draft", "no_signs", "case"

RULES = {
    DRAFT: _("Draft never completed"),
    NO_SIGNS: _("No sign found (no Yes, no Not sure)"),
    CASE: _("Reviewed, with signs"),
}


class ErasureRefused(Exception):
    """The screening is on legal hold, or erased already."""


def periods() -> dict[str, datetime.timedelta]:
    """Each rule's retention period, from the settings."""
    return {
        DRAFT: datetime.timedelta(days=settings.RETENTION_DRAFT_DAYS),
        NO_SIGNS: datetime.timedelta(days=settings.RETENTION_NO_SIGNS_DAYS),
        CASE: datetime.timedelta(days=settings.RETENTION_CASE_DAYS),
    }


def _conditions() -> dict[str, Q]:
    from screening.models import Screening

    status, none = Screening.Status, Screening.Urgency.NONE
    # Kept whatever its age: erased already, on legal hold, reopened (a draft again, until it
    # is closed), completed with signs and awaiting review.
    live = Q(erased_at__isnull=True, legal_hold_since__isnull=True)
    return {
        DRAFT: live & Q(status=status.DRAFT, reopened_at__isnull=True),
        NO_SIGNS: live & Q(status__in=[status.COMPLETED, status.REVIEWED], urgency=none),
        CASE: live & Q(status=status.REVIEWED) & ~Q(urgency=none),
    }


def annotations() -> dict[str, models.Expression]:
    """`last_change` (the later of the screening's last save and its last referral's),
    `retention_rule` and `erase_after`, for `ScreeningQuerySet.with_retention`."""
    from screening.models import Referral

    last_referral = (
        Referral.objects.filter(screening=OuterRef("pk"))
        .order_by("-updated_at")
        .values("updated_at")[:1]
    )
    last_change = Greatest("updated_at", Coalesce(Subquery(last_referral), "updated_at"))
    conditions, lengths = _conditions(), periods()
    return {
        "last_change": last_change,
        "retention_rule": Case(
            *(When(condition, then=Value(rule)) for rule, condition in conditions.items()),
            default=Value(None),
            output_field=models.CharField(),
        ),
        "erase_after": Case(
            *(
                When(condition, then=F("last_change") + Value(lengths[rule]))
                for rule, condition in conditions.items()
            ),
            default=Value(None),
            output_field=models.DateTimeField(),
        ),
    }


def erase(*, screening_id, user, action: str, detail: str, unchanged_since=None) -> bool:
    """Erase one screening's content in one transaction, leaving its tombstone; audited.

    With `unchanged_since` (the retention run: the last change it listed), only if nothing
    changed since: a save, a referral's change or a legal hold since the list was made keeps
    it. Otherwise (on request) refused with `ErasureRefused` on legal hold or erased already.
    Returns whether it erased. Retried while the database is busy, like every write.
    """
    return retry_while_busy(
        lambda: _erase(
            screening_id=screening_id,
            user=user,
            action=action,
            detail=detail,
            unchanged_since=unchanged_since,
        )
    )


@transaction.atomic
def _erase(*, screening_id, user, action: str, detail: str, unchanged_since) -> bool:
    from screening.models import (
        Answer,
        AnswerValue,
        AuditEvent,
        HeldSave,
        Referral,
        Screening,
        StepNote,
        SupervisorNote,
    )

    # Simple reads rather than the policy's whole expression: one of these runs per screening.
    kept = Screening.objects.select_for_update().filter(
        pk=screening_id, erased_at__isnull=True, legal_hold_since__isnull=True
    )
    if unchanged_since is not None:
        changed = Referral.objects.filter(
            screening_id=screening_id, updated_at__gt=unchanged_since
        ).exists()
        if changed or not kept.filter(updated_at__lte=unchanged_since).exists():
            return False
    elif not kept.exists():
        raise ErasureRefused
    # The Yes answers stay, without their notes (nor what the person answered alone, if a
    # caseworker changed it since): the statistics count them per sign.
    Answer.objects.filter(screening_id=screening_id).exclude(value=AnswerValue.YES).delete()
    kept = Answer.objects.filter(screening_id=screening_id)
    kept.exclude(note="", person_value="").update(note="", person_value="")
    StepNote.objects.filter(screening_id=screening_id).delete()
    SupervisorNote.objects.filter(screening_id=screening_id).delete()
    HeldSave.objects.filter(screening_id=screening_id).delete()
    # Each referral's contact, date and outcome stay for the statistics; its note goes.
    Referral.objects.filter(screening_id=screening_id).update(note="", follow_up_on=None)
    AuditEvent.objects.filter(screening_id=screening_id).clear_details()
    Screening.objects.filter(pk=screening_id).update(
        case_reference="",
        interpreter=Screening.Interpreter.NONE,
        third_party_present=False,
        consent=False,
        immediate_danger=False,
        consent_to_share=None,
        steps_saved=[],
        legal_hold_reason="",
        erased_at=timezone.now(),
        version=F("version") + 1,
    )
    AuditEvent.record(None, user, action, detail, screening_id=screening_id)
    return True


def place_legal_hold(*, screening, user, reason: str) -> None:
    """Keep a screening whatever its retention period until the hold is released; audited
    (the reason is kept, encrypted, on the screening and not in the trail)."""
    from screening.models import AuditEvent, Screening

    def hold() -> None:
        with transaction.atomic():
            held = Screening.objects.filter(pk=screening.pk, erased_at__isnull=True).update(
                legal_hold_since=timezone.now(), legal_hold_by=user, legal_hold_reason=reason
            )
            if not held:
                raise ErasureRefused
            AuditEvent.record(screening, user, AuditEvent.Action.HOLD_PLACED)

    retry_while_busy(hold)


def release_legal_hold(*, screening, user) -> None:
    """Release a legal hold: the retention period applies again from the last change."""
    from screening.models import AuditEvent, Screening

    def release() -> None:
        with transaction.atomic():
            Screening.objects.filter(pk=screening.pk).update(
                legal_hold_since=None, legal_hold_by=None, legal_hold_reason=""
            )
            AuditEvent.record(screening, user, AuditEvent.Action.HOLD_RELEASED)

    retry_while_busy(release)
