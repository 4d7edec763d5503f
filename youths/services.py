"""Writes to the case file. Each service validates, saves, writes history and
the audit trail; views only parse input and call these."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Lower, Replace
from django.utils import timezone
from django.utils.translation import gettext as _

from kui.accounts.models import CASEWORK_ROLES, Organisation, OrganisationKind, Role, User
from kui.audit.models import AuditAction
from kui.audit.services import audit_event, audit_record, audit_record_many
from kui.lib import cpr as cpr_lib
from kui.lib import names
from youths import documents
from youths.case_dates import admissions_of, check_case_date, planned_date_error
from youths.contact_persons import is_eligible_contact_person
from youths.models import (
    AssignmentRole,
    CaseFileAccess,
    Closeness,
    Consent,
    Contact,
    ContactMedium,
    ContactPersonAssignment,
    ContactPersonProposal,
    ContactRevision,
    DepartmentMeasure,
    EffortLimits,
    IntakeMeeting,
    LogbookNote,
    NetworkKind,
    NetworkPerson,
    ProposalStatus,
    ReadinessAssessment,
    RevisionKind,
    StatusChange,
    SupportLevel,
    SupportLevelThreshold,
    TargetGroup,
    Youth,
    YouthCorrection,
    YouthStatus,
    YouthTargetGroup,
)
from youths.signals import case_changed, intake_recorded

YOUTH_FIELDS = [
    "first_name",
    "last_name",
    "preferred_name",
    "birth_date",
    "phone",
    "email",
    "address",
    "education_background",
    "benefit",
    "target_group",
    "support_level",
    "referral_source",
    "referral_date",
    "priority",
    "team",
]


# Who the effort is for: young people aged 15–29 (a year's slack on each side
# for a birthday around the referral).
MIN_AGE, MAX_AGE = 14, 30


class StaleEdit(ValidationError):
    """Someone else saved the record after this form was opened."""


class ContactRemoved(ValidationError):
    """The contact was saved once and its author has removed it since: the
    same client_key sent again never brings it back."""


def youth_check_registration(
    *, birth_date: datetime.date | None = None, referral_date: datetime.date | None = None, cpr: str = ""
) -> None:
    """The rules of a youth's registration, for whatever is given: the age
    the effort is for, dates not in the future, a CPR number that matches
    the birth date. Raises one ValidationError naming every field that
    fails; youth_create and youth_update run it, and the forms (the import
    preview too) show its errors before anything is saved."""
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if birth_date is not None:
        age = today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
        if birth_date > today:
            errors["birth_date"] = _("The birth date cannot be in the future.")
        elif not MIN_AGE <= age <= MAX_AGE:
            errors["birth_date"] = _("The effort is for young people aged 15–29; check the birth date.")
    if referral_date is not None and referral_date > today:
        errors["referral_date"] = _("The referral date cannot be in the future.")
    if cpr and birth_date is not None and cpr_lib.birth_date(cpr) != birth_date:
        errors["cpr"] = _("The CPR number does not match the birth date.")
    if errors:
        raise ValidationError(errors)


def _audit(actor, action, obj, youth: Youth, fields=()):
    audit_record(actor=actor, action=action, obj=obj, subject_id=youth.public_id, fields=fields)


def youth_read(*, youth: Youth, by: User, purpose: str = "") -> Youth:
    """Reading a case file is itself recorded (who looked, when, from where)."""
    audit_record(actor=by, action=AuditAction.READ, obj=youth, subject_id=youth.public_id, purpose=purpose)
    return youth


# Youths born the same day are few, but a register holds many days' worth of
# one name: the candidates are bounded by the birth date, then compared by name.
DUPLICATE_CANDIDATE_LIMIT = 200
# On PostgreSQL the folded full names are also compared by trigram similarity
# (pg_trgm): it catches two slips in a long name that one edit per name misses.
DUPLICATE_TRIGRAM_THRESHOLD = 0.6


def names_look_alike(first_name: str, last_name: str, other_first_name: str, other_last_name: str) -> bool:
    """Spelling variants of one name: after folding (æ/ae, ø/oe, å/aa, accents,
    case) first and last name each differ by at most one letter. The rule of
    the register's duplicate check and of the caseload import."""
    return names.within_one_edit(names.fold(first_name), names.fold(other_first_name)) and names.within_one_edit(
        names.fold(last_name), names.fold(other_last_name)
    )


def _folded_full_name():
    """The SQL twin of kui.lib.names.fold for the trigram comparison."""
    expression = Lower(Concat("first_name", Value(" "), "last_name"))
    for letter, spelled in names.FOLDS.items():
        expression = Replace(expression, Value(letter), Value(spelled))
    return expression


def _same_birth_date_candidates(organisation_scope, *, first_name: str, last_name: str, birth_date) -> list[Youth]:
    candidates = organisation_scope.filter(birth_date=birth_date).select_related("organisation", "team")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity  # needs the PostgreSQL driver

        candidates = candidates.annotate(
            name_similarity=TrigramSimilarity(_folded_full_name(), names.fold(f"{first_name} {last_name}"))
        ).order_by("-name_similarity", "pk")
    else:
        candidates = candidates.order_by("pk")
    return [
        youth
        for youth in candidates[:DUPLICATE_CANDIDATE_LIMIT]
        if names_look_alike(first_name, last_name, youth.first_name, youth.last_name)
        or getattr(youth, "name_similarity", 0) >= DUPLICATE_TRIGRAM_THRESHOLD
    ]


def find_duplicates(*, organisation_scope, first_name: str, last_name: str, birth_date, cpr: str = "") -> list[Youth]:
    """Youths already known with the same CPR, or the same birth date and a
    name that is the same or a spelling variant of it (names_look_alike; on
    PostgreSQL also a trigram match). Searches whatever scope it is given —
    all organisations for the register — and the caller decides what to reveal."""
    found = []
    if cpr:
        found = list(
            organisation_scope.filter(cpr_hash__in=cpr_lib.lookup_hashes(cpr)).select_related("organisation", "team")
        )
    seen = {youth.pk for youth in found}
    similar = _same_birth_date_candidates(
        organisation_scope, first_name=first_name, last_name=last_name, birth_date=birth_date
    )
    return found + [youth for youth in similar if youth.pk not in seen]


