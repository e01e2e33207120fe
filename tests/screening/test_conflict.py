"""Two tabs or two devices: a save from a stale page must not overwrite newer answers."""

from __future__ import annotations

from screening.models import Answer
from tests.factories import sign_in, step_data


def test_it_refuses_a_save_from_a_stale_page(client, alice, alices_screening):
    sign_in(client, alice)
    screening = alices_screening
    tab_one = step_data(screening, 2, "yes")
    tab_two = step_data(screening, 2, "no")  # built from the same version

    assert client.post(screening.step_url(2), tab_one).status_code == 302
    response = client.post(screening.step_url(2), tab_two)

    assert response.status_code == 409
    assert "changed in another tab or on another device" in response.content.decode()
    assert set(Answer.objects.filter(screening=screening).values_list("value", flat=True)) == {
        "yes"
    }


def test_it_keeps_what_was_typed_and_shows_what_was_saved_meanwhile(
    client, alice, alices_screening
):
    sign_in(client, alice)
    screening = alices_screening
    group = screening.group_for_step(2)
    first = group.indicators[0]
    tab_one = step_data(screening, 2, "yes")
    tab_two = step_data(screening, 2, "no", step_notes="typed in the second tab")
    tab_two[f"note-{first.slug}"] = "what the second tab typed"
    client.post(screening.step_url(2), tab_one)

    response = client.post(screening.step_url(2), tab_two)

    form = response.context["form"]
    assert form["answer-" + first.slug].value() == "no"
    assert form["note-" + first.slug].value() == "what the second tab typed"
    assert form["step_notes"].value() == "typed in the second tab"
    page = response.content.decode()
    assert "what the second tab typed" in page
    assert "Your answers are still in the form below" in page
    saved = response.context["saved_meanwhile"]
    assert {row["wording"] for row in saved} >= {i.wording for i in group.indicators}
    assert {row["saved"] for row in saved if row["saved"]} == {"Yes (observed or disclosed)"}
    assert any(row["note"] == "step 2" for row in saved)  # tab one's step notes
    # Saving the page again, now built on the current version, keeps the second tab's answers.
    screening.refresh_from_db()
    assert form["version"].value() == screening.version
    again = {**tab_two, "version": form["version"].value()}
    assert client.post(screening.step_url(2), again).status_code == 302
    assert set(Answer.objects.filter(screening=screening).values_list("value", flat=True)) == {"no"}


def test_it_takes_the_same_save_sent_twice_as_already_done(client, alice, alices_screening):
    sign_in(client, alice)
    screening = alices_screening
    same = step_data(screening, 2, "yes")
    client.post(screening.step_url(2), same)
    response = client.post(screening.step_url(2), same)
    assert response.status_code == 302
    assert response.url == screening.step_url(3)


def test_it_sends_a_late_save_to_the_summary_once_the_screening_is_completed(
    client, alice, alices_screening
):
    from screening import services

    sign_in(client, alice)
    screening = alices_screening
    late = step_data(screening, 2, "no")
    services.complete_screening(screening=screening, user=alice, version=screening.version)
    response = client.post(screening.step_url(2), late, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/screenings/{screening.pk}/summary/")
    assert not Answer.objects.filter(screening=screening, value="no").exists()


def test_it_refuses_to_complete_from_a_stale_review_page(client, alice, alices_screening):
    sign_in(client, alice)
    screening = alices_screening
    stale_version = screening.version
    client.post(screening.step_url(2), step_data(screening, 2))
    response = client.post(
        screening.step_url(screening.complete_step),
        {"version": stale_version, "consent_to_share": "yes"},
    )
    screening.refresh_from_db()
    assert screening.status == "draft"
    assert response.status_code == 302


def test_it_refuses_a_save_into_a_completed_screening_even_with_the_current_version(
    alice, alices_screening
):
    import pytest

    from screening import services
    from screening.models import Screening

    stale_copy = Screening.objects.get(pk=alices_screening.pk)
    services.complete_screening(
        screening=alices_screening, user=alice, version=alices_screening.version
    )
    group = stale_copy.groups[0]
    with pytest.raises(services.StaleScreening):
        services.save_step(
            screening=stale_copy,
            user=alice,
            version=alices_screening.version,  # a client can send the newest number
            group_slug=group.slug,
            answers={indicator.slug: ("yes", "") for indicator in group.indicators},
            step_notes="",
            raise_danger=False,
        )
    assert not Answer.objects.filter(screening=alices_screening).exists()


def _page_data(client, screening, number: int, value: str) -> dict:
    """What a step page opened now would post: its version and step mark, with `value` chosen."""
    form = client.get(screening.step_url(number)).context["form"]
    return step_data(
        screening,
        number,
        value,
        version=form["version"].value(),
        step_saved=form["step_saved"].value(),
    )


def test_another_step_saved_meanwhile_does_not_make_a_page_stale(client, alice, alices_screening):
    # Step 3 open in one tab, step 2 saved in another: nothing step 3's page shows has changed.
    sign_in(client, alice)
    screening = alices_screening
    step_three = _page_data(client, screening, 3, "no")
    assert client.post(screening.step_url(2), _page_data(client, screening, 2, "yes")).status_code
    response = client.post(screening.step_url(3), step_three)
    assert response.status_code == 302
    group = screening.group_for_step(3)
    saved = Answer.objects.filter(
        screening=screening, indicator_slug__in=[i.slug for i in group.indicators]
    )
    assert set(saved.values_list("value", flat=True)) == {"no"}


def test_a_step_saved_before_stays_saveable_after_another_steps_save(
    client, alice, alices_screening
):
    sign_in(client, alice)
    screening = alices_screening
    client.post(screening.step_url(3), _page_data(client, screening, 3, "yes"))
    step_three = _page_data(client, screening, 3, "no")  # opened after its first save
    client.post(screening.step_url(4), _page_data(client, screening, 4, "yes"))
    assert client.post(screening.step_url(3), step_three).status_code == 302


def test_the_same_step_saved_meanwhile_still_makes_a_page_stale(client, alice, alices_screening):
    sign_in(client, alice)
    screening = alices_screening
    tab_one, tab_two = (_page_data(client, screening, 3, value) for value in ("yes", "no"))
    assert client.post(screening.step_url(3), tab_one).status_code == 302
    response = client.post(screening.step_url(3), tab_two)
    assert response.status_code == 409
    # The page given back carries the step's new mark, so saving it again goes through.
    form = response.context["form"]
    again = {
        **tab_two,
        "version": form["version"].value(),
        "step_saved": form["step_saved"].value(),
    }
    assert client.post(screening.step_url(3), again).status_code == 302
