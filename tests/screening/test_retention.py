"""apply_retention: the policy's periods, the dry run, the tombstone, legal hold and the trail."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from referrals.models import ReferralContact
from screening import retention, statistics
from screening.models import (
    Answer,
    AuditEvent,
    HeldSave,
    Referral,
    Screening,
    StepNote,
    SupervisorNote,
)
from tests.factories import answer_all, make_screening, sign_in

NOW = datetime.datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))
STATUS = Screening.Status


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def made(days_ago: int, user, *, status=STATUS.DRAFT, value="yes", **fields) -> Screening:
    """A screening last changed `days_ago` days before NOW, answered `value` throughout."""
    with time_machine.travel(NOW - datetime.timedelta(days=days_ago), tick=False):
        screening = make_screening(user, nationality="filipino", sector="domestic_work", **fields)
        answer_all(screening, user, value, note=f"note of {screening.case_reference}")
        Screening.objects.filter(pk=screening.pk).update(status=status)
        if status == STATUS.REVIEWED:
            SupervisorNote.objects.create(
                screening=screening, kind="review", text="review words", written_by=user
            )
        screening.refresh_from_db()
    return screening


def refer(screening: Screening, user, days_ago: int) -> Referral:
    with time_machine.travel(NOW - datetime.timedelta(days=days_ago), tick=False):
        return Referral.objects.create(
            screening=screening,
            contact=ReferralContact.objects.get(kind="referral"),
            channel="email",
            consent_confirmed=True,
            outcome="accepted",
            note="referral words",
            recorded_by=user,
        )


@pytest.fixture
def screenings(catalogue, alice, sam, now):
    """Every state at ages each side of its period (defaults: 180, 180 and 730 days)."""
    s = {
        "old draft": made(181, alice),
        "recent draft": made(179, alice),
        "old reopened draft": made(900, alice, reopened_at=NOW - datetime.timedelta(days=900)),
        "old completed, no signs": made(181, alice, status=STATUS.COMPLETED, value="no"),
        "recent reviewed, no signs": made(170, alice, status=STATUS.REVIEWED, value="no"),
        "old completed with signs, awaiting review": made(900, alice, status=STATUS.COMPLETED),
        "old reviewed with signs": made(731, alice, status=STATUS.REVIEWED),
        "reviewed with signs, referral changed lately": made(900, alice, status=STATUS.REVIEWED),
        "younger reviewed with signs": made(700, alice, status=STATUS.REVIEWED),
        "old reviewed on legal hold": made(900, alice, status=STATUS.REVIEWED),
    }
    refer(s["old reviewed with signs"], alice, 800)
    refer(s["reviewed with signs, referral changed lately"], alice, 100)
    retention.place_legal_hold(
        screening=s["old reviewed on legal hold"], user=sam, reason="police inquiry"
    )
    return s


DUE = {
    "old draft": retention.DRAFT,
    "old completed, no signs": retention.NO_SIGNS,
    "old reviewed with signs": retention.CASE,
}


def test_it_finds_due_exactly_the_screenings_past_their_period(screenings):
    due = dict(Screening.objects.due_for_erasure().values_list("pk", "retention_rule"))
    assert due == {screenings[name].pk: rule for name, rule in DUE.items()}


def test_it_lists_on_a_dry_run_what_is_due_and_why_and_changes_nothing(screenings, capsys):
    call_command("apply_retention", "--dry-run")
    out = capsys.readouterr().out
    listed = {line.split()[0] for line in out.splitlines() if line[:1].isalnum() and "  " in line}
    assert listed == {str(screenings[name].pk) for name in DUE}
    assert "Draft never completed: last changed 2026-06-06, due 2026-12-03" in out
    assert "Would erase 3 screenings." in out
    assert not Screening.objects.filter(erased_at__isnull=False).exists()
    assert all(s.case_reference not in out for s in screenings.values())


def test_it_erases_the_due_screenings_and_only_those(screenings, capsys):
    call_command("apply_retention")
    assert "Erased 3 screenings" in capsys.readouterr().out
    erased = set(Screening.objects.filter(erased_at__isnull=False).values_list("pk", flat=True))
    assert erased == {screenings[name].pk for name in DUE}
    for name, screening in screenings.items():
        if name in DUE:
            continue
        assert Screening.objects.get(pk=screening.pk).case_reference == screening.case_reference
        assert StepNote.objects.filter(screening=screening).exclude(text="").exists()


def test_it_leaves_a_tombstone_without_content(screenings):
    old = screenings["old reviewed with signs"]
    HeldSave.keep("token", old, old.created_by, "/somewhere/", {"step_notes": ["held words"]})
    # The person answered one sign alone and a caseworker changed it since: both kept until now.
    Answer.objects.filter(screening=old).update(person_value="not_sure")
    before = Screening.objects.get(pk=old.pk)
    call_command("apply_retention")
    tombstone = Screening.objects.get(pk=old.pk)
    assert tombstone.case_reference == ""
    assert tombstone.steps_saved == []
    kept = ("screened_on", "status", "urgency", "setting", "age_band", "language")
    assert all(getattr(tombstone, f) == getattr(before, f) for f in kept)
    assert (tombstone.nationality, tombstone.sector) == ("filipino", "domestic_work")
    assert not StepNote.objects.filter(screening=old).exists()
    assert not SupervisorNote.objects.filter(screening=old).exists()
    assert not HeldSave.objects.filter(screening=old).exists()
    answers = Answer.objects.filter(screening=old)
    assert set(answers.values_list("value", "note", "person_value")) == {("yes", "", "")}
    assert list(Referral.objects.filter(screening=old).values_list("note", "outcome")) == [
        ("", "accepted")
    ]


def test_it_keeps_every_statistics_count(screenings, settings):
    settings.STATISTICS_SUPPRESS_BELOW = 1  # nothing hidden, so every count is compared
    span = (NOW.date() - datetime.timedelta(days=1000), NOW.date())
    before = [(t.slug, t.body(), t.footer()) for t in statistics.tables(*span)]
    call_command("apply_retention")
    assert [(t.slug, t.body(), t.footer()) for t in statistics.tables(*span)] == before
    assert before[0][2] is not None and before[0][2][1] != "0"


def test_it_never_erases_a_screening_on_legal_hold_until_it_is_released(screenings, sam):
    held = screenings["old reviewed on legal hold"]
    call_command("apply_retention")
    assert Screening.objects.get(pk=held.pk).erased_at is None
    retention.release_legal_hold(screening=held, user=sam)
    call_command("apply_retention")
    assert Screening.objects.get(pk=held.pk).erased_at is not None
    actions = list(AuditEvent.objects.filter(screening_id=held.pk).values_list("action", flat=True))
    assert actions[-3:] == ["legal_hold", "legal_hold_released", "erased"]


def test_it_records_each_erasure_in_the_trail_without_content(screenings):
    old = screenings["old reviewed with signs"]
    assert AuditEvent.objects.filter(screening_id=old.pk).exclude(detail="").exists()
    call_command("apply_retention")
    trail = list(AuditEvent.objects.filter(screening_id=old.pk))
    assert trail[-1].action == "erased" and trail[-1].detail == "retention: case"
    assert trail[-1].username == ""
    assert all(event.detail == "" for event in trail[:-1])
    erasures = AuditEvent.objects.filter(action="erased")
    assert set(erasures.values_list("screening_id", flat=True)) == {
        screenings[name].pk for name in DUE
    }
    others = AuditEvent.objects.exclude(screening_id__in=[screenings[n].pk for n in DUE])
    assert others.exclude(detail="").exists()  # other screenings' trails keep their details


def test_it_erases_nothing_twice(screenings, capsys):
    call_command("apply_retention")
    call_command("apply_retention")
    assert "Erased 0 screenings" in capsys.readouterr().out.splitlines()[-2]
    assert AuditEvent.objects.filter(action="erased").count() == 3


@pytest.mark.parametrize("change", ["save", "referral", "legal hold"])
def test_it_keeps_a_screening_changed_after_the_list_was_made(screenings, sam, change):
    old = screenings["old reviewed with signs"]
    listed = Screening.objects.due_for_erasure().get(pk=old.pk).last_change
    if change == "save":
        Screening.objects.filter(pk=old.pk).update(updated_at=NOW)
    elif change == "referral":
        Referral.objects.filter(screening=old).update(updated_at=NOW)
    else:
        retention.place_legal_hold(screening=old, user=sam, reason="inquiry")
    erased = retention.erase(
        screening_id=old.pk, user=None, action="erased", detail="", unchanged_since=listed
    )
    assert erased is False
    assert Screening.objects.get(pk=old.pk).erased_at is None


def test_it_follows_the_periods_in_the_settings(screenings, settings):
    settings.RETENTION_DRAFT_DAYS = 178
    due = set(Screening.objects.due_for_erasure().values_list("pk", flat=True))
    assert screenings["recent draft"].pk in due
    settings.RETENTION_CASE_DAYS = 1000
    due = set(Screening.objects.due_for_erasure().values_list("pk", flat=True))
    assert screenings["old reviewed with signs"].pk not in due


def test_it_hides_an_erased_screening_from_every_screening_page(screenings, client, sam):
    old = screenings["old reviewed with signs"]
    call_command("apply_retention")
    sign_in(client, sam)
    assert client.get(reverse("screening:summary", args=[old.pk])).status_code == 404
    assert old.pk not in {s.pk for s in Screening.objects.visible_to(sam)}


def test_it_deletes_held_saves_nobody_came_back_for(screenings, capsys):
    recent = screenings["recent draft"]
    with time_machine.travel(NOW - datetime.timedelta(hours=13), tick=False):
        HeldSave.keep("old-token", recent, recent.created_by, "/old/", {"x": ["y"]})
    HeldSave.keep("new-token", recent, recent.created_by, "/new/", {"x": ["y"]})
    call_command("apply_retention")
    assert list(HeldSave.objects.values_list("path", flat=True)) == ["/new/"]
