"""The youth's right of access (GDPR art. 15): the personal data rows kui
holds about them, and the dates and purposes of lookups in their file.

What is included, and why:
- Every row that points at the youth, found by walking the relations to
  the Youth model (three steps deep: youth → pathway → step → step event).
  Walking the relations instead of listing tables means a table a later app
  adds (partners' referrals, say) is exported without anyone remembering to
  add it here.
- Released at once: the youth's own facts, the plan, the contact log (when,
  how, who), certificates and the youth's own words (reflections).
- Free text staff wrote (logbook notes, a contact's note, reasons, minutes)
  is released only after a staff review: the youth asks on "My data" (an
  access request), the contact person reviews each text, leaves out what
  must be left out with a reason, and releases (`portfolio/services.py`
  `access_request_release`). Until then the file says the text awaits
  review; afterwards it holds the reviewed words, or why they were withheld.
- Never released: entries about another person (a note or contact marked as
  concerning someone on the network map). GDPR art. 15(4) and
  databeskyttelsesloven § 22 let others' rights limit the release; the file
  says how many entries were held back and why.
- No staff names. A staff member appears as their role and organisation
  ("Contact person, Ungeindsatsen"), in the data and in the lookups alike.
- The CPR number appears masked. It is the youth's own, but this file is
  downloaded to phones and forwarded; whether a number is held is the point.
- Left out: internal ids and version counters, the encrypted CPR and its
  hash, cached PDFs (copies of data listed elsewhere) and the reviewed texts
  of an access request (each is shown in its own row instead).
"""

import datetime
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext_lazy

from kui.accounts.models import User
from kui.audit.models import AuditEvent
from youths.models import Youth

