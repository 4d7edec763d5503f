"""Writes to the portfolio. Each service validates, saves and records the
audit trail; views only parse input and call these (docs/CONTRIBUTING.md,
"Conventions")."""

import datetime
import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kui.accounts.models import Organisation, Role, User
from kui.audit.models import AuditAction
from kui.audit.services import audit_record
from kui.lib.dates import add_months
from pathways import services as pathway_services
from pathways.models import Step, StepStatus, Task
from portfolio import disclosure, verification
from portfolio.export import FreeText, free_texts
from portfolio.models import (
    AccessRequest,
    AccessRequestItem,
    AccessRequestStatus,
    Certificate,
    Competence,
    PriorLearning,
    Reflection,
    ReflectionKind,
    ReleaseDecision,
)
from youths.models import ContactPersonAssignment, Youth, reads_confidential

ACCESS_PURPOSE = "data access request (GDPR art. 15)"
# Words and single punctuation marks: what a redaction may leave out, one by one.
_TOKENS = re.compile(r"\w+|[^\w\s]")


def _audit(actor, action, obj, youth: Youth, fields=(), purpose: str = "") -> None:
    audit_record(actor=actor, action=action, obj=obj, subject_id=youth.public_id, fields=fields, purpose=purpose)


# --- Certificates --------------------------------------------------------------


def _check_issue(
    *, youth: Youth, step: Step, competences: list, issuer: Organisation, issued_on: datetime.date, evidence: str
) -> None:
    errors = {}
    if step.pathway.youth_id != youth.pk:
        errors["step"] = _("Choose one of this youth's steps.")
    elif step.status != StepStatus.COMPLETED:
        errors["step"] = _("A certificate can only be issued for a completed step.")
    elif not disclosure.step_is_certifiable(step):
        errors["step"] = _(
            "A treatment step cannot be certified: a certificate must not reveal health or social facts. "
            "Certify the competence through another step."
        )
    elif issuer not in disclosure.allowed_issuers(step):
        errors["issuer"] = _("The issuer is the step's partner organisation or your own unit.")
    if not competences:
        errors["competences"] = _("Choose at least one competence.")
    elif any(not competence.is_active for competence in competences):
        errors["competences"] = _("One of the competences has been retired from the catalogue.")
    if issued_on > timezone.localdate():
        errors["issued_on"] = _("The date cannot be in the future.")
    elif issued_on < step.starts_on:
        errors["issued_on"] = _("The date cannot be before the step started.")
    if not evidence.strip():
        errors["evidence"] = _("Write what the youth did.")
    if errors:
        raise ValidationError(errors)


def _save_with_fresh_code(certificate: Certificate) -> None:
    """Codes are random; a clash is astronomically rare but would break a
    unique constraint, so a clash simply draws again."""
    for _attempt in range(5):
        certificate.verification_code = verification.new_code()
        try:
            with transaction.atomic():
                certificate.save()
            return
        except IntegrityError:
            if not Certificate.objects.filter(verification_code=certificate.verification_code).exists():
                raise
    raise IntegrityError("could not draw a unique verification code")


def _refuse_duplicate(*, step: Step, competences: list) -> None:
    """One valid certificate per step and competence: the same proof twice is
    a mistake (a double click, two colleagues), not a second competence."""
    already = (
        Competence.objects.filter(certificates__step=step, certificates__revoked_at__isnull=True)
        .filter(pk__in=[competence.pk for competence in competences])
        .distinct()
        .order_by("name")
    )
    names = [competence.name for competence in already]
    if names:
        raise ValidationError(
            {
                "competences": _("This step already has a valid certificate for: %(names)s.")
                % {"names": ", ".join(names)}
            }
        )


