from collections import Counter

import pytest
from django.core.management import call_command

from kui.accounts.models import User
from pathways.models import BallHandover, CaseConference, Flag, FlagKind, Step, StepStatus
from youths.board import board_queryset, board_rows
from youths.models import Youth


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True  # seed_demo refuses to run in production mode
    call_command("seed_demo", youths=80, seed=11)


def _caseload_rows():
    tovholder = User.objects.get(username="tovholder")
    return board_rows(board_queryset(Youth.objects.case_files_visible_to(tovholder).in_caseload_of(tovholder)))


def test_the_monday_board_has_three_red_and_one_amber(seeded):
    rows = _caseload_rows()
    assert len(rows) == 31
    assert Counter(row.state for row in rows) == {"": 27, "red": 3, "amber": 1}
    (amber,) = [row for row in rows if row.state == "amber"]
    assert Flag.objects.open().get(youth=amber.youth).kind == FlagKind.OVERDUE_STEP


def test_every_active_youth_of_the_caseload_has_a_next_step(seeded):
    rows = _caseload_rows()
    assert len(rows) == 31 and all(row.youth.next_step_on for row in rows)


def test_oliver_finished_his_warehouse_internship(seeded):
    oliver = Youth.objects.get(user__username="ung")
    step = Step.objects.get(pathway__youth=oliver, title__startswith="Praktik på lager")
    assert step.status == StepStatus.COMPLETED and "pallehåndtering" in step.outcome


def test_ball_handovers_and_a_conference_exist(seeded):
    assert BallHandover.objects.count() >= Youth.objects.exclude(status="waiting").count()
    assert CaseConference.objects.get().cases.count() == 10


def test_the_tovholders_board_page_names_the_causes_of_a_real_monday(seeded, client):
    from collections import Counter as Tally

    from youths.board import row_cause_text

    client.force_login(User.objects.get(username="tovholder"))
    rows = client.get("/unge/").context["rows"]
    assert len(rows) == 31
    causes = Tally(row_cause_text(row) for row in rows if row.state)
    assert causes == {"Ingen kontakt i 12 dage (grænse 7)": 3, "Et skridt er slut uden resultat": 1}


def test_one_youth_of_the_caseload_waits_for_a_psychologist(seeded):
    (waiting,) = Step.objects.filter(status=StepStatus.WAITING)
    tovholder = User.objects.get(username="tovholder")
    assert waiting.waiting_for == "psykolog" and waiting.check_in_on is not None
    assert waiting.pathway.youth in Youth.objects.in_caseload_of(tovholder)
    assert not Flag.objects.open().filter(youth=waiting.pathway.youth).exists()
