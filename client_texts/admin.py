from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from client_texts.audio import MAX_BYTES, check_audio
from client_texts.models import (
    ENGLISH,
    ClientText,
    Recording,
    SectorQuestionSet,
    missing_recordings,
    reviewer_name,
    self_questions_in_english,
    text_hash,
)
from definitions.models import Indicator


class OutOfDateFilter(admin.SimpleListFilter):
    title = _("English changed since")
    parameter_name = "out_of_date"

    def lookups(self, request, model_admin):
        return [("yes", _("Out of date")), ("no", _("Up to date"))]

    def queryset(self, request, queryset):
        stale = ClientText.objects.out_of_date().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=stale)
        if self.value() == "no":
            return queryset.exclude(pk__in=stale)
        return queryset


@admin.register(ClientText)
class ClientTextAdmin(admin.ModelAdmin):
    list_display = ["key", "language", "text", "english", "status", "out_of_date", "reviewed_by"]
    list_filter = ["language", "status", OutOfDateFilter]
    search_fields = ["key", "text"]
    fields = ["key", "language", "english", "text", "status", "reviewed_by", "reviewed_on"]
    readonly_fields = ["english", "reviewed_by", "reviewed_on"]
    actions = ["mark_reviewed"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_english()

    def get_readonly_fields(self, request, obj=None):
        # Which text a row is stays fixed once it exists; its translation is what is edited.
        fixed = ["key", "language"] if obj else []
        return [*fixed, *self.readonly_fields]

    @admin.display(description=_("English"))
    def english(self, obj: ClientText) -> str:
        return obj.english if getattr(obj, "english", None) is not None else ""

    @admin.display(description=_("out of date"), boolean=True)
    def out_of_date(self, obj: ClientText) -> bool:
        return obj.is_out_of_date

    def save_model(self, request, obj: ClientText, form, change: bool) -> None:
        # Edited here beside the English shown: it is made from that English now.
        if obj.language != ENGLISH and getattr(obj, "english", None) is not None:
            obj.source_hash = text_hash(obj.english)
        elif obj.language != ENGLISH and not obj.source_hash:
            english = ClientText.objects.filter(key=obj.key, language=ENGLISH).first()
            obj.source_hash = english.source_hash if english else ""
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark reviewed (against the English shown)"))
    def mark_reviewed(self, request, queryset) -> None:
        rows = [row for row in queryset if row.language != ENGLISH]
        for row in rows:
            row.status = ClientText.Status.REVIEWED
            row.reviewed_by = reviewer_name(request.user)
            row.reviewed_on = timezone.localdate()
            if row.english is not None:
                row.source_hash = text_hash(row.english)
            row.save(update_fields=["status", "reviewed_by", "reviewed_on", "source_hash"])
        message = ngettext(
            "%(count)d text marked reviewed.", "%(count)d texts marked reviewed.", len(rows)
        )
        self.message_user(request, message % {"count": len(rows)}, messages.SUCCESS)


class RecordingForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Audio file"),
        help_text=_("Ogg (Opus or Vorbis), MP3 or WAV; at most 2 MB and 60 seconds."),
    )

    class Meta:
        model = Recording
        fields = ["key", "language", "recorded_by", "reviewed_by", "recorded_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a new file is needed only to replace the one there
            self.fields["upload"].required = False

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.checked = check_audio(upload.read(MAX_BYTES + 1))
        return upload

    def clean(self):
        data = super().clean()
        text = ClientText.objects.filter(key=data.get("key"), language=data.get("language"))
        if data.get("key") and data.get("language") and not text.exists():
            self.add_error("key", _("There is no text with this key in this language to record."))
        self.text = text.first()
        return data

    def save(self, commit=True):
        recording = super().save(commit=False)
        if getattr(self, "checked", None):
            upload = self.cleaned_data["upload"]
            upload.seek(0)
            recording.audio = upload.read()
            recording.content_type = self.checked.content_type
            recording.duration = self.checked.duration
            # Recorded from the text as it stands now: a later change makes it out of date.
            recording.text_hash = text_hash(self.text.text)
        if commit:
            recording.save()
        return recording


@admin.register(Recording)
class RecordingAdmin(admin.ModelAdmin):
    form = RecordingForm
    list_display = [
        "key",
        "language",
        "recorded_by",
        "reviewed_by",
        "recorded_on",
        "duration",
        "out_of_date",
    ]
    list_filter = ["language"]
    search_fields = ["key"]
    fields = ["key", "language", "upload", "recorded_by", "reviewed_by", "recorded_on"]
    change_list_template = "admin/client_texts/recording/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).defer("audio").with_current_text()

    @admin.display(description=_("out of date"), boolean=True)
    def out_of_date(self, obj: Recording) -> bool:
        return obj.is_out_of_date

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "missing": missing_recordings()}
        return super().changelist_view(request, extra_context)


class SectorQuestionSetForm(forms.ModelForm):
    """The signs as checkboxes, one per self-answer question by its English text: a sign seen
    rather than told has no question, so it cannot be chosen, nor can a slug that is unknown."""

    signs = forms.MultipleChoiceField(
        label=_("Questions asked"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Asked in the screening's order. Signs seen rather than told are not here."),
    )

    class Meta:
        model = SectorQuestionSet
        fields = ["name", "slug", "active", "order", "signs"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        questions = self_questions_in_english()
        in_order = [slug for slug in Indicator.objects.values_list("slug", flat=True)]
        in_order += sorted(set(questions) - set(in_order))
        self.fields["signs"].choices = [
            (slug, questions[slug]) for slug in in_order if slug in questions
        ]


@admin.register(SectorQuestionSet)
class SectorQuestionSetAdmin(TranslationAdmin):
    form = SectorQuestionSetForm
    list_display = ["name", "slug", "active", "order", "questions"]
    list_editable = ["active", "order"]
    prepopulated_fields = {"slug": ["name_en"]}

    @admin.display(description=_("questions"))
    def questions(self, obj: SectorQuestionSet) -> int:
        return len(obj.signs)
