from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kui.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self):
        from kui.accounts.searches import register_searches

        register_searches()

        from kui.accounts import receivers  # noqa: F401
