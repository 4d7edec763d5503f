"""Issuing and revoking competence certificates (staff)."""

import datetime

import pytest
from django.utils import timezone

from kui.audit.models import AuditAction, AuditEvent
from pathways.models import StepStatus
from portfolio import services
from portfolio.models import Certificate
from tests import clock
from tests.pathways.factories import step_in
from tests.portfolio.factories import STARTED, competence, completed_step


def issue_url(youth):
    return f"/unge/{youth.public_id}/portfolio/bevis/nyt/"


def form_data(step, *competences, **overrides):
    data = {
        "step": step.public_id,
        "competences": [c.pk for c in competences],
        "issued_by": "unit",
        "issued_on": timezone.localdate().isoformat(),
        "evidence": "Plukkede ordrer efter pluklister i seks uger.",
    }
    data.update(overrides)
    return data


def test_it_issues_a_certificate_for_a_completed_step(client, alice, oliver):
    step, pallets = completed_step(oliver), competence()
    client.force_login(alice)
    response = client.post(issue_url(oliver), form_data(step, pallets))
    assert response.status_code == 302
    certificate = Certificate.objects.get(youth=oliver)
    assert list(certificate.competences.all()) == [pallets] and certificate.step == step
    assert len(certificate.verification_code) == 10 and certificate.issued_by == alice


def test_it_records_the_issue_in_the_audit_trail(alice, oliver, certificate):
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(certificate.pk))
    assert event.subject_id == oliver.public_id and "evidence" in event.fields


def test_it_refuses_a_step_that_is_not_completed(client, alice, oliver):
    running = step_in(completed_step(oliver).pathway, STARTED, status=StepStatus.ACTIVE, title="Brobygning")
    client.force_login(alice)
    response = client.post(issue_url(oliver), form_data(running, competence()))
    assert response.status_code == 200 and response.context["form"].errors["step"]
    assert not Certificate.objects.exists()


def test_the_service_refuses_a_step_that_is_not_completed(alice, oliver):
    running = step_in(completed_step(oliver).pathway, STARTED, status=StepStatus.PLANNED)
    with pytest.raises(services.ValidationError):
        services.certificate_issue(
            youth=oliver,
            by=alice,
            step=running,
            competences=[competence()],
            issuer=alice.organisation,
            issued_on=timezone.localdate(),
            evidence="x",
        )
    assert not Certificate.objects.exists()


def test_it_completes_the_step_and_issues_in_one_action(client, alice, oliver):
    running = step_in(completed_step(oliver).pathway, STARTED, status=StepStatus.ACTIVE, title="Lager")
    client.force_login(alice)
    response = client.post(
        issue_url(oliver), form_data(running, competence(), complete_step="on", outcome="Har lært pallehåndtering.")
    )
    assert response.status_code == 302
    running.refresh_from_db()
    assert running.status == StepStatus.COMPLETED and running.outcome == "Har lært pallehåndtering."
    assert Certificate.objects.get().step == running


def test_completing_without_an_outcome_saves_nothing(client, alice, oliver):
    running = step_in(completed_step(oliver).pathway, STARTED, status=StepStatus.ACTIVE, title="Lager")
    client.force_login(alice)
    response = client.post(issue_url(oliver), form_data(running, competence(), complete_step="on"))
    assert response.context["form"].errors["outcome"]
    running.refresh_from_db()
    assert running.status == StepStatus.ACTIVE and not Certificate.objects.exists()


def test_a_failed_issue_rolls_the_step_completion_back(alice, oliver):
    running = step_in(completed_step(oliver).pathway, STARTED, status=StepStatus.ACTIVE, title="Lager")
    with pytest.raises(services.ValidationError):
        services.certificate_issue(
            youth=oliver,
            by=alice,
            step=running,
            competences=[],
            issuer=alice.organisation,
            issued_on=timezone.localdate(),
            evidence="x",
            complete_step_outcome="Godt",
        )
    running.refresh_from_db()
    assert running.status == StepStatus.ACTIVE


