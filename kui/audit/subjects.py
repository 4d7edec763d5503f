"""Data subjects: which model holds the people the trail is about.

The core cannot import the domain apps, so the youths app registers its model
here. Two things follow from the registration:

- every instance of it loaded while answering a request is noted, and the
  request's response records one read naming all of them (see
  `kui/audit/middleware.py`) — so a list, a partial, a PDF or an export that
  shows a youth is in the trail even if its view forgot;
- the trail can be shown with names, resolved through the model's own
  `visible_to(user)`: only people allowed to see the youth see the name,
  everyone else sees the public id.
"""

from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models.signals import post_init


@dataclass
class Subjects:
    model: type | None = None
    organisation_field: str = "organisation"


registry = Subjects()


@dataclass
class Seen:
    """What one request loaded, and what its own audit calls already named."""

    shown: set = field(default_factory=set)
    recorded: set = field(default_factory=set)


_seen: ContextVar[Seen | None] = ContextVar("kui_audit_seen", default=None)


def _note_loaded(sender, instance, **kwargs) -> None:
    seen = _seen.get()
    # From __dict__: reading a deferred public_id would cost a query per row.
    public_id = instance.__dict__.get("public_id")
    if seen is not None and public_id and instance.pk is not None:
        seen.shown.add(str(public_id))


def register(model, *, organisation_field: str = "organisation") -> None:
    registry.model, registry.organisation_field = model, organisation_field
    post_init.connect(_note_loaded, sender=model, dispatch_uid="kui_audit_subject_loaded")


def start() -> object:
    return _seen.set(Seen())


def finish(token) -> Seen | None:
    seen = _seen.get()
    _seen.reset(token)
    return seen


def note_recorded(ids) -> None:
    seen = _seen.get()
    if seen is not None:
        seen.recorded.update(str(i) for i in ids if i)


def names_for(public_ids, user) -> dict[str, str]:
    """Names of those subjects `user` may see; the rest stay ids."""
    if registry.model is None or not public_ids:
        return {}
    visible = registry.model.objects.visible_to(user).filter(public_id__in=set(public_ids))
    return {str(subject.public_id): str(subject) for subject in visible}


def of_organisation(organisation_id):
    """The public ids of the subjects an organisation holds (a subquery)."""
    if registry.model is None:
        return []
    return registry.model._default_manager.filter(**{f"{registry.organisation_field}_id": organisation_id}).values(
        "public_id"
    )
