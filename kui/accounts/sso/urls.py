from django.urls import path

from kui.accounts.sso import views

urlpatterns = [
    path("sso/<str:provider_id>/login/", views.login, name="kui_oidc_login"),
    path("sso/<str:provider_id>/login/callback/", views.callback, name="kui_oidc_callback"),
]
