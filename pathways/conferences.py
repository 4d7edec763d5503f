"""Case conferences (tværfaglig sagsdrøftelse): schedule one, pick the cases,
record what the group said, and leave every case with an action item that
becomes a step in the plan or a task — "the case worker always leaves with
something concrete to try"."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kui.accounts.models import CASEWORK_ROLES, Organisation, Team, User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from pathways import services
from pathways.models import ActionItem, CaseConference, ConferenceAttendee, ConferenceCase, Flag, StepStatus
from youths import documents
from youths.case_dates import check_planned_date
from youths.models import (
    Consent,
    ContactPersonAssignment,
    DocumentKind,
    NetworkPerson,
    Youth,
    YouthStatus,
    consent_covers,
)

THURSDAY = 3


class Becomes:
    """What an action item turns into."""

    STEP = "step"
    TASK = "task"


# --- Reads ----------------------------------------------------------------


def next_conference_date(*, organisation_id: int, team: Team | None, today: datetime.date) -> datetime.date:
    """Fourteen days after the group's last conference (the Horsens rhythm);
    without one, or if that day has passed, the coming Thursday."""
    last = (
        CaseConference.objects.filter(organisation_id=organisation_id, team=team)
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    if last is not None:
        proposed = last + datetime.timedelta(days=CaseConference.DEFAULT_INTERVAL_DAYS)
        if proposed >= today:
            return proposed
    return today + datetime.timedelta(days=(THURSDAY - today.weekday()) % 7 or 7)


def casework_colleagues(user: User) -> QuerySet:
    """Who may own an action item or a task: the organisation's caseworkers."""
    return User.objects.filter(organisation_id=user.organisation_id, role__in=CASEWORK_ROLES, is_active=True)


def _current_primary():
    return ContactPersonAssignment.objects.prefetch_current("assignments")


def candidate_youths(user: User, conference: CaseConference) -> QuerySet:
    """The organisation's active youths with their open flags, flagged ones
    first: the list the cases are picked from. Youths already on the agenda stay on the list even
    if their status changed since, so saving the page does not drop them."""
    on_agenda = Q(pk__in=conference.cases.values("youth_id"))
    return (
        Youth.objects.visible_to(user)
        .filter(Q(status=YouthStatus.ACTIVE) | on_agenda)
        .select_related("team")
        .prefetch_related(Prefetch("flags", queryset=Flag.objects.open(), to_attr="open_flags"), _current_primary())
        .annotate(flagged=Exists(Flag.objects.open().filter(youth=OuterRef("pk"))))
        .order_by("-flagged", "first_name", "last_name", "pk")
    )


def conference_cases(conference: CaseConference, user: User) -> QuerySet:
    """The agenda: each case with its youth, contact person, open flags and
    action item, in a fixed number of queries; `may_open` tells whether the
    user may see the case (ConferenceCase.objects.visible_to) or only that it is there."""
    return (
        conference.cases.with_access(user)
        .select_related("youth", "action_item__owner", "action_item__step", "action_item__task")
        .prefetch_related(
            Prefetch("youth__flags", queryset=Flag.objects.open(), to_attr="open_flags"),
            ContactPersonAssignment.objects.prefetch_current("youth__assignments"),
        )
    )


def cases_without_action_item(conference: CaseConference) -> QuerySet:
    return conference.cases.filter(action_item__isnull=True)


def open_action_items(user: User) -> QuerySet:
    """Action items of the user's organisation whose step or task is not
    finished yet, ordered by owner so the page can group them."""
    unfinished = Q(step__status__in=StepStatus.unfinished()) | Q(task__isnull=False, task__done_at__isnull=True)
    return (
        ActionItem.objects.filter(case__conference__in=CaseConference.objects.visible_to(user))
        .filter(unfinished)
        .select_related("owner", "case__youth", "case__conference", "step", "task")
        .order_by("owner__first_name", "owner__last_name", "owner_id", "due_on", "pk")
    )


# --- Writes ---------------------------------------------------------------


def _require_caseworker(user: User) -> None:
    if not user.does_casework or not user.organisation_id:
        raise ValidationError(_("Only contact persons and team leads hold case conferences."))