def _set_cpr(youth: Youth, raw: str) -> None:
    if raw:
        number = cpr_lib.normalise(raw)
        youth.cpr_encrypted = number
        youth.cpr_hash = cpr_lib.lookup_hash(number)
        youth.cpr_key_id = cpr_lib.key_id()
    else:
        youth.cpr_encrypted = None
        youth.cpr_hash = None
        youth.cpr_key_id = ""


def _youth_new(*, by: User, cpr: str, status: str, fields: dict) -> tuple[Youth, StatusChange]:
    """The youth and its first status change, unsaved: one home for what
    registering means, whether one youth is registered or a thousand."""
    youth_check_registration(
        birth_date=fields.get("birth_date"), referral_date=fields.get("referral_date"), cpr=_normalised(cpr)
    )
    youth = Youth(organisation=by.organisation, status=status, **fields)
    _set_cpr(youth, cpr)
    change = StatusChange(
        youth=youth,
        from_status="",
        to_status=status,
        changed_on=timezone.localdate(),
        reason=_("Registered"),
        changed_by=by,
    )
    return youth, change


def _created_fields(fields: dict, cpr: str) -> list[str]:
    return [*fields, *(["cpr"] if cpr else [])]


@transaction.atomic
def youth_create(*, by: User, cpr: str = "", status: str = YouthStatus.WAITING, **fields) -> Youth:
    youth, change = _youth_new(by=by, cpr=cpr, status=status, fields=fields)
    youth.full_clean()
    youth.save()
    change.save()
    _audit(by, AuditAction.CREATE, youth, youth, fields=_created_fields(fields, cpr))
    return youth


def full_clean_in_bulk(obj) -> None:
    """full_clean without the checks that cost a query per row: foreign keys
    (the caller holds the objects, so they exist), uniqueness and table
    constraints (the database enforces them, and an IntegrityError rolls
    the whole batch back; callers check duplicates up front for a readable
    message, as the import does)."""
    relations = [field.name for field in obj._meta.concrete_fields if field.is_relation]
    obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)


@transaction.atomic
def youth_create_many(*, by: User, youths: list[dict]) -> list[Youth]:
    """youth_create for many youths in a few queries (the spreadsheet import):
    each dict holds youth_create's keyword arguments (cpr, status, fields)."""
    made = []
    for spec in youths:
        fields = dict(spec)
        cpr, status = fields.pop("cpr", ""), fields.pop("status", YouthStatus.WAITING)
        youth, change = _youth_new(by=by, cpr=cpr, status=status, fields=fields)
        full_clean_in_bulk(youth)
        made.append((youth, change, _created_fields(fields, cpr)))
    created = Youth.objects.bulk_create([youth for youth, *_ in made], batch_size=500)
    for youth, change, _fields in made:
        change.youth = youth  # the id is known only now
    StatusChange.objects.bulk_create([change for _youth, change, _fields in made], batch_size=1000)
    audit_record_many(
        audit_event(actor=by, action=AuditAction.CREATE, obj=youth, subject_id=youth.public_id, fields=fields)
        for youth, _change, fields in made
    )
    return created


@transaction.atomic
def youth_update(*, youth: Youth, by: User, version: int, cpr: str | None = None, **fields) -> Youth:
    """Saves only if nobody else saved since `version` was read: a conditional
    UPDATE claims the next version first, so two editors can never both win."""
    # Compare with what is stored: a bound ModelForm has already copied its values onto `youth`.
    stored = Youth.objects.get(pk=youth.pk)
    changed = [name for name, value in fields.items() if getattr(stored, name) != value]
    youth_check_registration(
        birth_date=fields.get("birth_date", stored.birth_date) if "birth_date" in changed or cpr else None,
        referral_date=fields.get("referral_date") if "referral_date" in changed else None,
        cpr=_normalised(cpr or ""),
    )
    for name, value in fields.items():
        setattr(youth, name, value)
    if cpr is not None and _cpr_differs(youth, cpr):
        _set_cpr(youth, cpr)
        changed.append("cpr")
    youth.full_clean()
    claimed = Youth.objects.filter(pk=youth.pk, version=version).update(version=F("version") + 1)
    if not claimed:
        raise StaleEdit(_("Someone else has changed this youth since you opened the form. Reload and try again."))
    youth.version = version + 1
    youth.save(update_fields=[*YOUTH_FIELDS, "cpr_encrypted", "cpr_hash", "cpr_key_id", "updated_at"])
    if changed:
        _keep_earlier_values(stored, changed, by)
        _audit(by, AuditAction.UPDATE, youth, youth, fields=changed)
    return youth


def _normalised(raw: str) -> str:
    """The CPR number in its stored form ("" if it is not one: _set_cpr refuses those)."""
    try:
        return cpr_lib.normalise(raw) if raw else ""
    except cpr_lib.InvalidCpr:
        return ""


def _shown(youth: Youth, name: str) -> str:
    if name == "cpr":
        return youth.cpr_masked
    value = getattr(youth, name)
    if value is None:
        return ""
    display = getattr(youth, f"get_{name}_display", None)
    if display is not None:
        return str(display())
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def _keep_earlier_values(stored: Youth, changed: list[str], by: User) -> None:
    """Corrections never overwrite: the value before the change is kept."""
    YouthCorrection.objects.bulk_create(
        YouthCorrection(
            youth=stored,
            field="cpr_encrypted" if name == "cpr" else name,
            earlier_value=_shown(stored, name),
            changed_by=by,
        )
        for name in changed
    )


def _cpr_differs(youth: Youth, raw: str) -> bool:
    if not raw:
        return youth.cpr_hash is not None
    return youth.cpr_hash not in cpr_lib.lookup_hashes(raw)


@transaction.atomic
def youth_change_status(
    *, youth: Youth, by: User, to_status: str, changed_on: datetime.date, reason: str
) -> StatusChange:
    if to_status == youth.status:
        raise ValidationError({"to_status": _("The youth already has this status.")})
    if changed_on > timezone.localdate():
        raise ValidationError({"changed_on": _("The date cannot be in the future.")})
    if to_status == YouthStatus.ACTIVE and not youth.assignments.current().exists():
        raise ValidationError({"to_status": _("An active youth must have a contact person: name one first.")})

    check_case_date(youth, changed_on, field="changed_on")
    change = StatusChange(
        youth=youth,
        from_status=youth.status,
        to_status=to_status,
        changed_on=changed_on,
        reason=reason.strip(),
        changed_by=by,
    )
    change.full_clean()
    change.save()
    Youth.objects.filter(pk=youth.pk).update(status=to_status, version=F("version") + 1, updated_at=timezone.now())
    youth.refresh_from_db()
    _audit(by, AuditAction.UPDATE, youth, youth, fields=["status"])
    case_changed.send(sender=StatusChange, youth=youth)
    return change


