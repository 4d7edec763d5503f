"""Test data for the portfolio: a youth with a completed step, certificates,
and a youth login linked to the case file."""

import datetime

from django.utils import timezone

from kui.accounts.models import Role
from pathways.models import StepStatus
from portfolio import services
from portfolio.models import Competence
from tests.factories import UserFactory
from tests.pathways.factories import pathway_for, step_in
from tests.youths.factories import youth_in_caseload

STARTED = datetime.date(2026, 1, 5)


def competence(name="Pallehåndtering og ordreplukning", **fields) -> Competence:
    fields.setdefault("description", "Plukker ordrer og stabler paller sikkert.")
    return Competence.objects.get_or_create(name=name, defaults=fields)[0]


def completed_step(youth, title="Praktik på lager – pluk og pak", **fields):
    pathway = youth.pathways.filter(ended_on__isnull=True).first() or pathway_for(youth, started_on=STARTED)
    return step_in(
        pathway,
        STARTED,
        STARTED + datetime.timedelta(days=30),
        status=StepStatus.COMPLETED,
        title=title,
        outcome="Mødte stabilt og lærte pluk.",
        **fields,
    )


def certificate_for(
    youth, by, names=("Pallehåndtering og ordreplukning",), step=None, evidence="Plukkede ordrer i seks uger."
):
    step = step or completed_step(youth)
    return services.certificate_issue(
        youth=youth,
        by=by,
        step=step,
        competences=[competence(name) for name in names],
        issuer=by.organisation,
        issued_on=timezone.localdate(),
        evidence=evidence,
    )


def youth_with_login(contact_person, username="oliver", **fields):
    """A youth in the contact person's caseload whose own login is linked."""
    fields.setdefault("first_name", "Oliver")
    fields.setdefault("last_name", "Jørgensen")
    youth = youth_in_caseload(contact_person, **fields)
    youth.user = UserFactory(username=username, first_name=youth.first_name, role=Role.YOUTH, organisation=None)
    youth.save(update_fields=["user"])
    return youth
