"""The administrator's admin speaks Danish for the lockout models too
(django-axes ships no Danish catalogue; kui's own translates its words)."""

from axes.models import AccessAttempt, AccessLog
from django.utils import translation


def test_the_lockout_models_have_danish_names():
    with translation.override("da"):
        assert str(AccessAttempt._meta.verbose_name_plural) == "loginforsøg"
        assert str(AccessLog._meta.verbose_name_plural) == "loginlogge"
        assert str(AccessAttempt._meta.get_field("ip_address").verbose_name) == "IP-adresse"
