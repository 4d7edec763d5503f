"""The demo youth `ung` (Oliver) has a portfolio worth showing."""

import pytest
from django.core.management import call_command

from portfolio.models import Certificate, Competence, Reflection
from youths.models import Youth


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True  # seed_demo refuses to run in production mode
    call_command("seed_demo", youths=60, seed=11)
    return Youth.objects.get(user__username="ung")


def test_oliver_has_several_certificates_including_pallet_handling(seeded):
    certificates = Certificate.objects.filter(youth=seeded)
    pallets = certificates.get(competences__name="Pallehåndtering og ordreplukning")
    assert certificates.count() >= 3
    assert pallets.step.title.startswith("Praktik på lager") and pallets.step.status == "completed"
    assert pallets.issuer == pallets.step.partner


def test_reflections_catalogue_and_codes_are_ready(seeded):
    codes = list(Certificate.objects.values_list("verification_code", flat=True))
    assert Reflection.objects.filter(youth=seeded).count() >= 2 and Competence.objects.active().count() >= 8
    assert len(codes) == len(set(codes)) and all(len(code) == 10 for code in codes)


def test_olivers_portfolio_renders(client, seeded):
    client.force_login(seeded.user)
    assert client.get("/mig/portfolio/pdf/hent/").content.startswith(b"%PDF")


def test_oliver_has_prior_learning_and_a_goal_reached(seeded):
    from portfolio.models import PriorLearning

    assert PriorLearning.objects.filter(youth=seeded, evidence__gt="").count() == 2
    assert Reflection.objects.filter(youth=seeded, kind="goal", reached_on__isnull=False).count() == 1


def test_oliver_has_chosen_sms_reminders_and_a_calendar(client, seeded):
    from portfolio.models import ReminderSettings

    choice = ReminderSettings.objects.get(youth=seeded)
    assert choice.by_sms and choice.sms_number.startswith("+45") and len(choice.calendar_token) >= 40
    assert client.get(f"/kalender/{choice.calendar_token}.ics").content.startswith(b"BEGIN:VCALENDAR")
