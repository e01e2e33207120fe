"""Recordings: checked by content on upload, out of date when the text changes, served only to
signed-in staff, never cached; the admin says what is left to record per language."""

from __future__ import annotations

import io
import math
import struct
import wave

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from client_texts.audio import check_audio
from client_texts.models import ClientText, Recording, current_recordings, missing_recordings
from tests.factories import admin_url, make_user, sign_in


def tone_wav(seconds: float = 0.5, rate: int = 8000) -> bytes:
    """A 440 Hz test tone, mono 16-bit."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = b"".join(
            struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * n / rate)))
            for n in range(int(seconds * rate))
        )
        out.writeframes(frames)
    return buffer.getvalue()


def _upload(admin_client, data: bytes, name: str, key="self.question.large-debt", language="tl"):
    return admin_client.post(
        admin_url(Recording, "add"),
        {
            "key": key,
            "language": language,
            "upload": SimpleUploadedFile(name, data, content_type="audio/wav"),
            "recorded_by": "Maria Santos",
            "reviewed_by": "Ana Cruz",
            "recorded_on": "2026-12-01",
        },
    )


def test_it_reads_a_wav_tones_length():
    checked = check_audio(tone_wav(0.5))
    assert checked.content_type == "audio/wav"
    assert checked.duration == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize(
    "data, code",
    [
        (b"Not a recording at all, only text.\n" * 10, "not_audio"),
        (b"OggS" + b"\x00" * 200, "not_audio"),
        (b"RIFF\x00\x00\x00\x00WAVEjunk", "not_audio"),
        (b"ID3" + b"\x00" * 2 * 1024 * 1024, "too_big"),
    ],
    ids=["text", "ogg without a stream", "broken wav", "too big"],
)
def test_it_refuses_what_is_not_a_playable_recording(data, code):
    with pytest.raises(ValidationError) as error:
        check_audio(data)
    assert error.value.code == code


def test_it_refuses_a_recording_over_a_minute():
    with pytest.raises(ValidationError) as error:
        check_audio(tone_wav(61, rate=1000))
    assert error.value.code == "too_long"


def test_it_uploads_a_recording_in_the_admin_with_who_and_when(admin_client, client_texts):
    response = _upload(admin_client, tone_wav(), "tono.wav")
    assert response.status_code == 302
    recording = Recording.objects.get()
    assert (recording.content_type, recording.recorded_by) == ("audio/wav", "Maria Santos")
    assert recording.duration == pytest.approx(0.5, abs=0.01)
    assert not recording.is_out_of_date
    assert current_recordings("tl") == {"self.question.large-debt": recording.pk}


def test_it_refuses_a_renamed_text_file_with_a_clear_message(admin_client, client_texts):
    response = _upload(admin_client, b"just some words\n" * 20, "question.mp3")
    assert response.status_code == 200
    body = response.content.decode()
    assert "not a recording this app can play" in body
    assert "The file&#x27;s name does not count" in body
    assert not Recording.objects.exists()


def test_it_refuses_a_key_with_no_text_in_that_language(admin_client, client_texts):
    response = _upload(admin_client, tone_wav(), "tone.wav", key="self.question.nothing")
    assert "There is no text with this key" in response.content.decode()


def test_it_marks_a_recording_out_of_date_when_its_text_changes(admin_client, client_texts):
    _upload(admin_client, tone_wav(), "tone.wav")
    text = ClientText.objects.get(key="self.question.large-debt", language="tl")
    text.text += " Ngayon?"
    text.save()
    assert Recording.objects.get().is_out_of_date
    assert current_recordings("tl") == {}


def test_it_lists_what_is_left_to_record_per_language(admin_client, client_texts):
    _upload(admin_client, tone_wav(), "tone.wav")
    missing = dict((language.code, keys) for language, keys in missing_recordings())
    assert "self.question.large-debt" not in missing["tl"]
    assert "self.question.large-debt" in missing["ur"]
    assert len(missing["ur"]) == 17  # the opening, fifteen questions, the closing
    page = admin_client.get(reverse("admin:client_texts_recording_changelist")).content.decode()
    assert "Still to record, per language" in page
    assert "16 missing" in page and "17 missing" in page


def test_it_serves_a_recording_to_signed_in_staff_only_and_never_cached(
    admin_client, client, client_texts, alice, val
):
    _upload(admin_client, tone_wav(), "tone.wav")
    url = reverse("screening:recording", args=[Recording.objects.get().pk])
    client.logout()  # admin_client is this client, signed in as the admin
    assert client.get(url).status_code == 302  # to sign-in
    sign_in(client, val)
    assert client.get(url).status_code == 403
    sign_in(client, alice)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert "no-store" in response["Cache-Control"]
    assert response.content == tone_wav()


def test_it_keeps_the_recordings_admin_for_staff(client, client_texts):
    sign_in(client, make_user("val2", "Volunteer"))
    assert client.get(reverse("admin:client_texts_recording_changelist")).status_code == 302
