"""Root URLs: wiring only."""

from django.contrib import admin
from django.urls import include, path

from kui import pwa, views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("healthz", views.healthz, name="healthz"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
    path("favicon.ico", pwa.favicon, name="favicon"),
    path("soeg/<slug:name>/", views.search_choices, name="search_choices"),
    path("konto/", include("kui.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("revision/", include("kui.audit.urls")),
    path("unge/", include("youths.urls")),
    path("forloeb/", include("pathways.urls")),
    path("partnere/", include("partners.urls")),
    path("statistik/", include("kui.dashboards.urls")),
    path("", include("portfolio.urls")),  # /mig/ (the youth), /bevis/ (public), /unge/<id>/portfolio/
    path("admin/", admin.site.urls),
]
