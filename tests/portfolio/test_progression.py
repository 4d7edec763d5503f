"""Progression for the youth: steps taken, certificates, goals reached and
prior learning (realkompetence), recorded by staff with evidence and shown to
the youth on /mig/ and in the portfolio PDF."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kui.audit.models import AuditAction, AuditEvent
from pathways.models import Pathway, PathwayOutcome
from portfolio import pdfs, services
from portfolio.models import PriorLearning, Reflection
from portfolio.selectors import portfolio_for
from tests.clock import TODAY
from tests.portfolio.factories import certificate_for, competence, completed_step
from tests.portfolio.test_pdf import pdf_text

VALID = {
    "title": "Kundeservice og kasseekspedition",
    "source": "work",
    "evidence": "Udtalelse fra tidligere arbejdsgiver, 8 måneder i Netto.",
    "assessed_on": (TODAY - datetime.timedelta(days=3)).isoformat(),
}


def record_url(youth):
    return reverse("portfolio:prior_learning_record", args=[youth.public_id])


def record(youth, by, **fields):
    data = {
        "title": VALID["title"],
        "source": "work",
        "evidence": VALID["evidence"],
        "assessed_on": TODAY - datetime.timedelta(days=3),
        **fields,
    }
    return services.prior_learning_record(youth=youth, by=by, **data)


def test_staff_record_prior_learning_with_evidence(client, alice, oliver):
    team = competence("Samarbejde i team")
    client.force_login(alice)
    response = client.post(record_url(oliver), {**VALID, "competences": [team.pk]})
    assert response.status_code == 302
    prior = PriorLearning.objects.get(youth=oliver)
    assert prior.title == VALID["title"] and list(prior.competences.all()) == [team] and prior.recorded_by == alice
    event = AuditEvent.objects.get(action=AuditAction.CREATE, content_type__model="priorlearning")
    assert event.subject_id == oliver.public_id and "evidence" in event.fields
    assert VALID["evidence"] not in str(event.__dict__)


@pytest.mark.parametrize(
    "change,field,message",
    [
        ({"evidence": "  "}, "evidence", "Dette felt er påkrævet."),
        (
            {"assessed_on": (TODAY + datetime.timedelta(days=1)).isoformat()},
            "assessed_on",
            "Datoen kan ikke ligge i fremtiden.",
        ),
        ({"assessed_on": "1990-01-01"}, "assessed_on", "Datoen kan ikke ligge før den unge blev født."),
        ({"source": "telepathy"}, "source", "Marker en gyldig valgmulighed."),
    ],
)
def test_bad_input_gets_a_danish_error_and_saves_nothing(client, alice, oliver, change, field, message):
    client.force_login(alice)
    response = client.post(record_url(oliver), {**VALID, **change})
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(text.startswith(message) for text in errors), errors
    assert not PriorLearning.objects.exists()


def test_the_service_refuses_empty_evidence_in_danish(alice, oliver):
    with pytest.raises(ValidationError) as error:
        record(oliver, alice, evidence=" ")
    assert error.value.message_dict["evidence"] == [
        "Skriv, hvordan kompetencen er dokumenteret: en udtalelse, en afprøvning, et dokument."
    ]
    assert not PriorLearning.objects.exists()


def test_a_retired_competence_is_refused(alice, oliver):
    retired = competence("Gammel kompetence", is_active=False)
    with pytest.raises(ValidationError) as error:
        record(oliver, alice, competences=[retired])
    assert "competences" in error.value.message_dict and not PriorLearning.objects.exists()


def test_outsiders_get_404(client, charlie, oliver):
    client.force_login(charlie)
    assert client.get(record_url(oliver)).status_code == 404
    assert client.post(record_url(oliver), VALID).status_code == 404
    assert not PriorLearning.objects.exists()


def test_staff_remove_a_record_made_by_mistake(client, alice, oliver, charlie):
    prior = record(oliver, alice)
    url = reverse("portfolio:prior_learning_delete", args=[oliver.public_id, prior.public_id])
    client.force_login(charlie)
    assert client.post(url).status_code == 404
    client.force_login(alice)
    assert client.post(url).status_code == 302
    assert not PriorLearning.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, content_type__model="priorlearning").exists()


def test_the_youth_marks_a_goal_reached(client, oliver):
    goal = services.reflection_write(youth=oliver, by=oliver.user, kind="goal", text="Møde til tiden en hel måned")
    client.force_login(oliver.user)
    client.post(reverse("portfolio:my_goal_reached", args=[goal.public_id]), {"reached": "on"})
    goal.refresh_from_db()
    assert goal.reached_on == TODAY
    client.post(reverse("portfolio:my_goal_reached", args=[goal.public_id]), {})
    goal.refresh_from_db()
    assert goal.reached_on is None


def test_only_a_goal_and_only_by_the_youth(alice, oliver):
    idea = services.reflection_write(youth=oliver, by=oliver.user, kind="idea", text="Truckcertifikat?")
    with pytest.raises(ValidationError):
        services.goal_mark_reached(reflection=idea, by=oliver.user, reached_on=TODAY)
    goal = services.reflection_write(youth=oliver, by=oliver.user, kind="goal", text="EGU")
    with pytest.raises(PermissionDenied):
        services.goal_mark_reached(reflection=goal, by=alice, reached_on=TODAY)
    with pytest.raises(ValidationError):
        services.goal_mark_reached(reflection=goal, by=oliver.user, reached_on=TODAY + datetime.timedelta(days=1))
    assert not Reflection.objects.filter(reached_on__isnull=False).exists()


def test_another_youths_goal_is_404(client, oliver, other_youth):
    goal = other_youth.reflections.get()
    client.force_login(oliver.user)
    assert (
        client.post(reverse("portfolio:my_goal_reached", args=[goal.public_id]), {"reached": "on"}).status_code == 404
    )


@pytest.fixture
def progressed(alice, oliver):
    step = completed_step(oliver)
    completed_step(oliver, title="Brobygning på TEC")
    certificate_for(oliver, alice, step=step)
    goal = services.reflection_write(youth=oliver, by=oliver.user, kind="goal", text="Møde til tiden en hel måned")
    services.goal_mark_reached(reflection=goal, by=oliver.user, reached_on=TODAY - datetime.timedelta(days=2))
    services.reflection_write(youth=oliver, by=oliver.user, kind="goal", text="Få en EGU")  # not reached
    Pathway.objects.create(
        youth=oliver,
        goal="Job",
        started_on=datetime.date(2024, 1, 1),
        ended_on=datetime.date(2024, 6, 1),
        outcome=PathwayOutcome.JOB,
    )
    record(oliver, alice, competences=[competence("Samarbejde i team")])
    return oliver


def test_the_progression_counts_steps_certificates_goals_and_prior_learning(progressed):
    assert portfolio_for(progressed).progression == {"steps": 2, "certificates": 1, "goals": 2, "prior_learning": 1}


def test_the_youth_sees_the_progression_and_prior_learning_on_mig(client, progressed, django_assert_max_num_queries):
    client.force_login(progressed.user)
    html = client.get("/mig/").content.decode()
    assert 'data-progression="goals">2<' in html and 'data-progression="prior_learning">1<' in html
    with django_assert_max_num_queries(30):
        html = client.get("/mig/portfolio/").content.decode()
    assert VALID["title"] in html and VALID["evidence"] in html and "Møde til tiden en hel måned" in html


def test_the_portfolio_pdf_has_the_prior_learning_and_goals_reached(progressed):
    text = pdf_text(pdfs.portfolio_pdf(portfolio_for(progressed)))
    assert "Min progression" in text and "Realkompetence" in text
    assert "Kundeservice og kasseekspedition" in text and "Udtalelse fra tidligere arbejdsgiver" in text
    assert "Møde til tiden en hel måned" in text and "Få en EGU" in text  # the reflections list keeps all goals
    assert "Job (01.06.2024)" in text


def test_new_prior_learning_changes_the_pdf_fingerprint(alice, progressed):
    before = pdfs.fingerprint(portfolio_for(progressed), "da")
    record(progressed, alice, title="Truckkørsel")
    assert pdfs.fingerprint(portfolio_for(progressed), "da") != before


def test_the_staff_page_shows_the_progression(client, alice, progressed):
    client.force_login(alice)
    html = client.get(reverse("portfolio:staff_portfolio", args=[progressed.public_id])).content.decode()
    assert 'data-progression="steps">2<' in html and VALID["title"] in html


def test_the_staff_portfolio_does_not_grow_with_prior_learning(client, alice, oliver, django_assert_max_num_queries):
    for number in range(20):
        record(oliver, alice, title=f"Kompetence {number}", competences=[competence("Samarbejde i team")])
    client.force_login(alice)
    with django_assert_max_num_queries(40):
        html = client.get(reverse("portfolio:staff_portfolio", args=[oliver.public_id])).content.decode()
    assert html.count("data-prior-learning=") == 20
    with django_assert_max_num_queries(30):
        assert client.get(record_url(oliver)).status_code == 200
