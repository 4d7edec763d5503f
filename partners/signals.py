"""Signals for the app built on top of partners: pathways owns the steps, so
partners never writes one itself; it announces what the partner decided and
pathways (pathways/receivers.py) turns it into a step or a step's outcome.

A receiver refuses by raising ValidationError; the sending service runs in a
transaction, so a refusal leaves nothing saved. A receiver that did the work
returns the step, so the sender can tell that someone listened.
"""

from django.dispatch import Signal

# A partner accepted a referral: kwargs referral, by. The receiver adds the
# step to the youth's active pathway and returns it.
referral_accepted = Signal()

# Partner staff recorded the outcome of a step they host: kwargs youth,
# step_public_id, outcome, by. The receiver records it and returns the step.
partner_outcome_recorded = Signal()
