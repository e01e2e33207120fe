"""The step page's widgets, each rendered by one flat template."""

from __future__ import annotations

from django import forms


class AnswerRadios(forms.RadioSelect):
    """The four answers as large tap targets: each a label wrapping its radio, so the whole tile
    takes the tap (app.css lays them out 2 × 2 on a phone, in one row on a wider screen).

    One template for the whole group, not Django's three nested ones per radio.
    """

    template_name = "screening/widgets/answers.html"