def _check_assignable(
    *, youth: Youth, contact_person: User, started_on: datetime.date, eligible: bool | None = None, **admission
) -> None:
    """Who may hold the thread (youths/contact_persons.py) and when: the one
    rule for a single assignment and for the import's first assignments
    (which pass `eligible`, looked up once per person)."""
    if eligible is None:
        eligible = is_eligible_contact_person(youth, contact_person)
    if not eligible:
        raise ValidationError(
            {
                "contact_person": _(
                    "Choose an active caseworker of the youth's own organisation or a staff member of a partner."
                )
            }
        )
    check_case_date(youth, started_on, field="started_on", **admission)


@transaction.atomic
def contact_person_assign_first_many(
    *, by: User, pairs: list[tuple[Youth, User]], started_on: datetime.date, reason: str = ""
) -> list[ContactPersonAssignment]:
    """The first primary contact person of youths who have none (just
    registered by youth_create_many): the same rules as contact_person_assign,
    in a few queries. A youth who already has one makes it fail, as the
    database's one-current-contact-person constraint would."""
    if ContactPersonAssignment.objects.filter(
        youth__in=[youth for youth, _person in pairs], is_primary=True, ended_on__isnull=True
    ).exists():
        raise ValidationError({"contact_person": _("This youth already has a contact person.")})
    assignments, eligible = [], {}
    admissions = admissions_of([youth for youth, _person in pairs])
    for youth, contact_person in pairs:
        key = (youth.organisation_id, contact_person.pk)
        if key not in eligible:  # a spreadsheet names a handful of people for hundreds of rows
            eligible[key] = is_eligible_contact_person(youth, contact_person)
        _check_assignable(
            youth=youth,
            contact_person=contact_person,
            started_on=started_on,
            eligible=eligible[key],
            admitted=admissions.get(youth.pk),
        )
        assignment = ContactPersonAssignment(
            youth=youth,
            contact_person=contact_person,
            started_on=started_on,
            reason=reason.strip(),
            role=AssignmentRole.TOVHOLDER,
            assigned_by=by,
            is_primary=True,
        )
        full_clean_in_bulk(assignment)
        assignments.append(assignment)
    created = ContactPersonAssignment.objects.bulk_create(assignments, batch_size=1000)
    audit_record_many(
        audit_event(
            actor=by,
            action=AuditAction.CREATE,
            obj=assignment,
            subject_id=assignment.youth.public_id,
            fields=["contact_person", "started_on", "role"],
        )
        for assignment in created
    )
    return created


@transaction.atomic
def contact_person_assign(
    *,
    youth: Youth,
    by: User,
    contact_person: User,
    started_on: datetime.date,
    reason: str = "",
    role: str = AssignmentRole.TOVHOLDER,
    nominated_by_youth: bool = False,
) -> ContactPersonAssignment:
    """A change of primary contact person ends the current assignment on the
    new start date and starts a new one: a dated event, never an overwrite.
    The reason is required for a change, so the history says why."""
    _check_assignable(youth=youth, contact_person=contact_person, started_on=started_on)
    reason = reason.strip()
    current = ContactPersonAssignment.objects.select_for_update().current().filter(youth=youth).first()
    if current is not None:
        if current.contact_person_id == contact_person.pk:
            raise ValidationError({"contact_person": _("This person is already the contact person.")})
        if started_on < current.started_on:
            raise ValidationError({"started_on": _("The change cannot be dated before the current assignment began.")})
        if not reason:
            raise ValidationError({"reason": _("Say why the contact person is changed.")})
        current.ended_on = started_on
        current.save(update_fields=["ended_on"])
        _audit(by, AuditAction.UPDATE, current, youth, fields=["ended_on"])
    assignment = ContactPersonAssignment(
        youth=youth,
        contact_person=contact_person,
        started_on=started_on,
        reason=reason,
        role=role,
        nominated_by_youth=nominated_by_youth,
        assigned_by=by,
        is_primary=True,
    )
    assignment.full_clean()
    assignment.save()
    _audit(by, AuditAction.CREATE, assignment, youth, fields=["contact_person", "started_on", "role"])
    if current is not None:
        # A change of hands may resolve a "no contact person" flag at once. A
        # first assignment (intake, import) is followed by its own re-scan.
        case_changed.send(sender=ContactPersonAssignment, youth=youth)
    return assignment


def contact_log(
    *,
    youth: Youth,
    by: User,
    happened_at: datetime.datetime,
    medium: str,
    duration_minutes: int,
    reached: bool = True,
    participants: str = "",
    note: str = "",
    concerns: NetworkPerson | None = None,
    client_key: uuid.UUID | None = None,
) -> Contact:
    """Log a contact. `client_key` is chosen where the contact was typed: the
    same contact sent again (a lost answer, the phone's offline queue when
    the network returns, a double tap) is answered with the contact saved the
    first time, never a second one — and once its author has removed it, it
    is refused rather than saved again (ContactRemoved)."""
    if client_key is not None:
        earlier = _contact_sent_before(youth=youth, by=by, client_key=client_key)
        if earlier is not None:
            return earlier
    _check_contact_time(youth, happened_at)
    _check_concerns(youth, concerns)
    contact = Contact(
        youth=youth,
        happened_at=happened_at,
        medium=medium,
        duration_minutes=duration_minutes,
        reached=reached,
        participants=participants,
        note=note,
        concerns=concerns,
        logged_by=by,
        client_key=client_key,
    )
    # The youth and the author are loaded objects: no need to look them up again.
    contact.full_clean(exclude=["youth", "logged_by"])
    if client_key is None:
        contact.save()
    else:
        try:
            with transaction.atomic():
                contact.save()
                # Asked after the insert, not before: a removal committing while
                # this insert waited on the unique key is seen here as well.
                if _contact_key_removed(by=by, client_key=client_key):
                    raise ContactRemoved(
                        _("This contact was removed after it had been saved, so it was not saved again.")
                    )
        except IntegrityError:
            # The same contact arrived twice at the same moment (two open tabs
            # sending the queue): the database's unique key let one through.
            earlier = _contact_sent_before(youth=youth, by=by, client_key=client_key)
            if earlier is None:
                raise
            return earlier
    _audit(by, AuditAction.CREATE, contact, youth, fields=["happened_at", "medium", "duration_minutes", "reached"])
    case_changed.send(sender=Contact, youth=youth, contact=contact)
    return contact