@pytest.mark.parametrize(
    "overrides",
    [
        {"evidence": ""},
        {"competences": []},
        {"issued_on": (clock.TODAY + datetime.timedelta(days=1)).isoformat()},  # built at import: the test clock
        {"issued_on": "2025-01-01"},
        {"evidence": "x" * 2001},
    ],
)
def test_bad_input_gives_a_form_error_and_saves_nothing(client, alice, oliver, overrides):
    client.force_login(alice)
    response = client.post(issue_url(oliver), form_data(completed_step(oliver), competence(), **overrides))
    assert response.status_code == 200 and response.context["form"].errors
    assert not Certificate.objects.exists()


def test_a_retired_competence_cannot_be_chosen(client, alice, oliver):
    retired = competence("Gammel kompetence", is_active=False)
    client.force_login(alice)
    response = client.post(issue_url(oliver), form_data(completed_step(oliver), retired))
    assert response.context["form"].errors["competences"]
    assert not Certificate.objects.exists()


def test_another_youths_step_is_not_offered(client, alice, oliver, other_youth):
    foreign = completed_step(other_youth, title="Bageri")
    client.force_login(alice)
    response = client.post(issue_url(oliver), form_data(foreign, competence()))
    assert response.context["form"].errors["step"]
    assert not Certificate.objects.filter(youth=oliver).exists()


def test_the_issue_page_proposes_the_steps_partner(client, alice, oliver, org_b):
    step = completed_step(oliver, partner=org_b)
    client.force_login(alice)
    response = client.get(issue_url(oliver), {"step": step.public_id})
    assert response.context["form"]["issued_by"].value() == "partner"
    assert response.context["form"]["step"].value() == step.public_id


@pytest.mark.parametrize("persona", ["charlie", "steering", "youth_user", "administrator"])
def test_others_get_404(client, request, oliver, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(issue_url(oliver)).status_code == 404
    assert client.post(issue_url(oliver), {}).status_code == 404


def revoke_url(certificate):
    return f"/unge/{certificate.youth.public_id}/portfolio/bevis/{certificate.public_id}/tilbagekald/"


def test_it_revokes_with_a_reason_and_keeps_the_history(client, alice, certificate):
    client.force_login(alice)
    response = client.post(revoke_url(certificate), {"reason": "Udstedt ved en fejl"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_by == alice
    assert certificate.revocation_reason == "Udstedt ved en fejl" and Certificate.objects.count() == 1


def test_revoking_needs_a_reason(client, alice, certificate):
    client.force_login(alice)
    response = client.post(revoke_url(certificate), {"reason": "  "})
    assert response.context["form"].errors
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_a_certificate_is_revoked_only_once(alice, bob, certificate):
    services.certificate_revoke(certificate=certificate, by=alice, reason="Fejl")
    with pytest.raises(services.ValidationError):
        services.certificate_revoke(certificate=certificate, by=bob, reason="Igen")
    certificate.refresh_from_db()
    assert certificate.revoked_by == alice


def test_an_outsider_cannot_revoke(client, charlie, certificate):
    client.force_login(charlie)
    assert client.post(revoke_url(certificate), {"reason": "Fejl"}).status_code == 404
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_another_youths_certificate_is_404_under_this_youth(client, alice, oliver, other_youth):
    foreign = other_youth.certificates.get()
    client.force_login(alice)
    url = f"/unge/{oliver.public_id}/portfolio/bevis/{foreign.public_id}/tilbagekald/"
    assert client.post(url, {"reason": "Fejl"}).status_code == 404


def test_the_date_field_is_prefilled_for_the_browsers_date_picker(client, alice, oliver):
    client.force_login(alice)
    html = client.get(issue_url(oliver)).content.decode()
    assert f'type="date" name="issued_on" value="{timezone.localdate().isoformat()}"' in html


def test_administrators_maintain_the_catalogue_in_the_admin(client, administrator):
    client.force_login(administrator)
    response = client.post(
        "/admin/portfolio/competence/add/",
        {
            "name": "Truckkørsel, introduktion",
            "description": "Kører truck under opsyn.",
            "category": "safety",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert competence("Truckkørsel, introduktion").category == "safety"


def test_deleting_a_youth_takes_the_portfolio_along(oliver, certificate):
    """Retention deletes whole case files; the certificate's protected step must not block it."""
    from portfolio import services as portfolio_services

    portfolio_services.reflection_write(youth=oliver, by=oliver.user, kind="goal", text="Mål")
    oliver.delete()
    assert not Certificate.objects.exists()
