"""Demo partnership: whom to call at each partner, their offers, the
warehouse mentor's two interns, referrals, attendance, a message, the
partnership agreements and the steering and key-person groups with meetings.

Runs after pathways' demo (INSTALLED_APPS order: partners sits above
pathways): the current placements become running steps in the interns'
active pathways, and the accepted referrals and the attendance point at
them. Deterministic, no use of `context.rng` (so the other apps' demo data
stays as it was).
"""

import datetime

from kui.demo.core import DemoContext
from kui.lib.dates import is_working_day
from partners import deadlines
from partners.models import (
    AgreementParty,
    AgreementStatus,
    Attendance,
    BodyKind,
    BodyMember,
    Decision,
    GovernanceBody,
    GovernanceMeeting,
    InternshipSearch,
    Offer,
    PartnerContact,
    PartnerMessage,
    PartnershipAgreement,
    Referral,
    ReferralStatus,
    Trade,
)
from pathways import engine
from pathways.models import Pathway, Step, StepStatus, StepType
from youths.models import Consent, ConsentArea, ContactPersonAssignment

DAY = datetime.timedelta(days=1)
MON_TO_FRI = [0, 1, 2, 3, 4]

# organisation key: [(name, role)]
CONTACTS = {
    "warehouse": [("Mette Lager", "Praktikvært og mentor"), ("Jonas Truck", "Lagerchef")],
    "bakery": [("Birthe Bager", "Bagermester")],
    "garage": [("Kim Motor", "Værkstedsleder")],
    "fgu": [("Hanne Værksted", "Værkstedslærer, lager og logistik"), ("Ali Køkken", "Værkstedslærer, køkken")],
    "tec": [("Peter Brobygning", "Studievejleder")],
    "next": [("Nadia Frisør", "Studievejleder")],
    "hrs": [("Ole Kok", "Brobygningskoordinator")],
    "vuc": [("Eva Dansk", "FVU-underviser")],
    "jobcentre": [("Lone Job", "Virksomhedskonsulent")],
    "football": [("Jens Træner", "Ungdomstræner")],
    "redcross": [("Sara Frivillig", "Koordinator for lektiecaféen")],
}
# (organisation key, kind, title, trade, job function, mentor name, places, hours, weekdays)
OFFERS = [
    (
        "warehouse",
        StepType.INTERNSHIP,
        "Praktik på lager – pluk og pak",
        Trade.WAREHOUSE,
        "Ordreplukker",
        "Mette Lager",
        3,
        30,
        MON_TO_FRI,
    ),
    (
        "bakery",
        StepType.INTERNSHIP,
        "Praktik i bageri og butik",
        Trade.BAKERY,
        "Bagerhjælper",
        "Birthe Bager",
        1,
        20,
        [0, 1, 2, 3],
    ),
    (
        "garage",
        StepType.INTERNSHIP,
        "Praktik som mekanikerhjælper",
        Trade.MECHANICS,
        "Mekanikerhjælper",
        "Kim Motor",
        2,
        25,
        MON_TO_FRI,
    ),
    ("fgu", StepType.WORKSHOP, "Åbent værksted i træ og lager", "", "", "Hanne Værksted", 10, 12, [0, 2]),
    ("tec", StepType.BRIDGING, "Brobygning i logistik", "", "", "Peter Brobygning", 8, 15, [1, 3]),
    ("hrs", StepType.BRIDGING, "Brobygning på Hotel- og Restaurantskolen", "", "", "Ole Kok", 6, 15, [0, 1]),
    ("football", StepType.LEISURE, "Træner-hjælper for U10", "", "", "Jens Træner", 4, 3, [1]),
]
SEARCHES = [Trade.WAREHOUSE, Trade.KITCHEN, Trade.MECHANICS, Trade.RETAIL]
PHASE_TWO = "Fase 2 på lageret – truck og varemodtagelse"


def seed_partners(context: DemoContext) -> None:
    if not context.organisations:
        return
    contacts = _contacts(context)
    offers = _offers(context, contacts)
    _casework(context, offers)
    _partnership(context)
    # The placements are new steps: let the interns' flags follow them now.
    interns = list(Referral.objects.filter(step__isnull=False).values_list("youth_id", flat=True))
    if interns:
        engine.scan(context.today, youth_ids=interns)


