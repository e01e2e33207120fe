"""Urgent is no longer only "Child at risk": adults with strong signs of coercion are urgent too,
a manager alone is not, and only weak signs are followed up rather than referred (issue 25). A
friend, partner or relative interpreting means the person may not have spoken freely.

Existing screenings (not the erased ones) get their urgency again from their answers under the new rules, as every
save now stores it.
"""

from django.db import migrations, models


def refill_urgency(apps, schema_editor):
    from referrals import rules
    from screening.catalogue import parse_snapshot

    Screening = apps.get_model("screening", "Screening")
    Answer = apps.get_model("screening", "Answer")
    # An erased screening keeps the urgency it had for the statistics: it has no answers left.
    screenings = (
        Screening.objects.filter(erased_at__isnull=True).select_related("snapshot").order_by("pk")
    )
    for screening in screenings.iterator(chunk_size=500):
        catalogue = parse_snapshot(screening.snapshot.digest, screening.snapshot.data)
        answers = dict(
            Answer.objects.filter(screening=screening)
            .exclude(value="")
            .values_list("indicator_slug", "value")
        )
        facts = rules.ScreeningFacts(
            age_band=screening.age_band,
            immediate_danger=screening.immediate_danger,
            indicators=tuple(
                rules.IndicatorFacts(
                    slug=indicator.slug,
                    wording=indicator.wording,
                    group_title=group.title,
                    elements=indicator.elements,
                    ilo=indicator.ilo,
                    commercial_sex=indicator.commercial_sex,
                    under_18=indicator.under_18,
                    weight=indicator.weight or rules.MEDIUM,
                    labour=indicator.labour,
                )
                for group in catalogue.groups
                for indicator in group.indicators
            ),
            answers=answers,
            may_not_speak_freely=(
                screening.interpreter in ("employer_agent", "friend_family")
                or screening.third_party_present
            ),
            consent_to_share=screening.consent_to_share,
        )
        urgency = min(item.urgency for item in rules.guidance_for(facts, ()))
        if urgency != screening.urgency:
            Screening.objects.filter(pk=screening.pk).update(urgency=int(urgency))


class Migration(migrations.Migration):

    dependencies = [
        ('screening', '0020_audit_actions_after_merge'),
    ]

    operations = [
        migrations.RunPython(refill_urgency, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name='screening',
            name='interpreter',
            field=models.CharField(choices=[('none', 'No interpreter'), ('professional', 'Professional interpreter'), ('friend_family', 'Friend, partner or relative'), ('employer_agent', 'Employer or agent'), ('other', 'Other')], default='none', max_length=20, verbose_name='interpreter'),
        ),
        migrations.AlterField(
            model_name='screening',
            name='urgency',
            field=models.PositiveSmallIntegerField(choices=[(0, 'Danger'), (1, 'Urgent'), (2, 'Refer'), (3, 'Follow up'), (4, 'None')], db_index=True, default=4, verbose_name='urgency'),
        ),
    ]
