"""Demo case files: many synthetic youths fast, and the scenarios of docs/domain.md.

The services validate and audit one youth at a time, which is right for people
and far too slow for 50,000 synthetic youths. Here every row is built in memory
from `context.rng` (so a seed gives the same data) and written with
`bulk_create`, a chunk of youths at a time: the number of queries grows with
the chunks, never with the youths. No audit rows are written: nobody acted.

The demo contact person `tovholder` gets the Monday morning of the scenario:
31 active youths, three of them red because nobody has talked to them for 12
days. The demo youth login `ung` is Oliver Jørgensen, 26, in her caseload.

Left in `context.extra` for later apps:
  "youths"             every Youth made (pk set), in creation order
  "tovholder_youths"   the demo contact person's active caseload
  "overdue_youths"     the three of those not contacted for 12 days
  "oliver"             the Youth linked to the demo youth login
  "contact_person_of"  {youth pk: User}, the current (or last) contact person of every admitted youth
  "admitted_on"        {youth pk: date} of every admitted youth's intake meeting
"""

import datetime
import uuid
from dataclasses import dataclass

from django.utils import timezone

from kui.accounts.models import User
from kui.demo.core import DemoContext
from kui.demo.names import (
    CITIES,
    FEMALE_FIRST_NAMES,
    FIRST_NAMES,
    LAST_NAMES,
    MALE_FIRST_NAMES,
    OLDER_FEMALE_FIRST_NAMES,
    OLDER_MALE_FIRST_NAMES,
    STREETS,
)
from kui.lib import cpr as cpr_lib
from youths.models import (
    AssignmentRole,
    Consent,
    ConsentArea,
    ConsentForm,
    Contact,
    ContactMedium,
    ContactPersonAssignment,
    ContactRevision,
    IntakeMeeting,
    LogbookNote,
    NetworkPerson,
    NoteTheme,
    ReferralSource,
    RevisionKind,
    StatusChange,
    SupportLevel,
    SupportLevelThreshold,
    TargetGroup,
    Youth,
    YouthStatus,
)

CHUNK = 2000  # youths per round of bulk inserts; also the insert batch size
CASELOAD = 31  # the demo contact person's Monday morning
OVERDUE = 3
OVERDUE_DAYS = 12
OLIVER = ("Oliver", "Jørgensen", 26)

STATUS_WEIGHTS = {
    YouthStatus.ACTIVE: 63,
    YouthStatus.WAITING: 15,
    YouthStatus.PAUSED: 7,
    YouthStatus.COMPLETED: 10,
    YouthStatus.WITHDRAWN: 5,
}
SUPPORT_WEIGHTS = {SupportLevel.CLOSE: 45, SupportLevel.EXTERNAL: 35, SupportLevel.EXIT: 20}
TARGET_GROUP_WEIGHTS = {
    TargetGroup.NO_EDUCATION: 25,
    TargetGroup.DROPPED_OUT: 25,
    TargetGroup.MENTAL_HEALTH: 18,
    TargetGroup.SUBSTANCE_USE: 8,
    TargetGroup.SOCIAL: 10,
    TargetGroup.UNEMPLOYED: 12,
    TargetGroup.OTHER: 2,
}
REFERRAL_WEIGHTS = {
    ReferralSource.UU: 40,
    ReferralSource.JOBCENTRE: 30,
    ReferralSource.PRODUCTION_SCHOOL: 15,
    ReferralSource.SELF: 8,
    ReferralSource.OTHER: 7,
}
ROLE_WEIGHTS = {
    AssignmentRole.TOVHOLDER: 70,
    AssignmentRole.UNGEGUIDE: 15,
    AssignmentRole.KONTAKTPERSON: 10,
    AssignmentRole.KONTAKTPERSON_PLUS: 5,
}
# medium: (weight, shortest, longest duration in minutes)
MEDIUMS = {
    ContactMedium.PHONE: (30, 5, 25),
    ContactMedium.MEETING: (25, 30, 75),
    ContactMedium.SMS: (15, 2, 5),
    ContactMedium.HOME_VISIT: (7, 45, 90),
    ContactMedium.WORKPLACE: (10, 20, 45),
    ContactMedium.ONLINE: (5, 15, 40),
    ContactMedium.OUTREACH: (8, 20, 60),
}
NOTE_THEME_WEIGHTS = {
    NoteTheme.EDUCATION: 25,
    NoteTheme.HEALTH: 15,
    NoteTheme.NETWORK: 14,
    NoteTheme.SUBSTANCE_USE: 12,
    NoteTheme.HOUSING: 10,
    NoteTheme.ECONOMY: 10,
    NoteTheme.CRIME: 5,
    NoteTheme.OTHER: 9,
}

