"""The indicator catalogue as a screening records it: a frozen copy of the reference content.

A screening asks the questions of the catalogue as it stood when the screening started, so later
edits in the admin never change what an old screening says it asked. The copy is plain data with
declared shapes (the dataclasses below), stored once per distinct catalogue in
`CatalogueSnapshot` (keyed by its hash) and shared by every screening started on it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from definitions.models import Indicator, IndicatorGroup, in_every_language, question_lines
from lib.page_cache import cached_per_edition

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)|(?<=[。！？])(?=\S)")


@dataclass(frozen=True)
class CatalogueIndicator:
    slug: str
    wording: str
    questions: tuple[str, ...]
    elements: tuple[str, ...]  # Palermo element slugs: act, means, purpose
    ilo: tuple[str, ...]  # ILO forced-labour indicator slugs
    commercial_sex: bool = False
    # What the sign can look like (the reference's "how it can show"). Snapshots stored before
    # it existed have none, so it defaults to "" and is left out of the JSON when empty: an old
    # snapshot still parses, and still hashes to its digest.
    looks_like: str = ""
    # Added later still, each left out of the JSON while it has its default, for the same reason:
    # how much a Yes on it says (strong / medium / weak; "" in old snapshots, read as medium),
    # whether it says the person is under 18, and whether a Yes concerns work and pay.
    weight: str = ""
    under_18: bool = False
    labour: bool = False
    # A sign to observe, not to ask about (how the person looks or behaves): the card says so.
    observe: bool = False

    @cached_property
    def looks_like_parts(self) -> tuple[str, str]:
        """The first sentence of `looks_like` (the step card's short line) and the rest."""
        lead, *rest = SENTENCE_END.split(self.looks_like.strip(), maxsplit=1)
        return lead, "".join(rest)

    def to_data(self) -> dict:
        data = {
            "slug": self.slug,
            "wording": self.wording,
            "questions": list(self.questions),
            "elements": list(self.elements),
            "ilo": list(self.ilo),
            "commercial_sex": self.commercial_sex,
        }
        if self.looks_like:  # added later: left out while empty, so old snapshots keep their digest
            data["looks_like"] = self.looks_like
        for name in ("weight", "under_18", "labour", "observe"):  # likewise
            if getattr(self, name):
                data[name] = getattr(self, name)
        return data


@dataclass(frozen=True)
class CatalogueGroup:
    slug: str
    title: str
    introduction: str
    indicators: tuple[CatalogueIndicator, ...]


@dataclass(frozen=True)
class Catalogue:
    groups: tuple[CatalogueGroup, ...]

    @cached_property
    def indicators(self) -> tuple[CatalogueIndicator, ...]:
        return tuple(indicator for group in self.groups for indicator in group.indicators)

    @cached_property
    def canonical_json(self) -> str:
        """The canonical JSON text of the catalogue, as a snapshot stores it."""
        return json.dumps(self.to_data(), sort_keys=True, ensure_ascii=False)

    @cached_property
    def digest(self) -> str:
        """The SHA-256 of the canonical JSON: the same content always gives the same digest."""
        return hashlib.sha256(self.canonical_json.encode()).hexdigest()

    @property
    def version(self) -> str:
        """A short name for this catalogue, shown to people and in exports."""
        return self.digest[:12]

    def to_data(self) -> dict:
        return {
            "groups": [
                {
                    "slug": group.slug,
                    "title": group.title,
                    "introduction": group.introduction,
                    "indicators": [indicator.to_data() for indicator in group.indicators],
                }
                for group in self.groups
            ]
        }

    @classmethod
    def from_data(cls, data: dict) -> Catalogue:
        return cls(
            groups=tuple(
                CatalogueGroup(
                    slug=group["slug"],
                    title=group["title"],
                    introduction=group.get("introduction", ""),
                    indicators=tuple(
                        CatalogueIndicator(
                            slug=indicator["slug"],
                            wording=indicator["wording"],
                            questions=tuple(indicator.get("questions", ())),
                            elements=tuple(indicator.get("elements", ())),
                            ilo=tuple(indicator.get("ilo", ())),
                            commercial_sex=indicator.get("commercial_sex", False),
                            looks_like=indicator.get("looks_like", ""),
                            weight=indicator.get("weight", ""),
                            under_18=indicator.get("under_18", False),
                            labour=indicator.get("labour", False),
                            observe=indicator.get("observe", False),
                        )
                        for indicator in group["indicators"]
                    ),
                )
                for group in data.get("groups", ())
            )
        )


@lru_cache(maxsize=64)
def parse_snapshot(digest: str, text: str) -> Catalogue:
    """Parse a stored snapshot once per process: a snapshot never changes once written.

    Keyed by the digest and the stored text together, so a row edited by hand is parsed anew.
    """
    return Catalogue.from_data(json.loads(text))


def current_catalogue() -> Catalogue:
    """Copy today's reference content into a Catalogue, in the reference language.

    The copy does not depend on the language of the request that starts the screening: it is
    made with the project's reference language (LANGUAGE_CODE) active, so two caseworkers
    working in different interface languages freeze the same catalogue.
    """
    indicators = Indicator.objects.prefetch_related("elements", "ilo_indicators")
    groups = IndicatorGroup.objects.prefetch_related(Prefetch("indicators", queryset=indicators))
    with translation.override(settings.LANGUAGE_CODE):
        return Catalogue(
            groups=tuple(
                CatalogueGroup(
                    slug=group.slug,
                    title=group.title,
                    introduction=group.introduction,
                    indicators=tuple(
                        CatalogueIndicator(
                            slug=indicator.slug,
                            wording=indicator.wording,
                            questions=tuple(indicator.question_list),
                            elements=tuple(element.slug for element in indicator.elements.all()),
                            ilo=tuple(ilo.slug for ilo in indicator.ilo_indicators.all()),
                            commercial_sex=indicator.commercial_sex,
                            looks_like=indicator.explanation,
                            weight=indicator.weight,
                            under_18=indicator.says_under_18,
                            labour=group.labour_rights,
                            observe=indicator.observe_only,
                        )
                        for indicator in group.indicators.all()
                    ),
                )
                for group in groups
                if group.indicators.all()
            )
        )


# The reader's language. A screening records its signs in English (above); a reader working in
# another language sees each sign's text in that language where the reference has it.


@dataclass(frozen=True)
class SignText:
    """What the reference says about a sign now, in one language ("" where it says nothing)."""

    wording: str
    questions: tuple[str, ...]
    looks_like: str


@dataclass(frozen=True)
class GroupText:
    """What the reference says about a group now, in one language."""

    title: str
    introduction: str


@dataclass(frozen=True)
class ReferenceTexts:
    """Every sign's and every group's text in every language, by slug and language code."""

    signs: dict[str, dict[str, SignText]]
    groups: dict[str, dict[str, GroupText]]


def _read_reference_texts() -> ReferenceTexts:
    sign_columns = in_every_language("wording", "questions", "explanation")
    group_columns = [f"group__{column}" for column in in_every_language("title", "introduction")]
    rows = Indicator.objects.order_by().values("slug", "group__slug", *sign_columns, *group_columns)
    signs, groups = {}, {}
    for row in rows:  # one query: each sign's row carries its group's text too
        signs[row["slug"]] = {
            code: SignText(
                wording=row[build_localized_fieldname("wording", code)] or "",
                questions=tuple(
                    question_lines(row[build_localized_fieldname("questions", code)] or "")
                ),
                looks_like=row[build_localized_fieldname("explanation", code)] or "",
            )
            for code, _name in settings.LANGUAGES
        }
        groups[row["group__slug"]] = {
            code: GroupText(
                title=row["group__" + build_localized_fieldname("title", code)] or "",
                introduction=row["group__" + build_localized_fieldname("introduction", code)] or "",
            )
            for code, _name in settings.LANGUAGES
        }
    return ReferenceTexts(signs=signs, groups=groups)


def reference_texts() -> ReferenceTexts:
    """Every sign's and group's text in every language: one query, cached per content edition."""
    return cached_per_edition("reference-texts", _read_reference_texts)


def _as_read(recorded, texts_of: Callable[[], dict], fields: tuple[str, ...]):
    """`recorded` with each of `fields` in the active language, where the reference has it and
    its English is still the recorded English; no lookup at all in the reference language."""
    language = translation.get_language()
    if not language or language == settings.LANGUAGE_CODE:
        return recorded
    texts = texts_of()
    english, theirs = texts.get(settings.LANGUAGE_CODE), texts.get(language)
    if english is None or theirs is None:
        return recorded

    def part(name: str):
        kept = getattr(recorded, name)
        translated = getattr(theirs, name)
        return translated if translated and getattr(english, name) == kept else kept

    return replace(recorded, **{name: part(name) for name in fields})


def for_reader(indicator: CatalogueIndicator) -> CatalogueIndicator:
    """`indicator` as a reader in the active language sees it.

    Each part (the wording, the questions, what it can look like) is the reference's text in the
    reader's language if it has one and its English is still the English the screening recorded;
    otherwise it is the recorded English. A sign edited since the screening started therefore
    never shows a translation of words the screening did not ask. In the reference language
    the indicator comes back as it is, with no lookup.
    """
    return _as_read(
        indicator,
        lambda: reference_texts().signs.get(indicator.slug, {}),
        ("wording", "questions", "looks_like"),
    )


def group_for_reader(group: CatalogueGroup) -> CatalogueGroup:
    """`group`'s title and introduction as a reader in the active language sees them, on the
    same terms as `for_reader`."""
    return _as_read(
        group, lambda: reference_texts().groups.get(group.slug, {}), ("title", "introduction")
    )