@transaction.atomic
def certificate_issue(
    *,
    youth: Youth,
    by: User,
    step: Step,
    competences: Iterable[Competence],
    issuer: Organisation,
    issued_on: datetime.date,
    evidence: str,
    complete_step_outcome: str = "",
) -> Certificate:
    """Issue a certificate for a completed step. With `complete_step_outcome`
    an open step is completed first, in the same transaction: the
    evaluation conversation ends in one action, outcome and certificate."""
    competences = list(competences)
    # Lock the step: two people issuing the same certificate at once cannot both succeed.
    step = (
        Step.objects.select_for_update(of=("self",))
        .select_related("partner", "pathway__youth__organisation")
        .get(pk=step.pk)
    )
    if complete_step_outcome.strip() and step.is_open and step.pathway.youth_id == youth.pk:
        step = pathway_services.step_set_status(
            step=step,
            by=by,
            status=StepStatus.COMPLETED,
            on=min(issued_on, timezone.localdate()),
            outcome=complete_step_outcome.strip(),
        )
    _check_issue(youth=youth, step=step, competences=competences, issuer=issuer, issued_on=issued_on, evidence=evidence)
    _refuse_duplicate(step=step, competences=competences)
    certificate = Certificate(
        youth=youth,
        issuer=issuer,
        issued_by=by,
        issued_on=issued_on,
        evidence=evidence.strip(),
        step=step,
        verification_code="0" * 10,
    )
    certificate.full_clean(exclude=["verification_code"])
    _save_with_fresh_code(certificate)
    certificate.competences.set(competences)
    _audit(by, AuditAction.CREATE, certificate, youth, ["competences", "issuer", "issued_on", "evidence", "step"])
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    """Revoking keeps the certificate: the verification page then says
    "revoked", and the history shows who revoked it and why."""
    if certificate.is_revoked:
        raise ValidationError(_("The certificate has already been revoked."))
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the certificate is revoked.")})
    certificate.revoked_at, certificate.revoked_by = timezone.now(), by
    certificate.revocation_reason = reason.strip()
    certificate.full_clean(exclude=["verification_code"])
    claimed = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=certificate.revoked_at,
        revoked_by=by,
        revocation_reason=certificate.revocation_reason,
    )
    if not claimed:
        raise ValidationError(_("The certificate has already been revoked."))
    _audit(by, AuditAction.UPDATE, certificate, certificate.youth, ["revoked_at", "revocation_reason"])
    return certificate


# --- Reflections: the youth's own words ----------------------------------------


def _require_own(youth: Youth, by: User) -> None:
    """Only the youth writes their reflections. Views never offer staff a
    way to edit them; this makes sure no code path can."""
    if not (by.is_authenticated and by.role == Role.YOUTH and youth.user_id == by.pk):
        raise PermissionDenied


def reflection_write(*, youth: Youth, by: User, kind: str, text: str) -> Reflection:
    _require_own(youth, by)
    reflection = Reflection(youth=youth, kind=kind, text=text.strip())
    reflection.full_clean()
    reflection.save()
    _audit(by, AuditAction.CREATE, reflection, youth, ["kind", "text"])
    return reflection


def reflection_update(*, reflection: Reflection, by: User, kind: str, text: str) -> Reflection:
    _require_own(reflection.youth, by)
    reflection.kind, reflection.text = kind, text.strip()
    reflection.full_clean()
    reflection.save(update_fields=["kind", "text", "updated_at"])
    _audit(by, AuditAction.UPDATE, reflection, reflection.youth, ["kind", "text"])
    return reflection


def reflection_delete(*, reflection: Reflection, by: User) -> None:
    youth = reflection.youth
    _require_own(youth, by)
    _audit(by, AuditAction.DELETE, reflection, youth)
    reflection.delete()