EDUCATION_BACKGROUNDS = [
    "Afsluttet 9. klasse uden prøver.",
    "9. klasse med prøver. Afbrudt grundforløb på TEC efter to måneder.",
    "10. klasse på efterskole. Startet på HF, stoppet efter et halvt år.",
    "Specialklasse i udskolingen. Ingen uddannelse efter grundskolen.",
    "Afbrudt grundforløb to gange (bil og bygge). Lagerjob i perioder.",
    "FGU i et år, stoppede pga. mange fravær.",
    "Gymnasiet 1.g, stoppet. Har haft fritidsjob i Netto.",
    "Kom til Danmark som 14-årig. Modtageklasse, derefter 9. klasse.",
]
CONTACT_NOTES = [
    "Snakket om praktikken – det går godt, møder til tiden.",
    "Planlagt næste skridt sammen. Den unge virker motiveret.",
    "Fulgt op på aftalen fra sidst. Har været til samtale på skolen.",
    "Den unge har haft en hård uge; aftalt at ses igen om få dage.",
    "Hjulpet med at søge om SU og svare e-Boks.",
    "Talt om søvn og faste rutiner. Vil prøve at stå op kl. 7.",
    "Gået en tur og snakket om, hvad der skal ske efter sommerferien.",
    "Kort tjek-ind. Alt ok.",
    "Forberedt samtale med jobcentret sammen.",
    "Den unge var ked af det efter en konflikt derhjemme. Aftalt opfølgning.",
]
UNREACHED_NOTES = ["Ingen svar – lagt besked.", "Ringet to gange, ingen svar.", "Sendt sms, intet svar endnu."]
NOTE_TEXTS = {
    NoteTheme.EDUCATION: [
        "Vil gerne prøve grundforløbet på NEXT igen, men er bange for at falde fra.",
        "Brobygning på Hotel- og Restaurantskolen gik godt; kokken roste hende.",
        "Har svært ved at læse lange tekster. Taler med VUC om FVU-læsning.",
    ],
    NoteTheme.HEALTH: [
        "Har angst i store grupper. Henvist til psykolog via egen læge.",
        "Sover dårligt og springer morgenmad over. Har fået tid hos lægen.",
        "ADHD-udredning i gang i børne- og ungdomspsykiatrien.",
    ],
    NoteTheme.NETWORK: [
        "Mormor er den vigtigste voksne; hun kommer med til næste møde.",
        "Har mistet kontakten til vennerne fra folkeskolen og er meget alene.",
        "Ny kæreste, der støtter op om at komme i gang med noget.",
    ],
    NoteTheme.SUBSTANCE_USE: [
        "Ryger hash dagligt, især om aftenen. Vil gerne skære ned.",
        "Har været til første samtale i rusmiddelcentret. Aftalt at følge op.",
        "Fortæller om weekender med meget alkohol. Tema til næste samtale.",
    ],
    NoteTheme.HOUSING: [
        "Sofasurfer hos venner. Skrevet op til ungdomsbolig.",
        "Konflikter hjemme; vil gerne flytte. Talt om efterværn med familieafdelingen.",
    ],
    NoteTheme.ECONOMY: [
        "Gæld til mobilselskab og DSB. Aftalt møde med gældsrådgivningen.",
        "Har ikke fået uddannelseshjælp i to måneder pga. manglende fremmøde.",
    ],
    NoteTheme.CRIME: [
        "Har en sag om butikstyveri kørende. Møde med SSP-medarbejder aftalt.",
        "Samfundstjeneste afsluttet; vil gerne videre væk fra det gamle miljø.",
    ],
    NoteTheme.OTHER: [
        "Har fået kørekort-teori som mål; det motiverer meget.",
        "Går til fodbold om tirsdagen igen.",
    ],
}
PAUSE_REASONS = ["Indlagt på psykiatrisk afdeling.", "Barsel.", "Ønsker en pause; aftalt opfølgning om tre måneder."]
COMPLETED_REASONS = [
    "Startet på EGU.",
    "Startet på grundforløb og har fundet sig til rette.",
    "Fast job på lager.",
    "Startet på STU.",
    "Ordinært job i bageri.",
]
WITHDRAWN_REASONS = ["Flyttet fra kommunen.", "Ønsker ikke længere at deltage.", "Overgået til andet tilbud."]
HANDOVER_REASONS = [
    ("Den unge ønskede selv en anden tovholder.", True),
    ("Tidligere tovholder er gået på barsel.", False),
    ("Ny fordeling af sager i teamet.", False),
]
YOUTH_WISHES = [
    "Vil gerne i praktik med noget praktisk, gerne lager eller værksted.",
    "Drømmer om at blive kok, men vil starte stille og roligt.",
    "Vil have hjælp til at komme op om morgenen og have noget at stå op til.",
    "Vil tage 9.-klasses-prøverne i dansk og matematik.",
    "Vil gerne have et fritidsjob og egne penge.",
]
AGREEMENTS = [
    "Tovholderen ringer hver mandag. Der søges praktik inden for to uger.",
    "Start på FGU's åbne værksted; samtale med psykolog via jobcentret.",
    "Brobygning på TEC i næste måned; mor deltager i opfølgningsmødet.",
    "Kombinationsforløb: to dage praktik, en dag VUC, en samtale om ugen.",
]
STARTS_NOW = [
    "Besøg på FGU's lagerværksted i morgen.",
    "Første samtale med tovholderen på torsdag.",
    "Tovholderen tager med til lægen i næste uge.",
    "Praktiksamtale i Byens Bageri på fredag.",
]
# (relation, possible rings, chance of being supportive, generation): family share the youth's last name.
NETWORK_RELATIONS = [
    ("Mor", (1, 1, 2), 0.85, "older_female"),
    ("Far", (1, 2, 3, 3), 0.6, "older_male"),
    ("Mormor", (1, 2), 0.95, "older_female"),
    ("Storebror", (1, 2), 0.8, "male"),
    ("Lillesøster", (1, 2), 0.9, "female"),
    ("Kæreste", (1,), 0.8, "any"),
    ("Bedste ven", (1, 2), 0.9, "any"),
    ("Ven fra det gamle miljø", (2, 3), 0.2, "any"),
    ("Fodboldtræner", (2, 3), 1.0, "older_male"),
    ("Praktikvært", (2, 3), 1.0, "older_any"),
    ("Sagsbehandler, jobcentret", (3,), 1.0, "older_any"),
    ("Psykolog", (2, 3), 1.0, "older_any"),
    ("Mentor", (2,), 1.0, "older_any"),
]
FAMILY = {"Mor", "Far", "Mormor", "Storebror", "Lillesøster"}
# Oliver's internship host is the demo partner user, added by name.
OWN_LOGIN_RELATIONS = [relation for relation in NETWORK_RELATIONS if relation[0] != "Praktikvært"]


