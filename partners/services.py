"""Writes to the partnership. Each service validates (full_clean and the
rules below), saves, and writes the audit trail; views only parse input.

Steps belong to pathways, which this app sits on: accepting a referral adds
the step through pathways' service, and a partner's outcome is recorded by
pathways' step service, inside the same transaction, so a refusal there
leaves nothing saved here.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kui.accounts.models import Organisation, Role, User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from kui.lib.dates import check_ends_after_start
from partners import access, deadlines, documents, notifications
from partners.models import (
    AgreementDocument,
    AgreementParty,
    AgreementStatus,
    Attendance,
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
)
from pathways import no_shows
from pathways import services as pathway_services
from pathways.models import Step
from youths.models import ContactPersonAssignment, Youth

ATTENDANCE_DAYS_BACK = 31


def _audit(by, action, obj, fields=(), youth: Youth | None = None) -> None:
    audit_record(
        actor=by,
        action=action,
        obj=obj,
        fields=sorted(fields),
        subject_id=youth.public_id if youth is not None else None,
    )


def _not_in_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def _save(obj, by, action, fields, youth=None):
    obj.full_clean()
    obj.save()
    _audit(by, action, obj, fields, youth)
    return obj


def _apply(obj, fields: dict) -> list[str]:
    """Set the fields; return the names of those that differ from the stored
    row (a bound ModelForm may already have set them on `obj`)."""
    stored = type(obj).objects.get(pk=obj.pk)
    changed = [name for name, value in fields.items() if getattr(stored, name) != value]
    for name, value in fields.items():
        setattr(obj, name, value)
    return changed


# --- The organisation register ------------------------------------------------


def organisation_create(*, by: User, **fields) -> Organisation:
    return _save(Organisation(**fields), by, AuditAction.CREATE, fields)


def organisation_update(*, organisation: Organisation, by: User, **fields) -> Organisation:
    changed = _apply(organisation, fields)
    return _save(organisation, by, AuditAction.UPDATE, changed)


def contact_add(*, organisation: Organisation, by: User, **fields) -> PartnerContact:
    return _save(PartnerContact(organisation=organisation, **fields), by, AuditAction.CREATE, fields)


def contact_update(*, contact: PartnerContact, by: User, **fields) -> PartnerContact:
    changed = _apply(contact, fields)
    return _save(contact, by, AuditAction.UPDATE, changed)


def contact_remove(*, contact: PartnerContact, by: User) -> None:
    _audit(by, AuditAction.DELETE, contact, ["name"])
    contact.delete()


def _validate_offer(offer: Offer) -> None:
    if offer.capacity is not None and offer.capacity < 0:
        raise ValidationError({"capacity": _("The number of places cannot be negative.")})
    if offer.mentor_id and offer.mentor.organisation_id != offer.organisation_id:
        raise ValidationError({"mentor": _("Choose a mentor who works at this partner.")})
    if any(day not in range(7) for day in offer.weekdays or []):
        raise ValidationError({"weekdays": _("Choose weekdays from Monday to Sunday.")})
    if offer.organisation.is_municipal:
        raise ValidationError(_("Offers belong to partners, not to municipal units."))


def offer_create(*, organisation: Organisation, by: User, **fields) -> Offer:
    offer = Offer(organisation=organisation, **fields)
    _validate_offer(offer)
    return _save(offer, by, AuditAction.CREATE, fields)


def offer_update(*, offer: Offer, by: User, **fields) -> Offer:
    changed = _apply(offer, fields)
    _validate_offer(offer)
    return _save(offer, by, AuditAction.UPDATE, changed)


# --- Youths looking for an internship, and referrals ---------------------------


def internship_search_start(*, youth: Youth, by: User, trade: str, note: str = "") -> InternshipSearch:
    if youth.internship_searches.filter(trade=trade, closed_on__isnull=True).exists():
        raise ValidationError({"trade": _("The youth is already looking for an internship in this trade.")})
    return _save(
        InternshipSearch(youth=youth, trade=trade, note=note, created_by=by),
        by,
        AuditAction.CREATE,
        ["trade", "note"],
        youth,
    )


def internship_search_close(*, search: InternshipSearch, by: User) -> InternshipSearch:
    if search.closed_on is not None:
        raise ValidationError(_("The search is already closed."))
    search.closed_on = timezone.localdate()
    return _save(search, by, AuditAction.UPDATE, ["closed_on"], search.youth)


@transaction.atomic
def referral_create(*, youth: Youth, offer: Offer, by: User, wished_start: datetime.date, note: str = "") -> Referral:
    """Refer a youth to an offer. The partner will see the youth's first
    name, so the youth must have consented to sharing with that partner;
    the accepted offer becomes a step, so there must be a pathway for it."""
    if not offer.is_active:
        raise ValidationError({"offer": _("This offer is closed for referrals.")})
    if wished_start < timezone.localdate():
        raise ValidationError({"wished_start": _("The wished start cannot be in the past.")})
    if not access.consent_covers(youth, offer.organisation):
        raise ValidationError(
            {
                "offer": _(
                    "The youth has not consented to sharing information with %(partner)s. Record the consent first."
                )
                % {"partner": offer.organisation}
            }
        )
    if not youth.pathways.active().exists():
        raise ValidationError(_("The youth has no active pathway; start one first."))
    if youth.partner_referrals.filter(offer=offer, status=ReferralStatus.PENDING).exists():
        raise ValidationError({"offer": _("The youth is already referred to this offer.")})
    referral = Referral(youth=youth, offer=offer, referred_by=by, wished_start=wished_start, note=note)
    referral.answer_by = deadlines.answer_deadline(timezone.localdate())
    _save(referral, by, AuditAction.CREATE, ["offer", "wished_start", "note"], youth)
    notifications.referral_waiting(referral)
    return referral


def _check_pending(referral: Referral) -> None:
    if referral.status != ReferralStatus.PENDING:
        raise ValidationError(_("This referral has already been answered."))


@transaction.atomic
def referral_accept(
    *, referral: Referral, by: User, starts_on: datetime.date, ends_on: datetime.date | None = None
) -> Referral:
    """Accept: the offer becomes a step in the youth's active pathway (added
    by pathways' service, which refuses when there is no active pathway)."""
    _check_pending(referral)
    check_ends_after_start(starts_on, ends_on)
    referral.status, referral.answered_by, referral.answered_at = ReferralStatus.ACCEPTED, by, timezone.now()
    referral.starts_on, referral.ends_on = starts_on, ends_on
    offer = referral.offer
    try:
        referral.full_clean()
        referral.step = pathway_services.step_add_to_active_pathway(
            youth=referral.youth,
            by=by,
            note=_("Accepted referral"),
            step_type=offer.kind,
            title=offer.title,
            partner=offer.organisation,
            mentor=offer.mentor.name if offer.mentor else "",
            starts_on=starts_on,
            ends_on=ends_on,
            hours_per_week=offer.hours_per_week,
            weekdays=list(offer.weekdays or []),
        )
    except ValidationError:
        referral.refresh_from_db()  # still pending: the form to answer stays on the page
        raise
    referral.save()
    _audit(by, AuditAction.UPDATE, referral, ["status", "starts_on", "ends_on"], referral.youth)
    notifications.referral_answered(referral, by=by)
    return referral


