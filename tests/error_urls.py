"""The project's URLs and one that fails, for the error page tests."""

from django.urls import path

from borderwork.urls import urlpatterns as project_urls


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [*project_urls, path("hong/", broken)]
