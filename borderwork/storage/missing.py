"""The page for a file its record names but storage no longer holds (never a 500)."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def missing_file_response(request: HttpRequest, name: str) -> HttpResponse:
    return TemplateResponse(
        request, "storage/missing_file.html", {"file_name": name.rsplit("/")[-1]}, status=404
    )