@transaction.atomic
def referral_decline(*, referral: Referral, by: User, reason: str) -> Referral:
    _check_pending(referral)
    if not reason.strip():
        raise ValidationError({"decline_reason": _("Say why the referral is declined.")})
    referral.status, referral.answered_by, referral.answered_at = ReferralStatus.DECLINED, by, timezone.now()
    referral.decline_reason = reason.strip()
    _save(referral, by, AuditAction.UPDATE, ["status", "decline_reason"], referral.youth)
    notifications.referral_answered(referral, by=by)
    return referral


# --- What partner staff record -------------------------------------------------


def _check_partner_step(youth: Youth, step: Step, by: User) -> None:
    """The step must be a current step at the partner's own organisation,
    of a youth the partner may see right now."""
    if not access.youths_for_partner(by).filter(pk=youth.pk).exists():
        raise ValidationError(_("You no longer have access to this youth."))
    if not access.current_steps_at(by.organisation).of_youth(youth).filter(pk=step.pk).exists():
        raise ValidationError(_("Choose one of the youth's current steps with you."))


@transaction.atomic
def attendance_record(
    *, youth: Youth, step: Step, by: User, day: datetime.date, present: bool, note: str = ""
) -> Attendance:
    """One row per youth, partner and day: recording the same day again
    corrects it."""
    _check_partner_step(youth, step, by)
    _not_in_future(day, "day")
    if day < step.starts_on or day < timezone.localdate() - datetime.timedelta(days=ATTENDANCE_DAYS_BACK):
        raise ValidationError({"day": _("Choose a day since the step started, within the last month.")})
    attendance = Attendance.objects.filter(youth=youth, organisation=by.organisation, day=day).first()
    action = AuditAction.UPDATE if attendance else AuditAction.CREATE
    attendance = attendance or Attendance(youth=youth, organisation=by.organisation, day=day)
    attendance.step, attendance.present, attendance.note, attendance.recorded_by = step, present, note, by
    _save(attendance, by, action, ["present", "note"], youth)
    # A missed step day is a no-show: a follow-up task, and three in a row flag it.
    no_shows.step_day_recorded(youth=youth, step=step, day=day, present=present, by=by)
    return attendance


