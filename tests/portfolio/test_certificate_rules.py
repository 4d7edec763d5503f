"""What a certificate may say and who issues it (issue 15, rule 7)."""

import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kui.accounts.models import Organisation, OrganisationKind
from portfolio import services
from portfolio.models import Certificate
from tests.portfolio.factories import competence, completed_step


def _issue(youth, by, step, issuer, *names):
    return services.certificate_issue(
        youth=youth,
        by=by,
        step=step,
        competences=[competence(name) for name in names or ("Mødestabilitet",)],
        issuer=issuer,
        issued_on=timezone.localdate(),
        evidence="Mødte hver dag til tiden.",
    )


@pytest.fixture
def warehouse(db):
    return Organisation.objects.create(name="Lagerhuset Nord A/S", kind=OrganisationKind.COMPANY)


@pytest.fixture
def substance_centre(db):
    return Organisation.objects.create(name="Rusmiddelcentret", kind=OrganisationKind.SUBSTANCE_USE)


def test_the_steps_partner_issues_it(oliver, alice, warehouse):
    step = completed_step(oliver, partner=warehouse)
    assert _issue(oliver, alice, step, warehouse).issuer == warehouse


def test_the_own_unit_issues_it(oliver, alice, warehouse):
    step = completed_step(oliver, partner=warehouse)
    assert _issue(oliver, alice, step, alice.organisation).issuer == alice.organisation


def test_any_other_organisation_is_refused_as_issuer(oliver, alice, warehouse):
    garage = Organisation.objects.create(name="Autoværkstedet Syd", kind=OrganisationKind.COMPANY)
    with pytest.raises(ValidationError) as error:
        _issue(oliver, alice, completed_step(oliver, partner=warehouse), garage)
    assert "issuer" in error.value.message_dict and not Certificate.objects.exists()


def test_a_treatment_step_is_not_certifiable(oliver, alice, substance_centre):
    step = completed_step(oliver, step_type="treatment", title="Samtaler på rusmiddelcentret", partner=substance_centre)
    with pytest.raises(ValidationError) as error:
        _issue(oliver, alice, step, alice.organisation)
    assert "step" in error.value.message_dict and not Certificate.objects.exists()


def test_a_health_or_social_service_never_issues_it(oliver, alice, substance_centre):
    step = completed_step(oliver, step_type="workshop", title="Værksted i køkkenet", partner=substance_centre)
    with pytest.raises(ValidationError):
        _issue(oliver, alice, step, substance_centre)
    assert _issue(oliver, alice, step, alice.organisation).issuer == alice.organisation


def _pdf_text(client, certificate) -> str:
    response = client.get(f"/unge/{certificate.youth.public_id}/portfolio/bevis/{certificate.public_id}/pdf/")
    return subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()


def test_the_pdf_leaves_out_a_step_that_reveals_health_or_social_facts(client, oliver, alice, substance_centre):
    step = completed_step(
        oliver, step_type="workshop", title="Køkkenværksted på rusmiddelcentret", partner=substance_centre
    )
    certificate = _issue(oliver, alice, step, alice.organisation, "Hygiejne i køkkenet")
    client.force_login(alice)
    text = _pdf_text(client, certificate)
    assert "Hygiejne i køkkenet" in text
    assert "rusmiddelcentret" not in text.lower()


def test_the_pdf_names_an_ordinary_step_and_its_partner(client, oliver, alice, warehouse):
    step = completed_step(oliver, title="Praktik på lager", partner=warehouse)
    certificate = _issue(oliver, alice, step, warehouse, "Pallehåndtering")
    client.force_login(alice)
    assert "Praktik på lager, Lagerhuset Nord A/S" in _pdf_text(client, certificate)


def test_the_portfolio_lists_no_treatment_step(client, oliver, alice, substance_centre):
    completed_step(oliver, step_type="treatment", title="Samtaler på rusmiddelcentret", partner=substance_centre)
    completed_step(oliver, title="Praktik i bageri")
    client.force_login(oliver.user)
    html = client.get("/mig/portfolio/").content.decode()
    assert "Praktik i bageri" in html and "rusmiddelcentret" not in html


def test_the_same_certificate_twice_is_refused(oliver, alice):
    step = completed_step(oliver)
    _issue(oliver, alice, step, alice.organisation, "Mødestabilitet")
    with pytest.raises(ValidationError) as error:
        _issue(oliver, alice, step, alice.organisation, "Mødestabilitet", "Samarbejde i team")
    assert "Mødestabilitet" in error.value.message_dict["competences"][0]
    assert Certificate.objects.count() == 1


def test_after_revoking_the_competence_can_be_certified_again(oliver, alice):
    step = completed_step(oliver)
    first = _issue(oliver, alice, step, alice.organisation)
    services.certificate_revoke(certificate=first, by=alice, reason="Forkert dato")
    _issue(oliver, alice, step, alice.organisation)
    assert Certificate.objects.valid().count() == 1


def test_the_form_offers_no_treatment_step_and_no_typed_issuer(client, oliver, alice, substance_centre):
    completed_step(oliver, step_type="treatment", title="Samtaler på rusmiddelcentret", partner=substance_centre)
    client.force_login(alice)
    form = client.get(f"/unge/{oliver.public_id}/portfolio/bevis/nyt/").context["form"]
    assert not form.fields["step"].queryset.exists()
    assert [value for value, _label in form.fields["issued_by"].choices] == ["partner", "unit"]


def test_completing_the_step_while_issuing_sets_its_real_end(oliver, alice):
    import datetime

    from pathways.models import StepStatus
    from tests.pathways.factories import step_in

    today = timezone.localdate()
    running = step_in(
        completed_step(oliver).pathway,
        today - datetime.timedelta(days=20),
        today + datetime.timedelta(days=20),
        status=StepStatus.ACTIVE,
        title="Brobygning",
    )
    services.certificate_issue(
        youth=oliver,
        by=alice,
        step=running,
        competences=[competence("Truck")],
        issuer=alice.organisation,
        issued_on=today,
        evidence="Kørte truck",
        complete_step_outcome="Bestod",
    )
    running.refresh_from_db()
    assert (running.status, running.ends_on) == (StepStatus.COMPLETED, today)
