import uuid
from types import SimpleNamespace

from django import template

from youths.board import BoardRow, row_cause_text
from youths.forms import ContactForm

register = template.Library()


@register.simple_tag(takes_context=True)
def contact_form_for(context, youth) -> ContactForm:
    """The quick contact form of one row: the bound one with the user's
    input and errors if this row was just submitted, else a fresh one."""
    bound = context.get("contact_form")
    if bound is not None and context.get("contact_form_youth") == youth.pk:
        return bound
    return ContactForm(prefix_id=youth.public_id.hex[:8])


@register.filter
def row_cause(row: BoardRow) -> str:
    """{{ row|row_cause }}: why the row is red or amber (youths.board.row_cause_text)."""
    return row_cause_text(row)


@register.inclusion_tag("youths/includes/_offline_contact_template.html")
def offline_contact_template() -> dict:
    """One blank contact form for the whole board, in a <template>: when a
    row's "Log contact" cannot fetch its form (no network), static/kui/offline.js
    copies this one in with the row's youth, so the contact can wait on the
    device. The all-zero id is the placeholder it replaces."""
    placeholder = SimpleNamespace(public_id=uuid.UUID(int=0), display_name="")
    return {"youth": placeholder, "form": ContactForm(prefix_id=placeholder.public_id.hex[:8]), "where": "board"}
