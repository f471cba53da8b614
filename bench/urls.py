from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def minimal(request: HttpRequest) -> HttpResponse:
    """The floor: a view that does nothing, behind the same middleware as every page."""
    return HttpResponse("ok")


urlpatterns = [path("bench/minimal/", minimal), path("", include("project.urls"))]
