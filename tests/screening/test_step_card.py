"""A step's indicator cards: the question to ask, the answers, what is saved, what it looks like."""

from __future__ import annotations

from screening.forms import AnswerRadios
from tests.factories import sign_in, step_data


def test_it_shows_the_first_question_and_folds_the_rest(client, alice, alices_screening):
    sign_in(client, alice)
    indicator = next(
        i for i in alices_screening.group_for_step(2).indicators if len(i.questions) > 1
    )
    page = client.get(alices_screening.step_url(2)).content.decode()
    ask = page.index(f"<q>{indicator.questions[0]}</q>")
    more = page.index("More about this sign", ask)
    assert more < page.index(indicator.questions[1].replace("'", "&#x27;"), ask)


def test_it_shows_what_the_sign_can_look_like(client, alice, alices_screening):
    sign_in(client, alice)
    indicator = alices_screening.group_for_step(2).indicators[0]
    lead, rest = indicator.looks_like_parts
    assert lead and rest and lead in indicator.looks_like
    page = client.get(alices_screening.step_url(2)).content.decode()
    assert "What it can look like:" in page
    assert lead.replace("'", "&#x27;") in page


def test_it_says_what_each_card_has_saved(client, alice, alices_screening):
    sign_in(client, alice)
    page = client.get(alices_screening.step_url(2)).content.decode()
    count = len(alices_screening.group_for_step(2).indicators)
    assert page.count("No answer saved yet") == count
    client.post(alices_screening.step_url(2), step_data(alices_screening, 2, "not_sure"))
    page = client.get(alices_screening.step_url(2)).content.decode()
    assert page.count("Saved: Not sure") == count and "No answer saved yet" not in page


def test_it_draws_each_answer_as_a_label_around_its_radio():
    html = AnswerRadios(choices=[("yes", "Yes"), ("no", "No")]).render(
        "answer-x", "no", {"id": "id_answer-x"}
    )
    assert html.startswith('<div class="answer-options">')
    assert (
        # The label wraps its radio, which names it without a `for`.
        '<label class="answer-option"><input type="radio" name="answer-x" '
        'value="no" id="id_answer-x_1" checked><span>No</span></label>'
    ) in html
    assert html.count("checked") == 1


def test_it_folds_the_step_list_behind_a_toggle_for_phones(client, alice, alices_screening):
    sign_in(client, alice)
    page = client.get(alices_screening.step_url(3)).content.decode()
    assert "Step 3 of 7" in page
    toggle = page.index('<details class="phone-fold-toggle"><summary>All steps</summary>')
    assert toggle < page.index('class="step-list phone-fold')
