from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DefinitionsConfig(AppConfig):
    name = "definitions"
    verbose_name = _("Reference content")

    def ready(self) -> None:
        from definitions import models
        from lib import page_cache

        page_cache.watch(
            models.Definition,
            models.PalermoElement,
            models.ForcedLabourIndicator,
            models.IndicatorGroup,
            models.Indicator,
            models.Note,
        )
