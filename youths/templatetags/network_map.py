"""The network map on the profile: the profile's context has the people
(`network`); these tags draw them and give the add form."""

from django import template
from django.utils.safestring import SafeString

from youths import network_map
from youths.forms_intake import NetworkPersonForm, ProfessionalForm

register = template.Library()


@register.simple_tag
def network_map_svg(youth, people) -> SafeString:
    return network_map.render_svg(youth, people)


@register.simple_tag(takes_context=True)
def network_person_form(context) -> NetworkPersonForm:
    """The bound form with the user's input and errors after a failed add,
    else a fresh one."""
    bound = context.get("network_form")
    return bound if bound is not None else NetworkPersonForm()


@register.simple_tag(takes_context=True)
def professional_form(context) -> ProfessionalForm:
    bound = context.get("professional_form")
    return bound if bound is not None else ProfessionalForm()
