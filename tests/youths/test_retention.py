"""Retention with fixed dates: closed case files are anonymised after their
period, youths of 25-29 with a closed case are trimmed to what may be kept,
the statistics stay, and a dry run only lists."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from kui.audit.models import AuditEvent
from pathways import services as pathway_services
from pathways.models import Step
from youths import services
from youths.models import Contact, LogbookNote, NetworkPerson, Youth, YouthStatus
from youths.retention import retention_run

CLOSED_ON = datetime.date(2020, 3, 2)


def _case_file(alice, *, born: datetime.date, status: str = YouthStatus.COMPLETED) -> Youth:
    with time_machine.travel(datetime.datetime(2020, 3, 2, 10, tzinfo=datetime.UTC), tick=False):
        youth = services.youth_create(
            by=alice,
            first_name="Oliver",
            last_name="Jørgensen",
            birth_date=born,
            target_group="other",
            cpr=f"{born:%d%m%y}4321" if born.year < 2000 else "",
            phone="22334455",
            education_background="9. klasse, HF påbegyndt",
        )
        services.contact_person_assign(youth=youth, by=alice, contact_person=alice, started_on=CLOSED_ON)
        services.youth_change_status(
            youth=youth, by=alice, to_status="active", changed_on=CLOSED_ON, reason="Visiteret"
        )
        services.note_write(youth=youth, by=alice, theme="health", text="Sover dårligt", written_on=CLOSED_ON)
        services.network_person_add(youth=youth, by=alice, name="Mor Hanne", relation="mor", ring=1, supportive=True)
        services.contact_log(
            youth=youth,
            by=alice,
            happened_at=datetime.datetime(2020, 3, 2, 9, tzinfo=datetime.UTC),
            medium="phone",
            duration_minutes=10,
            reached=True,
            note="Talte om lageret",
        )
        pathway = pathway_services.pathway_start(youth=youth, by=alice, goal="EGU i lager", started_on=CLOSED_ON)
        pathway_services.step_add(
            pathway=pathway,
            by=alice,
            step_type="education",
            title="EGU hos TEC",
            starts_on=CLOSED_ON,
            ends_on=datetime.date(2020, 6, 30),
            mentor="Jens",
        )
        youth.refresh_from_db()
        if status != "active":
            services.youth_change_status(youth=youth, by=alice, to_status=status, changed_on=CLOSED_ON, reason="Slut")
    return Youth.objects.get(pk=youth.pk)


@pytest.fixture
def closed(alice):
    return _case_file(alice, born=datetime.date(2003, 5, 17))


def test_a_closed_case_is_kept_through_its_period(closed):
    found = retention_run(today=CLOSED_ON + datetime.timedelta(days=5 * 365 - 1))
    assert found.anonymise == [] and Youth.objects.get(pk=closed.pk).last_name == "Jørgensen"


def test_after_its_period_the_case_is_anonymised_and_the_statistics_stay(closed):
    found = retention_run(today=CLOSED_ON + datetime.timedelta(days=5 * 365))
    assert [youth.pk for youth, _ in found.anonymise] == [closed.pk]
    youth = Youth.objects.get(pk=closed.pk)
    assert (youth.first_name, youth.last_name, youth.phone, youth.cpr_hash) == ("Anonymiseret", "", "", None)
    assert youth.birth_date == datetime.date(2003, 7, 1)  # the age band survives, the birthday does not
    assert (
        not LogbookNote.objects.filter(youth=youth).exists() and not NetworkPerson.objects.filter(youth=youth).exists()
    )
    assert Contact.objects.get(youth=youth).note == ""
    step = Step.objects.get(pathway__youth=youth)
    assert (step.step_type, step.title, step.mentor) == ("education", "", "")
    # What the steering figures count is still there.
    assert (youth.status, youth.status_changes.count(), youth.contacts.count()) == ("completed", 3, 1)
    assert AuditEvent.objects.filter(purpose="retention: anonymised", subjects__icontains=str(youth.public_id)).exists()


def test_a_youth_of_25_with_a_closed_case_is_trimmed_to_what_may_be_kept(alice):
    youth = _case_file(alice, born=datetime.date(1996, 1, 10), status=YouthStatus.WITHDRAWN)
    found = retention_run(today=datetime.date(2021, 6, 1))  # 25 years old, closed one year ago
    assert [y.pk for y, _ in found.trim] == [youth.pk] and found.anonymise == []
    youth.refresh_from_db()
    assert (youth.last_name, youth.education_background, youth.phone) == ("Jørgensen", "9. klasse, HF påbegyndt", "")
    assert youth.pathways.get().goal == "EGU i lager" and Step.objects.get(pathway__youth=youth).title == "EGU hos TEC"
    assert not youth.notes.exists() and youth.contacts.get().note == ""
    assert youth.trimmed_on == datetime.date(2021, 6, 1)
    assert retention_run(today=datetime.date(2021, 6, 2)).trim == []  # done once


def test_at_30_everything_personal_goes(alice):
    youth = _case_file(alice, born=datetime.date(1990, 1, 10), status=YouthStatus.WITHDRAWN)
    found = retention_run(today=datetime.date(2021, 1, 10))
    assert [(y.pk, reason) for y, reason in found.anonymise] == [(youth.pk, "30 years old")]


def test_active_youths_are_left_alone(alice):
    youth = _case_file(alice, born=datetime.date(1996, 1, 10), status="active")
    found = retention_run(today=datetime.date(2022, 6, 1))
    assert found.anonymise == [] and found.trim == [] and Youth.objects.get(pk=youth.pk).phone == "22334455"


def test_a_dry_run_lists_and_changes_nothing(closed):
    out = io.StringIO()
    with time_machine.travel(datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.UTC), tick=False):
        call_command("retention", "--dry-run", stdout=out)
    assert f"anonymise\t{closed.public_id}\tcompleted" in out.getvalue()
    assert "Jørgensen" not in out.getvalue()
    assert Youth.objects.get(pk=closed.pk).last_name == "Jørgensen"


def test_the_period_is_configurable(closed, settings):
    settings.KUI_RETENTION_DAYS = {"completed": 30}
    assert len(retention_run(today=CLOSED_ON + datetime.timedelta(days=30)).anonymise) == 1
