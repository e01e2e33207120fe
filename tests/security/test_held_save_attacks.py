"""Held typing belongs to its author (issue 30, findings 1 and 2).

Planting: another site, or anyone at the keyboard before the caseworker, posts their own answers
to a draft's step, with a cookie of their choosing, and waits for the caseworker to sign in on
that browser. Flooding: anonymous posts of megabytes to made-up steps fill the database.
"""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from screening.held import PROOF_FIELD, page_proof
from screening.models import Answer, AuditEvent, HeldSave
from tests.factories import make_screening, sign_in, step_data

PLANTED = "ATTACKER-TYPED she is free to leave"
TYPED = "ALICE-TYPED bruises on both arms"
COOKIE = "held_save"


def _post(client, screening, number: int, notes: str, proof: str = "", **extra):
    data = step_data(screening, number, "no", step_notes=notes, **extra)
    if proof:
        data[PROOF_FIELD] = proof
    return client.post(screening.step_url(number), data)


def _alice_holds_step_2(client, alice, screening) -> None:
    sign_in(client, alice)
    proof = client.get(screening.step_url(2)).wsgi_request.held_proof
    Session.objects.all().delete()
    _post(client, screening, 2, TYPED, proof)


class TestPlanting:
    def test_it_shows_and_saves_nothing_of_a_planted_hold_when_the_caseworker_signs_in(
        self, client, alice, alices_screening
    ):
        # Anonymous, with a well-formed token of the attacker's choosing in the cookie.
        client.cookies[COOKIE] = "A" * 43
        response = _post(client, alices_screening, 2, PLANTED)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
        assert COOKIE not in response.cookies or not response.cookies[COOKIE].value
        assert not HeldSave.objects.exists()

        sign_in(client, alice)
        page = client.get(alices_screening.step_url(2))
        assert page.status_code == 200
        assert PLANTED not in page.content.decode()
        assert page.context["form"].is_bound is False
        assert not Answer.objects.filter(screening=alices_screening).exists()

    def test_it_refuses_a_forged_or_borrowed_proof(self, client, alice, bob, alices_screening):
        url = alices_screening.step_url(2)
        forged = signing.dumps([alice.pk, url], salt="another.salt")
        other_page = page_proof(alice, alices_screening.step_url(3))
        # bob's own proof, for alice's page (he cannot open it, but say he made one up)
        bobs = page_proof(bob, url)
        for proof in (forged, other_page, bobs, "garbage"):
            _post(client, alices_screening, 2, PLANTED, proof)
        assert not HeldSave.objects.exists()

    def test_it_refuses_a_proof_from_a_page_opened_more_than_a_day_ago(
        self, client, alice, alices_screening, monkeypatch
    ):
        url = alices_screening.step_url(2)
        then = timezone.now() - datetime.timedelta(hours=24, minutes=1)
        with monkeypatch.context() as patch:
            patch.setattr(signing.time, "time", then.timestamp)
            proof = page_proof(alice, url)
        _post(client, alices_screening, 2, PLANTED, proof)
        assert not HeldSave.objects.exists()
        _post(client, alices_screening, 2, TYPED, page_proof(alice, url))
        assert HeldSave.objects.count() == 1

    def test_it_does_not_adopt_a_token_the_server_did_not_make(
        self, client, alice, alices_screening
    ):
        client.cookies[COOKIE] = "A" * 43
        _alice_holds_step_2(client, alice, alices_screening)
        held = HeldSave.objects.get()
        assert held.token_hash != HeldSave.hash("A" * 43)
        assert client.cookies[COOKIE].value != "A" * 43

    def test_a_planted_post_cannot_replace_the_caseworkers_held_typing(
        self, client, alice, bob, alices_screening
    ):
        _alice_holds_step_2(client, alice, alices_screening)
        # The attacker knows the browser's cookie (say they copied it) and posts with it.
        attacker = Client()
        attacker.cookies[COOKIE] = client.cookies[COOKIE].value
        _post(attacker, alices_screening, 2, PLANTED)
        _post(attacker, alices_screening, 2, PLANTED, page_proof(bob, alices_screening.step_url(2)))
        sign_in(client, alice)
        form = client.get(alices_screening.step_url(2)).context["form"]
        assert form["step_notes"].value() == TYPED

    def test_another_user_on_a_shared_computer_neither_sees_nor_takes_the_hold(
        self, client, alice, sam, alices_screening
    ):
        # sam, a supervisor, may open alice's draft; it is still not his typing.
        _alice_holds_step_2(client, alice, alices_screening)
        sign_in(client, sam)
        page = client.get(alices_screening.step_url(2))
        assert page.status_code == 200
        assert TYPED not in page.content.decode()
        assert HeldSave.objects.count() == 1
        sign_in(client, alice)
        assert client.get(alices_screening.step_url(2)).context["form"]["step_notes"].value() == (
            TYPED
        )

    def test_it_gives_the_hold_only_to_the_one_who_typed_it(
        self, client, alice, sam, alices_screening
    ):
        sign_in(client, sam)
        url = alices_screening.step_url(2)
        proof = client.get(url).wsgi_request.held_proof
        Session.objects.all().delete()
        _post(client, alices_screening, 2, TYPED, proof)
        assert HeldSave.objects.get().author == sam
        sign_in(client, alice)
        assert client.get(url).context["form"].is_bound is False
        sign_in(client, sam)
        assert client.get(url).context["form"]["step_notes"].value() == TYPED

    def test_it_audits_holding_and_giving_back(self, client, alice, alices_screening):
        _alice_holds_step_2(client, alice, alices_screening)
        sign_in(client, alice)
        client.get(alices_screening.step_url(2))
        events = AuditEvent.objects.filter(screening_id=alices_screening.pk, user=alice)
        assert list(events.filter(action__startswith="held").values_list("action", "detail")) == [
            ("held", "step 2"),
            ("held_returned", "step 2"),
        ]
        assert TYPED not in str(list(AuditEvent.objects.values_list("detail", flat=True)))

    @pytest.mark.parametrize("leave", ["quick_exit", "logout"])
    def test_it_deletes_the_hold_and_its_cookie_on_quick_exit_and_sign_out(
        self, client, alice, alices_screening, leave
    ):
        _alice_holds_step_2(client, alice, alices_screening)
        assert HeldSave.objects.count() == 1
        if leave == "logout":
            sign_in(client, alice)
        response = client.post(
            reverse(f"accounts:{leave}"), headers={"Sec-Fetch-Site": "same-origin"}
        )
        assert response.cookies[COOKIE]["max-age"] == 0
        assert response.cookies[COOKIE]["path"] == "/"
        assert not HeldSave.objects.exists()