def _contacts(context: DemoContext) -> dict[str, PartnerContact]:
    rows = [
        PartnerContact(
            organisation=context.organisations[key],
            name=name,
            role=role,
            phone=f"4{number:07d}",
            email=f"{name.split()[0].lower()}@{key}.demo.dk",
        )
        for number, (key, people) in enumerate(CONTACTS.items(), start=1)
        for name, role in people
    ]
    mentor = context.users.get("partner")
    for row in rows:
        if mentor is not None and row.name == mentor.get_full_name():
            row.phone = mentor.phone
    return {contact.name: contact for contact in PartnerContact.objects.bulk_create(rows)}


def _offers(context: DemoContext, contacts) -> dict[str, Offer]:
    rows = [
        Offer(
            organisation=context.organisations[key],
            kind=kind,
            title=title,
            trade=trade,
            job_function=function,
            mentor=contacts[mentor],
            capacity=places,
            hours_per_week=hours,
            weekdays=weekdays,
        )
        for key, kind, title, trade, function, mentor, places, hours, weekdays in OFFERS
    ]
    return {offer.title: offer for offer in Offer.objects.bulk_create(rows)}


def _caseload(context: DemoContext) -> list:
    """The demo contact person's youths, except the three red ones and the
    amber one of pathways' demo (the first of the rest), Oliver first."""
    overdue = {youth.pk for youth in context.extra.get("overdue_youths", [])}
    oliver = context.extra.get("oliver")
    rest = [
        youth
        for youth in context.extra.get("tovholder_youths", [])
        if youth.pk not in overdue and (oliver is None or youth.pk != oliver.pk)
    ][1:]
    return ([oliver] if oliver is not None else []) + rest


def _casework(context: DemoContext, offers: dict[str, Offer]) -> None:
    youths = _caseload(context)
    if len(youths) < 5:
        return
    today, tovholder = context.today, context.users["tovholder"]
    warehouse, bakery = context.organisations["warehouse"], context.organisations["bakery"]
    interns, waiting, declined = youths[:2], youths[2], youths[3]
    admitted_on = context.extra.get("admitted_on", {})

    def given(youth):
        return max(admitted_on.get(youth.pk, today - 60 * DAY), today - 60 * DAY)

    Consent.objects.bulk_create(
        [
            Consent(
                youth=y, area=ConsentArea.JOBCENTRE, organisation=warehouse, given_on=given(y), recorded_by=tovholder
            )
            for y in interns
        ]
        + [
            Consent(
                youth=waiting,
                area=ConsentArea.JOBCENTRE,
                organisation=bakery,
                given_on=given(waiting),
                recorded_by=tovholder,
            )
        ]
    )
    placement = offers["Praktik på lager – pluk og pak"]
    periods = [(today - 2 * DAY, today + 40 * DAY, PHASE_TWO), (today - 20 * DAY, today + 30 * DAY, placement.title)]
    pathway_of = {pathway.youth_id: pathway for pathway in Pathway.objects.active().filter(youth__in=interns)}
    steps = Step.objects.bulk_create(
        Step(
            pathway=pathway_of[youth.pk],
            position=0,
            step_type=StepType.INTERNSHIP,
            title=title,
            partner=warehouse,
            mentor="Mette Lager",
            starts_on=starts_on,
            ends_on=ends_on,
            status=StepStatus.ACTIVE,
            status_changed_on=starts_on,
            weekdays=MON_TO_FRI,
            hours_per_week=30,
        )
        for youth, (starts_on, ends_on, title) in zip(interns, periods, strict=False)
        if youth.pk in pathway_of
    )
    referrals = [
        Referral(
            youth_id=step.pathway.youth_id,
            offer=placement,
            wished_start=step.starts_on,
            referred_by=tovholder,
            status=ReferralStatus.ACCEPTED,
            answered_by=context.users.get("partner"),
            starts_on=step.starts_on,
            ends_on=step.ends_on,
            step=step,
            note="Har brug for en fast mentor og klare opgaver.",
        )
        for step in steps
    ]
    referrals += [
        # Made eight working days ago and not answered: overdue (partners/deadlines.py).
        Referral(
            youth=waiting,
            offer=offers["Praktik i bageri og butik"],
            wished_start=today + 7 * DAY,
            referred_by=tovholder,
            note="Vil gerne prøve bageri; er morgenfrisk.",
            answer_by=deadlines.answer_deadline(_working_days_before(today, 8)),
        ),
        Referral(
            youth=declined,
            offer=offers["Praktik som mekanikerhjælper"],
            wished_start=today - 5 * DAY,
            referred_by=tovholder,
            status=ReferralStatus.DECLINED,
            decline_reason="Ingen ledig mentor før efter sommerferien.",
        ),
    ]
    Referral.objects.bulk_create(referrals)
    deadlines.overdue_referrals_tell(today)  # the contact person's task about the overdue answer
    _attendance(context, steps)
    _message(context, interns[1], tovholder)
    InternshipSearch.objects.bulk_create(
        InternshipSearch(
            youth=youth,
            trade=trade,
            since=today - (index + 1) * 6 * DAY,
            created_by=tovholder,
            note="Gerne fysisk arbejde" if trade == Trade.WAREHOUSE else "",
        )
        for index, (youth, trade) in enumerate(zip(youths[4:8], SEARCHES, strict=False))
    )


