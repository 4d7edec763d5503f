"""Demo pathways on top of the demo case files: plans of steps, group
courses, who has the ball, tasks and a case conference — then one scan, so the
board shows the flags of a real Monday.

Bulk inserts only (a chunk at a time), deterministic from `context.rng`.
The demo contact person keeps exactly three red rows (no contact for 12 days,
made by youths/demo.py) and gets one amber row: an internship that ended last
Friday without an outcome. Everyone else in her caseload has a next step.
"""

import datetime
import random

from kui.demo.core import DemoContext, refresh_planner_statistics
from pathways import engine
from pathways.models import (
    AftercareCheckIn,
    BallHandover,
    CaseConference,
    ConferenceCase,
    EducationKind,
    GroupCourse,
    Pathway,
    PathwayOutcome,
    PlanReview,
    Step,
    StepStatus,
    StepType,
    Task,
)
from youths.models import Youth, YouthStatus

CHUNK = 2000
GOALS = [
    "EGU i lager og logistik",
    "Grundforløb på TEC (mekaniker)",
    "Kok via Hotel- og Restaurantskolen",
    "FGU produktionsgrunduddannelse",
    "HF-enkeltfag på VUC",
    "Fast job i detailhandlen",
    "Grundforløb på NEXT (frisør)",
    "STU med praktik",
    "Ufaglært job med mentor",
]
PAST_STEPS = [
    (StepType.CONVERSATION, "Vejledningssamtale om uddannelsesvalg", None),
    (StepType.WORKSHOP, "Åbent værksted i træ på produktionsskolen", "fgu"),
    (StepType.INTERNSHIP, "Virksomhedspraktik i bageri", "bakery"),
    (StepType.TREATMENT, "Samtaler på rusmiddelcentret", "substance"),
    (StepType.LEISURE, "Træner-hjælper i fodboldklubben", "football"),
]
NEXT_STEPS = [
    (StepType.BRIDGING, "Brobygning i logistik", "tec"),
    (StepType.INTERNSHIP, "Praktik som mekanikerhjælper", "garage"),
    (StepType.EDUCATION, "FVU-dansk på VUC", "vuc"),
    (StepType.CONVERSATION, "Samtale med psykolog", None),
    (StepType.INTERNSHIP, "Praktik på lager – pluk og pak", "warehouse"),
    (StepType.BRIDGING, "Brobygning på Hotel- og Restaurantskolen", "hrs"),
]


# Why each step, in the youth's words (shown on /mig/); by title.
PURPOSES = {
    "Vejledningssamtale om uddannelsesvalg": "Vi finder ud af, hvilke uddannelser der passer til det, du er god til.",
    "Åbent værksted i træ på produktionsskolen": "Du prøver at arbejde med hænderne og møde hver dag.",
    "Virksomhedspraktik i bageri": "Du ser, hvordan en rigtig arbejdsplads er, og om faget er noget for dig.",
    "Træner-hjælper i fodboldklubben": "Du får et fællesskab og viser, at du kan tage ansvar.",
    "Brobygning i logistik": "Du prøver skolen af, før du søger ind, så du ved, hvad du går ind til.",
    "Praktik som mekanikerhjælper": "Du lærer værkstedet at kende og får en anbefaling til din ansøgning.",
    "FVU-dansk på VUC": "Bedre dansk gør det lettere at klare skolen bagefter.",
    "Samtale med psykolog": "Du får hjælp til det, der gør hverdagen svær, så du kan holde fast i planen.",
    "Praktik på lager – pluk og pak": "Du får erfaring fra et lager, som du kan bruge, når du søger EGU.",
    "Brobygning på Hotel- og Restaurantskolen": "Du prøver køkkenet af på skolen, før du vælger kok som vej.",
    "Praktik i Byens Bageri": "Du ser, om du trives med tidlige morgener og arbejde i et bageri.",
}


def seed_pathways(context: DemoContext) -> None:
    admitted_on = context.extra.get("admitted_on", {})
    if not admitted_on:
        return
    today = context.today
    youths = Youth.objects.in_bulk(list(admitted_on))
    caseload = {y.pk for y in context.extra.get("tovholder_youths", [])}
    courses = _group_courses(context, today)
    pathways = _pathways(context, youths, admitted_on, today)
    _steps(context, pathways, youths, caseload, courses, today)
    _handovers(context, youths, admitted_on)
    _tasks(context, youths, caseload, today)
    _conference(context, youths, caseload, today)
    _practices(context, pathways, youths, caseload, today)
    _whole_situation(context, today)
    refresh_planner_statistics()
    engine.scan(today)


