"""Referral tracking, each screening's urgency, and an audit trail that keeps who did what.

Existing screenings get their urgency from their answers, as the services now store it on every
save; existing audit events get the username of their user, so deleting an account later keeps it.
"""

import django.db.models.deletion
import django.utils.timezone
import screening.fields
from django.conf import settings
from django.db import migrations, models


def fill_usernames(apps, schema_editor):
    AuditEvent = apps.get_model("screening", "AuditEvent")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    # Before the trigger of 0013 exists; the historical model has Django's plain queryset.
    for user in User.objects.filter(pk__in=AuditEvent.objects.values("user_id")):
        AuditEvent.objects.filter(user_id=user.pk).update(username=user.username)


def fill_urgency(apps, schema_editor):
    from referrals import rules
    from screening.catalogue import parse_snapshot

    Screening = apps.get_model("screening", "Screening")
    Answer = apps.get_model("screening", "Answer")
    screenings = Screening.objects.select_related("snapshot").order_by("pk")
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
                )
                for group in catalogue.groups
                for indicator in group.indicators
            ),
            answers=answers,
            may_not_speak_freely=(
                screening.interpreter == "employer_agent" or screening.third_party_present
            ),
            consent_to_share=screening.consent_to_share,
        )
        urgency = min(item.urgency for item in rules.guidance_for(facts, ()))
        if urgency != screening.urgency:
            Screening.objects.filter(pk=screening.pk).update(urgency=int(urgency))


class Migration(migrations.Migration):

    dependencies = [
        ('referrals', '0003_english_into_its_column'),
        ('screening', '0012_interview_language_codes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Referral',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sent_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='date sent')),
                ('channel', models.CharField(choices=[('email', 'E-mail'), ('phone', 'Phone'), ('secure_upload', 'Secure upload or portal'), ('in_person', 'In person'), ('letter', 'Letter'), ('other', 'Other')], max_length=20, verbose_name='channel')),
                ('consent_confirmed', models.BooleanField(verbose_name='the person consented to this referral')),
                ('outcome', models.CharField(choices=[('pending', 'Pending'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('no_response', 'No response')], default='pending', max_length=20, verbose_name='outcome')),
                ('follow_up_on', models.DateField(blank=True, null=True, verbose_name='follow up on')),
                ('note', screening.fields.EncryptedTextField(blank=True, verbose_name='note')),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'ordering': ['sent_on', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='auditevent',
            name='username',
            field=models.CharField(blank=True, db_index=True, max_length=150, verbose_name='user'),
        ),
        migrations.AddField(
            model_name='screening',
            name='urgency',
            field=models.PositiveSmallIntegerField(choices=[(0, 'Danger'), (1, 'Child at risk'), (2, 'Refer'), (3, 'Follow up'), (4, 'None')], db_index=True, default=4, verbose_name='urgency'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='action',
            field=models.CharField(choices=[('created', 'created'), ('viewed', 'viewed'), ('edited', 'edited'), ('completed', 'completed'), ('printed', 'printed / downloaded PDF'), ('reviewed', 'reviewed and locked'), ('reopened', 'reopened'), ('purged', 'deleted after retention period'), ('denied', 'refused access'), ('referral', 'referral recorded or changed'), ('exported', 'exported'), ('second_factor_reset', 'second factor reset')], db_index=True, max_length=20),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='screening_id',
            field=models.UUIDField(blank=True, db_index=True, null=True),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='user',
            field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='referral',
            name='contact',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='referrals.referralcontact', verbose_name='referred to'),
        ),
        migrations.AddField(
            model_name='referral',
            name='recorded_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='referral',
            name='screening',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='referrals', to='screening.screening'),
        ),
        migrations.AddField(
            model_name='screening',
            name='attention_rank',
            field=models.GeneratedField(db_persist=True, expression=models.Case(models.When(models.Q(models.Q(('status', 'reviewed'), _negated=True), ('urgency__lte', 1)), then=models.Value(0)), models.When(status='completed', then=models.Value(1)), models.When(status='draft', then=models.Value(2)), default=models.Value(3)), output_field=models.PositiveSmallIntegerField()),
        ),
        migrations.AddIndex(
            model_name='screening',
            index=models.Index(fields=['attention_rank', '-screened_on', '-created_at'], name='screening_attention_order'),
        ),
        migrations.AddIndex(
            model_name='referral',
            index=models.Index(fields=['outcome', 'follow_up_on'], name='referral_follow_up'),
        ),
        migrations.RunPython(fill_usernames, migrations.RunPython.noop),
        migrations.RunPython(fill_urgency, migrations.RunPython.noop),
    ]
