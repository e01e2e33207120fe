"""Reference content: legal definitions and the Polaris "Recognise the Signs" indicators.

Every row has a slug as its natural key so fixtures load twice without duplicates. Each text a
reader sees has a column per language (definitions/translation.py): `title` reads the active
language's `title_zh_hant` or `title_en`, falling back to the English.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from definitions.search import search_words, slugs_in_more_text
from lib.languages import html_lang


def in_every_language(*fields: str) -> list[str]:
    """The columns of these translated fields, one per language: `title_en`, `title_zh_hant`."""
    languages = [code for code, _name in settings.LANGUAGES]
    return [build_localized_fieldname(field, code) for field in fields for code in languages]


def question_lines(text: str) -> list[str]:
    """An indicator's suggested questions, one a line, without blank lines."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class SlugModel(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SlugManager()

    class Meta:
        abstract = True
        ordering = ["order", "slug"]

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class Definition(SlugModel):
    """A legal definition quoted verbatim, with our explanation of it."""

    title = models.CharField(_("title"), max_length=200)
    verbatim = models.TextField(_("verbatim text"), help_text=_("Quoted exactly from the source."))
    # Says where the text is from and, for a translation, what it is and that the English is
    # authoritative.
    citation = models.CharField(_("citation"), max_length=500)
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta(SlugModel.Meta):
        verbose_name = _("definition")
        verbose_name_plural = _("definitions")

    def __str__(self) -> str:
        return self.title

    @property
    def verbatim_language(self) -> str:
        """The `lang` of `verbatim` as read now: the active language, or English if it has none."""
        language = (get_language() or settings.LANGUAGE_CODE).lower()
        own = getattr(self, f"verbatim_{language.replace('-', '_')}", None)
        return html_lang(language if own else settings.LANGUAGE_CODE)

    @property
    def authoritative_verbatim(self) -> str:
        """The English text when the page quotes a translation of it (it is authoritative)."""
        english = getattr(self, f"verbatim_{settings.LANGUAGE_CODE}")
        return english if self.verbatim_language != settings.LANGUAGE_CODE else ""


class PalermoElement(SlugModel):
    """One of the Palermo Protocol's three elements: act, means, purpose."""

    name = models.CharField(_("name"), max_length=50)
    summary = models.TextField(_("summary"))

    class Meta(SlugModel.Meta):
        verbose_name = _("Palermo element")
        verbose_name_plural = _("Palermo elements")

    def __str__(self) -> str:
        return self.name


class ForcedLabourIndicator(SlugModel):
    """One of the ILO's 11 indicators of forced labour (ILO, 2012)."""

    name = models.CharField(_("name"), max_length=100)
    summary = models.TextField(_("summary"), blank=True)

    class Meta(SlugModel.Meta):
        verbose_name = _("ILO forced-labour indicator")
        verbose_name_plural = _("ILO forced-labour indicators")

    def __str__(self) -> str:
        return self.name


class IndicatorGroup(SlugModel):
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    labour_rights = models.BooleanField(
        _("about work and pay"),
        default=False,
        help_text=_(
            "A Yes on a sign of this group adds the labour contact (employment rights, wages, "
            "agency fees) beside the referral."
        ),
    )

    class Meta(SlugModel.Meta):
        verbose_name = _("indicator group")
        verbose_name_plural = _("indicator groups")

    def __str__(self) -> str:
        return self.title


class IndicatorQuerySet(models.QuerySet):
    def with_relations(self) -> IndicatorQuerySet:
        return self.select_related("group").prefetch_related("elements", "ilo_indicators")

    def search(self, words: str) -> IndicatorQuerySet:
        """Signs whose text or everyday words contain every word, singular or plural.

        The text is searched in every language, whichever the reader's: a sign shown in Chinese
        is found by its English words too, and the other way round; and so are the questions
        for the person in theirs (`search.search_more_text`).
        """
        columns = [*in_every_language("wording", "explanation", "questions"), "keywords"]
        terms = search_words(words)
        query = models.Q()
        for word in terms:
            query &= models.Q(
                *((f"{column}__icontains", word) for column in columns), _connector=models.Q.OR
            )
        elsewhere = slugs_in_more_text(terms)
        return self.filter(query | models.Q(slug__in=elsewhere) if elsewhere else query)