CONTACT_FIELDS = ["happened_at", "medium", "duration_minutes", "participants", "reached", "note"]


def _check_contact_time(youth: Youth, happened_at: datetime.datetime) -> None:
    now = timezone.now()
    if happened_at > now + datetime.timedelta(minutes=5):
        raise ValidationError({"happened_at": _("A contact cannot lie in the future.")})
    if happened_at < now - datetime.timedelta(days=366):
        raise ValidationError({"happened_at": _("A contact more than a year back cannot be logged here.")})
    check_case_date(youth, timezone.localtime(happened_at).date(), field="happened_at", from_referral=True)


def _check_may_revise(contact: Contact, by: User) -> None:
    """Only the author, and only within the window: after that the log is
    what it is, and a mistake is answered by a new entry."""
    if contact.logged_by_id != by.pk:
        raise ValidationError(_("Only the person who logged a contact can correct or remove it."))
    if timezone.now() > contact.correctable_until():
        raise ValidationError(
            _("A contact can only be corrected or removed within %(hours)d hours of logging it.")
            % {"hours": settings.KUI_CONTACT_CORRECTION_HOURS}
        )


def _keep_revision(contact: Contact, by: User, kind: str) -> ContactRevision:
    return ContactRevision.objects.create(
        youth_id=contact.youth_id,
        contact=contact if kind == RevisionKind.CORRECTED else None,
        contact_number=contact.pk,
        kind=kind,
        version=contact.version,
        revised_by=by,
        client_key=contact.client_key,
        **{name: getattr(contact, name) for name in CONTACT_FIELDS},
    )


def _locked_contact(contact: Contact) -> Contact:
    locked = Contact.objects.select_for_update().filter(pk=contact.pk).first()
    if locked is None:
        raise ValidationError(_("The contact has already been removed."))
    return locked


@transaction.atomic
def contact_correct(*, contact: Contact, by: User, version: int, **fields) -> Contact:
    """The author corrects a contact within the window; what it said before
    is kept as a ContactRevision, and the audit names the changed fields."""
    youth = contact.youth
    stored = _locked_contact(contact)
    _check_may_revise(stored, by)
    if stored.version != version:
        raise StaleEdit(_("Someone changed this contact after you opened it. Reload and try again."))
    _check_contact_time(youth, fields["happened_at"])
    changed = [name for name in CONTACT_FIELDS if name in fields and getattr(stored, name) != fields[name]]
    if not changed:
        return stored
    _keep_revision(stored, by, RevisionKind.CORRECTED)
    for name in changed:
        setattr(stored, name, fields[name])
    stored.version += 1
    stored.full_clean(exclude=["youth", "logged_by"])
    stored.save(update_fields=[*changed, "version"])
    _audit(by, AuditAction.UPDATE, stored, youth, fields=changed)
    case_changed.send(sender=Contact, youth=youth)
    return stored


@transaction.atomic
def contact_remove(*, contact: Contact, by: User) -> ContactRevision:
    """The author removes a contact within the window (logged on the wrong
    youth, logged twice, or undone right after saving). It stops counting
    at once — the board and the flags are re-scanned — and its words are
    kept as a ContactRevision."""
    youth = contact.youth
    stored = _locked_contact(contact)
    _check_may_revise(stored, by)
    revision = _keep_revision(stored, by, RevisionKind.REMOVED)
    _audit(by, AuditAction.DELETE, stored, youth)
    stored.delete()
    case_changed.send(sender=Contact, youth=youth)
    return revision


def _contact_key_removed(*, by: User, client_key: uuid.UUID) -> bool:
    # revised_by is the author: only the author may remove a contact (_check_may_revise).
    return ContactRevision.objects.filter(kind=RevisionKind.REMOVED, revised_by=by, client_key=client_key).exists()


def _contact_sent_before(*, youth: Youth, by: User, client_key: uuid.UUID) -> Contact | None:
    earlier = Contact.objects.filter(logged_by=by, client_key=client_key).first()
    if earlier is not None and earlier.youth_id != youth.pk:
        # Only a tampered or buggy client reuses a key for another youth: say
        # so rather than move or copy the contact.
        raise ValidationError(
            _("This contact was already saved for another youth, so it was not saved again. Log it anew.")
        )
    return earlier


def consent_give(
    *, youth: Youth, by: User, area: str, given_on: datetime.date, form: str, organisation=None
) -> Consent:
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("The date cannot be in the future.")})
    consent = Consent(youth=youth, area=area, given_on=given_on, form=form, organisation=organisation, recorded_by=by)
    consent.full_clean()
    consent.save()
    _audit(by, AuditAction.CREATE, consent, youth, fields=["area", "given_on", "form", "organisation"])
    return consent


def consent_withdraw(*, consent: Consent, by: User, withdrawn_on: datetime.date) -> Consent:
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent is already withdrawn."))
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("The date cannot be in the future.")})
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": _("A consent cannot be withdrawn before it was given.")})
    consent.withdrawn_on = withdrawn_on
    consent.full_clean()
    consent.save(update_fields=["withdrawn_on"])
    _audit(by, AuditAction.UPDATE, consent, consent.youth, fields=["withdrawn_on"])
    return consent


def _check_concerns(youth: Youth, concerns: NetworkPerson | None) -> None:
    """A third party must stand on this youth's own network map."""
    if concerns is not None and concerns.youth_id != youth.pk:
        raise ValidationError({"concerns": _("Choose a person from this youth's network map.")})


def note_write(
    *,
    youth: Youth,
    by: User,
    theme: str,
    text: str,
    written_on: datetime.date,
    concerns: NetworkPerson | None = None,
) -> LogbookNote:
    _check_concerns(youth, concerns)
    if written_on > timezone.localdate():
        raise ValidationError({"written_on": _("The date cannot be in the future.")})
    # A TextField's max_length is not checked by full_clean(); the limit is a rule, so check it here.
    max_length = LogbookNote._meta.get_field("text").max_length
    if len(text) > max_length:
        raise ValidationError({"text": _("A note can be at most %(max)d characters.") % {"max": max_length}})
    note = LogbookNote(youth=youth, theme=theme, text=text, written_on=written_on, written_by=by, concerns=concerns)
    note.full_clean()
    note.save()
    _audit(by, AuditAction.CREATE, note, youth, fields=["theme", "text", *(["concerns"] if concerns else [])])
    return note


