"""Plan reviews (Randers): a cadence per support level, a dated review with
the youth's own words and who took part, a flag when it is past due."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kui.audit.models import AuditEvent
from pathways import engine, reviews
from pathways.board_columns import CAUSE_TEXTS
from pathways.models import Flag, FlagKind, PlanReview
from tests import clock
from tests.pathways.factories import pathway_for, step_in
from tests.youths.factories import youth_in_caseload
from youths.models import SupportLevelThreshold

TODAY = clock.TODAY
DAY = datetime.timedelta(days=1)


@pytest.fixture
def youth(alice):
    return youth_in_caseload(alice)


@pytest.fixture
def pathway(youth):
    pathway = pathway_for(youth, started_on=TODAY - 40 * DAY)
    step_in(pathway, TODAY + 3 * DAY, TODAY + 30 * DAY)  # a next step: only the review is missing
    return pathway


def record(pathway, by, **fields):
    fields.setdefault("held_on", TODAY)
    fields.setdefault("youth_words", "Jeg vil gerne have flere timer i praktikken.")
    fields.setdefault("participants", "Den unge, tovholderen og mentoren")
    return reviews.plan_review_record(pathway=pathway, by=by, **fields)


def open_kinds(youth):
    return set(Flag.objects.open().filter(youth=youth).values_list("kind", flat=True))


def test_the_default_cadence_is_4_6_and_8_weeks_by_support_level(db):
    assert SupportLevelThreshold.review_weeks() == {"close": 4, "external": 6, "exit": 8}


def test_the_first_review_is_due_the_cadence_after_the_pathway_started(pathway):
    assert reviews.review_due_on(pathway) == TODAY - 40 * DAY + 28 * DAY


def test_a_review_past_due_raises_a_flag_worded_as_a_cause(pathway, youth):
    engine.scan(TODAY)
    assert open_kinds(youth) == {FlagKind.PLAN_REVIEW_OVERDUE}
    assert str(CAUSE_TEXTS[FlagKind.PLAN_REVIEW_OVERDUE]) == "Planen er ikke fulgt op med den unge til tiden"


def test_recording_the_review_resolves_the_flag_at_once(pathway, youth, alice):
    engine.scan(TODAY)
    review = record(pathway, alice)
    assert open_kinds(youth) == set()
    assert reviews.review_due_on(pathway) == TODAY + 28 * DAY
    assert review.youth_words.startswith("Jeg vil gerne")
    event = AuditEvent.objects.get(object_id=str(review.pk), action="create")
    assert "youth_words" in event.fields and "praktikken" not in str(event.fields)


def test_a_looser_support_level_waits_longer(pathway, youth):
    youth.support_level = "exit"  # 8 weeks: 40 days since the start is not yet late
    youth.save()
    engine.scan(TODAY)
    assert open_kinds(youth) == set()
    engine.scan(TODAY + 17 * DAY)  # 57 days: a day past the 56
    assert FlagKind.PLAN_REVIEW_OVERDUE in open_kinds(youth)


def test_the_cadence_set_by_an_administrator_moves_the_due_day(pathway, youth):
    SupportLevelThreshold.objects.create(support_level="close", max_days_without_contact=7, review_every_weeks=8)
    engine.scan(TODAY)
    assert open_kinds(youth) == set()
    assert reviews.review_due_on(pathway) == TODAY + 16 * DAY


def test_a_paused_youth_is_not_flagged(pathway, youth):
    youth.status = "paused"
    youth.save()
    engine.scan(TODAY)
    assert FlagKind.PLAN_REVIEW_OVERDUE not in open_kinds(youth)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"youth_words": "   "}, "youth_words"),
        ({"participants": ""}, "participants"),
        ({"held_on": TODAY + DAY}, "held_on"),
        ({"held_on": TODAY - 41 * DAY}, "held_on"),
    ],
)
def test_bad_input_gets_a_danish_error_and_saves_nothing(pathway, alice, fields, field):
    with pytest.raises(ValidationError) as error:
        record(pathway, alice, **fields)
    assert field in error.value.message_dict
    message = " ".join(error.value.message_dict[field])
    assert any(word in message for word in ("Skriv", "fremtiden", "før forløbet"))
    assert not PlanReview.objects.exists()


def test_a_closed_pathway_is_not_reviewed(pathway, alice):
    pathway.ended_on, pathway.outcome = TODAY, "other"
    pathway.save()
    with pytest.raises(ValidationError, match="afsluttet"):
        record(pathway, alice)


# --- The plan page -----------------------------------------------------------


def test_the_plan_page_shows_the_due_day_and_records_a_review(client, alice, youth, pathway):
    client.force_login(alice)
    page = client.get(f"/forloeb/unge/{youth.public_id}/").content.decode()
    assert "Opfølgning på planen med den unge" in page and "Overskredet" in page
    response = client.post(
        f"/forloeb/unge/{youth.public_id}/opfoelgning/",
        {
            "review-held_on": TODAY.isoformat(),
            "review-participants": "Den unge og tovholderen",
            "review-youth_words": "Det går godt, men jeg er træt om morgenen.",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/forloeb/unge/{youth.public_id}/").content.decode()
    assert "træt om morgenen" in page and "Den unge og tovholderen" in page
    assert "21.12.2026" in page  # the next review: four weeks on, in Danish date format


def test_the_page_shows_the_error_on_the_form_and_saves_nothing(client, alice, youth, pathway):
    client.force_login(alice)
    response = client.post(
        f"/forloeb/unge/{youth.public_id}/opfoelgning/",
        {
            "review-held_on": (TODAY - 60 * DAY).isoformat(),
            "review-participants": "Den unge",
            "review-youth_words": "Det går fint",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "En opfølgning kan ikke ligge før forløbet startede." in page and "Det går fint" in page
    assert not PlanReview.objects.exists()


def test_an_outsider_gets_404(client, charlie, youth, pathway):
    client.force_login(charlie)
    response = client.post(
        f"/forloeb/unge/{youth.public_id}/opfoelgning/",
        {"review-held_on": TODAY.isoformat(), "review-participants": "x", "review-youth_words": "y"},
    )
    assert response.status_code == 404 and not PlanReview.objects.exists()


def test_the_plan_page_reads_reviews_in_a_fixed_number_of_queries(
    client, alice, youth, pathway, django_assert_max_num_queries
):
    for days in range(20):
        PlanReview.objects.create(
            pathway=pathway, held_on=TODAY - days * DAY, youth_words="Ord", participants="Den unge", recorded_by=alice
        )
    client.force_login(alice)
    with django_assert_max_num_queries(45):
        response = client.get(f"/forloeb/unge/{youth.public_id}/")
    assert response.content.decode().count('class="border-start ps-2 mb-2 plan-review"') == 20