def _group_courses(context: DemoContext, today: datetime.date) -> list[GroupCourse]:
    unit, fgu = context.organisations["kui"], context.organisations["fgu"]
    start = today - datetime.timedelta(days=today.weekday() + 21)
    return GroupCourse.objects.bulk_create(
        [
            GroupCourse(
                organisation=unit,
                partner=fgu,
                name="Hold: Klar til uddannelse (10 uger)",
                starts_on=start,
                ends_on=start + datetime.timedelta(weeks=10),
                weekdays=[0, 2],
                hours_per_week=8,
                capacity=12,
            ),
            GroupCourse(
                organisation=unit,
                partner=fgu,
                name="Hold: Madværksted og fællesskab",
                starts_on=start + datetime.timedelta(weeks=6),
                ends_on=start + datetime.timedelta(weeks=16),
                weekdays=[3],
                hours_per_week=4,
                capacity=10,
            ),
        ]
    )


def _pathways(context, youths, admitted_on, today) -> dict[int, Pathway]:
    rows = []
    for pk, youth in youths.items():
        pathway = Pathway(youth_id=pk, goal=context.rng.choice(GOALS), started_on=admitted_on[pk])
        if youth.status == YouthStatus.COMPLETED:
            pathway.ended_on = min(today, admitted_on[pk] + datetime.timedelta(days=context.rng.randint(120, 400)))
            pathway.outcome = context.rng.choice([PathwayOutcome.EDUCATION, PathwayOutcome.JOB, PathwayOutcome.OTHER])
            if pathway.outcome == PathwayOutcome.EDUCATION:
                pathway.education_kind = context.rng.choice(EducationKind.values)
        elif youth.status == YouthStatus.WITHDRAWN:
            pathway.ended_on, pathway.outcome = today - datetime.timedelta(days=10), PathwayOutcome.DROPPED_OUT
        rows.append(pathway)
    created = []
    for start in range(0, len(rows), CHUNK):
        created += Pathway.objects.bulk_create(rows[start : start + CHUNK])
    return {pathway.youth_id: pathway for pathway in created}


def _step(pathway, position, kind, title, partner, starts_on, ends_on, status, **extra) -> Step:
    return Step(
        pathway=pathway,
        position=position,
        step_type=kind,
        title=title,
        partner=partner,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        status_changed_on=min(starts_on, ends_on or starts_on),
        purpose=PURPOSES.get(title, ""),
        **extra,
    )


def _plan_for(context, pathway, youth, in_caseload: bool, courses, today) -> list[Step]:
    """1–2 finished steps, a running one, and (nearly always) a next step."""
    rng, orgs = context.rng, context.organisations
    steps, day = [], pathway.started_on
    for position in range(1, rng.randint(2, 3)):
        kind, title, org = rng.choice(PAST_STEPS)
        end = min(day + datetime.timedelta(days=rng.randint(14, 42)), today - datetime.timedelta(days=1))
        if end <= day:
            break
        dropped = not in_caseload and rng.random() < 0.1
        steps.append(
            _step(
                pathway,
                position,
                kind,
                title,
                orgs.get(org),
                day,
                end,
                StepStatus.DROPPED if dropped else StepStatus.COMPLETED,
                outcome="Stoppede efter få uger" if dropped else "Mødte stabilt og fik lyst til mere",
                hours_per_week=rng.choice([8, 12, 20]),
                weekdays=[0, 1, 2],
            )
        )
        day = end + datetime.timedelta(days=1)
    if youth.status != YouthStatus.ACTIVE or pathway.ended_on:
        return steps
    if rng.random() < 0.3:
        course = rng.choice(courses)
        steps.append(
            _step(
                pathway,
                len(steps) + 1,
                StepType.GROUP_COURSE,
                course.name,
                course.partner,
                course.starts_on,
                course.ends_on,
                StepStatus.ACTIVE if course.starts_on <= today else StepStatus.PLANNED,
                group_course=course,
                weekdays=course.weekdays,
                hours_per_week=course.hours_per_week,
            )
        )
    elif rng.random() < 0.6:  # most youths are doing something right now
        kind, title, org = rng.choice(NEXT_STEPS)
        started = max(day, today - datetime.timedelta(days=rng.randint(3, 20)))
        steps.append(
            _step(
                pathway,
                len(steps) + 1,
                kind,
                title,
                orgs.get(org),
                started,
                today + datetime.timedelta(days=rng.randint(7, 35)),
                StepStatus.ACTIVE,
                hours_per_week=rng.choice([10, 15, 20]),
                weekdays=[0, 1, 2],
            )
        )
    if in_caseload or rng.random() < 0.9:  # about one in ten elsewhere has no next step: a red flag
        kind, title, org = rng.choice(NEXT_STEPS)
        if youth.user_id:  # Oliver (the demo youth login): the scenario's bridging course in logistics
            kind, title, org = NEXT_STEPS[0]
        start = today + datetime.timedelta(days=rng.randint(1, 21))
        steps.append(
            _step(
                pathway,
                len(steps) + 1,
                kind,
                title,
                orgs.get(org),
                start,
                start + datetime.timedelta(days=rng.choice([14, 28, 42])),
                StepStatus.PLANNED,
                hours_per_week=rng.choice([6, 10, 15, 20]),
                weekdays=rng.choice([[0, 1], [2], [0, 1, 2, 3]]),
            )
        )
    return steps


