from django.apps import AppConfig


class KuiConfig(AppConfig):
    """The project package as an app: shared templates tags, formats and commands."""

    name = "kui"
    verbose_name = "KUI"