DEPTH = 3
# Left out: cached PDFs and reviewed texts (copies), document snapshots (copies of rows listed
# elsewhere), and conference participants (data about the professional, another person).
SKIPPED_MODELS = {
    "portfolio.portfoliopdf",
    "portfolio.accessrequestitem",
    "youths.documentsnapshot",
    "pathways.conferenceattendee",
}
SKIPPED_FIELDS = {"id", "public_id", "version"}
SKIPPED_MODEL_FIELDS = {"youths.youth": {"cpr_encrypted", "cpr_hash", "cpr_key_id"}, "pathways.flag": {"cause"}}
# Models that name a youth by public id instead of a foreign key, and where the export covers them.
BY_PUBLIC_ID = {"audit.auditevent": "lookups"}
VERIFY_PURPOSE = "public verification"
# Short staff-written text besides every TextField: free text, released after review.
FREE_TEXT_NAMES = {"note", "reason", "question", "description", "body", "decline_reason", "revocation_reason"}
# Free text that is the youth's own or made to be shown to them: released at once.
RELEASED_AT_ONCE = {
    "youths.youth": {"education_background"},
    "youths.youthcorrection": {"earlier_value"},
    "youths.contactpersonproposal": {"reason"},  # the youth's own words
    "portfolio.reflection": {"text"},  # the youth's own words
    "portfolio.certificate": {"evidence", "revocation_reason"},  # printed on the certificate
    "pathways.step": {"outcome"},  # shown in the youth's portfolio
}
# The purposes kui's apps record in the audit trail are short English phrases;
# these are marked for the catalogue so the youth reads them in Danish.
PURPOSES = [
    gettext_noop("portfolio"),
    gettext_noop("portfolio PDF"),
    gettext_noop("certificate PDF"),
    gettext_noop("public verification"),
    gettext_noop("data access request (GDPR art. 15)"),
    gettext_noop("invitation to own pages"),
    gettext_noop("intake meeting"),
    gettext_noop("intake minutes"),
    gettext_noop("intake minutes PDF"),
    gettext_noop("plan"),
    gettext_noop("week"),
    gettext_noop("logbook notes"),
    gettext_noop("status history"),
    gettext_noop("contact person history"),
    gettext_noop("CPR lookup"),
    gettext_noop("import"),
    gettext_noop("referral"),
    gettext_noop("partner"),
    gettext_noop("page"),
    gettext_noop("audit spot check"),
    gettext_noop("edit form"),
    gettext_noop("contact form"),
    gettext_noop("contact correction"),
    gettext_noop("contact removal"),
    gettext_noop("network removal"),
    gettext_noop("the youth's situation"),
    gettext_noop("duplicate check"),
    gettext_noop("contact person proposal"),
    gettext_noop("break the glass"),
    gettext_noop("not visible to the user"),
    gettext_noop("access request review"),
]
# The purposes that say little to a youth ("page", "edit form"), in words for the youth.
# A context of their own, so the staff's short wording stays as it is.
PURPOSES_FOR_THE_YOUTH = {
    "portfolio": pgettext_lazy("purpose, told to the youth", "portfolio"),
    "plan": pgettext_lazy("purpose, told to the youth", "plan"),
    "week": pgettext_lazy("purpose, told to the youth", "week"),
    "page": pgettext_lazy("purpose, told to the youth", "page"),
    "partner": pgettext_lazy("purpose, told to the youth", "partner"),
    "import": pgettext_lazy("purpose, told to the youth", "import"),
    "edit form": pgettext_lazy("purpose, told to the youth", "edit form"),
    "contact form": pgettext_lazy("purpose, told to the youth", "contact form"),
    "audit spot check": pgettext_lazy("purpose, told to the youth", "audit spot check"),
    "duplicate check": pgettext_lazy("purpose, told to the youth", "duplicate check"),
    "break the glass": pgettext_lazy("purpose, told to the youth", "break the glass"),
    "not visible to the user": pgettext_lazy("purpose, told to the youth", "not visible to the user"),
    "CPR lookup": pgettext_lazy("purpose, told to the youth", "CPR lookup"),
    "the youth's situation": pgettext_lazy("purpose, told to the youth", "the youth's situation"),
}
# Field names Django made from the attribute name (no verbose_name of their own): the file's
# keys, looked up in the catalogue so the youth reads them in Danish.
FIELD_NAMES = [
    gettext_noop("recorded by"),
    gettext_noop("created by"),
    gettext_noop("created at"),
    gettext_noop("updated at"),
    gettext_noop("sender"),
    gettext_noop("recipient"),
    gettext_noop("sent at"),
    gettext_noop("read at"),
    gettext_noop("overdue told at"),
    gettext_noop("answered by"),
    gettext_noop("answered at"),
    gettext_noop("case"),
    gettext_noop("cancelled on"),
    gettext_noop("cleared at"),
    gettext_noop("released by"),
    gettext_noop("on date"),
    gettext_noop("channel"),
    gettext_noop("gateway id"),
    gettext_noop("calendar token"),
    gettext_noop("form"),
    gettext_noop("logged by"),
    gettext_noop("client key"),
    gettext_noop("assigned by"),
    gettext_noop("proposed at"),
    gettext_noop("decided at"),
    gettext_noop("decided by"),
    gettext_noop("assignment"),
    gettext_noop("contact number"),
    gettext_noop("revised by"),
    gettext_noop("revised at"),
    gettext_noop("written by"),
    gettext_noop("relation"),
    gettext_noop("user"),
    gettext_noop("reminder sents"),
]


def relation_paths(model=Youth, prefix: str = "", seen: tuple = (), depth: int = DEPTH) -> Iterator[tuple]:
    """(model, lookup to the youth) for every model that points at the
    youth through at most `depth` foreign keys, e.g. (StepEvent,
    "step__pathway__youth")."""
    if depth == 0:
        return
    for relation in model._meta.related_objects:
        related = relation.related_model
        if relation.many_to_many or related in seen or related is model or related._meta.label_lower in SKIPPED_MODELS:
            continue
        lookup = f"{relation.field.name}__{prefix}" if prefix else relation.field.name
        yield related, lookup
        yield from relation_paths(related, lookup, (*seen, model), depth - 1)