def network_person_add(
    *, youth: Youth, by: User, name: str, relation: str, ring: int, supportive: bool
) -> NetworkPerson:
    person = NetworkPerson(youth=youth, name=name, relation=relation, ring=ring, supportive=supportive)
    person.full_clean()
    person.save()
    _audit(by, AuditAction.CREATE, person, youth, fields=["name", "relation", "ring", "supportive"])
    return person


def _not_another_department(organisation: Organisation | None) -> str | None:
    """The Danish message when `organisation` is not one of the other departments
    (their professionals and their measures stand in the youth's case), or None."""
    if organisation is not None and organisation.kind in OrganisationKind.other_departments():
        return None
    return _(
        "Choose a service of another department: family department, health, psychiatry, job centre "
        "or substance-use service."
    )


def professional_add(
    *, youth: Youth, by: User, name: str, organisation: Organisation | None, role: str, phone: str = ""
) -> NetworkPerson:
    """A professional of another department (family department, health,
    psychiatry, job centre, substance-use service) in the youth's
    professional network, shown apart from family and friends."""
    errors = {}
    if refused := _not_another_department(organisation):
        errors["organisation"] = refused
    if not name.strip():
        errors["name"] = _("Write the professional's name.")
    if not role.strip():
        errors["role"] = _("Write the professional's role, for example psychologist or family worker.")
    if errors:
        raise ValidationError(errors)
    person = NetworkPerson(
        youth=youth,
        kind=NetworkKind.PROFESSIONAL,
        name=name.strip(),
        relation=role.strip(),
        organisation=organisation,
        phone=phone.strip(),
        ring=Closeness.OUTER,
        supportive=True,
    )
    person.full_clean()
    person.save()
    _audit(by, AuditAction.CREATE, person, youth, fields=["name", "relation", "organisation", "phone", "kind"])
    return person


def network_person_remove(*, person: NetworkPerson, by: User, on: datetime.date | None = None) -> NetworkPerson:
    """Taking someone off the map ends their row: the map's history (and the
    notes about them) stay."""
    on = on or timezone.localdate()
    if person.valid_to is not None:
        raise ValidationError(_("This person has already been taken off the network map."))
    if on < person.valid_from or on > timezone.localdate():
        raise ValidationError(_("The date must lie between the day the person was added and today."))
    person.valid_to = on
    person.save(update_fields=["valid_to"])
    _audit(by, AuditAction.UPDATE, person, person.youth, fields=["valid_to"])
    return person


INTAKE_MEETING_MINUTES = 60


def _intake_contact_time(day: datetime.date) -> datetime.datetime:
    """The meeting as a contact: at noon of its day, or now if it is earlier today."""
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return min(noon, timezone.now())


@transaction.atomic
def intake_record(
    *,
    youth: Youth,
    by: User,
    held_on: datetime.date,
    contact_person: User,
    goal: str,
    starts_now: str,
    starts_now_kind: str,
    starts_now_on: datetime.date,
    starts_now_review_on: datetime.date,
    **fields,
) -> IntakeMeeting:
    """The intake admits the youth. The meeting is a reached contact; the
    named contact person takes the thread and the ball from the meeting's
    date; what starts right away becomes the plan's first planned step
    (pathways, through `intake_recorded`). All of it, or nothing."""
    check_case_date(youth, held_on, field="held_on", from_referral=True)
    errors = {}
    if not goal.strip():
        errors["goal"] = _("Write the youth's long-term goal.")
    if not starts_now.strip():
        errors["starts_now"] = _("Write what starts right away.")
    if starts_now_on < held_on:
        errors["starts_now_on"] = _("What starts right away cannot start before the meeting.")
    elif starts_now_on > held_on + datetime.timedelta(days=INTAKE_FIRST_STEP_WITHIN_DAYS):
        errors["starts_now_on"] = _("What starts right away must start within %(days)d days of the meeting.") % {
            "days": INTAKE_FIRST_STEP_WITHIN_DAYS
        }
    if starts_now_review_on < max(starts_now_on, timezone.localdate()):
        errors["starts_now_review_on"] = _("The follow-up date must lie ahead, on or after the start.")
    if errors:
        raise ValidationError(errors)
    meeting = IntakeMeeting(
        youth=youth,
        recorded_by=by,
        held_on=held_on,
        contact_person=contact_person,
        goal=goal.strip(),
        starts_now=starts_now.strip(),
        starts_now_kind=starts_now_kind,
        starts_now_on=starts_now_on,
        starts_now_review_on=starts_now_review_on,
        **fields,
    )
    meeting.full_clean()
    meeting.save()
    _audit(by, AuditAction.CREATE, meeting, youth, fields=["held_on", "contact_person", "goal", "starts_now", *fields])
    current = youth.assignments.current().first()
    if current is None or current.contact_person_id != meeting.contact_person_id:
        contact_person_assign(
            youth=youth,
            by=by,
            contact_person=meeting.contact_person,
            started_on=meeting.held_on,
            reason=_("Named at the intake meeting"),
        )
    contact_log(
        youth=youth,
        by=by,
        happened_at=_intake_contact_time(held_on),
        medium=ContactMedium.MEETING,
        duration_minutes=INTAKE_MEETING_MINUTES,
        reached=True,
        participants=meeting.participants[: Contact._meta.get_field("participants").max_length],
        note=_("Intake meeting"),
    )
    intake_recorded.send(sender=IntakeMeeting, meeting=meeting, by=by)
    # The minutes are made now, from the network as it stood on the meeting's day.
    documents.intake_minutes_renew(meeting=meeting, by=by)
    if youth.status != YouthStatus.ACTIVE:
        youth_change_status(
            youth=youth, by=by, to_status=YouthStatus.ACTIVE, changed_on=meeting.held_on, reason=_("Intake meeting")
        )
    return meeting


# "Something starts immediately": the first step begins within two weeks of the meeting.
INTAKE_FIRST_STEP_WITHIN_DAYS = 14


CASELOAD_LIMIT_MAX = 200


def caseload_limit_set(*, person: User, by: User, limit: int) -> User:
    """A team lead sets how many active youths a contact person can hold
    ("you must be able to take calls in the evening"); the caseloads page
    warns above it."""
    if not by.is_team_lead or not person.does_casework or person.organisation_id != by.organisation_id:
        raise ValidationError(_("Only a team lead can set the caseload limit of a colleague in the organisation."))
    if not 0 <= limit <= CASELOAD_LIMIT_MAX:
        raise ValidationError(
            {"caseload_limit": _("Choose a limit between 0 and %(max)d.") % {"max": CASELOAD_LIMIT_MAX}}
        )
    person.caseload_limit = limit
    person.save(update_fields=["caseload_limit"])
    audit_record(actor=by, action=AuditAction.UPDATE, obj=person, fields=["caseload_limit"])
    return person


