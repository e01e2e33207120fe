"""The audit trail's details in the reader's language.

An event's `detail` is stored as the code wrote it, in English words ("step lack-of-control",
"danger raised (Danger now)", "404 summary"), so that the trail and its CSV never change with
the language of whoever caused them. A page shows it in the reader's language: the known forms
translated, a step by its title, anything else as stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from definitions.models import IndicatorGroup
from lib.page_cache import cached_per_edition
from screening.models import Referral

PAGES = {
    "details": lambda: _("the details"),
    "summary": lambda: _("the summary"),
    "complete": lambda: _("check and complete"),
    "Danger now": lambda: _("Danger now"),
    "danger lowered": lambda: _("danger lowered"),
}
STEP = re.compile(r"^step (?P<slug>[\w-]+)$")
DANGER = re.compile(r"^danger raised \((?P<where>.+)\)$")
REFUSED = re.compile(r"^(?P<code>403|404) (?P<page>[\w-]+)$")
REFERRAL = re.compile(r"^(?P<change>added|changed) (?P<contact>[\w-]+): (?P<outcome>\w+)$")


def describe(detail: str, titles: dict[str, str]) -> str:
    """One event's detail in the reader's language; `titles` are the steps' by slug."""
    if detail in PAGES:
        return PAGES[detail]()
    if match := STEP.match(detail):
        title = titles.get(match["slug"], match["slug"])
        return _("step “%(title)s”") % {"title": title}
    if match := DANGER.match(detail):
        return _("danger raised (%(where)s)") % {"where": describe(match["where"], titles)}
    if match := REFUSED.match(detail):
        page = match["page"]
        page = describe(page, titles) if page in PAGES else page
        return _("refused (%(code)s): %(page)s") % {"code": match["code"], "page": page}
    if match := REFERRAL.match(detail):
        outcome = dict(Referral.Outcome.choices).get(match["outcome"], match["outcome"])
        said = _("added") if match["change"] == "added" else _("changed")
        return f"{said} {match['contact']}: {outcome}"
    return detail


def describe_events(events: Iterable) -> None:
    """Give each event its `described` detail, with the steps' titles in the reader's language
    (read once per content edition)."""
    titles = cached_per_edition(f"step-titles:{get_language()}", _step_titles)
    for event in events:
        event.described = describe(event.detail, titles) if event.detail else ""


def _step_titles() -> dict[str, str]:
    return {group.slug: group.title for group in IndicatorGroup.objects.all()}