def staff_label(user: User | None) -> str:
    """A staff member as role and organisation, never by name."""
    if user is None:
        return ""
    role = str(user.get_role_display())
    return f"{role}, {user.organisation}" if user.organisation_id else role


def _value(obj, field: models.Field, youth: Youth):
    if field.is_relation:
        target = getattr(obj, field.name)
        if target is None or isinstance(target, Youth):
            return None if target is None else _("you")
        if isinstance(target, User):
            return staff_label(target)
        # A row without a name of its own would read "Contact object (12)": say what kind it is.
        return str(target) if type(target).__str__ is not models.Model.__str__ else capfirst(target._meta.verbose_name)
    value = field.value_from_object(obj)
    if field.choices and value not in (None, ""):
        return str(getattr(obj, f"get_{field.name}_display")())
    if isinstance(value, (datetime.date, datetime.datetime)):
        return (timezone.localtime(value) if isinstance(value, datetime.datetime) else value).isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def is_free_text(model, field: models.Field) -> bool:
    """Staff-written free text: held back until an access request's review."""
    if field.choices or field.is_relation or field.name in RELEASED_AT_ONCE.get(model._meta.label_lower, set()):
        return False
    return isinstance(field, models.TextField) or (
        isinstance(field, models.CharField) and field.name in FREE_TEXT_NAMES
    )


def concerns_another_person(obj) -> bool:
    """A note or contact marked as being about someone on the network map."""
    return getattr(obj, "concerns_id", None) is not None


def _reviewed(obj, field: models.Field, decisions: dict):
    """The words a review released, why they were withheld, or that they await review."""
    decision = decisions.get((obj._meta.label_lower, obj.pk, field.name))
    if decision is None:
        return _("[Free text: shown after review. Ask for it under My data.]")
    if decision.decision == "withhold":
        return _("[Withheld: %(reason)s]") % {"reason": decision.reason}
    if decision.decision == "redact":
        return _("%(text)s [Parts left out: %(reason)s]") % {"text": decision.released_text, "reason": decision.reason}
    return decision.released_text


def _name(field: models.Field) -> str:
    """The field's name as the youth reads it. A name Django made from the
    attribute is a plain str, looked up in the catalogue (FIELD_NAMES); a
    marked name is translated already."""
    return _(field.verbose_name) if type(field.verbose_name) is str else str(field.verbose_name)


def _section_name(model) -> str:
    """The kind of information, plural; a plural Django made ("reminder sents") from the catalogue."""
    plural = str(model._meta.verbose_name_plural)
    return plural if "verbose_name_plural" in model._meta.original_attrs else _(plural)


def _row(obj, youth: Youth, decisions: dict) -> dict:
    row = {}
    skipped = SKIPPED_FIELDS | SKIPPED_MODEL_FIELDS.get(obj._meta.label_lower, set())
    for field in obj._meta.concrete_fields:
        if field.name in skipped or isinstance(field, models.BinaryField):
            continue
        value = _value(obj, field, youth)
        if value not in (None, "") and is_free_text(type(obj), field):
            value = _reviewed(obj, field, decisions)
        row[_name(field)] = value
    for field in obj._meta.many_to_many:
        row[_name(field)] = [str(item) for item in getattr(obj, field.name).all()]
    return row


def _youth_section(youth: Youth, decisions: dict) -> dict:
    row = _row(youth, youth, decisions)
    row[str(_("CPR number"))] = youth.cpr_masked or None
    row[_name(Youth._meta.get_field("user"))] = youth.user.username if youth.user_id else None
    return {"section": str(Youth._meta.verbose_name), "rows": [row]}


