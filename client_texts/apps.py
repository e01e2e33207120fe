from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientTextsConfig(AppConfig):
    name = "client_texts"
    verbose_name = _("Texts for the person screened")

    def ready(self) -> None:
        from client_texts.models import ClientText
        from client_texts.search import signs_asked_about
        from definitions.search import search_more_text
        from lib import page_cache

        # "paspor" finds the sign whose question for the person says "paspor".
        search_more_text(signs_asked_about)

        # The question sheets are public pages cached per content edition: an edited text starts
        # a new one.
        page_cache.watch(ClientText)
