"""How the key figures can be split: by team, partner, support level or age
band. Each youth falls in exactly one group, so the groups add up to the
total (and a small group cannot hide behind an overlap):

- team: the youth's team ("No team" when none);
- partner: the partner organisation hosting the youth's latest step in the
  period (by start date; "No partner" when no step with a partner ran);
- support level: the youth's current support level;
- age band: the youth's age on the period's reading day.
"""

import datetime

from django.db.models import Case, CharField, Expression, F, Q, Value, When
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from kui.accounts.models import Organisation, Team
from kui.lib.dates import years_before
from youths.models import SupportLevel

NONE, TEAM, PARTNER, SUPPORT_LEVEL, AGE_BAND = "", "team", "partner", "support_level", "age_band"
BREAKDOWNS = {
    NONE: _("No breakdown"),
    TEAM: _("Team"),
    PARTNER: _("Partner"),
    SUPPORT_LEVEL: _("Support level"),
    AGE_BAND: _("Age band"),
}
# (key, label, youngest age, oldest age); everyone else is "other ages".
AGE_BANDS = [
    ("15-17", _("15–17 years"), 15, 17),
    ("18-24", _("18–24 years"), 18, 24),
    ("25-29", _("25–29 years"), 25, 29),
]
OTHER_AGES = "other"
NO_GROUP = "none"  # the key of "No team" / "No partner"


def group_expression(breakdown: str, as_of: datetime.date) -> Expression:
    """The youth's group as text, for the breakdowns that are the youth's own
    (the partner comes from the steps: see kpis._grouped)."""
    if breakdown == TEAM:
        return Cast(F("team"), CharField())
    if breakdown == SUPPORT_LEVEL:
        return F("support_level")
    if breakdown == AGE_BAND:
        return _age_band(as_of)
    return Value("", output_field=CharField())


def _age_band(as_of: datetime.date) -> Case:
    """Age on `as_of`, compared through birth dates: aged at least N means
    born on or before the day N years earlier."""
    whens = [
        When(
            Q(birth_date__lte=years_before(as_of, youngest), birth_date__gt=years_before(as_of, oldest + 1)),
            then=Value(key),
        )
        for key, _label, youngest, oldest in AGE_BANDS
    ]
    return Case(*whens, default=Value(OTHER_AGES), output_field=CharField())


def group_key(raw) -> str:
    """The group's key as text; NULL (no team, no partner) becomes "none"."""
    return NO_GROUP if raw is None or raw == "" else str(raw)


def group_order(breakdown: str, keys: set[str]) -> dict[str, str]:
    """The groups in the order tables show them, each with its stored name
    (a team's or partner's name; "" where label_for translates the key)."""
    if breakdown == SUPPORT_LEVEL:
        return {level.value: "" for level in SupportLevel if level.value in keys}
    if breakdown == AGE_BAND:
        return {key: "" for key in [*(band[0] for band in AGE_BANDS), OTHER_AGES] if key in keys}
    if breakdown in (TEAM, PARTNER):
        model = Team if breakdown == TEAM else Organisation
        ids = [int(key) for key in keys if key.isdigit()]
        names = {
            str(pk): name
            for pk, name in model.objects.filter(pk__in=ids).order_by("name", "pk").values_list("pk", "name")
        }
        names.update({key: key for key in keys if key not in names and key != NO_GROUP})  # deleted since
        return {**names, **({NO_GROUP: ""} if NO_GROUP in keys else {})}
    return {}


def label_for(breakdown: str, key: str, stored: str = "") -> str:
    """A group's label in the active language."""
    if breakdown == SUPPORT_LEVEL and key in SupportLevel.values:
        return str(SupportLevel(key).label)
    if breakdown == AGE_BAND:
        bands = {band_key: label for band_key, label, *_ in AGE_BANDS}
        return str(bands.get(key, _("Other ages")))
    if key == NO_GROUP:
        return str(_("No team") if breakdown == TEAM else _("No partner"))
    return stored or key