def goal_mark_reached(*, reflection: Reflection, by: User, reached_on: datetime.date | None = None) -> Reflection:
    """The youth marks one of their own goals as reached (or, with
    reached_on=None after it was set, as not reached after all)."""
    _require_own(reflection.youth, by)
    if reflection.kind != ReflectionKind.GOAL:
        raise ValidationError(_("Only a goal can be marked as reached."))
    if reached_on is not None and reached_on > timezone.localdate():
        raise ValidationError({"reached_on": _("The date cannot be in the future.")})
    reflection.reached_on = reached_on
    reflection.save(update_fields=["reached_on", "updated_at"])
    _audit(by, AuditAction.UPDATE, reflection, reflection.youth, ["reached_on"])
    return reflection


# --- Prior learning (realkompetence) -------------------------------------------


def _check_prior_learning(*, youth: Youth, title: str, evidence: str, competences: list, assessed_on) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = _("Write what the youth can.")
    if not evidence.strip():
        errors["evidence"] = _("Write how the competence was documented: a reference, a test, a document.")
    if any(not competence.is_active for competence in competences):
        errors["competences"] = _("One of the competences has been retired from the catalogue.")
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = _("The date cannot be in the future.")
    elif assessed_on < youth.birth_date:
        errors["assessed_on"] = _("The date cannot be before the youth was born.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def prior_learning_record(
    *,
    youth: Youth,
    by: User,
    title: str,
    source: str,
    evidence: str,
    assessed_on: datetime.date,
    competences: Iterable[Competence] = (),
) -> PriorLearning:
    """Staff record what the youth already can, with the evidence: it goes
    into the youth's portfolio at once."""
    competences = list(competences)
    _check_prior_learning(youth=youth, title=title, evidence=evidence, competences=competences, assessed_on=assessed_on)
    prior = PriorLearning(
        youth=youth,
        title=title.strip(),
        source=source,
        evidence=evidence.strip(),
        assessed_on=assessed_on,
        recorded_by=by,
    )
    prior.full_clean()
    prior.save()
    prior.competences.set(competences)
    _audit(by, AuditAction.CREATE, prior, youth, ["title", "source", "evidence", "assessed_on", "competences"])
    return prior


@transaction.atomic
def prior_learning_delete(*, prior: PriorLearning, by: User) -> None:
    """A record made by mistake is removed (audited); the youth's PDF is made again without it."""
    youth = prior.youth
    _audit(by, AuditAction.DELETE, prior, youth)
    prior.delete()


# --- Access requests (indsigt) ---------------------------------------------------


def access_request_create(*, youth: Youth, by: User) -> AccessRequest:
    """The youth asks for the free text held back from "My data". The
    deadline is one calendar month (GDPR art. 12(3))."""
    _require_own(youth, by)
    if youth.access_requests.open().exists():
        raise ValidationError(_("You have already asked. Your contact person is looking at it."))
    now = timezone.now()
    request = AccessRequest(
        youth=youth,
        requested_at=now,
        due_on=add_months(timezone.localtime(now).date(), AccessRequest.DEADLINE_MONTHS),
    )
    try:
        with transaction.atomic():
            request.save()
            _access_task_create(request, by)
    except IntegrityError as error:  # a second click at the same moment
        raise ValidationError(_("You have already asked. Your contact person is looking at it.")) from error
    _audit(by, AuditAction.CREATE, request, youth, fields=["requested_at", "due_on"], purpose=ACCESS_PURPOSE)
    return request


def _access_task_create(request: AccessRequest, by: User) -> None:
    """The legal deadline is the contact person's to keep: a task on their
    list, due on the deadline. Its title names no detail of the youth (the
    task list is behind the login; the daily e-mail names flag kinds only).
    Without a contact person the request shows on the profile and the board
    already flags the missing contact person."""
    assignment = ContactPersonAssignment.objects.current_for(request.youth)
    if assignment is None:
        return
    pathway_services.task_create(
        youth=request.youth,
        by=by,
        owner=assignment.contact_person,
        title=_("Answer the request for access (review and release the texts)"),
        due_on=request.due_on,
    )