def rows_about(youth: Youth) -> Iterator[tuple[type, list]]:
    """(model, rows) for every model that points at the youth."""
    lookups: dict[type, list[str]] = {}
    for model, lookup in relation_paths():
        lookups.setdefault(model, []).append(lookup)
    for model, paths in lookups.items():
        condition = Q()
        for path in paths:
            condition |= Q(**{path: youth})
        # The staff who wrote each row come along: the review shows them, the file names their role.
        authors = [
            field.name for field in model._meta.concrete_fields if field.is_relation and field.related_model is User
        ]
        yield model, list(model._default_manager.filter(condition).select_related(*authors).distinct())


def _sections(youth: Youth, decisions: dict) -> tuple[list[dict], int]:
    """The sections, and how many entries about another person were held back."""
    sections, held_back = [], 0
    for model, objects in rows_about(youth):
        rows = []
        for obj in objects:
            if concerns_another_person(obj):
                held_back += 1
            else:
                rows.append(_row(obj, youth, decisions))
        if rows:
            sections.append({"section": _section_name(model), "rows": rows})
    return sorted(sections, key=lambda section: section["section"]), held_back


@dataclass(frozen=True)
class FreeText:
    """One staff-written text an access request's review decides on."""

    source: str
    object_id: int
    field: str
    kind: str
    label: str
    text: str
    concerns: str = ""
    written_at: datetime.date | datetime.datetime | None = None
    written_by: User | None = None

    @property
    def key(self) -> str:
        return f"{self.source}:{self.object_id}:{self.field}"


# Where a row keeps when and by whom it was written, most telling first; the review shows them beside the text.
WRITTEN_AT_NAMES = ("written_on", "happened_at", "at", "recorded_at", "created_at", "decided_at", "revised_at")


def written(obj) -> tuple:
    """(when, by whom) a row was written, as far as the row says."""
    names = {field.name: field for field in obj._meta.concrete_fields}
    when = next((value for name in WRITTEN_AT_NAMES if name in names and (value := getattr(obj, name))), None)
    by = next(
        (
            getattr(obj, field.name)
            for field in names.values()
            if field.is_relation and field.related_model is User and getattr(obj, field.attname) is not None
        ),
        None,
    )
    return when, by


def free_texts(youth: Youth) -> tuple[list[FreeText], list[FreeText]]:
    """(the youth's free texts to review, the entries about another person),
    the latter listed apart in a review and never released."""
    own, others = [], []
    for model, objects in rows_about(youth):
        fields = [field for field in model._meta.concrete_fields if is_free_text(model, field)]
        for obj in objects:
            when, by = written(obj) if fields else (None, None)
            for field in fields:
                text = field.value_from_object(obj)
                if not text:
                    continue
                entry = FreeText(
                    source=model._meta.label_lower,
                    object_id=obj.pk,
                    field=field.name,
                    kind=str(model._meta.verbose_name),
                    label=str(field.verbose_name),
                    text=text,
                    concerns=str(obj.concerns) if concerns_another_person(obj) else "",
                    written_at=when,
                    written_by=by,
                )
                (others if entry.concerns else own).append(entry)
    youth_fields = [field for field in Youth._meta.concrete_fields if is_free_text(Youth, field)]
    own[:0] = [
        FreeText("youths.youth", youth.pk, f.name, str(Youth._meta.verbose_name), str(f.verbose_name), text)
        for f in youth_fields
        if (text := f.value_from_object(youth))
    ]
    return own, others


def released_decisions(youth: Youth) -> dict:
    """The newest released decision for each text, keyed by (source, id, field)."""
    from portfolio.models import AccessRequestItem, AccessRequestStatus

    items = AccessRequestItem.objects.filter(
        request__youth=youth, request__status=AccessRequestStatus.RELEASED
    ).order_by("request__released_at", "pk")
    return {(item.source, item.object_id, item.field): item for item in items}


def _model_name(content_type) -> str:
    model = content_type.model_class() if content_type else None
    return str(model._meta.verbose_name) if model else ""


