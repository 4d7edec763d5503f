from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SingleSignOnConfig(AppConfig):
    name = "kui.accounts.sso"
    label = "kui_sso"
    verbose_name = _("Single sign-on")
