"""Who to contact. Contacts live in the database so an administrator can edit them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from referrals import rules


class ReferralContactManager(models.Manager):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)

    def active_facts(self) -> list[rules.ContactFacts]:
        """The active contacts, in their admin order, as the referral rules take them."""
        return [contact.facts() for contact in self.filter(active=True)]


class ReferralContact(models.Model):
    class Kind(models.TextChoices):
        # The values are the rules' own (referrals.rules), so the two cannot disagree.
        EMERGENCY = rules.EMERGENCY, _("Emergency")
        REFERRAL = rules.REFERRAL, _("Referral")
        CHILD_PROTECTION = rules.CHILD_PROTECTION, _("Child protection")
        LABOUR = rules.LABOUR, _("Labour rights")
        POLICE = rules.POLICE, _("Police (not an emergency)")
        SHELTER = rules.SHELTER, _("Shelter")
        SEX_WORKER_SERVICES = rules.SEX_WORKER_SERVICES, _("Services for sex workers")
        IMMIGRATION = rules.IMMIGRATION, _("Immigration")
        CONSULATE = rules.CONSULATE, _("Consulate")
        LEGAL = rules.LEGAL, _("Legal help and wage claims")

    class Sector(models.TextChoices):
        # The rules' values (referrals.rules): a labour contact for one sector is given only
        # for a screening of that sector, or of an unrecorded one.
        ANY = "", _("Any work")
        DOMESTIC_WORK = rules.DOMESTIC_WORK, _("Domestic work only")
        OTHER_WORK = rules.OTHER_WORK, _("Work other than domestic work")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    when_to_contact = models.TextField(_("when to contact"))
    how_to_refer = models.TextField(_("how to refer"), blank=True)
    sector = models.CharField(
        _("sector of work"),
        max_length=20,
        choices=Sector.choices,
        blank=True,
        default=Sector.ANY,
        help_text=_("Which workers this contact is for."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)
    source = models.URLField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("The official page where the number or address was seen."),
    )
    last_checked = models.DateField(
        _("last checked"),
        null=True,
        blank=True,
        help_text=_("When someone last made sure the number or address still works."),
    )

    objects = ReferralContactManager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("referral contact")
        verbose_name_plural = _("referral contacts")

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def facts(self) -> rules.ContactFacts:
        return rules.ContactFacts(
            slug=self.slug,
            kind=self.kind,
            name=self.name,
            phone=self.phone,
            email=self.email,
            how_to_refer=self.how_to_refer,
            sector=self.sector,
        )