@transaction.atomic
def partner_outcome_record(*, youth: Youth, step: Step, by: User, outcome: str) -> Step:
    """The partner's account of how a step they host went, recorded on the
    step by pathways' service (its history and audit included)."""
    _check_partner_step(youth, step, by)
    return pathway_services.step_record_outcome(step=step, by=by, outcome=outcome.strip())


def current_contact_person(youth: Youth) -> User | None:
    assignment = ContactPersonAssignment.objects.current_for(youth)
    return assignment.contact_person if assignment else None


@transaction.atomic
def partner_message_send(*, youth: Youth, by: User, body: str) -> PartnerMessage:
    if not access.youths_for_partner(by).filter(pk=youth.pk).exists():
        raise ValidationError(_("You no longer have access to this youth."))
    if not body.strip():
        raise ValidationError({"body": _("Write a message.")})
    message = PartnerMessage(
        youth=youth, organisation=by.organisation, sender=by, body=body.strip(), recipient=current_contact_person(youth)
    )
    _save(message, by, AuditAction.CREATE, ["body"], youth)
    notifications.partner_message_sent(message)
    return message


def partner_message_mark_read(*, message: PartnerMessage, by: User) -> PartnerMessage:
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
        _audit(by, AuditAction.UPDATE, message, ["read_at"], message.youth)
    return message


# --- Partnership agreements ------------------------------------------------------


def _validate_agreement(agreement: PartnershipAgreement, parties: Iterable[Organisation] | None) -> None:
    if agreement.signed_on and agreement.review_on and agreement.review_on < agreement.signed_on:
        raise ValidationError({"review_on": _("The review date cannot be before the signing date.")})
    if agreement.status == AgreementStatus.ACTIVE and not agreement.signed_on:
        raise ValidationError({"signed_on": _("An agreement in force needs its signing date.")})
    if agreement.signed_on and agreement.signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("The date cannot be in the future.")})
    if parties is not None and len(set(parties)) < 2:
        raise ValidationError({"parties": _("A partnership agreement needs at least two parties.")})
    if agreement.owner_id and not (
        agreement.owner.is_active and agreement.owner.role in {Role.CONTACT_PERSON, Role.TEAM_LEAD, Role.ADMINISTRATOR}
    ):
        raise ValidationError({"owner": _("Choose a staff member as the owner.")})