def _working_days_before(day: datetime.date, count: int) -> datetime.date:
    while count:
        day -= datetime.timedelta(days=1)
        count -= is_working_day(day)
    return day


def _attendance(context: DemoContext, steps: list[Step]) -> None:
    mentor = context.users.get("partner")
    if mentor is None:
        return
    rows = []
    for step in steps:
        day = max(step.starts_on, context.today - 14 * DAY)
        while day < context.today:
            if day.weekday() < 5:
                absent = day.weekday() == 0 and day < context.today - 7 * DAY
                rows.append(
                    Attendance(
                        youth_id=step.pathway.youth_id,
                        organisation=step.partner,
                        step=step,
                        day=day,
                        present=not absent,
                        note="Meldt syg" if absent else "",
                        recorded_by=mentor,
                    )
                )
            day += DAY
    Attendance.objects.bulk_create(rows)


def _message(context: DemoContext, youth, tovholder) -> None:
    mentor = context.users.get("partner")
    if mentor is None:
        return
    current = ContactPersonAssignment.objects.current_for(youth)
    PartnerMessage.objects.create(
        youth=youth,
        organisation=mentor.organisation,
        sender=mentor,
        recipient=current.contact_person if current else tovholder,
        body="Hun var syg i mandags, men har ellers mødt hver dag. Skal vi tale om truckcertifikat inden praktikken "
        "slutter?",
    )


def _partnership(context: DemoContext) -> None:
    orgs, users, today = context.organisations, context.users, context.today
    owner = users["teamleder"]
    main = PartnershipAgreement.objects.create(
        title="Samarbejdsaftale om den kommunale ungeindsats",
        status=AgreementStatus.ACTIVE,
        owner=owner,
        purpose="Alle unge under 25 skal have én indgang og én tovholder, og der skal altid være et næste skridt. "
        "Parterne deler viden (med samtykke) og holder bolden ét sted ad gangen.",
        signed_on=today - 330 * DAY,
        review_on=today + 20 * DAY,
    )
    commitments = {
        "kui": "Udpeger en tovholder til hver ung inden for 5 hverdage og indkalder til visitation.",
        "jobcentre": "Stiller virksomhedskonsulenter og praktikpladser til rådighed; deltager i visitationen.",
        "family": "Deltager i visitation og sagsdrøftelser, når den unge har en sag i familieafdelingen.",
        "substance": "Tilbyder samtale inden for 14 dage efter henvisning.",
        "fgu": "Har altid pladser i åbent værksted til unge fra ungeindsatsen.",
        "tec": "Tilbyder brobygning og giver tovholderen besked ved fravær over 3 dage.",
        "vuc": "Tilbyder FVU og HF-enkeltfag med fleksibel opstart.",
    }
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=main, organisation=orgs[key], commitments=text) for key, text in commitments.items()
    )
    company = PartnershipAgreement.objects.create(
        title="Praktikaftale med Lagerhuset Nord",
        status=AgreementStatus.ACTIVE,
        owner=owner,
        purpose="Lagerhuset Nord stiller op til tre praktikpladser med fast mentor til unge fra ungeindsatsen.",
        signed_on=today - 100 * DAY,
        review_on=today + 265 * DAY,
    )
    AgreementParty.objects.bulk_create(
        [
            AgreementParty(
                agreement=company,
                organisation=orgs["kui"],
                commitments="Tovholderen følger op hver uge og kan ringes op ved fravær.",
            ),
            AgreementParty(
                agreement=company,
                organisation=orgs["warehouse"],
                commitments="Fast mentor, registrering af fremmøde og en kort evaluering ved praktikkens slut.",
            ),
        ]
    )
    _bodies(context, main)