class TestFlooding:
    def test_it_stores_nothing_for_anonymous_posts_of_megabytes_to_made_up_steps(
        self, client, alices_screening
    ):
        big = "x" * 2_000_000
        for number in range(1000, 1005):
            response = client.post(
                reverse("screening:step", args=[alices_screening.pk, number]), {"step_notes": big}
            )
            assert response.status_code == 302
        assert not HeldSave.objects.exists()

    def test_it_refuses_an_unknown_step_even_with_a_proof(self, client, alice, alices_screening):
        url = reverse("screening:step", args=[alices_screening.pk, 1000])
        proof = page_proof(alice, url)
        client.post(url, {"step_notes": TYPED, PROOF_FIELD: proof})
        assert not HeldSave.objects.exists()

    def test_it_refuses_a_hold_larger_than_any_page(self, client, alice, alices_screening):
        url = alices_screening.step_url(2)
        proof = page_proof(alice, url)
        response = _post(client, alices_screening, 2, "x" * (HeldSave.MAX_BYTES + 1), proof)
        assert not HeldSave.objects.exists()
        # Not kept, so the sign-in page does not say it is.
        assert "What you typed is kept" not in client.get(response["Location"]).content.decode()

    def test_it_caps_the_holds_per_screening(self, alice, alices_screening):
        url = alices_screening.step_url(2)
        proof = page_proof(alice, url)
        for _ in range(HeldSave.MAX_PER_SCREENING + 3):
            _post(Client(), alices_screening, 2, TYPED, proof)  # a new browser each time
        assert HeldSave.objects.count() == HeldSave.MAX_PER_SCREENING

    def test_it_limits_the_new_holds_of_one_person_per_hour(self, alice, catalogue):
        screenings = [make_screening(alice) for _ in range(2)]
        for _ in range(HeldSave.MAX_NEW_PER_HOUR):
            screening = screenings[0] if HeldSave.objects.count() < 25 else screenings[1]
            _post(Client(), screening, 2, TYPED, page_proof(alice, screening.step_url(2)))
        assert HeldSave.objects.count() == HeldSave.MAX_NEW_PER_HOUR
        _post(Client(), screenings[1], 2, TYPED, page_proof(alice, screenings[1].step_url(2)))
        assert HeldSave.objects.count() == HeldSave.MAX_NEW_PER_HOUR
        HeldSave.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=61))
        _post(Client(), screenings[1], 2, TYPED, page_proof(alice, screenings[1].step_url(2)))
        assert HeldSave.objects.count() == HeldSave.MAX_NEW_PER_HOUR + 1

    def test_it_answers_the_same_for_an_unknown_and_a_known_screening(
        self, client, alices_screening
    ):
        known = _post(client, alices_screening, 2, TYPED)
        unknown = client.post(reverse("screening:step", args=[uuid.uuid4(), 2]), {"x": "y"})
        for response in (known, unknown):
            assert response.status_code == 302
            assert set(response.cookies) <= {"sessionid", "messages"}
        assert known["Location"].split("?")[0] == unknown["Location"].split("?")[0]

    def test_expire_held_saves_deletes_only_what_is_past_twelve_hours(
        self, client, alice, alices_screening
    ):
        _alice_holds_step_2(client, alice, alices_screening)
        other = make_screening(alice)
        _alice_holds_step_2(Client(), alice, other)
        HeldSave.objects.filter(screening=other).update(
            created_at=timezone.now() - datetime.timedelta(hours=12, minutes=1)
        )
        call_command("expire_held_saves", "--dry-run")
        assert HeldSave.objects.count() == 2
        call_command("expire_held_saves")
        assert list(HeldSave.objects.values_list("screening_id", flat=True)) == [
            alices_screening.pk
        ]
