from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientTextsConfig(AppConfig):
    name = "client_texts"
    verbose_name = _("Texts for the person screened")

    def ready(self) -> None:
        from client_texts.models import ClientText
        from lib import page_cache

        # The question sheets are public pages cached per content edition: an edited text starts
        # a new one.
        page_cache.watch(ClientText)
