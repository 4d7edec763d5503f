"""The sign-in libraries in kui's Danish: the lockout models in the admin
(django-axes ships no Danish catalogue; kui's own translates its words)."""

from axes.models import AccessAttempt, AccessLog
from django.utils import translation


def test_the_lockout_models_have_danish_names():
    with translation.override("da"):
        assert str(AccessAttempt._meta.verbose_name_plural) == "loginforsøg"
        assert str(AccessLog._meta.verbose_name_plural) == "loginlogge"
        assert str(AccessAttempt._meta.get_field("ip_address").verbose_name) == "IP-adresse"


def test_signing_in_is_confirmed_in_plain_danish():
    with translation.override("da"):
        assert translation.gettext("Successfully signed in as %(name)s.") == "Du er logget ind som %(name)s."