def cpr_rekey_batch(*, batch_size: int = 500) -> int:
    """Re-encrypt and re-hash up to `batch_size` CPR numbers that are not yet
    under the current keys; returns how many. Each batch is its own
    transaction and the rows it did carry the new key id, so an interrupted
    rotation resumes where it stopped. Audited as one change per batch,
    naming the youths, never the numbers."""
    current = cpr_lib.key_id()
    with transaction.atomic():
        youths = list(
            Youth.objects.select_for_update(skip_locked=True)
            .filter(cpr_encrypted__isnull=False)
            .exclude(cpr_key_id=current)
            .order_by("pk")[:batch_size]
        )
        for youth in youths:
            number = youth.cpr_encrypted  # decrypted with whichever key still opens it
            youth.cpr_encrypted = number  # written back under the current key
            youth.cpr_hash = cpr_lib.lookup_hash(number)
            youth.cpr_key_id = current
        Youth.objects.bulk_update(youths, ["cpr_encrypted", "cpr_hash", "cpr_key_id"])
        if youths:
            audit_record(
                actor=None,
                action=AuditAction.UPDATE,
                actor_label="CPR key rotation",
                fields=["cpr"],
                subjects=[youth.public_id for youth in youths],
            )
    return len(youths)


BREAK_GLASS_MIN_REASON = 10


@transaction.atomic
def case_file_access_open(*, youth: Youth, by: User, reason: str) -> CaseFileAccess:
    """ "Break the glass": open a case file outside the user's caseload and
    team for KUI_BREAK_GLASS_HOURS. The reason is kept on the access row (for
    the review list), never in the audit trail (free text about a youth)."""
    from django.conf import settings

    reason = (reason or "").strip()
    if not by.does_casework or by.organisation_id != youth.organisation_id:
        raise ValidationError(_("Only caseworkers of the youth's own organisation can open this case file."))
    if len(reason) < BREAK_GLASS_MIN_REASON:
        raise ValidationError(
            {
                "reason": _("State why you need to open this case file (at least %(count)d characters).")
                % {"count": BREAK_GLASS_MIN_REASON}
            }
        )
    now = timezone.now()
    access = CaseFileAccess(
        youth=youth,
        user=by,
        reason=reason,
        opened_at=now,
        expires_at=now + datetime.timedelta(hours=settings.KUI_BREAK_GLASS_HOURS),
    )
    access.full_clean()
    access.save()
    audit_record(
        actor=by,
        action=AuditAction.BREAK_GLASS,
        obj=youth,
        subject_id=youth.public_id,
        purpose="break the glass",
    )
    return access


# --- The effort's limits (administrators) -------------------------------------

LIMIT_DAYS_MAX = 365
KUI_WORKING_DAYS_MAX = 30


def _limits_errors(
    *,
    thresholds: dict[str, int],
    kui_contact_working_days: int,
    kui_activity_days: int,
    caseload_limit: int,
    waiting_days: int,
) -> dict:
    errors = {}
    for level, days in thresholds.items():
        if level not in SupportLevel.values:
            errors[level] = _("Unknown support level.")
        elif not 1 <= days <= LIMIT_DAYS_MAX:
            errors[level] = _("Choose between 1 and %(max)d days.") % {"max": LIMIT_DAYS_MAX}
    if not 1 <= kui_contact_working_days <= KUI_WORKING_DAYS_MAX:
        errors["kui_contact_working_days"] = _("Choose between 1 and %(max)d working days.") % {
            "max": KUI_WORKING_DAYS_MAX
        }
    if not 1 <= kui_activity_days <= LIMIT_DAYS_MAX:
        errors["kui_activity_days"] = _("Choose between 1 and %(max)d days.") % {"max": LIMIT_DAYS_MAX}
    if not 1 <= caseload_limit <= CASELOAD_LIMIT_MAX:
        errors["caseload_limit"] = _("Choose a limit between 1 and %(max)d.") % {"max": CASELOAD_LIMIT_MAX}
    if not 1 <= waiting_days <= LIMIT_DAYS_MAX:
        errors["waiting_days"] = _("Choose between 1 and %(max)d days.") % {"max": LIMIT_DAYS_MAX}
    return errors


@transaction.atomic
def effort_limits_update(
    *,
    by: User,
    thresholds: dict[str, int],
    kui_contact_working_days: int,
    kui_activity_days: int,
    caseload_limit: int,
    waiting_days: int,
) -> EffortLimits:
    """Administrators set the effort's limits: days without contact per
    support level, the KUI deadlines, the standard caseload and the longest
    wait. Contact persons whose caseload limit was the old standard follow
    the new one; a limit a team lead set for someone stays. Audited."""
    if not by.is_administrator:
        raise ValidationError(_("Only an administrator can change the limits."))
    errors = _limits_errors(
        thresholds=thresholds,
        kui_contact_working_days=kui_contact_working_days,
        kui_activity_days=kui_activity_days,
        caseload_limit=caseload_limit,
        waiting_days=waiting_days,
    )
    if errors:
        raise ValidationError(errors)
    limits = EffortLimits.objects.select_for_update().filter(pk=1).first() or EffortLimits(pk=1)
    old_caseload = limits.caseload_limit
    changed = [
        name
        for name, value in [
            ("kui_contact_working_days", kui_contact_working_days),
            ("kui_activity_days", kui_activity_days),
            ("caseload_limit", caseload_limit),
            ("waiting_days", waiting_days),
        ]
        if getattr(limits, name) != value
    ]
    limits.kui_contact_working_days, limits.kui_activity_days = kui_contact_working_days, kui_activity_days
    limits.caseload_limit, limits.waiting_days = caseload_limit, waiting_days
    limits.full_clean()
    limits.save()
    if changed:
        audit_record(actor=by, action=AuditAction.UPDATE, obj=limits, fields=changed)
    if old_caseload != caseload_limit:
        User.objects.filter(role__in=CASEWORK_ROLES, caseload_limit=old_caseload).update(caseload_limit=caseload_limit)
    current = SupportLevelThreshold.as_dict()
    for level, days in thresholds.items():
        if current.get(level) == days:
            continue
        threshold, _created = SupportLevelThreshold.objects.update_or_create(
            support_level=level, defaults={"max_days_without_contact": days}
        )
        audit_record(actor=by, action=AuditAction.UPDATE, obj=threshold, fields=["max_days_without_contact"])
    return limits


