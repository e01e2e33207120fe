from django.apps import AppConfig


class DefinitionsConfig(AppConfig):
    name = "definitions"
    verbose_name = "Reference content"

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