@transaction.atomic
def conference_schedule(
    *,
    by: User,
    held_on: datetime.date,
    starts_at: datetime.time | None = None,
    place: str = "",
    team: Team | None = None,
) -> CaseConference:
    _require_caseworker(by)
    if team is not None and team.organisation_id != by.organisation_id:
        raise ValidationError({"team": _("Choose one of your own organisation's teams.")})
    if held_on < timezone.localdate():
        raise ValidationError({"held_on": _("The date cannot be in the past.")})
    conference = CaseConference(
        organisation_id=by.organisation_id, team=team, held_on=held_on, starts_at=starts_at, place=place, chaired_by=by
    )
    conference.full_clean()
    conference.save()
    audit_record(actor=by, action=AuditAction.CREATE, obj=conference, fields=["held_on", "starts_at", "place", "team"])
    return conference


def _check_youth_for_case(conference: CaseConference, youth: Youth) -> None:
    if youth.organisation_id != conference.organisation_id or youth.status != YouthStatus.ACTIVE:
        raise ValidationError(_("Only the organisation's active youths can be discussed."))


@transaction.atomic
def conference_add_case(*, conference: CaseConference, by: User, youth: Youth, question: str = "") -> ConferenceCase:
    _check_youth_for_case(conference, youth)
    if conference.cases.filter(youth=youth).exists():
        raise ValidationError(_("%(name)s is already on the agenda.") % {"name": youth.display_name})
    if conference.cases.count() >= CaseConference.MAX_CASES:
        raise ValidationError(_("A conference has room for at most %(max)d cases.") % {"max": CaseConference.MAX_CASES})
    position = conference.cases.count() + 1
    case = ConferenceCase(conference=conference, youth=youth, question=question.strip(), position=position)
    case.full_clean()
    case.save()
    audit_record(actor=by, action=AuditAction.CREATE, obj=conference, subject_id=youth.public_id, fields=["case"])
    return case


@transaction.atomic
def conference_pick_cases(*, conference: CaseConference, by: User, picks: dict[Youth, str]) -> list[ConferenceCase]:
    """Make the agenda exactly `picks` (youth → question): new youths are
    added, questions updated, youths no longer picked removed — unless the
    group already agreed an action item for them."""
    if len(picks) > CaseConference.MAX_CASES:
        raise ValidationError(_("A conference has room for at most %(max)d cases.") % {"max": CaseConference.MAX_CASES})
    # The picker changes only the cases they may see; a colleague's cases stay.
    theirs = conference.cases.exclude(youth__in=Youth.objects.visible_to(by))
    if len(picks) + theirs.count() > CaseConference.MAX_CASES:
        raise ValidationError(_("A conference has room for at most %(max)d cases.") % {"max": CaseConference.MAX_CASES})
    mine = conference.cases.filter(youth__in=Youth.objects.visible_to(by))
    existing = {case.youth_id: case for case in mine.select_related("youth", "action_item")}
    picked_ids = {youth.pk for youth in picks}
    for case in existing.values():
        if case.youth_id not in picked_ids:
            _remove_case(case, by)
    cases = []
    for youth, question in picks.items():
        case = existing.get(youth.pk)
        if case is None:
            cases.append(conference_add_case(conference=conference, by=by, youth=youth, question=question))
        else:
            if case.question != question.strip():
                case.question = question.strip()
                case.full_clean()
                case.save(update_fields=["question"])
            cases.append(case)
    _renumber(conference)
    return cases


def _remove_case(case: ConferenceCase, by: User) -> None:
    if hasattr(case, "action_item"):
        message = _("%(name)s already has an action item and stays on the agenda.")
        raise ValidationError(message % {"name": case.youth.display_name})
    case.delete()
    audit_record(
        actor=by, action=AuditAction.DELETE, obj=case.conference, subject_id=case.youth.public_id, fields=["case"]
    )


def _renumber(conference: CaseConference) -> None:
    for position, case in enumerate(conference.cases.order_by("position", "pk"), start=1):
        if case.position != position:
            ConferenceCase.objects.filter(pk=case.pk).update(position=position)


def _pathway_for_step(youth: Youth):
    pathway = youth.pathways.active().first()
    if pathway is None:
        raise ValidationError({"becomes": _("The youth has no active pathway; start one first or choose a task.")})
    return pathway