# --- A contact person leaves (deactivated, or out of the team) -----------------


def _may_manage_staff(by: User, person: User) -> bool:
    if by.is_administrator:
        return True
    return by.is_team_lead and person.organisation_id == by.organisation_id and person.pk != by.pk


def _hand_on_youths(*, person: User, by: User, successors: dict, on: datetime.date, reason: str) -> list[Youth]:
    """Give each of the person's youths on the board the successor chosen for
    it; return those left without one (the scan flags them for the team lead)."""
    youths = list(Youth.objects.in_caseload_of(person).on_board())
    left = []
    for youth in youths:
        successor = successors.get(youth.pk)
        if successor is None:
            left.append(youth)
            continue
        contact_person_assign(youth=youth, by=by, contact_person=successor, started_on=on, reason=reason)
    return left


@transaction.atomic
def staff_leave(
    *, person: User, by: User, on: datetime.date, successors: dict[int, User], team=None, deactivate: bool = False
) -> list[Youth]:
    """The contact person is deactivated (`deactivate`) or moves out of the
    team (to `team`, or none). Each of their active and paused youths gets the
    new contact person chosen for it in `successors` ({youth pk: User});
    the others keep no one to hold the thread: they carry a "no contact
    person" flag for the team lead until one is named, and their digests go
    to the team lead (pathways/reminders.py). Returns the youths still
    without a contact person."""
    if not _may_manage_staff(by, person):
        raise ValidationError(_("Only a team lead of the organisation or an administrator can do this."))
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    if not deactivate and team is not None and team.pk == person.team_id:
        raise ValidationError({"team": _("Choose another team than the current one.")})
    if team is not None and team.organisation_id != person.organisation_id:
        raise ValidationError({"team": _("Choose a team of the person's own organisation.")})
    if any(successor.pk == person.pk for successor in successors.values()):
        raise ValidationError(_("Choose someone else than the person who leaves."))
    reason = _("The contact person was deactivated") if deactivate else _("The contact person left the team")
    left = _hand_on_youths(person=person, by=by, successors=successors, on=on, reason=reason)
    if deactivate:
        person.is_active = False
        person.save(update_fields=["is_active"])
        audit_record(actor=by, action=AuditAction.UPDATE, obj=person, fields=["is_active"])
    else:
        person.team = team
        person.save(update_fields=["team"])
        audit_record(actor=by, action=AuditAction.UPDATE, obj=person, fields=["team"])
    for youth in left:
        case_changed.send(sender=User, youth=youth)
    return left


# --- The youth proposes a contact person; the team lead decides ----------------


def contact_person_propose(
    *,
    youth: Youth,
    by: User,
    proposed_user: User | None = None,
    network_person: NetworkPerson | None = None,
    reason: str = "",
) -> ContactPersonProposal:
    """Only the youth's own login proposes: a staff member who may hold the
    thread (own unit, or staff at a partner such as a teacher at the
    production school), or someone from their own network map."""
    if not (by.is_authenticated and by.role == Role.YOUTH and youth.user_id == by.pk):
        raise ValidationError(_("Only the youth can propose their own contact person."))
    if (proposed_user is None) == (network_person is None):
        raise ValidationError({"choice": _("Choose one person: a staff member or someone from your network.")})
    if proposed_user is not None and not is_eligible_contact_person(youth, proposed_user):
        raise ValidationError({"choice": _("This person cannot be a contact person. Choose another.")})
    if network_person is not None and network_person.youth_id != youth.pk:
        raise ValidationError({"choice": _("Choose someone from your own network.")})
    current = youth.assignments.filter(is_primary=True, ended_on__isnull=True).first()
    if proposed_user is not None and current is not None and current.contact_person_id == proposed_user.pk:
        raise ValidationError({"choice": _("This person is already your contact person.")})
    if youth.contact_person_proposals.pending().exists():
        raise ValidationError(_("You already have a proposal waiting for the team lead."))
    max_reason = ContactPersonProposal._meta.get_field("reason").max_length
    if len(reason) > max_reason:
        raise ValidationError({"reason": _("Write at most %(max)d characters.") % {"max": max_reason}})
    proposal = ContactPersonProposal(
        youth=youth,
        proposed_user=proposed_user,
        network_person=network_person,
        proposed_name=str(proposed_user) if proposed_user else f"{network_person.name} ({network_person.relation})",
        reason=reason.strip(),
    )
    proposal.full_clean()
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError:
        raise ValidationError(_("You already have a proposal waiting for the team lead.")) from None
    _audit(by, AuditAction.CREATE, proposal, youth, fields=["proposed_user", "network_person"])
    return proposal


@transaction.atomic
def contact_person_proposal_decide(
    *,
    proposal: ContactPersonProposal,
    by: User,
    accept: bool,
    started_on: datetime.date | None = None,
    contact_person: User | None = None,
) -> ContactPersonProposal:
    """The team lead accepts (the proposed staff member — or, for someone
    from the network, the staff login the lead finds for them — becomes
    contact person, nominated by the youth) or declines. The conditional
    update makes sure two leads cannot both decide."""
    youth = proposal.youth
    if not ContactPersonProposal.objects.decided_by(by).filter(pk=proposal.pk).exists():
        raise ValidationError(_("Only a team lead of the youth's organisation can decide."))
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(_("The proposal has already been decided."))
    status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
    assignment = None
    if accept:
        person = proposal.proposed_user or contact_person
        if person is None:
            raise ValidationError({"contact_person": _("Find the person's login to make them the contact person.")})
        assignment = contact_person_assign(
            youth=youth,
            by=by,
            contact_person=person,
            started_on=started_on or timezone.localdate(),
            reason=_("Proposed by the youth"),
            nominated_by_youth=True,
        )
    claimed = ContactPersonProposal.objects.filter(pk=proposal.pk, status=ProposalStatus.PENDING).update(
        status=status, decided_at=timezone.now(), decided_by=by, assignment=assignment
    )
    if not claimed:
        raise ValidationError(_("The proposal has already been decided."))
    proposal.refresh_from_db()
    _audit(by, AuditAction.UPDATE, proposal, youth, fields=["status"])
    return proposal


