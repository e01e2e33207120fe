"""Statistics for reporting: counts over a date range, every table suppressed before it leaves.

Every table comes from GROUP BY queries that read the date range from one covering index
(`screening_statistics_range`), a fixed number of them, so the page's query count is constant.
Only completed and reviewed screenings are counted: a draft may still change. The tables are
suppressed here (`lib.suppression`), so neither the page nor the CSV can show a count from 1 to
10 by mistake.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from definitions.models import Indicator
from lib.suppression import SuppressedTable, shown, suppress, suppress_counts
from screening.forms import LANGUAGES
from screening.models import Answer, Referral, Screening

NOT_RECORDED = gettext_lazy("Not recorded")


@dataclass(frozen=True)
class StatisticsTable:
    """A published table: what it counts, its row and column labels, its suppressed counts."""

    slug: str
    title: str
    row_heading: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: SuppressedTable
    threshold: int

    def shown(self, count: int | None) -> str:
        return shown(count, self.threshold)

    def body(self) -> list[tuple[str, list[str], str | None]]:
        """Each row: its label, its cells as shown, and its total as shown (or None)."""
        totals = self.counts.row_totals
        return [
            (label, [self.shown(c) for c in cells], self.shown(totals[i]) if totals else None)
            for i, (label, cells) in enumerate(zip(self.rows, self.counts.cells, strict=True))
        ]

    def footer(self) -> tuple[list[str], str | None] | None:
        if self.counts.column_totals is None:
            return None
        columns = [self.shown(c) for c in self.counts.column_totals]
        total = self.shown(self.counts.total) if self.counts.row_totals is not None else None
        return columns, total

    def bars(self) -> list[tuple[str, int | None]]:
        """For the chart: each row's total (or its only count), None where hidden."""
        if self.counts.row_totals is not None:
            return list(zip(self.rows, self.counts.row_totals, strict=True))
        return [
            (label, cells[0]) for label, cells in zip(self.rows, self.counts.cells, strict=True)
        ]


def threshold() -> int:
    return settings.STATISTICS_SUPPRESS_BELOW


def _screenings(date_from: datetime.date, date_to: datetime.date):
    return Screening.objects.filter(
        screened_on__gte=date_from,
        screened_on__lte=date_to,
        status__in=[Screening.Status.COMPLETED, Screening.Status.REVIEWED],
    )


def _by(counted: Counter, labels: dict, slug: str, title: str, heading: str) -> StatisticsTable:
    # Every category, even at 0, so a table never hides which categories exist.
    keys = list(labels) + [key for key in counted if key not in labels]
    rows = tuple(str(labels.get(key, key) or NOT_RECORDED) for key in keys)
    counts = [counted.get(key, 0) for key in keys]
    return StatisticsTable(
        slug,
        title,
        heading,
        rows,
        (_("Screenings"),),
        suppress_counts(counts, threshold()),
        threshold(),
    )


def _months(date_from: datetime.date, date_to: datetime.date) -> list[datetime.date]:
    months, month = [], date_from.replace(day=1)
    while month <= date_to:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def by_month(counted: Counter, date_from: datetime.date, date_to: datetime.date) -> StatisticsTable:
    """Screenings by month and urgency, with both totals (secondary suppression both ways)."""
    months = _months(date_from, date_to)
    urgencies = list(Screening.Urgency)
    matrix = [[counted.get((month, urgency.value), 0) for urgency in urgencies] for month in months]
    return StatisticsTable(
        "month",
        _("Screenings by month and urgency"),
        _("Month"),
        tuple(formats.date_format(month, "YEAR_MONTH_FORMAT") for month in months),
        tuple(str(urgency.label) for urgency in urgencies),
        suppress(matrix, threshold()),
        threshold(),
    )


FIELDS = ("urgency", "setting", "age_band", "language", "nationality", "sector")


def _counts(screenings) -> dict[str, Counter]:
    """Every screening-level count, each counted by the database from the statistics index.

    One GROUP BY a field, a constant six queries: per day and urgency (folded into months here,
    and giving the urgency table), then one for each other field. Counting the range's rows in
    Python instead took some 180 ms at 100,000 screenings, and grouping by every field at once
    returns nearly as many rows as it counts.
    """
    screenings = screenings.order_by()
    counts = {name: Counter() for name in (*FIELDS, "month")}
    by_day = screenings.values_list("screened_on", "urgency").annotate(n=Count("*"))
    for screened_on, urgency, number in by_day:
        counts["month"][(screened_on.replace(day=1), urgency)] += number
        counts["urgency"][urgency] += number
    for name in FIELDS[1:]:
        counts[name].update(dict(screenings.values_list(name).annotate(n=Count("*"))))
    return counts