def _access_tasks_complete(request: AccessRequest, by: User) -> None:
    """Releasing answers the request: its task is done. The youth creates
    no other task, so the tasks the youth created for this deadline are it."""
    tasks = Task.objects.open().filter(youth=request.youth, created_by_id=request.youth.user_id, due_on=request.due_on)
    for task in tasks:
        pathway_services.task_complete(task=task, by=by)


def only_leaves_out(original: str, released: str) -> bool:
    """True if `released` is `original` with parts deleted and nothing added
    or changed: a redaction must not put words in staff's mouth. Compared as
    words and punctuation marks, so whitespace at a cut does not matter and
    cutting letters out of words cannot make new words. A plain subsequence
    test: difflib's longest-block matching can misalign repeated words."""
    remaining = iter(_TOKENS.findall(original))
    return all(token in remaining for token in _TOKENS.findall(released))


def _check_decision(entry: FreeText, decision: dict) -> dict:
    """One text's decision: released words may only leave out, never add,
    and leaving anything out needs a reason the youth will read."""
    choice = decision.get("decision", "")
    text = (decision.get("text") or "").strip()
    reason = (decision.get("reason") or "").strip()
    errors = {}
    if choice not in ReleaseDecision.values:
        errors["decision"] = _("Choose what to release.")
    elif choice == ReleaseDecision.REDACT:
        if not text:
            errors["text"] = _("Write the text as it is to be released, or choose to withhold it.")
        elif text == entry.text.strip():
            errors["text"] = _("Nothing was left out. Choose 'Release as written' instead.")
        elif not only_leaves_out(entry.text, text):
            errors["text"] = _(
                "The released text may only leave parts of the original out, never add or change words. "
                "Delete the parts in the original text, or choose to withhold it."
            )
    if choice in (ReleaseDecision.REDACT, ReleaseDecision.WITHHOLD) and not reason:
        errors["reason"] = _("Say why something is left out; the youth will read it.")
    if len(reason) > AccessRequestItem._meta.get_field("reason").max_length:
        errors["reason"] = _("The reason can be at most 500 characters.")
    if errors:
        raise ValidationError(errors)
    released = {ReleaseDecision.RELEASE: entry.text, ReleaseDecision.REDACT: text}.get(choice, "")
    return {"decision": choice, "released_text": released, "reason": reason}


@transaction.atomic
def access_request_release(*, request: AccessRequest, by: User, decisions: dict[str, dict]) -> AccessRequest:
    """The contact person's review: a decision for every free text (keyed by
    FreeText.key), all or nothing. Entries about another person are never
    released and need no decision."""
    request = AccessRequest.objects.select_for_update().select_related("youth").get(pk=request.pk)
    if not reads_confidential(by, request.youth):
        raise PermissionDenied
    if request.status != AccessRequestStatus.OPEN:
        raise ValidationError(_("This request has already been released."))
    own, _others = free_texts(request.youth)
    errors, checked = {}, []
    for entry in own:
        try:
            checked.append((entry, _check_decision(entry, decisions.get(entry.key, {}))))
        except ValidationError as error:  # keyed "<text key>|<field>" for the review form
            errors.update({f"{entry.key}|{name}": messages_ for name, messages_ in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    AccessRequestItem.objects.bulk_create(
        AccessRequestItem(
            request=request,
            source=entry.source,
            object_id=entry.object_id,
            field=entry.field,
            decided_by=by,
            decided_at=now,
            **decision,
        )
        for entry, decision in checked
    )
    request.status, request.released_at, request.released_by = AccessRequestStatus.RELEASED, now, by
    request.save(update_fields=["status", "released_at", "released_by"])
    _access_tasks_complete(request, by)
    left_out = sum(1 for _entry, decision in checked if decision["decision"] != ReleaseDecision.RELEASE)
    fields = ["status", "released_text", *(["reason"] if left_out else [])]
    _audit(by, AuditAction.UPDATE, request, request.youth, fields=fields, purpose=ACCESS_PURPOSE)
    return request