@transaction.atomic
def action_item_create(
    *,
    case: ConferenceCase,
    by: User,
    description: str,
    owner: User,
    due_on: datetime.date,
    becomes: str,
    step_type: str = "",
    starts_on: datetime.date | None = None,
    professional: NetworkPerson | None = None,
) -> ActionItem:
    """The case's concrete next thing to try. It is written into the youth's
    plan as a step, or given to the owner as a task, so it cannot be lost in
    the minutes."""
    youth = case.youth
    if ActionItem.objects.filter(case=case).exists():
        raise ValidationError(_("This case already has an action item."))
    if not description.strip():
        raise ValidationError({"description": _("Describe what to try.")})
    if owner.organisation_id != youth.organisation_id or not owner.does_casework or not owner.is_active:
        raise ValidationError({"owner": _("Choose an owner from the youth's own organisation.")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})
    check_planned_date(due_on, field="due_on")
    if professional is not None and not youth.network.professional().current().filter(pk=professional.pk).exists():
        raise ValidationError({"professional": _("Choose a professional from the youth's professional network.")})
    if (
        professional is not None
        and professional.organisation_id
        and not consent_covers(youth, professional.organisation)
    ):
        # Handing the action item over shares the case with that service: never without the youth's consent.
        raise ValidationError(
            {
                "professional": _(
                    "No consent covers sharing the case with %(service)s. Record the consent first, or let the "
                    "owner carry out the action item."
                )
                % {"service": professional.organisation.name}
            },
            code="consent_missing",
        )
    item = ActionItem(case=case, description=description.strip(), owner=owner, due_on=due_on, professional=professional)
    if becomes == Becomes.STEP:
        if not step_type or starts_on is None:
            raise ValidationError({"step_type": _("Choose the type and start date of the step.")})
        item.step = services.step_add(
            pathway=_pathway_for_step(youth),
            by=by,
            note=_("Action item from a case conference"),
            step_type=step_type,
            title=item.description[:200],
            starts_on=starts_on,
            # The action item's date is when the group looks at it again.
            review_on=max(due_on, starts_on),
        )
    elif becomes == Becomes.TASK:
        item.task = services.task_create(youth=youth, by=by, owner=owner, title=item.description[:200], due_on=due_on)
    else:
        raise ValidationError({"becomes": _("Choose whether the action item becomes a step or a task.")})
    item.full_clean()
    item.save()
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        obj=item,
        subject_id=youth.public_id,
        fields=["description", "owner", "due_on", becomes, *(["professional"] if professional else [])],
    )
    return item


@transaction.atomic
def conference_record_case(*, case: ConferenceCase, by: User, notes: str, action: dict | None = None) -> ConferenceCase:
    """Save what the group said about a case and, the first time, its
    mandatory action item; if the action item is refused, the notes are not
    saved either, so the form can be corrected and sent again."""
    case.notes = notes.strip()
    case.full_clean()
    case.save(update_fields=["notes"])
    audit_record(
        actor=by, action=AuditAction.UPDATE, obj=case.conference, subject_id=case.youth.public_id, fields=["notes"]
    )
    if action is not None:
        action_item_create(case=case, by=by, **action)
    return case


def conference_mark_done(*, conference: CaseConference, by: User) -> CaseConference:
    """Close the meeting: refused while any case lacks its action item."""
    missing = [case.youth.display_name for case in cases_without_action_item(conference).select_related("youth")]
    if not conference.cases.exists():
        raise ValidationError(_("The conference has no cases yet."))
    if missing:
        raise ValidationError(_("These cases still need an action item: %(names)s.") % {"names": ", ".join(missing)})
    if conference.done_at is None:
        conference.done_at = timezone.now()
        conference.save(update_fields=["done_at"])
        # The minutes as made: later edits of a case or an attendee do not rewrite them.
        documents.snapshot_make(
            kind=DocumentKind.CONFERENCE_MINUTES,
            source_id=conference.pk,
            youth=None,
            data=minutes_data(conference),
            by=by,
            subject_ids=[youth.public_id for youth in Youth.objects.filter(conference_cases__conference=conference)],
        )
    audit_record(actor=by, action=AuditAction.UPDATE, obj=conference, fields=["done_at"])
    return conference


# --- Who takes part, and whether each case may be shared with them -----------


def consent_gaps(conference: CaseConference, organisations=None) -> list[tuple[Youth, Organisation]]:
    """(youth, organisation) for every case whose youth has no current consent
    covering an outside organisation taking part (the youth unit's own
    organisation needs none). Shown as a warning before anything is shared."""
    if organisations is None:
        organisations = [attendee.organisation for attendee in conference.attendees.select_related("organisation")]
    outside = {org.pk: org for org in organisations if org.pk != conference.organisation_id}.values()
    if not outside:
        return []
    youths = [case.youth for case in conference.cases.select_related("youth")]
    gaps = []
    for org in outside:  # one query per outside organisation, whatever the number of cases
        covered = set(
            Consent.objects.covering(org).filter(youth__in=[y.pk for y in youths]).values_list("youth_id", flat=True)
        )
        gaps += [(youth, org) for youth in youths if youth.pk not in covered]
    return gaps