def _bodies(context: DemoContext, agreement: PartnershipAgreement) -> None:
    orgs, users, today = context.organisations, context.users, context.today
    steering = GovernanceBody.objects.create(
        agreement=agreement,
        kind=BodyKind.STEERING,
        name="Styregruppen for ungeindsatsen",
        mandate="Følger op på aftalen, prioriterer ressourcer og ser på tallene to gange om året.",
    )
    key_persons = GovernanceBody.objects.create(
        agreement=agreement,
        kind=BodyKind.KEY_PERSONS,
        name="Nøglepersonsgruppen",
        mandate="Praktikere fra alle parter; løser knaster i samarbejdet og deler erfaringer hver sjette uge.",
    )
    BodyMember.objects.bulk_create(
        [
            BodyMember(
                body=steering,
                organisation=orgs["kui"],
                name=users["styregruppe"].get_full_name(),
                role="Formand, chef for ungeindsatsen",
                user=users["styregruppe"],
            ),
            BodyMember(body=steering, organisation=orgs["jobcentre"], name="Karin Jobchef", role="Jobcenterchef"),
            BodyMember(body=steering, organisation=orgs["fgu"], name="Morten Rektor", role="Forstander"),
            BodyMember(body=steering, organisation=orgs["family"], name="Inge Familie", role="Afdelingsleder"),
            BodyMember(
                body=key_persons,
                organisation=orgs["kui"],
                name=users["tovholder"].get_full_name(),
                role="Tovholder",
                user=users["tovholder"],
            ),
            BodyMember(body=key_persons, organisation=orgs["jobcentre"], name="Lone Job", role="Virksomhedskonsulent"),
            BodyMember(body=key_persons, organisation=orgs["fgu"], name="Hanne Værksted", role="Værkstedslærer"),
            BodyMember(body=key_persons, organisation=orgs["tec"], name="Peter Brobygning", role="Studievejleder"),
        ]
    )
    past = GovernanceMeeting.objects.create(
        body=steering,
        held_on=today - 90 * DAY,
        place="Rådhuset, mødelokale 1",
        agenda="1. Tal for første halvår\n2. Ventelisten\n3. Praktikpladser i private virksomheder",
        minutes="Ventelisten er faldet fra 14 til 10. Der mangler praktikpladser inden for køkken.",
    )
    GovernanceMeeting.objects.create(
        body=steering,
        held_on=today + 30 * DAY,
        place="Rådhuset, mødelokale 1",
        agenda="1. Statistikpakken for kvartalet\n2. Revision af samarbejdsaftalen\n3. Eventuelt",
    )
    Decision.objects.bulk_create(
        [
            Decision(
                meeting=past,
                text="Jobcentret finder tre nye praktikpladser inden for køkken.",
                responsible="Karin Jobchef",
                due_on=today + 30 * DAY,
            ),
            Decision(
                meeting=past,
                text="Samarbejdsaftalen revideres inden næste møde.",
                responsible="Lars Bæk",
                due_on=today + 20 * DAY,
            ),
        ]
    )
    GovernanceMeeting.objects.create(
        body=key_persons,
        held_on=today + 10 * DAY,
        place="FGU, kantinen",
        agenda="1. Fravær på brobygning – hvem ringer?\n2. Nye praktikpladser på lager",
    )