def _amber_and_oliver(context, pathways, today) -> list[Step]:
    """The scenario steps: an internship that ended last Friday without an
    outcome (amber), and Oliver's completed warehouse internship."""
    extra, orgs = [], context.organisations
    last_friday = today - datetime.timedelta(days=(today.weekday() - 4) % 7 or 7)
    overdue = {y.pk for y in context.extra.get("overdue_youths", [])}
    oliver = context.extra.get("oliver")
    amber = next(
        (
            y
            for y in context.extra.get("tovholder_youths", [])
            if y.pk not in overdue and (oliver is None or y.pk != oliver.pk)
        ),
        None,
    )
    if amber is not None and amber.pk in pathways:
        extra.append(
            _step(
                pathways[amber.pk],
                0,
                StepType.INTERNSHIP,
                "Praktik i Byens Bageri",
                orgs["bakery"],
                last_friday - datetime.timedelta(days=25),
                last_friday,
                StepStatus.ACTIVE,
                hours_per_week=20,
                weekdays=[0, 1, 2, 3],
            )
        )
    if oliver is not None and oliver.pk in pathways:
        extra.append(
            _step(
                pathways[oliver.pk],
                0,
                StepType.INTERNSHIP,
                "Praktik på lager – pluk og pak",
                orgs["warehouse"],
                today - datetime.timedelta(days=45),
                today - datetime.timedelta(days=3),
                StepStatus.COMPLETED,
                mentor="Mette Lager",
                outcome="Har lært pallehåndtering og ordreplukning; mødte hver dag til tiden.",
                evaluation_note="Oliver vil gerne videre mod EGU i lager og logistik.",
                hours_per_week=30,
                weekdays=[0, 1, 2, 3, 4],
            )
        )
    extra += _waiting_for_psychologist(context, pathways, today, taken={*overdue, getattr(amber, "pk", None)})
    return extra


def _waiting_for_psychologist(context, pathways, today, taken) -> list[Step]:
    """One youth of the demo caseload is on a psychologist's waiting list: no
    start date invented, an expected window from the service, and a check-in
    next week (her planned next step keeps her row calm)."""
    oliver = context.extra.get("oliver")
    youth = next(
        (
            y
            for y in context.extra.get("tovholder_youths", [])
            if y.pk not in taken and (oliver is None or y.pk != oliver.pk) and y.pk in pathways
        ),
        None,
    )
    if youth is None:
        return []
    step = _step(
        pathways[youth.pk],
        0,
        StepType.TREATMENT,
        "Samtaler hos psykolog",
        None,
        today - datetime.timedelta(days=20),
        None,
        StepStatus.WAITING,
        waiting_for="psykolog",
        expected_from=today + datetime.timedelta(days=14),
        expected_until=today + datetime.timedelta(days=45),
        check_in_on=today + datetime.timedelta(days=7),
    )
    return [step]


def _steps(context, pathways, youths, caseload, courses, today) -> None:
    rows = []
    for pk, pathway in pathways.items():
        rows += _plan_for(context, pathway, youths[pk], pk in caseload, courses, today)
    rows += _amber_and_oliver(context, pathways, today)
    for start in range(0, len(rows), CHUNK):
        Step.objects.bulk_create(rows[start : start + CHUNK])