@dataclass
class CasePlan:
    """One youth's case as planned in memory, before anything is written."""

    youth: Youth
    contact_person: User | None = None  # the current one, or the last one for a closed case
    previous_contact_person: User | None = None
    handover_on: datetime.date | None = None
    admitted_on: datetime.date | None = None
    ended_on: datetime.date | None = None  # the date of the pause, completion or withdrawal
    last_contact: datetime.date | None = None  # the newest reached contact

    def holder_on(self, day: datetime.date) -> User:
        """Who held the thread on `day`: history is kept, so old entries name the old contact person."""
        if self.previous_contact_person is not None and day < self.handover_on:
            return self.previous_contact_person
        return self.contact_person


def seed_youths(context: DemoContext) -> None:
    _seed_thresholds()
    plans = _plan_cases(context)
    for start in range(0, len(plans), CHUNK):
        chunk = plans[start : start + CHUNK]
        Youth.objects.bulk_create([plan.youth for plan in chunk], batch_size=CHUNK)
        _write_case_files(context, chunk)
    _remember(context, plans)


def _seed_thresholds() -> None:
    for level, days in SupportLevelThreshold.DEFAULT_DAYS.items():
        SupportLevelThreshold.objects.get_or_create(support_level=level, defaults={"max_days_without_contact": days})


# --- Planning: one CasePlan per youth, all from context.rng ----------------