@transaction.atomic
def agreement_create(*, by: User, parties: Iterable[Organisation], **fields) -> PartnershipAgreement:
    parties = list(parties)
    agreement = PartnershipAgreement(**fields)
    _validate_agreement(agreement, parties)
    _save(agreement, by, AuditAction.CREATE, [*fields, "parties"])
    AgreementParty.objects.bulk_create(AgreementParty(agreement=agreement, organisation=org) for org in parties)
    return agreement


@transaction.atomic
def agreement_update(
    *, agreement: PartnershipAgreement, by: User, parties: Iterable[Organisation], **fields
) -> PartnershipAgreement:
    """Change the agreement and its parties. A party whose people sit in one
    of the agreement's bodies cannot be removed before they leave it."""
    parties = list(parties)
    changed = _apply(agreement, fields)
    _validate_agreement(agreement, parties)
    current = set(agreement.party_rows.values_list("organisation_id", flat=True))
    wanted = {org.pk for org in parties}
    leaving = current - wanted
    if BodyMember.objects.filter(body__agreement=agreement, organisation_id__in=leaving).exists():
        raise ValidationError({"parties": _("Remove the party's members from the agreement's bodies first.")})
    _save(agreement, by, AuditAction.UPDATE, changed + (["parties"] if leaving or wanted - current else []))
    agreement.party_rows.filter(organisation_id__in=leaving).delete()
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=agreement, organisation_id=pk) for pk in sorted(wanted - current)
    )
    return agreement


def party_commitments_update(*, party: AgreementParty, by: User, commitments: str) -> AgreementParty:
    party.commitments = commitments
    party.full_clean()
    party.save(update_fields=["commitments"])
    _audit(by, AuditAction.UPDATE, party.agreement, ["commitments"])
    return party


def agreement_document_add(
    *, agreement: PartnershipAgreement, by: User, upload, name_had_path: bool = False
) -> AgreementDocument:
    kind = documents.check_document(upload, name_had_path=name_had_path)
    document = AgreementDocument(
        agreement=agreement, original_name=upload.name[:200], kind=kind, size=upload.size, uploaded_by=by
    )
    document.file.save(upload.name, upload, save=False)
    try:
        return _save(document, by, AuditAction.CREATE, ["file"])
    except ValidationError:
        document.file.delete(save=False)
        raise


# --- Governance bodies -----------------------------------------------------------


def body_create(*, agreement: PartnershipAgreement, by: User, **fields) -> GovernanceBody:
    return _save(GovernanceBody(agreement=agreement, **fields), by, AuditAction.CREATE, fields)


def member_add(
    *,
    body: GovernanceBody,
    by: User,
    organisation: Organisation,
    name: str,
    role: str = "",
    email: str = "",
    user: User | None = None,
) -> BodyMember:
    """Members come from the parties of the body's agreement; a member with
    a login must work at the organisation they represent."""
    if not body.agreement.party_rows.filter(organisation=organisation).exists():
        raise ValidationError(
            {
                "organisation": _("%(organisation)s is not a party to the agreement. Add it as a party first.")
                % {"organisation": organisation}
            }
        )
    if user is not None and user.organisation_id != organisation.pk:
        raise ValidationError({"user": _("The login must belong to someone at the organisation they represent.")})
    member = BodyMember(body=body, organisation=organisation, name=name, role=role, email=email, user=user)
    return _save(member, by, AuditAction.CREATE, ["organisation", "name", "role", "email", "user"])


def member_remove(*, member: BodyMember, by: User) -> None:
    _audit(by, AuditAction.DELETE, member, ["name"])
    member.delete()


def meeting_schedule(*, body: GovernanceBody, by: User, **fields) -> GovernanceMeeting:
    return _save(GovernanceMeeting(body=body, **fields), by, AuditAction.CREATE, fields)


def meeting_update(*, meeting: GovernanceMeeting, by: User, **fields) -> GovernanceMeeting:
    changed = _apply(meeting, fields)
    return _save(meeting, by, AuditAction.UPDATE, changed)


def decision_add(*, meeting: GovernanceMeeting, by: User, **fields) -> Decision:
    return _save(Decision(meeting=meeting, **fields), by, AuditAction.CREATE, fields)