def _handovers(context, youths, admitted_on) -> None:
    """The contact person takes the ball at intake; some later hand it to a partner."""
    contact_person_of, rng = context.extra.get("contact_person_of", {}), context.rng
    partners = [context.organisations[key] for key in ("fgu", "tec", "jobcentre")]
    rows = []
    for pk in youths:
        person = contact_person_of.get(pk)
        if person is None:
            continue
        rows.append(
            BallHandover(
                youth_id=pk, holder_user=person, handed_on=admitted_on[pk], by=person, note="Tovholder fra visitationen"
            )
        )
        if rng.random() < 0.2:
            rows.append(
                BallHandover(
                    youth_id=pk,
                    holder_organisation=rng.choice(partners),
                    handed_on=admitted_on[pk] + datetime.timedelta(days=30),
                    by=person,
                    note="Skolen har bolden under grundforløbet",
                )
            )
    for start in range(0, len(rows), CHUNK):
        BallHandover.objects.bulk_create(rows[start : start + CHUNK])


def _tasks(context, youths, caseload, today) -> None:
    tovholder = context.users["tovholder"]
    mine = [pk for pk in youths if pk in caseload][:3]
    Task.objects.bulk_create(
        [
            Task(
                youth_id=pk,
                owner=tovholder,
                created_by=tovholder,
                title=title,
                due_on=today + datetime.timedelta(days=days),
            )
            for pk, (title, days) in zip(
                mine,
                [("Ring til praktikværten", 2), ("Book møde med UU", 5), ("Send referat til familien", 1)],
                strict=False,
            )
        ]
    )


def _conference(context, youths, caseload, today) -> None:
    lead = context.users["teamleder"]
    thursday = today + datetime.timedelta(days=(3 - today.weekday()) % 7 or 7)
    conference = CaseConference.objects.create(
        organisation=lead.organisation, team=lead.team, held_on=thursday, place="Mødelokale 2", chaired_by=lead
    )
    picked = sorted(pk for pk in youths if pk in caseload)[:10]
    ConferenceCase.objects.bulk_create(
        [
            ConferenceCase(conference=conference, youth_id=pk, position=number, question="Hvad kan næste skridt være?")
            for number, pk in enumerate(picked, start=1)
        ]
    )


# --- The municipalities' practices: plan reviews, no-shows, aftercare ----------


def _practices(context, pathways, youths, caseload, today) -> None:
    """Their own random stream, so the rest of the demo stays as it was."""
    rng = random.Random(context.youth_count)  # nosec B311  # demo data, not security
    contact_person_of = context.extra.get("contact_person_of", {})
    others = sorted(
        pk
        for pk, youth in youths.items()
        if youth.status == YouthStatus.ACTIVE and pk not in caseload and pk in contact_person_of
    )
    _plan_reviews(rng, pathways, contact_person_of, overdue=others[:1], today=today)
    _no_shows(contact_person_of, caseload=sorted(caseload)[:1], losing=others[1:2], youths=youths, today=today)
    _aftercare(rng, pathways, youths, contact_person_of, today, context.users.get("tovholder"))


def _plan_reviews(rng, pathways, contact_person_of, overdue, today) -> None:
    """Every active plan was reviewed in the last three weeks, except one
    youth outside the demo contact person's caseload (9 weeks ago: flagged)."""
    rows = []
    for pk, pathway in pathways.items():
        person = contact_person_of.get(pk)
        if pathway.ended_on or person is None:
            continue
        held = (
            today - datetime.timedelta(weeks=9)
            if pk in overdue
            else today - datetime.timedelta(days=rng.randint(1, 20))
        )
        if held < pathway.started_on:
            continue
        rows.append(
            PlanReview(
                pathway=pathway,
                held_on=held,
                participants=f"Den unge, {person.get_full_name() or person.username}",
                youth_words=rng.choice(REVIEW_WORDS),
                recorded_by=person,
            )
        )
    for start in range(0, len(rows), CHUNK):
        PlanReview.objects.bulk_create(rows[start : start + CHUNK])


REVIEW_WORDS = [
    "Det går bedre end jeg troede. Jeg vil gerne have flere timer i praktikken.",
    "Jeg er træt om morgenen, men jeg kommer. Vi aftaler at starte kl. 9 i stedet.",
    "Jeg vil hellere være mekaniker end kok nu, efter brobygningen.",
    "Det er svært at komme afsted, når det regner. Jeg vil gerne have hjælp til buskort.",
]


