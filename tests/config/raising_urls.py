"""The project's URLs, and one view with a bug in it, for the server error page."""

from django.urls import path

from config.urls import urlpatterns as project


def broken(request):
    raise ValueError("a bug")


urlpatterns = [path("broken/", broken), *project]
handler500 = "config.errors.server_error"