class _Planner:
    def __init__(self, context: DemoContext):
        self.context = context
        self.rng = context.rng
        self.today = context.today
        self.tovholder = context.users["tovholder"]
        self.colleagues = [person for person in context.contact_persons if person.pk != self.tovholder.pk]
        self.colleagues = self.colleagues or [self.tovholder]
        self.used_cprs: set[str] = set()

    def plans(self) -> list[CasePlan]:
        plans = []
        for index in range(self.context.youth_count):
            if index == 0:
                plans.append(self.oliver())
            elif index <= OVERDUE:
                plans.append(self.in_caseload(last_contact_days=OVERDUE_DAYS, support_level=SupportLevel.CLOSE))
            elif index < CASELOAD:
                plans.append(self.in_caseload())
            else:
                plans.append(self.other())
        return plans

    def oliver(self) -> CasePlan:
        first, last, age = OLIVER
        plan = self.in_caseload(
            first_name=first,
            last_name=last,
            age=age,
            support_level=SupportLevel.EXTERNAL,
            last_contact_days=3,
            admitted_days=150,
        )
        youth = plan.youth
        youth.user = self.context.users["ung"]
        youth.email = youth.user.email
        youth.target_group = TargetGroup.UNEMPLOYED
        youth.referral_source = ReferralSource.JOBCENTRE
        youth.education_background = "9. klasse. Afbrudt grundforløb på TEC to gange. Lagerjob i perioder."
        return plan

    def in_caseload(self, *, last_contact_days=None, admitted_days=None, **youth_fields) -> CasePlan:
        """An active youth of the demo contact person, contacted recently
        enough to be neither red nor amber unless told otherwise."""
        youth = self.youth(status=YouthStatus.ACTIVE, team=self.tovholder.team, **youth_fields)
        admitted_days = admitted_days or self.rng.randint(30, 600)
        if last_contact_days is None:
            limit = SupportLevelThreshold.DEFAULT_DAYS[youth.support_level] - 3
            last_contact_days = self.weekday_back(1, limit)
        return self.admitted(youth, self.tovholder, admitted_days, last_contact_days=last_contact_days)

    def other(self) -> CasePlan:
        status = self.weighted(STATUS_WEIGHTS)
        contact_person = self.rng.choice(self.colleagues)
        if status == YouthStatus.WAITING:
            youth = self.youth(status=status, team=self.rng.choice(list(self.context.teams.values()) or [None]))
            youth.referral_date = self.today - datetime.timedelta(days=self.rng.randint(1, 120))
            return CasePlan(youth=youth)
        youth = self.youth(status=status, team=contact_person.team)
        if status == YouthStatus.ACTIVE:
            admitted_days = self.rng.randint(21, 720)
            return self.admitted(youth, contact_person, admitted_days, last_contact_days=self.any_last_contact(youth))
        admitted_days = self.rng.randint(90, 1100)
        ended_days = self.rng.randint(5, admitted_days - 30)
        return self.admitted(youth, contact_person, admitted_days, last_contact_days=ended_days, ended_days=ended_days)

    def admitted(self, youth, contact_person, admitted_days, *, last_contact_days, ended_days=None) -> CasePlan:
        plan = CasePlan(youth=youth, contact_person=contact_person)
        plan.admitted_on = self.today - datetime.timedelta(days=admitted_days)
        plan.last_contact = self.today - datetime.timedelta(days=min(last_contact_days, admitted_days))
        if ended_days is not None:
            plan.ended_on = self.today - datetime.timedelta(days=ended_days)
        youth.referral_date = plan.admitted_on - datetime.timedelta(days=self.rng.randint(7, 60))
        self.maybe_handover(plan)
        return plan

    def maybe_handover(self, plan: CasePlan) -> None:
        """About one case in seven changed contact person along the way."""
        until = plan.ended_on or self.today
        span = (until - plan.admitted_on).days
        if span < 60 or self.rng.random() > 0.15:
            return
        others = [person for person in self.context.contact_persons if person.pk != plan.contact_person.pk]
        if not others:
            return
        plan.previous_contact_person = self.rng.choice(others)
        plan.handover_on = plan.admitted_on + datetime.timedelta(days=self.rng.randint(30, span - 14))

    def any_last_contact(self, youth: Youth) -> int:
        """Most colleagues' youths are on track; some are amber, some red."""
        limit = SupportLevelThreshold.DEFAULT_DAYS[youth.support_level]
        draw = self.rng.random()
        if draw < 0.8:
            return self.weekday_back(1, limit - 3)
        if draw < 0.9:
            return self.weekday_back(limit - 2, limit)
        return self.weekday_back(limit + 1, limit + 25)

    def youth(self, *, status, team, first_name=None, last_name=None, age=None, support_level=None) -> Youth:
        rng = self.rng
        first_name, last_name = first_name or self.first_name(), last_name or self.last_name(first_name)
        born = self.birth_date(age if age is not None else rng.randint(15, 29))
        cpr = self.unique_cpr(born)
        return Youth(
            public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
            organisation=self.context.organisations["kui"],
            team=team,
            first_name=first_name,
            last_name=last_name,
            birth_date=born,
            cpr_encrypted=cpr,
            cpr_hash=cpr_lib.lookup_hash(cpr),
            cpr_key_id=cpr_lib.key_id(),
            phone=f"{rng.choice('2345')}{rng.randrange(10**7):07d}" if rng.random() < 0.95 else "",
            email=self.email(first_name, last_name) if rng.random() < 0.7 else "",
            address=self.address(),
            education_background=rng.choice(EDUCATION_BACKGROUNDS),
            target_group=self.weighted(TARGET_GROUP_WEIGHTS),
            support_level=support_level or self.weighted(SUPPORT_WEIGHTS),
            status=status,
            referral_source=self.weighted(REFERRAL_WEIGHTS),
            priority=self.weighted({1: 20, 2: 50, 3: 30}),
        )

    def first_name(self) -> str:
        return self.rng.choice(FIRST_NAMES)

    def last_name(self, first_name: str) -> str:
        """Random, but never a second Oliver Jørgensen: the demo login is him."""
        while True:
            last_name = self.rng.choice(LAST_NAMES)
            if (first_name, last_name) != OLIVER[:2]:
                return last_name

    def birth_date(self, age: int) -> datetime.date:
        """A birth date that makes the youth `age` years old today."""
        try:
            birthday = self.today.replace(year=self.today.year - age)
        except ValueError:  # 29 February
            birthday = self.today.replace(year=self.today.year - age, day=28)
        return birthday - datetime.timedelta(days=self.rng.randrange(365))

    def unique_cpr(self, born: datetime.date) -> str:
        """Fake CPR numbers collide now and then among 50,000; the lookup hash is unique."""
        while True:
            number = cpr_lib.fake(born, self.rng)
            if number not in self.used_cprs:
                self.used_cprs.add(number)
                return number

    def email(self, first_name: str, last_name: str) -> str:
        plain = f"{first_name}.{last_name}".lower()
        for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
            plain = plain.replace(danish, ascii_)
        return f"{plain}{self.rng.randrange(100)}@mail.demo.dk"

    def address(self) -> str:
        rng = self.rng
        floor = rng.choice(["", "", ", st. tv.", ", 1. th.", ", 2. tv.", ", 3. mf."])
        postcode, city = rng.choice(CITIES)
        return f"{rng.choice(STREETS)} {rng.randint(1, 120)}{floor}, {postcode} {city}"

    def weekday_back(self, fewest: int, most: int) -> int:
        """Days back to a working day in [fewest, most]: contact persons work weekdays."""
        days = [d for d in range(fewest, most + 1) if (self.today - datetime.timedelta(days=d)).weekday() < 5]
        return self.rng.choice(days or list(range(fewest, most + 1)))

    def weighted(self, weights: dict):
        return _weighted(self.rng, weights)