def _purpose(purpose: str) -> str:
    if not purpose:
        return ""
    return str(PURPOSES_FOR_THE_YOUTH[purpose]) if purpose in PURPOSES_FOR_THE_YOUTH else _(purpose)


def lookups_of(youth: Youth) -> list[dict]:
    """When the youth's file was looked at or changed, for what, and by
    which kind of staff member — without names or addresses."""
    events = AuditEvent.objects.about_subject(youth.public_id).select_related("actor__organisation", "content_type")
    rows = []
    for event in events:
        if event.actor_id is not None:
            by = _("you") if event.actor_id == youth.user_id else staff_label(event.actor)
        else:
            by = _("someone checking a certificate") if event.purpose == VERIFY_PURPOSE else _("the system")
        rows.append(
            {
                "when": timezone.localtime(event.at),
                "action": str(event.get_action_display()),
                "what": _model_name(event.content_type),
                "purpose": _purpose(event.purpose),
                "fields": event.field_labels,
                "by": by,
            }
        )
    return rows


def key_explanations() -> dict:
    """What each key of the file means, in the file itself (in the youth's language)."""
    return {
        "made_at": _("When this file was made."),
        "about": _("Whom the file is about."),
        "data": _(
            "Everything held about you, one section per kind of information; each row is one entry, "
            "with the names of the information as keys. 'Earlier values' holds what a fact said before it was corrected."
        ),
        "held_back": _("How many entries about another person were held back, and why."),
        "lookups": _("Each time your file was looked at, changed or exported."),
        "lookups.when": _("Date and time."),
        "lookups.action": _("What happened (read, changed, exported …)."),
        "lookups.what": _("Which kind of information."),
        "lookups.purpose": _("Why, when the system knows it."),
        "lookups.fields": _("Which pieces of information were changed (never their values)."),
        "lookups.by": _("Who, as role and organisation (staff are not named)."),
    }


def data_export(youth: Youth) -> dict:
    decisions = released_decisions(youth)
    sections, held_back = _sections(youth, decisions)
    return {
        "made_at": timezone.localtime().isoformat(timespec="seconds"),
        "about": youth.display_name,
        "keys": key_explanations(),
        "data": [_youth_section(youth, decisions), *sections],
        "held_back": {
            "entries": held_back,
            "why": _(
                "Entries about another person in your network are not released, to protect that person "
                "(GDPR art. 15(4), Danish data protection act § 22). Talk to your contact person if you have questions."
            ),
        },
        "lookups": lookups_of(youth),
    }


def _keys() -> dict:
    """The file's own keys in the youth's language (the rows' keys are the
    names of the information, already in it)."""
    return {
        "made_at": _("made at"),
        "about": _("about"),
        "keys": _("keys"),
        "data": _("data"),
        "section": _("section"),
        "rows": _("rows"),
        "held_back": _("held back"),
        "entries": _("entries"),
        "why": _("why"),
        "lookups": _("lookups"),
        "when": _("when"),
        "action": _("action"),
        "what": _("what"),
        "purpose": _("purpose"),
        "fields": _("fields"),
        "by": _("by"),
    }


def for_download(export: dict) -> dict:
    """The export as the youth downloads it: every key in their language,
    times as ISO 8601 (the file is for machines too)."""
    key = _keys()

    def renamed(mapping: dict) -> dict:
        return {key[name]: value for name, value in mapping.items()}

    explanations = {".".join(key[part] for part in name.split(".")): text for name, text in export["keys"].items()}
    lookups = [
        renamed({**lookup, "when": lookup["when"].isoformat(timespec="minutes")}) for lookup in export["lookups"]
    ]
    return renamed(
        {
            **export,
            "keys": explanations,
            "data": [renamed(section) for section in export["data"]],
            "held_back": renamed(export["held_back"]),
            "lookups": lookups,
        }
    )