class Indicator(SlugModel):
    """A sign from the Polaris list, with how it can show and how to ask about it gently."""

    group = models.ForeignKey(
        IndicatorGroup, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("group")
    )
    wording = models.CharField(_("wording"), max_length=300, help_text=_("As in the Polaris list."))
    explanation = models.TextField(_("how it can show"))
    questions = models.TextField(
        _("suggested questions"),
        help_text=_("One to three gentle, non-leading questions, one a line."),
    )
    elements = models.ManyToManyField(
        PalermoElement, related_name="indicators", blank=True, verbose_name=_("Palermo elements")
    )
    ilo_indicators = models.ManyToManyField(
        ForcedLabourIndicator,
        related_name="indicators",
        blank=True,
        verbose_name=_("ILO forced-labour indicators"),
    )
    commercial_sex = models.BooleanField(
        _("concerns commercial sex"),
        default=False,
        help_text=_("Referral rules treat a child with this indicator as urgent."),
    )
    says_under_18 = models.BooleanField(
        _("says the person is under 18"),
        default=False,
        help_text=_(
            "A Yes or Not sure makes the person a child for the guidance, whatever age band was "
            "chosen."
        ),
    )

    observe_only = models.BooleanField(
        _("observe, don't ask"),
        default=False,
        help_text=_(
            "A sign the caseworker notices rather than asks about (how the person looks or "
            "behaves). The step card and the reference page say so."
        ),
    )

    class Weight(models.TextChoices):
        STRONG = "strong", _("Strong")
        MEDIUM = "medium", _("Medium")
        WEAK = "weak", _("Weak")

    weight = models.CharField(
        _("weight"),
        max_length=10,
        choices=Weight.choices,
        default=Weight.MEDIUM,
        help_text=_("How much a Yes on its own says. The explanation lists strong signs first."),
    )
    weight_source = models.CharField(
        _("where the weight comes from"),
        max_length=300,
        blank=True,
        help_text=_(
            "The ILO–EC Delphi operational indicator it follows, or why the team chose it."
        ),
    )
    keywords = models.TextField(
        _("everyday words"),
        blank=True,
        help_text=_(
            "Other words people use when they look for this sign, separated by commas, in the "
            "singular (for example: salary, wage), in English or Chinese. The search finds the "
            "sign by these too, whatever the reader's language; they are not shown."
        ),
    )

    objects = SlugManager.from_queryset(IndicatorQuerySet)()

    class Meta(SlugModel.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["group__order", "order", "slug"]

    def __str__(self) -> str:
        return self.wording

    def get_absolute_url(self) -> str:
        return reverse("definitions:indicator", args=[self.slug])

    @property
    def question_list(self) -> list[str]:
        return question_lines(self.questions)


class Note(SlugModel):
    """A short piece of reference text used on the pages: caveats, attribution, context."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))

    class Meta(SlugModel.Meta):
        verbose_name = _("reference note")
        verbose_name_plural = _("reference notes")

    def __str__(self) -> str:
        return self.title


class ContentEdition(models.Model):
    """Which edition of the reference content is current: a new token on every change.

    Rendered public pages are cached per process under this token (see `lib.page_cache`),
    so a change made in the admin shows at once on every worker and every server: each request
    reads the token (one query by primary key) and a page rendered for an older one is never
    served. A random token rather than a counter, so a restored backup cannot bring back a number
    whose pages were rendered from other content.
    """

    token = models.CharField(max_length=32, default="")
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reference content edition")

    def __str__(self) -> str:
        return self.token

    @classmethod
    def current(cls) -> str:
        return cls.objects.filter(pk=1).values_list("token", flat=True).first() or ""

    @classmethod
    def start_new(cls) -> None:
        """Mark the reference content as changed; call it in the transaction that changes it."""
        cls.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


class ShippedRow(models.Model):
    """What `load_reference` last wrote to a row of reference content: a digest per field.

    A field whose content still has that digest has not been changed here since, so the next
    load may bring it the shipped text; a field that differs was changed in the admin (a
    corrected translation, a contact's new number) and is kept. Rows are named by model and
    slug, the fixtures' natural key, so this table needs no link to the models it speaks of.
    """

    model = models.CharField(max_length=100)
    slug = models.CharField(max_length=80)
    digests = models.JSONField(default=dict)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "slug"], name="shipped_row_model_slug")
        ]
        verbose_name = _("row as shipped")
        verbose_name_plural = _("rows as shipped")

    def __str__(self) -> str:
        return f"{self.model} {self.slug}"
