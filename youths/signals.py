"""Signals from the case file for apps built on top of it (pathways re-scans
a youth's flags when a contact is logged or the status changes), so youths
never imports them (docs/ARCHITECTURE.md, "Seams between layers")."""

from django.dispatch import Signal

# Sent after a committed-to-be change to a youth's case: kwargs youth.
case_changed = Signal()

# Sent inside the intake meeting's transaction, before the youth becomes
# active: kwargs meeting, by. A receiver that refuses (ValidationError) rolls
# the whole intake back. Pathways turns "what starts right away" into the
# first planned step and gives the contact person the ball.
intake_recorded = Signal()

# Kinds of activity the intake form offers for "what starts right away",
# registered by the app that owns steps (pathways); empty without it.
FIRST_STEP_KINDS: list[tuple[str, str]] = []


def register_first_step_kinds(choices) -> None:
    FIRST_STEP_KINDS[:] = list(choices)
