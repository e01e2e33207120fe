"""The explanation in Palermo Protocol and ILO terms: indicators present, never a verdict."""

from __future__ import annotations

import re

import pytest

from referrals.rules import ADULT, AGE_UNKNOWN, NO, NOT_ASKED, NOT_SURE, UNDER_18, YES, explain
from tests.referrals import all_answered, make_facts


def _elements(explanation) -> dict[str, list[str]]:
    return {
        finding.element: [indicator.slug for indicator in finding.indicators]
        for finding in explanation.elements
    }


def _ilo(explanation) -> list[tuple[str, list[str]]]:
    return [
        (slug, [indicator.slug for indicator in indicators]) for slug, indicators in explanation.ilo
    ]


@pytest.mark.parametrize(
    "answers, expected",
    [
        pytest.param({}, {"act": [], "means": [], "purpose": []}, id="nothing"),
        pytest.param(
            {"large-debt": YES},
            {"act": [], "means": ["large-debt"], "purpose": ["large-debt"]},
            id="one yes, two elements",
        ),
        pytest.param(
            {"avoids-eye-contact": YES, "recruited-through-false-promises": YES},
            {
                "act": ["recruited-through-false-promises"],
                "means": ["recruited-through-false-promises", "avoids-eye-contact"],
                "purpose": [],
            },
            id="catalogue order within an element",
        ),
        pytest.param(
            {"large-debt": NOT_SURE, "not-free-to-leave": NO, "avoids-eye-contact": NOT_ASKED},
            {"act": [], "means": [], "purpose": []},
            id="only yes counts",
        ),
    ],
)
def test_it_maps_yes_indicators_to_the_palermo_elements(answers, expected):
    explanation = explain(make_facts(answers))
    assert [finding.element for finding in explanation.elements] == ["act", "means", "purpose"]
    assert _elements(explanation) == expected


@pytest.mark.parametrize(
    "answers, expected",
    [
        pytest.param({}, [], id="nothing"),
        pytest.param(
            {"not-free-to-leave": YES, "large-debt": YES, "no-control-of-money": YES},
            [
                ("restriction-of-movement", ["not-free-to-leave"]),
                ("debt-bondage", ["large-debt", "no-control-of-money"]),
                ("withholding-of-wages", ["no-control-of-money"]),
            ],
            id="grouped in first-seen order",
        ),
        pytest.param(
            {"under-18-commercial-sex": YES, "commercial-sex-with-pimp": YES},
            [("abuse-of-vulnerability", ["under-18-commercial-sex", "commercial-sex-with-pimp"])],
            id="two indicators, one ILO indicator",
        ),
        pytest.param(
            {"large-debt": NOT_SURE, "avoids-eye-contact": YES},
            [("intimidation-and-threats", ["avoids-eye-contact"])],
            id="not sure left out",
        ),
    ],
)
def test_it_groups_yes_indicators_by_ilo_indicator(answers, expected):
    assert _ilo(explain(make_facts(answers))) == expected


@pytest.mark.parametrize(
    "age_band, means_required",
    [(UNDER_18, False), (ADULT, True), (AGE_UNKNOWN, True)],
)
def test_it_drops_the_means_element_only_for_a_child(age_band, means_required):
    explanation = explain(make_facts({"large-debt": YES}, age_band=age_band))
    assert explanation.means_required is means_required


SCENARIOS = [
    pytest.param({}, ADULT, id="nothing answered"),
    pytest.param(all_answered(YES), ADULT, id="everything yes"),
    pytest.param(all_answered(YES), UNDER_18, id="child, everything yes"),
    pytest.param({"large-debt": YES}, AGE_UNKNOWN, id="unknown age"),
    pytest.param({"large-debt": NOT_SURE}, ADULT, id="only not sure"),
]


@pytest.mark.parametrize("answers, age_band", SCENARIOS)
def test_it_says_this_is_not_a_legal_determination_and_gives_no_score(answers, age_band):
    summary = explain(make_facts(answers, age_band=age_band)).summary
    assert type(summary) is str
    assert "not a legal determination" in summary
    assert "not exhaustive" in summary and "not cumulative" in summary
    assert not re.search(r"\d+\s*/\s*\d+", summary)
    assert "%" not in summary
    assert "score" not in summary.lower()


@pytest.mark.parametrize(
    "answers, age_band, phrase",
    [
        (
            {"large-debt": YES},
            ADULT,
            "indicators present may relate to the means and purpose elements",
        ),
        (
            all_answered(YES),
            ADULT,
            "indicators present may relate to the act, means and purpose elements",
        ),
        ({"avoids-eye-contact": YES}, ADULT, "may relate to the means element"),
        ({"large-debt": YES}, ADULT, "may also relate to ILO indicators of forced labour"),
        ({"large-debt": YES}, ADULT, "this tool's reading, to help write a referral"),
        ({"avoids-eye-contact": YES}, ADULT, "Only weak signs were seen"),
        ({}, ADULT, "No indicators present"),
        ({"large-debt": YES}, UNDER_18, "for a child the means element is not required"),
        ({"large-debt": YES}, AGE_UNKNOWN, "if they are under 18, the means element is not"),
    ],
)
def test_it_summarises_in_terms_of_indicators_present(answers, age_band, phrase):
    assert phrase in explain(make_facts(answers, age_band=age_band)).summary


def test_it_never_says_a_sign_points_to_or_proves_anything():
    summary = explain(make_facts(all_answered(YES))).summary
    assert "point to" not in summary.replace("may sometimes point to forced labour", "")
    assert "prove" not in summary.lower()


@pytest.mark.parametrize(
    "answers, weak_only",
    [
        ({"avoids-eye-contact": YES}, True),
        ({"avoids-eye-contact": YES, "large-debt": YES}, False),
        ({"not-free-to-leave": YES}, False),
    ],
)
def test_it_says_when_only_weak_signs_were_seen(answers, weak_only):
    summary = explain(make_facts(answers)).summary
    assert ("Only weak signs were seen" in summary) is weak_only


def test_it_lists_strong_signs_first():
    # Catalogue order: not-free-to-leave (medium), large-debt (strong), avoids-eye-contact (weak).
    answers = {"avoids-eye-contact": YES, "not-free-to-leave": YES, "large-debt": YES}
    means = dict(_elements(explain(make_facts(answers))))["means"]
    assert means == ["large-debt", "not-free-to-leave", "avoids-eye-contact"]