def _plan_cases(context: DemoContext) -> list[CasePlan]:
    return _Planner(context).plans()


# --- Writing: the rows of each chunk, several bulk inserts per chunk -------


class _CaseFileWriter:
    def __init__(self, context: DemoContext):
        self.context = context
        self.rng = context.rng
        self.today = context.today
        self.registrar = context.users.get("teamleder") or context.users["tovholder"]
        self.tz = timezone.get_current_timezone()
        self.rows: dict[type, list] = {
            model: []
            for model in (
                StatusChange,
                ContactPersonAssignment,
                IntakeMeeting,
                Contact,
                Consent,
                LogbookNote,
                NetworkPerson,
            )
        }

    def write(self, plans: list[CasePlan]) -> None:
        for plan in plans:
            self.status_changes(plan)
            if plan.admitted_on is None:
                continue
            self.assignments(plan)
            self.intake(plan)
            self.contacts(plan)
            self.consents(plan)
            self.notes(plan)
            self.network(plan)
        for model, rows in self.rows.items():
            model.objects.bulk_create(rows, batch_size=CHUNK)
        self.corrections()

    def corrections(self) -> None:
        """About one contact in a hundred was corrected by its author right
        after logging it (a call that was really a meeting): the case file
        marks it "rettet" and keeps the earlier version."""
        corrected = [contact for contact in self.rows[Contact][::97] if contact.pk and contact.reached]
        ContactRevision.objects.bulk_create(
            ContactRevision(
                youth_id=contact.youth_id,
                contact=contact,
                contact_number=contact.pk,
                kind=RevisionKind.CORRECTED,
                happened_at=contact.happened_at,
                medium=ContactMedium.PHONE,
                duration_minutes=contact.duration_minutes,
                participants=contact.participants,
                reached=contact.reached,
                note=contact.note,
                version=1,
                revised_by=contact.logged_by,
            )
            for contact in corrected
        )
        Contact.objects.filter(pk__in=[contact.pk for contact in corrected]).update(version=2)

    def add(self, row) -> None:
        self.rows[type(row)].append(row)

    def status_changes(self, plan: CasePlan) -> None:
        youth = plan.youth
        self.add(
            StatusChange(
                youth=youth,
                from_status="",
                to_status=YouthStatus.WAITING,
                changed_on=youth.referral_date,
                reason="Registreret på ventelisten.",
                changed_by=self.registrar,
            )
        )
        if plan.admitted_on is None:
            return
        self.add(
            StatusChange(
                youth=youth,
                from_status=YouthStatus.WAITING,
                to_status=YouthStatus.ACTIVE,
                changed_on=plan.admitted_on,
                reason="Visitationsmøde.",
                changed_by=plan.holder_on(plan.admitted_on),
            )
        )
        reasons = {
            YouthStatus.PAUSED: PAUSE_REASONS,
            YouthStatus.COMPLETED: COMPLETED_REASONS,
            YouthStatus.WITHDRAWN: WITHDRAWN_REASONS,
        }
        if youth.status in reasons:
            self.add(
                StatusChange(
                    youth=youth,
                    from_status=YouthStatus.ACTIVE,
                    to_status=youth.status,
                    changed_on=plan.ended_on,
                    reason=self.rng.choice(reasons[youth.status]),
                    changed_by=plan.contact_person,
                )
            )

    def assignments(self, plan: CasePlan) -> None:
        """Completed and withdrawn cases end their assignment; paused ones keep the contact person."""
        closed_on = plan.ended_on if plan.youth.status in (YouthStatus.COMPLETED, YouthStatus.WITHDRAWN) else None
        started_on, reason, nominated = plan.admitted_on, "Udpeget på visitationsmødet.", False
        if plan.previous_contact_person is not None:
            self.add(self.assignment(plan, plan.previous_contact_person, plan.admitted_on, plan.handover_on, reason))
            (reason, nominated), started_on = self.rng.choice(HANDOVER_REASONS), plan.handover_on
        self.add(self.assignment(plan, plan.contact_person, started_on, closed_on, reason, nominated))

    def assignment(self, plan, person, started_on, ended_on, reason, nominated=False) -> ContactPersonAssignment:
        return ContactPersonAssignment(
            youth=plan.youth,
            contact_person=person,
            role=self.weighted(ROLE_WEIGHTS),
            is_primary=True,
            nominated_by_youth=nominated or self.rng.random() < 0.05,
            started_on=started_on,
            ended_on=ended_on,
            reason=reason,
            assigned_by=self.registrar,
        )

    def intake(self, plan: CasePlan) -> None:
        rng = self.rng
        person = plan.holder_on(plan.admitted_on)
        self.add(
            IntakeMeeting(
                public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                youth=plan.youth,
                held_on=plan.admitted_on,
                participants=f"Den unge, {rng.choice(['mor', 'far', 'mormor', 'en ven'])}, {person.get_full_name()} "
                f"(tovholder), UU-vejleder, {rng.choice(['jobkonsulent', 'sagsbehandler', 'FGU-vejleder'])}",
                youth_wishes=rng.choice(YOUTH_WISHES),
                agreements=rng.choice(AGREEMENTS),
                starts_now=rng.choice(STARTS_NOW),
                contact_person=person,
                recorded_by=person,
            )
        )

    def contacts(self, plan: CasePlan) -> None:
        """The intake meeting, a few contacts since, the newest reached one on
        `plan.last_contact`; sometimes an unanswered call after it."""
        rng = self.rng
        self.add(
            self.contact(
                plan,
                plan.admitted_on,
                ContactMedium.MEETING,
                90,
                "Visitationsmøde – første skridt aftalt.",
                participants="Den unge, familie og fagpersoner",
            )
        )
        day, days, wanted = plan.last_contact, [], rng.randint(2, 5)
        while day > plan.admitted_on and len(days) < wanted:
            days.append(day)
            day = self.weekday_on_or_before(day - datetime.timedelta(days=rng.randint(4, 21)))
        for number, day in enumerate(days):
            medium = self.weighted({m: weight for m, (weight, *_) in MEDIUMS.items()})
            _, shortest, longest = MEDIUMS[medium]
            reached = number == 0 or rng.random() < 0.9
            note = rng.choice(CONTACT_NOTES) if reached else rng.choice(UNREACHED_NOTES)
            self.add(self.contact(plan, day, medium, rng.randint(shortest, longest), note, reached=reached))
        self.unanswered_since(plan)

    def unanswered_since(self, plan: CasePlan) -> None:
        """A silent youth has usually been tried: an unanswered call does not count as contact."""
        gap = (self.today - plan.last_contact).days
        if plan.youth.status != YouthStatus.ACTIVE or gap < 3:
            return
        if gap >= OVERDUE_DAYS or self.rng.random() < 0.2:
            day = self.weekday_on_or_before(self.today - datetime.timedelta(days=self.rng.randint(1, gap - 1)))
            if day > plan.last_contact:
                note = self.rng.choice(UNREACHED_NOTES)
                self.add(self.contact(plan, day, ContactMedium.PHONE, 2, note, reached=False))

    def contact(self, plan, day, medium, minutes, note, *, reached=True, participants="Den unge") -> Contact:
        at = datetime.datetime.combine(
            day, datetime.time(self.rng.randint(8, 15), self.rng.choice((0, 15, 30, 45))), tzinfo=self.tz
        )
        return Contact(
            youth=plan.youth,
            happened_at=at,
            medium=medium,
            duration_minutes=minutes,
            participants=participants if reached else "",
            reached=reached,
            note=note,
            logged_by=plan.holder_on(day),
        )

    def consents(self, plan: CasePlan) -> None:
        rng = self.rng
        for area in rng.sample(list(ConsentArea), rng.randint(1, 3)):
            consent = Consent(
                youth=plan.youth,
                area=area,
                given_on=plan.admitted_on,
                form=ConsentForm.WRITTEN if rng.random() < 0.8 else ConsentForm.ORAL,
                recorded_by=plan.holder_on(plan.admitted_on),
            )
            span = (self.today - plan.admitted_on).days
            if rng.random() < 0.04 and span > 10:
                consent.withdrawn_on = plan.admitted_on + datetime.timedelta(days=rng.randint(10, span))
            self.add(consent)

    def notes(self, plan: CasePlan) -> None:
        rng = self.rng
        span = max(0, (plan.last_contact - plan.admitted_on).days)
        for _ in range(self.weighted({0: 20, 1: 35, 2: 30, 3: 15})):
            theme = self.weighted(NOTE_THEME_WEIGHTS)
            day = plan.admitted_on + datetime.timedelta(days=rng.randint(0, span))
            self.add(
                LogbookNote(
                    youth=plan.youth,
                    theme=theme,
                    written_on=day,
                    text=rng.choice(NOTE_TEXTS[theme]),
                    written_by=plan.holder_on(day),
                )
            )

    def network(self, plan: CasePlan) -> None:
        """Two to five people, and now and then the contact person, nearer the centre than mother."""
        rng = self.rng
        relations = NETWORK_RELATIONS if plan.youth.user_id is None else OWN_LOGIN_RELATIONS
        for relation, rings, supportive, generation in rng.sample(relations, rng.randint(2, 5)):
            self.add(
                NetworkPerson(
                    youth=plan.youth,
                    name=self.person_name(generation, relation, plan.youth),
                    relation=relation,
                    ring=rng.choice(rings),
                    supportive=rng.random() < supportive,
                )
            )
        if rng.random() < 0.3 or plan.youth.user_id is not None:
            self.add(
                NetworkPerson(
                    youth=plan.youth,
                    name=plan.contact_person.get_full_name(),
                    relation="Tovholder",
                    ring=1,
                    supportive=True,
                )
            )

    def person_name(self, generation: str, relation: str, youth: Youth) -> str:
        pools = {
            "male": MALE_FIRST_NAMES,
            "female": FEMALE_FIRST_NAMES,
            "any": FIRST_NAMES,
            "older_male": OLDER_MALE_FIRST_NAMES,
            "older_female": OLDER_FEMALE_FIRST_NAMES,
            "older_any": OLDER_MALE_FIRST_NAMES + OLDER_FEMALE_FIRST_NAMES,
        }
        last_name = youth.last_name if relation in FAMILY else self.rng.choice(LAST_NAMES)
        return f"{self.rng.choice(pools[generation])} {last_name}"

    def weekday_on_or_before(self, day: datetime.date) -> datetime.date:
        return day - datetime.timedelta(days=max(0, day.weekday() - 4))

    def weighted(self, weights: dict):
        return _weighted(self.rng, weights)


