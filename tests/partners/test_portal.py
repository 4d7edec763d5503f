"""The partner's own pages: first name, the step and the contact person's
phone; attendance, outcome and a message; nothing else."""

import pytest
from django.utils import translation
from django.utils.html import escape

from kui.audit.models import AuditAction, AuditEvent
from partners.models import Attendance, PartnerMessage
from pathways.models import StepEvent, StepEventKind
from tests.partners.factories import DAY, TODAY, placed_youth
from youths import services as youth_services


def portal_url(youth=None, action=""):
    if youth is None:
        return "/partnere/min-side/"
    return f"/partnere/min-side/unge/{youth.public_id}/{action}"


@pytest.fixture
def oliver(alice, warehouse):
    alice.phone = "22334455"
    alice.save()
    return placed_youth(alice, warehouse)


def attendance_data(oliver, **changes):
    step = oliver.pathways.get().steps.get()
    return {"step": str(step.public_id), "day": TODAY.isoformat(), "present": "yes", "note": "", **changes}


def test_the_partner_lands_on_their_youths(client, mentor):
    client.force_login(mentor)
    assert client.get("/")["Location"] == portal_url()


def test_it_lists_only_the_partners_youths_by_first_name(client, alice, warehouse, bakery, mentor, oliver):
    placed_youth(alice, bakery, first_name="Sofie", last_name="Bagersen")
    client.force_login(mentor)
    html = client.get(portal_url()).content.decode()
    assert "Oliver" in html and "Jørgensen" not in html
    assert "Sofie" not in html


def test_the_youth_page_shows_the_step_and_the_contact_persons_phone(client, mentor, oliver):
    client.force_login(mentor)
    response = client.get(portal_url(oliver))
    html = response.content.decode()
    assert "Praktik på lager" in html and "22334455" in html
    assert "Jørgensen" not in html


def test_reading_the_youth_page_is_audited(client, mentor, oliver):
    client.force_login(mentor)
    client.get(portal_url(oliver))
    assert AuditEvent.objects.filter(actor=mentor, action=AuditAction.READ, subject_id=oliver.public_id).exists()


def test_it_records_attendance(client, mentor, oliver):
    client.force_login(mentor)
    response = client.post(portal_url(oliver, "fremmoede/"), attendance_data(oliver, present="no", note="Syg"))
    assert response.status_code == 302
    mark = Attendance.objects.get()
    assert (mark.youth, mark.organisation, mark.day, mark.present, mark.recorded_by) == (
        oliver,
        mentor.organisation,
        TODAY,
        False,
        mentor,
    )


def test_recording_the_same_day_again_corrects_it(client, mentor, oliver):
    client.force_login(mentor)
    client.post(portal_url(oliver, "fremmoede/"), attendance_data(oliver, present="no"))
    client.post(portal_url(oliver, "fremmoede/"), attendance_data(oliver, present="yes"))
    assert list(Attendance.objects.values_list("present", flat=True)) == [True]


@pytest.mark.parametrize(
    "changes",
    [
        {"day": (TODAY + DAY).isoformat()},
        {"day": (TODAY - 40 * DAY).isoformat()},
        {"present": "maybe"},
        {"step": "00000000-0000-0000-0000-000000000000"},
    ],
)
def test_it_refuses_bad_attendance(client, mentor, oliver, changes):
    client.force_login(mentor)
    response = client.post(portal_url(oliver, "fremmoede/"), attendance_data(oliver, **changes))
    assert response.status_code == 200 and response.context["attendance_form"].errors
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("step", ["00000000-0000-0000-0000-000000000000", "garbage"])
def test_a_step_that_is_not_the_youths_is_refused_out_loud(client, mentor, oliver, step):
    """With one step the choice is hidden; its error shows above the form, not nowhere."""
    client.force_login(mentor)
    response = client.post(portal_url(oliver, "fremmoede/"), attendance_data(oliver, step=step))
    assert "Det skridt er ikke et af den unges skridt hos jer." in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_future_date_error_is_in_danish(client, mentor, oliver):
    client.force_login(mentor)
    response = client.post(portal_url(oliver, "fremmoede/"), attendance_data(oliver, day=(TODAY + DAY).isoformat()))
    with translation.override("da"):
        expected = translation.gettext("The date cannot be in the future.")
    assert escape(expected) in response.content.decode()