def gap_message(gaps, *, user: User | None = None, conference: CaseConference | None = None) -> str:
    """The warning naming the youths concerned. Given the reader, a youth
    whose case the reader may not open (ConferenceCase.objects.visible_to)
    is counted, not named: the warning must not leak who is on the agenda."""
    nameable = None
    if user is not None and conference is not None:
        nameable = set(
            ConferenceCase.objects.visible_to(user).filter(conference=conference).values_list("youth_id", flat=True)
        )
    named = {f"{youth.display_name} ({org})" for youth, org in gaps if nameable is None or youth.pk in nameable}
    hidden = len({youth.pk for youth, _org in gaps if nameable is not None and youth.pk not in nameable})
    parts = sorted(named)
    if hidden:
        parts.append(
            ngettext("%(count)d case outside your caseload", "%(count)d cases outside your caseload", hidden)
            % {"count": hidden}
        )
    return _(
        "No consent covers sharing these cases with an organisation taking part: %(names)s. "
        "Discuss them without that organisation, or record the consent first."
    ) % {"names": ", ".join(parts)}


@transaction.atomic
def conference_attendee_add(
    *,
    conference: CaseConference,
    by: User,
    name: str,
    profession: str,
    organisation: Organisation | None,
    professional: NetworkPerson | None = None,
    shared_without_consent_confirmed: bool = False,
) -> ConferenceAttendee:
    """Record who takes part. An outside organisation that a case's consent
    does not cover is refused with a warning naming the cases, unless the
    chair confirms having read it (the cases are then discussed without it)."""
    _require_caseworker(by)
    check_attendees_open(conference, by)
    errors = {}
    if not name.strip():
        errors["name"] = _("Write the participant's name.")
    if not profession.strip():
        errors["profession"] = _("Write the participant's profession, for example psychologist.")
    if organisation is None:
        errors["organisation"] = _("Choose the participant's organisation.")
    if errors:
        raise ValidationError(errors)
    gaps = consent_gaps(conference, [organisation])
    if gaps and not shared_without_consent_confirmed:
        raise ValidationError(
            {"shared_without_consent_confirmed": gap_message(gaps, user=by, conference=conference)},
            code="consent_missing",
        )
    attendee = ConferenceAttendee(
        conference=conference,
        name=name.strip(),
        profession=profession.strip(),
        organisation=organisation,
        professional=professional,
    )
    attendee.full_clean()
    attendee.save()
    audit_record(actor=by, action=AuditAction.CREATE, obj=conference, fields=["attendees"])
    return attendee


def check_attendees_open(conference: CaseConference, by: User) -> None:
    """Participants change only while the conference is not done, and only by
    those who manage it (CaseConference.objects.managed_by)."""
    if not CaseConference.objects.managed_by(by).filter(pk=conference.pk).exists():
        raise ValidationError(_("Only the chair and the conference's team manage its participants."), code="outsider")
    if conference.done_at is not None:
        raise ValidationError(_("The conference is done; its participants are part of the minutes."), code="done")


@transaction.atomic
def conference_attendee_remove(*, attendee: ConferenceAttendee, by: User) -> None:
    conference = attendee.conference
    check_attendees_open(conference, by)
    attendee.delete()
    audit_record(actor=by, action=AuditAction.UPDATE, obj=conference, fields=["attendees"])


def minutes_data(conference: CaseConference) -> dict:
    """The minutes as they stand when the conference is done: who took part,
    each case's question, notes and action item (with who carries it out)."""
    cases = conference.cases.select_related("youth", "action_item__owner", "action_item__professional__organisation")
    return {
        "held_on": conference.held_on.isoformat(),
        "place": conference.place,
        "chair": str(conference.chaired_by),
        "attendees": [
            {"name": a.name, "profession": a.profession, "organisation": str(a.organisation)}
            for a in conference.attendees.select_related("organisation")
        ],
        "cases": [
            {
                "youth_id": str(case.youth.public_id),  # the minutes page hides cases the reader may not open
                "youth": case.youth.display_name,
                "question": case.question,
                "notes": case.notes,
                "action": _action_data(case),
            }
            for case in cases
        ],
    }


def _action_data(case: ConferenceCase) -> dict:
    item = getattr(case, "action_item", None)
    if item is None:
        return {}
    return {
        "description": item.description,
        "owner": str(item.owner),
        "carried_out_by": str(item.professional) if item.professional_id else "",
        "due_on": item.due_on.isoformat(),
    }
