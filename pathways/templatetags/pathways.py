from django import template

from pathways.board_columns import open_flag_labels

register = template.Library()


@register.filter
def open_flags(youth) -> list[tuple[str, str]]:
    return open_flag_labels(youth)