def test_it_records_the_steps_outcome_on_the_plan(client, mentor, oliver):
    client.force_login(mentor)
    data = {"step": attendance_data(oliver)["step"], "outcome": "Mødte stabilt; klar til truckkort."}
    assert client.post(portal_url(oliver, "resultat/"), data).status_code == 302
    step = oliver.pathways.get().steps.get()
    assert step.outcome == "Mødte stabilt; klar til truckkort."
    assert StepEvent.objects.get(step=step, kind=StepEventKind.OUTCOME).by == mentor


def test_an_empty_outcome_is_refused(client, mentor, oliver):
    client.force_login(mentor)
    response = client.post(portal_url(oliver, "resultat/"), {"step": attendance_data(oliver)["step"], "outcome": " "})
    assert response.context["outcome_form"].errors
    assert oliver.pathways.get().steps.get().outcome == ""


def test_it_sends_a_message_to_the_contact_person(client, alice, mentor, oliver):
    client.force_login(mentor)
    assert client.post(portal_url(oliver, "besked/"), {"body": "Oliver var syg i dag."}).status_code == 302
    message = PartnerMessage.objects.get()
    assert (message.recipient, message.sender, message.organisation) == (alice, mentor, mentor.organisation)


def test_an_empty_message_is_refused(client, mentor, oliver):
    client.force_login(mentor)
    response = client.post(portal_url(oliver, "besked/"), {"body": ""})
    assert response.context["message_form"].errors
    assert not PartnerMessage.objects.exists()


def test_withdrawing_consent_removes_access_in_the_next_request(client, alice, mentor, oliver):
    client.force_login(mentor)
    assert client.get(portal_url(oliver)).status_code == 200
    youth_services.consent_withdraw(consent=oliver.consents.get(), by=alice, withdrawn_on=TODAY)
    assert client.get(portal_url(oliver)).status_code == 404
    assert client.post(portal_url(oliver, "fremmoede/"), attendance_data(oliver)).status_code == 404
    assert "Oliver" not in client.get(portal_url()).content.decode()


def test_another_partner_gets_404(client, baker, oliver):
    client.force_login(baker)
    for action in ("", "fremmoede/", "resultat/", "besked/"):
        assert client.post(portal_url(oliver, action)).status_code in {404, 405}
    assert client.get(portal_url(oliver)).status_code == 404
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("persona", ["alice", "lead", "steering", "administrator", "youth_user"])
def test_other_roles_get_404_on_the_partner_pages(client, request, oliver, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(portal_url()).status_code == 404
    assert client.get(portal_url(oliver)).status_code == 404


def test_the_list_has_a_flat_query_count(client, alice, warehouse, mentor, django_assert_max_num_queries):
    for number in range(20):
        placed_youth(alice, warehouse, first_name=f"Ung{number}")
    client.force_login(mentor)
    with django_assert_max_num_queries(9 + 3):  # + the audit read naming the youths shown
        response = client.get(portal_url())
    assert len(response.context["rows"]) == 20


def test_partner_staff_get_404_on_the_case_file_pages(client, mentor, oliver):
    client.force_login(mentor)
    for path in (
        f"/unge/{oliver.public_id}/",
        f"/forloeb/unge/{oliver.public_id}/",
        "/unge/",
        "/partnere/",
        "/partnere/aftaler/",
        "/partnere/praktikpladser/",
    ):
        assert client.get(path).status_code == 404, path


def test_an_attendance_older_than_the_step_is_refused(client, alice, warehouse, mentor):
    youth = placed_youth(alice, warehouse, first_name="Emil", starts_on=TODAY - 2 * DAY)
    client.force_login(mentor)
    day = (TODAY - 3 * DAY).isoformat()
    response = client.post(portal_url(youth, "fremmoede/"), attendance_data(youth, day=day))
    assert response.context["attendance_form"].errors
    assert not Attendance.objects.exists()
