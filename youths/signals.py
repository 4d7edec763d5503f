"""Signals from the case file for apps built on top of it (pathways re-scans
a youth's flags when a contact is logged or the status changes), so youths
never imports them (docs/ARCHITECTURE.md, "Seams between layers")."""

from django.dispatch import Signal

# Sent after a committed-to-be change to a youth's case: kwargs youth.
case_changed = Signal()
