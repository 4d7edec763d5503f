"""URLs that end in each of Django's error views (tests/test_danish_sweep.py)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import include, path


def _bad_request(request):
    raise SuspiciousOperation("test")


def _denied(request):
    raise PermissionDenied


def _boom(request):
    raise RuntimeError("test")


def _form(request):  # any POST without a CSRF token fails before it gets here
    raise AssertionError


urlpatterns = [
    path("bad-request/", _bad_request),
    path("denied/", _denied),
    path("boom/", _boom),
    path("csrf/", _form),
    path("", include("kui.urls")),
]
