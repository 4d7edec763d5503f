"""The youth's right of access (GDPR art. 15): every personal data row kui
holds about them, and the dates and purposes of lookups in their file.

What is included, and why:
- Every row that points at the youth, found by walking the relations to
  the Youth model (three steps deep: youth → pathway → step → step event).
  Walking the relations instead of listing tables means a table a later app
  adds (partners' referrals, say) is exported without anyone remembering to
  add it here.
- Staff notes too (contact log, logbook notes, evaluation conversations):
  the right of access covers everything held about the person. The pages
  the youth browses do not show them; this file, asked for on purpose, does.
  Exceptions under databeskyttelsesloven § 22 are the municipality's
  decision case by case, outside this export.
- No staff names. A staff member appears as their role and organisation
  ("Contact person, Ungeindsatsen"), in the data and in the lookups alike.
- The CPR number appears masked. It is the youth's own, but this file is
  downloaded to phones and forwarded; whether a number is held is the point.
- Left out: internal ids and version counters, the encrypted CPR and its
  hash, and cached PDFs (copies of data listed elsewhere).
"""

import datetime
import uuid
from collections.abc import Iterator

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kui.accounts.models import User
from kui.audit.models import AuditEvent
from youths.models import Youth

DEPTH = 3
SKIPPED_MODELS = {"portfolio.portfoliopdf"}
SKIPPED_FIELDS = {"id", "public_id", "version"}
SKIPPED_MODEL_FIELDS = {"youths.youth": {"cpr_encrypted", "cpr_hash", "cpr_key_id"}, "pathways.flag": {"cause"}}
# Models that name a youth by public id instead of a foreign key, and where the export covers them.
BY_PUBLIC_ID = {"audit.auditevent": "lookups"}
VERIFY_PURPOSE = "public verification"
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
    gettext_noop("duplicate check"),
    gettext_noop("contact person proposal"),
    gettext_noop("break the glass"),
    gettext_noop("not visible to the user"),
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


def _row(obj, youth: Youth) -> dict:
    row = {}
    skipped = SKIPPED_FIELDS | SKIPPED_MODEL_FIELDS.get(obj._meta.label_lower, set())
    for field in obj._meta.concrete_fields:
        if field.name in skipped or isinstance(field, models.BinaryField):
            continue
        row[str(field.verbose_name)] = _value(obj, field, youth)
    for field in obj._meta.many_to_many:
        row[str(field.verbose_name)] = [str(item) for item in getattr(obj, field.name).all()]
    return row


def _youth_section(youth: Youth) -> dict:
    row = _row(youth, youth)
    row[str(_("CPR number"))] = youth.cpr_masked or None
    row[str(Youth._meta.get_field("user").verbose_name)] = youth.user.username if youth.user_id else None
    return {"section": str(Youth._meta.verbose_name), "rows": [row]}


def _sections(youth: Youth) -> list[dict]:
    lookups: dict[type, list[str]] = {}
    for model, lookup in relation_paths():
        lookups.setdefault(model, []).append(lookup)
    sections = []
    for model, paths in lookups.items():
        condition = Q()
        for path in paths:
            condition |= Q(**{path: youth})
        rows = [_row(obj, youth) for obj in model._default_manager.filter(condition).distinct()]
        if rows:
            sections.append({"section": str(model._meta.verbose_name_plural), "rows": rows})
    return sorted(sections, key=lambda section: section["section"])


def _model_name(content_type) -> str:
    model = content_type.model_class() if content_type else None
    return str(model._meta.verbose_name) if model else ""


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
                "when": timezone.localtime(event.at).isoformat(timespec="minutes"),
                "action": str(event.get_action_display()),
                "what": _model_name(event.content_type),
                "purpose": _(event.purpose) if event.purpose else "",
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
        "lookups": _("Each time your file was looked at, changed or exported."),
        "lookups.when": _("Date and time."),
        "lookups.action": _("What happened (read, changed, exported …)."),
        "lookups.what": _("Which kind of information."),
        "lookups.purpose": _("Why, when the system knows it."),
        "lookups.fields": _("Which pieces of information were changed (never their values)."),
        "lookups.by": _("Who, as role and organisation (staff are not named)."),
    }


def data_export(youth: Youth) -> dict:
    return {
        "made_at": timezone.localtime().isoformat(timespec="seconds"),
        "about": youth.display_name,
        "keys": key_explanations(),
        "data": [_youth_section(youth), *_sections(youth)],
        "lookups": lookups_of(youth),
    }