# --- The municipalities' practices: review cadence, referral answers, aftercare ---

REVIEW_WEEKS_MAX = 26
AFTERCARE_MONTHS_MAX = 24
AFTERCARE_CHECK_INS_MAX = 6


def _practice_errors(*, review_weeks: dict[str, int], referral_answer_working_days: int, aftercare_months) -> dict:
    errors = {}
    for level, weeks in review_weeks.items():
        if level not in SupportLevel.values:
            errors[f"{level}_review_weeks"] = _("Unknown support level.")
        elif not 1 <= weeks <= REVIEW_WEEKS_MAX:
            errors[f"{level}_review_weeks"] = _("Choose between 1 and %(max)d weeks.") % {"max": REVIEW_WEEKS_MAX}
    if not 1 <= referral_answer_working_days <= KUI_WORKING_DAYS_MAX:
        errors["referral_answer_working_days"] = _("Choose between 1 and %(max)d working days.") % {
            "max": KUI_WORKING_DAYS_MAX
        }
    months = list(aftercare_months)
    if not 1 <= len(months) <= AFTERCARE_CHECK_INS_MAX:
        errors["aftercare_months"] = _("Give between 1 and %(max)d check-ins.") % {"max": AFTERCARE_CHECK_INS_MAX}
    elif any(not 1 <= month <= AFTERCARE_MONTHS_MAX for month in months):
        errors["aftercare_months"] = _("Each check-in lies between 1 and %(max)d months after the start.") % {
            "max": AFTERCARE_MONTHS_MAX
        }
    elif len(set(months)) != len(months):
        errors["aftercare_months"] = _("Give each month only once.")
    return errors


@transaction.atomic
def practice_limits_update(
    *, by: User, review_weeks: dict[str, int], referral_answer_working_days: int, aftercare_months: list[int]
) -> EffortLimits:
    """Administrators set the practices' cadences: weeks between plan
    reviews per support level, the working days a partner has to answer a
    referral, and the months of the aftercare check-ins. Audited (names of
    what changed)."""
    if not by.is_administrator:
        raise ValidationError(_("Only an administrator can change the limits."))
    errors = _practice_errors(
        review_weeks=review_weeks,
        referral_answer_working_days=referral_answer_working_days,
        aftercare_months=aftercare_months,
    )
    if errors:
        raise ValidationError(errors)
    limits = EffortLimits.objects.select_for_update().filter(pk=1).first() or EffortLimits(pk=1)
    months = sorted(aftercare_months)
    changed = [
        name
        for name, value in [
            ("referral_answer_working_days", referral_answer_working_days),
            ("aftercare_months", months),
        ]
        if getattr(limits, name) != value
    ]
    limits.referral_answer_working_days, limits.aftercare_months = referral_answer_working_days, months
    limits.full_clean()
    limits.save()
    if changed:
        audit_record(actor=by, action=AuditAction.UPDATE, obj=limits, fields=changed)
    current = SupportLevelThreshold.review_weeks()
    contact_days = SupportLevelThreshold.as_dict()
    for level, weeks in review_weeks.items():
        if current.get(level) == weeks:
            continue
        threshold, _created = SupportLevelThreshold.objects.update_or_create(
            support_level=level,
            defaults={"review_every_weeks": weeks},
            create_defaults={"review_every_weeks": weeks, "max_days_without_contact": contact_days[level]},
        )
        audit_record(actor=by, action=AuditAction.UPDATE, obj=threshold, fields=["review_every_weeks"])
    return limits


# --- The facts of the youth's situation ----------------------------------------


@transaction.atomic
def target_groups_set(*, youth: Youth, by: User, groups: list[str]) -> list[str]:
    """All the target groups that apply; the main one (youth.target_group) is always among them."""
    chosen = sorted(set(groups) | {youth.target_group})
    unknown = [group for group in chosen if group not in TargetGroup.values]
    if unknown:
        raise ValidationError({"groups": _("Choose target groups from the list.")})
    youth.target_groups.exclude(group__in=chosen).delete()
    existing = set(youth.target_groups.values_list("group", flat=True))
    YouthTargetGroup.objects.bulk_create(
        [YouthTargetGroup(youth=youth, group=group) for group in chosen if group not in existing]
    )
    _audit(by, AuditAction.UPDATE, youth, youth, fields=["target_groups"])
    return chosen


def readiness_record(
    *,
    youth: Youth,
    by: User,
    readiness: str,
    assessed_on: datetime.date,
    assessed_by: str,
    organisation: Organisation | None = None,
) -> ReadinessAssessment:
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("The date cannot be in the future.")})
    # Often made by the job centre before the youth came to us: any day of her life, not only of the case.
    if assessed_on < youth.birth_date:
        raise ValidationError({"assessed_on": _("The date cannot be before the youth's birth date.")})
    if not assessed_by.strip():
        raise ValidationError(
            {"assessed_by": _("Write who made the assessment, for example the job centre consultant.")}
        )
    assessment = ReadinessAssessment(
        youth=youth,
        readiness=readiness,
        assessed_on=assessed_on,
        assessed_by=assessed_by.strip(),
        organisation=organisation,
        recorded_by=by,
    )
    assessment.full_clean()
    assessment.save()
    _audit(by, AuditAction.CREATE, assessment, youth, fields=["readiness", "assessed_on", "assessed_by"])
    return assessment


def department_measure_record(
    *,
    youth: Youth,
    by: User,
    organisation: Organisation | None,
    measure: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    sensitive: bool = True,
) -> DepartmentMeasure:
    errors = {}
    if refused := _not_another_department(organisation):
        errors["organisation"] = refused
    if not measure.strip():
        errors["measure"] = _("Write the measure, for example family treatment.")
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("The end cannot be before the start.")
    # Another department's measure may predate the case, never the youth; nor lie beyond the planning horizon.
    for name, day in (("starts_on", starts_on), ("ends_on", ends_on)):
        if day is not None and day < youth.birth_date:
            errors[name] = _("The date cannot be before the youth's birth date.")
        elif day is not None and (beyond := planned_date_error(day)):
            errors[name] = beyond
    if errors:
        raise ValidationError(errors)
    entry = DepartmentMeasure(
        youth=youth,
        organisation=organisation,
        measure=measure.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        sensitive=sensitive,
        recorded_by=by,
    )
    entry.full_clean()
    entry.save()
    _audit(by, AuditAction.CREATE, entry, youth, fields=["organisation", "measure", "starts_on", "ends_on"])
    return entry