def tables(date_from: datetime.date, date_to: datetime.date) -> list[StatisticsTable]:
    """Every table of the statistics page and CSV, suppressed."""
    screenings = _screenings(date_from, date_to)
    counts = _counts(screenings)
    field = Screening._meta.get_field
    language_labels = dict(field("language").flatchoices) or dict(LANGUAGES[1:])
    not_recorded = {"": NOT_RECORDED}
    return [
        by_month(counts["month"], date_from, date_to),
        _by(
            counts["urgency"],
            dict(Screening.Urgency.choices),
            "urgency",
            _("Screenings by urgency"),
            _("Urgency"),
        ),
        _by(
            counts["setting"],
            dict(Screening.Setting.choices),
            "setting",
            _("Screenings by setting"),
            _("Setting"),
        ),
        _by(
            counts["age_band"],
            dict(Screening.AgeBand.choices),
            "age_band",
            _("Screenings by age"),
            _("Age"),
        ),
        _by(
            counts["language"],
            language_labels,
            "language",
            _("Screenings by interview language"),
            _("Language"),
        ),
        _by(
            counts["nationality"],
            {**dict(Screening.Nationality.choices), **not_recorded},
            "nationality",
            _("Screenings by nationality (where recorded)"),
            _("Nationality"),
        ),
        _by(
            counts["sector"],
            {**dict(Screening.Sector.choices), **not_recorded},
            "sector",
            _("Screenings by sector of work (where recorded)"),
            _("Sector"),
        ),
        yes_per_sign(screenings),
        referral_outcomes(screenings),
    ]


def yes_per_sign(screenings) -> StatisticsTable:
    """How many screenings answered Yes to each sign. No total: one screening has many Yes."""
    counted = dict(
        Answer.objects.filter(screening__in=screenings, value="yes")
        .order_by()
        .values_list("indicator_slug")
        .annotate(n=Count("pk"))
    )
    signs = list(Indicator.objects.order_by("group__order", "order").values_list("slug", "wording"))
    known = {slug for slug, _wording in signs}
    signs += [(slug, slug) for slug in sorted(counted) if slug not in known]
    counts = [counted.get(slug, 0) for slug, _wording in signs]
    return StatisticsTable(
        "yes_per_sign",
        _("Yes answers per sign"),
        _("Sign"),
        tuple(wording for _slug, wording in signs),
        (_("Screenings answering Yes"),),
        suppress_counts(counts, threshold(), total=False),
        threshold(),
    )


def referral_outcomes(screenings) -> StatisticsTable:
    counted = dict(
        Referral.objects.filter(screening__in=screenings)
        .order_by()
        .values_list("outcome")
        .annotate(n=Count("pk"))
    )
    outcomes = list(Referral.Outcome)
    return StatisticsTable(
        "referral_outcomes",
        _("Referral outcomes"),
        _("Outcome"),
        tuple(str(outcome.label) for outcome in outcomes),
        (_("Referrals"),),
        suppress_counts([counted.get(o.value, 0) for o in outcomes], threshold()),
        threshold(),
    )


def csv_rows(tables: list[StatisticsTable]):
    """The tables one after another, as the CSV gives them: the same suppressed counts."""
    for table in tables:
        total_column = [_("Total")] if table.counts.row_totals is not None else []
        yield [table.title]
        yield [table.row_heading, *table.columns, *total_column]
        for label, cells, total in table.body():
            yield [label, *cells, *([total] if total is not None else [])]
        footer = table.footer()
        if footer:
            columns, total = footer
            yield [_("Total"), *columns, *([total] if total is not None else [])]
        yield []


# The years a range or period may name: none of our screenings is older, and a date far off
# (9999) would overflow the month arithmetic.
FIRST_YEAR = 2000
PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})|-Q([1-4]))?$")


def last_year() -> int:
    return timezone.localdate().year + 1


def period_range(period: str) -> tuple[datetime.date, datetime.date] | None:
    """A month ("2026-10"), a quarter ("2026-Q4") or a year ("2026"): its first and last days.

    Statistics leave the organisation only by such periods: two free ranges a day apart single
    out the one person screened that day, however each count is suppressed.
    """
    match = PERIOD.match(period)
    if match is None or not FIRST_YEAR <= int(match[1]) <= last_year():
        return None
    year = int(match[1])
    if match[2]:
        first = last = int(match[2])
        if not 1 <= first <= 12:
            return None
    elif match[3]:
        last = 3 * int(match[3])
        first = last - 2
    else:
        first, last = 1, 12
    end = datetime.date(year, last, calendar.monthrange(year, last)[1])
    return datetime.date(year, first, 1), end


def periods(today: datetime.date) -> list[tuple[str, str]]:
    """The periods offered for download, newest first: twelve months, eight quarters, five
    years, each as (value for `period_range`, label)."""
    months, quarters, years = [], [], []
    month = today.replace(day=1)
    for _step in range(12):
        label = formats.date_format(month, "YEAR_MONTH_FORMAT")
        months.append((f"{month:%Y-%m}", label))
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    year, quarter = today.year, (today.month - 1) // 3 + 1
    for _step in range(8):
        label = _("Quarter %(quarter)d of %(year)d") % {"quarter": quarter, "year": year}
        quarters.append((f"{year}-Q{quarter}", label))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    years = [(str(year), str(year)) for year in range(today.year, today.year - 5, -1)]
    return months + quarters + years