def _weighted(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _write_case_files(context: DemoContext, plans: list[CasePlan]) -> None:
    writer = _CaseFileWriter(context)
    writer.write(plans)
    oliver = next((plan for plan in plans if plan.youth.user_id == context.users["ung"].pk), None)
    if oliver is not None:
        _oliver_extras(context, oliver)


def _oliver_extras(context: DemoContext, plan: CasePlan) -> None:
    """What the scenario needs: consent to share with his internship company,
    and his mentor there on the network map."""
    warehouse = context.organisations.get("warehouse")
    Consent.objects.create(
        youth=plan.youth,
        area=ConsentArea.JOBCENTRE,
        organisation=warehouse,
        given_on=plan.admitted_on,
        form=ConsentForm.WRITTEN,
        recorded_by=plan.contact_person,
    )
    mentor = context.users.get("partner")
    if mentor is not None:
        NetworkPerson.objects.create(
            youth=plan.youth, name=mentor.get_full_name(), relation="Praktikvært, Lagerhuset Nord", ring=2
        )


def _remember(context: DemoContext, plans: list[CasePlan]) -> None:
    admitted = [plan for plan in plans if plan.admitted_on is not None]
    caseload = [plan.youth for plan in plans[:CASELOAD]]
    context.extra["youths"] = [plan.youth for plan in plans]
    context.extra["tovholder_youths"] = caseload
    context.extra["overdue_youths"] = caseload[1 : OVERDUE + 1]
    context.extra["oliver"] = plans[0].youth if plans else None
    context.extra["contact_person_of"] = {plan.youth.pk: plan.contact_person for plan in admitted}
    context.extra["admitted_on"] = {plan.youth.pk: plan.admitted_on for plan in admitted}


def seed_whole_situation(context: DemoContext) -> Youth | None:
    """The 18-year-old of issue 18 in her whole situation: on education
    benefit with ADHD and anxiety, on a psychologist's waiting list; her
    mother drinks and gets family-department support at home. Around her a
    family worker, a psychologist, an addiction counsellor (advising the
    mother) and a job-centre consultant. The notes about the mother are
    marked as concerning her; there is consent for health, social services and
    the job centre, not for the substance-use service."""
    from youths import services

    demo_tovholder = context.users.get("tovholder")
    orgs = context.organisations
    if demo_tovholder is None or not {"family", "substance", "jobcentre", "psychology"} <= set(orgs):
        return None
    # A colleague on the demo tovholder's team holds her thread: the demo
    # tovholder opens her case file but not the notes about her mother; the
    # team lead reads both.
    tovholder = next(
        (p for p in context.contact_persons if p.team_id == demo_tovholder.team_id and p.pk != demo_tovholder.pk),
        demo_tovholder,
    )
    today = context.today
    born = today.replace(year=today.year - 18) - datetime.timedelta(days=40)
    cpr = next(
        number
        for number in (cpr_lib.fake(born, context.rng) for _ in range(100))
        if not Youth.objects.filter(cpr_hash=cpr_lib.lookup_hash(number)).exists()
    )
    sara = services.youth_create(
        by=tovholder,
        cpr=cpr,
        first_name="Sara",
        last_name="Mikkelsen",
        team=tovholder.team,
        birth_date=born,
        target_group="mental_health",
        referral_source="jobcentre",
        referral_date=today - datetime.timedelta(days=60),
        education_background="Afsluttet 9. klasse; stoppede på HHX efter et halvt år.",
    )
    # Like every demo youth, an id drawn from the seed: the same seed gives the same data.
    sara.public_id = uuid.UUID(int=context.rng.getrandbits(128), version=4)
    sara.save(update_fields=["public_id"])
    # Her story began at the referral two months ago, not on the day the demo is seeded.
    StatusChange.objects.filter(youth=sara, to_status=YouthStatus.WAITING).update(changed_on=sara.referral_date)
    services.intake_record(
        youth=sara,
        by=tovholder,
        held_on=today - datetime.timedelta(days=45),
        participants="Sara, hendes mor, familiebehandler og tovholder",
        youth_wishes="Komme i gang med noget praktisk og få styr på angsten.",
        agreements="Sara skrives op til psykolog via Psykologhuset; ugentlig samtale med tovholder.",
        goal="Grundforløb på EUD",
        starts_now="Ugentlig samtale med tovholder",
        starts_now_kind="conversation",
        starts_now_on=today - datetime.timedelta(days=44),
        starts_now_review_on=today + datetime.timedelta(days=7),
        contact_person=tovholder,
    )
    mother = services.network_person_add(
        youth=sara, by=tovholder, name="Hanne Mikkelsen", relation="mor", ring=1, supportive=False
    )
    services.network_person_add(youth=sara, by=tovholder, name="Mille", relation="veninde", ring=1, supportive=True)
    for name, org, role, phone in [
        ("Jens Holm", orgs["family"], "familiebehandler", "70101010"),
        ("Ida Lund", orgs["psychology"], "psykolog", "70202020"),
        ("Bo Berg", orgs["substance"], "rusmiddelkonsulent (rådgiver mor)", "70303030"),
        ("Karin Dahl", orgs["jobcentre"], "jobkonsulent", "70404040"),
    ]:
        services.professional_add(youth=sara, by=tovholder, name=name, organisation=org, role=role, phone=phone)
    for area in (ConsentArea.HEALTH, ConsentArea.SOCIAL, ConsentArea.JOBCENTRE):
        services.consent_give(
            youth=sara, by=tovholder, area=area, given_on=today - datetime.timedelta(days=45), form=ConsentForm.WRITTEN
        )
    for days_ago, text in [
        (30, "Mor har drukket igen; Sara sov hos veninden."),
        (16, "Skolen har sendt en underretning om forholdene hjemme."),
        (5, "Aftalt hvem der taler med mor om hjemmesituationen: familiebehandleren."),
    ]:
        services.note_write(
            youth=sara,
            by=tovholder,
            theme="family",
            text=text,
            written_on=today - datetime.timedelta(days=days_ago),
            concerns=mother,
        )
    services.note_write(
        youth=sara,
        by=tovholder,
        theme="education",
        text="Sara vil gerne prøve et grundforløb, når angsten er bedre.",
        written_on=today - datetime.timedelta(days=10),
    )
    sara = services.youth_update(youth=sara, by=tovholder, version=sara.version, benefit="education_benefit")
    services.target_groups_set(youth=sara, by=tovholder, groups=["mental_health", "unemployed", "social"])
    services.readiness_record(
        youth=sara,
        by=tovholder,
        readiness="activity_ready",
        assessed_on=today - datetime.timedelta(days=50),
        assessed_by="Karin Dahl, jobkonsulent",
        organisation=orgs["jobcentre"],
    )
    services.department_measure_record(
        youth=sara,
        by=tovholder,
        organisation=orgs["family"],
        measure="Familiebehandling i hjemmet, serviceloven § 52",
        starts_on=today - datetime.timedelta(days=90),
    )
    context.extra["whole_situation"] = sara
    return sara