def _no_shows(contact_person_of, caseload, losing, youths, today) -> None:
    """A call that did not reach one of the demo contact person's youths
    (a follow-up task for the next working day), and three misses in a row
    for a youth of a colleague (the team lead sees "losing contact")."""
    from django.db.models import Max
    from django.utils import timezone

    from pathways import no_shows
    from youths.models import Contact

    now = timezone.now()
    for pk, count in [*[(pk, 1) for pk in caseload], *[(pk, no_shows.MISSES_IN_A_ROW) for pk in losing]]:
        last = Contact.objects.filter(youth_id=pk, reached=True).aggregate(last=Max("happened_at"))["last"]
        since = max(last or now - datetime.timedelta(days=3), now - datetime.timedelta(days=3))
        for number in range(1, count + 1):
            contact = Contact.objects.create(
                youth=youths[pk],
                happened_at=since + (now - since) * number / (count + 1),
                medium="phone",
                duration_minutes=5,
                reached=False,
                note="Tog ikke telefonen",
                logged_by=contact_person_of[pk],
            )
            no_shows.contact_missed(contact=contact)


def _aftercare(rng, pathways, youths, contact_person_of, today, tovholder) -> None:
    """Check-ins after the pathways that ended in education or a job: those
    due by now were held (most still there), one youth dropped out and is
    back on the board."""
    from pathways import aftercare

    ended = [
        p for pk, p in sorted(pathways.items()) if p.outcome in aftercare.KEPT_OUTCOMES and pk in contact_person_of
    ]
    for pathway in ended:
        aftercare.aftercare_schedule(pathway=pathway)
    due = AftercareCheckIn.objects.filter(pathway__in=ended, due_on__lt=today).select_related("pathway")
    held = []
    for check_in in due:
        check_in.held_on = min(today, check_in.due_on + datetime.timedelta(days=rng.randint(0, 6)))
        check_in.still_there = rng.random() < 0.85
        check_in.recorded_by = contact_person_of[check_in.pathway.youth_id]
        held.append(check_in)
    AftercareCheckIn.objects.bulk_update(held, ["held_on", "still_there", "recorded_by"])
    # Later check-ins of those who left are not held.
    for check_in in held:
        if not check_in.still_there:
            AftercareCheckIn.objects.open().filter(pathway=check_in.pathway).update(cancelled_on=check_in.held_on)
    open_ones = [
        check_in
        for check_in in AftercareCheckIn.objects.open().filter(pathway__in=ended).select_related("pathway__youth")
        if contact_person_of[check_in.pathway.youth_id] != tovholder  # her Monday board stays as the tests know it
    ]
    if open_ones:
        latest = open_ones[-1]
        person = contact_person_of[latest.pathway.youth_id]
        aftercare.aftercare_check_in_record(
            check_in=latest, by=person, held_on=today, still_there=False, note="Er stoppet på grundforløbet"
        )


def _whole_situation(context, today) -> None:
    """Sara (youths/demo.py seed_whole_situation): the family worker holds
    the ball, and her psychologist and addiction counsellor take part in the
    team's case conference; consents that do not cover them are warned about."""
    from pathways import conferences, services

    sara = context.extra.get("whole_situation")
    lead = context.users.get("teamleder")
    if sara is None or lead is None:
        return
    professionals = {p.organisation_id: p for p in sara.network.professional().current()}
    family_worker = professionals.get(context.organisations["family"].pk)
    services.ball_hand_over(
        youth=sara,
        by=lead,
        handed_on=today - datetime.timedelta(days=3),
        holder_professional=family_worker,
        note="Familiebehandleren taler med mor om hjemmesituationen.",
    )
    # Her psychologist and addiction counsellor take part in the team's conference.
    conference = CaseConference.objects.filter(organisation=lead.organisation, done_at__isnull=True).first()
    if conference is None:
        return
    for key in ("psychology", "substance"):
        person = professionals[context.organisations[key].pk]
        conferences.conference_attendee_add(
            conference=conference,
            by=lead,
            name=person.name,
            profession=person.relation,
            organisation=person.organisation,
            professional=person,
            shared_without_consent_confirmed=True,  # the demo conference shows the warning
        )
